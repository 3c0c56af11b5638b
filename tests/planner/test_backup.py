"""Backups and restore as a clinic relies on them: a copy that restores exactly, a daily copy
kept in rotation, a damaged or foreign file refused, and nothing readable by other users."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from planner.cli import main
from planner.errors import UserError
from planner.records import ClientDetails
from planner.services import Services
from planner.store import backup
from planner.store.database import open_database, resolve_url

pytestmark = pytest.mark.storage


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names(db_url: str) -> list[str]:
    db = open_database(db_url)
    try:
        return sorted(c.name for c in Services(db).clients.search(""))
    finally:
        db.dispose()


def _sqlite_only(db_url: str) -> Path:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite files only; PostgreSQL is covered by the pg_dump test")
    return Path(db_url.removeprefix("sqlite:///"))


def test_backup_and_restore_round_trip_keeps_the_current_database_aside(
    services: Services, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_only(db_url)
    services.clients.create(ClientDetails(name="Ada Park"))
    services.clients.create(ClientDetails(name="Zoë Łukasiewicz"))
    out = tmp_path / "copies" / "clinic-copy.db"
    assert main(["backup", "--out", str(out), "--db", db_url]) == 0
    assert _mode(out) == 0o600 and _mode(out.parent) == 0o700

    services.clients.create(ClientDetails(name="Added after the backup"))
    capsys.readouterr()
    assert main(["restore", str(out), "--db", db_url]) == 0
    said = capsys.readouterr().out
    assert _names(db_url) == ["Ada Park", "Zoë Łukasiewicz"]
    aside = Path(said.split("kept in ")[1].strip())
    assert _mode(aside) == 0o600
    assert "Added after the backup" in _names(f"sqlite:///{aside}")
    assert main(["db", "check", "--db", db_url]) == 0


@pytest.mark.parametrize("damage", ["garbage", "foreign", "tampered"])
def test_restore_refuses_a_damaged_foreign_or_tampered_copy_and_changes_nothing(
    services: Services, db_url: str, tmp_path: Path, damage: str, capsys
) -> None:
    _sqlite_only(db_url)
    services.clients.create(ClientDetails(name="Ada Park"))
    copy = tmp_path / "copy.db"
    if damage == "garbage":
        copy.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    elif damage == "foreign":
        import sqlite3

        with sqlite3.connect(copy) as conn:
            conn.execute("CREATE TABLE invoices (id integer)")
    else:
        backup.make_backup(resolve_url(db_url), copy)
        import sqlite3

        with sqlite3.connect(copy) as conn:
            conn.execute("DELETE FROM audit_event WHERE seq = 1")
    capsys.readouterr()
    assert main(["restore", str(copy), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert str(copy) in err
    assert _names(db_url) == ["Ada Park"]


def test_daily_copies_rotate_with_the_pre_migration_ones(services: Services, db_url: str) -> None:
    db_file = _sqlite_only(db_url)
    url = resolve_url(db_url)
    services.clients.create(ClientDetails(name="Ada Park"))
    old = db_file.with_name(f"{db_file.stem}.pre-migration-20200101T000000{db_file.suffix}")
    old.write_bytes(b"")
    start = datetime(2030, 3, 1, 9, tzinfo=UTC)
    made = []
    for day in range(5):
        result = backup.daily_backup(url, keep=3, now=start + timedelta(days=day))
        assert result is not None
        made.append(result.path)
        # A second start the same day adds nothing.
        assert backup.daily_backup(url, keep=3, now=start + timedelta(days=day, hours=2)) is None
    kept = backup.rotated_backups(db_file)
    assert kept == made[:-4:-1]
    assert not old.exists(), "a pre-migration copy is part of the rotation"
    assert all(_mode(p) == 0o600 for p in kept)
    assert _mode(kept[0].parent) == 0o700
    for path in kept:
        assert "Ada" not in path.name


def test_a_new_database_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "physio"
    db = open_database(f"sqlite:///{folder / 'clinic.db'}")
    try:
        Services(db).clients.create(ClientDetails(name="Ada Park"))
        files = [p for p in folder.iterdir() if p.name.startswith("clinic.db")]
        assert {p.name for p in files} >= {"clinic.db", "clinic.db-wal", "clinic.db-shm"}
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
        assert _mode(folder) == 0o700
    finally:
        db.dispose()


def test_exports_are_owner_only(services: Services, tmp_path: Path, capsys) -> None:
    from planner.assessment.io import load_assessment

    client = services.clients.create(ClientDetails(name="Ada Park"))
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
    record = services.assessments.save_new(
        client.id, load_assessment(fixture / "runner_left_glute_med.json")
    )
    out = tmp_path / "exports"
    out.mkdir()
    services.assessments.export_file(record.id, out / "a.json")
    services.audit_trail.export_csv(out / "audit.csv")
    assert {p.name: _mode(p) for p in out.iterdir()} == {"a.json": 0o600, "audit.csv": 0o600}


def test_postgres_backup_and_restore_through_pg_dump(services: Services, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL server: runs in .ci/run's PostgreSQL pass")
    if backup.pg_tool("pg_dump") is None or backup.pg_tool("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore are not installed (Debian: postgresql-client)")
    url = resolve_url(db_url)
    services.clients.create(ClientDetails(name="Ada Park"))
    dump = backup.make_backup(url).path
    try:
        assert _mode(dump) == 0o600
        services.clients.create(ClientDetails(name="Added after the backup"))
        aside = backup.restore_postgres(url, dump)
        aside.unlink()
        assert _names(db_url) == ["Ada Park"]
        with services.db.engine.connect() as conn:
            from planner.store import audit_chain

            assert audit_chain.verify(conn) == []
            assert conn.execute(text("SELECT count(*) FROM client")).scalar() == 1
    finally:
        dump.unlink(missing_ok=True)


def test_postgres_without_pg_dump_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(backup, "pg_tool", lambda _name: None)
    url = resolve_url("postgresql://clinic@db.example/physio")
    with pytest.raises(UserError, match=r"pg_dump was not found.*postgresql-client"):
        backup.pg_dump(url, tmp_path / "x.dump")
    assert not list(tmp_path.iterdir())
    assert os.environ.get("PGPASSWORD") is None


def test_a_database_password_goes_to_pgpass_not_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    from planner.store import secrets

    pgpass = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.setattr(secrets, "_keyring", lambda: None)  # this machine has no keyring
    kept = secrets.store_password(make_url("postgresql://clinic:s3:cret@db.example:5433/physio"))
    assert kept.password is None and "s3" not in kept.render_as_string(hide_password=False)
    assert pgpass.read_text() == "db.example:5433:physio:clinic:s3\\:cret\n"
    assert _mode(pgpass) == 0o600


def test_tls_is_required_for_a_server_elsewhere_and_an_explicit_sslmode_is_kept() -> None:
    assert resolve_url("postgresql://clinic@db.example/physio").query["sslmode"] == "require"
    assert resolve_url("postgresql://c@db.example/p?sslmode=verify-full").query["sslmode"] == (
        "verify-full"
    )
    assert "sslmode" not in resolve_url("postgresql://clinic@127.0.0.1:5432/physio").query
