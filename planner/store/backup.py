"""Backups and restore: a copy on demand, a daily copy kept in rotation, and a checked restore.

An SQLite file is copied with SQLite's online backup API, so a copy taken while the window is
open is still consistent. A PostgreSQL database is dumped with ``pg_dump`` (the server's own
tool, which knows its format); without it the message says what to install. Every copy is
owner-only (0600, in a 0700 folder): it holds every client's health record. Automatic names
carry the time only, never anything about a client.

Daily copies and the copies taken before a migration share one rotation: the clinic keeps the
newest ``backups_kept`` of them, so an erased client's records leave the last copy as it
rotates out.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from planner.errors import StorageError, UserError
from planner.store import audit_chain
from planner.store.secrets import without_password

BACKUP_FOLDER = "backups"
ROTATED_KINDS = ("daily", "pre-migration")
STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<kind>[a-z-]+)-(?P<stamp>\d{8}T\d{6}Z?)(?:-\d+)?\.[a-z]+$")
PG_TOOLS_HINT = (
    "install the PostgreSQL client tools (Debian/Ubuntu: sudo apt-get install postgresql-client) "
    "or back up the server with its own tools"
)


def private_folder(path: Path) -> Path:
    """Make ``path`` (and missing parents) owner-only; an existing folder of ours is tightened."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid():
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only if it does not exist (before SQLite opens it, so
    the database and its -wal and -shm files, which copy its mode, are never readable by others)."""
    if path.exists():
        return
    if not path.parent.exists():
        private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def backup_folder(db_file: Path) -> Path:
    return db_file.parent / BACKUP_FOLDER


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP)


def _free_name(folder: Path, stem: str, kind: str, suffix: str, now: datetime | None) -> Path:
    base = f"{stem}.{kind}-{_stamp(now)}"
    dest = folder / f"{base}{suffix}"
    n = 2
    while dest.exists():
        dest = folder / f"{base}-{n}{suffix}"
        n += 1
    return dest


def copy_sqlite(src: Path, dest: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """A consistent, owner-only copy of a live SQLite file, written whole or not at all."""
    tmp = dest.with_name(f".{dest.name}.part")
    tmp.unlink(missing_ok=True)
    private_file(tmp)
    try:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(
                    target,
                    pages=256,
                    progress=(lambda _s, left, total: progress(total - left, total))
                    if progress
                    else None,
                )
                # A copy stands alone: no -wal beside it to be lost.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot copy {src} to {dest}: {exc}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"{dest}: cannot be written ({exc.strerror or exc})") from None


# -- backups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    removed: list[Path]


def make_backup(
    url: URL,
    out: Path | None = None,
    *,
    kind: str = "manual",
    keep: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupResult:
    """Back up the database to ``out`` (default: the backups folder beside an SQLite file, or
    in the user data folder for PostgreSQL); rotates when ``keep`` is given."""
    db_file = sqlite_path(url)
    if db_file is not None:
        if not db_file.exists():
            raise StorageError(f"there is no database at {db_file} to back up")
        dest = out or _free_name(
            private_folder(backup_folder(db_file)), db_file.stem, kind, db_file.suffix, None
        )
        if out is not None:
            private_folder(out.parent) if not out.parent.exists() else None
        copy_sqlite(db_file, dest, progress)
        removed = rotate(db_file, keep) if keep is not None else []
        return BackupResult(dest, removed)
    from planner.store.database import default_data_dir

    folder = private_folder(default_data_dir() / BACKUP_FOLDER)
    dest = out or _free_name(folder, str(url.database), kind, ".dump", None)
    pg_dump(url, dest)
    return BackupResult(dest, [])


def rotated_backups(db_file: Path) -> list[Path]:
    """Daily and pre-migration copies of ``db_file``, newest first."""
    found: list[tuple[str, Path]] = []
    for folder in (backup_folder(db_file), db_file.parent):
        if not folder.is_dir():
            continue
        for path in folder.glob(f"{db_file.stem}.*{db_file.suffix}"):
            match = _NAME.match(path.name)
            if match and match["stem"] == db_file.stem and match["kind"] in ROTATED_KINDS:
                found.append((match["stamp"].rstrip("Z") + path.name, path))
    return [path for _, path in sorted(found, reverse=True)]


def rotate(db_file: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` rotated copies; returns what was deleted."""
    removed = []
    for path in rotated_backups(db_file)[max(keep, 1) :]:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def daily_backup(url: URL, keep: int, now: datetime | None = None) -> BackupResult | None:
    """Today's automatic copy of an SQLite file, once a day (UTC); None when one exists."""
    db_file = sqlite_path(url)
    if db_file is None or not db_file.exists() or db_file.stat().st_size == 0:
        return None
    today = _stamp(now)[:8]
    for path in rotated_backups(db_file):
        match = _NAME.match(path.name)
        if match and match["kind"] == "daily" and match["stamp"].startswith(today):
            return None
    folder = private_folder(backup_folder(db_file))
    dest = _free_name(folder, db_file.stem, "daily", db_file.suffix, now)
    copy_sqlite(db_file, dest)
    return BackupResult(dest, rotate(db_file, keep))


