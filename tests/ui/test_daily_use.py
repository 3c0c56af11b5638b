"""Issue 15: the desktop app in daily use. Each test is a problem a therapist met."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exercise_library.vocabulary import RedFlag
from planner.assessment.model import PosNeg
from planner.assessment.thresholds import Referral
from planner.errors import Refused
from planner.operations.programmes import create_programme
from planner.programme.templates import builtin_templates
from planner.records import Client, ClientDetails
from planner.safety import client_block
from planner.services import Services
from tests.ui.builders import wheel
from ui.assessment_inputs import DateInput, format_date, parse_date
from ui.clients import ClientDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_the_wheel_over_a_focused_choice_scrolls_the_form_and_changes_nothing(
    qtbot: QtBot, main_window: MainWindow, ana: Client, services: Services
) -> None:
    main_window.select_client(ana.id)
    main_window.tabs.setCurrentWidget(main_window.assessment_tab)
    tab = main_window.assessment_tab
    thomas_left = tab.form.sided[next(iter(c for c in tab.form.sided if c.value == "thomas_test"))][
        0
    ]
    thomas_left.set_value(PosNeg.NEGATIVE)
    tab.scroll.ensureWidgetVisible(thomas_left)
    main_window.activateWindow()
    thomas_left.setFocus()  # just chosen: it keeps the focus
    qtbot.waitUntil(thomas_left.hasFocus)
    before = tab.scroll.verticalScrollBar().value()
    wheel(thomas_left, -1)
    wheel(tab.form.experience, -1)
    assert thomas_left.value() is PosNeg.NEGATIVE
    assert tab.form.experience.currentIndex() == 0
    assert tab.scroll.verticalScrollBar().value() > before  # the form moved instead


@pytest.mark.parametrize(
    ("typed", "order", "expected"),
    [
        ("15/03/1992", "dmy", date(1992, 3, 15)),
        ("03/15/1992", "mdy", date(1992, 3, 15)),
        ("1992-03-15", "dmy", date(1992, 3, 15)),
        ("1992-03-15", "mdy", date(1992, 3, 15)),
        ("15.3.1992", "dmy", date(1992, 3, 15)),
    ],
)
def test_dates_are_read_in_the_locales_order_and_as_iso(
    typed: str, order: str, expected: date
) -> None:
    assert parse_date(typed, order) == expected
    assert parse_date(format_date(expected, order), order) == expected


def test_typing_a_birth_date_keeps_it_and_it_starts_blank(qtbot: QtBot) -> None:
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    assert dialog.birth.text() == ""
    qtbot.keyClicks(dialog.name, "Jo Bloggs")
    qtbot.keyClicks(dialog.birth, format_date(date(1992, 3, 15), dialog.birth.order))
    dialog._try_accept()
    assert dialog.result_details is not None
    assert dialog.result_details.birth_date == date(1992, 3, 15)
    labels = [dialog.layout().itemAt(n).widget() for n in range(dialog.layout().count())]
    texts = [w.text() for w in labels if w is not None and hasattr(w, "buddy") and w.buddy()]
    assert "Birth date" in [t.replace("&", "") for t in texts]
    assert all(not w.isVisible() or "&" not in w.accessibleName() for w in labels if w)


def test_a_mistyped_birth_date_is_said_not_bent(qtbot: QtBot) -> None:
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Jo Bloggs")
    qtbot.keyClicks(dialog.birth, "31/02/1992")
    dialog._try_accept()
    assert dialog.result_details is None
    assert dialog.error.text().startswith("Birth date:")


def test_a_date_field_is_blank_until_typed() -> None:
    field = DateInput("Birth date", optional=True)
    assert field.value() is None


def test_the_window_opens_at_the_size_of_the_screen(
    qtbot: QtBot,
    ctx,  # type: ignore[no-untyped-def]
) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    area = QApplication.primaryScreen().availableGeometry()
    assert (win.width(), win.height()) == (area.width(), area.height())


# -- point 1: nothing typed is lost ------------------------------------------------------------
WAIT_MS = 3000


def _kai(services: Services) -> Client:
    """A client whose record has no sex yet: any assessment of theirs is incomplete."""
    return services.clients.create(ClientDetails(name="Kai Brennan", sex="unspecified"))


def _tick(qtbot: QtBot, win: MainWindow, flag: RedFlag) -> None:
    form = win.assessment_tab.form
    boxes = form.flags.boxes
    boxes[flag].setChecked(True)


def _draft_flags(services: Services, client: Client) -> list[RedFlag]:
    found = services.assessments.draft(client.id)
    return found.draft.flags if found else []


def test_a_red_flag_in_an_incomplete_assessment_survives_a_client_switch(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    kai = _kai(services)
    main_window.refresh_clients()
    main_window.select_client(kai.id)
    main_window.tabs.setCurrentWidget(main_window.assessment_tab)
    tab = main_window.assessment_tab
    _tick(qtbot, main_window, RedFlag.CAUDA_EQUINA_SIGNS)
    qtbot.waitUntil(
        lambda: _draft_flags(services, kai) == [RedFlag.CAUDA_EQUINA_SIGNS], timeout=WAIT_MS
    )
    assert tab.banner.isVisible()
    context = services.assessments.context(kai.id)
    assert context is not None and RedFlag.CAUDA_EQUINA_SIGNS in context.red_flags

    asked: list[str] = []
    monkeypatch.setattr(tab, "ask_about_draft", lambda: asked.append("asked") or "keep")
    main_window.select_client(ana.id)
    assert asked == ["asked"]
    assert main_window.current_client().id == ana.id
    main_window.select_client(kai.id)
    assert tab.form.flags.boxes[RedFlag.CAUDA_EQUINA_SIGNS].isChecked()
    assert tab.banner.isVisible() and "urgent" in tab.banner.text().lower()


def test_going_back_to_a_draft_keeps_the_client_open(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    kai = _kai(services)
    main_window.refresh_clients()
    main_window.select_client(kai.id)
    tab = main_window.assessment_tab
    _tick(qtbot, main_window, RedFlag.FEVER_OR_SYSTEMIC_ILLNESS)
    qtbot.waitUntil(lambda: bool(_draft_flags(services, kai)), timeout=WAIT_MS)
    monkeypatch.setattr(tab, "ask_about_draft", lambda: "back")
    main_window.select_client(ana.id)
    qtbot.waitUntil(
        lambda: main_window.list.currentIndex().row() == main_window.model.row_of(kai.id)
    )
    assert main_window.current_client().id == kai.id
    monkeypatch.setattr(tab, "ask_about_draft", lambda: "discard")
    main_window.select_client(ana.id)
    assert main_window.current_client().id == ana.id
    assert services.assessments.draft(kai.id) is None


def test_quitting_with_an_invalid_pain_and_a_fever_flag_keeps_both(
    qtbot: QtBot,
    ctx,
    services: Services,
    ana: Client,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.select_client(ana.id)
    tab = win.assessment_tab
    qtbot.keyClicks(tab.form.pain_now, "11")
    _tick(qtbot, win, RedFlag.FEVER_OR_SYSTEMIC_ILLNESS)
    answers = iter(["back", "keep"])
    monkeypatch.setattr(tab, "ask_about_draft", lambda: next(answers))
    win.close()
    assert win.isVisible(), "go back: the window stays open"
    win.close()
    assert not win.isVisible()
    assert _draft_flags(services, ana) == [RedFlag.FEVER_OR_SYSTEMIC_ILLNESS]
    assert services.assessments.for_client(ana.id) == []

    # The next start (as after a crash): the draft is on screen exactly as typed.
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    again.select_client(ana.id)
    form = again.assessment_tab.form
    assert form.pain_now.text() == "11"
    assert form.flags.boxes[RedFlag.FEVER_OR_SYSTEMIC_ILLNESS].isChecked()
    assert "draft" in again.assessment_tab.state_label.text()


def test_a_draft_red_flag_refuses_a_template_at_once(
    qtbot: QtBot, main_window: MainWindow, services: Services
) -> None:
    kai = _kai(services)
    main_window.refresh_clients()
    main_window.select_client(kai.id)
    _tick(qtbot, main_window, RedFlag.CAUDA_EQUINA_SIGNS)
    qtbot.waitUntil(lambda: bool(_draft_flags(services, kai)), timeout=WAIT_MS)
    template = builtin_templates()[0]
    with pytest.raises(Refused) as refused:
        create_programme(
            services, kai.id, title="Plan", start=date(2026, 1, 5), weeks=4, template=template
        )
    block = client_block(services.assessments.context(kai.id), services.settings.policy())
    assert block is not None and block.reason in str(refused.value)
    main_window.tabs.setCurrentWidget(main_window.programme_tab)
    assert main_window.programme_tab.block == block.reason


# -- point 2: undo on the assessment --------------------------------------------------------------
def test_undo_and_redo_on_the_assessment_tab(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    main_window.select_client(ana.id)
    main_window.tabs.setCurrentWidget(main_window.assessment_tab)
    tab = main_window.assessment_tab
    qtbot.keyClicks(tab.form.pain_now, "3")
    tab.flush()
    tab.form.pain_now.clear()
    qtbot.keyClicks(tab.form.pain_now, "5")
    tab.flush()
    assert services.assessments.latest(ana.id).pain.now == 5
    assert main_window.undo_action.isEnabled()
    main_window.undo_action.trigger()
    assert tab.form.pain_now.text() == "3"
    assert services.assessments.latest(ana.id).pain.now == 3
    main_window.redo_action.trigger()
    assert services.assessments.latest(ana.id).pain.now == 5


# -- point 3: the red-flag state on every tab; "screened: none present" ----------------------------
def test_an_urgent_client_is_flagged_on_every_tab_in_the_planners_words(
    qtbot: QtBot, main_window: MainWindow, services: Services
) -> None:
    kai = _kai(services)
    main_window.refresh_clients()
    main_window.select_client(kai.id)
    _tick(qtbot, main_window, RedFlag.CAUDA_EQUINA_SIGNS)
    main_window.assessment_tab.flush()
    block = client_block(services.assessments.context(kai.id), services.settings.policy())
    assert block is not None
    top = main_window.tabs.geometry().top()
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        strip = main_window.red_flags
        assert strip.isVisible() and strip.geometry().bottom() <= top
        assert strip.text() == f"STOP: {block.reason}"


def test_the_screen_records_none_present_with_the_date(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    main_window.select_client(ana.id)
    form = main_window.assessment_tab.form
    assert "not screened" in main_window.red_flags.text()
    height = main_window.red_flags.height()
    form.screened_none.setChecked(True)
    main_window.assessment_tab.flush()
    stored = services.assessments.latest(ana.id)
    assert stored is not None and stored.red_flag_screen is not None
    assert (
        stored.red_flag_screen.screened_on == date.today() and stored.red_flag_screen.none_present
    )
    assert main_window.red_flags.text() == (
        f"Red-flag screen on {date.today().strftime('%d %b %Y')}: none present."
    )
    _tick(qtbot, main_window, RedFlag.TRAUMA_ONSET)
    assert not form.screened_none.isChecked() and not form.screened_none.isEnabled()
    main_window.assessment_tab.flush()
    assert main_window.red_flags.text().startswith("Refer before treating")
    assert main_window.red_flags.height() == height, "nothing below it moves"


# -- point 7: documents as people expect ---------------------------------------------------------
def _with_programme(qtbot: QtBot, win: MainWindow, services: Services, client: Client) -> int:
    from tests.ui.builders import runner_programme

    programme = runner_programme(services, "clamshell", "bridge", "dead_bug")
    stored = services.programmes.create_programme(programme, client.id)
    services.settings.save(
        services.settings.get()[0].model_copy(update={"phone": "01234 567890"}),
        services.settings.get()[1],
    )
    win.select_client(client.id)
    win.documents_tab.set_client(client)
    win.ctx.events.programme_opened.emit(stored.id)
    return stored.id


def test_save_as_pdf_needs_no_preview_and_opens_in_documents_then_the_last_folder(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client, tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from ui.documents_tab import DocumentsTab

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        "ui.document_output.QStandardPaths.writableLocation", lambda _where: str(documents)
    )
    _with_programme(qtbot, main_window, services, ana)
    tab = main_window.documents_tab
    assert tab.pdf_bytes is None and tab.save_action.isEnabled(), "no preview needed"
    offered: list[str] = []
    elsewhere = tmp_path / "clinic letters"
    elsewhere.mkdir()

    def save_to(cls, parent, title, suggested, filt):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return elsewhere / Path(suggested).name

    monkeypatch.setattr(DocumentsTab, "ask_save_path", classmethod(save_to))
    main_window.documents_tab.save_action.trigger()
    today = date.today().isoformat()
    assert offered == [str(documents / f"Ana Ribeiro - home programme {today}.pdf")]
    saved = elsewhere / f"Ana Ribeiro - home programme {today}.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert tab.message.text().startswith("Saved the home programme handout as ")
    tab.kind.setCurrentIndex(tab.kind.findData("summary"))
    main_window.documents_tab.save_action.trigger()
    assert offered[-1] == str(elsewhere / f"Ana Ribeiro - assessment summary {today}.pdf")


def test_the_preview_zooms_fits_and_turns_pages(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    _with_programme(qtbot, main_window, services, ana)
    main_window.tabs.setCurrentWidget(main_window.documents_tab)
    tab = main_window.documents_tab
    tab.preview()
    pane = tab.preview_pane
    pages = tab.document.pageCount()
    assert pages >= 2 and pane.page_label.text() == f"Page 1 of {pages}"
    pane.next_button.click()
    assert pane.page() == 1 and pane.page_label.text() == f"Page 2 of {pages}"
    pane.previous_button.click()
    assert pane.page() == 0
    pane.fit_page_button.click()
    assert pane.zoom_label.text() == "Page"
    pane.zoom_in_button.click()
    assert pane.zoom_label.text().endswith("%")
    pane.fit_width_button.click()
    assert pane.zoom_label.text() == "Width"


def test_file_menu_and_shortcuts_for_documents(main_window: MainWindow) -> None:
    entries = {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in main_window.menuBar().actions()[0].menu().actions()
    }
    assert entries["Print..."] == "Ctrl+P"
    assert entries["Save as PDF..."] == "Ctrl+S"
    assert entries["Export programme file..."] == "Ctrl+E"


# -- point 9: messages that tell the truth --------------------------------------------------------
def test_messages_follow_what_is_on_screen(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    main_window.select_client(ana.id)
    ptab = main_window.programme_tab
    main_window.tabs.setCurrentWidget(ptab)
    assert "has no programme yet" in ptab.banner.text()
    pid = _with_programme(qtbot, main_window, services, ana)
    ptab._load_programmes(pid)
    assert "has no programme yet" not in ptab.banner.text()
    dtab = main_window.documents_tab
    assert "press Preview" not in dtab.message.text()


# -- point 10: the demo shows everything ----------------------------------------------------------
def test_the_demo_can_be_compared_and_reported_in_the_window(
    qtbot: QtBot, main_window: MainWindow, services: Services
) -> None:
    from planner.demo import create_demo

    create_demo(services)
    main_window.refresh_clients()
    zoe = next(c for c in services.clients.search("Zoë"))
    main_window.select_client(zoe.id)
    tab = main_window.assessment_tab
    assert tab.compare_button.isEnabled()
    dialog = tab.compare_with_previous()
    assert dialog is not None and dialog.model.rowCount() > 0
    dialog.close()
    dtab = main_window.documents_tab
    dtab.kind.setCurrentIndex(dtab.kind.findData("progress"))
    dtab.preview()
    assert dtab.pdf_bytes is not None and dtab.document.pageCount() >= 1


# -- point 6: a layout that fits 1280 x 800 -------------------------------------------------------
def _rows_in_sight(view) -> int:  # type: ignore[no-untyped-def]
    """Rows wholly inside the view's visible area."""
    area = view.viewport().rect()
    model = view.model()
    shown = 0
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0))
        if rect.isValid() and area.contains(rect.topLeft()) and area.contains(rect.bottomLeft()):
            shown += 1
    return shown


