"""The programme, rule and contact dialogs behave as every form dialog does: dates typed the usual
way, a problem named under the form with its input outlined and focused, and a wheel that
never changes a value."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.programme.model import LoadUnit, ProgressField, ProgressionRule, RuleAction
from planner.settings import ClinicSettings
from tests.ui.builders import outlined, shown, wheel
from ui.assessment_inputs import format_date
from ui.contact_dialog import ContactDialog
from ui.context import AppContext
from ui.programme_dialogs import NewProgrammeDialog, SaveTemplateDialog
from ui.rule_dialog import RuleDialog

pytestmark = pytest.mark.gui


def _press(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()  # type: ignore[attr-defined]


def _dialog(qtbot: QtBot, dialog: QDialog) -> QDialog:
    return shown(qtbot, dialog)  # type: ignore[no-any-return]


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


def test_an_impossible_first_day_is_named_and_its_fieldoutlined(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, NewProgrammeDialog(None, "Ana Ribeiro"))
    assert isinstance(dialog, NewProgrammeDialog)
    typed = "2027-02-31"  # ISO is read whatever the locale
    dialog.start.setText(typed)
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith(f"First day: '{typed}' is not a real date")
    assert outlined(dialog.start) and dialog.focusWidget() is dialog.start
    assert not outlined(dialog.title)

    # Fixing it and emptying the title moves the outline to the title.
    dialog.start.setText("2027-02-28")
    dialog.title.clear()
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.error.text() == "Title: give the programme a title."
    assert outlined(dialog.title) and not outlined(dialog.start)
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


def test_a_template_code_that_cannot_name_a_file_isoutlined(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, SaveTemplateDialog(None, "Return to run"))
    assert isinstance(dialog, SaveTemplateDialog)
    assert dialog.code.text() == "return_to_run"
    dialog.code.setText("Return to run!")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("Code 'Return to run!': use 2 to 64 lower-case")
    assert outlined(dialog.code) and dialog.focusWidget() is dialog.code


def test_the_contact_dialog_outlines_the_missing_phone(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, ContactDialog(None, ClinicSettings(clinic_name="Riverside Physio")))
    assert isinstance(dialog, ContactDialog)
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert 'phone number (setting "phone") is not set' in dialog.error.text()
    assert outlined(dialog.phone) and dialog.focusWidget() is dialog.phone
    qtbot.keyClicks(dialog.phone, "01234 567890")
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value is not None and dialog.result_value.phone == "01234 567890"


# -- the progression rule dialog ----------------------------------------------------------


def test_the_wheel_over_the_rule_dialogs_focused_inputs_changes_nothing(qtbot: QtBot) -> None:
    # No window context here: the form base itself keeps the wheel off its values.
    rule = ProgressionRule(field=ProgressField.LOAD, step=2.5, cap=40, from_week=3, every_weeks=2)
    dialog = _dialog(qtbot, RuleDialog(None, rule, 3, LoadUnit.KG))
    assert isinstance(dialog, RuleDialog)
    for spin in (dialog.step, dialog.cap, dialog.from_week, dialog.every):
        before = spin.value()
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        wheel(spin, 1)
        wheel(spin, -1)
        wheel(spin, -1)
        assert spin.value() == before, spin.accessibleName()
    for combo in (dialog.action, dialog.field, dialog.condition):
        before = combo.currentIndex()
        combo.setFocus()
        qtbot.waitUntil(combo.hasFocus)
        wheel(combo, -1)
        assert combo.currentIndex() == before, combo.accessibleName()
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == rule


def test_a_rule_that_changes_nothing_is_named_beside_its_step(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, RuleDialog(None, None, 1))
    assert isinstance(dialog, RuleDialog)
    dialog.step.setValue(0)
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.result_value is None
    assert dialog.error.text() == "Step: a step or percent of 0 changes nothing"
    assert outlined(dialog.step) and dialog.focusWidget() is dialog.step
    assert dialog.step.toolTip() == dialog.error.text()

    # A percent of nothing moves the outline to the percent.
    dialog.by_percent.setChecked(True)
    dialog.percent.setValue(0)
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.error.text() == "Percent: a step or percent of 0 changes nothing"
    assert outlined(dialog.percent) and not outlined(dialog.step)
    assert dialog.focusWidget() is dialog.percent

    # Reps grow by whole numbers: planner names the step, the dialog outlines it.
    dialog.by_step.setChecked(True)
    dialog.field.set_value(ProgressField.REPS)
    dialog.step.setValue(1.5)
    _press(dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.error.text() == "Step: reps changes by whole numbers (got 1.5)"
    assert outlined(dialog.step) and not outlined(dialog.percent)
    assert dialog.result_value is None


def test_enter_in_the_rule_dialog_only_ends_the_typing(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, RuleDialog(None, None, 2))
    assert isinstance(dialog, RuleDialog)
    dialog.action.set_value(RuleAction.ADVANCE)
    dialog.from_week.setFocus()
    qtbot.waitUntil(dialog.from_week.hasFocus)
    dialog.from_week.selectAll()
    qtbot.keyClicks(dialog.from_week, "5")
    qtbot.keyClick(dialog.from_week, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_value is None  # Enter saved nothing
    assert dialog.from_week.value() == 5
    qtbot.keyClick(dialog.from_week, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == ProgressionRule(action=RuleAction.ADVANCE, from_week=5)
