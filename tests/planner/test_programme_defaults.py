"""Default progressions a therapist starts from, checked against the clinic's reference values
(shared/clinical-facts.md), on the shipped library.
"""

from __future__ import annotations

import datetime as dt

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.programme import facts
from planner.programme.defaults import default_days, default_item, default_rules, is_stretch
from planner.programme.ladder import is_running, next_on_ladder
from planner.programme.model import (
    Phase,
    Programme,
    ProgressField,
    RuleAction,
    RuleCondition,
    Weekday,
)
from planner.programme.schedule import materialise

CAT = builtin_catalogue()


def test_strength_load_rises_by_the_2_for_2_rule_within_acsm_range() -> None:
    rules = default_rules(CAT["squat"])
    load = [r for r in rules if r.field is ProgressField.LOAD]
    assert len(load) == 1
    assert load[0].condition is RuleCondition.TWO_FOR_TWO
    assert 2 <= (load[0].percent or 0) <= 10
    reps = next(r for r in rules if r.field is ProgressField.REPS)
    assert reps.cap == facts.STRENGTH_REPS_MAX == 12


def test_stretches_already_at_sixty_seconds_per_muscle_need_no_rule() -> None:
    stretch = CAT["hamstring_stretch"]
    assert is_stretch(stretch)
    assert stretch.dosage.sets * (stretch.dosage.hold_s or 0) >= facts.STRETCH_TOTAL_S
    assert default_rules(stretch) == []


def test_held_yoga_poses_count_as_stretches_not_as_reps_to_pile_up() -> None:
    pose = CAT["childs_pose"]
    assert is_stretch(pose)
    rules = default_rules(pose)
    assert all(r.field is not ProgressField.REPS or (r.cap or 0) <= 2 for r in rules)


def test_walk_jog_ladder_advances_only_while_pain_is_settled_and_stops_at_continuous_running() -> (
    None
):
    rules = default_rules(CAT["walk_jog_4_2"])
    advances = [r for r in rules if r.action is RuleAction.ADVANCE]
    assert [r.exercise for r in advances] == list(facts.RUN_LADDER[:-1])
    assert all(r.condition is RuleCondition.PAIN_OK for r in advances)
    # The ladder ends at a 30-minute jog (return-to-run guidance); nothing grows it further.
    assert [r for r in rules if r.action is RuleAction.CHANGE] == []
    assert facts.RUN_LADDER_END_MIN == 30


def test_cycling_grows_ten_percent_a_week_while_pain_is_low_up_to_an_hour() -> None:
    (rule,) = [r for r in default_rules(CAT["cycling"]) if r.action is RuleAction.CHANGE]
    assert (rule.field, rule.percent, rule.condition, rule.cap) == (
        ProgressField.DURATION,
        10.0,
        RuleCondition.PAIN_OK,
        facts.CARDIO_SESSION_MAX_MIN,
    )


def test_continuous_jogging_is_the_end_of_return_to_run_and_has_no_default_growth() -> None:
    assert CAT["continuous_jog_30"].dosage.duration_min == facts.RUN_LADDER_END_MIN
    assert default_rules(CAT["continuous_jog_30"]) == []


def test_no_timed_library_exercise_grows_past_its_planned_top_in_a_year() -> None:
    start = dt.date(2025, 1, 6)
    too_long = []
    for ex in CAT:
        minutes = ex.dosage.duration_min
        if minutes is None or ex.dosage.reps is not None or ex.dosage.hold_s is not None:
            continue
        programme = Programme(
            title="A year", start=start, phases=[Phase(name="P", weeks=52)],
            items=[default_item(ex, 1)],
        )  # fmt: skip
        weeks = materialise(programme, CAT).item_weeks
        top = facts.DURATION_GROWTH_MAX_FACTOR * minutes
        session_top = max(facts.CARDIO_SESSION_MAX_MIN, minutes * ex.dosage.sets)
        per_session = max((iw.dosage.duration_min or 0) * iw.dosage.sets for iw in weeks)
        longest = max(iw.dosage.duration_min or 0 for iw in weeks if iw.code == ex.code)
        if longest > top or per_session > session_top:
            too_long.append(f"{ex.code}: {longest} min a set, {per_session} min a session")
    assert too_long == []


def test_the_library_ladder_is_followed_for_each_walk_jog_step() -> None:
    steps = [facts.RUN_LADDER[0]]
    while (nxt := next_on_ladder(steps[-1], CAT)) is not None and nxt in facts.RUN_LADDER:
        steps.append(nxt)
    assert tuple(steps) == facts.RUN_LADDER


def test_running_days_keep_a_rest_day_between_runs() -> None:
    for ex in CAT:
        if not is_running(ex):
            continue
        days = [d.index for d in default_days(ex)]
        gaps = [(b - a) % 7 for a, b in zip(days, days[1:] + days[:1], strict=True)]
        assert len(days) == 1 or min(gaps) >= 2, ex.code


def test_daily_exercises_fall_every_day_and_three_a_week_on_monday_wednesday_friday() -> None:
    assert default_days(CAT["hamstring_stretch"]) == list(Weekday)
    assert default_days(CAT["squat"]) == [Weekday.MON, Weekday.WED, Weekday.FRI]


def test_every_library_exercise_gets_a_schedulable_default_item() -> None:
    start = dt.date(2025, 1, 6)
    problems = []
    for ex in CAT:
        item = default_item(ex, 1)
        try:
            programme = Programme(
                title="All", start=start, phases=[Phase(name="P", weeks=8)], items=[item]
            )
            schedule = materialise(programme, CAT)
        except Exception as exc:  # collect them all, then fail once with the list
            problems.append(f"{ex.code}: {exc}")
            continue
        if not all(iw.text for iw in schedule.item_weeks):
            problems.append(f"{ex.code}: a week without words")
    assert problems == []


@pytest.mark.parametrize("code", ["side_plank", "bird_dog", "curl_up"])
def test_mcgill_big_three_holds_stay_at_ten_seconds(code: str) -> None:
    ex = CAT[code]
    assert ex.dosage.hold_s == facts.BIG_THREE_HOLD_S
    assert all(r.field is not ProgressField.HOLD for r in default_rules(ex))


@pytest.mark.parametrize("code", ["side_plank", "bird_dog", "curl_up"])
def test_mcgill_big_three_get_their_own_pyramid_rules_not_the_generic_reps_rule(
    code: str,
) -> None:
    # 3 x 6 ten-second holds in the library: more holds per set up to the big-three cap, never
    # the endurance reps cap of 15, never a longer hold.
    ex = CAT[code]
    assert ex.dosage.reps is not None and ex.dosage.hold_s == facts.BIG_THREE_HOLD_S
    rules = default_rules(ex)
    reps = [r for r in rules if r.field is ProgressField.REPS]
    assert [(r.step, r.cap) for r in reps] == [
        (facts.BIG_THREE_REPS_STEP, facts.BIG_THREE_REPS_MAX)
    ]
    assert facts.BIG_THREE_REPS_MAX < facts.ENDURANCE_REPS_MAX
    assert all(r.field is not ProgressField.HOLD for r in rules)
