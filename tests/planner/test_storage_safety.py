"""Storage that cannot be broken: migrations all or nothing, damaged or foreign files left
alone, looking never changes a file (issue 16, problems 1, 3 and 8)."""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from planner.cli import main
from planner.demo import DEMO_CLIENTS, demo_assessment
from planner.errors import StorageError
from planner.records import ClientDetails
from planner.services import Services
from planner.store.checks import run_checks
from planner.store.database import head_revision, open_database
from tests.planner.storage_helpers import (
    add_raw_client,
    cli,
    fingerprint,
    schema_sql,
    sqlite_url,
    upgrade_to,
)

pytestmark = pytest.mark.storage


def _clinic_with_clients(path: Path, count: int = 40) -> None:
    db = open_database(sqlite_url(path))
    services = Services(db)
    for n in range(count):
        services.clients.create(ClientDetails(name=f"Client {n:03} " + "x" * 150))
    db.dispose()


# -- 1. migrations: all or nothing, and half-applied databases repaired ---------------------


@pytest.mark.parametrize("recorded", [None, "0001"])
def test_a_database_an_older_release_left_half_upgraded_is_repaired(
    tmp_path: Path, recorded: str | None
) -> None:
    """Old releases committed each CREATE TABLE alone: a kill left tables of the next script
    behind a revision that never got recorded, and every later start failed."""
    path = tmp_path / "clinic.db"
    url = sqlite_url(path)
    if recorded is None:
        # Killed during the very first upgrade: an empty version table and some tables.
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            conn.execute(text("CREATE TABLE clinic_settings (id INTEGER PRIMARY KEY)"))
            conn.execute(text("CREATE TABLE clinician (id INTEGER PRIMARY KEY)"))
        engine.dispose()
    else:
        upgrade_to(url, recorded)
        add_raw_client(url)
        engine = create_engine(url)
        with engine.begin() as conn:  # the first two tables of script 0002, then the kill
            conn.execute(text("CREATE TABLE assessment (id INTEGER PRIMARY KEY)"))
            conn.execute(text("CREATE TABLE programme (id INTEGER PRIMARY KEY)"))
        engine.dispose()

    db = open_database(url)
    try:
        assert db.migration_state().current == head_revision()
        assert all(r.ok for r in run_checks(db)), [r.problems for r in run_checks(db)]
        names = [c.name for c in Services(db).clients.search("")]
        assert names == ([] if recorded is None else ["Zoë Łukasiewicz"])
    finally:
        db.dispose()


def test_a_leftover_table_holding_records_is_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    url = sqlite_url(path)
    upgrade_to(url, "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE assessment (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO assessment (id) VALUES (1)"))
    engine.dispose()
    before = fingerprint(path)
    with pytest.raises(StorageError, match="half-upgraded and its assessment table already"):
        open_database(url)
    assert fingerprint(path) == before


def test_an_upgrade_that_fails_midway_leaves_the_old_schema_whole(tmp_path: Path) -> None:
    """Revision 0004 rebuilds nine tables; a bad row in the last one stops it, and every table
    rebuilt before is rolled back with it."""
    path = tmp_path / "clinic.db"
    url = sqlite_url(path)
    upgrade_to(url, "0003")
    add_raw_client(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO programme (id, client_id, title, status, start_date, data,"
                " created_at, updated_at, version) VALUES (1, 1, 'Plan', 'draft', '2025-05-05',"
                " '{}', '2025-05-01', '2025-05-01', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO session_log (programme_id, item_key, day, status, pain_during,"
                " data, note, recorded_at) VALUES (1, 'bridge', '2025-05-06', 'done', 11, '{}',"
                " '', '2025-05-06')"
            )
        )
    engine.dispose()
    schema_before = schema_sql(path)
    with pytest.raises(StorageError, match=r"breaks a rule of the new schema.*nothing was changed"):
        open_database(url)
    assert schema_sql(path) == schema_before
    db = open_database(url, migrate=False)
    try:
        assert db.migration_state().current == "0003"
        assert [c.name for c in Services(db).clients.search("")] == ["Zoë Łukasiewicz"]
    finally:
        db.dispose()


def test_clinical_ranges_are_check_constraints(db_url: str) -> None:
    db = open_database(db_url)
    services = Services(db)
    client = services.clients.create(ClientDetails(name="Ana"))
    insert_log = text(
        "INSERT INTO session_log (programme_id, item_key, day, status, pain_during, data, note,"
        " recorded_at, version) VALUES (:p, 'bridge', :day, :status, :pain, '{}', '',"
        " '2025-05-06', 1)"
    )
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO programme (client_id, title, status, start_date, data, created_at,"
                " updated_at, version) VALUES (:c, 'Plan', 'draft', '2025-05-05', '{}',"
                " '2025-05-01', '2025-05-01', 1)"
            ),
            {"c": client.id},
        )
        programme_id = conn.execute(text("SELECT max(id) FROM programme")).scalar()
    for day, status, pain in [
        ("2025-05-06", "done", 11),
        ("2025-05-06", "done", -1),
        ("2025-05-06", "finished", 2),
    ]:
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                insert_log, {"p": programme_id, "day": day, "status": status, "pain": pain}
            )
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE client SET sex = 'unknown'"))
    db.dispose()


def test_sqlite_saves_reach_the_disk_before_the_app_says_saved(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "clinic.db"))
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        db.dispose()


