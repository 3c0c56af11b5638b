"""Warning signs that stop exercise for clients with particular conditions.

Printed in the handout's "stop and contact us" box when the client has the condition, so a
pregnant client knows which signs end a session at once. Source: shared/clinical-facts.md,
"Pregnancy: ... stop on bleeding, dizziness, chest pain, calf swelling, fluid leakage,
contractions" (the client wording is ours).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from exercise_library.vocabulary import Condition


@dataclass(frozen=True)
class StopSigns:
    condition: Condition
    intro: str
    signs: tuple[str, ...]


STOP_SIGNS: tuple[StopSigns, ...] = (
    StopSigns(
        Condition.PREGNANCY,
        "You are pregnant: stop at once and call your midwife or doctor if you have:",
        (
            "Bleeding from the vagina.",
            "Feeling dizzy or faint.",
            "Pain in your chest.",
            "A swollen or painful calf.",
            "Fluid leaking from the vagina.",
            "Tightening of the belly that comes and goes (contractions).",
        ),
    ),
)


def stop_signs_for(conditions: Iterable[Condition | str]) -> list[StopSigns]:
    """The extra warning groups that apply to a client with these conditions."""
    have = {Condition(c) for c in conditions}
    return [group for group in STOP_SIGNS if group.condition in have]
