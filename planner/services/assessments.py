"""Stored assessments: the assessment document per client and date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from planner.assessment.io import load_assessment, save_assessment
from planner.assessment.model import AssessmentFile
from planner.errors import NotFoundError
from planner.records import AssessmentRecord
from planner.services import get_row, utcnow
from planner.store.mapping import assessment_from_row
from planner.store.models import AssessmentRow, ClientRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "assessment"


class AssessmentService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def create(self, client_id: int, assessed_on: date, data: dict[str, Any]) -> AssessmentRecord:
        now = utcnow()
        with self._s.db.transaction() as session:
            if session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"there is no client with id {client_id}")
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
        self, assessment_id: int, expected_version: int, assessed_on: date, data: dict[str, Any]
    ) -> AssessmentRecord:
        with self._s.editing(AssessmentRow, assessment_id, ENTITY, expected_version) as (
            session,
            row,
        ):
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
        return self.create(client_id, assessment.date, assessment.model_dump(mode="json"))

    def save_existing(
        self, assessment_id: int, expected_version: int, assessment: AssessmentFile
    ) -> AssessmentRecord:
        data = assessment.model_dump(mode="json")
        return self.update(assessment_id, expected_version, assessment.date, data)

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
