"""Opening the clinic's database: URL resolution, engine set-up, checks and migrations.

Every way into the data (the window, each command, the tests) goes through
:func:`open_database`, so the same checks guard all of them: a URL that cannot work, a server
that cannot be reached, or a file that is not ours ends in one clear :class:`StorageError`
instead of a traceback, and a pending migration is applied (after a backup of an SQLite file)
before anything reads the tables.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.errors import StorageError
from planner.store.backup import copy_sqlite, private_file
from planner.store.migrations import HEAD_REVISION
from planner.store.secrets import password_from_keyring, with_default_sslmode

if TYPE_CHECKING:
    from alembic.config import Config

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


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            if url.database and url.database != ":memory:":
                path = Path(url.database)
                if path.is_dir():
                    raise StorageError(f"'{path}' is a folder, not a database file")
                # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
                private_file(path)
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
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


def _alembic_config() -> Config:
    # Alembic (and the template engine it pulls in) loads only when a migration is pending,
    # which keeps it out of every ordinary start-up.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest schema this release knows (tests check it matches the migration scripts)."""
    return HEAD_REVISION


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


@dataclass(frozen=True)
class MigrationState:
    current: str | None
    head: str

    @property
    def pending(self) -> bool:
        return self.current != self.head


class Database:
    """An open, checked, up-to-date database and the way to start a unit of work."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            raise _translate(exc, self.url) from None
        finally:
            session.close()

    def migration_state(self) -> MigrationState:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return MigrationState(None, head_revision())
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return MigrationState(current, head_revision())

    def dispose(self) -> None:
        self.engine.dispose()


def _translate(exc: DBAPIError, url: URL) -> StorageError:
    orig = exc.orig
    detail = str(orig).strip().splitlines()[0] if orig is not None else str(exc)
    if isinstance(orig, sqlite3.DatabaseError) and "not a database" in detail:
        return StorageError(f"{url.database} is not a Physio Planner database (not an SQLite file)")
    if url.get_backend_name() == "postgresql" and "connect" in detail.lower():
        return StorageError(f"cannot reach the {describe(url)}: {detail}")
    return StorageError(f"database error on the {describe(url)}: {detail}")


def _check_is_ours(engine: Engine, url: URL) -> None:
    """Refuse a database that holds someone else's tables."""
    tables = set(inspect(engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StorageError(
            f"the {describe(url)} holds other tables ({', '.join(sorted(tables)[:3])}, ...) and "
            "is not a Physio Planner database"
        )


def backup_sqlite(url: URL, reason: str = "pre-migration") -> Path | None:
    """Copy an SQLite file aside (consistent, via the backup API) before it is changed."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    src = Path(url.database)
    if not src.exists() or src.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    dest = src.with_name(f"{src.stem}.{reason}-{stamp}{src.suffix}")
    copy_sqlite(src, dest)  # owner-only, whole or not at all
    return dest


def upgrade(db: Database) -> list[str]:
    """Apply pending migrations; returns a line per thing done (for `db upgrade`)."""
    from alembic import command

    done: list[str] = []
    state = db.migration_state()
    if not state.pending:
        return done
    if state.current is not None:
        backup = backup_sqlite(db.url)
        if backup is not None:
            done.append(f"backed up the database to {backup}")
    cfg = _alembic_config()
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DBAPIError as exc:
        raise _translate(exc, db.url) from None
    done.append(f"upgraded from {state.current or 'empty'} to {state.head}")
    return done


def connect(url_text: str | None = None) -> Database:
    """Open and check the database without changing it (used by `db check`)."""
    url = resolve_url(url_text)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if url.get_backend_name() == "sqlite":
                # Touch the schema so a non-SQLite file fails here, not mid-action.
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
        _check_is_ours(engine, url)
    except DBAPIError as exc:
        engine.dispose()
        raise _translate(exc, url) from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StorageError(f"cannot open the {describe(url)}: {exc}") from None
    except StorageError:
        engine.dispose()
        raise
    return Database(url, engine)


def open_database(url_text: str | None = None, *, migrate: bool = True) -> Database:
    """Open, check and (by default) migrate to the newest schema: the app's start-up path."""
    db = connect(url_text)
    if migrate:
        state = db.migration_state()
        if state.pending and state.current is not None and state.current not in known_revisions():
            db.dispose()
            raise StorageError(
                f"the {describe(db.url)} was written by a newer Physio Planner "
                f"(schema {state.current}); update the app on this workstation"
            )
        upgrade(db)
    return db


def sqlite_integrity(db: Database) -> list[str]:
    """Problems SQLite itself finds in the file (empty when healthy)."""
    if not db.is_sqlite:
        return []
    problems: list[str] = []
    with db.engine.connect() as conn:
        result = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        if result != ["ok"]:
            problems.extend(result)
        for row in conn.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"row {row[1]} in {row[0]} points to a missing {row[2]}")
    return problems
