"""Shared fixtures: a headless Qt, and a real database per test.

Storage tests run against SQLite files by default; `.ci/run` sets PHYSIO_PLANNER_TEST_DB to a
PostgreSQL server URL and runs them again, and each test then gets its own fresh database on
that server, with sign-in on and a token (PHYSIO_PLANNER_TEST_SIGN_IN).
"""

from __future__ import annotations

import os
import tempfile

# Headless before anything imports Qt (pytest-qt creates the QApplication lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PHYSIO_PLANNER_DB", None)
os.environ.pop("PHYSIO_PLANNER_TOKEN", None)
# No test may read or write the real user data folder (a developer's own clinic database would
# change what the commands decide); subprocesses inherit this too.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="physio-test-data-")

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planner.services import Services
from planner.store.database import Database, open_database

TEST_DB_ENV = "PHYSIO_PLANNER_TEST_DB"
# Set by .ci/run's PostgreSQL pass: each test database gets sign-in on and a token, so the
# suite runs as a clinic with accounts does (tests marked own_accounts set up their own).
TEST_SIGN_IN_ENV = "PHYSIO_PLANNER_TEST_SIGN_IN"


def _server_url() -> str | None:
    return os.environ.get(TEST_DB_ENV) or None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema, made once by the real migrations: running them
    (nine tables rebuilt on SQLite) for every test would cost half a second each."""
    path = tmp_path_factory.mktemp("template") / "clinic.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


def _new_database(tmp_path: Path, template: Path | None) -> Iterator[str]:
    server = _server_url()
    if server is None:
        path = tmp_path / "clinic.db"
        if template is not None:
            with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
                source.backup(target)
        yield f"sqlite:///{path}"
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
def db_url(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A URL of a database at the newest schema with no records: an SQLite file, or a new
    database on the test server."""
    yield from _new_database(tmp_path, sqlite_template)


@pytest.fixture
def empty_db_url(tmp_path: Path) -> Iterator[str]:
    """A URL where no schema exists yet (an SQLite path with no file, or an empty database)."""
    yield from _new_database(tmp_path, None)


@pytest.fixture
def db(
    db_url: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    database = open_database(db_url)
    if os.environ.get(TEST_SIGN_IN_ENV) and not request.node.get_closest_marker("own_accounts"):
        monkeypatch.setenv("PHYSIO_PLANNER_TOKEN", _turn_sign_in_on(database))
    try:
        yield database
    finally:
        database.dispose()


def _turn_sign_in_on(database: Database) -> str:
    """As a clinic would: an administrator, a token for the commands, sign-in on."""
    admin = Services(database)
    password = uuid.uuid4().hex
    admin.accounts.add("ci-admin", password, is_admin=True)
    token = admin.accounts.issue_token("ci-admin", password=password, label="CI")
    admin.accounts.set_sign_in(True)
    return token


@pytest.fixture
def services(db: Database) -> Services:
    """Services as the clinician the token names (the PostgreSQL pass signs in)."""
    services = Services(db)
    token = os.environ.get("PHYSIO_PLANNER_TOKEN")
    if token:
        services.act_as(services.accounts.from_token(token))
    return services
