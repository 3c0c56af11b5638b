"""Client records: create, edit, archive/restore, search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from planner.records import Client, ClientDetails, fold_name
from planner.services import get_row, utcnow
from planner.store.mapping import apply_client_details, client_from_row
from planner.store.models import ClientRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "client"


# The longest words typed become the SQL LIKEs; SQLite refuses a query with thousands of them.
MAX_SQL_WORDS = 16
NAME_LENGTH = ClientRow.__table__.c.name_key.type.length


def _search_words(text: str) -> list[str] | None:
    """The words a name must contain, longest first; None when no name can contain them."""
    words = sorted(set(fold_name(text).split()), key=lambda w: (-len(w), w))
    if words and len(words[0]) > NAME_LENGTH:
        return None
    return words


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ClientService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def create(self, details: ClientDetails) -> Client:
        now = utcnow()
        with self._s.db.transaction() as session:
            row = ClientRow(created_at=now, updated_at=now, notes="", archived=False)
            apply_client_details(row, details)
            session.add(row)
            session.flush()
            self._s.audit(
                session, ENTITY, row.id, "create", row.version, ["name"], client_id=row.id
            )
            return client_from_row(row)

    def get(self, client_id: int) -> Client:
        with self._s.db.transaction() as session:
            return client_from_row(get_row(session, ClientRow, client_id, ENTITY))

    def update(self, client_id: int, expected_version: int, details: ClientDetails) -> Client:
        with self._s.editing(ClientRow, client_id, ENTITY, expected_version) as (session, row):
            changed = apply_client_details(row, details)
            if not changed:
                return client_from_row(row)
            row.updated_at = utcnow()
            session.flush()
            self._s.audit(session, ENTITY, row.id, "edit", row.version, changed, client_id=row.id)
            return client_from_row(row)

    def set_archived(self, client_id: int, expected_version: int, archived: bool) -> Client:
        with self._s.editing(ClientRow, client_id, ENTITY, expected_version) as (session, row):
            if row.archived == archived:
                return client_from_row(row)
            row.archived = archived
            row.updated_at = utcnow()
            session.flush()
            action = "archive" if archived else "restore"
            self._s.audit(
                session, ENTITY, row.id, action, row.version, ["archived"], client_id=row.id
            )
            return client_from_row(row)

    def search(self, text: str = "", *, archived: bool = False, limit: int = 200) -> list[Client]:
        """Clients whose name contains every word typed, in any order, ignoring case/accents.

        Bounded by what a name can hold, so no input is slow or too complex for the database:
        a word longer than a name finds nobody, a word typed twice counts once, and only the
        longest words go into the query; any others are checked on its results.
        """
        words = _search_words(text)
        if words is None:
            return []
        in_sql, after = words[:MAX_SQL_WORDS], words[MAX_SQL_WORDS:]
        stmt = select(ClientRow).where(ClientRow.archived == archived)
        for word in in_sql:
            stmt = stmt.where(ClientRow.name_key.like(f"%{_escape_like(word)}%", escape="\\"))
        stmt = stmt.order_by(ClientRow.name_key, ClientRow.id)
        with self._s.db.transaction() as session:
            if not after:
                return [client_from_row(r) for r in session.scalars(stmt.limit(limit))]
            rows = [r for r in session.scalars(stmt) if all(w in r.name_key for w in after)]
            return [client_from_row(r) for r in rows[:limit]]

    def recent(self, limit: int = 10) -> list[Client]:
        stmt = (
            select(ClientRow)
            .where(ClientRow.archived.is_(False))
            .order_by(ClientRow.updated_at.desc(), ClientRow.id.desc())
            .limit(limit)
        )
        with self._s.db.transaction() as session:
            return [client_from_row(r) for r in session.scalars(stmt)]

    def count(self, *, archived: bool = False) -> int:
        with self._s.db.transaction() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(ClientRow)
                    .where(ClientRow.archived == archived)
                )
                or 0
            )
