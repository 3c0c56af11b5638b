"""A condition recorded after the programme was built marks the exercises it rules out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.operations import Changes
from planner.records import ClientDetails
from planner.services import Services
from tests.ui.test_main_window import make_context
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_pregnancy_recorded_later_marks_supine_exercises_in_the_programme(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    client = services.clients.create(ClientDetails(name="Amara Okafor"))
    services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    services.assessments.import_file(
        FIXTURES / "assessments" / "runner_left_glute_med.json", client.id
    )
    ctx = make_context(services, tmp_path)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.select_client(client.id)
    tab = win.programme_tab
    win.tabs.setCurrentWidget(tab)
    assert tab.unsafe == []

    data = json.loads((FIXTURES / "assessments" / "runner_left_glute_med.json").read_text())
    data["client"]["conditions"] = ["pregnancy"]
    data["client"]["pregnancy_trimester"] = 2
    data["date"] = "2030-01-01"
    later = tmp_path / "later.json"
    later.write_text(json.dumps(data))
    services.assessments.import_file(later, client.id)
    ctx.announce(Changes(client_id=client.id, assessment=True))

    flagged = {u.code for u in tab.unsafe}
    assert "bridge" in flagged
    row = tab.items_model.row_of(next(u.key for u in tab.unsafe if u.code == "bridge"))
    assert row is not None
    why = tab.items_model.index(row, 5).data()
    assert why.startswith("Not safe now:") and "trimester 2" in why
    assert tab.items_model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "rule out" in tab.banner.text()
