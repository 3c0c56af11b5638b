"""The Schedule tab: Ana's programme week by week, and what she logged, on a real database.

The main case follows the therapist from the Programme tab to the Schedule tab: a recommended
programme, an extra set for the weak left leg, two more reps a week, then a session that hurt
(6/10) and the step that therefore waits.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget
from pytestqt.qtbot import QtBot

from planner.operations import Changes
from planner.programme import facts
from planner.programme.model import (
    Dosage,
    Item,
    Phase,
    Programme,
    ProgressField,
    ProgressionRule,
    SessionLog,
    SessionStatus,
    Weekday,
)
from planner.programme.schedule import materialise
from planner.programme.text import pain_rule
from planner.records import Client, ClientDetails
from planner.services import Services
from tests.ui.builders import set_reps_rule
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.programme_dialogs import NewProgramme, NewProgrammeDialog
from ui.programme_tab import ProgrammeTab
from ui.schedule_models import ProgressionTableModel, WeekModel
from ui.schedule_tab import LogForm, ScheduleTab
from ui.tasks import ImmediateRunner, TaskRunner

pytestmark = pytest.mark.gui

ASSESSMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
START = dt.date(2024, 4, 15)  # a Monday
CTRL = Qt.KeyboardModifier.ControlModifier
NOTES = 2  # the week view's column for what changed and what was held back


def make_context(
    services: Services, tmp_path: Path, runner: TaskRunner | None = None
) -> AppContext:
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    return AppContext(services, runner=runner or ImmediateRunner(), window_state=state)


@pytest.fixture
def ana(services: Services) -> Client:
    client = services.clients.create(
        ClientDetails(name="Ana Ribeiro", birth_date=dt.date(1988, 3, 14), sex="female")
    )
    services.assessments.import_file(ASSESSMENTS / "runner_left_glute_med.json", client.id)
    return client


def type_number(qtbot: QtBot, spin: QAbstractSpinBox, value: float) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, f"{value:g}")
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def entry_text(tab: ScheduleTab, day: dt.date, key: str, column: int) -> str:
    index = tab.week_model.find(day, key)
    assert index.isValid(), f"{key} is not on {day}"
    return str(tab.week_model.index(index.row(), column, index.parent()).data())


def first_day_with(tab: ScheduleTab, key: str) -> dt.date:
    for day in tab.week_days():
        if any(item.key == key for item in day.items):
            return day.date
    raise AssertionError(f"{key} is not done this week")


# -- the whole case, through both tabs -------------------------------------------------------


def plan_for_ana(qtbot: QtBot, win: MainWindow, services: Services, monkeypatch) -> str:
    """Programme tab: recommended exercises, left 3x12 / right 2x12, +2 reps a week."""
    tab: ProgrammeTab = win.programme_tab
    win.tabs.setCurrentWidget(tab)
    answer = NewProgramme("Back to the half-marathon", START, 6)
    monkeypatch.setattr(
        NewProgrammeDialog,
        "ask",
        classmethod(lambda cls, parent=None, client_name="", templates=(): answer),
    )
    click(qtbot, tab.new_button)
    click(qtbot, tab.recommend_button)
    catalogue = services.exercises.catalogue()
    row = next(
        r
        for r in range(tab.items_model.rowCount())
        if catalogue[tab.items_model.item_at(r).code].unilateral
    )
    key = tab.items_model.item_at(row).key
    tab.select_item(key)

    click(qtbot, tab.dose.differ)
    type_number(qtbot, tab.dose.left.sets, 3)
    type_number(qtbot, tab.dose.left.reps, 12)
    type_number(qtbot, tab.dose.right.sets, 2)
    type_number(qtbot, tab.dose.right.reps, 12)

    set_reps_rule(qtbot, tab, monkeypatch)
    assert tab.rules.item(0).text() == "Reps +2 every week from week 2"
    return key


def test_week_three_shows_the_progressed_dose_and_a_painful_session_holds_it(
    qtbot: QtBot, services: Services, tmp_path: Path, ana: Client, monkeypatch
) -> None:
    win = MainWindow(make_context(services, tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.select_client(ana.id)
    key = plan_for_ana(qtbot, win, services, monkeypatch)
    pid = win.programme_tab.programme_id
    assert pid is not None

    tab: ScheduleTab = win.schedule_tab
    win.tabs.setCurrentWidget(tab)
    type_number(qtbot, tab.week, 3)
    assert tab.week_label.text().startswith("Week 3 of 6, phase 'Home programme'")
    day = first_day_with(tab, key)
    dose = entry_text(tab, day, key, 1)
    assert dose.startswith("Left: 3 sets of 16. Right: 2 sets of 16."), dose
    programme, _ = services.programmes.load(pid)
    planned = materialise(programme, services.exercises.catalogue()).week_of(key, 3)
    assert planned is not None and dose == planned.text
    assert "Reps up" in entry_text(tab, day, key, NOTES)

    # Week 2: the client did the session, but it hurt (6/10).
    type_number(qtbot, tab.week, 2)
    monday = first_day_with(tab, key)
    assert tab.select_entry(monday, key)
    form = tab.log_form
    assert form.reps_left.isVisible() and not form.reps.isVisible(), "one-sided: reps per side"
    type_number(qtbot, form.pain_during, 6)
    qtbot.keyClicks(form.reps_left, "14, 14, 12")
    qtbot.keyClicks(form.reps_right, "14, 13")
    click(qtbot, form.record_button)
    assert win.statusBar().currentMessage() == "Saved"
    [log] = services.programmes.logs(pid)
    assert (log.date, log.item, log.pain_during) == (monday, key, 6)
    assert (log.reps_left, log.reps_right) == ([14, 14, 12], [14, 13])
    assert "pain 6/10" in entry_text(tab, monday, key, 3)

    type_number(qtbot, tab.week, 3)
    notes = entry_text(tab, first_day_with(tab, key), key, NOTES)
    programme, _ = services.programmes.load(pid)
    held = materialise(programme, services.exercises.catalogue(), [log]).week_of(key, 3)
    assert held is not None and held.held
    assert f"Held back: {held.held[0]}" in notes
    assert "6/10" in notes, "the reason names the pain that held it"
    assert entry_text(tab, first_day_with(tab, key), key, 1).startswith(
        "Left: 3 sets of 12. Right: 2 sets of 12."
    ), "too much pain: back to the dose before week 2's step, as the handout says"


# -- one programme built directly, for the narrower checks -----------------------------------


@pytest.fixture
def programme_id(services: Services, ana: Client) -> int:
    programme = Programme(
        title="Glute strength",
        start=START,
        phases=[Phase(name="Activate", weeks=2), Phase(name="Build", weeks=2)],
        items=[
            Item(
                code="clamshell",
                order=1,
                dosage=Dosage(sets=2, reps=12, per_side=True),
                days=[Weekday.MON, Weekday.THU],
                rules=[ProgressionRule(field=ProgressField.REPS, step=2, from_week=2)],
            ),
            Item(
                code="bridge",
                order=2,
                dosage=Dosage(sets=2, reps=10),
                days=[Weekday.TUE],
            ),
        ],
    )
    return services.programmes.create_programme(programme, ana.id).id


@pytest.fixture
def schedule(
    qtbot: QtBot, services: Services, tmp_path: Path, ana: Client, programme_id: int
) -> ScheduleTab:
    tab = ScheduleTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_client(ana)
    return tab


def test_the_week_selector_names_the_week_and_its_phase(
    qtbot: QtBot, schedule: ScheduleTab
) -> None:
    assert schedule.week.value() == 1
    assert schedule.week_label.text().startswith("Week 1 of 4, phase 'Activate'")
    assert not schedule.previous.isEnabled()
    click(qtbot, schedule.next)
    click(qtbot, schedule.next)
    assert schedule.week_label.text().startswith("Week 3 of 4, phase 'Build'")
    days = [d.date for d in schedule.week_days()]
    assert days == [START + dt.timedelta(days=14 + n) for n in (0, 1, 3)]
    day_row = schedule.week_model.index(0, 0).data()
    assert day_row == "Monday 29 April · 1 exercise · 0 of 1 logged"


def test_a_day_with_no_exercise_for_an_item_does_not_list_it(schedule: ScheduleTab) -> None:
    tuesday = START + dt.timedelta(days=1)
    assert [i.code for d in schedule.week_days() if d.date == tuesday for i in d.items] == [
        "bridge"
    ]


def test_logs_for_two_sided_exercises_take_one_list_of_reps(
    qtbot: QtBot, schedule: ScheduleTab, services: Services, programme_id: int
) -> None:
    tuesday = START + dt.timedelta(days=1)
    assert schedule.select_entry(tuesday, "bridge-2")
    form = schedule.log_form
    assert form.reps.isVisible() and not form.reps_left.isVisible()
    form.status.set_value(SessionStatus.PARTIAL)
    qtbot.keyClicks(form.reps, "10 8")
    type_number(qtbot, form.rpe, 7)
    qtbot.keyClicks(form.note, "Stopped early: hamstring cramp")
    click(qtbot, form.record_button)
    [log] = services.programmes.logs(programme_id)
    assert log == SessionLog(
        date=tuesday,
        item="bridge-2",
        status=SessionStatus.PARTIAL,
        rpe=7,
        reps=[10, 8],
        note="Stopped early: hamstring cramp",
    )
    assert schedule.week_model.index(1, 0).data().endswith("1 of 1 logged")
    # Picking the entry again shows what was logged.
    schedule.select_entry(tuesday, "bridge-2")
    assert form.reps.text() == "10, 8" and form.rpe.value() == 7


def test_reps_that_are_not_numbers_are_refused_with_the_reason(
    qtbot: QtBot, schedule: ScheduleTab, services: Services, programme_id: int
) -> None:
    assert schedule.select_entry(START, "clamshell-1")
    qtbot.keyClicks(schedule.log_form.reps_left, "12, twelve")
    click(qtbot, schedule.log_form.record_button)
    assert "'twelve' is not a whole number" in schedule.log_form.error.text()
    assert services.programmes.logs(programme_id) == []


def test_pain_worse_next_morning_brings_the_dose_back_down(
    qtbot: QtBot, schedule: ScheduleTab, services: Services, programme_id: int
) -> None:
    programme, _ = services.programmes.load(programme_id)
    week2_monday = START + dt.timedelta(days=7)
    type_number(qtbot, schedule.week, 2)
    assert schedule.select_entry(week2_monday, "clamshell-1")
    type_number(qtbot, schedule.log_form.pain_during, 2)
    type_number(qtbot, schedule.log_form.pain_morning, 5)
    click(qtbot, schedule.log_form.record_button)
    type_number(qtbot, schedule.week, 3)
    notes = entry_text(schedule, START + dt.timedelta(days=14), "clamshell-1", NOTES)
    expected = materialise(
        programme, services.exercises.catalogue(), services.programmes.logs(programme_id)
    ).week_of("clamshell-1", 3)
    assert expected is not None and expected.stepped_back
    assert expected.changes[0] in notes and f"Held back: {expected.held[0]}" in notes


def test_the_overview_shows_every_week_and_opens_one(
    qtbot: QtBot, schedule: ScheduleTab, services: Services, programme_id: int
) -> None:
    model = schedule.table_model
    assert model.columnCount() == 4 and model.rowCount() == 2
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == [
        "Clamshell",
        "Bridge",
    ]
    assert model.index(0, 0).data() == "2 sets of 12 on each side"
    assert model.index(0, 1).data() == "2 sets of 14 on each side"
    assert "Changed: Reps up from 12 to 14." in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    schedule._open_week_of(model.index(0, 2))
    assert schedule.week.value() == 3


def test_the_schedule_follows_the_programme_tab(
    qtbot: QtBot, schedule: ScheduleTab, services: Services, programme_id: int
) -> None:
    schedule.ctx.events.programme_opened.emit(None)
    assert "has no programme yet" in schedule.message.text()
    schedule.ctx.events.programme_opened.emit(programme_id)
    assert schedule.schedule is not None
    programme, record = services.programmes.load(programme_id)
    renamed = programme.model_copy(update={"title": "Glute strength, block 2"})
    services.programmes.save_programme(programme_id, record.version, renamed)
    schedule.ctx.announce(Changes(programme_id=programme_id, programme=True))
    assert schedule.title.text().startswith("Glute strength, block 2")


def test_the_schedule_is_worked_out_off_the_gui_thread(
    qtbot: QtBot, services: Services, tmp_path: Path, ana: Client, programme_id: int
) -> None:
    tab = ScheduleTab(make_context(services, tmp_path, TaskRunner()))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_client(ana)
    assert tab.message.text() == "Working out the schedule..."
    qtbot.waitUntil(lambda: tab.schedule is not None, timeout=10_000)
    assert tab.message.text() == ""
    assert tab.week_label.text().startswith("Week 1 of 4")


def test_schedule_models_pass_the_model_tester(
    qtmodeltester, services: Services, programme_id: int
) -> None:  # type: ignore[no-untyped-def]
    programme, _ = services.programmes.load(programme_id)
    logs = [
        SessionLog(date=START, item="clamshell-1", status=SessionStatus.DONE, pain_during=6),
    ]
    schedule = materialise(programme, services.exercises.catalogue(), logs)
    week = WeekModel()
    week.set_week(schedule, 2, logs)
    qtmodeltester.check(week)
    assert week.rowCount(QModelIndex()) > 0
    table = ProgressionTableModel()
    table.set_schedule(schedule)
    qtmodeltester.check(table)


def test_showing_a_week_directly_moves_the_week_selector_too(schedule: ScheduleTab) -> None:
    schedule.show_week(3)
    assert schedule.week.value() == 3
    assert schedule.week_label.text().startswith("Week 3 of 4")


def test_the_log_form_states_the_pain_rule_in_the_handouts_words(qtbot: QtBot) -> None:
    """The therapist logging a session reads the rule the client was given, word for word."""
    form = LogForm()
    qtbot.addWidget(form)
    form.show()
    hint = form.hint.text()
    for sentence in pain_rule(running=True):
        assert sentence in hint
    assert f"Pain above {facts.PAIN_ACCEPTABLE_MAX}/10 is too much" in hint
    assert f"keep pain at {facts.RUN_PAIN_MAX}/10 or less while you run" in hint


def test_a_log_another_workstation_recorded_first_is_a_conflict_and_reloads(
    qtbot: QtBot,
    schedule: ScheduleTab,
    services: Services,
    programme_id: int,
    elsewhere: Services,
    reloads: list[str],
) -> None:
    """The pain scores that drive progression are never silently overwritten (issue 16, 4)."""
    assert schedule.select_entry(START, "clamshell-1")
    log = SessionLog(date=START, item="clamshell-1", status=SessionStatus.DONE, pain_during=6)
    elsewhere.programmes.record_log(programme_id, log)
    type_number(qtbot, schedule.log_form.pain_during, 1)
    click(qtbot, schedule.log_form.record_button)
    assert reloads == ["this session log"]
    [stored] = services.programmes.logs(programme_id)
    assert stored.pain_during == 6
    schedule.select_entry(START, "clamshell-1")
    assert schedule.log_form.pain_during.value() == 6, "the stored log is shown"
