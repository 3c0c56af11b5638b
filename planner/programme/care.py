"""What a care pathway adds to a home programme (STarT Back, Hill 2011).

:mod:`planner.assessment.pathway` says which pathway a client is on and what it asks for; this
is the programme's part of it:

- Low risk: advice, reassurance and self-management. The programme is kept short (the clinic's
  ``low_risk_max_exercises``) and comes with self-management advice for the client.
- High risk: psychologically informed physiotherapy alongside exercise. The programme adds
  graded exposure (an activity the client's pain makes them avoid, practised in small steps that
  grow week by week) and the handout's education on pain and movement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Imbalance, Modality, Position, SpinalDemand, Target
from planner.assessment.model import AssessmentFile
from planner.assessment.targeting import client_goals


def self_management_advice() -> list[str]:
    """For a client at low risk: what they can do for themselves (our words, Hill 2011's aim:
    advice, reassurance and self-management)."""
    return [
        "Back pain like yours is common and often gets better within a few weeks.",
        "Keep moving and keep up your usual day as much as you can.",
        "Short walks through the day help more than rest.",
        "Staying in bed or resting for long makes the back stiff and slow to get better.",
        "Do the exercises in this plan, and tell us if the pain gets worse or spreads.",
    ]


# --- graded exposure ------------------------------------------------------------------------


def _bending(ex: Exercise) -> bool:
    s = ex.spine
    return (
        s.flexion is SpinalDemand.GENTLE
        and s.extension in (SpinalDemand.NONE, SpinalDemand.GENTLE)
        and s.rotation is SpinalDemand.NONE
        and ex.position in (Position.QUADRUPED, Position.SITTING, Position.STANDING)
    )


def _lifting(ex: Exercise) -> bool:
    return (
        ex.position is Position.STANDING
        and ex.targets[0] is Target.GLUTE_MAX
        and Target.HAMSTRINGS in ex.targets
        and ex.spine.flexion is SpinalDemand.NONE
    )


def _twisting(ex: Exercise) -> bool:
    s = ex.spine
    return s.rotation is SpinalDemand.GENTLE and s.flexion is SpinalDemand.NONE


def _walking(ex: Exercise) -> bool:
    return (
        ex.modality is Modality.CROSS_TRAINING
        and Imbalance.LOAD_MANAGEMENT in ex.imbalances
        and ex.dosage.duration_min is not None
        and Target.WHOLE_BODY in ex.targets
        and ex.difficulty == 1
    )


# Activities a client may fear or avoid, and the exercise that practises each in small steps.
_EXPOSURES: tuple[tuple[str, str, Callable[[Exercise], bool]], ...] = (
    (r"\bbend", "bending", _bending),
    (r"\b(lift|carr)", "lifting", _lifting),
    (r"\b(twist|turn)", "turning", _twisting),
    (r"\b(walk|stand)", "walking", _walking),
)


def graded_exposure(a: AssessmentFile, pool: Sequence[Exercise]) -> tuple[Exercise, str] | None:
    """An exercise that practises an activity the client's pain makes them avoid, and the
    activity's name; walking when none of their activities has one."""
    goals = " ".join(client_goals(a)).lower()
    ranked = sorted(pool, key=lambda ex: (ex.difficulty, ex.code))
    for pattern, activity, fits in _EXPOSURES:
        if re.search(pattern, goals):
            found = next((ex for ex in ranked if fits(ex)), None)
            if found is not None:
                return found, activity
    walk = next((ex for ex in ranked if _walking(ex)), None)
    return (walk, "walking") if walk is not None else None


def exposure_reason(activity: str) -> str:
    return (
        f"Graded exposure for a client at high risk on STarT Back (Hill 2011): practises "
        f"{activity}, which the client's pain brings on, in small steps that grow each week."
    )


def exposure_note(activity: str) -> str:
    """For the client, printed with the exercise."""
    return (
        f"This is practice for {activity}. Start small and do a little more each week. "
        "Some soreness is normal and does not mean harm."
    )
