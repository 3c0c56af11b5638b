"""Plain words for doses, changes, held progressions and the pain rule.

The client reads these at home with nobody to ask, so they are short, concrete sentences with
numbers, and the window, the PDF and the exports all take their wording from here. They aim at
the library's reading level (a Flesch-Kincaid grade of 6 on average, never above 8, checked
by tests/planner/test_client_readability.py) and never use the planner's own terms: a client
reads "the most reps in this plan", not "the cap".

The pain rule is worded once, here: the bands on the handout's scale, its sentences, and the
"only if" of a step that waits for low pain all read the same numbers from
:mod:`planner.programme.facts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Modality
from planner.programme import facts
from planner.programme.loading import load_guide
from planner.programme.model import (
    Dosage,
    Load,
    LoadUnit,
    ProgressField,
    RuleCondition,
    field_magnitude,
)
from planner.programme.progress import smallest_step
from planner.units import DistanceUnit, distance_text, plain_number

_ROUNDS_MODALITIES = frozenset({Modality.CARDIO, Modality.CROSS_TRAINING})


def number(value: float) -> str:
    """A number without a trailing '.0' (10, 10.5, 0.25)."""
    return plain_number(value)


def _plural(count: float, one: str, many: str) -> str:
    return f"{number(count)} {one if count == 1 else many}"


def seconds_text(seconds: int) -> str:
    if seconds < 120:
        return _plural(seconds, "second", "seconds")
    minutes, rest = divmod(seconds, 60)
    out = _plural(minutes, "minute", "minutes")
    return f"{out} {_plural(rest, 'second', 'seconds')}" if rest else out


def minutes_text(minutes: float) -> str:
    """'3 minutes', '2.5 minutes', '1 minute'; a shorter time that is no whole minute in
    seconds ('30 seconds', not '0.5 minutes'; '90 seconds', '2 minutes 10 seconds'), as short
    carries are timed and short times grow, a few seconds at a time; and any time that is no
    whole half minute in minutes and seconds ('2 minutes 32 seconds', never '2.533 minutes')."""
    seconds = round(minutes * 60)
    if (0 < minutes < 2.5 and seconds % 60) or seconds % 30:
        return seconds_text(seconds)
    return _plural(minutes, "minute", "minutes")


def day_text(day: dt.date) -> str:
    """'Mon 12 May': enough to find the session in a diary."""
    return f"{day:%a} {day.day} {day:%B}"


def load_text(load: Load) -> str:
    """The load as it follows an amount: 'with 10 kg', 'with the red band'."""
    amount = load.amount if load.amount is not None else 0.0
    if load.unit is LoadUnit.BAND and load.band is not None:
        return f"with the {load.band.value} band"
    if load.unit is LoadUnit.RPE:
        return f"at an effort of {number(amount)} out of 10"
    if load.unit is LoadUnit.RIR:
        if amount == 0:
            return "until you cannot do another rep well"
        return f"stopping when you could still do {_plural(amount, 'more rep', 'more reps')}"
    return f"with {number(amount)} {load.unit.value}"


def _uses_rounds(dosage: Dosage, exercise: Exercise | None) -> bool:
    if dosage.reps is not None or dosage.hold_s is not None:
        return False
    return exercise is None or exercise.modality in _ROUNDS_MODALITIES


def _amount(
    dosage: Dosage, exercise: Exercise | None, each_side: bool, distance_unit: DistanceUnit
) -> str:
    sets = dosage.sets
    one_set_of_holds = sets == 1 and dosage.reps is not None and dosage.hold_s is not None
    if one_set_of_holds:
        # '2 holds of 30 seconds' reads better than '1 set of 2, hold 30 seconds'.
        text = f"{_plural(dosage.reps or 1, 'hold', 'holds')} of {seconds_text(dosage.hold_s or 0)}"
    elif dosage.reps is not None:
        text = f"{_plural(sets, 'set', 'sets')} of {dosage.reps}"
    elif dosage.hold_s is not None:
        text = f"{_plural(sets, 'hold', 'holds')} of {seconds_text(dosage.hold_s)}"
    else:
        parts = []
        if dosage.duration_min is not None:
            parts.append(minutes_text(dosage.duration_min))
        if dosage.distance_km is not None:
            parts.append(distance_text(dosage.distance_km, distance_unit))
        what = " or ".join(parts)
        if sets > 1:
            word = "rounds" if _uses_rounds(dosage, exercise) else "sets"
            text = f"{sets} {word} of {what}"
        else:
            text = what
    if each_side:
        text += " on each side"
    if dosage.load is not None:
        joiner = ", " if dosage.load.unit is LoadUnit.RIR else " "
        text += joiner + load_text(dosage.load)
    if dosage.reps is not None and dosage.hold_s is not None and not one_set_of_holds:
        text += f", hold {seconds_text(dosage.hold_s)}"
    if dosage.reps is not None and dosage.duration_min is not None:
        text += f", for {minutes_text(dosage.duration_min)}"
    return text


def _shared_extras(dosage: Dosage, exercise: Exercise | None) -> list[str]:
    extras = []
    most_sets = max(dosage.for_side("left").sets, dosage.for_side("right").sets, dosage.sets)
    if dosage.rest_s and most_sets > 1:
        if _uses_rounds(dosage, exercise):
            between = "rounds"
        elif dosage.reps is None and dosage.hold_s is not None:
            between = "holds"
        else:
            between = "sets"
        extras.append(f"rest {seconds_text(dosage.rest_s)} between {between}")
    if dosage.tempo:
        extras.append(f"tempo {dosage.tempo}")
    return extras


def side_text(
    dosage: Dosage,
    side: str,
    exercise: Exercise | None = None,
    *,
    distance_unit: DistanceUnit = "km",
) -> str:
    """What one side does, without the shared rest and tempo: '3 sets of 12'."""
    return _amount(dosage.for_side(side), exercise, False, distance_unit)


def dosage_text(
    dosage: Dosage,
    exercise: Exercise | None = None,
    *,
    distance_unit: DistanceUnit = "km",
    rest_and_tempo: bool = True,
) -> str:
    """The whole dose in plain words, keeping left and right apart when they differ.

    '3 sets of 10 on each side, hold 5 seconds' or 'Left: 3 sets of 12. Right: 2 sets of 12.'
    A distance is given in ``distance_unit`` (the clinic's): '5 km' or '3.1 miles'. Without
    ``rest_and_tempo`` only the amount is said, for a line that already gave the rest once. A
    loaded exercise whose dose names no weight or band says how heavy to go, as an effort.
    """
    extras = _shared_extras(dosage, exercise) if rest_and_tempo else []
    guide = load_guide(exercise, dosage)
    if dosage.sides_differ:
        parts = [
            f"Left: {side_text(dosage, 'left', exercise, distance_unit=distance_unit)}.",
            f"Right: {side_text(dosage, 'right', exercise, distance_unit=distance_unit)}.",
        ]
        if guide:
            parts.append(f"Work {guide}.")
        if extras:
            parts.append(", ".join(extras).capitalize() + ".")
        return " ".join(parts)
    amount = _amount(dosage, exercise, dosage.per_side, distance_unit)
    return ", ".join([amount, *([guide] if guide else []), *extras])


# --- what changed from one week to the next ----------------------------------------------

_FIELD_LABEL = {
    ProgressField.SETS: "Sets",
    ProgressField.REPS: "Reps",
    ProgressField.HOLD: "Hold",
    ProgressField.DURATION: "Time",
    ProgressField.DISTANCE: "Distance",
    ProgressField.LOAD: "Load",
}


def value_text(field: ProgressField, dosage: Dosage, *, distance_unit: DistanceUnit = "km") -> str:
    """One part of a dose on its own: '12', '20 seconds', '10.5 kg', 'red band', '3.1 miles'."""
    value = getattr(dosage, field.dosage_attr)
    if value is None:
        return "none"
    if field is ProgressField.HOLD:
        return seconds_text(value)
    if field is ProgressField.DURATION:
        return minutes_text(value)
    if field is ProgressField.DISTANCE:
        return distance_text(value, distance_unit)
    if field is ProgressField.LOAD:
        load: Load = value
        if load.unit is LoadUnit.BAND and load.band is not None:
            return f"{load.band.value} band"
        if load.unit is LoadUnit.RPE:
            return f"effort {number(load.amount or 0)} of 10"
        if load.unit is LoadUnit.RIR:
            return f"{_plural(load.amount or 0, 'rep', 'reps')} to spare"
        return f"{number(load.amount or 0)} {load.unit.value}"
    return number(value)


def _direction(field: ProgressField, before: Dosage, after: Dosage) -> str:
    b, a = field_magnitude(field, before), field_magnitude(field, after)
    return "up" if (a or 0.0) > (b or 0.0) else "down"


def change_text(
    field: ProgressField, before: Dosage, after: Dosage, *, distance_unit: DistanceUnit = "km"
) -> str:
    """'Reps up from 10 to 12.' or, when the sides differ, 'Reps up: left 12 to 14, right ...'."""
    label = _FIELD_LABEL[field]

    def value(d: Dosage) -> str:
        return value_text(field, d, distance_unit=distance_unit)

    differ = any(
        value(d.for_side("left")) != value(d.for_side("right"))
        for d in (before, after)
        if d.per_side
    )
    if differ:
        bits = []
        for side in ("left", "right"):
            b, a = before.for_side(side), after.for_side(side)
            if value(b) != value(a):
                bits.append(f"{side} {value(b)} to {value(a)}")
        side_b, side_a = before.for_side("left"), after.for_side("left")
        if side_b == side_a:
            side_b, side_a = before.for_side("right"), after.for_side("right")
        return f"{label} {_direction(field, side_b, side_a)}: {', '.join(bits)}."
    direction = _direction(field, before, after)
    return f"{label} {direction} from {value(before)} to {value(after)}."


def advance_text(old_name: str, new_name: str) -> str:
    return f"Moves on from {old_name} to {new_name}."


def ladder_top_reason(name: str) -> str:
    return f"{name} is the hardest step in your plan, so you keep doing it."


def step_back_text(week: int) -> str:
    return f"Back to the dose of week {week}."


# The most of each part of a dose a plan goes up to, said as what it is for the client.
_MOST = {
    ProgressField.SETS: "the most sets",
    ProgressField.REPS: "the most reps",
    ProgressField.HOLD: "the longest hold",
    ProgressField.DURATION: "the longest time",
    ProgressField.DISTANCE: "the longest distance",
    ProgressField.LOAD: "the most load",
}


def cap_text(field: ProgressField) -> str:
    """The change just made reached the highest value the therapist planned."""
    return f"That is {_MOST[field]} in this plan."


def _smallest_step_text(field: ProgressField, step: float, distance_unit: DistanceUnit) -> str:
    if field is ProgressField.DURATION:
        return "half a minute" if step == 0.5 else minutes_text(step)
    if field is ProgressField.DISTANCE:
        return distance_text(step, distance_unit)
    if field is ProgressField.HOLD:
        return seconds_text(int(step))
    one = {ProgressField.SETS: "set", ProgressField.REPS: "rep"}.get(field, "step")
    return f"one {one}"


def saved_rise_text(
    field: ProgressField,
    dosage: Dosage,
    percent: float,
    *,
    running_limit: bool = False,
    distance_unit: DistanceUnit = "km",
) -> str:
    """Why a percent rule changed nothing this week: its change is still under one step.

    The client is told what stays and when it moves, not the arithmetic behind it.
    """
    label = _FIELD_LABEL[field]
    stays = "stay" if field in {ProgressField.SETS, ProgressField.REPS} else "stays"
    step = smallest_step(field, getattr(dosage, field.dosage_attr))
    goes = "goes up" if percent > 0 else "comes down"
    if dosage.sides_differ:
        where = "the same on each side"
    else:
        where = f"at {value_text(field, dosage, distance_unit=distance_unit)}"
    why = ""
    if running_limit:
        why = (
            f" Running goes up by no more than {number(facts.RUN_WEEKLY_RISE_MAX_PERCENT)}% a week."
        )
    return (
        f"{label} {stays} {where} this week.{why} It {goes} by "
        f"{_smallest_step_text(field, step, distance_unit)} in a later week."
    )


def pain_ok_max(running: bool) -> int:
    """The most pain during exercise that still lets a step go ahead."""
    return facts.RUN_PAIN_MAX if running else facts.PAIN_SAFE_MAX


def score_text(pain: int) -> str:
    """A pain score as every client text writes it: '3/10'."""
    return f"{pain}/10"


def condition_text(condition: RuleCondition, *, running: bool = False) -> str:
    """When a conditional step happens, said as a promise about the future.

    The pain limit is the top of the handout's "fine" band (0 to 3), or lower for running
    (2/10 or less), so the step reads the same as the pain rule on the front page.
    """
    if condition is RuleCondition.TWO_FOR_TWO:
        return (
            f"Only once you can do {facts.TWO_FOR_TWO_EXTRA_REPS} extra reps in the last set, "
            f"{facts.TWO_FOR_TWO_SESSIONS} times in a row."
        )
    doing = "you run" if running else "you exercise"
    return (
        f"Only if your pain stays at {score_text(pain_ok_max(running))} or less while {doing}, "
        "and is no worse the next morning."
    )


def condition_hint(condition: RuleCondition) -> str:
    """The condition for a rule editor, which does not know whether the item is a run."""
    if condition is RuleCondition.TWO_FOR_TWO:
        return condition_text(condition)
    return (
        f"Only if pain stays at {score_text(pain_ok_max(False))} or less "
        f"({score_text(pain_ok_max(True))} or less for running), and is no worse the next "
        "morning."
    )


# --- the pain rule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PainBand:
    """One part of the 0-10 scale and what it means while exercising."""

    low: int
    high: int
    label: str


def pain_bands() -> tuple[PainBand, PainBand, PainBand]:
    """The 0-10 scale in three bands (Silbernagel 2007, in planner.programme.facts)."""
    safe, ok = facts.PAIN_SAFE_MAX, facts.PAIN_ACCEPTABLE_MAX
    return (
        PainBand(0, safe, "Fine"),
        PainBand(safe + 1, ok, "All right if it settles"),
        PainBand(ok + 1, 10, "Too much: stop"),
    )


def _span(low: int, high: int) -> str:
    if low == high:
        return str(low)
    return f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def pain_rule(*, running: bool = False) -> list[str]:
    """The pain-monitoring rule as short sentences; ``running`` adds the lower limit for
    running steps when the plan has any."""
    fine, settles, _ = pain_bands()
    rule = [
        "While you exercise, score your pain from 0 (none) to 10 (the worst you can imagine). "
        f"Pain of {_span(fine.low, fine.high)} is fine. {_span(settles.low, settles.high)} "
        "is all right if it settles soon after you stop.",
        f"Pain above {score_text(settles.high)} is too much: stop that exercise for today.",
        "If pain or stiffness is worse the next morning, go back to last week's dose and tell us.",
    ]
    if running:
        rule.append(
            f"Running is the exception: keep pain at {score_text(facts.RUN_PAIN_MAX)} or less "
            "while you run."
        )
    return rule


# --- why a progression did not happen ----------------------------------------------------


def skipped_reason() -> str:
    return "Every session last week was skipped, so the dose stays the same."


def pain_too_high_reason(day: dt.date, pain: int, *, stepped_back: bool = True) -> str:
    return (
        f"Pain during exercise reached {score_text(pain)} on {day_text(day)}. "
        f"Above {score_text(facts.PAIN_ACCEPTABLE_MAX)} is too much. {_after_morning(stepped_back)}"
    )


def _after_morning(stepped_back: bool) -> str:
    if stepped_back:
        return "So the dose comes down a step."
    return "There is no earlier step to go back to, so the dose stays the same."


def worse_next_morning_reason(
    day: dt.date, during: int, morning: int, *, stepped_back: bool = True
) -> str:
    """Pain the next morning was higher than during the session."""
    return (
        f"After the session on {day_text(day)}, pain was worse the next morning "
        f"({score_text(during)} during, {score_text(morning)} the next morning). "
        f"{_after_morning(stepped_back)}"
    )


def high_next_morning_reason(day: dt.date, morning: int, *, stepped_back: bool = True) -> str:
    """No pain score during the session, and too much pain the next morning."""
    return (
        f"After the session on {day_text(day)}, pain was {score_text(morning)} the next "
        f"morning. That is above {score_text(facts.PAIN_ACCEPTABLE_MAX)}. "
        f"{_after_morning(stepped_back)}"
    )


def pain_not_settled_reason(day: dt.date, pain: int, *, running: bool = False) -> str:
    step = "running step" if running else "step"
    return (
        f"Pain during exercise was {score_text(pain)} on {day_text(day)}. The next {step} "
        f"waits until it stays at {score_text(pain_ok_max(running))} or less."
    )


def no_pain_scores_reason() -> str:
    return "No pain scores were written down last week, so the next step waits for them."


def two_for_two_not_met_reason() -> str:
    return (
        f"The next step up comes once you can do {facts.TWO_FOR_TWO_EXTRA_REPS} extra reps in "
        f"the last set, {facts.TWO_FOR_TWO_SESSIONS} times in a row. Your log does not show "
        "that yet."
    )
