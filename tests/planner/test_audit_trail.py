"""The audit trail: every write chained with who made it; `db check` notices tampering."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from planner.cli import main
from planner.records import ClientDetails
from planner.services import Services
from planner.store.database import Database, connect, open_database, resolve_url
from planner.store.migrate import alembic_config
from planner.store.models import AuditRow

pytestmark = pytest.mark.storage


def _check(db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["db", "check", "--db", db_url])
    return code, capsys.readouterr().out


def _edits(services: Services) -> int:
    client = services.clients.create(ClientDetails(name="Ada Park"))
    updated = services.clients.update(
        client.id, client.version, client.details.model_copy(update={"phone": "0123 456"})
    )
    services.clients.set_archived(updated.id, updated.version, True)
    return client.id


def test_each_write_is_chained_with_its_client_and_field_names_only(services: Services) -> None:
    client_id = _edits(services)
    with services.db.transaction() as session:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.client_id == client_id).order_by(AuditRow.seq)
        ).all()
    first = rows[0].seq
    assert [(r.seq, r.action, r.clinician_id) for r in rows] == [
        (first, "create", services.clinician_id),
        (first + 1, "edit", services.clinician_id),
        (first + 2, "archive", services.clinician_id),
    ]
    assert rows[1].fields == ["phone"]
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    stored = " ".join(f"{r.fields} {r.entity} {r.action}" for r in rows)
    assert "Ada" not in stored and "0123" not in stored


def test_db_check_passes_a_whole_chain(
    services: Services, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _edits(services)
    code, out = _check(db_url, capsys)
    assert code == 0, out
    assert "chain whole" in out


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("DELETE FROM audit_event WHERE seq = 2", "audit entry 2 is missing"),
        ("DELETE FROM audit_event WHERE seq = 3", "audit entry 3 is missing"),
        ("UPDATE audit_event SET fields = '[\"notes\"]' WHERE seq = 2", "entry 2 was changed"),
        ("UPDATE audit_event SET clinician_id = NULL, workstation = 'x' WHERE seq = 1",
         "entry 1 was changed"),
    ],
)  # fmt: skip
def test_a_deleted_or_edited_audit_row_fails_db_check(
    services: Services,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    tamper: str,
    expected: str,
) -> None:
    _edits(services)
    with services.db.engine.begin() as conn:
        conn.execute(text(tamper))
    code, out = _check(db_url, capsys)
    assert code == 1
    assert "chain broken" in out and expected in out


def test_additions_from_two_workstations_at_once_stay_one_chain(db_url: str) -> None:
    desks = [open_database(db_url), open_database(db_url)]
    errors: list[BaseException] = []

    def work(db: Database, n: int) -> None:
        try:
            services = Services(db)
            for i in range(8):
                services.clients.create(ClientDetails(name=f"Desk {n} client {i}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(db, n)) for n, db in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        from planner.store import audit_chain

        with desks[0].engine.connect() as conn:
            assert audit_chain.verify(conn) == []
            assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar() == 16
    finally:
        for db in desks:
            db.dispose()


def test_audit_rows_from_an_older_release_are_chained_by_the_upgrade(
    empty_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db_url = empty_db_url
    db = connect(db_url, create=True)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    db.dispose()
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        for n in range(3):
            conn.execute(
                text(
                    "INSERT INTO audit_event (at, workstation, entity, entity_id, action, fields)"
                    " VALUES (:at, 'desk', 'client', :n, 'create', '[\"name\"]')"
                ),
                {"at": datetime(2025, 1, 1, 9, n, tzinfo=UTC), "n": n + 1},
            )
    engine.dispose()
    open_database(db_url).dispose()
    code, out = _check(db_url, capsys)
    assert code == 0, out
    again = open_database(db_url)
    try:
        Services(again).clients.create(ClientDetails(name="After upgrade"))
        with again.engine.connect() as conn:
            seqs = conn.execute(text("SELECT seq FROM audit_event ORDER BY seq")).scalars().all()
        assert seqs == [1, 2, 3, 4]
    finally:
        again.dispose()
    assert _check(db_url, capsys)[0] == 0
