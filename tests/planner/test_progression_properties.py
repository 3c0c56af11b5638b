"""The progression rules hold whatever the client logs: a property over recommended plans and
every built-in template.

For any session logs (pain during and the next morning, skipped sessions, reps above and below
target), every item's schedule keeps these promises:

- its weekly volume never rises by more than the clinic's cap (20% for exercise, 10% for
  running, on total weekly running too), and the next exercise on a ladder starts with no more
  work than the last week of the one before;
- one variable changes in a week at most (a set added with fewer reps is one change; going
  back to an earlier dose after pain is one step back);
- after a hold or a step back the plan goes on one step at a time, never two at once;
- a dose never stays the same for more than two weeks without a reason shown.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.io import load_assessment
from planner.operations.programmes import plan_from_assessment
from planner.policy import ClinicPolicy
from planner.programme.model import Dosage, Programme, SessionLog
from planner.programme.schedule import ItemWeek, Schedule, materialise
from planner.programme.templates import apply_template, builtin_templates
from planner.programme.volume import Caps, kind

CAT = builtin_catalogue()
POLICY = ClinicPolicy.published()
CAPS = Caps.of(POLICY)
START = dt.date(2026, 1, 5)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessments"
PLANNED = (
    "review_a_recreational_left_glute_med",
    "review_b_marathoner_hamstrings_load_spike",
    "runner_left_glute_med",
    "runner_follow_up",
    "pregnant_t2_disc_herniation",
    "prompt_flag_cleared",
)
_PARTS = ("sets", "reps", "hold_s", "duration_min", "distance_km", "load")


@cache
def programmes() -> tuple[Programme, ...]:
    plans = []
    for name in PLANNED:
        a = load_assessment(FIXTURES / f"{name}.json")
        plans.append(plan_from_assessment(a, POLICY, CAT, start=START, weeks=8))
    plans += [apply_template(t, START) for t in builtin_templates()]
    return tuple(plans)


# --- what a week's change is ------------------------------------------------------------------


def _sides(d: Dosage, part: str) -> tuple[object, object]:
    if not d.per_side:
        return getattr(d, part), getattr(d, part)
    return getattr(d.for_side("left"), part), getattr(d.for_side("right"), part)


def _moved(before: Dosage, after: Dosage, part: str) -> set[int]:
    """The directions (+1/-1) a part of the dose moved in, over both sides."""
    out = set()
    for b, a in zip(_sides(before, part), _sides(after, part), strict=True):
        if isinstance(a, int | float) and isinstance(b, int | float) and a != b:
            out.add(1 if a > b else -1)
    return out


def changed(before: ItemWeek, after: ItemWeek) -> set[str]:
    """The variables that changed from one week to the next, counting a new exercise as one
    and a set added with fewer reps (or shorter holds) as one."""
    if before.code != after.code:
        return {"exercise"}
    out = {p for p in _PARTS if _sides(before.dosage, p) != _sides(after.dosage, p)}
    if "sets" in out and len(out) == 2:
        other = (out - {"sets"}).pop()
        if other in ("reps", "hold_s"):
            sets, per_set = (
                _moved(before.dosage, after.dosage, "sets"),
                _moved(before.dosage, after.dosage, other),
            )
            if sets == {1} and per_set <= {-1}:
                out = {"sets"}
    return out


def rise_ok(before: ItemWeek, after: ItemWeek) -> bool:
    """An exercise's volume rises within the cap; moving on to the next exercise brings no
    more work than the last week of the one before (runs: within the running cap)."""
    if kind(before.dosage) is not kind(after.dosage) or after.stepped_back:
        return True  # a step back returns to a dose the client has done before
    limit = CAPS.percent(after.run or before.run)
    if before.code != after.code and not after.run:
        limit = 0
    return after.volume <= before.volume * (1 + limit / 100) + 1e-6


def problems(schedule: Schedule) -> list[str]:
    found = []
    keys = dict.fromkeys(iw.key for iw in schedule.item_weeks)
    for key in keys:
        weeks = schedule.weeks_of(key)
        for before, after in itertools.pairwise(weeks):
            where = f"{key} week {after.week}"
            if not rise_ok(before, after):
                found.append(f"{where}: volume {before.volume} -> {after.volume}")
            moved = changed(before, after)
            if after.stepped_back:
                earlier = {(w.code, w.dosage) for w in weeks if w.week < before.week}
                if (after.code, after.dosage) not in earlier:
                    found.append(f"{where}: a step back to a dose never done before")
            elif len(moved) > 1:
                found.append(f"{where}: {sorted(moved)} changed in one week")
        run: list[ItemWeek] = []
        for iw in [*weeks, None]:
            if iw is not None and run and (iw.code, iw.dosage) == (run[0].code, run[0].dosage):
                run.append(iw)
                continue
            if len(run) >= 3 and not any(w.held or w.changes for w in run[1:]):
                found.append(f"{key} weeks {run[0].week}-{run[-1].week}: stalls with no reason")
            run = [iw] if iw is not None else []
    totals: dict[int, float] = {}
    for iw in schedule.item_weeks:
        if iw.run:
            totals[iw.week] = totals.get(iw.week, 0.0) + iw.volume * _days(schedule, iw.key)
    for week in sorted(totals)[1:]:
        if (
            week - 1 in totals
            and totals[week] > totals[week - 1] * (1 + CAPS.running_percent / 100) + 1e-6
        ):
            found.append(f"running week {week}: {totals[week - 1]} -> {totals[week]}")
    return found


def _days(schedule: Schedule, key: str) -> int:
    return sum(1 for d in schedule.days[:7] for i in d.items if i.key == key) or 1


# --- random logs --------------------------------------------------------------------------------


@st.composite
def logged(draw: st.DrawFn) -> tuple[Programme, list[SessionLog]]:
    programme = draw(st.sampled_from(programmes()))
    logs = []
    for item in programme.items:
        for week in range(1, programme.total_weeks):
            if not draw(st.booleans()):
                continue
            day = START + dt.timedelta(days=7 * (week - 1) + item.days[0].index)
            status = draw(st.sampled_from(["done", "done", "partial", "skipped"]))
            target = item.dosage.reps
            reps = []
            if target is not None and status != "skipped":
                reps = draw(st.lists(st.integers(max(0, target - 2), target + 3), max_size=4))
            logs.append(
                SessionLog.model_validate(
                    {
                        "date": day,
                        "item": item.key,
                        "status": status,
                        "pain_during": draw(st.none() | st.integers(0, 10)),
                        "pain_next_morning": draw(st.none() | st.integers(0, 10)),
                        "reps": reps,
                    }
                )
            )
    return programme, logs


def test_every_plan_and_template_keeps_its_promises_with_nothing_logged() -> None:
    for programme in programmes():
        assert problems(materialise(programme, CAT, policy=POLICY)) == [], programme.title


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logged())
def test_whatever_the_client_logs_the_plan_keeps_its_promises(
    case: tuple[Programme, list[SessionLog]],
) -> None:
    programme, logs = case
    assert problems(materialise(programme, CAT, logs, policy=POLICY)) == []


def test_the_checker_catches_a_double_step() -> None:
    # The property is only worth having if it can fail: two changes at once are caught.
    programme = programmes()[0]
    schedule = materialise(programme, CAT, policy=POLICY)
    key = next(iw.key for iw in schedule.item_weeks if iw.dosage.reps)
    first = schedule.weeks_of(key)[0]
    d = first.dosage
    jump = d.model_copy(update={"sets": d.sets + 1, "reps": (d.reps or 0) + 2})
    bad = [
        first,
        ItemWeek(**{**first.__dict__, "week": 2, "dosage": jump, "volume": first.volume * 2}),
    ]
    fake = Schedule(
        title="x", start=START, end=START, total_weeks=2, days=(), item_weeks=tuple(bad),
        reviews=(),
    )  # fmt: skip
    found = problems(fake)
    assert any("changed in one week" in p for p in found)
    assert any("volume" in p for p in found)
