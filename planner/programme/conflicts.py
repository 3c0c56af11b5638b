"""Exercises in a programme that the client's latest assessment now rules out.

A programme is built from one assessment; a later assessment may add a condition (a pregnancy,
a diagnosed disc herniation) that rules out exercises already chosen. Recommendations never
offer such an exercise, and this check keeps an existing programme honest too: the app marks
the item and holds back the handout until the therapist changes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise_library.catalogue import Catalogue
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import unsafe_reasons
from planner.assessment.thresholds import DEFAULT, ClinicalThresholds
from planner.programme.model import Programme


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
    assessment: AssessmentFile | None,
    thresholds: ClinicalThresholds = DEFAULT,
) -> list[UnsafeItem]:
    """Items whose exercise the client's conditions rule out (empty without an assessment)."""
    if assessment is None:
        return []
    out = []
    for item in sorted(programme.items, key=lambda i: i.order):
        exercise = catalogue.get(item.code)
        if exercise is None:
            continue
        reasons = unsafe_reasons(exercise, assessment, thresholds)
        if reasons:
            out.append(UnsafeItem(item.key, item.code, exercise.name, tuple(reasons)))
    return out


def unsafe_summary(items: list[UnsafeItem]) -> str | None:
    """One sentence for a banner, or None when every exercise is safe."""
    if not items:
        return None
    names = ", ".join(i.name for i in items)
    return (
        f"The latest assessment rules out {names}. Replace or remove "
        f"{'it' if len(items) == 1 else 'them'} before printing the home programme."
    )
