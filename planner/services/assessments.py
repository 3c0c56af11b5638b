"""Stored assessments: the assessment document per client and date."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.assessment.draft import AssessmentDraft
from planner.assessment.io import load_assessment, save_assessment
from planner.assessment.model import AssessmentFile
from planner.errors import NotFoundError
from planner.records import AssessmentRecord
from planner.safety.context import ClientContext
from planner.services import get_row, utcnow
from planner.store.mapping import assessment_from_row
from planner.store.models import AssessmentDraftRow, AssessmentRow, ClientRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "assessment"


@dataclass(frozen=True)
class StoredDraft:
    """An unfinished assessment as stored: planner's draft, the stored assessment it edits
    (None for a new one), and what the form showed."""

    draft: AssessmentDraft
    assessment_id: int | None
    shown: dict[str, Any]


class AssessmentService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def create(
        self, client_id: int, assessed_on: date, data: dict[str, Any], drop_draft: bool = False
    ) -> AssessmentRecord:
        now = utcnow()
        with self._s.db.transaction() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"there is no client with id {client_id}")
            if drop_draft:
                _drop_draft(session, client_id)
            row = AssessmentRow(
                client_id=client_id,
                clinician_id=self._s.clinician_id,
                assessed_on=assessed_on,
                data=data,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            self._s.audit(
                session, ENTITY, row.id, "create", row.version, ["assessment"],
                client_id=client_id,
            )  # fmt: skip
            return assessment_from_row(row)

    def update(
        self,
        assessment_id: int,
        expected_version: int,
        assessed_on: date,
        data: dict[str, Any],
        drop_draft: bool = False,
    ) -> AssessmentRecord:
        with self._s.editing(AssessmentRow, assessment_id, ENTITY, expected_version) as (
            session,
            row,
        ):
            if drop_draft:
                _drop_draft(session, row.client_id)
            changed = sorted(k for k in set(row.data) | set(data) if row.data.get(k) != data.get(k))
            if row.assessed_on != assessed_on:
                changed.append("date")
            if not changed:
                return assessment_from_row(row)
            row.data = data
            row.assessed_on = assessed_on
            row.updated_at = utcnow()
            session.flush()
            self._s.audit(
                session, ENTITY, row.id, "edit", row.version, changed, client_id=row.client_id
            )
            return assessment_from_row(row)

    def get(self, assessment_id: int) -> AssessmentRecord:
        with self._s.db.transaction() as session:
            return assessment_from_row(get_row(session, AssessmentRow, assessment_id, ENTITY))

    def for_client(self, client_id: int) -> list[AssessmentRecord]:
        """Oldest first, so a re-assessment compares with the one before it."""
        stmt = (
            select(AssessmentRow)
            .where(AssessmentRow.client_id == client_id)
            .order_by(AssessmentRow.assessed_on, AssessmentRow.id)
        )
        with self._s.db.transaction() as session:
            return [assessment_from_row(r) for r in session.scalars(stmt)]

    # -- the assessment model (planner.assessment.model) in and out --------------------
    def save_new(self, client_id: int, assessment: AssessmentFile) -> AssessmentRecord:
        # The draft it grew from goes in the same transaction: the assessment replaces it.
        data = assessment.model_dump(mode="json")
        return self.create(client_id, assessment.date, data, drop_draft=True)

    def save_existing(
        self, assessment_id: int, expected_version: int, assessment: AssessmentFile
    ) -> AssessmentRecord:
        data = assessment.model_dump(mode="json")
        return self.update(assessment_id, expected_version, assessment.date, data, drop_draft=True)

    # -- drafts: what was typed but is not an assessment yet ----------------------------
    def save_draft(
        self,
        client_id: int,
        assessment_id: int | None,
        draft: AssessmentDraft,
        shown: dict[str, Any] | None = None,
    ) -> None:
        """Keep ``draft`` as the client's one unfinished assessment (replacing any other);
        ``shown`` is what the form showed, so it can come back exactly as typed."""
        data = {"draft": draft.model_dump(mode="json"), "shown": shown or {}}
        with self._s.db.transaction() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"there is no client with id {client_id}")
            row = session.scalar(
                select(AssessmentDraftRow).where(AssessmentDraftRow.client_id == client_id)
            )
            if row is None:
                row = AssessmentDraftRow(client_id=client_id, data=data, updated_at=utcnow())
                session.add(row)
            row.assessment_id = assessment_id
            row.data = data
            row.updated_at = utcnow()

    def draft(self, client_id: int) -> StoredDraft | None:
        """The client's unfinished assessment, if there is one."""
        with self._s.db.transaction() as session:
            row = session.scalar(
                select(AssessmentDraftRow).where(AssessmentDraftRow.client_id == client_id)
            )
            if row is None:
                return None
            data = dict(row.data)
            return StoredDraft(
                AssessmentDraft.model_validate(data.get("draft") or {"draft": True}),
                row.assessment_id,
                dict(data.get("shown") or {}),
            )

    def discard_draft(self, client_id: int) -> None:
        with self._s.db.transaction() as session:
            _drop_draft(session, client_id)

    def load(self, assessment_id: int) -> tuple[AssessmentFile, AssessmentRecord]:
        record = self.get(assessment_id)
        return AssessmentFile.model_validate(record.data), record

    def import_file(self, path: Path, client_id: int) -> AssessmentRecord:
        """Validate the whole file first; then one transaction stores it."""
        return self.save_new(client_id, load_assessment(path))

    def export_file(self, assessment_id: int, path: Path) -> None:
        assessment, _ = self.load(assessment_id)
        save_assessment(assessment, path)

    def latest(self, client_id: int) -> AssessmentFile | None:
        records = self.for_client(client_id)
        return AssessmentFile.model_validate(records[-1].data) if records else None

    def context(self, client_id: int) -> ClientContext | None:
        """What the safety rules know of the client now: their latest assessment, with the
        red flags of an unfinished draft added at once (a flag ticked in a draft blocks as a
        saved one does; the draft's clearance stands, as the therapist's latest word).
        Neurology worse than at the assessment before the latest counts as the urgent flag."""
        recent = [AssessmentFile.model_validate(r.data) for r in self.for_client(client_id)[-2:]]
        latest = recent[-1] if recent else None
        previous = recent[0] if len(recent) == 2 else None
        found = self.draft(client_id)
        context = ClientContext.from_assessment(latest, previous) if latest is not None else None
        if found is None:
            return context
        draft = ClientContext.from_draft(found.draft)
        if context is None:
            return draft
        return dataclasses.replace(
            context,
            red_flags=context.red_flags | draft.red_flags,
            medical_clearance=draft.medical_clearance,
        )


def _drop_draft(session: Session, client_id: int) -> None:
    row = session.scalar(
        select(AssessmentDraftRow).where(AssessmentDraftRow.client_id == client_id)
    )
    if row is not None:
        session.delete(row)
