"""The verdict week by week: a client who changes with time is judged as they will be then.

A pregnancy recorded with its due date moves on through the trimesters while a programme runs,
so an exercise that is safe in week 1 may not be in week 6 (no supine work after the first
trimester: shared/clinical-facts.md, "Contraindications and precautions"). The programme
check and the schedule ask here, one day per programme week, instead of waiting for a
re-assessment to notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from exercise_library.schema import Exercise
from planner.policy import ClinicPolicy
from planner.safety.context import ClientContext
from planner.safety.verdict import Verdict, exercise_verdict


def first_exclusion(
    ex: Exercise, ctx: ClientContext, policy: ClinicPolicy, days: Iterable[dt.date]
) -> tuple[dt.date, Verdict] | None:
    """The first of ``days`` on which the exercise itself is ruled out for the client as they
    will be on that day, with that day's verdict (None: never). A referral block is the
    client's, not the exercise's, and is left to :func:`planner.safety.client_block`."""
    if ctx.pregnancy_due_date is None:
        days = list(days)[:1]  # nothing about the client changes with the date
    for day in days:
        verdict = exercise_verdict(ex, ctx.on(day), policy)
        if verdict.exercise_reasons:
            return day, verdict
    return None


def week_ends(start: dt.date, weeks: Iterable[int]) -> list[dt.date]:
    """The last day of each 1-based programme week (trimesters only move on, so the end of a
    week is its strictest day)."""
    return [start + dt.timedelta(days=7 * week - 1) for week in weeks]
