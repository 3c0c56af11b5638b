"""The running part of a programme: when the running profile shows a load problem, or the
client is coming back to running.

The rules come from shared/clinical-facts.md ("Dosage and progression" and the running facts
added after it), with every number a clinic threshold (:mod:`planner.assessment.thresholds`):

- A client who runs and has a training-load finding gets weekly distance cut back to a base
  they tolerated (after a rise over the clinic's limit, the distance of 4 weeks before; else
  what they run now), spread over the week with rest days (at least the clinic's minimum), and
  one long run kept in the proportion the client ran it. It then rises by no more than the
  clinic's weekly running cap (the "10% rule"), pain permitting, back to where the client was;
  no run starts more than 10% longer than the longest of the last 30 days (Frandsen 2025).
- A client who is not running yet climbs the walk/jog ladder: same session length, one step a
  week while pain stays at 2/10 or less and settles by the next day, a rest day between runs.
- The dynamic warm-up goes on every run day, and shoes past the reminder distance (the seed
  articles' 640-800 km) get a reminder on the runs.

The runs are ordinary programme items (their exercises are runs in the library), so the
schedule, the calendar, the CSV and pain monitoring treat them like every other item.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Behaviour, Imbalance
from planner.assessment.model import AssessmentFile
from planner.documents import RunningPlan, RunSession
from planner.policy import ClinicPolicy
from planner.programme import facts, run_text
from planner.programme.defaults import default_dosage, default_rules, spread_days
from planner.programme.ladder import is_running
from planner.programme.model import (
    Dosage,
    Programme,
    ProgressField,
    ProgressionRule,
    RuleCondition,
    Weekday,
)
from planner.programme.schedule import Schedule
from planner.units import km_from, km_to

EASY_RUN = "easy_run"
LONG_RUN = "long_run"
# The whole-word signs in a client's goals that running is one of them.
_RUN_WORDS = frozenset({"run", "runs", "running", "jog", "jogging", "parkrun", "marathon"})
# Run distances are planned in steps of half a kilometre or half a mile (the clinic's unit).
_ROUND_TO = 0.5
# Less than this in a week is no running to compare a rise with (the plan's smallest step).
_LEAST_KM = 0.1
# A shoe reminder looks this many weeks ahead at the planned distance: the length of a usual
# first programme, to its review [U].
_SHOE_WEEKS_AHEAD = 8


@dataclass(frozen=True)
class RunItem:
    """One item of the running part, ready to go into a programme."""

    exercise: Exercise
    dosage: Dosage
    days: tuple[Weekday, ...]
    rules: tuple[ProgressionRule, ...]
    reason: str  # for the therapist
    notes: str = ""  # for the client, printed with the exercise
    primary_for: tuple[Imbalance, ...] = ()
    warm_up: bool = False


@dataclass(frozen=True)
class RunningPart:
    items: tuple[RunItem, ...]
    run_days: tuple[Weekday, ...]
    # For the therapist: why there is no running part, or what it could not do.
    notes: tuple[str, ...] = field(default_factory=tuple)


# --- when ----------------------------------------------------------------------------------------


def wants_to_run(a: AssessmentFile) -> bool:
    """Is running one of the client's goals (their PSFS activities)?"""
    items = a.questionnaires.psfs or []
    words = {w.strip(".,;:()").lower() for item in items for w in item.activity.split()}
    return bool(words & _RUN_WORDS)


def needs_running_plan(a: AssessmentFile, load_problem: bool) -> bool:
    """A running plan when the running profile shows a load problem, or the client is coming
    back to running (a profile with no running now, or running among their goals with none)."""
    r = a.running
    if r is not None and r.weekly_km > 0:
        return load_problem
    return r is not None or wants_to_run(a)


# --- the pieces ---------------------------------------------------------------------------------


def _floor_in(km: float, unit: str) -> float:
    """A distance rounded down to half a km (or half a mile), as km."""
    shown = km_to(km, unit)  # type: ignore[arg-type]
    steps = math.floor(shown / _ROUND_TO + 1e-9) * _ROUND_TO
    return km_from(max(steps, _ROUND_TO), unit)  # type: ignore[arg-type]


def _distance_rule(top_km: float) -> ProgressionRule:
    """Up by the weekly running rise (the engine keeps it within the clinic's own cap), to the
    distance the client ran before, only while pain stays low."""
    return ProgressionRule(
        field=ProgressField.DISTANCE,
        percent=facts.RUN_WEEKLY_RISE_MAX_PERCENT,
        cap=round(top_km, 2),
        from_week=2,
        condition=RuleCondition.PAIN_OK,
    )


