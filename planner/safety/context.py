"""What the safety rules need to know about a client, wherever the client comes from.

An assessment (in the window or a file), a stored client, or a programme file (version 2 carries
this context) all reduce to one :class:`ClientContext`, so the same client gets the same verdict
on every path. A version-1 programme file carries none of it: its context is ``unknown``, and
the places where that matters say so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from exercise_library.vocabulary import Condition, Equipment, RedFlag
from planner.assessment.model import AssessmentFile, Experience


@dataclass(frozen=True)
class ClientContext:
    conditions: frozenset[Condition] = frozenset()
    pregnancy_trimester: int | None = None
    # None: not recorded, so nothing is ruled out for want of equipment.
    equipment: frozenset[Equipment] | None = None
    experience: Experience | None = None
    red_flags: frozenset[RedFlag] = frozenset()
    medical_clearance: bool = False
    # The assessment the context was read from.
    assessed_on: dt.date | None = None
    # False for a programme file that carries no client context (format version 1).
    known: bool = True

    @classmethod
    def from_assessment(cls, a: AssessmentFile) -> ClientContext:
        c = a.client
        return cls(
            conditions=frozenset(c.conditions),
            pregnancy_trimester=c.pregnancy_trimester,
            equipment=frozenset(c.equipment),
            experience=c.experience,
            red_flags=frozenset(a.red_flags),
            medical_clearance=bool(a.medical_clearance),
            assessed_on=a.date,
        )

    @classmethod
    def unknown(cls) -> ClientContext:
        return cls(known=False)

    def has(self, condition: Condition) -> bool:
        return condition in self.conditions
