"""The whole path in one window, on a fresh database: new client -> assessment -> findings ->
recommended exercises -> a per-side dose, undone and redone -> a progression -> week 3 of the
schedule -> the handout printed to a PDF with no preview step, read back -> the programme
file exported -> nothing typed lost.

Ana is a half-marathon runner whose left hip drops when she stands on that leg and whose
hamstrings are short on both sides.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from exercise_library.vocabulary import TestCode as Code
from planner.records import ClientDetails
from planner.services import Services
from tests.ui.builders import set_reps_rule
from ui.clients import ClientDialog
from ui.contact_dialog import ContactDialog
from ui.context import AppContext
from ui.documents_tab import DocumentsTab
from ui.main_window import MainWindow
from ui.programme_dialogs import NewProgramme, NewProgrammeDialog
from ui.tasks import ImmediateRunner

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
START = dt.date(2026, 1, 5)  # a Monday


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_number(qtbot: QtBot, spin: QAbstractSpinBox, value: float) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, f"{value:g}")
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_from_a_new_client_to_a_printed_handout(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(services, runner=ImmediateRunner(), window_state=state))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts reach only the active window

    # 1. A new client, from the keyboard.
    details = ClientDetails(name="Ana Ribeiro", birth_date=dt.date(1988, 3, 14), sex="female")
    monkeypatch.setattr(
        ClientDialog, "ask", classmethod(lambda cls, parent=None, client=None: details)
    )
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    client = win.current_client()
    assert client is not None and client.name == "Ana Ribeiro"

    # 2. The assessment, typed: left Trendelenburg, left single-leg squat 1, short hamstrings.
    win.tabs.setCurrentWidget(win.assessment_tab)
    tab = win.assessment_tab
    tab.new_assessment()
    form = tab.form
    type_into(qtbot, form.sided[Code.TRENDELENBURG][0], "P")
    type_into(qtbot, form.sided[Code.TRENDELENBURG][1], "N")
    type_into(qtbot, form.sided[Code.SINGLE_LEG_SQUAT][0], "1")
    type_into(qtbot, form.sided[Code.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG][0], "32")
    type_into(qtbot, form.sided[Code.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG][1], "30")
    qtbot.waitUntil(lambda: tab.state_label.text().startswith("Saved"), timeout=3000)

    # 3. The findings, as the therapist sees them.
    findings = tab.findings.toPlainText()
    assert "Weak gluteus medius, left" in findings
    assert "Tight hamstrings, both" in findings
    assert len(services.assessments.for_client(client.id)) == 1

    # 4. A programme from the recommendation.
    ptab = win.programme_tab
    win.tabs.setCurrentWidget(ptab)
    answer = NewProgramme("Back to the half-marathon", START, 6)
    monkeypatch.setattr(
        NewProgrammeDialog,
        "ask",
        classmethod(lambda cls, parent=None, client_name="", templates=(): answer),
    )
    click(qtbot, ptab.new_button)
    click(qtbot, ptab.recommend_button)
    assert ptab.items_model.rowCount() >= 6
    pid = ptab.programme_id
    assert pid is not None
    programme, _ = services.programmes.load(pid)
    catalogue = services.exercises.catalogue()
    glute_med = [i for i in programme.items if "weak_glute_med" in catalogue[i.code].imbalances]
    assert glute_med, "the recommendation targets the weak glute med"

    # 5. One dose per side: left 3 x 12, right 2 x 12; undo and redo it from the Edit menu keys.
    row = next(
        r for r in range(ptab.items_model.rowCount())
        if catalogue[ptab.items_model.item_at(r).code].unilateral
    )  # fmt: skip
    key = ptab.items_model.item_at(row).key
    ptab.select_item(key)
    before = services.programmes.load(pid)[0].item(key)
    assert before is not None
    steps_before = ptab.undo_stack.count()
    click(qtbot, ptab.dose.differ)
    type_number(qtbot, ptab.dose.left.sets, 3)
    type_number(qtbot, ptab.dose.left.reps, 12)
    type_number(qtbot, ptab.dose.right.sets, 2)
    type_number(qtbot, ptab.dose.right.reps, 12)
    after = services.programmes.load(pid)[0].item(key)
    assert after is not None
    assert (after.dosage.for_side("left").sets, after.dosage.for_side("right").sets) == (3, 2)
    steps = ptab.undo_stack.count() - steps_before
    win.activateWindow()
    for _ in range(steps):
        qtbot.keyClick(win, Qt.Key.Key_Z, CTRL)
    assert services.programmes.load(pid)[0].item(key).dosage == before.dosage  # type: ignore[union-attr]
    for _ in range(steps):
        qtbot.keyClick(win, Qt.Key.Key_Z, CTRL | SHIFT)
    assert services.programmes.load(pid)[0].item(key).dosage == after.dosage  # type: ignore[union-attr]

    # 6. A progression: +2 reps every week from week 2 (replacing the defaults).
    set_reps_rule(qtbot, ptab, monkeypatch)
    assert ptab.rules.item(0).text() == "Reps +2 every week from week 2"

    # 7. Week 3 of the schedule: two weeks of +2 reps on both sides.
    stab = win.schedule_tab
    win.tabs.setCurrentWidget(stab)
    type_number(qtbot, stab.week, 3)
    assert stab.week_label.text().startswith("Week 3 of 6")
    day = next(d for d in stab.week_days() if any(i.key == key for i in d.items))
    index = stab.week_model.find(day.date, key)
    dose = str(stab.week_model.index(index.row(), 1, index.parent()).data())
    assert dose.startswith("Left: 3 sets of 16. Right: 2 sets of 16."), dose

    # 8. The handout, printed to a PDF file with Ctrl+P: no preview step. The clinic's first
    # handout asks for its name and phone number, which the client needs to reach it; they are
    # typed into the real dialog.
    dtab = win.documents_tab
    assert dtab.print_action.isEnabled(), "printing needs no preview"
    printed = tmp_path / "printed.pdf"

    def pdf_printer(cls, parent):  # type: ignore[no-untyped-def]
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        return p

    monkeypatch.setattr(DocumentsTab, "ask_printer", classmethod(pdf_printer))
    given: list[dt.date] = []
    sent: list[bytes] = []

    def mark_given(self: DocumentsTab, day: dt.date) -> bool:
        """Yes; and keep the document that went out, to read it back."""
        given.append(day)
        sent.append(self.pdf_bytes or b"")
        return True

    monkeypatch.setattr(DocumentsTab, "ask_mark_given", mark_given)
    asked: list[str] = []

    def fill_in_the_clinic(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ContactDialog):
            if tries:
                QTimer.singleShot(20, lambda: fill_in_the_clinic(tries - 1))
            return
        asked.append(dialog.windowTitle())
        qtbot.keyClicks(dialog.clinic_name, "Riverside Physio")
        qtbot.keyClicks(dialog.phone, "01234 567890")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    QTimer.singleShot(0, fill_in_the_clinic)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_P, CTRL)
    assert win.tabs.currentWidget() is dtab
    assert asked == ["Your clinic's details"]
    assert services.settings.get()[0].phone == "01234 567890"
    assert dtab.message.text().startswith("Printed the home programme handout (")
    assert "printed.pdf" in dtab.message.text(), "it says where it was printed"
    assert printed.stat().st_size > 10_000
    assert sent and sent[0]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sent[0])).pages).replace(
        "\n", " "
    )
    assert "Ana Ribeiro" in text
    for item in services.programmes.load(pid)[0].items:
        assert catalogue[item.code].name in text, catalogue[item.code].name
    # The per-side dose of the week printed (the handout shows this week's doses).
    assert re.search(r"Left: 3 sets of \d+\. Right: 2 sets of \d+\.", text), text
    assert "Stop and contact us: 01234 567890" in text
    assert given == [dt.date.today()]
    marked = services.programmes.load(pid)[0]
    assert marked.status == "active" and marked.given_on == dt.date.today()

    # 9. The programme file, exported with Ctrl+E under the name a person looks for.
    suggested: list[str] = []

    def save_to(cls, parent, title, name, filt):  # type: ignore[no-untyped-def]
        suggested.append(Path(name).name)
        return tmp_path / Path(name).name

    monkeypatch.setattr(DocumentsTab, "ask_save_path", classmethod(save_to))
    assert dtab.export_action.isEnabled(), dtab.message.text()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_E, CTRL)
    today = dt.date.today().isoformat()
    assert suggested == [f"Ana Ribeiro - home programme {today}.physio.json"]
    assert (tmp_path / suggested[0]).stat().st_size > 1000
    assert "Exported the programme file to" in dtab.message.text()

    # 10. Nothing typed was lost: the stored assessment holds every value typed in step 2,
    # and no draft is left over.
    stored = services.assessments.latest(client.id)
    assert stored is not None and services.assessments.draft(client.id) is None
    assert stored.tests.trendelenburg is not None and stored.tests.trendelenburg.left == "positive"
    assert stored.tests.single_leg_squat is not None and stored.tests.single_leg_squat.left == 1
    deficit = stored.tests.active_knee_extension_deficit_deg
    assert deficit is not None and (deficit.left, deficit.right) == (32, 30)
