"""What every form dialog shares: a problems line under the form, Save and Cancel, Enter that
never presses a button by surprise, and ``ask`` that returns what was typed or None.

A dialog says how to read its fields (:meth:`FormDialog.read`), raising
:class:`FormProblem` (or pydantic's ValidationError) with the words to show; the base keeps
the dialog open and shows them under the form, so every dialog refuses bad input the same way.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

T = TypeVar("T")
ERROR_COLOUR = "#b00020"


class FormProblem(ValueError):
    """Input the dialog cannot take, in the words shown under the form."""


def problems_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600")
    label.setAccessibleName("Problems")
    return label


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

    def fail(self, text: str) -> None:
        self.error.setText(text)

    def _try_accept(self) -> None:
        try:
            self.result_value = self.read()
        except FormProblem as exc:
            self.fail(str(exc))
            return
        except ValidationError as exc:
            self.fail(self.describe(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, *args: Any) -> T | None:
        """Show the dialog; what was typed, or None if cancelled (tests replace this)."""
        dialog = cls(parent, *args)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
