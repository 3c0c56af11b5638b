"""An SQLite file looked at before it is used, without changing it.

Opening a file with the app's settings changes it (WAL mode, a new schema), so before that
happens the file is read through a read-only connection: is it an SQLite file at all, is it
ours, is it damaged, may we write to it. A file that fails any of these is refused exactly as
it was found. A missing file is created only when the caller means to create one, and then
whole: the new empty database is made under a temporary name and renamed into place, so an
interrupted start never leaves the 0-byte file that would later look like a lost database.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from planner.errors import StorageError
from planner.store.backup import private_folder

SQLITE_HEADER = b"SQLite format 3\x00"
# The file format's write and read versions, both 2 in WAL mode (1 with a rollback journal).
_WAL_BYTES = slice(18, 20)
# How long a check waits for another workstation's write to finish, in seconds.
_PROBE_TIMEOUT_S = 5.0


class MissingDatabaseError(StorageError):
    """There is no database file at the path (and none was to be created)."""


class DamagedDatabaseError(StorageError):
    """SQLite reports the file as damaged; nothing is written to it."""


@dataclass(frozen=True)
class SqliteFile:
    """What a look at the file found; ``tables`` is empty for a new file."""

    path: Path
    read_only: bool
    tables: frozenset[str]


def file_uri(path: Path) -> str:
    """``path`` as an SQLite URI (quoted, so '?' or '#' in a name stay literal)."""
    return f"file:{quote(str(path))}"


def read_only_uri(path: Path) -> str:
    return f"{file_uri(path)}?{urlencode(look_query(path))}"


def look_query(path: Path) -> dict[str, str]:
    """URI parameters that read the file without creating anything beside it.

    A read-only connection to a file in WAL mode creates its -wal and -shm files, and leaves
    them behind (it may not remove them): looking at a damaged or foreign file would add two
    files to its folder. When there is no -wal file, no connection has the file open and no
    change waits in a log, so everything is in the file itself and it is read as immutable,
    which creates nothing. Only for a short look (``db check``, the start-up look): a
    connection kept open this way would not see other workstations' changes.
    """
    query = {"mode": "ro"}
    try:
        with path.open("rb") as handle:
            header = handle.read(_WAL_BYTES.stop)
    except OSError:
        return query
    if header[_WAL_BYTES] == b"\x02\x02" and not Path(f"{path}-wal").exists():
        query["immutable"] = "1"
    return query


def marked_read_only(path: Path) -> bool:
    """The file (or its folder, which SQLite writes its journal into) cannot be written.

    Write bits are read directly as well as asking the system, so a file someone marked
    read-only stays read-only even for an administrator who could write it anyway.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def damage_message(path: Path, detail: str) -> str:
    return (
        f"the SQLite file {path} is damaged ({detail}); nothing was written to it. "
        "Restore the last good copy with 'physio-planner restore BACKUP_FILE'"
    )


def look_at(path: Path, *, create: bool, verify: bool = True) -> SqliteFile:
    """Check the file read-only; with ``create``, make a missing one (empty and whole).

    ``verify`` runs SQLite's quick check, so a damaged file is refused before anything is
    written into it (``db check`` turns it off and reports the damage itself).
    """
    if path.is_dir():
        raise StorageError(f"'{path}' is a folder, not a database file")
    if not path.exists():
        if not create:
            raise MissingDatabaseError(f"there is no database at {path}; nothing was created")
        _create_empty(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not header:
        raise StorageError(
            f"{path} is empty (0 bytes), so it is not a Physio Planner database. If it should "
            "hold the clinic's records, restore it from a backup; to start afresh, delete it"
        )
    if header != SQLITE_HEADER:
        raise StorageError(f"{path} is not a Physio Planner database (not an SQLite file)")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=_PROBE_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot be opened: {exc}") from None
    try:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        tables = frozenset(str(n[0]) for n in names if not str(n[0]).startswith("sqlite_"))
        if verify:
            result = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)")]
            if result != ["ok"]:
                raise DamagedDatabaseError(damage_message(path, "; ".join(result)[:200]))
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise StorageError(f"{path} is busy on another workstation; try again") from None
        raise DamagedDatabaseError(damage_message(path, str(exc))) from None
    finally:
        conn.close()
    return SqliteFile(path, read_only=marked_read_only(path), tables=tables)


def _create_empty(path: Path) -> None:
    """A new, empty database file with the app's journal mode, linked into place whole.

    Made owner-only (mkstemp's 0600; SQLite gives -wal and -shm the same mode)."""
    try:
        if not path.parent.exists():
            private_folder(path.parent)  # owner-only: it will hold every client's records
        for leftover in path.parent.glob(f".{path.name}.*.new"):  # from a start that was killed
            leftover.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    except OSError as exc:
        raise StorageError(f"{path}: cannot be created: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            # Writes the header and page 1: the file is never 0 bytes once it has our name.
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        # A link, not a rename: if another workstation created the file meanwhile, theirs stays.
        os.link(tmp, path)
    except FileExistsError:
        pass
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"{path}: cannot be created: {exc}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
