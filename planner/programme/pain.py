"""What a week of session logs says about the next week: go on, hold, or go back a step.

Pain monitoring follows Silbernagel 2007 (numbers in :mod:`planner.programme.facts`): pain
during exercise up to 3/10 is safe, 4-5/10 acceptable, above 5/10 too much; pain or stiffness
worse the next morning means the load comes down. The handout tells the client to go back to
last week's dose when pain is too much, so the schedule does the same: too much pain during a
session, or pain worse the next morning, takes the dose back a step, and the programme then
goes on one step at a time. Skipped sessions only hold the dose.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.programme import facts, text
from planner.programme.model import Dosage, SessionLog, SessionStatus


@dataclass(frozen=True)
class Verdict:
    step_back: bool
    reason: str
    # For a step back with no earlier step to go back to: why the dose stays as it is.
    nothing_to_step_back_to: str = ""


def _morning_verdict(log: SessionLog) -> Verdict | None:
    """Step back if pain was worse the next morning (or, unscored during, too high then)."""
    morning, during = log.pain_next_morning, log.pain_during
    if morning is None:
        return None
    if during is not None:
        # Silbernagel 2007: pain or stiffness worse the next morning -> reduce the load. High
        # pain that eased by the morning is not worse; pain during above 5/10 is read below.
        if morning <= during:
            return None
        return Verdict(
            True,
            text.worse_next_morning_reason(log.date, during, morning, stepped_back=True),
            text.worse_next_morning_reason(log.date, during, morning, stepped_back=False),
        )
    if morning <= facts.PAIN_ACCEPTABLE_MAX:
        return None
    return Verdict(
        True,
        text.high_next_morning_reason(log.date, morning, stepped_back=True),
        text.high_next_morning_reason(log.date, morning, stepped_back=False),
    )


def pain_verdict(week_logs: list[SessionLog]) -> Verdict | None:
    """What last week's logs say about going on: nothing, hold, or step back."""
    if not week_logs:
        return None
    done = [log for log in week_logs if log.status is not SessionStatus.SKIPPED]
    if not done:
        return Verdict(False, text.skipped_reason())
    for log in done:
        verdict = _morning_verdict(log)
        if verdict is not None:
            return verdict
    too_much = [log for log in done if (log.pain_during or 0) > facts.PAIN_ACCEPTABLE_MAX]
    if too_much:
        worst = max(too_much, key=lambda log: (log.pain_during or 0, log.date))
        pain = worst.pain_during or 0
        return Verdict(
            True,
            text.pain_too_high_reason(worst.date, pain),
            text.pain_too_high_reason(worst.date, pain, stepped_back=False),
        )
    return None


def pain_ok(week_logs: list[SessionLog], running: bool) -> str | None:
    """None when last week's pain allows the next step; otherwise why not.

    Pain worse the next morning or above 5/10 has already taken the dose back (see
    :func:`pain_verdict`), so this reads pain during exercise: up to 3/10 (Silbernagel), or up
    to 2/10 for running.
    """
    done = [log for log in week_logs if log.status is not SessionStatus.SKIPPED]
    scored = [log for log in done if log.pain_during is not None]
    if not scored:
        return text.no_pain_scores_reason()
    worst = max(scored, key=lambda log: (log.pain_during or 0, log.date))
    most = facts.RUN_PAIN_MAX if running else facts.PAIN_SAFE_MAX
    if (worst.pain_during or 0) > most:
        return text.pain_not_settled_reason(worst.date, worst.pain_during or 0, running=running)
    return None


def _last_set_over(reps: list[int], target: int | None) -> bool:
    return bool(reps) and target is not None and reps[-1] >= target + facts.TWO_FOR_TWO_EXTRA_REPS


def session_beat_target(log: SessionLog, dosage: Dosage) -> bool:
    """Did the last set go at least 2 reps past the target, on every side done?"""
    if not dosage.per_side:
        return _last_set_over(log.reps, dosage.reps)
    for side, reps in (("left", log.reps_left), ("right", log.reps_right)):
        if not _last_set_over(reps or log.reps, dosage.for_side(side).reps):
            return False
    return True
