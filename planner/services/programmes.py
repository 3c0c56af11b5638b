"""Stored programmes: header, phases and items saved together under one version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from planner.errors import NotFoundError
from planner.records import ProgrammeDoc, ProgrammeSummary, StoredProgramme
from planner.services import check_version, stale_to_conflict, utcnow
from planner.store.mapping import (
    apply_programme_doc,
    programme_doc_changes,
    programme_summary_from_row,
    stored_programme_from_row,
)
from planner.store.models import ClientRow, ProgrammeRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "programme"


class ProgrammeService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def create(self, doc: ProgrammeDoc) -> StoredProgramme:
        now = utcnow()
        with self._s.db.transaction() as session:
            if doc.client_id is not None and session.get(ClientRow, doc.client_id) is None:
                raise NotFoundError(f"there is no client with id {doc.client_id}")
            row = ProgrammeRow(clinician_id=self._s.clinician_id, created_at=now, updated_at=now)
            apply_programme_doc(row, doc)
            session.add(row)
            session.flush()
            self._s.audit(session, ENTITY, row.id, "create", row.version, ["programme"])
            return stored_programme_from_row(row)

    def _load(self, session, programme_id: int) -> ProgrammeRow:  # type: ignore[no-untyped-def]
        row = session.scalars(
            select(ProgrammeRow)
            .where(ProgrammeRow.id == programme_id)
            .options(selectinload(ProgrammeRow.phases), selectinload(ProgrammeRow.items))
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"there is no programme with id {programme_id}")
        return row

    def get(self, programme_id: int) -> StoredProgramme:
        with self._s.db.transaction() as session:
            return stored_programme_from_row(self._load(session, programme_id))

    def save(self, programme_id: int, expected_version: int, doc: ProgrammeDoc) -> StoredProgramme:
        """Replace the programme's content; refuses if someone saved since ``expected_version``."""
        try:
            with self._s.db.transaction() as session:
                row = self._load(session, programme_id)
                check_version(session, ENTITY, programme_id, row.version, expected_version)
                changed = programme_doc_changes(stored_programme_from_row(row), doc)
                if not changed:
                    return stored_programme_from_row(row)
                apply_programme_doc(row, doc)
                row.updated_at = utcnow()
                session.flush()
                self._s.audit(session, ENTITY, row.id, "edit", row.version, changed)
                return stored_programme_from_row(row)
        except StaleDataError as exc:
            raise stale_to_conflict(
                self._s.db, ENTITY, programme_id, expected_version, exc
            ) from None

    def for_client(self, client_id: int) -> list[ProgrammeSummary]:
        stmt = (
            select(ProgrammeRow)
            .where(ProgrammeRow.client_id == client_id)
            .order_by(ProgrammeRow.start_date.desc(), ProgrammeRow.id.desc())
        )
        with self._s.db.transaction() as session:
            return [programme_summary_from_row(r) for r in session.scalars(stmt)]

    def most_recent(self) -> ProgrammeSummary | None:
        stmt = select(ProgrammeRow).order_by(ProgrammeRow.updated_at.desc(), ProgrammeRow.id.desc())
        with self._s.db.transaction() as session:
            row = session.scalars(stmt.limit(1)).first()
            return programme_summary_from_row(row) if row else None
