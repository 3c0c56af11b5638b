"""Exercises in a programme that the client's context now rules out.

A programme is built from one assessment; a later assessment may add a condition (a pregnancy,
a diagnosed disc herniation) that rules out exercises already chosen, a clinic may tighten its
policy, and a pregnancy recorded with its due date moves on while the programme runs (each item
is judged on every week it is done, :mod:`planner.safety.weeks`). Recommendations never offer
such an exercise, and this check keeps an existing programme honest too, with the same verdict
(:mod:`planner.safety`): the app marks the item and holds back the handout until the therapist
changes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise_library.catalogue import Catalogue
from planner.policy import ClinicPolicy
from planner.programme.model import Programme
from planner.safety import ClientContext
from planner.safety.weeks import first_exclusion, week_ends


@dataclass(frozen=True)
class UnsafeItem:
    key: str
    code: str
    name: str
    reasons: tuple[str, ...]

    def text(self) -> str:
        return f"{self.name}: {'; '.join(self.reasons)}"


def unsafe_items(
    programme: Programme,
    catalogue: Catalogue,
    ctx: ClientContext | None,
    policy: ClinicPolicy,
) -> list[UnsafeItem]:
    """Items whose exercise the client's context rules out (empty when nothing is known).

    A referral block is the client's, not an item's: it is reported by
    :func:`planner.safety.client_block`, so items are listed here only for their own reasons.
    """
    if ctx is None or not ctx.known:
        return []
    out = []
    for item in sorted(programme.items, key=lambda i: i.order):
        exercise = catalogue.get(item.code)
        if exercise is None:
            continue
        weeks = list(programme.item_weeks(item))
        found = first_exclusion(exercise, ctx, policy, week_ends(programme.start, weeks))
        if found is None:
            continue
        day, verdict = found
        reasons = verdict.exercise_reasons
        week = (day - programme.start).days // 7 + 1
        if week > weeks[0]:
            # Safe now, ruled out later (a pregnancy moving on): say from when.
            reasons = (f"from week {week} of the programme ({day:%d %b %Y}), {reasons[0]}",
                       *reasons[1:])  # fmt: skip
        out.append(UnsafeItem(item.key, item.code, exercise.name, tuple(reasons)))
    return out


def unsafe_summary(items: list[UnsafeItem]) -> str | None:
    """One sentence for a banner, or None when every exercise is safe."""
    if not items:
        return None
    names = ", ".join(i.name for i in items)
    return (
        f"The client's conditions rule out {names}. Replace or remove "
        f"{'it' if len(items) == 1 else 'them'} before printing the home programme."
    )