def is_run_warm_up(ex: Exercise) -> bool:
    """A warm-up made for running (its ``run_warm_up`` tag) that is not itself a run."""
    return ex.does(Behaviour.RUN_WARM_UP) and not is_running(ex)


def ladder_start(catalogue: Catalogue) -> Exercise | None:
    """The first walk/jog step: a step no other walk/jog step leads to."""
    steps = [ex for ex in catalogue if ex.does(Behaviour.WALK_JOG)]
    led_to = {code for ex in steps for code in ex.progressions}
    first = sorted((ex for ex in steps if ex.code not in led_to), key=lambda ex: ex.code)
    return first[0] if first else None


@dataclass(frozen=True)
class _Base:
    weekly_km: float
    top_km: float
    reason: str


def _base(a: AssessmentFile, policy: ClinicPolicy, unit: str) -> _Base:
    """The weekly distance to start from and to build back to.

    Like with like: this week against last week (Nielsen 2014's limit), and against the week 4
    weeks ago (the clinic's 4-week limit). After a rise past either, the plan starts from the
    distance before it, the lower if both; otherwise from what the client runs now.
    """
    r = a.running
    assert r is not None
    t = policy.thresholds.running
    now = r.weekly_km
    compared = (
        (r.weekly_km_last_week, t.weekly_increase_max_percent, "last week"),
        (r.weekly_km_4_weeks_ago, t.four_week_increase_max_percent, "4 weeks ago"),
    )
    too_fast = [
        (before, (now - before) / before * 100, limit, when)
        for before, limit, when in compared
        if before is not None
        and _LEAST_KM <= before < now
        and (now - before) / before * 100 > limit
    ]
    if not too_fast:
        return _Base(now, now, run_text.kept_reason(now, unit))
    before, rise, limit, when = min(too_fast)
    return _Base(before, now, run_text.cut_reason(now, before, rise, limit, when, unit))


W = Weekday
# Run days for a week of n runs, the last (the long run) at the weekend, rest days spread.
_RUN_DAYS: dict[int, tuple[Weekday, ...]] = {
    1: (W.SAT,),
    2: (W.WED, W.SAT),
    3: (W.TUE, W.THU, W.SAT),
    4: (W.TUE, W.THU, W.SAT, W.SUN),
    5: (W.MON, W.TUE, W.THU, W.FRI, W.SUN),
    6: (W.MON, W.TUE, W.WED, W.FRI, W.SAT, W.SUN),
    7: tuple(Weekday),
}
# Runs a week when the profile does not say how many rest days the client takes [U].
_RUNS_IF_UNKNOWN = 3


def _run_days(a: AssessmentFile, policy: ClinicPolicy) -> tuple[Weekday, ...]:
    """The client's own number of runs, with at least the clinic's rest days a week."""
    r = a.running
    rest_min = policy.thresholds.running.rest_days_min
    if r is None or r.rest_days_per_week is None:
        runs = _RUNS_IF_UNKNOWN
    else:
        runs = 7 - r.rest_days_per_week
    return _RUN_DAYS[max(1, min(runs, 7 - rest_min))]


def _distance_items(
    a: AssessmentFile, policy: ClinicPolicy, catalogue: Catalogue, base: _Base, unit: str
) -> list[RunItem]:
    r = a.running
    assert r is not None
    t = policy.thresholds.running
    days = _run_days(a, policy)
    # The longest run of the last 30 days: this week's or the 30 days before it.
    longest = max(r.longest_run_km or 0, r.longest_run_previous_30_days_km or 0) or None
    most_one_run = longest * (1 + t.longest_run_increase_max_percent / 100) if longest else None
    rest = [d for d in Weekday if d not in days]
    shoes = run_text.shoe_note(r.shoe_km, base.weekly_km, policy, unit, _SHOE_WEEKS_AHEAD)
    common = run_text.run_days_note(days, rest)
    notes = " ".join(p for p in (common, shoes) if p)
    if len(days) >= 2 and longest and r.weekly_km > 0:
        # The long run keeps the share of the week the client gave it.
        share = min(longest / r.weekly_km, 1.0)
        long_km = base.weekly_km * share
        if most_one_run is not None:
            long_km = min(long_km, most_one_run)
        easy_km = (base.weekly_km - long_km) / (len(days) - 1)
        easy_km = min(easy_km, long_km)
        long_top = min(longest, base.top_km * share)
        easy_top = max((base.top_km - long_top) / (len(days) - 1), easy_km)
        long_start, easy_start = _floor_in(long_km, unit), _floor_in(easy_km, unit)
        return [
            _run_item(
                catalogue[EASY_RUN], easy_start, days[:-1], easy_top,
                run_text.easy_reason(base.reason, easy_start, len(days) - 1, unit), notes,
            ),
            _run_item(
                catalogue[LONG_RUN], long_start, days[-1:], long_top,
                run_text.long_reason(long_start, longest, t.longest_run_increase_max_percent, unit),
                notes,
            ),
        ]  # fmt: skip
    each = base.weekly_km / len(days)
    if most_one_run is not None:
        each = min(each, most_one_run)
    start = _floor_in(each, unit)
    top = max(base.top_km / len(days), start)
    reason = run_text.easy_reason(base.reason, start, len(days), unit)
    return [_run_item(catalogue[EASY_RUN], start, days, top, reason, notes)]


