"""Starting doses and progression rules for an exercise when the therapist has not set them.

The rules follow shared/clinical-facts.md through :mod:`planner.programme.facts`: loads rise by
the 2-for-2 rule, holds by 5 s a week to a cap, the McGill big three keep their 10 s holds and
add holds per set, stretches build to about 60 s per muscle, running climbs the walk/jog ladder
to a 30-minute jog, and timed work grows by at most 10% a week to a planned top, each step only
while pain stays low. Which of these an exercise gets is read from its behaviour tags
(``mcgill_big_three``, ``stretch``, ``hold``, ``walk_jog``, ``continuous_run``, ``running``),
never from its code, so a clinic's copy or its own exercise gets them too. A therapist edits
them per item; these are only where the plan starts.
"""

from __future__ import annotations

import math

from exercise_library.catalogue import Catalogue, builtin_catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Behaviour, Modality
from planner.programme import facts
from planner.programme.ladder import is_running, walk_jog_stages
from planner.programme.model import (
    Dosage,
    Item,
    Phase,
    PhaseSpan,
    ProgressField,
    ProgressionRule,
    RuleAction,
    RuleCondition,
    Weekday,
)

W = Weekday
# Spread sessions through the week so no two fall on the same day and rest days are even.
_SPREAD: dict[int, tuple[Weekday, ...]] = {
    1: (W.WED,),
    2: (W.TUE, W.FRI),
    3: (W.MON, W.WED, W.FRI),
    4: (W.MON, W.TUE, W.THU, W.FRI),
    5: (W.MON, W.TUE, W.WED, W.THU, W.FRI),
    6: (W.MON, W.TUE, W.WED, W.THU, W.FRI, W.SAT),
    7: tuple(Weekday),
}
# A rest day between runs (return-to-run guidance) allows at most 3 runs in a 7-day week.
_MAX_RUN_DAYS = 3


def is_stretch(exercise: Exercise) -> bool:
    """Static stretches and held stretch poses build towards a total time per muscle, not
    more reps (the exercise's ``stretch`` tag says so, whatever its code)."""
    return exercise.does(Behaviour.STRETCH) and exercise.dosage.hold_s is not None


def is_older_adult(age: int) -> bool:
    """ACSM's older adult (65 and over): stretches are held longer."""
    return age >= facts.OLDER_ADULT_AGE


def default_dosage(exercise: Exercise, *, older_adult: bool = False) -> Dosage:
    """The library's suggested dose in the programme's richer form; for an older adult a
    static stretch is held 30-60 s (ACSM) whatever the library's hold (a warm-up's brief
    stretch moves on as it is)."""
    lib = exercise.dosage
    hold = lib.hold_s
    static = is_stretch(exercise) and exercise.modality is not Modality.WARM_UP
    if older_adult and hold is not None and static:
        hold = min(max(hold, facts.STRETCH_HOLD_OLDER_MIN_S), facts.STRETCH_HOLD_OLDER_MAX_S)
    return Dosage(
        sets=lib.sets,
        reps=lib.reps,
        hold_s=hold,
        duration_min=lib.duration_min,
        rest_s=lib.rest_s,
        per_side=lib.per_side,
    )


def spread_days(sessions: int) -> list[Weekday]:
    """``sessions`` days a week, spread so rest days fall evenly between them."""
    return list(_SPREAD[min(max(sessions, 1), 7)])


def default_days(exercise: Exercise) -> list[Weekday]:
    sessions = min(exercise.dosage.sessions_per_week, 7)
    if is_running(exercise):
        sessions = min(sessions, _MAX_RUN_DAYS)
    return list(_SPREAD[sessions])


def _change(
    field: ProgressField,
    *,
    step: float | None = None,
    percent: float | None = None,
    cap: float | None = None,
    from_week: int = 2,
    every_weeks: int = 1,
    condition: RuleCondition | None = None,
    exercise: str | None = None,
) -> ProgressionRule:
    return ProgressionRule(
        field=field,
        step=step,
        percent=percent,
        cap=cap,
        from_week=from_week,
        every_weeks=every_weeks,
        condition=condition,
        exercise=exercise,
    )


def _duration_cap(exercise: Exercise) -> float | None:
    """Where a timed exercise's default growth stops (minutes a set), or None if it cannot grow.

    The return-to-run ladder ends at its 30-minute jog; other timed work may double its
    starting time but keep a whole session within the cardio limit.
    """
    lib = exercise.dosage
    if lib.duration_min is None:
        return None
    if exercise.does(Behaviour.CONTINUOUS_RUN):
        top = float(facts.RUN_LADDER_END_MIN)
    else:
        per_set = math.floor(facts.CARDIO_SESSION_MAX_MIN / lib.sets)
        top = min(lib.duration_min * facts.DURATION_GROWTH_MAX_FACTOR, per_set)
    return top if top > lib.duration_min else None


