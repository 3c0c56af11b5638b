"""One answer per exercise and client: allowed, allowed with cautions, or excluded, with reasons.

Safety comes first and is absolute. A client whose red flags stop exercise (see
:mod:`planner.safety.block`) is excluded from every exercise. Otherwise the condition matrix
(:mod:`planner.safety.matrix`) judges the exercise's movement features against the client's
conditions (pregnancy by trimester, under the clinic's policy): an *exclude* entry, or a
contraindication the exercise's own file names, rules it out; a *caution* entry or the file's
own precaution keeps it, with the words.

Equipment and experience are not safety: :func:`fit_reasons` says why an exercise does not suit
a starting programme (no such kit at home, too hard to start with), and only the recommender
applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition, Equipment
from planner.assessment.model import Experience
from planner.policy import ClinicPolicy
from planner.safety.block import Block, client_block
from planner.safety.context import ClientContext
from planner.safety.matrix import Action, findings
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


def condition_reasons(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> list[str]:
    """Why the client's conditions rule this exercise out (empty when they do not).

    One reason per condition: what the matrix excludes for it, then the exercise's own
    contraindication for it, if its file names one.
    """
    said: dict[Condition, list[str]] = {}
    for found in findings(ex, ctx, policy):
        if found.action is Action.EXCLUDE:
            said.setdefault(found.condition, []).append(found.words)
    for note in ex.contraindications:
        if ctx.has(note.condition):
            said.setdefault(note.condition, []).append(note.reason.rstrip("."))
    return [
        f"not safe with {condition.label.lower()}: {'; '.join(_unique(words))}"
        for condition in Condition
        if (words := said.get(condition))
    ]


def condition_cautions(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> tuple[str, ...]:
    """What to take care with, matrix first, then the exercise's own precautions."""
    out = [
        f"{found.condition.label}: {found.words}"
        for found in findings(ex, ctx, policy)
        if found.action is Action.CAUTION
    ]
    out += [
        f"{note.condition.label}: {note.reason}"
        for note in ex.precautions
        if ctx.has(note.condition)
    ]
    return tuple(_unique(out))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def exercise_verdict(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> Verdict:
    """The one safety answer for this exercise and this client under this clinic's policy."""
    block = client_block(ctx, policy)
    reasons = condition_reasons(ex, ctx, policy)
    cautions = condition_cautions(ex, ctx, policy)
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
