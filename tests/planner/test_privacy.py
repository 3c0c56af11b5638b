"""A client's right to their records: everything handed over (and nothing of anyone else), or
everything erased (nothing left in the live database, the audit chain still whole)."""

from __future__ import annotations

import io
import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import inspect, select, text, update

import reports.commands
from planner.assessment.io import load_assessment
from planner.cli import main
from planner.errors import UserError
from planner.programme.model import SessionLog, SessionStatus
from planner.records import ClientDetails
from planner.services import Services, utcnow
from planner.store import audit_chain
from planner.store.models import AssessmentRow, AuditRow, ClientRow, ProgrammeRow
from tests.policy import set_clinic

pytestmark = pytest.mark.storage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PASSWORD = "correct horse battery"


def _client_with_records(services: Services, name: str) -> tuple[int, int, int]:
    client = services.clients.create(ClientDetails(name=name, phone="0111 222"))
    assessment = services.assessments.save_new(
        client.id, load_assessment(FIXTURES / "assessments" / "runner_left_glute_med.json")
    )
    programme_id = services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    programme, stored = services.programmes.load(programme_id)
    services.programmes.record_log(
        programme_id,
        SessionLog(
            date=programme.start + timedelta(days=1),
            item=programme.items[0].key,
            status=SessionStatus.DONE,
            pain_during=2,
        ),
    )
    return client.id, assessment.id, stored.id


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args, extra_commands=[reports.commands])


def test_client_export_holds_every_record_of_the_client_and_nothing_of_others(
    services: Services, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clinic's phone is set, as a handout needs it (without it the export has no handout).
    set_clinic(services, phone="0222 333")
    ada, ada_assessment, ada_programme = _client_with_records(services, "Ada Quist")
    _client_with_records(services, "Bruno Other")
    out = tmp_path / "ada-export"
    assert _run(["client", "export", str(ada), "--out", str(out), "--db", db_url], monkeypatch) == 0

    index = json.loads((out / "client.json").read_text(encoding="utf-8"))
    assert index["client"]["name"] == "Ada Quist" and index["client"]["phone"] == "0111 222"
    assert [a["id"] for a in index["assessments"]] == [ada_assessment]
    assert [p["id"] for p in index["programmes"]] == [ada_programme]
    assert len(index["programmes"][0]["session_logs"]) == 1
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        f"assessments/assessment-{ada_assessment}.json",
        "client.json",
        f"documents/assessment-{ada_assessment}-summary.pdf",
        f"documents/handout-programme-{ada_programme}.pdf",
        f"programmes/programme-{ada_programme}.physio.json",
    ]
    texts = []
    for path in out.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
        if path.suffix == ".pdf":
            texts.append(" ".join(page.extract_text() for page in PdfReader(path).pages))
        elif path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    assert "Ada Quist" in texts[0] or any("Ada Quist" in t for t in texts)
    assert not any("Bruno" in t for t in texts)
    assert any("Home programme" in t or "home programme" in t.lower() for t in texts)


def test_export_refuses_a_folder_that_already_holds_files(
    services: Services, tmp_path: Path
) -> None:
    client = services.clients.create(ClientDetails(name="Ada Quist"))
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(UserError, match="new or empty folder"):
        services.privacy.export(client.id, tmp_path)


def _rows_about(services: Services, client_id: int, assessment: int, programme: int) -> dict:
    p = {"p": programme}
    with services.db.engine.connect() as conn:
        return {
            "client": conn.execute(select(ClientRow.id).where(ClientRow.id == client_id)).all(),
            "assessment": conn.execute(
                select(AssessmentRow.id).where(AssessmentRow.id == assessment)
            ).all(),
            "programme": conn.execute(
                select(ProgrammeRow.id).where(ProgrammeRow.id == programme)
            ).all(),
            "children": [
                conn.execute(text(f"SELECT count(*) FROM {t} WHERE programme_id = :p"), p).scalar()
                for t in ("programme_phase", "programme_item", "session_log")
            ],
        }