def _volume_rule(field: ProgressField, cap: float | None) -> ProgressionRule:
    """Running (and other endurance) time grows within the weekly limit, while pain is low."""
    return _change(
        field,
        percent=facts.RUN_WEEKLY_RISE_MAX_PERCENT,
        cap=cap,
        condition=RuleCondition.PAIN_OK,
    )


def _timed_rules(exercise: Exercise) -> list[ProgressionRule]:
    cap = _duration_cap(exercise)
    return [_volume_rule(ProgressField.DURATION, cap)] if cap is not None else []


def _running_rules(exercise: Exercise, catalogue: Catalogue) -> list[ProgressionRule]:
    if exercise.does(Behaviour.WALK_JOG):
        # One advance per remaining walk/jog step, each tied to its step so the ladder stops
        # at continuous running even if the library links that on to harder work. The plan
        # ends there, at the 30-minute jog: no rule grows it further.
        stages = walk_jog_stages(exercise, catalogue)
        return [
            ProgressionRule(
                action=RuleAction.ADVANCE,
                from_week=2,
                every_weeks=facts.RUN_STAGE_WEEKS,
                condition=RuleCondition.PAIN_OK,
                exercise=stage,
            )
            for stage in stages
        ]
    # Other running (an easy warm-up jog) grows like any timed work, up to its planned top.
    return _timed_rules(exercise)


def _stretch_rules(exercise: Exercise, older_adult: bool) -> list[ProgressionRule]:
    lib = exercise.dosage
    rules = []
    hold = default_dosage(exercise, older_adult=older_adult).hold_s or facts.STRETCH_HOLD_MAX_S
    if hold < facts.STRETCH_HOLD_MAX_S:
        rules.append(
            _change(ProgressField.HOLD, step=facts.HOLD_STEP_S, cap=facts.STRETCH_HOLD_MAX_S)
        )
    # Enough holds at the top hold time to reach the total per muscle. The library counts
    # holds as reps when it gives reps, otherwise as sets.
    holds_needed = math.ceil(facts.STRETCH_TOTAL_S / facts.STRETCH_HOLD_MAX_S)
    if lib.reps is not None:
        reps_needed = math.ceil(holds_needed / lib.sets)
        if lib.reps < reps_needed:
            rules.append(_change(ProgressField.REPS, step=1, cap=reps_needed))
    elif lib.sets < holds_needed:
        rules.append(_change(ProgressField.SETS, step=1, cap=holds_needed))
    return rules


def _reps_rules(exercise: Exercise) -> list[ProgressionRule]:
    lib = exercise.dosage
    strength = exercise.modality is Modality.STRENGTH
    most_reps = facts.STRENGTH_REPS_MAX if strength else facts.ENDURANCE_REPS_MAX
    rules = []
    if lib.reps is not None and lib.reps < most_reps:
        rules.append(
            _change(
                ProgressField.REPS,
                step=facts.REPS_STEP,
                cap=most_reps,
                every_weeks=facts.REPS_EVERY_WEEKS,
            )
        )
    if lib.sets < facts.STRENGTH_SETS_MAX:
        rules.append(
            _change(
                ProgressField.SETS,
                step=1,
                cap=facts.STRENGTH_SETS_MAX,
                from_week=3,
                every_weeks=facts.SETS_EVERY_WEEKS,
            )
        )
    if strength:
        rules.append(
            _change(
                ProgressField.LOAD,
                percent=facts.LOAD_STEP_PERCENT,
                condition=RuleCondition.TWO_FOR_TWO,
            )
        )
    return rules


