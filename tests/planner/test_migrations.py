"""Schema migrations: from nothing, from the first release, and refusing what is not ours."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from planner.errors import StorageError
from planner.services import Services
from planner.store.database import (
    head_revision,
    open_database,
    resolve_url,
)
from planner.store.migrate import alembic_config
from planner.store.models import Base
from tests.planner.storage_helpers import upgrade_to

pytestmark = pytest.mark.storage

FIRST_REVISION = "0001"


def test_empty_database_upgrades_to_head_and_matches_the_models(empty_db_url: str) -> None:
    db = open_database(empty_db_url)
    try:
        state = db.migration_state()
        assert state.current == head_revision() and not state.pending
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        db.dispose()


def test_database_from_the_first_release_upgrades_keeping_its_clients(empty_db_url: str) -> None:
    upgrade_to(empty_db_url, FIRST_REVISION)
    engine = create_engine(resolve_url(empty_db_url))
    now = datetime(2025, 5, 1, tzinfo=UTC)
    with engine.begin() as conn:
        assert "programme" not in inspect(conn).get_table_names()
        conn.execute(
            text(
                "INSERT INTO client (name, name_key, notes, archived, created_at, updated_at,"
                " version) VALUES (:n, :k, '', false, :t, :t, 1)"
            ),
            {"n": "Zoë Łukasiewicz", "k": "zoe lukasiewicz", "t": now},
        )
    engine.dispose()

    db = open_database(empty_db_url)
    try:
        assert db.migration_state().current == head_revision()
        assert [c.name for c in Services(db).clients.search("zoe")] == ["Zoë Łukasiewicz"]
        assert "programme" in inspect(db.engine).get_table_names()
    finally:
        db.dispose()
    if empty_db_url.startswith("sqlite"):
        db_file = Path(empty_db_url.removeprefix("sqlite:///"))
        backups = list(db_file.parent.glob("clinic.pre-migration-*.db"))
        assert len(backups) == 1, "an SQLite file is backed up before a pending migration"


def test_a_database_with_other_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    with pytest.raises(StorageError, match="not a Physio Planner database"):
        open_database(f"sqlite:///{path}")


def test_a_database_from_a_newer_release_is_refused(empty_db_url: str) -> None:
    open_database(empty_db_url).dispose()
    engine = create_engine(resolve_url(empty_db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StorageError, match="newer Physio Planner"):
        open_database(empty_db_url)


def test_sqlite_default_settings_wal_foreign_keys_busy_timeout(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    finally:
        db.dispose()


def test_default_location_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PHYSIO_PLANNER_DB", raising=False)
    url = resolve_url(None)
    assert url.get_backend_name() == "sqlite"
    assert Path(url.database or "").name == "physio-planner.db"
    monkeypatch.setenv("PHYSIO_PLANNER_DB", "sqlite:////tmp/elsewhere.db")
    assert resolve_url(None).database == "/tmp/elsewhere.db"
    assert resolve_url("sqlite:////tmp/explicit.db").database == "/tmp/explicit.db"


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == head_revision()
