"""The programme and contact dialogs behave as every form dialog does: dates typed the usual
way, a problem named under the form with its input outlined and focused, and a wheel that
never changes a value."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from planner.settings import ClinicSettings
from tests.ui.builders import wheel
from ui.assessment_inputs import format_date
from ui.contact_dialog import ContactDialog
from ui.context import AppContext
from ui.programme_dialogs import NewProgrammeDialog, SaveTemplateDialog

pytestmark = pytest.mark.gui


def _press(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()  # type: ignore[attr-defined]


def _outlined(w: QWidget) -> bool:
    return w.property("invalid") == "true"


def _dialog(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_new_programme_starts_on_the_day_typed_in_the_locales_order(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, NewProgrammeDialog(None, "Ana Ribeiro"))
    assert isinstance(dialog, NewProgrammeDialog)
    assert dialog.start.text() == format_date(dt.date.today(), dialog.start.order)
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, format_date(dt.date(2027, 3, 15), dialog.start.order))
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value is not None
    assert dialog.result_value.start == dt.date(2027, 3, 15)
    assert dialog.result_value.title == "Home programme for Ana Ribeiro"


def test_an_impossible_first_day_is_named_and_its_field_outlined(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, NewProgrammeDialog(None, "Ana Ribeiro"))
    assert isinstance(dialog, NewProgrammeDialog)
    typed = "2027-02-31"  # ISO is read whatever the locale
    dialog.start.setText(typed)
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith(f"First day: '{typed}' is not a real date")
    assert _outlined(dialog.start) and dialog.focusWidget() is dialog.start
    assert not _outlined(dialog.title)

    # Fixing it and emptying the title moves the outline to the title.
    dialog.start.setText("2027-02-28")
    dialog.title.clear()
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.error.text() == "Title: give the programme a title."
    assert _outlined(dialog.title) and not _outlined(dialog.start)
    assert dialog.focusWidget() is dialog.title


def test_the_wheel_over_the_focused_weeks_changes_nothing(
    qtbot: QtBot,
    ctx: AppContext,  # the window's context installs the app-wide wheel rule
) -> None:
    dialog = _dialog(qtbot, NewProgrammeDialog(None, "Ana Ribeiro"))
    assert isinstance(dialog, NewProgrammeDialog)
    weeks = dialog.weeks.value()
    dialog.weeks.setFocus()
    qtbot.waitUntil(dialog.weeks.hasFocus)
    wheel(dialog.weeks, -1)
    wheel(dialog.weeks, 1)
    wheel(dialog.template, -1)
    assert dialog.weeks.value() == weeks
    assert dialog.template.currentIndex() == 0


def test_a_template_code_that_cannot_name_a_file_is_outlined(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, SaveTemplateDialog(None, "Return to run"))
    assert isinstance(dialog, SaveTemplateDialog)
    assert dialog.code.text() == "return_to_run"
    dialog.code.setText("Return to run!")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("Code 'Return to run!': use 2 to 64 lower-case")
    assert _outlined(dialog.code) and dialog.focusWidget() is dialog.code


def test_the_contact_dialog_outlines_the_missing_phone(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, ContactDialog(None, ClinicSettings(clinic_name="Riverside Physio")))
    assert isinstance(dialog, ContactDialog)
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert 'phone number (setting "phone") is not set' in dialog.error.text()
    assert _outlined(dialog.phone) and dialog.focusWidget() is dialog.phone
    qtbot.keyClicks(dialog.phone, "01234 567890")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value is not None and dialog.result_value.phone == "01234 567890"
