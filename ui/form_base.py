"""What every form dialog shares: a problems line under the form with the input it is about
outlined and focused, Save and Cancel, Enter that never presses a button by surprise, and
``ask`` that returns what was typed or None. (The wheel never changes a value in any dialog:
ui.wheel's filter is app-wide.)

A dialog says how to read its fields (:meth:`FormDialog.read`), raising
:class:`FormProblem` (or pydantic's ValidationError) with the words to show; the base keeps
the dialog open and shows them under the form, so every dialog refuses bad input the same way.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

T = TypeVar("T")
ERROR_COLOUR = "#b00020"


class FormProblem(ValueError):
    """Input the dialog cannot take, in the words shown under the form; ``field`` is the input
    it is about, outlined and given the focus so the fix starts there."""

    def __init__(self, text: str, field: QWidget | None = None) -> None:
        super().__init__(text)
        self.field = field


# Inputs a problem is about wear this outline (the property ``invalid`` set by outline()).
INVALID_STYLE = (
    'QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"], '
    f'QListView[invalid="true"], QAbstractSpinBox[invalid="true"] '
    f"{{ border: 2px solid {ERROR_COLOUR}; }}"
)


def outline(widget: QWidget, on: bool) -> None:
    """Outline ``widget`` as the input a problem is about (or take the outline off)."""
    widget.setProperty("invalid", "true" if on else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def problems_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600")
    label.setAccessibleName("Problems")
    return label


def rows(form: QFormLayout, *fields: tuple[str, QWidget]) -> None:
    """A label and its input per row; the label's Alt+letter moves to the input, and the
    label reads plainly (no "&")."""
    for text, widget in fields:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)


def no_enter(dialog: QDialog) -> None:
    """Enter in a field presses no button of the dialog (a dialog makes each one a default)."""
    for b in dialog.findChildren(QPushButton):
        b.setAutoDefault(False)
        b.setDefault(False)


class FormDialog(QDialog, Generic[T]):
    def __init__(
        self,
        parent: QWidget | None = None,
        buttons: QDialogButtonBox.StandardButton = (
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        ),
    ) -> None:
        super().__init__(parent)
        self.result_value: T | None = None
        self.marked: QWidget | None = None
        self.setStyleSheet(INVALID_STYLE)
        self.error = problems_label()
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)

    def read(self) -> T:
        """What the fields hold, or FormProblem / ValidationError saying what is wrong."""
        raise NotImplementedError

    def describe(self, exc: ValidationError) -> str:
        """A validation problem in the dialog's words (dialogs name their own fields)."""
        first = exc.errors()[0]
        return str(first["msg"]).removeprefix("Value error, ")

    def field_for(self, exc: ValidationError) -> QWidget | None:
        """The input a validation problem is about (dialogs that know say so)."""
        return None

    def fail(self, text: str, field: QWidget | None = None) -> None:
        """Say what is wrong under the form, and outline and focus the input it is about."""
        self.error.setText(text)
        if self.marked is not None:
            outline(self.marked, False)
            self.marked.setToolTip("")
        self.marked = field
        if field is not None:
            outline(field, True)
            field.setToolTip(text)
            field.setFocus()

    def _try_accept(self) -> None:
        try:
            self.result_value = self.read()
        except FormProblem as exc:
            self.fail(str(exc), exc.field)
            return
        except ValidationError as exc:
            self.fail(self.describe(exc), self.field_for(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, *args: Any) -> T | None:
        """Show the dialog; what was typed, or None if cancelled (tests replace this)."""
        dialog = cls(parent, *args)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