def test_erase_removes_every_row_of_the_client_and_keeps_the_chain_whole(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    services.accounts.add("boss", PASSWORD, is_admin=True)
    services.act_as(services.accounts.sign_in("boss", PASSWORD))
    ada, ada_assessment, ada_programme = _client_with_records(services, "Ada Quist")
    bruno, *_ = _client_with_records(services, "Bruno Other")

    # A wrong confirmation erases nothing; recent records need the legal reason.
    plan = services.privacy.erase_plan(ada)
    assert plan.needs_reason and "Type 'erase" in plan.text()
    assert "expire as the backups rotate out" in plan.text()
    with pytest.raises(UserError, match="type 'erase"):
        services.privacy.erase(ada, "erase 999", "consent_withdrawn")
    with pytest.raises(UserError, match="legal reason"):
        services.privacy.erase(ada, f"erase {ada}")
    assert _rows_about(services, ada, ada_assessment, ada_programme)["client"]

    services.privacy.erase(ada, f"erase {ada}", "consent_withdrawn")
    left = _rows_about(services, ada, ada_assessment, ada_programme)
    assert left == {"client": [], "assessment": [], "programme": [], "children": [0, 0, 0]}
    assert [c.id for c in services.clients.search("")] == [bruno]
    with services.db.engine.connect() as conn:
        assert audit_chain.verify(conn) == []
        tomb = conn.execute(
            select(AuditRow).where(AuditRow.client_id == ada).order_by(AuditRow.seq.desc())
        ).first()
        # Every table that holds client data is empty of this client.
        for table in inspect(conn).get_table_names():
            if table in {"audit_event", "audit_chain", "alembic_version"}:
                continue
            dump = " ".join(str(r) for r in conn.execute(text(f"SELECT * FROM {table}")))
            assert "Ada Quist" not in dump and "Quist" not in dump, table
    assert tomb is not None and tomb.action == "erase"
    assert "reason:consent_withdrawn" in tomb.fields
    assert main(["db", "check", "--db", db_url]) == 0
    if services.db.is_sqlite:
        db_file = Path(db_url.removeprefix("sqlite:///"))
        raw = b"".join(
            p.read_bytes() for p in db_file.parent.glob(db_file.name + "*") if p.is_file()
        )
        assert b"Quist" not in raw, "deleted rows are wiped from the file and its log"
        assert b"Bruno" in raw


def test_erasing_records_past_the_retention_period_needs_no_reason_but_the_typed_word(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    client = services.clients.create(ClientDetails(name="Old Client"))
    with services.db.transaction() as session:
        session.execute(
            update(ClientRow)
            .where(ClientRow.id == client.id)
            .values(updated_at=utcnow() - timedelta(days=9 * 366))
        )
    assert not services.privacy.erase_plan(client.id).needs_reason
    assert _run(["client", "erase", str(client.id), "--db", db_url], monkeypatch, "no\n") == 2
    assert services.clients.get(client.id)
    capsys.readouterr()
    code = _run(
        ["client", "erase", str(client.id), "--db", db_url], monkeypatch, f"erase {client.id}\n"
    )
    assert code == 0
    assert "erased client" in capsys.readouterr().out
    assert services.clients.search("old") == []


@pytest.mark.own_accounts
def test_young_records_need_an_administrator_for_early_erasure(
    services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    services.accounts.add("boss", PASSWORD, is_admin=True)
    client = services.clients.create(ClientDetails(name="Young Record"))
    capsys.readouterr()
    code = _run(
        ["client", "erase", str(client.id), "--legal-reason", "made_in_error", "--db", db_url],
        monkeypatch,
        f"erase {client.id}\n",
    )
    assert code == 2
    assert "only an administrator" in capsys.readouterr().err
    assert services.clients.get(client.id)
