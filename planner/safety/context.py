"""What the safety rules need to know about a client, wherever the client comes from.

An assessment (in the window or a file), a stored client, or a programme file (version 2 carries
this context) all reduce to one :class:`ClientContext`, so the same client gets the same verdict
on every path. A version-1 programme file carries none of it: its context is ``unknown``, and
the places where that matters say so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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

    @classmethod
    def from_record(cls, record: ClientContextRecord | None) -> ClientContext:
        if record is None:
            return cls.unknown()
        return cls(
            conditions=frozenset(record.conditions),
            pregnancy_trimester=record.pregnancy_trimester,
            equipment=frozenset(record.equipment),
            experience=record.experience,
            red_flags=frozenset(record.red_flags),
            medical_clearance=record.medical_clearance,
            assessed_on=record.assessed_on,
        )

    def record(self) -> ClientContextRecord | None:
        """The context as a programme file carries it (None when it is not known)."""
        if not self.known:
            return None
        order = {c: n for n, c in enumerate(Condition)}
        flags = {f: n for n, f in enumerate(RedFlag)}
        kit = {e: n for n, e in enumerate(Equipment)}
        return ClientContextRecord(
            conditions=sorted(self.conditions, key=order.__getitem__),
            pregnancy_trimester=self.pregnancy_trimester,  # type: ignore[arg-type]
            equipment=sorted(self.equipment or (), key=kit.__getitem__),
            experience=self.experience,
            red_flags=sorted(self.red_flags, key=flags.__getitem__),
            medical_clearance=self.medical_clearance,
            assessed_on=self.assessed_on,
        )


class ClientContextRecord(BaseModel):
    """The client context in a programme file (format version 2) and a stored programme.

    Written from the client's latest assessment when the file is made, so a clinic that opens
    the file checks it against its own policy exactly as the clinic that made it would.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    conditions: list[Condition] = Field(default_factory=list, max_length=50)
    pregnancy_trimester: Literal[1, 2, 3] | None = None
    equipment: list[Equipment] = Field(default_factory=list, max_length=50)
    experience: Experience | None = None
    red_flags: list[RedFlag] = Field(default_factory=list, max_length=50)
    medical_clearance: bool = False
    # The date of the assessment the context was read from.
    assessed_on: dt.date | None = None
