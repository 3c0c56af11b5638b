"""The history tab: a client's assessments and programmes over a course of treatment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.demo import create_demo
from planner.operations import Changes
from planner.programme.model import Phase, Programme, ProgrammeStatus
from planner.records import Client, ClientDetails, ProgrammeDoc
from planner.services import Services
from tests.ui.builders import make_context
from ui.assessment_tab import AssessmentTab
from ui.history_tab import AssessmentHistoryModel, HistoryTab, ProgrammeHistoryModel
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def fixture(name: str, client: Client | None = None) -> AssessmentFile:
    a = load_assessment(FIXTURES / name)
    if client is None:
        return a
    assert client.birth_date is not None
    who = a.client.model_copy(update={"name": client.name, "birth_date": client.birth_date})
    return a.model_copy(update={"client": who})


@pytest.fixture
def ana(services: Services) -> Client:
    return services.clients.create(
        ClientDetails(name="Ana Ribeiro", birth_date=date(1988, 3, 14), sex="female")
    )


@pytest.fixture
def treated(services: Services, ana: Client) -> Client:
    """Ana after two assessments (April, then May) and two programmes."""
    services.assessments.save_new(ana.id, fixture("runner_left_glute_med.json"))
    services.assessments.save_new(ana.id, fixture("runner_follow_up.json"))
    for title, start, status in (
        ("Settle and activate", date(2024, 4, 11), "finished"),
        ("Build strength for the half-marathon", date(2024, 5, 23), "active"),
    ):
        services.programmes.create_programme(
            Programme(
                title=title,
                start=start,
                status=ProgrammeStatus(status),
                phases=[Phase(name="Settle", weeks=4)],
            ),
            ana.id,
        )
    return ana


def cells(model: AssessmentHistoryModel | ProgrammeHistoryModel) -> list[list[str]]:
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_assessments_and_programmes_are_listed_newest_first(
    qtbot: QtBot, services: Services, treated: Client, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    tab = HistoryTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.set_client(treated)
    assert [row[:5] for row in cells(tab.assessments)] == [
        ["22 May 2024", "4%", "1 / 3", "None", "1"],
        ["10 Apr 2024", "14%", "3 / 6", "None", "4"],
    ]
    assert cells(tab.assessments)[1][5] == (
        "Weak gluteus medius (left); Tight hamstrings (both); Hip strength asymmetry (left); "
        "Training load error"
    )
    assert cells(tab.programmes) == [
        ["Build strength for the half-marathon", "23 May 2024", "Active"],
        ["Settle and activate", "11 Apr 2024", "Finished"],
    ]
    tip = tab.assessments.data(tab.assessments.index(1, 4), Qt.ItemDataRole.ToolTipRole)
    assert "Weak gluteus medius (left)" in tip
    qtmodeltester.check(tab.assessments)
    qtmodeltester.check(tab.programmes)


def test_a_referral_is_shown_in_the_list(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    mark = services.clients.create(
        ClientDetails(name="Mark Doyle", birth_date=date(1976, 9, 2), sex="male")
    )
    services.assessments.save_new(mark.id, fixture("red_flag_urgent.json"))
    tab = HistoryTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.set_client(mark)
    assert cells(tab.assessments)[0][3] == "URGENT: emergency department now"
    assert cells(tab.assessments)[0][1] == "68.9%", "ODI with one section skipped"


def test_no_client_and_no_records_say_what_to_do(
    qtbot: QtBot, services: Services, ana: Client, tmp_path: Path
) -> None:
    tab = HistoryTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    assert "Open a client" in tab.message.text()
    tab.set_client(ana)
    assert tab.assessments.rowCount() == 0
    assert "Ctrl+Shift+A" in tab.assessment_hint.text()
    assert tab.programme_hint.text() == "No programmes yet."


def test_double_clicking_an_assessment_opens_it_in_the_assessment_tab(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    create_demo(services)
    zoe = services.clients.create(
        ClientDetails(name="Zoë Nakamura", birth_date=date(1990, 7, 1), sex="female")
    )
    first = services.assessments.save_new(zoe.id, fixture("runner_left_glute_med.json", zoe))
    services.assessments.save_new(zoe.id, fixture("runner_follow_up.json", zoe))
    win = MainWindow(make_context(services, tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.select_client(zoe.id)
    win.tabs.setCurrentWidget(win.history_tab)
    view = win.history_tab.assessment_view
    assert win.history_tab.assessments.rowCount() == 2
    rect = view.visualRect(win.history_tab.assessments.index(1, 0))  # April, the older one
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assessment_tab = win.tabs.currentWidget()
    assert isinstance(assessment_tab, AssessmentTab)
    assert assessment_tab.record is not None and assessment_tab.record.id == first.id
    assert assessment_tab.picker.currentText() == "10 Apr 2024"
    assert assessment_tab.form.pain_area.text() == "left outer hip and low back"


def test_the_list_follows_saves_in_the_assessment_tab_and_programme_changes(
    qtbot: QtBot, services: Services, ana: Client, tmp_path: Path
) -> None:
    ctx = make_context(services, tmp_path)
    history = HistoryTab(ctx)
    assessment = AssessmentTab(ctx)
    for w in (history, assessment):
        qtbot.addWidget(w)
        w.set_client(ana)
    assessment.show()
    history.show()  # both on screen side by side: the history follows at once
    assert history.assessments.rowCount() == 0

    assessment.form.pain_now.setFocus()
    qtbot.keyClicks(assessment.form.pain_now, "7")
    qtbot.waitUntil(lambda: history.assessments.rowCount() == 1, timeout=3000)
    assert cells(history.assessments)[0][2] == "7 / —"
    qtbot.keyClicks(assessment.form.pain_worst, "9")
    qtbot.waitUntil(lambda: cells(history.assessments)[0][2] == "7 / 9", timeout=3000)

    stored = services.programmes.create(
        ProgrammeDoc(client_id=ana.id, title="Return to run", start_date=date(2024, 6, 1))
    )
    history.hide()
    ctx.announce(Changes(programme_id=stored.id, programme=True))
    assert cells(history.programmes) == []  # hidden: nothing read until it is shown
    history.show()
    assert cells(history.programmes) == [["Return to run", "01 Jun 2024", "Draft"]]


def test_double_clicking_a_programme_opens_it_in_the_programme_tab(
    qtbot: QtBot, services: Services, treated: Client, tmp_path: Path
) -> None:
    win = MainWindow(make_context(services, tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.select_client(treated.id)
    win.tabs.setCurrentWidget(win.history_tab)
    opened: list[object] = []
    win.ctx.events.programme_opened.connect(opened.append)
    view = win.history_tab.programme_view
    older = win.history_tab.programmes.row_at(1)
    rect = view.visualRect(win.history_tab.programmes.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.tabs.currentWidget() is win.programme_tab
    assert opened[-1] == older.id
