"""Shared fixtures: a headless Qt, and a real database per test.

Storage tests run against SQLite files by default; `.ci/run` sets PHYSIO_PLANNER_TEST_DB to a
PostgreSQL server URL and runs them again, and each test then gets its own fresh database on
that server.
"""

from __future__ import annotations

import os
import tempfile

# Headless before anything imports Qt (pytest-qt creates the QApplication lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PHYSIO_PLANNER_DB", None)
# No test may read or write the real user data folder (a developer's own clinic database would
# change what the commands decide); subprocesses inherit this too.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="physio-test-data-")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planner.services import Services
from planner.store.database import Database, open_database

TEST_DB_ENV = "PHYSIO_PLANNER_TEST_DB"


def _server_url() -> str | None:
    return os.environ.get(TEST_DB_ENV) or None


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: an SQLite file, or a new database on the test server."""
    server = _server_url()
    if server is None:
        yield f"sqlite:///{tmp_path / 'clinic.db'}"
        return
    base = make_url(server).set(drivername="postgresql+psycopg")
    name = f"pp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db)
