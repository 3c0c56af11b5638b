"""One answer per exercise and client: allowed, allowed with cautions, or excluded, with reasons.

Safety comes first and is absolute. A client whose red flags stop exercise (see
:mod:`planner.safety.block`) is excluded from every exercise. Otherwise an exercise is excluded
when it lists one of the client's conditions as a contraindication, or when it is done lying on
the back from the trimester the policy names (shared/clinical-facts.md, "Pregnancy: no supine
exercise after the first trimester"). A listed precaution for one of the client's conditions
keeps the exercise with a caution.

Equipment and experience are not safety: :func:`fit_reasons` says why an exercise does not suit
a starting programme (no such kit at home, too hard to start with), and only the recommender
applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Equipment, Position
from planner.assessment.model import Experience
from planner.policy import ClinicPolicy
from planner.safety.block import Block, client_block
from planner.safety.context import ClientContext
from planner.text import article, join_words


class Status(StrEnum):
    ALLOWED = "allowed"
    CAUTION = "caution"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class Verdict:
    status: Status
    # Why the exercise is excluded (empty unless excluded).
    reasons: tuple[str, ...] = ()
    # What to take care with (shown to the therapist, printed as a cue).
    cautions: tuple[str, ...] = ()
    # Set when the client's red flags stop all exercise; ``reasons`` then starts with its words.
    block: Block | None = None

    @property
    def excluded(self) -> bool:
        return self.status is Status.EXCLUDED

    @property
    def exercise_reasons(self) -> tuple[str, ...]:
        """The reasons that are about this exercise, not the client's referral."""
        return self.reasons[1:] if self.block is not None else self.reasons


def supine_ruled_out(ctx: ClientContext, policy: ClinicPolicy) -> bool:
    trimester = ctx.pregnancy_trimester
    limit = policy.thresholds.programme.pregnancy_no_supine_from_trimester
    return trimester is not None and trimester >= limit


def condition_reasons(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> list[str]:
    """Why the client's conditions rule this exercise out (empty when they do not)."""
    reasons = [
        f"not safe with {note.condition.label.lower()}: {note.reason.rstrip('.')}"
        for note in ex.contraindications
        if ctx.has(note.condition)
    ]
    if ex.position is Position.SUPINE and supine_ruled_out(ctx, policy):
        reasons.append(
            f"done lying on the back, which is not advised in trimester "
            f"{ctx.pregnancy_trimester} of pregnancy"
        )
    return reasons


def condition_cautions(ex: Exercise, ctx: ClientContext) -> tuple[str, ...]:
    return tuple(
        f"{note.condition.label}: {note.reason}"
        for note in ex.precautions
        if ctx.has(note.condition)
    )


def exercise_verdict(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> Verdict:
    """The one safety answer for this exercise and this client under this clinic's policy."""
    block = client_block(ctx, policy)
    reasons = condition_reasons(ex, ctx, policy)
    cautions = condition_cautions(ex, ctx)
    if block is not None:
        return Verdict(Status.EXCLUDED, (block.reason, *reasons), cautions, block)
    if reasons:
        return Verdict(Status.EXCLUDED, tuple(reasons), cautions)
    return Verdict(Status.CAUTION if cautions else Status.ALLOWED, (), cautions)


# --- fit for a starting programme (not safety) -----------------------------------------------


def max_difficulty(experience: Experience, policy: ClinicPolicy) -> int:
    s = policy.thresholds.programme
    return {
        Experience.BEGINNER: s.max_difficulty_beginner,
        Experience.INTERMEDIATE: s.max_difficulty_intermediate,
        Experience.ADVANCED: s.max_difficulty_advanced,
    }[experience]


def fit_reasons(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> list[str]:
    """Why a safe exercise does not suit this client's starting programme (kit, difficulty)."""
    reasons: list[str] = []
    if ctx.equipment is not None:
        missing = [e for e in ex.equipment if e is not Equipment.NONE and e not in ctx.equipment]
        if missing:
            names = join_words([e.label.lower() for e in missing])
            reasons.append(f"needs {names}, which the client does not have at home")
    if ctx.experience is not None:
        cap = max_difficulty(ctx.experience, policy)
        if ex.difficulty > cap:
            level = ctx.experience.value
            reasons.append(
                f"difficulty {ex.difficulty} is above the starting level for "
                f"{article(level)} {level} client (up to {cap})"
            )
    return reasons
