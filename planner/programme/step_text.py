"""Plain words for the one-step-at-a-time plan: why a dose stays, how heavy to go, how small
a step is.

These join the dose and change words of :mod:`planner.programme.text` in the window, the
handout, the calendar and the CSV, so they follow the same rules: short sentences a
12-year-old can follow, numbers from :mod:`planner.programme.facts` or the clinic's policy, and
none of the planner's own terms.
"""

from __future__ import annotations

from planner.programme import facts
from planner.units import plain_number as number

# --- how heavy: load guidance printed with every loaded dose ----------------------------------


def _reserve() -> str:
    low, high = facts.EFFORT_RESERVE_REPS
    return f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def effort_guide(*, band: bool, holds: bool, rounds: bool = False) -> str:
    """How heavy to go when the dose names no weight or band: said as an effort.

    A weight you could lift 2-3 more times (the reps-in-reserve guide; facts.EFFORT_RESERVE_REPS);
    for a hold or a timed round (a carry), one that is hard by its end.
    """
    if holds or rounds:
        what = "a band" if band else "a weight"
        return f"with {what} that feels hard by the end of each {'round' if rounds else 'hold'}"
    if band:
        return f"with a band that makes the last {_reserve()} reps hard"
    return f"with a weight you could lift {_reserve()} more times"


def heavier_hint(*, band: bool) -> str:
    """A 2-for-2 load step with nothing logged yet: the client judges it at home."""
    if band:
        return "If the last set feels easy, try the next band colour."
    return "If the last set feels easy, try a little more weight."


def heavier_now(*, band: bool) -> str:
    """The logs show the 2-for-2 rule met, but the dose names no weight to add to."""
    done = (
        f"You did {facts.TWO_FOR_TWO_EXTRA_REPS} extra reps in the last set, "
        f"{facts.TWO_FOR_TWO_SESSIONS} times in a row."
    )
    if band:
        return f"{done} Move on to the next band colour."
    return f"{done} Use a little more weight from now on."


# --- a step kept small, or not taken ----------------------------------------------------------


def limit_text(percent: float, *, running: bool) -> str:
    """Said after a change the weekly limit made smaller than the plan asked."""
    what = "Running" if running else "The work in each exercise"
    return f"{what} goes up by no more than {number(percent)}% a week, so this step is small."


def no_rules_reason() -> str:
    return "This dose stays the same in your plan. Keep it up."


def top_reason(name: str) -> str:
    return (
        f"This is the most your plan asks of {name} for now. Keep it up. "
        "Your physio will set the next step at your review."
    )


def too_big_reason(percent: float, *, running: bool) -> str:
    what = "running" if running else "this exercise"
    return (
        f"The next step would add more than {number(percent)}% to {what} in one week, "
        "so the dose stays the same. Your physio will set the next step at your review."
    )


def next_step_reason(week: int) -> str:
    return f"The dose stays the same until week {week}, when the next step comes."


def run_top_reason() -> str:
    return "Your running stays at this level now. Your physio will plan any more at your review."
