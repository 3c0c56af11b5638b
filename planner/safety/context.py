"""What the safety rules need to know about a client, wherever the client comes from.

An assessment (in the window or a file), a stored client, or a programme file (version 2 carries
this context) all reduce to one :class:`ClientContext`, so the same client gets the same verdict
on every path. A version-1 programme file carries none of it: its context is ``unknown``, and
the places where that matters say so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from exercise_library.vocabulary import Condition, Equipment, RedFlag
from planner.assessment.inferred import inferred_conditions
from planner.assessment.model import AssessmentFile, Experience
from planner.assessment.nerve import flags_found
from planner.assessment.pregnancy import trimester_on
from planner.dates import Day

CarePathwayCode = Literal["low", "medium", "high"]

if TYPE_CHECKING:
    from planner.assessment.draft import AssessmentDraft


@dataclass(frozen=True)
class ClientContext:
    conditions: frozenset[Condition] = frozenset()
    # The trimester on the day the context describes (the assessment date, or the day given
    # to :meth:`on`); with a due date it is worked out for any day.
    pregnancy_trimester: int | None = None
    pregnancy_due_date: dt.date | None = None
    # None: not recorded, so nothing is ruled out for want of equipment.
    equipment: frozenset[Equipment] | None = None
    experience: Experience | None = None
    red_flags: frozenset[RedFlag] = frozenset()
    medical_clearance: bool = False
    # The assessment the context was read from.
    assessed_on: dt.date | None = None
    # False for a programme file that carries no client context (format version 1).
    known: bool = True
    # The STarT Back risk group the programme was planned for (low, medium, high): what the
    # handout adds for it (self-management advice, education) travels with the programme.
    care_pathway: CarePathwayCode | None = None
    # Whole years at the assessment: an older adult holds stretches longer (ACSM, 65 and over).
    age: int | None = None

    @classmethod
    def from_assessment(
        cls, a: AssessmentFile, previous: AssessmentFile | None = None
    ) -> ClientContext:
        """The context of an assessment (``previous``: the client's one before it).

        A radicular presentation counts as the condition ``radicular_pain``, sacroiliac joint
        pain in pregnancy as ``pelvic_girdle_pain`` (:mod:`planner.assessment.inferred`), and
        neurology worse than at the previous assessment as the progressive neurological
        deficit flag, whether or not the therapist listed them.
        """
        c = a.client
        return cls(
            conditions=frozenset(c.conditions) | frozenset(inferred_conditions(a)),
            pregnancy_trimester=a.trimester_on(a.date),
            pregnancy_due_date=c.pregnancy_due_date,
            equipment=frozenset(c.equipment),
            experience=c.experience,
            red_flags=frozenset(a.red_flags) | frozenset(flags_found(previous, a)),
            medical_clearance=a.medical_clearance,
            assessed_on=a.date,
            age=a.age,
        )

    @classmethod
    def from_draft(cls, draft: AssessmentDraft) -> ClientContext:
        """What an unfinished assessment already says: its red flags count at once. A
        pregnancy of unknown stage is judged at its strictest (the latest trimester)."""
        c = draft.client
        conditions = frozenset(draft.conditions)
        due = c.pregnancy_due_date if c is not None else None
        trimester = c.pregnancy_trimester if c is not None else None
        on = draft.date
        if Condition.PREGNANCY in conditions and due is not None and on is not None:
            trimester = trimester_on(due, on)
        elif Condition.PREGNANCY in conditions and trimester is None:
            trimester = 3
        return cls(
            conditions=conditions,
            pregnancy_trimester=trimester if Condition.PREGNANCY in conditions else None,
            pregnancy_due_date=due if Condition.PREGNANCY in conditions else None,
            equipment=frozenset(c.equipment) if c is not None and c.equipment else None,
            experience=c.experience if c is not None else None,
            red_flags=frozenset(draft.flags),
            medical_clearance=draft.clearance is not None,
            assessed_on=on,
        )

    def trimester_on(self, day: dt.date) -> int | None:
        """The pregnancy trimester on ``day``: from the due date when it is known, else the
        trimester recorded (None when not pregnant)."""
        if Condition.PREGNANCY not in self.conditions:
            return None
        if self.pregnancy_due_date is not None:
            return trimester_on(self.pregnancy_due_date, day)
        return self.pregnancy_trimester

    def on(self, day: dt.date) -> ClientContext:
        """This client as they will be on ``day``: a pregnancy moves on with the due date, so
        each week of a programme is judged by its own trimester."""
        if self.pregnancy_due_date is None:
            return self
        return replace(self, pregnancy_trimester=self.trimester_on(day))

    @classmethod
    def unknown(cls) -> ClientContext:
        return cls(known=False)

    def has(self, condition: Condition) -> bool:
        return condition in self.conditions

    @property
    def trimester_for_safety(self) -> int | None:
        """The trimester the safety rules judge by (None when not pregnant).

        A pregnancy whose stage is not known is judged at the latest trimester, so an unknown
        stage is never the lenient one (``library search --safe-for pregnancy`` with no
        ``--trimester``, a context that only says "pregnant").
        """
        if Condition.PREGNANCY not in self.conditions:
            return None
        return self.pregnancy_trimester if self.pregnancy_trimester is not None else 3

    @classmethod
    def from_record(cls, record: ClientContextRecord | None) -> ClientContext:
        if record is None:
            return cls.unknown()
        return cls(
            conditions=frozenset(record.conditions),
            pregnancy_trimester=record.pregnancy_trimester,
            pregnancy_due_date=record.pregnancy_due_date,
            equipment=frozenset(record.equipment),
            experience=record.experience,
            red_flags=frozenset(record.red_flags),
            medical_clearance=record.medical_clearance,
            assessed_on=record.assessed_on,
            care_pathway=record.care_pathway,
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
            pregnancy_due_date=self.pregnancy_due_date,
            equipment=sorted(self.equipment or (), key=kit.__getitem__),
            experience=self.experience,
            red_flags=sorted(self.red_flags, key=flags.__getitem__),
            medical_clearance=self.medical_clearance,
            assessed_on=self.assessed_on,
            care_pathway=self.care_pathway,
        )


class ClientContextRecord(BaseModel):
    """The client context in a programme file (format version 2) and a stored programme.

    Written from the client's latest assessment when the file is made, so a clinic that opens
    the file checks it against its own policy exactly as the clinic that made it would.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    conditions: list[Condition] = Field(default_factory=list, max_length=50)
    pregnancy_trimester: Literal[1, 2, 3] | None = None
    # Version 2 files may carry the due date: each week is then judged by its own trimester.
    pregnancy_due_date: Day | None = None
    equipment: list[Equipment] = Field(default_factory=list, max_length=50)
    experience: Experience | None = None
    red_flags: list[RedFlag] = Field(default_factory=list, max_length=50)
    medical_clearance: bool = False
    # The date of the assessment the context was read from.
    assessed_on: Day | None = None
    # The STarT Back risk group the programme was planned for; left out when not known.
    care_pathway: CarePathwayCode | None = None
