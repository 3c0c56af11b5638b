"""Words for the running part: the therapist's reasons and the client's notes.

Client notes are printed with the runs (handout, calendar, CSV): short sentences a 12-year-old
can follow, distances in the clinic's unit. Reasons are for the therapist and name the rule and
its source.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.policy import ClinicPolicy
from planner.programme import facts
from planner.programme.model import Weekday
from planner.text import join_words
from planner.units import distance_text, km_to, plain_number


def _km(km: float, unit: str) -> str:
    return distance_text(round(km, 2), unit)  # type: ignore[arg-type]


def _days(days: Sequence[Weekday]) -> str:
    return join_words([d.label for d in days])


# --- for the therapist --------------------------------------------------------------------------


def cut_reason(now: float, before: float, rise: float, limit: float, when: str, unit: str) -> str:
    return (
        f"Weekly running is {plain_number(round(rise))}% more than {when} ({_km(before, unit)} "
        f"to {_km(now, unit)}), past the clinic's {plain_number(limit)}%: the plan cuts back to "
        f"the {_km(before, unit)} a week the client ran before the rise, then builds back to "
        f"{_km(now, unit)} by no more than the weekly running cap"
    )


def kept_reason(now: float, unit: str) -> str:
    return (
        f"Weekly distance stays at the {_km(now, unit)} the client runs now, with rest days "
        "and a warm-up"
    )


def easy_reason(base: str, km: float, runs: int, unit: str) -> str:
    return (
        f"Running plan for the training-load finding. {base}. Starts with {runs} easy "
        f"run{'s' if runs != 1 else ''} of {_km(km, unit)} a week."
    )


def long_reason(km: float, longest: float, percent: float, unit: str) -> str:
    return (
        f"The week's long run starts at {_km(km, unit)}, in the share of the week the client "
        f"gave it, and no run goes more than {plain_number(percent)}% past the longest of the "
        f"last 30 days ({_km(longest, unit)} before the plan; Frandsen 2025)."
    )


def ladder_reason(no_profile: bool) -> str:
    who = "running is among the client's goals" if no_profile else "the client is not running now"
    return (
        f"Return to running: {who}, so the plan climbs the walk/jog ladder, one step a week "
        "while pain stays at 2/10 or less and settles by the next day (return-to-run guidance)."
    )


def warm_up_reason(no_warm_up_found: bool) -> str:
    why = " The running profile says runs start without one." if no_warm_up_found else ""
    return f"The dynamic warm-up, on every run day, before the run.{why}"


def not_offered_note() -> str:
    return "No running plan: running is not safe for this client now (see the not-offered list)."


def no_warm_up_note() -> str:
    return "No warm-up for runs suits this client; add one by hand for the run days."


# --- for the client -------------------------------------------------------------------------


def run_days_note(days: Sequence[Weekday], rest: Sequence[Weekday]) -> str:
    run = f"Run on {_days(days)}."
    if not rest:
        return run
    return f"{run} Rest from running on {_days(rest)}."


def ladder_note() -> str:
    return (
        "Start once you can walk fast for 30 minutes with no pain. Move up a step only when "
        f"pain stays at {facts.RUN_PAIN_MAX}/10 or less while you run and has gone by the "
        "next morning."
    )


def warm_up_note() -> str:
    return "Do this just before each run."


def shoe_note(
    shoe_km: float | None, weekly_km: float, policy: ClinicPolicy, unit: str, weeks_ahead: int
) -> str:
    """A reminder to replace running shoes, now or in the week they reach the start of the
    replacement range (640-800 km in the seed articles)."""
    if shoe_km is None:
        return ""
    t = policy.thresholds.running
    low = shoe_distance(t.shoe_replace_from_km, unit)
    if shoe_km >= t.shoe_replace_from_km:
        high = shoe_distance(t.shoe_replace_max_km, unit)
        return (
            f"Your running shoes have done about {shoe_distance(shoe_km, unit)}. Shoes last about "
            f"{low.split()[0]} to {high}. Get new ones before your next run."
        )
    if weekly_km <= 0:
        return ""
    weeks = -(-(t.shoe_replace_from_km - shoe_km) // weekly_km)
    if weeks > weeks_ahead:
        return ""
    return f"Your running shoes will pass about {low} in week {int(weeks)}. Get new ones then."


def shoe_distance(km: float, unit: str) -> str:
    """Shoe distances to the nearest 10 of the clinic's unit: '640 km', '400 miles'."""
    value = round(km_to(km, unit) / 10) * 10  # type: ignore[arg-type]
    return f"{value} {'km' if unit == 'km' else 'miles'}"
