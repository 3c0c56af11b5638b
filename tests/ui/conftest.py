"""Fixtures every window test shares: the context, a client, the main window and the Clinic
exercises window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.records import Client, ClientDetails
from planner.services import Services
from planner.store.database import open_database
from tests.ui.builders import make_context
from ui import conflict
from ui.assessment_tab import AssessmentTab
from ui.clinic_exercises import ClinicExercisesDialog
from ui.context import AppContext
from ui.documents_tab import DocumentsTab
from ui.main_window import MainWindow


@pytest.fixture
def ctx(services: Services, tmp_path: Path) -> AppContext:
    return make_context(services, tmp_path)


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext) -> ClinicExercisesDialog:
    """The Clinic exercises window, open."""
    d = ClinicExercisesDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.fixture
def ana(services: Services) -> Client:
    """A half-marathon runner with left-sided hip and low back pain."""
    return services.clients.create(
        ClientDetails(name="Ana Ribeiro", birth_date=date(1988, 3, 14), sex="female")
    )


@pytest.fixture(autouse=True)
def keep_drafts_unasked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window closing with a draft asks keep/discard/go back; in tests the answer is "keep"
    unless a test says otherwise (a real question box would wait for a click forever)."""
    monkeypatch.setattr(AssessmentTab, "ask_about_draft", lambda self: "keep")
    # Likewise the offer to mark a printed programme "Given to client": no, unless asked.
    monkeypatch.setattr(DocumentsTab, "ask_mark_given", lambda self, day: False)


@pytest.fixture
def main_window(qtbot: QtBot, ctx: AppContext, ana: Client) -> Iterator[MainWindow]:
    """The whole window at the size of a small clinic screen, shown, with Ana listed."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win


@pytest.fixture
def elsewhere(db_url: str) -> Iterator[Services]:
    """Another workstation: the same database on a connection of its own."""
    other = open_database(db_url)
    try:
        yield Services(other)
    finally:
        other.dispose()


@pytest.fixture
def reloads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Press Reload whenever the window says another workstation saved first; the list holds
    what the window asked about, in order."""
    asked: list[str] = []

    def reload(_parent: object, what: str, _message: str) -> bool:
        asked.append(what)
        return True

    monkeypatch.setattr(conflict, "offer_reload", reload)
    return asked
