"""Application services: one method per user action, one transaction per method.

Each service takes and returns domain objects (:mod:`planner.records` and the clinical models),
validates before it writes, records an audit event, and raises
:class:`planner.errors.ConflictError` when the record changed since the caller loaded it.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.errors import ConflictError, NotFoundError, PlannerError
from planner.store import audit_chain
from planner.store.audit_chain import AuditEvent
from planner.store.database import Database
from planner.store.models import AuditRow

if TYPE_CHECKING:
    from planner.services.accounts import Account

RowT = TypeVar("RowT")


def utcnow() -> datetime:
    return datetime.now(UTC)


def get_row(session: Session, row_type: type[RowT], row_id: int, what: str) -> RowT:
    row = session.get(row_type, row_id)
    if row is None:
        raise NotFoundError(f"there is no {what} with id {row_id}")
    return row


class Services:
    """The entry point the UI and the command line hold: one per open database."""

    def __init__(self, db: Database, clinician_id: int | None = None) -> None:
        from planner.services.accounts import AccountService
        from planner.services.assessments import AssessmentService
        from planner.services.audit import AuditService
        from planner.services.clients import ClientService
        from planner.services.clinicians import ClinicianService
        from planner.services.exercises import CustomExerciseService
        from planner.services.media import MediaService
        from planner.services.privacy import PrivacyService
        from planner.services.programmes import ProgrammeService
        from planner.services.settings import SettingsService

        self.db = db
        self.clinician_id = clinician_id
        # Who signed in (window) or whose token a command carries; None while sign-in is off.
        self.account: Account | None = None
        self.workstation = socket.gethostname()[:100]
        self.accounts = AccountService(self)
        self.audit_trail = AuditService(self)
        self.privacy = PrivacyService(self)
        self.clients = ClientService(self)
        self.clinicians = ClinicianService(self)
        self.exercises = CustomExerciseService(self)
        self.media = MediaService(self)
        self.assessments = AssessmentService(self)
        self.programmes = ProgrammeService(self)
        self.settings = SettingsService(self)

    def act_as(self, account: Account | None) -> None:
        """From now on, actions are recorded as ``account``'s (None: nobody signed in)."""
        self.account = account
        self.clinician_id = account.id if account is not None else None

    @contextmanager
    def editing(
        self, row_type: type[RowT], row_id: int, entity: str, expected_version: int
    ) -> Iterator[tuple[Session, RowT]]:
        """One edit of one versioned record, in one transaction.

        Loads the row, refuses it if someone saved since ``expected_version``, and turns a
        race lost inside the UPDATE itself into the same :class:`ConflictError`.
        """
        try:
            with self.db.transaction() as session:
                row: Any = get_row(session, row_type, row_id, entity)
                check_version(session, entity, row_id, row.version, expected_version)
                yield session, row
        except (StaleDataError, RaceLost):
            raise stale_to_conflict(self.db, entity, row_id, expected_version) from None

    @contextmanager
    def editing_keyed(
        self, entity: str, find: Callable[[Session], Any], expected_version: int
    ) -> Iterator[tuple[Session, Any]]:
        """One edit of a versioned record found by a natural key; it may not exist yet.

        ``expected_version`` is 0 when the caller saw no record: then a record stored
        meanwhile is a conflict, as is any version other than the one the caller saw.
        """
        try:
            with self.db.transaction() as session:
                row = find(session)
                stored = 0 if row is None else row.version
                check_version(
                    session, entity, 0 if row is None else row.id, stored, expected_version
                )
                yield session, row
        except (StaleDataError, RaceLost):
            with self.db.transaction() as session:
                row = find(session)
                found = 0 if row is None else row.id
            raise stale_to_conflict(self.db, entity, found, expected_version) from None

    @contextmanager
    def guarded(self, entity: str, entity_id: int, expected_version: int) -> Iterator[None]:
        """A write that may lose a race: losing it becomes the same :class:`ConflictError`.

        Covers the UPDATE that finds another version (StaleDataError) and the INSERT that finds
        another workstation's row already there (see :func:`flush_or_lose`).
        """
        try:
            yield
        except (StaleDataError, RaceLost):
            raise stale_to_conflict(self.db, entity, entity_id, expected_version) from None

    def audit(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        action: str,
        version: int | None,
        fields: list[str] | None = None,
        *,
        client_id: int | None = None,
    ) -> None:
        """Chain one audit row to the trail, in the caller's transaction (ids and field names
        only; ``client_id`` lets the trail of one client be found and kept after erasure)."""
        session.flush()
        audit_chain.append(
            session,
            AuditEvent(
                at=utcnow(),
                clinician_id=self.clinician_id,
                workstation=self.workstation,
                entity=entity,
                entity_id=entity_id,
                action=action,
                version=version,
                fields=sorted(fields or []),
                client_id=client_id,
            ),
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


class RaceLost(PlannerError):
    """Another workstation inserted the row this transaction meant to insert first."""


def _duplicate_key(exc: IntegrityError) -> bool:
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "23505":  # PostgreSQL unique_violation
        return True
    return "UNIQUE constraint failed" in str(orig)


def flush_or_lose(session: Session) -> None:
    """Flush, turning a duplicate key from a concurrent insert into :class:`RaceLost`."""
    try:
        session.flush()
    except IntegrityError as exc:
        if _duplicate_key(exc):
            raise RaceLost(str(exc.orig)) from None
        raise


def stale_to_conflict(
    db: Database, entity: str, entity_id: int, expected: int, exc: Exception | None = None
) -> ConflictError:
    """A race lost inside the UPDATE or INSERT itself: report it like any conflict."""
    with db.transaction() as session:
        changes = changes_since(session, entity, entity_id, expected)
    return ConflictError(entity, entity_id, changes)