def test_the_whole_path_fits_a_1280_by_800_screen(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    from tests.ui.builders import runner_programme

    codes = ["clamshell", "bridge", "dead_bug", "bird_dog", "side_plank", "single_leg_bridge",
             "bridge_march", "banded_clamshell", "cat_cow", "wall_sit"]  # fmt: skip
    catalogue = services.exercises.catalogue()
    codes = [c for c in codes if c in catalogue]
    assert len(codes) >= 9
    programme = runner_programme(services, *codes)
    stored = services.programmes.create_programme(programme, ana.id)
    main_window.select_client(ana.id)
    main_window.resize(1280, 800)
    qtbot.wait(10)
    assert (main_window.width(), main_window.height()) == (1280, 800), "it fits, not grows"

    ptab = main_window.programme_tab
    main_window.tabs.setCurrentWidget(ptab)
    ptab._load_programmes(stored.id)
    qtbot.wait(10)
    assert _rows_in_sight(ptab.items) >= 8
    assert _rows_in_sight(ptab.browser.list) >= 6

    atab = main_window.assessment_tab
    main_window.tabs.setCurrentWidget(atab)
    qtbot.wait(10)
    assert atab.scroll.horizontalScrollBar().maximum() == 0, "no sideways scrolling"
    where = atab.scroll.mapTo(main_window, atab.scroll.rect().topLeft())
    _tick(qtbot, main_window, RedFlag.CAUDA_EQUINA_SIGNS)
    atab.flush()
    qtbot.wait(10)
    assert atab.banner.isVisible()
    assert atab.scroll.mapTo(main_window, atab.scroll.rect().topLeft()) == where, (
        "the STOP banner never moves the form under the pointer"
    )


# -- point 11: a settings change shows at once -----------------------------------------------------
def test_a_raised_referral_level_regroups_the_screen_at_once_and_keeps_what_was_typed(
    qtbot: QtBot, main_window: MainWindow, services: Services, ana: Client
) -> None:
    from planner.operations.clinic import parse_assignments, update_settings

    main_window.select_client(ana.id)
    tab = main_window.assessment_tab
    qtbot.keyClicks(tab.form.pain_now, "4")
    tab.flush()
    assert RedFlag.HISTORY_OF_CANCER in tab.form.flags.sets[Referral.PROMPT].boxes
    fields, overrides = parse_assignments(["red_flags.levels.history_of_cancer=urgent"])
    result = update_settings(services, fields, overrides)
    main_window.ctx.announce(result.changes)
    form = tab.form
    assert RedFlag.HISTORY_OF_CANCER in form.flags.sets[Referral.URGENT].boxes, (
        "regrouped without a restart"
    )
    assert form.pain_now.text() == "4"
    form.flags.boxes[RedFlag.HISTORY_OF_CANCER].setChecked(True)
    tab.flush()
    assert main_window.red_flags.text().startswith("STOP")
