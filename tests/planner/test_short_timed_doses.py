"""Short timed doses grow a few seconds at a time, never past the weekly limit.

A 30-second carry cannot grow by half a minute (that doubles it); before this, such a dose
never grew at all, because no half-minute step fits in the 20% weekly limit, and neither did
any time from a minute to 2.5 minutes. Short times now step in whole seconds (5 s from half a
minute, 10 s from a minute), within the clinic's cap, and the handout says "35 seconds". The
schedules are the real ones, on the real farmer carry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from exercise_library.catalogue import Catalogue, builtin_catalogue
from exercise_library.schema import Exercise
from planner.policy import ClinicPolicy
from planner.programme.defaults import default_item
from planner.programme.exports import schedule_csv
from planner.programme.model import Item, Phase, Programme, ProgressionRule
from planner.programme.schedule import Schedule, materialise
from planner.programme.volume import Caps, volume

CAT = builtin_catalogue()
POLICY = ClinicPolicy.published()
CAPS = Caps.of(POLICY)
MONDAY = dt.date(2025, 3, 3)


def carry(seconds: int, sets: int = 3) -> Exercise:
    """The library's farmer carry, timed at ``seconds`` a round."""
    ex = CAT["farmer_carry"]
    dose = ex.dosage.model_copy(update={"duration_min": seconds / 60, "sets": sets})
    return ex.model_copy(update={"dosage": dose})


def schedule(ex: Exercise, weeks: int = 12, rules: list[ProgressionRule] | None = None) -> Schedule:
    item = default_item(ex, 1)
    if rules is not None:
        item = Item.model_validate({**item.model_dump(), "rules": rules})
    plan = Programme(
        title="Carry", client="Jo", start=MONDAY, phases=[Phase(name="B", weeks=weeks)],
        items=[item],
    )  # fmt: skip
    return materialise(plan, Catalogue(exercises={ex.code: ex}), policy=POLICY)


def seconds(schedule: Schedule) -> list[float]:
    return [(iw.dosage.duration_min or 0) * 60 for iw in schedule.item_weeks]


def test_a_thirty_second_carry_grows_five_seconds_at_a_time_to_its_minute() -> None:
    # By hand: the default rule asks for 10% a week (3 s on 30 s), less than the 5 s step, so
    # it is saved up: week 2 stays, week 3 has 6 s saved and adds 5 s. On main the carry stayed
    # at 30 s for all 12 weeks (half a minute would have been +100%).
    s = schedule(carry(30))
    assert [round(x) for x in seconds(s)] == [30, 30, 35, 35, 40, 45, 50, 55, 60, 60, 60, 60]
    week3 = s.week_of(s.item_weeks[0].key, 3)
    assert week3 is not None
    assert week3.text.startswith("3 rounds of 35 seconds")
    assert week3.changes[0].startswith("Time up from 30 seconds to 35 seconds.")
    week2 = s.week_of(s.item_weeks[0].key, 2)
    assert week2 is not None
    assert week2.held == (
        "Time stays at 30 seconds this week. It goes up by 5 seconds in a later week.",
    )


def test_a_rule_asking_for_half_a_minute_more_on_thirty_seconds_is_kept_within_the_limit() -> None:
    # The therapist asks for +0.5 minutes a week; the 20% limit allows 6 s, so 5 s are added.
    rule = ProgressionRule(field="duration", step=0.5, from_week=2)
    s = schedule(carry(30), weeks=4, rules=[rule])
    assert [round(x) for x in seconds(s)] == [30, 35, 40, 45]
    assert all(iw.text.startswith(f"3 rounds of {round(x)} seconds") for iw, x in
               zip(s.item_weeks, seconds(s), strict=True))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(10, 300),
    sets=st.integers(1, 4),
    rule=st.none()
    | st.builds(
        ProgressionRule,
        field=st.just("duration"),
        percent=st.sampled_from([5.0, 10.0, 20.0, 50.0, 100.0]),
        from_week=st.integers(2, 3),
    )
    | st.builds(
        ProgressionRule,
        field=st.just("duration"),
        step=st.sampled_from([0.25, 0.5, 1.0]),
        from_week=st.integers(2, 3),
    ),
)
def test_no_timed_dose_rises_past_the_weekly_limit(
    start: int, sets: int, rule: ProgressionRule | None
) -> None:
    s = schedule(carry(start, sets), rules=None if rule is None else [rule])
    weeks = s.item_weeks
    for before, after in itertools.pairwise(weeks):
        most = volume(before.dosage) * (1 + CAPS.volume_percent / 100)
        assert volume(after.dosage) <= most + 1e-9, (
            f"week {after.week}: {before.text} -> {after.text}"
        )
    for iw in weeks:
        secs = (iw.dosage.duration_min or 0) * 60
        if secs < 150:
            assert abs(secs - round(secs)) < 1e-6, "short times are whole seconds"
        assert not re.search(r"\d\.\d\d", iw.text), iw.text  # never '0.58 minutes'
    if start < 150 and (rule is None or rule.percent is None or rule.percent >= 10):
        # A short time grows at all (the default rule's 10% within three weeks), where
        # half-minute steps could never fit in the weekly limit. A 5% rule on 30 s saves up
        # 1.5 s a week and takes four weeks to reach the 5 s step, so it is left out here.
        assert max(seconds(s)[:4]) > start


def test_a_ninety_second_round_grows_ten_seconds_at_a_time_said_in_seconds() -> None:
    # Half a minute on 90 s is +33%, above the 20% limit: on main such a dose never grew.
    # By hand: 10% of 90 s is 9 s, under the 10 s step, saved; week 3 adds 10 s (18 s saved).
    s = schedule(carry(90), weeks=5)
    assert [round(x) for x in seconds(s)] == [90, 90, 100, 110, 120]
    week3 = s.week_of(s.item_weeks[0].key, 3)
    assert week3 is not None and week3.text.startswith("3 rounds of 100 seconds")
    assert week3.changes[0].startswith("Time up from 90 seconds to 100 seconds.")
    assert s.item_weeks[-1].text.startswith("3 rounds of 2 minutes,")


def test_the_csv_gives_thirty_five_seconds_as_a_short_number_of_minutes() -> None:
    rows = list(csv.DictReader(io.StringIO(schedule_csv(schedule(carry(30), weeks=3)))))
    week3 = [r for r in rows if r["week"] == "3"]
    assert week3 and {r["duration_min"] for r in week3} == {"0.5833"}
