"""Opening the clinic's database: URL resolution, engine set-up, checks and migrations.

Every way into the data (the window, each command, the tests) goes through
:func:`open_database`, so the same checks guard all of them: a URL that cannot work, a server
that cannot be reached, a file that is not ours, damaged or written by a newer release ends in
one clear :class:`StorageError` instead of a traceback, and a pending migration is applied
(after a backup of an SQLite file) before anything reads the tables. Looking never changes a
file: an SQLite file is checked read-only (:mod:`planner.store.sqlite_file`) before the app's
settings touch it, and ``db check`` only ever reads.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.errors import StorageError
from planner.store.migrations import HEAD_REVISION, REVISIONS
from planner.store.secrets import password_from_keyring, with_default_sslmode
from planner.store.sqlite_file import damage_message, file_uri, look_at, look_query

ENV_VAR = "PHYSIO_PLANNER_DB"
APP_NAME = "physio-planner"
DB_FILENAME = "physio-planner.db"
SQLITE_BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_url(explicit: str | None = None) -> URL:
    """The URL to use: ``--db`` first, then ``$PHYSIO_PLANNER_DB``, then the default file."""
    raw = explicit or os.environ.get(ENV_VAR)
    if not raw:
        path = default_data_dir() / DB_FILENAME
        return URL.create("sqlite", database=str(path))
    if "://" not in raw:
        raise StorageError(
            f"'{raw}' is not a database URL; use sqlite:///path/to/file.db or "
            "postgresql://user@host/dbname"
        )
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StorageError(f"'{raw}' is not a valid database URL") from None
    # psycopg 3 is the supported PostgreSQL driver; plain postgresql:// would ask for psycopg2.
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StorageError(
            f"unsupported database '{url.get_backend_name()}' in '{_safe(url)}'; "
            "use sqlite:/// or postgresql://"
        )
    return password_from_keyring(with_default_sslmode(url))


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def describe(url: URL) -> str:
    """Where the data lives, for messages (never shows a password)."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL database '{url.database}' on {host}{port}"


def _sqlite_connect_hook(read_only: bool):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # The driver would start transactions only before INSERT/UPDATE/DELETE, leaving DDL
        # (a migration's CREATE TABLE) to commit statement by statement; with its own
        # transaction handling off, the "begin" hook below opens every transaction, DDL too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            # Every commit reaches the disk before the app says "saved" (bench/RESULTS.md
            # gives the cost per save).
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return on_connect


def _sqlite_begin(read_only: bool):  # type: ignore[no-untyped-def]
    # IMMEDIATE takes the write lock at the start, so a version checked inside a transaction
    # is still the stored one when the UPDATE runs; another workstation's save waits for it
    # (busy_timeout) and then sees the new version, which makes it a conflict, not a lost save.
    statement = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    def on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(statement)

    return on_begin


def make_engine(url: URL, *, read_only: bool = False, look: bool = False) -> Engine:
    """``look``: a short read-only look that creates nothing beside the file (look_query)."""
    try:
        if url.get_backend_name() == "sqlite":
            target = url
            if read_only and url.database and url.database != ":memory:":
                path = Path(url.database)
                query = look_query(path) if look else {"mode": "ro"}
                target = URL.create(
                    "sqlite", database=file_uri(path), query={**query, "uri": "true"}
                )
            engine = create_engine(target, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_connect_hook(read_only))
            event.listen(engine, "begin", _sqlite_begin(read_only))
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except NoSuchModuleError:
        raise StorageError(
            f"no driver for '{url.drivername}'; PostgreSQL needs the 'postgres' extra "
            "(pip install 'physio-planner[postgres]')"
        ) from None
    except ModuleNotFoundError as exc:
        raise StorageError(
            f"the database driver for '{url.drivername}' is not installed ({exc.name}); "
            "install the 'postgres' extra"
        ) from None
    return engine


def head_revision() -> str:
    """The newest schema this release knows (tests check it matches the migration scripts)."""
    return HEAD_REVISION


def known_revisions() -> set[str]:
    return set(REVISIONS)


@dataclass(frozen=True)
class MigrationState:
    current: str | None
    head: str

    @property
    def pending(self) -> bool:
        return self.current != self.head

    @property
    def newer(self) -> bool:
        """Written by a newer release: this one must not touch it."""
        return self.current is not None and self.current not in REVISIONS


def newer_release_message(db: Database, state: MigrationState) -> str:
    return (
        f"the {describe(db.url)} was written by a newer Physio Planner (schema {state.current}); "
        "update the app on this workstation. Nothing was changed"
    )


# The session of the unit of work running in this thread, if any (see Database.atomic).
_OUTER: ContextVar[tuple[int, Session] | None] = ContextVar("physio_outer_session", default=None)


