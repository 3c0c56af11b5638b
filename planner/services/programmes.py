"""Stored programmes: header, phases and items saved together under one version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from planner.errors import NotFoundError, UserError
from planner.programme.conflicts import UnsafeItem, unsafe_items
from planner.programme.files import programme_file, read_programme_file, write_programme_file
from planner.programme.model import Programme, SessionLog
from planner.records import ItemDoc, PhaseDoc, ProgrammeDoc, ProgrammeSummary, StoredProgramme
from planner.safety.context import ClientContextRecord
from planner.services import check_version, flush_or_lose, get_row, stale_to_conflict, utcnow
from planner.store.mapping import (
    apply_programme_doc,
    apply_session_log,
    programme_doc_changes,
    programme_from_doc,
    programme_row_changes,
    programme_summary_from_row,
    programme_to_doc,
    session_log_from_row,
    stored_programme_from_row,
)
from planner.store.models import (
    ClientRow,
    CustomExerciseRow,
    ItemRow,
    PhaseRow,
    ProgrammeRow,
    SessionLogRow,
)

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "programme"
LOG_ENTITY = "session_log"


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
            self._s.audit(
                session, ENTITY, row.id, "create", row.version, ["programme"],
                client_id=row.client_id,
            )  # fmt: skip
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
                self._s.audit(
                    session, ENTITY, row.id, "edit", row.version, changed,
                    client_id=row.client_id,
                )  # fmt: skip
                return stored_programme_from_row(row)
        except StaleDataError as exc:
            raise stale_to_conflict(
                self._s.db, ENTITY, programme_id, expected_version, exc
            ) from None

    def save_changes(
        self, programme_id: int, expected_version: int, before: Programme, after: Programme
    ) -> int:
        """Store an edit by writing only the rows it changed; returns the new version.

        ``before`` must be the programme as stored at ``expected_version`` (what the caller
        loaded or last saved): the version check makes that safe, since any other save moves
        the version on. One UPDATE both checks and moves the version, so a dose change costs
        one statement for the header and one for the item, plus the audit row.
        """
        old, new = programme_to_doc(before, None), programme_to_doc(after, None)
        rows = programme_row_changes(old, new)
        if rows.empty:
            return expected_version
        with self._s.db.transaction() as session:
            bumped = session.execute(
                update(ProgrammeRow)
                .where(ProgrammeRow.id == programme_id, ProgrammeRow.version == expected_version)
                .values(version=expected_version + 1, updated_at=utcnow(), **rows.header)
            )
            if bumped.rowcount != 1:  # type: ignore[attr-defined]
                # Missing, or someone saved first: say which, with what they changed.
                row = get_row(session, ProgrammeRow, programme_id, ENTITY)
                check_version(session, ENTITY, programme_id, row.version, expected_version)
            _write_positions(session, PhaseRow, programme_id, rows.phases, _phase_values)
            _write_positions(session, ItemRow, programme_id, rows.items, _item_values)
            changed = programme_doc_changes(old, new)
            self._s.audit(session, ENTITY, programme_id, "edit", expected_version + 1, changed)
        return expected_version + 1

    def for_client(self, client_id: int) -> list[ProgrammeSummary]:
        stmt = (
            select(ProgrammeRow)
            .where(ProgrammeRow.client_id == client_id)
            .order_by(ProgrammeRow.start_date.desc(), ProgrammeRow.id.desc())
        )
        with self._s.db.transaction() as session:
            return [programme_summary_from_row(r) for r in session.scalars(stmt)]

    def all_summaries(self) -> list[ProgrammeSummary]:
        """Every stored programme, oldest first (for checks across the clinic)."""
        with self._s.db.transaction() as session:
            rows = session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.id))
            return [programme_summary_from_row(r) for r in rows]

    def most_recent(self) -> ProgrammeSummary | None:
        stmt = select(ProgrammeRow).order_by(ProgrammeRow.updated_at.desc(), ProgrammeRow.id.desc())
        with self._s.db.transaction() as session:
            row = session.scalars(stmt.limit(1)).first()
            return programme_summary_from_row(row) if row else None

    # -- the rich programme model (planner.programme.model) in and out -----------------
    def create_programme(self, programme: Programme, client_id: int | None) -> StoredProgramme:
        return self.create(programme_to_doc(programme, client_id))

    def load(self, programme_id: int) -> tuple[Programme, StoredProgramme]:
        """The programme and its stored record (id, version, client).

        The client's name is taken from the client record, so a renamed client prints under
        the new name and a programme imported for another client carries that client's name.
        """
        stored = self.get(programme_id)
        programme = programme_from_doc(stored)
        if stored.client_id is not None:
            name = self._s.clients.get(stored.client_id).name
            if programme.client != name:
                programme = programme.model_copy(update={"client": name})
        return programme, stored

    def save_programme(
        self, programme_id: int, expected_version: int, programme: Programme
    ) -> StoredProgramme:
        current = self.get(programme_id)
        doc = programme_to_doc(programme, current.client_id)
        return self.save(programme_id, expected_version, doc)

    # -- adherence -----------------------------------------------------------------------
    def record_log(self, programme_id: int, log: SessionLog, expected_version: int = 0) -> int:
        """Store what the client did for one item on one day; returns the entry's version.

        ``expected_version`` is the version of the entry the caller saw (0: none yet). An entry
        another workstation recorded or changed since is never overwritten: that is a
        :class:`ConflictError`, as for every other record.
        """
        programme, stored = self.load(programme_id)
        _check_log(programme_id, programme, log)
        find = partial(self._log_row, programme_id=programme_id, log=log)
        with self._s.editing_keyed(LOG_ENTITY, find, expected_version) as (session, row):
            if row is None:
                row = SessionLogRow(programme_id=programme_id, recorded_at=utcnow())
                session.add(row)
            apply_session_log(row, log)
            row.recorded_at = utcnow()
            flush_or_lose(session)
            self._s.audit(
                session, LOG_ENTITY, row.id, "record", row.version, [log.status.value],
                client_id=stored.client_id,
            )  # fmt: skip
            return int(row.version)

    def record_new_logs(self, programme_id: int, logs: Sequence[SessionLog]) -> None:
        """Store many first entries at once, all or none (the demo's weeks of sessions): the
        programme is read once, and an entry already stored for a day is a conflict, as a
        first entry is in :meth:`record_log`."""
        programme, stored = self.load(programme_id)
        for log in logs:
            _check_log(programme_id, programme, log)
        with self._s.guarded(LOG_ENTITY, 0, 0), self._s.db.transaction() as session:
            for log in logs:
                row = self._log_row(session, programme_id, log)
                if row is not None:  # stored since the caller looked: a conflict
                    check_version(session, LOG_ENTITY, row.id, row.version, 0)
                row = SessionLogRow(programme_id=programme_id, recorded_at=utcnow())
                session.add(row)
                apply_session_log(row, log)
                flush_or_lose(session)
                self._s.audit(
                    session, LOG_ENTITY, row.id, "record", row.version, [log.status.value],
                    client_id=stored.client_id,
                )  # fmt: skip

    @staticmethod
    def _log_row(session: Session, programme_id: int, log: SessionLog) -> SessionLogRow | None:
        return session.scalars(
            select(SessionLogRow).where(
                SessionLogRow.programme_id == programme_id,
                SessionLogRow.item_key == log.item,
                SessionLogRow.day == log.date,
            )
        ).one_or_none()

    def log_versions(self, programme_id: int) -> dict[tuple[str, date], int]:
        """The version of each stored entry by (item key, day), for the next record_log."""
        stmt = select(SessionLogRow.item_key, SessionLogRow.day, SessionLogRow.version).where(
            SessionLogRow.programme_id == programme_id
        )
        with self._s.db.transaction() as session:
            return {(key, day): version for key, day, version in session.execute(stmt)}

    def logs(self, programme_id: int) -> list[SessionLog]:
        stmt = (
            select(SessionLogRow)
            .where(SessionLogRow.programme_id == programme_id)
            .order_by(SessionLogRow.day, SessionLogRow.item_key)
        )
        with self._s.db.transaction() as session:
            return [session_log_from_row(r) for r in session.scalars(stmt)]

    # -- files ---------------------------------------------------------------------------
    def export_file(self, programme_id: int | None, path: Path) -> int:
        """Write a programme file (default: the most recently changed programme)."""
        if programme_id is None:
            recent = self.most_recent()
            if recent is None:
                raise NotFoundError("there are no programmes in the database to export")
            programme_id = recent.id
        programme, stored = self.load(programme_id)
        programme = programme.model_copy(
            update={"client_context": self.file_context(stored.client_id, programme)}
        )
        write_programme_file(path, programme_file(programme, self._s.exercises.catalogue()))
        return programme_id

    def file_context(
        self, client_id: int | None, programme: Programme
    ) -> ClientContextRecord | None:
        """The client context a file of this programme carries: from the client's latest
        assessment, else what the programme brought with it when it was imported."""
        context = self._s.assessments.context(client_id) if client_id is not None else None
        if context is not None:
            record = context.record()
            planned = programme.client_context
            if record is not None and planned is not None and planned.care_pathway:
                # The care pathway the programme was planned for stays with it.
                record = record.model_copy(update={"care_pathway": planned.care_pathway})
            return record
        return programme.client_context

    def import_file(self, path: Path, client_id: int | None = None) -> int:
        """Store a programme file and the clinic exercises it carries, all or nothing."""
        pf = read_programme_file(path, self._s.exercises.catalogue())
        programme = pf.programme
        if client_id is not None:
            # The file may come from another client (a template of sorts): it becomes this
            # client's programme, under this client's name.
            # Its client context is now this client's assessments, not the file's.
            name = self._s.clients.get(client_id).name
            programme = programme.model_copy(update={"client": name, "client_context": None})
        doc = programme_to_doc(programme, client_id)
        now = utcnow()
        with self._s.db.transaction() as session:
            if client_id is not None and session.get(ClientRow, client_id) is None:
                raise NotFoundError(f"there is no client with id {client_id}")
            for exercise in pf.exercises:
                data = exercise.model_dump(mode="json", exclude_none=True)
                row = session.scalars(
                    select(CustomExerciseRow).where(CustomExerciseRow.code == exercise.code)
                ).one_or_none()
                if row is None:
                    session.add(
                        CustomExerciseRow(
                            code=exercise.code, data=data, created_at=now, updated_at=now
                        )
                    )
                elif row.data != data:
                    raise UserError(
                        f"{path}: exercise '{exercise.code}' differs from the clinic's own "
                        "exercise with that code; rename one of them before importing"
                    )
            row = ProgrammeRow(clinician_id=self._s.clinician_id, created_at=now, updated_at=now)
            apply_programme_doc(row, doc)
            session.add(row)
            session.flush()
            self._s.audit(
                session, ENTITY, row.id, "import", row.version, ["programme"],
                client_id=client_id,
            )  # fmt: skip
            return row.id

    # -- safety against the client's latest assessment ----------------------------------
    def unsafe_items(self, programme_id: int) -> list[UnsafeItem]:
        """Exercises in this programme that the client's latest assessment rules out."""
        programme, stored = self.load(programme_id)
        if stored.client_id is None:
            return []
        ctx = self._s.assessments.context(stored.client_id)
        if ctx is None:
            return []
        policy = self._s.settings.policy()
        return unsafe_items(programme, self._s.exercises.catalogue(), ctx, policy)


def _phase_values(doc: PhaseDoc) -> dict[str, Any]:
    return {"name": doc.name, "weeks": doc.weeks, "data": dict(doc.data)}


def _item_values(doc: ItemDoc) -> dict[str, Any]:
    return {"exercise_code": doc.exercise_code, "data": dict(doc.data)}


def _write_positions(
    session: Session,
    table: type[PhaseRow] | type[ItemRow],
    programme_id: int,
    changes: dict[int, Any],
    values: Callable[[Any], dict[str, Any]],
) -> None:
    """Rows of one programme by position: updated in place, added at the end, or cut off.

    Removed positions are always the last ones (a shorter list), so one DELETE cuts them.
    """
    if not changes:
        return
    removed = [n for n, doc in changes.items() if doc is None]
    if removed:
        session.execute(
            delete(table).where(table.programme_id == programme_id, table.position >= min(removed))
        )
    for n, doc in sorted(changes.items()):
        if doc is None:
            continue
        result = session.execute(
            update(table)
            .where(table.programme_id == programme_id, table.position == n)
            .values(**values(doc))
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]  # a new last row
            session.execute(
                insert(table).values(programme_id=programme_id, position=n, **values(doc))
            )


def _check_log(programme_id: int, programme: Programme, log: SessionLog) -> None:
    """A log names an item of the programme, a day already past, within the programme."""
    if programme.item(log.item) is None:
        raise UserError(f"programme {programme_id} has no item '{log.item}'")
    if log.date > date.today():
        raise UserError(
            f"{log.date.isoformat()} has not happened yet: sessions are logged once done"
        )
    if not programme.start <= log.date <= programme.end:
        raise UserError(
            f"{log.date.isoformat()} is outside the programme "
            f"({programme.start.isoformat()} to {programme.end.isoformat()})"
        )
