"""Application services: one method per user action, one transaction per method.

Each service takes and returns domain objects (:mod:`planner.records` and the clinical models),
validates before it writes, records an audit event, and raises
:class:`planner.errors.ConflictError` when the record changed since the caller loaded it.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.errors import ConflictError
from planner.store.database import Database
from planner.store.models import AuditRow


def utcnow() -> datetime:
    return datetime.now(UTC)


class Services:
    """The entry point the UI and the command line hold: one per open database."""

    def __init__(self, db: Database, clinician_id: int | None = None) -> None:
        from planner.services.assessments import AssessmentService
        from planner.services.clients import ClientService
        from planner.services.clinicians import ClinicianService
        from planner.services.exercises import CustomExerciseService
        from planner.services.media import MediaService
        from planner.services.programmes import ProgrammeService
        from planner.services.settings import SettingsService

        self.db = db
        self.clinician_id = clinician_id
        self.workstation = socket.gethostname()[:100]
        self.clients = ClientService(self)
        self.clinicians = ClinicianService(self)
        self.exercises = CustomExerciseService(self)
        self.media = MediaService(self)
        self.assessments = AssessmentService(self)
        self.programmes = ProgrammeService(self)
        self.settings = SettingsService(self)

    def audit(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        action: str,
        version: int | None,
        fields: list[str] | None = None,
    ) -> None:
        session.add(
            AuditRow(
                at=utcnow(),
                clinician_id=self.clinician_id,
                workstation=self.workstation,
                entity=entity,
                entity_id=entity_id,
                action=action,
                version=version,
                fields=sorted(fields or []),
            )
        )


def changes_since(session: Session, entity: str, entity_id: int, version: int) -> list[str]:
    """What other saves did after ``version``, in words, from the audit trail."""
    rows = session.scalars(
        select(AuditRow)
        .where(AuditRow.entity == entity, AuditRow.entity_id == entity_id)
        .where(AuditRow.version > version)
        .order_by(AuditRow.id)
    ).all()
    out: list[str] = []
    for row in rows:
        when = row.at.strftime("%H:%M")
        where = f" on {row.workstation}" if row.workstation else ""
        what = ", ".join(row.fields) if row.fields else "details"
        out.append(f"{row.action} of {what} at {when}{where}")
    return out


def check_version(
    session: Session, entity: str, entity_id: int, stored: int, expected: int
) -> None:
    """Refuse to write over a version the caller never saw."""
    if stored != expected:
        raise ConflictError(entity, entity_id, changes_since(session, entity, entity_id, expected))


def stale_to_conflict(db: Database, entity: str, entity_id: int, expected: int, exc: Exception):
    """A race lost inside the UPDATE itself (version_id_col): report it like any conflict."""
    assert isinstance(exc, StaleDataError)
    with db.transaction() as session:
        changes = changes_since(session, entity, entity_id, expected)
    return ConflictError(entity, entity_id, changes)