class Database:
    """An open, checked, up-to-date database and the way to start a unit of work."""

    def __init__(self, url: URL, engine: Engine, *, read_only: bool = False) -> None:
        self.url = url
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all.

        Inside :meth:`atomic` it joins the outer unit of work instead of committing alone.
        """
        outer = _OUTER.get()
        if outer is not None and outer[0] == id(self):
            yield outer[1]
            return
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            raise translate(exc, self.url) from None
        finally:
            session.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Many service calls as one transaction: all of them are stored, or none."""
        if _OUTER.get() is not None:
            yield
            return
        with self.transaction() as session:
            token = _OUTER.set((id(self), session))
            try:
                yield
            finally:
                _OUTER.reset(token)

    def outside_transaction(self, statement: str) -> list[Any]:
        """Run a statement SQLite takes only outside a transaction (a checkpoint, some
        pragmas); every ordinary statement opens one (see _sqlite_begin)."""
        with self.engine.connect() as conn:
            return outside_transaction(conn, statement)

    def migration_state(self) -> MigrationState:
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return MigrationState(None, head_revision())
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            raise translate(exc, self.url) from None
        return MigrationState(current, head_revision())

    def dispose(self) -> None:
        self.engine.dispose()


def outside_transaction(conn: Connection, statement: str) -> list[Any]:
    """``statement`` on ``conn``'s driver connection, which starts no transaction of its own."""
    if conn.in_transaction():
        raise StorageError(f"'{statement}' cannot run inside a transaction")
    driver: Any = conn.connection.driver_connection
    return list(driver.execute(statement).fetchall())


def translate(exc: DBAPIError, url: URL) -> StorageError:
    """A driver error in words: damaged, read-only, busy, unreachable."""
    orig = exc.orig
    detail = str(orig).strip().splitlines()[0] if orig is not None else str(exc)
    lowered = detail.lower()
    if isinstance(orig, sqlite3.DatabaseError):
        path = Path(url.database or "")
        if "not a database" in lowered:
            return StorageError(f"{path} is not a Physio Planner database (not an SQLite file)")
        if "malformed" in lowered or "corrupt" in lowered:
            return StorageError(damage_message(path, detail))
        if "readonly" in lowered or "read-only" in lowered:
            return StorageError(
                f"the SQLite file {path} is read-only: it can be looked at, but changes cannot "
                "be saved. Nothing was written"
            )
        if "locked" in lowered or "busy" in lowered:
            return StorageError(
                f"the SQLite file {path} is busy with another workstation's save; try again"
            )
    if url.get_backend_name() == "postgresql" and "connect" in lowered:
        return StorageError(f"cannot reach the {describe(url)}: {detail}")
    return StorageError(f"database error on the {describe(url)}: {detail}")


def _check_is_ours(tables: set[str], url: URL) -> None:
    """Refuse a database that holds someone else's tables."""
    if tables and "alembic_version" not in tables:
        raise StorageError(
            f"the {describe(url)} holds other tables ({', '.join(sorted(tables)[:3])}, ...) and "
            "is not a Physio Planner database"
        )


def connect(
    url_text: str | None = None, *, create: bool = False, read_only: bool = False
) -> Database:
    """Open and check the database without changing it.

    ``create`` makes a missing SQLite file (the app's start-up); without it a missing file is
    an error and nothing is created (``db check``). ``read_only`` is a look: it opens the file
    so that nothing can be written or created beside it, and skips the damage check, which
    ``db check`` reports itself. A file the system or its owner marks read-only always opens
    read-only.
    """
    url = resolve_url(url_text)
    sqlite_path = (
        Path(url.database)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:"
        else None
    )
    tables: set[str] | None = None
    look = read_only  # the caller only looks (db check); a read-only file is used for a while
    if sqlite_path is not None:
        looked = look_at(sqlite_path, create=create, verify=not read_only)
        read_only = read_only or looked.read_only
        tables = set(looked.tables)
        # Refused on what the read-only look found, before any setting is written to the file.
        _check_is_ours(tables, url)
    engine = make_engine(url, read_only=read_only, look=look)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if tables is None:
                _check_is_ours(set(inspect(conn).get_table_names()), url)
    except DBAPIError as exc:
        engine.dispose()
        raise translate(exc, url) from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StorageError(f"cannot open the {describe(url)}: {exc}") from None
    except StorageError:
        engine.dispose()
        raise
    return Database(url, engine, read_only=read_only)


def open_database(url_text: str | None = None, *, migrate: bool = True) -> Database:
    """Open, check and (by default) migrate to the newest schema: the app's start-up path."""
    from planner.store.migrate import remove_stale_backup_parts, upgrade

    db = connect(url_text, create=True)
    try:
        if db.is_sqlite and not db.read_only:
            remove_stale_backup_parts(Path(db.url.database or ""))
        state = db.migration_state()
        if state.newer:
            raise StorageError(newer_release_message(db, state))
        if migrate:
            upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return db