# -- checking a copy and restoring it -------------------------------------------------------


def check_sqlite_copy(path: Path) -> str:
    """Refuse a file that is not a whole Physio Planner database; returns its schema revision."""
    from planner.store.database import known_revisions

    if not path.is_file():
        raise UserError(f"{path}: no such file")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise UserError(f"{path}: not an SQLite database, so not a Physio Planner backup")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise UserError(f"{path}: the copy is damaged ({result[0]}); nothing was restored")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            raise UserError(f"{path}: not a Physio Planner database; nothing was restored")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
        if revision not in known_revisions():
            raise UserError(
                f"{path}: written by a newer Physio Planner (schema {revision}); update this "
                "workstation first"
            )
        if "audit_chain" in tables:
            problems = _chain_problems(path)
            if problems:
                raise UserError(
                    f"{path}: its audit trail is broken ({problems[0]}); nothing was restored"
                )
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path}: cannot be read as a database ({exc})") from None
    finally:
        conn.close()
    return str(revision)


def _chain_problems(path: Path) -> list[str]:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            return audit_chain.verify(conn)
    finally:
        engine.dispose()


def restore_sqlite(url: URL, source: Path) -> Path | None:
    """Put ``source`` in place of the SQLite database after checking it; the current file is
    copied aside first (returned). The copy goes in through the backup API, so the database
    stays one consistent file even with its write-ahead log."""
    db_file = sqlite_path(url)
    assert db_file is not None
    check_sqlite_copy(source)
    aside = None
    if db_file.exists() and db_file.stat().st_size > 0:
        folder = private_folder(backup_folder(db_file))
        aside = _free_name(folder, db_file.stem, "before-restore", db_file.suffix, None)
        copy_sqlite(db_file, aside)
    else:
        private_file(db_file)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_file, timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise StorageError(
            f"cannot restore into {db_file}: {exc}; the database as it was is kept in {aside}"
        ) from None
    finally:
        src.close()
    return aside


# -- PostgreSQL through its own tools --------------------------------------------------------


def pg_tool(name: str) -> str | None:
    """``pg_dump`` or ``pg_restore`` on PATH, else the newest in Debian's server folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)],
    )
    return str(candidates[-1]) if candidates else None


def _pg_env_and_target(url: URL) -> tuple[dict[str, str], str]:
    """A libpq connection string without the password (which travels in the environment, as
    pgpass or the keyring left it), keeping sslmode and the other options of the URL."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = without_password(url.set(drivername="postgresql"))
    return env, plain.render_as_string(hide_password=False)


def pg_dump(url: URL, dest: Path) -> None:
    tool = pg_tool("pg_dump")
    if tool is None:
        raise UserError(
            f"pg_dump was not found, so PostgreSQL cannot be backed up here; {PG_TOOLS_HINT}"
        )
    env, target = _pg_env_and_target(url)
    tmp = dest.with_name(f".{dest.name}.part")
    private_file(tmp)
    result = subprocess.run(
        [tool, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={target}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tmp.unlink(missing_ok=True)
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise StorageError(f"pg_dump failed: {detail}")
    os.replace(tmp, dest)


def restore_postgres(url: URL, source: Path) -> Path:
    """Check the dump, keep the current database aside as a dump, then restore over it."""
    tool = pg_tool("pg_restore")
    if tool is None:
        raise UserError(f"pg_restore was not found; {PG_TOOLS_HINT}")
    if not source.is_file():
        raise UserError(f"{source}: no such file")
    listing = subprocess.run(
        [tool, "--list", str(source)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0 or "alembic_version" not in listing.stdout:
        raise UserError(f"{source}: not a whole Physio Planner dump; nothing was restored")
    aside = make_backup(url, kind="before-restore").path
    env, target = _pg_env_and_target(url)
    result = subprocess.run(
        [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={target}", str(source)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise StorageError(
            f"pg_restore failed: {detail}; the database as it was is kept in {aside}"
        )
    return aside
