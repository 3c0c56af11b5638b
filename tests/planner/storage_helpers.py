"""Helpers for the storage safety tests: run the real command line in this process, build
databases at older revisions, fingerprint files."""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from planner.cli import main
from planner.store.database import connect
from planner.store.migrate import alembic_config


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `physio-planner ARGS` as a user would, in this process (fast)."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def fingerprint(path: Path) -> str:
    """The file's bytes, hashed: equal fingerprints mean nothing was written."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def upgrade_to(url: str, revision: str) -> None:
    """A database at an older revision, as an older release left it."""
    db = connect(url, create=True)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    db.dispose()


def add_raw_client(url: str, name: str = "Zoë Łukasiewicz") -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO client (name, name_key, notes, archived, created_at, updated_at,"
                " version) VALUES (:n, :n, '', false, '2025-05-01 10:00:00', "
                "'2025-05-01 10:00:00', 1)"
            ),
            {"n": name},
        )
    engine.dispose()


def schema_sql(path: Path) -> list[tuple[str, str]]:
    engine = create_engine(sqlite_url(path))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name")).all()
    engine.dispose()
    return [(str(r[0]), str(r[1])) for r in rows]


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width`` x ``height`` pixels (the data is a stub)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
