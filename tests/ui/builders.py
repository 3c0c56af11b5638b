"""Small builders shared by UI tests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from exercise_library.catalogue import builtin_catalogue
from planner.programme.defaults import default_item
from planner.programme.model import Phase, Programme
from planner.services import Services


def runner_programme(services: Services, *codes: str) -> Programme:
    """A one-phase, four-week programme of the given exercises with default doses and rules."""
    catalogue = builtin_catalogue()
    return Programme(
        title="Home programme",
        client="Zoë Łukasiewicz",
        start=dt.date(2026, 1, 5),
        phases=[Phase(name="Settle", weeks=4)],
        items=[default_item(catalogue[c], n) for n, c in enumerate(codes, start=1)],
    )


def set_reps_rule(qtbot, tab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """In the Programme tab: replace the selected item's rules with 'reps +2 a week from week 2',
    typed into the real rule dialog (only its modal exec is skipped)."""
    from PySide6.QtCore import Qt

    from planner.programme.model import ProgressField
    from ui.rule_dialog import RuleDialog

    while tab.current_item() is not None and tab.current_item().rules:
        tab.rules.setCurrentRow(0)
        qtbot.mouseClick(tab.remove_rule_button, Qt.MouseButton.LeftButton)

    def fill_in(cls, parent=None, rule=None, phases=1, load_unit=None):  # type: ignore[no-untyped-def]
        dialog = RuleDialog(parent, rule, phases, load_unit)
        dialog.field.set_value(ProgressField.REPS)
        dialog.by_step.setChecked(True)
        dialog.step.setValue(2)
        dialog.from_week.setValue(2)
        dialog.every.setValue(1)
        dialog._try_accept()
        dialog.deleteLater()
        return dialog.result_rule

    monkeypatch.setattr(RuleDialog, "ask", classmethod(fill_in))
    qtbot.mouseClick(tab.add_rule_button, Qt.MouseButton.LeftButton)


def make_context(services: Services, tmp_path, runner=None):  # type: ignore[no-untyped-def]
    """The window's shared context on a real database: work runs at once (or on ``runner``),
    and window state goes to an ini file in the test's folder, never the user's."""
    from PySide6.QtCore import QSettings

    from ui.context import AppContext
    from ui.tasks import ImmediateRunner

    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    return AppContext(services, runner=runner or ImmediateRunner(), window_state=state)


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One real wheel turn over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def fill_new_lying_exercise(  # type: ignore[no-untyped-def]
    editor, qtbot, code: str, name: str, words: dict[str, str], target: str
) -> None:
    """In a new clinic exercise's editor: a Pilates mat exercise lying on the back, with its
    code, name, the client's words (purpose, steps, cues, mistakes; one per line) and the
    muscle it works, typed in."""
    from exercise_library.vocabulary import Equipment, Impact, Modality, Position, Target

    form = editor.form
    qtbot.keyClicks(form.code, code)
    qtbot.keyClicks(form.name, name)
    form.modality.set_value(Modality.PILATES)
    form.purpose.setPlainText(words["purpose"])
    for key in ("steps", "cues", "mistakes"):
        getattr(form, key).setPlainText(words[key])
    form.targets.check_model.set_checked(Target(target), True)
    form.equipment.check_model.set_checked(Equipment.MAT, True)
    form.position.set_value(Position.SUPINE)
    form.impact.set_value(Impact.NONE)


def save_editor(editor) -> None:  # type: ignore[no-untyped-def]
    """Press Save in a clinic exercise editor."""
    from PySide6.QtWidgets import QDialogButtonBox

    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    """``dialog`` on screen and active, as a person sees it (focus and outlines are real)."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def outlined(widget: QWidget) -> bool:
    """Whether ``widget`` wears the outline of the input a problem is about."""
    return widget.property("invalid") == "true"