def _run_item(
    ex: Exercise,
    km: float,
    days: tuple[Weekday, ...],
    top_km: float,
    reason: str,
    notes: str,
) -> RunItem:
    dose = Dosage(sets=1, distance_km=round(km, 2))
    rules = (_distance_rule(top_km),) if top_km > km else ()
    return RunItem(ex, dose, days, rules, reason, notes, (Imbalance.LOAD_MANAGEMENT,))


def _ladder_item(
    a: AssessmentFile, ex: Exercise, days: tuple[Weekday, ...], catalogue: Catalogue
) -> RunItem:
    return RunItem(
        ex,
        default_dosage(ex),
        days,
        tuple(default_rules(ex, catalogue)),
        run_text.ladder_reason(a.running is None),
        run_text.ladder_note(),
        (Imbalance.LOAD_MANAGEMENT,),
    )


def _warm_up_item(ex: Exercise, days: tuple[Weekday, ...], no_warm_up_found: bool) -> RunItem:
    return RunItem(
        ex,
        default_dosage(ex),
        days,
        (),
        run_text.warm_up_reason(no_warm_up_found),
        run_text.warm_up_note(),
        (Imbalance.LOAD_MANAGEMENT,) if no_warm_up_found else (),
        warm_up=True,
    )


# --- the plan -------------------------------------------------------------------------------------


def plan_running(
    a: AssessmentFile,
    policy: ClinicPolicy,
    catalogue: Catalogue,
    load_problem: bool,
    offered: Callable[[Exercise], bool],
) -> RunningPart | None:
    """The running part for this client, or None when they need none.

    ``offered`` says whether an exercise may be offered to the client (the safety verdict);
    a run the client may not do is never planned, and the therapist is told why not.
    """
    if not needs_running_plan(a, load_problem):
        return None
    unit = policy.distance_unit
    r = a.running
    if r is not None and r.weekly_km > 0:
        runs = [i for i in (catalogue.get(EASY_RUN), catalogue.get(LONG_RUN)) if i is not None]
        if len(runs) < 2 or not all(offered(ex) for ex in runs):
            return RunningPart((), (), (run_text.not_offered_note(),))
        base = _base(a, policy, unit)
        items = _distance_items(a, policy, catalogue, base, unit)
    else:
        first = ladder_start(catalogue)
        if first is None or not offered(first):
            return RunningPart((), (), (run_text.not_offered_note(),))
        days = tuple(spread_days(3))  # a rest day between runs (return-to-run guidance)
        items = [_ladder_item(a, first, days, catalogue)]
    run_days = tuple(d for d in Weekday if any(d in i.days for i in items))
    warm_ups = sorted(
        (ex for ex in catalogue if is_run_warm_up(ex) and offered(ex)),
        key=lambda ex: (-len(ex.targets), ex.difficulty, ex.code),
    )
    notes: tuple[str, ...] = ()
    if warm_ups:
        no_warm_up = r is not None and r.warm_up is False
        items.insert(0, _warm_up_item(warm_ups[0], run_days, no_warm_up))
    else:
        notes = (run_text.no_warm_up_note(),)
    return RunningPart(tuple(items), run_days, notes)


# --- for the handout -------------------------------------------------------------------------


def running_plan_of(programme: Programme, schedule: Schedule) -> RunningPlan | None:
    """The programme's runs week by week, as the handout's running plan prints them (None when
    the programme has no runs); the runs' notes (rest days, shoes) go with it once."""
    items = {item.key: item for item in programme.items}
    runs = [iw for iw in schedule.item_weeks if iw.run]
    if not runs:
        return None
    sessions = tuple(
        RunSession(iw.week, tuple(items[iw.key].days), f"{iw.name}: {iw.text}") for iw in runs
    )
    notes = dict.fromkeys(items[iw.key].notes for iw in runs if items[iw.key].notes)
    return RunningPlan(sessions, tuple(notes), in_items=True)
