"""Schema migrations: all or nothing, after a whole backup, never on a file we must not touch.

On SQLite the whole upgrade (every pending script and the new revision number) runs in one
transaction, so a crash or kill at any point leaves the old schema or the new one, never a mix.
Databases left half-upgraded by older releases, whose every CREATE TABLE committed on its own,
are repaired on the way: tables a later script made, still empty because the app never started
on them, are dropped in the same transaction that applies the scripts again. A database
written by a newer release is refused before anything is written, its backup included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from planner.errors import StorageError
from planner.store.backup import copy_sqlite
from planner.store.database import (
    MIGRATIONS_DIR,
    Database,
    MigrationState,
    describe,
    newer_release_message,
    outside_transaction,
    translate,
)

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"


def alembic_config() -> Config:
    # Alembic (and the template engine it pulls in) loads only when a migration is pending,
    # which keeps it out of every ordinary start-up.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def tables_at(revision: str | None) -> frozenset[str]:
    """The tables a database at ``revision`` has: the scripts replayed on an empty memory
    database, so this can never disagree with them."""
    if revision is None:
        return frozenset()
    from alembic import command

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        return frozenset(inspect(engine).get_table_names()) - {VERSION_TABLE}
    finally:
        engine.dispose()


@dataclass(frozen=True)
class SchemaDrift:
    """How the live tables differ from what the recorded revision should have."""

    missing: frozenset[str]
    leftover: frozenset[str]  # made by a later script that never finished


def read_state(conn: Connection, head: str) -> MigrationState:
    if not inspect(conn).has_table(VERSION_TABLE):
        return MigrationState(None, head)
    return MigrationState(
        conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar(), head
    )


def schema_drift(conn: Connection, state: MigrationState) -> SchemaDrift:
    live = set(inspect(conn).get_table_names()) - {VERSION_TABLE}
    if state.current is None and not live:
        return SchemaDrift(frozenset(), frozenset())  # a new database: nothing to replay
    expected = tables_at(state.current)
    later = tables_at(state.head) - expected
    return SchemaDrift(frozenset(expected - live), frozenset(live & later))


def _has_rows(conn: Connection, table: str) -> bool:
    quoted = conn.dialect.identifier_preparer.quote(table)
    return conn.execute(text(f"SELECT 1 FROM {quoted} LIMIT 1")).first() is not None


def _repairable(conn: Connection, db: Database, state: MigrationState) -> list[str]:
    """Leftover tables to drop before upgrading; refuses what cannot be repaired safely."""
    drift = schema_drift(conn, state)
    if drift.missing:
        raise StorageError(
            f"the {describe(db.url)} is at schema {state.current or 'none'} but has no "
            f"{', '.join(sorted(drift.missing))} table; it cannot be upgraded safely. Restore "
            "it from a backup (physio-planner.pre-migration-*.db beside an SQLite file)"
        )
    holding = sorted(t for t in drift.leftover if _has_rows(conn, t))
    if holding:
        raise StorageError(
            f"the {describe(db.url)} was left half-upgraded and its {', '.join(holding)} "
            "table already holds records; it was not changed. Restore it from a backup"
        )
    return sorted(drift.leftover)


def stale_backup_parts(db_path: Path) -> list[Path]:
    """Unfinished copies of this database beside it, left by a process that was killed."""
    return sorted(db_path.parent.glob(f".{db_path.stem}.*{db_path.suffix}.part"))


def remove_stale_backup_parts(db_path: Path) -> None:
    for part in stale_backup_parts(db_path):
        part.unlink(missing_ok=True)


def backup_sqlite(url: URL, reason: str = "pre-migration") -> Path | None:
    """Copy an SQLite file aside before it is changed, whole or not at all.

    planner.store.backup writes the copy under a temporary name, syncs it and renames it into
    place; if that fails (a full disk) nothing is left under either name and the upgrade does
    not start. A temporary copy left by a killed process is removed the next time.
    """
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    src = Path(url.database)
    if not src.exists() or src.stat().st_size == 0:
        return None
    remove_stale_backup_parts(src)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    dest = src.with_name(f"{src.stem}.{reason}-{stamp}{src.suffix}")
    try:
        copy_sqlite(src, dest)
    except StorageError as exc:
        raise StorageError(
            f"could not back up {src} before upgrading it ({exc}); nothing was changed. "
            "Free some disk space and try again"
        ) from None
    return dest


def _foreign_keys(conn: Connection, on: bool) -> None:
    # Only outside a transaction does SQLite take this pragma.
    outside_transaction(conn, f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade(db: Database) -> list[str]:
    """Apply pending migrations; returns a line per thing done (for `db upgrade`)."""
    state = db.migration_state()
    if state.newer:
        raise StorageError(newer_release_message(db, state))
    if not state.pending:
        return []
    if db.read_only:
        raise StorageError(
            f"the {describe(db.url)} needs an upgrade to schema {state.head} but is read-only; "
            "open it once where it can be written"
        )
    from alembic import command

    done: list[str] = []
    if state.current is not None:
        backup = backup_sqlite(db.url)
        if backup is not None:
            done.append(f"backed up the database to {backup}")
    leftover: list[str] = []
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                _foreign_keys(conn, False)
            try:
                with conn.begin():
                    # Read again under the write lock: another workstation may have upgraded
                    # (or half-upgraded) the database since the first look.
                    state = read_state(conn, state.head)
                    if state.newer:
                        raise StorageError(newer_release_message(db, state))
                    if not state.pending:
                        return done
                    leftover = _repairable(conn, db, state)
                    for table in leftover:
                        quoted = conn.dialect.identifier_preparer.quote(table)
                        conn.execute(text(f"DROP TABLE {quoted}"))
                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if db.is_sqlite:
                        broken = conn.execute(text("PRAGMA foreign_key_check")).all()
                        if broken:
                            raise StorageError(
                                f"upgrading the {describe(db.url)} would leave {len(broken)} "
                                "records pointing at nothing; it was not changed"
                            )
            finally:
                if db.is_sqlite:
                    _foreign_keys(conn, True)
    except IntegrityError as exc:
        detail = str(exc.orig).strip().splitlines()[0][:160]
        raise StorageError(
            f"the {describe(db.url)} could not be upgraded: a stored record breaks a rule of the "
            f"new schema ({detail}); nothing was changed. 'physio-planner db check' lists them"
        ) from None
    except DBAPIError as exc:
        raise translate(exc, db.url) from None
    if leftover:
        done.append(f"repaired an upgrade that had not finished ({', '.join(leftover)})")
    done.append(f"upgraded from {state.current or 'empty'} to {state.head}")
    return done
