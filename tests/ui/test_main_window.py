"""The main window as a clinician meets it, on a real database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.demo import DEMO_CLIENTS, create_demo
from planner.records import ClientDetails
from planner.services import Services
from ui.clients import ClientDialog, ClientListModel
from ui.main_window import SEARCH_DELAY_MS, MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    create_demo(services)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    return win


def _names(win: MainWindow) -> list[str]:
    return [win.model.client_at(r).name for r in range(win.model.rowCount())]


def test_demo_clients_are_listed(window: MainWindow) -> None:
    assert sorted(_names(window)) == sorted(d.details.name for d in DEMO_CLIENTS)


def test_typing_in_search_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "soren")
    qtbot.waitUntil(lambda: _names(window) == ["Søren Ødegård"], timeout=SEARCH_DELAY_MS * 20)


def test_selecting_a_client_shows_their_history(qtbot: QtBot, window: MainWindow) -> None:
    window.select_client(window.model.client_at(0).id)
    assert window.client_pane.title.text() == window.model.client_at(0).name
    assert "Born:" in window.client_pane.summary.text()


def test_new_client_is_saved_and_opened(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, services: Services
) -> None:
    monkeypatch.setattr(
        ClientDialog,
        "ask",
        classmethod(lambda cls, parent=None, client=None: ClientDetails(name="Ñandú <b>&")),
    )
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.client_pane.title.text() == "Ñandú <b>&"
    assert [c.name for c in services.clients.search("<b>")] == ["Ñandú <b>&"]


def test_client_dialog_refuses_a_blank_name(qtbot: QtBot) -> None:
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    dialog._try_accept()
    assert dialog.result_details is None
    assert "Name" in dialog.error.text()


def test_client_model_passes_the_model_tester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    create_demo(services)
    model = ClientListModel()
    model.set_clients(services.clients.search(""))
    qtmodeltester.check(model)
