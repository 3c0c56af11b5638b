"""Reading the audit trail (administrators), checking its chain, and recording views.

Views are audited like writes: opening a client record adds one chained row naming the
client's id. On a database this workstation may only read, nothing can be recorded; the
caller is told so it can say that views are not being recorded.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from planner.errors import StorageError
from planner.files import atomic_write
from planner.records import AuditEntry
from planner.store import audit_chain
from planner.store.mapping import audit_from_row
from planner.store.models import AuditRow, ClinicianRow

if TYPE_CHECKING:
    from planner.services import Services

EXPORT_COLUMNS = (
    "seq", "at", "clinician", "workstation", "action", "entity", "entity_id", "client_id",
    "fields", "hash",
)  # fmt: skip


class AuditService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def record_view(self, client_id: int) -> bool:
        """Chain a 'view' of this client's record; False when the database is read-only."""
        try:
            with self._s.db.transaction() as session:
                self._s.audit(session, "client", client_id, "view", None, [], client_id=client_id)
        except StorageError as exc:
            if is_read_only_error(exc):
                return False
            raise
        return True

    def entries(self, *, client_id: int | None = None, limit: int = 1000) -> list[AuditEntry]:
        """Newest first; only an administrator may read the trail."""
        self._s.accounts.require_admin("read the audit trail")
        stmt = (
            select(AuditRow, ClinicianRow.username, ClinicianRow.name)
            .outerjoin(ClinicianRow, ClinicianRow.id == AuditRow.clinician_id)
            .order_by(AuditRow.seq.desc())
            .limit(limit)
        )
        if client_id is not None:
            stmt = stmt.where(AuditRow.client_id == client_id)
        with self._s.db.transaction() as session:
            return [
                audit_from_row(row, username or name or "")
                for row, username, name in session.execute(stmt)
            ]

    def problems(self) -> list[str]:
        """Broken links in the chain (empty when whole)."""
        with self._s.db.engine.connect() as conn:
            return audit_chain.verify(conn)

    def export_csv(self, path: Path, *, client_id: int | None = None) -> int:
        """Write the trail (oldest first) as CSV, owner-only; returns the number of rows."""
        rows = list(reversed(self.entries(client_id=client_id, limit=10_000_000)))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for e in rows:
            writer.writerow(
                [
                    e.seq, e.at.isoformat(), e.clinician, e.workstation, e.action, e.entity,
                    e.entity_id, "" if e.client_id is None else e.client_id,
                    " ".join(e.fields), e.hash,
                ]
            )  # fmt: skip
        atomic_write(path, out.getvalue())
        with self._s.db.transaction() as session:
            self._s.audit(session, "audit", 0, "export", None, [f"{len(rows)} entries"])
        return len(rows)


def is_read_only_error(exc: BaseException) -> bool:
    """A write refused because this connection may only read (SQLite file or PostgreSQL)."""
    text = str(exc).lower()
    return any(
        words in text
        for words in (
            "readonly database",
            "read-only",
            "read only",
            "permission denied",
        )
    )
