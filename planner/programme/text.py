"""Plain words for doses, changes and held progressions.

The client reads these at home with nobody to ask, so they are short, concrete sentences with
numbers, and the window, the PDF and the exports all take their wording from here.
"""

from __future__ import annotations

import datetime as dt

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Modality
from planner.programme import facts
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
    dosage: Dosage, exercise: Exercise | None = None, *, distance_unit: DistanceUnit = "km"
) -> str:
    """The whole dose in plain words, keeping left and right apart when they differ.

    '3 sets of 10 on each side, hold 5 seconds' or 'Left: 3 sets of 12. Right: 2 sets of 12.'
    A distance is given in ``distance_unit`` (the clinic's): '5 km' or '3.1 miles'.
    """
    extras = _shared_extras(dosage, exercise)
    if dosage.sides_differ:
        parts = [
            f"Left: {side_text(dosage, 'left', exercise, distance_unit=distance_unit)}.",
            f"Right: {side_text(dosage, 'right', exercise, distance_unit=distance_unit)}.",
        ]
        if extras:
            parts.append(", ".join(extras).capitalize() + ".")
        return " ".join(parts)
    return ", ".join([_amount(dosage, exercise, dosage.per_side, distance_unit), *extras])


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
            return f"{_plural(load.amount or 0, 'rep', 'reps')} in reserve"
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
    return f"There is no harder exercise after {name} on its ladder, so it stays."


def step_back_text(week: int) -> str:
    return f"Back to the dose of week {week}."


def cap_text(field: ProgressField) -> str:
    return f"This is the planned top for {_FIELD_LABEL[field].lower()}."


def running_limit_text() -> str:
    return (
        f"Kept to a {number(facts.RUN_WEEKLY_RISE_MAX_PERCENT)}% rise on last week, "
        "the weekly limit for running."
    )


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
    """Why a percent rule changed nothing this week: its change is still under one step."""
    label = _FIELD_LABEL[field]
    stays = "stay" if field in {ProgressField.SETS, ProgressField.REPS} else "stays"
    step = smallest_step(field, getattr(dosage, field.dosage_attr))
    change = "rise" if percent > 0 else "drop"
    limit = " (the weekly limit for running)" if running_limit else ""
    if dosage.sides_differ:
        where = "the same on each side"
    else:
        where = f"at {value_text(field, dosage, distance_unit=distance_unit)}"
    return (
        f"{label} {stays} {where} because a {number(abs(percent))}% {change}{limit} is less "
        f"than {_smallest_step_text(field, step, distance_unit)}; the {change} is saved up and "
        "made in a later week."
    )


def pain_ok_max(running: bool) -> int:
    """The most pain during exercise that still lets a step go ahead."""
    return facts.RUN_PAIN_MAX if running else facts.PAIN_SAFE_MAX


def condition_text(condition: RuleCondition, *, running: bool = False) -> str:
    """When a conditional step happens, said as a promise about the future.

    A running step needs lower pain (below 3/10) than other exercise (3/10 or less).
    """
    if condition is RuleCondition.TWO_FOR_TWO:
        return (
            f"Only once you manage {facts.TWO_FOR_TWO_EXTRA_REPS} extra reps in the last set, "
            f"{facts.TWO_FOR_TWO_SESSIONS} sessions in a row."
        )
    return (
        f"Only if pain during exercise stays at {pain_ok_max(running)}/10 or less "
        "and is no worse the next morning."
    )


def condition_hint(condition: RuleCondition) -> str:
    """The condition for a rule editor, which does not know whether the item is a run."""
    if condition is RuleCondition.TWO_FOR_TWO:
        return condition_text(condition)
    return (
        f"Only if pain during exercise stays at {pain_ok_max(False)}/10 or less "
        f"({pain_ok_max(True)}/10 or less for running) and is no worse the next morning."
    )


# --- why a progression did not happen ----------------------------------------------------


def skipped_reason() -> str:
    return "Every session last week was skipped, so the dose stays the same."


def pain_too_high_reason(day: dt.date, pain: int) -> str:
    return (
        f"Pain during exercise reached {pain}/10 on {day_text(day)}. "
        f"Above {facts.PAIN_ACCEPTABLE_MAX}/10 is too much, so the dose stays the same."
    )


def _after_morning(stepped_back: bool) -> str:
    if stepped_back:
        return "so the dose comes down a step."
    return "There is no earlier step to go back to, so the dose stays the same."


def worse_next_morning_reason(
    day: dt.date, during: int, morning: int, *, stepped_back: bool = True
) -> str:
    """Pain the next morning was higher than during the session."""
    said = f"({during}/10 during, {morning}/10 next morning)"
    joiner = ", " if stepped_back else ". "
    return (
        f"Pain was worse the morning after the session on {day_text(day)} {said}"
        f"{joiner}{_after_morning(stepped_back)}"
    )


def high_next_morning_reason(day: dt.date, morning: int, *, stepped_back: bool = True) -> str:
    """No pain score during the session, and too much pain the next morning."""
    joiner = ", " if stepped_back else ". "
    return (
        f"Pain was {morning}/10 the morning after the session on {day_text(day)}, above "
        f"{facts.PAIN_ACCEPTABLE_MAX}/10{joiner}{_after_morning(stepped_back)}"
    )


def pain_not_settled_reason(day: dt.date, pain: int, *, running: bool = False) -> str:
    step = "running step" if running else "step"
    return (
        f"Pain during exercise was {pain}/10 on {day_text(day)}. The next {step} waits until "
        f"it stays at {pain_ok_max(running)}/10 or less."
    )


def no_pain_scores_reason() -> str:
    return "No pain scores were logged last week, so the next step waits for them."


def two_for_two_not_met_reason() -> str:
    return (
        f"The load goes up after {facts.TWO_FOR_TWO_SESSIONS} sessions in a row with "
        f"{facts.TWO_FOR_TWO_EXTRA_REPS} extra reps in the last set; the logs do not show that yet."
    )
