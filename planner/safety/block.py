"""The client-level answer: does a red flag stop all exercise until a doctor has seen them?

An urgent flag always does; a same-day or prompt one does until the medical clearance is
recorded. The levels come from the clinic policy (a clinic may raise a flag, never lower it),
and the sentences here are the only wording of a block: the window's banners, the command
line's exit messages and the print check all show these words (what each level asks comes from
:data:`planner.assessment.red_flags.LEVEL_WORDS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exercise_library.vocabulary import RedFlag
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.policy import ClinicPolicy
from planner.safety.context import ClientContext
from planner.text import join_words


@dataclass(frozen=True)
class Block:
    referral: Referral
    reason: str


def referral_for(ctx: ClientContext, policy: ClinicPolicy) -> Referral:
    levels = [policy.referral_level(flag) for flag in ctx.red_flags]
    return max(levels, key=lambda r: r.rank, default=Referral.NONE)


def _flag_names(flags: list[RedFlag], policy: ClinicPolicy) -> str:
    """Most serious first, then in the screen's order."""
    order = list(RedFlag)
    ranked = sorted(flags, key=lambda f: (-policy.referral_level(f).rank, order.index(f)))
    return join_words([f.label.lower() for f in ranked])


def client_block(ctx: ClientContext, policy: ClinicPolicy) -> Block | None:
    """Why no programme may be offered, built or printed for this client (None when it may).

    Urgent always stops exercise; same day and prompt until a doctor's clearance is recorded.
    """
    referral = referral_for(ctx, policy)
    action = LEVEL_WORDS[referral].action
    if referral is Referral.URGENT:
        urgent = [f for f in ctx.red_flags if policy.referral_level(f) is Referral.URGENT]
        return Block(
            referral,
            f"Urgent referral needed ({_flag_names(urgent, policy)}). {action} No exercise is "
            "recommended until a doctor has seen them.",
        )
    if ctx.medical_clearance:
        return None
    if referral is Referral.SAME_DAY:
        same_day = [f for f in ctx.red_flags if policy.referral_level(f) is Referral.SAME_DAY]
        return Block(
            referral,
            f"Same-day medical review needed ({_flag_names(same_day, policy)}). {action} No "
            "exercise until a doctor has seen them; once they are cleared, record the medical "
            "clearance to see recommendations.",
        )
    if referral is Referral.PROMPT:
        return Block(
            referral,
            f"Referral needed before treatment ({_flag_names(list(ctx.red_flags), policy)}). "
            "Refer the client to their GP. Once a doctor has cleared them, record the medical "
            "clearance to see recommendations.",
        )
    return None


def screen_words(screened_on: dt.date | None) -> str:
    """What the red-flag screen says when no flag is ticked: screened and clear, or not yet
    asked (an empty screen is not a clear one)."""
    if screened_on is not None:
        return f"Red-flag screen on {screened_on.strftime('%d %b %Y')}: none present."
    return (
        "Red flags not screened yet: ask about each one, then tick any present or record "
        "'none present'."
    )
