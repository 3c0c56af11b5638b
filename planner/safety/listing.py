"""What the library shows about safety: which exercises are safe for a client, and each
exercise's general notes per condition.

The window's "safe for the client" filter and ``library search --safe-for`` take their codes
from :func:`safe_codes`, so they show exactly the verdicts the recommender applies. The detail
pane and ``library list --json`` describe an exercise for every condition with
:func:`condition_notes`: the matrix's words and the exercise's own, a pregnancy at its
strictest trimester (the words say from when).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition
from planner.policy import ClinicPolicy
from planner.safety.context import ClientContext
from planner.safety.matrix import Action, every_condition, findings
from planner.safety.verdict import Verdict, exercise_verdict


def verdicts_for(
    exercises: Iterable[Exercise], ctx: ClientContext, policy: ClinicPolicy
) -> dict[str, Verdict]:
    return {ex.code: exercise_verdict(ex, ctx, policy) for ex in exercises}


def safe_codes(
    exercises: Iterable[Exercise], ctx: ClientContext, policy: ClinicPolicy
) -> frozenset[str]:
    """The exercises the safety verdict does not exclude for this client."""
    return frozenset(
        code for code, v in verdicts_for(exercises, ctx, policy).items() if not v.excluded
    )


@dataclass(frozen=True)
class ConditionNote:
    condition: Condition
    action: Action
    # Sentences for the therapist: why it is excluded, what to take care with, or why it helps.
    text: str

    @property
    def excluded(self) -> bool:
        return self.action is Action.EXCLUDE


def _sentences(parts: list[str]) -> str:
    out = []
    for part in dict.fromkeys(parts):
        part = part.strip().rstrip(".")
        out.append(part[:1].upper() + part[1:] + ".")
    return " ".join(out)


def condition_notes(
    ex: Exercise, policy: ClinicPolicy, *, encouraged: bool = False
) -> list[ConditionNote]:
    """For each condition that changes anything, the strongest thing said about it."""
    ctx = every_condition()
    said: dict[Condition, dict[Action, list[str]]] = {}
    for found in findings(ex, ctx, policy):
        said.setdefault(found.condition, {}).setdefault(found.action, []).append(found.words)
    for note in ex.contraindications:
        said.setdefault(note.condition, {}).setdefault(Action.EXCLUDE, []).append(note.reason)
    for note in ex.precautions:
        said.setdefault(note.condition, {}).setdefault(Action.CAUTION, []).append(note.reason)
    notes = []
    for condition in Condition:
        by_action = said.get(condition, {})
        for action in (Action.EXCLUDE, Action.CAUTION, Action.ENCOURAGE):
            if action in by_action and (encouraged or action is not Action.ENCOURAGE):
                notes.append(ConditionNote(condition, action, _sentences(by_action[action])))
                break
    return notes


def card_cautions(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> list[str]:
    """The cues a printed card gives this client, in the client's words (no condition names).

    The matrix's cautions and the exercise's own precautions for the client's conditions. A
    card may be printed from a context that does not know the trimester (a programme file
    that names only conditions); then a rule that changes with the trimester gives its early
    cue, since whether the exercise may be printed at all is the print check's answer.
    """
    staged_ctx = ctx
    if ctx.has(Condition.PREGNANCY) and ctx.pregnancy_trimester is None:
        staged_ctx = ClientContext(conditions=ctx.conditions, pregnancy_trimester=1)
    words = [
        found.words for found in findings(ex, staged_ctx, policy) if found.action is Action.CAUTION
    ]
    words += [note.reason for note in ex.precautions if ctx.has(note.condition)]
    return list(dict.fromkeys(words))