def _big_three_rules(exercise: Exercise) -> list[ProgressionRule]:
    """McGill's curl-up, side bridge and bird dog: the 10 s hold stays, the holds add up.

    Volume grows the pyramid's way, by more holds in each set (never longer holds), to a cap.
    A big-three exercise given as holds only (no reps) grows by sets like any other hold.
    """
    lib = exercise.dosage
    if lib.reps is None:
        return _hold_rules(exercise)
    rules = []
    from_week = facts.BIG_THREE_FROM_WEEK
    missing_sets = facts.BIG_THREE_SETS - lib.sets
    if missing_sets > 0:
        rules.append(
            _change(
                ProgressField.SETS,
                step=1,
                cap=facts.BIG_THREE_SETS,
                from_week=from_week,
                every_weeks=facts.REPS_EVERY_WEEKS,
            )
        )
        # The pyramid's sets come first; more holds per set start once they are all there.
        from_week += missing_sets * facts.REPS_EVERY_WEEKS
    if lib.reps < facts.BIG_THREE_REPS_MAX:
        rules.append(
            _change(
                ProgressField.REPS,
                step=facts.BIG_THREE_REPS_STEP,
                cap=facts.BIG_THREE_REPS_MAX,
                from_week=from_week,
                every_weeks=facts.REPS_EVERY_WEEKS,
            )
        )
    return rules


def _hold_rules(exercise: Exercise) -> list[ProgressionRule]:
    lib = exercise.dosage
    big_three = exercise.does(Behaviour.MCGILL_BIG_THREE)
    top = facts.BIG_THREE_HOLD_S if big_three else facts.HOLD_MAX_S
    rules = []
    if (lib.hold_s or top) < top:
        rules.append(_change(ProgressField.HOLD, step=facts.HOLD_STEP_S, cap=top))
    if lib.sets < facts.STRENGTH_SETS_MAX:
        # McGill adds volume with more short holds rather than longer ones.
        rules.append(
            _change(
                ProgressField.SETS,
                step=1,
                cap=facts.STRENGTH_SETS_MAX,
                from_week=3,
                every_weeks=facts.SETS_EVERY_WEEKS,
            )
        )
    return rules


def _own_rules(exercise: Exercise, older_adult: bool) -> list[ProgressionRule]:
    lib = exercise.dosage
    if is_stretch(exercise):
        return _stretch_rules(exercise, older_adult)
    # Before the generic reps rule: the big three have reps *and* a 10 s hold, and must not
    # pile up reps to the endurance cap; a held position grows by the seconds held.
    if exercise.does(Behaviour.MCGILL_BIG_THREE):
        return _big_three_rules(exercise)
    if exercise.does(Behaviour.HOLD) and lib.hold_s is not None:
        return _hold_rules(exercise)
    if lib.reps is not None:
        return _reps_rules(exercise)
    if lib.hold_s is not None:
        return _hold_rules(exercise)
    if lib.duration_min is not None:
        # Other endurance work (cycling, swimming) grows like running does, pain permitting,
        # up to its planned top.
        return _timed_rules(exercise)
    return []


def _ladder_rule() -> ProgressionRule:
    """Once reps, holds and sets are at their top (and load, where there is load), the item
    moves on to the next exercise on its ladder, after a settling spell at the top; the
    schedule only offers one the client may do, for the same main muscle, and takes this step
    only when nothing else has room left."""
    return ProgressionRule(
        action=RuleAction.ADVANCE, from_week=2, every_weeks=facts.LADDER_SETTLE_WEEKS
    )


def default_rules(
    exercise: Exercise, catalogue: Catalogue | None = None, *, older_adult: bool = False
) -> list[ProgressionRule]:
    """Progression rules suited to this exercise, from the clinic's reference values.

    The exercise's behaviour tags choose the kind of rule, so a clinic's copy gets what its
    source gets. ``catalogue`` is the library its ladder links lead into (the built-in one
    when not given). A warm-up stays as it is: it readies the body for the work, and is not
    the work.
    """
    if exercise.modality is Modality.WARM_UP:
        return []
    if is_running(exercise):
        return _running_rules(exercise, catalogue if catalogue is not None else builtin_catalogue())
    rules = _own_rules(exercise, older_adult)
    # Timed work stops at its planned top: what comes after it (a run, intervals) is the
    # therapist's plan, not a default.
    if exercise.progressions and exercise.dosage.duration_min is None:
        rules.append(_ladder_rule())
    return rules


def default_item(
    exercise: Exercise,
    order: int,
    phases: PhaseSpan | None = None,
    catalogue: Catalogue | None = None,
    *,
    older_adult: bool = False,
) -> Item:
    """An item with the exercise's library dose (an older adult's longer stretch holds),
    spread days and default rules."""
    return Item(
        code=exercise.code,
        order=order,
        phases=phases,
        dosage=default_dosage(exercise, older_adult=older_adult),
        days=default_days(exercise),
        rules=default_rules(exercise, catalogue, older_adult=older_adult),
    )


def default_phase(weeks: int, name: str = "Home programme") -> Phase:
    """The one phase a new, empty programme starts with."""
    return Phase(name=name, weeks=weeks)
