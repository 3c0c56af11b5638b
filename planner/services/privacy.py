"""Everything held about one client: handed over on request (export) or removed for good (erase).

Erasing deletes every row of the client in one transaction; the audit rows stay, because they
hold ids and field names only, and one more row (the tombstone) says the client was erased and
why, in a code, never in words that could name them. Records younger than the clinic's
retention period are kept by law in most places, so erasing them needs an administrator and
one of the legal reasons below.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from planner.errors import UserError
from planner.files import atomic_write
from planner.services import get_row, utcnow
from planner.store.backup import private_folder
from planner.store.models import (
    AssessmentDraftRow,
    AssessmentRow,
    ClientRow,
    ItemRow,
    PhaseRow,
    ProgrammeRow,
    SessionLogRow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from planner.services import Services

# Grounds on which a person may have their records erased early: GDPR Article 17(1)
# (consent withdrawn, unlawful processing, a legal obligation to erase), and a record made for
# the wrong person or twice. Codes are stored; the words are shown.
LEGAL_REASONS: dict[str, str] = {
    "consent_withdrawn": "The client withdrew consent and nothing else lets us keep the records",
    "unlawful": "The records should never have been kept",
    "legal_obligation": "A law or a court order says they must be erased",
    "made_in_error": "The record was made by mistake (wrong person or a duplicate)",
}
EXPORT_FORMAT = "physio-planner-client-export"
EXPORT_VERSION = 1

# Writes the client's documents (PDF) into a folder; reports provides it (planner cannot).
DocumentWriter = Callable[["Services", int, Path], list[Path]]


@dataclass(frozen=True)
class ErasePlan:
    """What erasing a client removes, and what the clinician must type and choose."""

    client_id: int
    name: str
    assessments: int
    programmes: int
    session_logs: int
    last_record: date
    keep_until: date
    backups_kept: int

    @property
    def needs_reason(self) -> bool:
        """Younger than the retention period: an administrator must give the legal reason."""
        return date.today() < self.keep_until

    @property
    def confirmation_word(self) -> str:
        return f"erase {self.client_id}"

    def text(self) -> str:
        """The warning shown before erasing (window and command line say the same)."""
        parts = [
            f"{self.assessments} assessment{'s' if self.assessments != 1 else ''}",
            f"{self.programmes} programme{'s' if self.programmes != 1 else ''}",
            f"{self.session_logs} session log{'s' if self.session_logs != 1 else ''}",
        ]
        lines = [
            f"Erasing {self.name} (client {self.client_id}) removes their record, "
            f"{', '.join(parts[:-1])} and {parts[-1]} from this database for good.",
            "The audit trail keeps only numbers and the fact that the record was erased.",
            f"Copies in backups made before now are not changed: they expire as the backups "
            f"rotate out (this clinic keeps {self.backups_kept} daily backups, so about "
            f"{self.backups_kept} days). Files you exported or printed yourself are not touched.",
        ]
        if self.needs_reason:
            lines.append(
                f"The last record is from {self.last_record.isoformat()}; the clinic keeps "
                f"records until {self.keep_until.isoformat()}. Erasing earlier needs an "
                "administrator and the legal reason."
            )
        lines.append(f"Type '{self.confirmation_word}' to confirm.")
        return "\n".join(lines)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


class PrivacyService:
    def __init__(self, services: Services) -> None:
        self._s = services

    # -- erasure ---------------------------------------------------------------------------
    def erase_plan(self, client_id: int) -> ErasePlan:
        settings, _ = self._s.settings.get()
        with self._s.db.transaction() as session:
            client = get_row(session, ClientRow, client_id, "client")
            programme_ids = select(ProgrammeRow.id).where(ProgrammeRow.client_id == client_id)

            def one(stmt) -> object:  # type: ignore[no-untyped-def]
                return session.execute(stmt).one()

            n_assess, last_assess = one(
                select(func.count(), func.max(AssessmentRow.updated_at)).where(
                    AssessmentRow.client_id == client_id
                )
            )
            n_prog, last_prog = one(
                select(func.count(), func.max(ProgrammeRow.updated_at)).where(
                    ProgrammeRow.client_id == client_id
                )
            )
            n_logs, last_log = one(
                select(func.count(), func.max(SessionLogRow.recorded_at)).where(
                    SessionLogRow.programme_id.in_(programme_ids)
                )
            )
            days = [
                d
                for d in (
                    _day(client.updated_at), _day(last_assess), _day(last_prog), _day(last_log)
                )
                if d is not None
            ]  # fmt: skip
            last = max(days)
            return ErasePlan(
                client_id=client_id,
                name=client.name,
                assessments=int(n_assess),
                programmes=int(n_prog),
                session_logs=int(n_logs),
                last_record=last,
                keep_until=_add_years(last, settings.retention_years),
                backups_kept=settings.backups_kept,
            )

    def erase(
        self, client_id: int, confirmation: str, legal_reason: str | None = None
    ) -> ErasePlan:
        """Remove every row of the client after the typed confirmation; returns the plan done."""
        plan = self.erase_plan(client_id)
        if " ".join(confirmation.lower().split()) != plan.confirmation_word:
            raise UserError(f"not erased: type '{plan.confirmation_word}' exactly to confirm")
        fields = ["assessments", "client", "programmes", "session_logs"]
        if plan.needs_reason:
            if legal_reason not in LEGAL_REASONS:
                known = ", ".join(LEGAL_REASONS)
                raise UserError(
                    f"not erased: these records are kept until {plan.keep_until.isoformat()}; "
                    f"an administrator must give the legal reason ({known})"
                )
            self._s.accounts.require_admin("erase records younger than the retention period")
            fields.append(f"reason:{legal_reason}")
        elif legal_reason is not None and legal_reason not in LEGAL_REASONS:
            raise UserError(f"'{legal_reason}' is not one of {', '.join(LEGAL_REASONS)}")
        with self._s.db.transaction() as session:
            wipe = self._s.db.is_sqlite
            if wipe:
                # Deleted rows are overwritten with zeros, not left in free pages of the file.
                session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
            delete_client_rows(session, client_id)
            self._s.audit(session, "client", client_id, "erase", None, fields, client_id=client_id)
        if self._s.db.is_sqlite:
            self._s.db.outside_transaction("PRAGMA secure_delete=OFF")
            # Old copies of the pages live on in the write-ahead log until it is folded in.
            self._s.db.outside_transaction("PRAGMA wal_checkpoint(TRUNCATE)")
        return plan

    # -- export ----------------------------------------------------------------------------
    def export(
        self, client_id: int, folder: Path, documents: DocumentWriter | None = None
    ) -> list[Path]:
        """Write everything held about the client into ``folder`` (new or empty, owner-only):
        client.json with the record, the session logs and an index, each assessment and
        programme in its exchange format, and the documents as PDF when a writer is given."""
        client = self._s.clients.get(client_id)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise UserError(f"{folder}: choose a new or empty folder for the export")
        private_folder(folder)
        written: list[Path] = []
        assessments = self._s.assessments.for_client(client_id)
        programmes = self._s.programmes.for_client(client_id)
        index: dict[str, object] = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": utcnow().isoformat(),
            "client": client.model_dump(mode="json"),
            "assessments": [],
            "programmes": [],
        }
        for record in assessments:
            path = folder / "assessments" / f"assessment-{record.id}.json"
            private_folder(path.parent)
            self._s.assessments.export_file(record.id, path)
            written.append(path)
            index["assessments"].append(  # type: ignore[attr-defined]
                {"id": record.id, "date": record.assessed_on.isoformat(),
                 "file": str(path.relative_to(folder))}
            )  # fmt: skip
        for summary in programmes:
            path = folder / "programmes" / f"programme-{summary.id}.physio.json"
            private_folder(path.parent)
            self._s.programmes.export_file(summary.id, path)
            written.append(path)
            logs = self._s.programmes.logs(summary.id)
            index["programmes"].append(  # type: ignore[attr-defined]
                {"id": summary.id, "title": summary.title,
                 "file": str(path.relative_to(folder)),
                 "session_logs": [log.model_dump(mode="json") for log in logs]}
            )  # fmt: skip
        if documents is not None:
            written.extend(documents(self._s, client_id, private_folder(folder / "documents")))
        main = folder / "client.json"
        atomic_write(main, json.dumps(index, ensure_ascii=False, indent=2) + "\n")
        written.insert(0, main)
        with self._s.db.transaction() as session:
            self._s.audit(
                session, "client", client_id, "export", None,
                ["assessments", "client", "documents" if documents else "records", "programmes"],
                client_id=client_id,
            )  # fmt: skip
        return written


def delete_client_rows(session: Session, client_id: int) -> None:
    """Every row of one client, in an order every engine accepts (also used by the demo's
    removal)."""
    programme_ids = select(ProgrammeRow.id).where(ProgrammeRow.client_id == client_id)
    session.execute(delete(SessionLogRow).where(SessionLogRow.programme_id.in_(programme_ids)))
    session.execute(delete(ItemRow).where(ItemRow.programme_id.in_(programme_ids)))
    session.execute(delete(PhaseRow).where(PhaseRow.programme_id.in_(programme_ids)))
    session.execute(delete(ProgrammeRow).where(ProgrammeRow.client_id == client_id))
    session.execute(delete(AssessmentDraftRow).where(AssessmentDraftRow.client_id == client_id))
    session.execute(delete(AssessmentRow).where(AssessmentRow.client_id == client_id))
    session.execute(delete(ClientRow).where(ClientRow.id == client_id))
