"""Week-by-week schedules worked out by hand, the way a therapist would fill in a progression
table on paper, then compared with what the planner computes for every week.

The engine cases use a small clinic library built here, so the numbers cannot drift when the
shipped library is edited; the last cases run on the real built-in library.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from exercise_library.catalogue import Catalogue, builtin_catalogue
from exercise_library.schema import Exercise
from planner.errors import UserError
from planner.programme.defaults import default_item, default_rules
from planner.programme.model import (
    Dosage,
    Item,
    Load,
    Phase,
    PhaseSpan,
    Programme,
    ProgressionRule,
    SessionLog,
    SideDosage,
)
from planner.programme.schedule import Schedule, Step, materialise

MONDAY = dt.date(2025, 3, 3)


def exercise(
    code: str,
    name: str,
    modality: str = "strength",
    *,
    sets: int = 3,
    reps: int | None = None,
    hold_s: int | None = None,
    duration_min: float | None = None,
    per_side: bool = False,
    sessions: int = 3,
    progressions: tuple[str, ...] = (),
    behaviours: tuple[str, ...] = (),
) -> Exercise:
    return Exercise.model_validate(
        {
            "code": code,
            "name": name,
            "modality": modality,
            "purpose": "Used by the progression tests.",
            "steps": ["Stand tall.", "Do the movement slowly.", "Come back to the start."],
            "cues": ["Breathe out as you work.", "Keep your back long."],
            "mistakes": ["Rushing the movement."],
            "targets": ["glute_max"],
            "equipment": ["none"],
            "position": "standing",
            "difficulty": 1,
            "impact": "low",
            "unilateral": per_side,
            "dosage": {
                "sets": sets,
                "reps": reps,
                "hold_s": hold_s,
                "duration_min": duration_min,
                "rest_s": 0,
                "sessions_per_week": sessions,
                "per_side": per_side,
            },
            "progressions": list(progressions),
            "behaviours": list(behaviours),
        }
    )


def clinic_library() -> Catalogue:
    exercises = [
        exercise("squat", "Squat", reps=10),
        exercise("side_plank", "Side plank", "pilates", sets=2, hold_s=15, per_side=True),
        exercise(
            "hamstring_stretch",
            "Hamstring stretch",
            "mobility",
            sets=1,
            hold_s=20,
            per_side=True,
            behaviours=("stretch",),
        ),
        exercise(
            "walk_jog_4_2",
            "Walk 4, jog 2",
            "cross_training",
            sets=5,
            duration_min=6,
            progressions=("walk_jog_3_3",),
            behaviours=("walk_jog",),
        ),
        exercise(
            "walk_jog_3_3",
            "Walk 3, jog 3",
            "cross_training",
            sets=5,
            duration_min=6,
            progressions=("walk_jog_2_4",),
            behaviours=("walk_jog",),
        ),
        exercise(
            "walk_jog_2_4",
            "Walk 2, jog 4",
            "cross_training",
            sets=5,
            duration_min=6,
            progressions=("jog_14_walk_2",),
            behaviours=("walk_jog",),
        ),
        exercise(
            "jog_14_walk_2",
            "Jog 14, walk 2",
            "cross_training",
            sets=2,
            duration_min=16,
            progressions=("continuous_jog_30",),
            behaviours=("walk_jog",),
        ),
        # The shipped library links continuous running on to hill sprints; the default
        # return-to-run rules must stop at continuous running all the same.
        exercise(
            "continuous_jog_30",
            "Easy jog",
            "cross_training",
            sets=1,
            duration_min=30,
            progressions=("hill_sprints",),
            behaviours=("continuous_run",),
        ),
        exercise("hill_sprints", "Hill sprints", "cross_training", sets=1, reps=6),
        exercise("bridge", "Bridge", "pilates", sets=2, reps=10, progressions=("bridge_march",)),
        exercise("bridge_march", "Bridge with march", "pilates", sets=2, reps=8, per_side=True),
    ]
    return Catalogue(exercises={e.code: e for e in exercises})


LIB = clinic_library()


def programme(*items: Item, weeks: int = 8, phases: list[Phase] | None = None) -> Programme:
    return Programme(
        title="Test programme",
        client="Jo Runner",
        start=MONDAY,
        phases=phases or [Phase(name="Block", weeks=weeks)],
        items=list(items),
    )


def rule(**fields: Any) -> ProgressionRule:
    return ProgressionRule.model_validate(fields)


def weekly(schedule: Schedule, key: str, *attrs: str) -> list[tuple[Any, ...]]:
    out = []
    for iw in schedule.weeks_of(key):
        values = []
        for attr in attrs:
            if attr == "kg":
                values.append(iw.dosage.load.amount if iw.dosage.load else None)
            elif attr == "code":
                values.append(iw.code)
            else:
                values.append(getattr(iw.dosage, attr))
        out.append(tuple(values))
    return out


# --- strength: reps and load --------------------------------------------------------------


def squat_item(load_cap: float | None = None) -> Item:
    return Item(
        key="squat",
        code="squat",
        order=1,
        dosage=Dosage(sets=3, reps=8, load=Load(unit="kg", amount=40), rest_s=90),
        days=["mon", "wed", "fri"],
        rules=[
            rule(field="reps", step=2, cap=12, from_week=3, every_weeks=2),
            rule(field="load", percent=5, cap=load_cap, from_week=2),
        ],
    )


def test_strength_eight_weeks_reps_first_within_twenty_percent_then_load() -> None:
    # By hand, one step a week at most, reps before load, no week's work up more than 20%:
    # reps 8 -> 9 in week 3 (+2 would be +25%, so +1), 9 -> 10 in week 5 (+2 would be 22%),
    # 10 -> 12 in week 7 (+20%, the top); only then the load: +5% of 40 kg = 2 kg in week 8.
    schedule = materialise(programme(squat_item()), LIB)
    assert weekly(schedule, "squat", "sets", "reps", "kg") == [
        (3, 8, 40.0),
        (3, 8, 40.0),
        (3, 9, 40.0),
        (3, 9, 40.0),
        (3, 10, 40.0),
        (3, 10, 40.0),
        (3, 12, 40.0),
        (3, 12, 42.0),
    ]
    week3 = schedule.week_of("squat", 3)
    assert week3 is not None and week3.step is Step.REPS
    assert week3.changes == ("Reps up from 8 to 9.",)
    week7, week8 = schedule.week_of("squat", 7), schedule.week_of("squat", 8)
    assert week7 is not None and week8 is not None
    assert week7.text == "3 sets of 12 with 40 kg, rest 90 seconds between sets"
    assert week7.changes == ("Reps up from 10 to 12. That is the most reps in this plan.",)
    assert week8.changes == ("Load up from 40 kg to 42 kg.",) and week8.step is Step.LOAD
    assert [iw.volume for iw in schedule.weeks_of("squat")] == [24, 24, 27, 27, 30, 30, 36, 36]


def test_strength_fourteen_weeks_load_stops_at_its_cap() -> None:
    # Load from week 8 (reps at their top), 5% a week rounded down to the half kilo: 42, 44,
    # 46, 48, 50, 52.5, 55, then 57.5 and 60 (the cap), where it stays.
    schedule = materialise(programme(squat_item(load_cap=60), weeks=16), LIB)
    loads = [row[0] for row in weekly(schedule, "squat", "kg")]
    assert loads == [40] * 7 + [42, 44, 46, 48, 50, 52.5, 55, 57.5, 60]


def test_sessions_fall_on_the_named_days_with_that_weeks_dose() -> None:
    schedule = materialise(programme(squat_item()), LIB)
    assert [d.date.weekday() for d in schedule.sessions()[:3]] == [0, 2, 4]
    assert len(schedule.days) == 56
    assert schedule.end == MONDAY + dt.timedelta(days=55)
    wednesday_week3 = schedule.day(MONDAY + dt.timedelta(days=16))
    assert wednesday_week3.week == 3
    (only,) = wednesday_week3.items
    assert (only.dosage.reps, only.dosage.load.amount) == (9, 40.0)  # type: ignore[union-attr]
    assert only.volume == 27 and only.kind == "exercise"
    assert schedule.day(MONDAY + dt.timedelta(days=17)).items == ()


def test_a_programme_starting_midweek_counts_weeks_from_its_start() -> None:
    wednesday = dt.date(2025, 3, 5)
    p = programme(squat_item()).model_copy(update={"start": wednesday})
    schedule = materialise(p, LIB)
    # Week 3 starts on Wednesday 19 March; Monday 17 March is still week 2.
    assert schedule.day(dt.date(2025, 3, 17)).week == 2
    assert schedule.day(dt.date(2025, 3, 17)).items[0].dosage.reps == 8
    assert schedule.day(dt.date(2025, 3, 19)).items[0].dosage.reps == 9


# --- holds --------------------------------------------------------------------------------


def test_hold_twelve_weeks_grows_within_twenty_percent_and_adds_sets_with_shorter_holds() -> None:
    item = Item(
        key="side_plank",
        code="side_plank",
        order=1,
        dosage=Dosage(sets=2, hold_s=15, per_side=True),
        days=["tue", "thu", "sat"],
        rules=[
            rule(field="hold", step=5, cap=30, from_week=2),
            rule(field="sets", step=1, cap=4, from_week=5, every_weeks=4),
        ],
    )
    schedule = materialise(programme(item, weeks=12), LIB)
    # By hand: +5 s is more than 20% until 25 s, so 15 -> 18 -> 21 -> 25 -> 30 (the top). The
    # set due in week 5 waits a week (one step a week) and comes with shorter holds so the
    # week's work rises by no more than 20%: 2 x 30 = 60 -> 3 x 24 = 72. Then the holds
    # grow back to 30 s, and the next set, due 4 weeks later, does the same: 4 x 27 = 108.
    assert weekly(schedule, "side_plank", "sets", "hold_s") == [
        (2, 15),
        (2, 18),
        (2, 21),
        (2, 25),
        (2, 30),
        (3, 24),
        (3, 28),
        (3, 30),
        (3, 30),
        (4, 27),
        (4, 30),
        (4, 30),
    ]
    assert schedule.week_of("side_plank", 1).text == "2 holds of 15 seconds on each side"  # type: ignore[union-attr]
    week6 = schedule.week_of("side_plank", 6)
    assert week6 is not None and week6.step is Step.SETS_FOR_REPS
    assert week6.changes == ("Sets up from 2 to 3. Hold down from 30 seconds to 24 seconds.",)
    assert week6.text == "3 holds of 24 seconds on each side"


@pytest.mark.parametrize("code", ["curl_up", "side_plank", "bird_dog"])
def test_mcgill_big_three_eight_weeks_keep_ten_second_holds_and_add_holds_a_set(
    code: str,
) -> None:
    # A client with low back pain does the McGill big three daily, 3 sets of 6 ten-second
    # holds to start. McGill keeps each hold at 10 s and builds volume with more holds in
    # each set, every second week from week 3. Two more holds a set would be a third more
    # work in one week, so each step is one hold: 6, 6, 7, 7, 8, 8, 9, 9, hold 10 s always.
    mcgill = exercise(
        code,
        "Big three",
        "pilates",
        sets=3,
        reps=6,
        hold_s=10,
        sessions=7,
        behaviours=("mcgill_big_three",),
    )
    library = Catalogue(exercises={code: mcgill})
    item = default_item(mcgill, 1)
    schedule = materialise(programme(item), library)
    assert weekly(schedule, item.key, "sets", "reps", "hold_s") == [
        (3, 6, 10),
        (3, 6, 10),
        (3, 7, 10),
        (3, 7, 10),
        (3, 8, 10),
        (3, 8, 10),
        (3, 9, 10),
        (3, 9, 10),
    ]
    week5 = schedule.week_of(item.key, 5)
    assert week5 is not None
    assert week5.text == "3 sets of 8, hold 10 seconds"
    assert week5.changes == ("Reps up from 7 to 8.",)


# --- stretches ----------------------------------------------------------------------------


def test_stretch_eight_weeks_builds_to_sixty_seconds_per_muscle_with_default_rules() -> None:
    stretch = LIB["hamstring_stretch"]
    item = default_item(stretch, 1).model_copy(update={"key": "hamstrings"})
    schedule = materialise(programme(item), LIB)
    # By hand: 1 x 20 s; the hold grows within 20% a week to 30 s, then a second hold comes in
    # with both holds shorter (2 x 18 = 36 s, +20%), and they grow back to 2 x 30 s = 60 s.
    assert weekly(schedule, "hamstrings", "sets", "hold_s") == [
        (1, 20),
        (1, 24),
        (1, 28),
        (1, 30),
        (2, 18),
        (2, 21),
        (2, 25),
        (2, 30),
    ]
    totals = [iw.volume for iw in schedule.weeks_of("hamstrings")]
    assert totals == [20, 24, 28, 30, 36, 42, 50, 60]
    assert schedule.week_of("hamstrings", 8).text == "2 holds of 30 seconds on each side"  # type: ignore[union-attr]


# --- running ------------------------------------------------------------------------------


def test_run_twelve_weeks_climbs_the_walk_jog_ladder_and_ends_at_thirty_minutes_of_jogging() -> (
    None
):
    item = default_item(LIB["walk_jog_4_2"], 1).model_copy(update={"key": "run"})
    assert item.days == ["mon", "wed", "fri"]  # a rest day between runs
    schedule = materialise(programme(item, weeks=12), LIB)
    # By hand: one ladder step a week; the return-to-run plan ends at a 30-minute jog, and
    # the default plan keeps it there rather than adding 10% a week for ever.
    assert weekly(schedule, "run", "code", "sets", "duration_min") == [
        ("walk_jog_4_2", 5, 6),
        ("walk_jog_3_3", 5, 6),
        ("walk_jog_2_4", 5, 6),
        ("jog_14_walk_2", 2, 16),
        *[("continuous_jog_30", 1, 30)] * 8,
    ]
    week2 = schedule.week_of("run", 2)
    assert week2 is not None
    assert week2.changes == (
        "Moves on from Walk 4, jog 2 to Walk 3, jog 3. Only if your pain stays at 2/10 or less "
        "while you run, and is no worse the next morning.",
    )
    assert week2.text == "5 rounds of 6 minutes"
    assert all(iw.changes == () for iw in schedule.weeks_of("run")[5:])


def test_a_client_who_reached_a_thirty_minute_jog_is_still_at_thirty_minutes_in_week_twenty() -> (
    None
):
    # Before the cap the 30-minute jog grew 10% a week to 163 minutes by week 20.
    item = default_item(LIB["continuous_jog_30"], 1)
    schedule = materialise(programme(item, weeks=20), LIB)
    assert {iw.dosage.duration_min for iw in schedule.weeks_of(item.key)} == {30}


def cardio(code: str, sets: int, minutes: float) -> Catalogue:
    ex = exercise(code, code.replace("_", " ").capitalize(), "cross_training", sets=sets,
                  duration_min=minutes)  # fmt: skip
    return Catalogue(exercises={code: ex})


@pytest.mark.parametrize(
    ("code", "sets", "start", "top", "top_text"),
    [
        # Twice the starting time, and never past 60 minutes of cardio in a session.
        ("cycling", 1, 30, 60, "60 minutes"),
        ("pool_swimming", 1, 20, 40, "40 minutes"),
        ("stair_climbing", 3, 3, 6, "3 rounds of 6 minutes"),
        ("short_walks", 3, 15, 20, "3 rounds of 20 minutes"),
    ],
)
def test_a_year_of_default_cardio_stops_at_its_planned_top(
    code: str, sets: int, start: float, top: float, top_text: str
) -> None:
    # Stair climbing used to reach "3 rounds of 215 minutes" by week 52.
    library = cardio(code, sets, start)
    item = default_item(library[code], 1)
    schedule = materialise(programme(item, weeks=52), library)
    minutes = [iw.dosage.duration_min for iw in schedule.weeks_of(item.key)]
    assert minutes[0] == start and max(minutes) == top and minutes[-1] == top
    assert schedule.weeks_of(item.key)[-1].text == top_text
    topped = [c for iw in schedule.weeks_of(item.key) for c in iw.changes if "in this plan" in c]
    assert len(topped) == 1 and "That is the longest time in this plan." in topped[0]


def test_a_running_rule_asking_for_twenty_percent_is_kept_to_the_ten_percent_weekly_limit() -> None:
    item = Item(
        key="run",
        code="continuous_jog_30",
        order=1,
        dosage=Dosage(duration_min=30),
        days=["mon", "wed", "fri"],
        rules=[rule(field="duration", percent=20, from_week=2)],
    )
    schedule = materialise(programme(item, weeks=3), LIB)
    assert [row[0] for row in weekly(schedule, "run", "duration_min")] == [30, 33, 36]
    assert schedule.week_of("run", 2).changes == (  # type: ignore[union-attr]
        "Time up from 30 minutes to 33 minutes. Running goes up by no more than 10% a week, so "
        "this step is small.",
    )
    assert all(iw.run for iw in schedule.weeks_of("run"))
    (monday,) = schedule.day(MONDAY).items
    assert monday.to_json()["kind"] == "run" and monday.to_json()["volume"] == 30


def test_the_clinics_own_weekly_limits_are_kept() -> None:
    # A clinic that allows running to rise 5% a week and other exercise 10%.
    from planner.policy import ClinicPolicy
    from planner.settings import ClinicSettings

    settings = ClinicSettings(
        clinical_overrides={
            "plan_weekly_rise_max_percent": 5,
            "weekly_volume_rise_max_percent": 10,
        }
    )
    policy = ClinicPolicy.from_settings(settings)
    run = Item(
        key="run", code="continuous_jog_30", order=2, dosage=Dosage(duration_min=30),
        days=["mon"], rules=[rule(field="duration", percent=20, from_week=2)],
    )  # fmt: skip
    schedule = materialise(programme(run, squat_item(), weeks=4), LIB, policy=policy)
    assert [row[0] for row in weekly(schedule, "run", "duration_min")] == [30, 31, 32, 33]
    # One rep more on 8 is 12.5%, above this clinic's 10%: the reps can go no further, so the
    # squat moves on to its load (which adds no reps or sets) from week 2.
    assert weekly(schedule, "squat", "reps", "kg") == [(8, 40), (8, 42), (8, 44), (8, 46)]


def test_stair_rounds_of_three_minutes_at_ten_percent_never_rise_faster_than_asked() -> None:
    # 3 rounds of 3 minutes of stairs, +10% a week. 10% of 3 minutes is 18 seconds, less than
    # the half-minute step, so the rise is saved up and half a minute is added once the saved
    # rises make one. A jump straight to 3.5 minutes would be +16.7% in a week.
    # By hand, week by week with what is saved: 3; 3 (0.3 saved); 3.5 (0.3 + 0.3 = 0.6, half
    # a minute added, 0.1 saved); 3.5 (0.1 + 0.35 = 0.45 saved); 4 (0.45 + 0.35 = 0.8, 0.3
    # saved); 4.5 (0.3 + 0.4 = 0.7, 0.2 saved); 5 (0.2 + 0.45 = 0.65); from 5 minutes on 10% is
    # half a minute or more, so half a minute a week: 5.5, 6, 6.5.
    library = cardio("stair_climbing", 3, 3)
    item = Item(
        key="stairs",
        code="stair_climbing",
        order=1,
        dosage=Dosage(sets=3, duration_min=3, rest_s=60),
        days=["mon", "wed", "fri"],
        rules=[rule(field="duration", percent=10, from_week=2)],
    )
    schedule = materialise(programme(item, weeks=10), library)
    minutes = [row[0] for row in weekly(schedule, "stairs", "duration_min")]
    assert minutes == [3, 3, 3.5, 3.5, 4, 4.5, 5, 5.5, 6, 6.5]
    for week, value in enumerate(minutes):
        assert value <= 3 * 1.1**week, f"week {week + 1} is ahead of 10% a week"
    week2 = schedule.week_of("stairs", 2)
    assert week2 is not None and week2.changes == ()
    assert week2.held == (
        "Time stays at 3 minutes this week. It goes up by half a minute in a later week.",
    )
    assert schedule.week_of("stairs", 3).changes == ("Time up from 3 minutes to 3.5 minutes.",)  # type: ignore[union-attr]


def test_a_four_minute_run_waits_rather_than_rise_faster_than_the_running_limit() -> None:
    # An easy 4-minute jog, +10% a week. 10% of 4 minutes is 24 seconds, less than the
    # half-minute step, and half a minute would be 12.5% in one week: the jog stays at
    # 4 minutes and says why, rather than break the weekly limit.
    jog = exercise(
        "easy_jog", "Easy jog", "cross_training", sets=1, duration_min=4, behaviours=("running",)
    )
    item = Item(
        key="jog",
        code="easy_jog",
        order=1,
        dosage=Dosage(duration_min=4),
        days=["mon", "wed", "fri"],
        rules=[rule(field="duration", percent=10, from_week=2)],
    )
    schedule = materialise(programme(item, weeks=4), Catalogue(exercises={"easy_jog": jog}))
    assert [row[0] for row in weekly(schedule, "jog", "duration_min")] == [4, 4, 4, 4]
    assert schedule.week_of("jog", 3).held == (  # type: ignore[union-attr]
        "The next step would add more than 10% to running in one week, so the dose stays the "
        "same. Your physio will set the next step at your review.",
    )


# --- per side -----------------------------------------------------------------------------


def test_left_and_right_doses_stay_separate_all_the_way_to_the_day_text() -> None:
    item = Item(
        key="side_plank",
        code="side_plank",
        order=1,
        dosage=Dosage(
            sets=3, reps=12, per_side=True, left=SideDosage(sets=3), right=SideDosage(sets=2)
        ),
        days=["mon", "thu"],
        rules=[rule(field="reps", step=2, cap=16, from_week=2)],
    )
    schedule = materialise(programme(item, weeks=4), LIB)
    texts = [iw.text for iw in schedule.weeks_of("side_plank")]
    assert texts == [
        "Left: 3 sets of 12. Right: 2 sets of 12.",
        "Left: 3 sets of 14. Right: 2 sets of 14.",
        "Left: 3 sets of 16. Right: 2 sets of 16.",
        "Left: 3 sets of 16. Right: 2 sets of 16.",
    ]
    thursday_week2 = schedule.day(MONDAY + dt.timedelta(days=10)).items[0]
    assert thursday_week2.text == "Left: 3 sets of 14. Right: 2 sets of 14."
    day_json = schedule.to_json()[10]
    dosage = day_json["items"][0]["dosage"]
    assert (dosage["left"]["sets"], dosage["right"]["sets"]) == (3, 2)


def test_a_rule_on_sets_moves_each_side_from_its_own_number() -> None:
    item = Item(
        key="bridge_march",
        code="bridge_march",
        order=1,
        dosage=Dosage(
            sets=2, reps=10, per_side=True, left=SideDosage(sets=1), right=SideDosage(sets=2)
        ),
        days=["mon"],
        rules=[rule(field="sets", step=1, cap=3, from_week=2)],
    )
    schedule = materialise(programme(item, weeks=3), LIB)
    sides = [
        (iw.dosage.for_side("left").sets, iw.dosage.for_side("right").sets)
        for iw in schedule.weeks_of("bridge_march")
    ]
    # The larger side sets the item's volume (2 x 10 = 20, so at most 24 next week): the left
    # gains a set at 10 reps, the right gains one with 8 reps a set (3 x 8 = 24).
    assert sides == [(1, 2), (2, 3), (3, 3)]
    week2 = schedule.week_of("bridge_march", 2)
    assert week2 is not None
    assert week2.changes == ("Sets up: left 1 to 2, right 2 to 3. Reps down: right 10 to 8.",)
    assert week2.text == "Left: 2 sets of 10. Right: 3 sets of 8."


# --- phases and ladders -------------------------------------------------------------------


def test_an_item_advances_to_the_next_exercise_on_its_ladder_when_phase_two_starts() -> None:
    item = Item(
        key="bridge",
        code="bridge",
        order=1,
        dosage=Dosage(sets=2, reps=10),
        days=["mon"],
        rules=[rule(action="advance", at_phase=2)],
    )
    phases = [Phase(name="Settle", weeks=2), Phase(name="Build", weeks=2)]
    schedule = materialise(programme(item, phases=phases), LIB)
    assert [iw.code for iw in schedule.weeks_of("bridge")] == [
        "bridge",
        "bridge",
        "bridge_march",
        "bridge_march",
    ]
    week3 = schedule.week_of("bridge", 3)
    assert week3 is not None
    assert week3.changes == ("Moves on from Bridge to Bridge with march.",)
    assert week3.text == "2 sets of 8 on each side"  # the new exercise's own starting dose
    assert week3.phase == 2 and schedule.day(MONDAY + dt.timedelta(days=14)).phase_name == "Build"


def test_an_item_limited_to_one_phase_is_only_scheduled_in_that_phase() -> None:
    early = Item(
        key="bridge", code="bridge", order=1, dosage=Dosage(reps=10), days=["mon"],
        phases=PhaseSpan(first=1, last=1),
    )  # fmt: skip
    late = Item(
        key="squat", code="squat", order=2, dosage=Dosage(sets=2, reps=8), days=["mon"],
        phases=PhaseSpan(first=2, last=2), rules=[rule(field="reps", step=1, from_week=2)],
    )  # fmt: skip
    phases = [Phase(name="One", weeks=2), Phase(name="Two", weeks=2)]
    schedule = materialise(programme(early, late, phases=phases), LIB)
    mondays = [[i.code for i in d.items] for d in schedule.sessions()]
    assert mondays == [["bridge"], ["bridge"], ["squat"], ["squat"]]
    # The squat starts phase 2 at its set dose; its first step comes a week later.
    assert [row[0] for row in weekly(schedule, "squat", "reps")] == [8, 9]
    table = schedule.progression_table()
    assert [r.key for r in table] == ["bridge", "squat"]
    assert table[1].weeks[0] is None and table[1].weeks[2] is not None


def test_reviews_are_marked_on_their_days() -> None:
    p = programme(squat_item()).model_copy(
        update={"review_dates": [MONDAY + dt.timedelta(days=28), MONDAY + dt.timedelta(days=56)]}
    )
    schedule = materialise(p, LIB)
    assert [d.date for d in schedule.days if d.review] == [MONDAY + dt.timedelta(days=28)]
    assert schedule.reviews[-1] == MONDAY + dt.timedelta(days=56)


def test_an_exercise_missing_from_the_library_is_named() -> None:
    item = Item(key="x", code="moon_walk", order=1, dosage=Dosage(reps=5), days=["mon"])
    with pytest.raises(UserError, match="moon_walk"):
        materialise(programme(item), LIB)


def test_a_log_for_an_item_not_in_the_programme_is_refused() -> None:
    log = SessionLog(date=MONDAY, item="deadlift", status="done")
    with pytest.raises(UserError, match="deadlift"):
        materialise(programme(squat_item()), LIB, [log])


# --- on the real library ------------------------------------------------------------------


def test_real_library_walk_jog_ladder_ends_at_continuous_running() -> None:
    cat = builtin_catalogue()
    item = default_item(cat["walk_jog_4_2"], 1)
    schedule = materialise(programme(item, weeks=8), cat)
    codes = [iw.code for iw in schedule.weeks_of(item.key)]
    assert codes[:5] == [
        "walk_jog_4_2",
        "walk_jog_3_3",
        "walk_jog_2_4",
        "jog_14_walk_2",
        "continuous_jog_30",
    ]
    assert set(codes[5:]) == {"continuous_jog_30"}  # never on to hill sprints by default
    minutes = [iw.dosage.duration_min or 0 for iw in schedule.weeks_of(item.key)][4:]
    for before, after in itertools.pairwise(minutes):
        assert after <= before * 1.10


@pytest.mark.parametrize(
    "code",
    ["bridge", "side_plank", "bird_dog", "dead_bug", "clamshell", "squat", "romanian_deadlift",
     "hamstring_stretch", "hip_flexor_stretch", "cycling", "walk_jog_4_2"],
)  # fmt: skip
def test_every_core_library_exercise_schedules_twelve_weeks_with_default_rules(code: str) -> None:
    cat = builtin_catalogue()
    ex = cat[code]
    assert default_rules(ex) == default_item(ex, 1).rules
    schedule = materialise(programme(default_item(ex, 1), weeks=12), cat)
    weeks = schedule.weeks_of(f"{code}-1")
    assert len(weeks) == 12
    assert all(iw.text for iw in weeks)
    # With nothing logged no week is less work than the one before, and none is more than
    # 20% more (10% for running).
    for before, after in itertools.pairwise(weeks):
        if before.code == after.code:
            limit = 1.10 if after.run else 1.20
            assert before.volume <= after.volume <= before.volume * limit + 1e-9


def test_an_advance_with_nowhere_to_go_says_so_once() -> None:
    item = Item(
        key="march",
        code="bridge_march",
        order=1,
        dosage=Dosage(sets=2, reps=8, per_side=True),
        days=["mon"],
        rules=[rule(action="advance", from_week=2)],
    )
    schedule = materialise(programme(item, weeks=3), LIB)
    assert [iw.code for iw in schedule.weeks_of("march")] == ["bridge_march"] * 3
    assert schedule.week_of("march", 2).held == (  # type: ignore[union-attr]
        "Bridge with march is the hardest step in your plan, so you keep doing it.",
    )
    assert schedule.week_of("march", 3).held == ()  # type: ignore[union-attr]
