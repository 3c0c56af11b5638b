"""The main window as a clinician meets it, on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.demo import DEMO_CLIENTS, create_demo
from planner.records import ClientDetails
from planner.services import Services
from tests.ui.builders import make_context
from ui.clients import ClientDialog, ClientListModel
from ui.main_window import SEARCH_DELAY_MS, MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    create_demo(services)
    win = MainWindow(make_context(services, tmp_path))
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
    assert window.header.title.text() == window.model.client_at(0).name
    assert "Born" in window.header.summary.text()


def test_new_client_is_saved_and_opened(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, services: Services
) -> None:
    monkeypatch.setattr(
        ClientDialog,
        "ask",
        classmethod(lambda cls, parent=None, client=None: ClientDetails(name="Ñandú <b>&")),
    )
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.header.title.text() == "Ñandú <b>&"
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


def test_archive_needs_confirmation_and_restore_brings_the_client_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = window.model.client_at(0)
    window.select_client(target.id)
    monkeypatch.setattr(window, "confirm", lambda title, question: False)
    window.archive_button.click()
    assert target.name in _names(window), "cancelling the question archives nothing"
    monkeypatch.setattr(window, "confirm", lambda title, question: True)
    window.archive_button.click()
    assert target.name not in _names(window)
    window.show_archived.setChecked(True)
    assert _names(window) == [target.name]
    window.select_client(target.id)
    assert window.archive_button.text() == "Restore"
    window.archive_button.click()
    window.show_archived.setChecked(False)
    assert target.name in _names(window)


def test_layout_and_last_client_are_remembered(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    create_demo(services)
    ctx = make_context(services, tmp_path)
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    chosen = first.model.client_at(2)
    first.select_client(chosen.id)
    first.tabs.setCurrentIndex(3)
    first.splitter.setSizes([350, 900])
    first.close()

    second = MainWindow(make_context(services, tmp_path))
    qtbot.addWidget(second)
    assert second.current_client() is not None and second.current_client().id == chosen.id
    assert second.tabs.currentIndex() == 3


def test_client_dialog_speaks_plainly_and_allows_an_unknown_birth_date(qtbot: QtBot) -> None:
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    dialog._try_accept()
    assert dialog.error.text() == "Name: is needed"
    qtbot.keyClicks(dialog.name, "Jo Bloggs")
    qtbot.keyClicks(dialog.phone, "abc!!")
    dialog._try_accept()
    assert "is not a phone number" in dialog.error.text()
    assert "Value error" not in dialog.error.text()
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "+44 (0)1234 567890")
    assert dialog.birth.text() == ""  # blank until typed: never an invented date
    dialog._try_accept()
    assert dialog.result_details is not None
    assert dialog.result_details.birth_date is None


def test_a_search_that_hides_the_open_client_keeps_it_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    zoe = next(
        c
        for c in (window.model.client_at(r) for r in range(window.model.rowCount()))
        if c.name.startswith("Zoë")
    )
    window.select_client(zoe.id)
    qtbot.keyClicks(window.search, "soren")
    qtbot.waitUntil(lambda: _names(window) == ["Søren Ødegård"], timeout=SEARCH_DELAY_MS * 20)
    assert window.current_client() is not None and window.current_client().id == zoe.id
    assert window.header.title.text() == zoe.name
    window.search.clear()
    qtbot.waitUntil(lambda: len(_names(window)) > 1, timeout=SEARCH_DELAY_MS * 20)
    assert window.current_client().id == zoe.id
