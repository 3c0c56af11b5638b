"""The assessment form's content as plain data: for drafts, undo and redo, and the two
questions the tab asks about them.

What every field shows is kept by the field's accessible name (its text, its choice, its
tick), so an unfinished assessment comes back exactly as it was typed after a client switch, a
closed window or a crash, and undo steps back through what the therapist did. The draft also
carries every value that could be read, in the assessment file's shape, for planner.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_jsonable_python
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from planner.assessment.draft import AssessmentDraft, keep_valid
from ui.assessment_form import AssessmentForm

SCREENED_ON = "(red-flag screen date)"


def form_state(form: AssessmentForm) -> dict[str, Any]:
    """What each field shows now, by name; blank fields are left out."""
    out: dict[str, Any] = {}
    for w in form.inputs():
        name = w.accessibleName()
        if isinstance(w, QLineEdit) and w.text():
            out[name] = w.text()
        elif isinstance(w, QComboBox):
            out[name] = w.currentIndex()
        elif isinstance(w, QCheckBox) and w.isChecked():
            out[name] = True
        elif isinstance(w, QPlainTextEdit) and w.toPlainText():
            out[name] = w.toPlainText()
    if form.screened_on is not None:
        out[SCREENED_ON] = form.screened_on.isoformat()
    return out


def load_state(form: AssessmentForm, state: dict[str, Any]) -> None:
    """Show ``state`` (from :func:`form_state`); nothing counts as an edit."""
    from datetime import date

    form.clear()
    form._loading = True
    try:
        for w in form.inputs():
            value = state.get(w.accessibleName())
            if isinstance(w, QLineEdit):
                w.setText(str(value) if value is not None else "")
            elif isinstance(w, QComboBox) and isinstance(value, int):
                w.setCurrentIndex(value if 0 <= value < w.count() else 0)
            elif isinstance(w, QCheckBox):
                w.setChecked(value is True)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(str(value) if value is not None else "")
        screened = state.get(SCREENED_ON)
        form.screened_on = date.fromisoformat(screened) if isinstance(screened, str) else None
    finally:
        form._loading = False
    form._show_relevant()


def make_draft(form: AssessmentForm) -> AssessmentDraft:
    """The form as planner's draft: every value that is valid on its own, red flags first;
    the rest is listed in the draft with its problem (and kept as typed by :func:`form_state`)."""
    return keep_valid(to_jsonable_python(form.read().data))


def ask_about_draft(parent: QWidget, name: str) -> str:
    """Keep the draft, discard it, or go back to it: "keep", "discard" or "back"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unfinished assessment")
    name = name or "this client"
    box.setText(
        f"The assessment of {name} is not finished. It is kept as a draft, and its red "
        "flags already count. Keep the draft for later, discard it, or go back to it?"
    )
    keep = box.addButton("Keep draft", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton("Go back", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return "discard" if clicked is discard else "back" if clicked is back else "keep"


def ask_reload(parent: QWidget, message: str) -> bool:
    """Say what changed elsewhere and offer to load it; never overwrite."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed on another workstation")
    box.setText(message)
    reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Keep my screen (not saved)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.exec()
    return box.clickedButton() is reload


class FormEdit(QUndoCommand):
    """One change to the form, as the therapist made it; undo shows (and saves) the form as it
    was before it."""

    def __init__(self, tab: Any, before: dict[str, object], after: dict[str, object]):
        super().__init__("assessment change")
        self.tab, self.before, self.after = tab, before, after
        self._first = True

    def undo(self) -> None:
        self.tab.show_state(self.before)

    def redo(self) -> None:
        if self._first:
            self._first = False  # pushed after the change was already shown and saved
            return
        self.tab.show_state(self.after)