# -- 3. a damaged file is never written to -------------------------------------------------


def _damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    page = 4096
    with path.open("r+b") as handle:
        handle.seek((size // page // 2) * page)
        handle.write(b"\xa5" * page * 2)


def test_a_damaged_file_is_refused_and_db_check_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clinic.db"
    _clinic_with_clients(path, 200)
    _damage(path)
    before = fingerprint(path)

    code, _, err = cli(capsys, "client", "add", "New Person", "--db", sqlite_url(path))
    assert code == 2
    assert "is damaged" in err and "nothing was written" in err
    assert len(err.strip().splitlines()) == 1
    assert fingerprint(path) == before

    folder = _folder(tmp_path)
    code, out, err = cli(capsys, "db", "check", "--db", sqlite_url(path))
    assert code == 1, out + err
    assert "SQLite file: PROBLEMS" in out and "Traceback" not in out + err
    assert fingerprint(path) == before
    assert _folder(tmp_path) == folder, "nothing made beside a damaged file"


# -- 8. looking changes nothing -------------------------------------------------------------


def _folder(path: Path) -> list[tuple[str, str, int]]:
    """Every file in the folder with its bytes and modification time."""
    return [(p.name, fingerprint(p), p.stat().st_mtime_ns) for p in sorted(path.iterdir())]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_sqlite_file_is_refused_exactly_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], journal: str
) -> None:
    path = tmp_path / "invoices.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    header = path.read_bytes()[18:20]
    before = _folder(tmp_path)
    with pytest.raises(StorageError, match="not a Physio Planner database"):
        open_database(sqlite_url(path))
    # Neither looking nor checking leaves anything beside it (a WAL file's -wal and -shm).
    for command in (["db", "check"], ["client", "add", "Ana"]):
        code, _, err = cli(capsys, *command, "--db", sqlite_url(path))
        assert code == 2 and "holds other tables (invoices" in err
    assert _folder(tmp_path) == before
    assert path.read_bytes()[18:20] == header, "still in its own journal mode"


def test_db_check_on_a_mistyped_path_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "typo" / "clinc.db"
    code, _, err = cli(capsys, "db", "check", "--db", sqlite_url(target))
    assert code == 2
    assert err.strip() == f"physio-planner: there is no database at {target}; nothing was created"
    assert not (tmp_path / "typo").exists()


def test_an_empty_file_is_not_silently_made_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    path.touch()
    with pytest.raises(StorageError, match=r"is empty \(0 bytes\)"):
        open_database(sqlite_url(path))
    assert path.stat().st_size == 0


def test_a_read_only_database_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    _clinic_with_clients(path, 3)
    path.chmod(0o444)
    before = fingerprint(path)
    db = open_database(sqlite_url(path))
    try:
        services = Services(db)
        assert db.read_only
        assert len(services.clients.search("client")) == 3
        with pytest.raises(StorageError, match="is read-only"):
            services.clients.create(ClientDetails(name="Someone New"))
    finally:
        db.dispose()
    assert fingerprint(path) == before


def test_a_newer_release_database_is_refused_before_any_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clinic.db"
    _clinic_with_clients(path, 2)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = fingerprint(path)

    code, _, err = cli(capsys, "db", "upgrade", "--db", sqlite_url(path))
    assert code == 2 and "written by a newer Physio Planner (schema 9999)" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "pre-migration" in p.name) == []

    code, out, _ = cli(capsys, "db", "check", "--db", sqlite_url(path))
    assert code == 1
    assert "newer Physio Planner" in out and "upgrade pending" not in out
    assert fingerprint(path) == before


def _upgrade_with_a_full_disk(url: str, limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    os._exit(main(["db", "upgrade", "--db", url]))


def test_a_full_disk_during_the_backup_leaves_no_partial_copy(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    url = sqlite_url(path)
    upgrade_to(url, "0001")
    for n in range(300):
        add_raw_client(url, f"Client {n} " + "y" * 180)
    before = fingerprint(path)
    assert path.stat().st_size > 64 * 1024
    child = multiprocessing.get_context("fork").Process(
        target=_upgrade_with_a_full_disk, args=(url, 32 * 1024)
    )
    child.start()
    child.join(60)
    assert child.exitcode == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert [p.name for p in tmp_path.iterdir() if "pre-migration" in p.name] == []
    assert fingerprint(path) == before
    db = open_database(url)  # with room again, the upgrade goes through
    try:
        assert db.migration_state().current == head_revision()
    finally:
        db.dispose()


def test_db_check_names_bad_records_and_schema_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clinic.db"
    url = sqlite_url(path)
    db = open_database(url)
    services = Services(db)
    client = services.clients.create(ClientDetails(name="Ana"))

    services.assessments.save_new(client.id, demo_assessment(DEMO_CLIENTS[0], date(2025, 5, 1)))
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE assessment SET data = json_set(data, '$.pain.now', 'severe')")
    conn.execute("DROP INDEX ix_client_name_key")
    conn.commit()
    conn.close()

    code, out, err = cli(capsys, "db", "check", "--db", url)
    assert code == 1, err
    assert "index ix_client_name_key on client is missing" in out
    assert "assessment 1: pain.now: should be a valid integer" in out and '(got "severe")' in out
    code, out, _ = cli(capsys, "db", "check", "--json", "--db", url)
    assert code == 1
