"""One clinic policy, every path: the window, the command line and a programme file agree.

A clinic raises `history_of_cancer` to urgent; a client cleared by their GP after that flag is
now blocked everywhere, with the same words: recommend, plan, render of a file made before the
change, the exports, `programmes check` and the window's Documents tab.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from planner.operations.programmes import create_programme
from planner.records import ClientDetails
from planner.services import Services
from planner.store.database import open_database
from tests.ui.test_main_window import make_context
from ui import launcher
from ui.documents_tab import HANDOUT, DocumentsTab

pytestmark = pytest.mark.storage

ASSESSMENTS = Path(__file__).resolve().parent / "fixtures" / "assessments"
CLEARED = ASSESSMENTS / "prompt_flag_cleared.json"
PREGNANT = ASSESSMENTS / "pregnant_t2_disc_herniation.json"
URGENT_WORDS = "Urgent referral needed (history of cancer)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = launcher.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clinic(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, err = run(capsys, "clinic", "set", "phone=0123 456 789", "--db", db_url)
    assert code == 0, err
    return db_url


def test_raising_a_flag_to_urgent_blocks_every_command_path(
    clinic: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "before.physio.json"
    plan = ["plan", str(CLEARED), "--weeks", "4", "--start", "2026-12-07"]
    code, _, err = run(capsys, *plan, "--out", str(before), "--db", clinic)
    assert code == 0, err
    code, _, err = run(
        capsys, "render", str(before), "--out", str(tmp_path / "a.pdf"), "--db", clinic
    )
    assert code == 0, err

    code, out, err = run(
        capsys, "clinic", "set", "red_flags.levels.history_of_cancer=urgent", "--db", clinic
    )
    assert code == 0, err

    code, out, _ = run(capsys, "recommend", str(CLEARED), "--json", "--db", clinic)
    rec = json.loads(out)
    assert code == 0 and rec["referral"] == "urgent" and rec["exercises"] == []
    assert rec["blocked_reason"].startswith(URGENT_WORDS)

    code, _, err = run(capsys, *plan, "--out", str(tmp_path / "after.physio.json"), "--db", clinic)
    assert code == 2 and URGENT_WORDS in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "after.physio.json").exists()

    for command, out_name in (
        ("render", "b.pdf"),
        ("export-ics", "b.ics"),
        ("export-csv", "b.csv"),
    ):
        target = tmp_path / out_name
        code, _, err = run(capsys, command, str(before), "--out", str(target), "--db", clinic)
        assert code == 2, (command, err)
        assert err.startswith("physio-planner: before.physio.json: not printed or exported:")
        assert URGENT_WORDS in err and not target.exists()


def test_a_clinic_file_cannot_lower_the_databases_level(
    clinic: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = tmp_path / "p.physio.json"
    run(
        capsys,
        "plan",
        str(CLEARED),
        "--weeks",
        "4",
        "--start",
        "2026-12-07",
        "--out",
        str(made),
        "--db",
        clinic,
    )
    run(capsys, "clinic", "set", "red_flags.levels.history_of_cancer=urgent", "--db", clinic)
    lax = tmp_path / "clinic.json"
    lax.write_text(
        json.dumps(
            {"phone": "1", "clinical_overrides": {"levels": {"history_of_cancer": "prompt"}}}
        )
    )
    code, _, err = run(
        capsys, "render", str(made), "--out", str(tmp_path / "x.pdf"), "--clinic", str(lax),
        "--db", clinic,
    )  # fmt: skip
    assert code == 2 and URGENT_WORDS in err


def test_programmes_check_lists_the_clients_to_call_after_a_policy_change(
    clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(clinic)
    try:
        services = Services(db)
        helen = services.clients.create(ClientDetails(name="Helen Marsh"))
        services.assessments.import_file(CLEARED, helen.id)
        stored = create_programme(
            services, helen.id, title="Home", start=dt.date(2026, 12, 7), weeks=4
        ).value
    finally:
        db.dispose()
    code, out, _ = run(capsys, "programmes", "check", "--json", "--db", clinic)
    assert code == 0 and json.loads(out) == []
    run(capsys, "clinic", "set", "red_flags.levels.history_of_cancer=urgent", "--db", clinic)
    code, out, _ = run(capsys, "programmes", "check", "--json", "--db", clinic)
    [held] = json.loads(out)
    assert held["programme_id"] == stored.id and held["client_id"] == helen.id
    assert held["reason"].startswith(URGENT_WORDS)


def test_the_documents_tab_holds_the_handout_back_with_the_same_words(
    qtbot: QtBot,
    services: Services,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    helen = services.clients.create(ClientDetails(name="Helen Marsh"))
    services.assessments.import_file(CLEARED, helen.id)
    create_programme(services, helen.id, title="Home", start=dt.date(2026, 12, 7), weeks=4)
    settings, version = services.settings.get()
    services.settings.save(
        settings.model_copy(
            update={
                "clinical_overrides": {"red_flags": {"levels": {"history_of_cancer": "urgent"}}}
            }
        ),
        version,
    )
    code, out, _ = run(capsys, "recommend", str(CLEARED), "--json", "--db", db_url)
    assert code == 0
    tab = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.set_client(services.clients.get(helen.id))
    assert tab.kind.currentData() == HANDOUT
    reason = json.loads(out)["blocked_reason"]
    assert reason in tab.banner.text()
    assert not tab.preview_button.isEnabled() and not tab.export_file_button.isEnabled()


def test_plan_then_render_prints_the_pregnancy_stop_signs_with_no_extra_flag(
    clinic: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = tmp_path / "p.physio.json"
    code, _, err = run(
        capsys, "plan", str(PREGNANT), "--weeks", "6", "--start", "2026-12-07", "--out", str(made),
        "--db", clinic,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(made.read_text())["programme"]["client_context"]["conditions"] == [
        "disc_herniation",
        "pregnancy",
    ]
    pdf = tmp_path / "p.pdf"
    code, _, err = run(capsys, "render", str(made), "--out", str(pdf), "--db", clinic)
    assert code == 0, err
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "midwife" in text and "Bleeding from the vagina" in text.replace("\n", " ")
