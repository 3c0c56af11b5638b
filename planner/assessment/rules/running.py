"""Training load from the running profile, like with like.

Each comparison is judged against the rule made for it (clinical-facts.md, Added: running
load): this week against last week by the week-to-week limit (Nielsen 2014), this week against
the week 4 weeks ago by the 4-week limit, the longest recent run against the longest of the 30
days before it (Frandsen 2025), and the shoes against the 640-800 km replacement range.
"""

from __future__ import annotations

from fractions import Fraction

from exercise_library.vocabulary import Imbalance
from planner.assessment.model import AssessmentFile
from planner.assessment.rules.common import Hit, n, x
from planner.assessment.thresholds import CLINIC_SETTING
from planner.assessment.thresholds.running import RunningThresholds
from planner.policy import ClinicPolicy
from planner.units import DistanceUnit, distance_text, plain_number, shown, unit_name


def _rise(
    now: float,
    before: float,
    limit_name: str,
    t: RunningThresholds,
    said: tuple[str, str, str],
    unit: DistanceUnit,
) -> str | None:
    """A sentence when ``now`` is more than the limit above ``before`` (None otherwise).

    ``said``: what is compared, with what, and why the limit matters ("{limit}" in it).
    """
    subject, compared, why = said
    limit = x(getattr(t, limit_name))
    new, old = x(now), x(before)
    if old == 0:
        if new == 0:
            return None
        change = f"{subject} is {distance_text(now, unit)}, against none {compared}"
    else:
        percent: Fraction = (new - old) / old * 100
        if percent <= limit:
            return None
        span = f"{n(shown(before, unit))} -> {n(shown(now, unit))} {unit_name(unit)}"
        change = f"{subject} is {n(percent)}% more than {compared} ({span})"
    source = t.source(limit_name)
    if source == CLINIC_SETTING:
        return f"{change}; the clinic's limit is a {n(limit)}% rise ({source})."
    return f"{change}; {why.format(limit=n(limit))} ({source})."


def _hit(sentence: str | None, measurement: str) -> list[Hit]:
    return [Hit(Imbalance.LOAD_MANAGEMENT, None, sentence, measurement)] if sentence else []


def week_to_week(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    r = a.running
    if r is None or r.weekly_km_last_week is None:
        return []
    said = (
        "This week's running distance",
        "last week's",
        "a rise of more than {limit}% from one week to the next raised injury risk in novice "
        "runners",
    )
    sentence = _rise(
        r.weekly_km, r.weekly_km_last_week, "weekly_increase_max_percent", th.running, said,
        policy.distance_unit,
    )  # fmt: skip
    return _hit(sentence, "weekly_km_last_week")


def four_weeks(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    r = a.running
    if r is None or r.weekly_km_4_weeks_ago is None:
        return []
    said = (
        "This week's running distance",
        "the week 4 weeks ago",
        "over 4 weeks a rise of more than {limit}% outruns a sensible weekly cap",
    )
    sentence = _rise(
        r.weekly_km, r.weekly_km_4_weeks_ago, "four_week_increase_max_percent", th.running,
        said, policy.distance_unit,
    )  # fmt: skip
    return _hit(sentence, "weekly_km_4_weeks_ago")


def longest_run(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    r = a.running
    if r is None or r.longest_run_km is None or r.longest_run_previous_30_days_km is None:
        return []
    said = (
        "The longest run this week",
        "the longest of the 30 days before",
        "one run more than {limit}% longer than that raised injury risk (HR 1.64)",
    )
    sentence = _rise(
        r.longest_run_km,
        r.longest_run_previous_30_days_km,
        "longest_run_increase_max_percent",
        th.running,
        said,
        policy.distance_unit,
    )
    return _hit(sentence, "longest_run_km")


def shoes(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.running
    r = a.running
    if r is None or r.shoe_km is None or x(r.shoe_km) < x(t.shoe_replace_from_km):
        return []
    unit = policy.distance_unit
    low, high = (
        plain_number(round(shown(km, unit)))
        for km in (t.shoe_replace_from_km, t.shoe_replace_max_km)
    )
    state = "past" if x(r.shoe_km) > x(t.shoe_replace_max_km) else "within"
    due = "worn out" if state == "past" else "due for replacement"
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            f"Running shoes have done {distance_text(r.shoe_km, unit)}, {state} the "
            f"{low}-{high} {unit_name(unit)} replacement range: {due} "
            f"({t.source('shoe_replace_max_km')}).",
            "shoe_km",
        )
    ]


def warm_up(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    r = a.running
    if r is None or r.warm_up is not False:
        return []
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            "Runs start without a warm-up (running profile).",
            "warm_up",
        )
    ]


def rest_days(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.running
    r = a.running
    if r is None or r.rest_days_per_week is None or r.rest_days_per_week >= t.rest_days_min:
        return []
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            f"{r.rest_days_per_week} rest days a week; at least {t.rest_days_min} is advised "
            f"({t.source('rest_days_min')}).",
            "rest_days_per_week",
        )
    ]
