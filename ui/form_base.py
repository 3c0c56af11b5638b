"""What every form dialog shares: a problems line under the form with the input it is about
outlined and focused, Save and Cancel, Enter that never presses a button by surprise, a wheel
that never changes a value, and ``ask`` that returns what was typed or None.

A dialog says how to read its fields (:meth:`FormDialog.read`), raising
:class:`FormProblem` (or pydantic's ValidationError) with the words to show, and may keep what
was read (:meth:`FormDialog.commit`), raising planner's errors; the base keeps the dialog open
and shows the problem under the form, so every dialog refuses bad input the same way. Which
input a problem is about comes from the error itself (a pydantic location, a FieldProblem's or
a PlannerError's ``field``, looked up in :attr:`FormDialog.fields`), never from its words.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayoutItem,
    QPushButton,
    QWidget,
)

from planner.errors import PlannerError
from planner.programme.edits import problem_field
from ui.style import ERROR_COLOUR
from ui.wheel import install_wheel_rule

T = TypeVar("T")


class FormProblem(ValueError):
    """Input the dialog cannot take, in the words shown under the form; ``field`` is the input
    it is about, outlined and given the focus so the fix starts there."""

    def __init__(self, text: str, field: QWidget | None = None) -> None:
        super().__init__(text)
        self.field = field


# Inputs a problem is about wear this outline (the property ``invalid`` set by outline()).
INVALID_STYLE = (
    'QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"], '
    'QListView[invalid="true"], QAbstractSpinBox[invalid="true"], QLabel[invalid="true"] '
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
    label reads plainly (no "&"), as the input's accessible name unless it has one."""
    for text, widget in fields:
        if not widget.accessibleName():
            widget.setAccessibleName(text.replace("&", ""))
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)


def _row_holding(form: QFormLayout, field: QWidget) -> int | None:
    """The row of ``form`` whose input is ``field`` or holds it (in a widget or a layout)."""
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            item = form.itemAt(row, role)
            if item is not None and _holds(item, field):
                return row
    return None


def _holds(item: QLayoutItem, field: QWidget) -> bool:
    widget = item.widget()
    if widget is not None:
        return widget is field or widget.isAncestorOf(field)
    layout = item.layout()
    return layout is not None and any(
        _holds(layout.itemAt(n), field) for n in range(layout.count())
    )


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
        install_wheel_rule()  # a form is scrolled past, never changed by the wheel
        self.result_value: T | None = None
        self.marked: QWidget | None = None
        self.inline: tuple[QFormLayout, QLabel] | None = None  # the problem under its field
        # Planner's field names (the first part of a dotted name) -> the input showing each.
        self.fields: dict[str, QWidget] = {}
        self.setStyleSheet(INVALID_STYLE)
        self.error = problems_label()
        self.buttons = QDialogButtonBox(buttons)
        accept = next(
            (b for b in self.buttons.buttons()
             if self.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole),
            None,
        )  # fmt: skip
        if accept is not None:
            accept.setToolTip(f"{accept.text().replace('&', '')} (Ctrl+Enter)")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)

    def read(self) -> T:
        """What the fields hold, or FormProblem / ValidationError saying what is wrong."""
        raise NotImplementedError

    def commit(self, value: T) -> None:
        """Keep what was read, for a dialog that saves it itself; FormProblem or a
        PlannerError keeps the dialog open with the problem shown."""

    def describe(self, exc: ValidationError) -> str:
        """A validation problem in the dialog's words (dialogs name their own fields)."""
        first = exc.errors()[0]
        return str(first["msg"]).removeprefix("Value error, ")

    def field_for(self, exc: ValidationError) -> QWidget | None:
        """The input a validation problem is about, from the error's own field name."""
        return self.field_named(problem_field(exc))

    def field_named(self, name: str | None) -> QWidget | None:
        """The input showing planner's (dotted) field ``name``, if this form has one."""
        return self.fields.get(name.split(".")[0]) if name else None

    def fail(self, text: str, field: QWidget | None = None) -> None:
        """Say what is wrong under the form and right under the input it is about, which is
        outlined and focused (in a tall dialog the first is far from the second)."""
        self.error.setText(text)
        if self.marked is not None:
            outline(self.marked, False)
            self.marked.setToolTip("")
        self._drop_inline()
        self.marked = field
        if field is not None:
            outline(field, True)
            field.setToolTip(text)
            field.setFocus()
            self._show_inline(field, text)

    def _show_inline(self, field: QWidget, text: str) -> None:
        """The problem as a row of its own under the field's row, where the field sits in a
        form layout of this dialog (others have only the line under the form)."""
        for form in self.findChildren(QFormLayout):
            row = _row_holding(form, field)
            if row is not None:
                label = problems_label()
                label.setAccessibleName("Problem with this field")
                label.setObjectName("inline_problem")
                label.setText(text)
                form.insertRow(row + 1, "", label)
                self.inline = (form, label)
                return

    def _drop_inline(self) -> None:
        if self.inline is not None:
            form, label = self.inline
            form.removeRow(label)
            self.inline = None

    def _try_accept(self) -> None:
        try:
            value = self.read()
            self.commit(value)
        except FormProblem as exc:
            self.fail(str(exc), exc.field)
            return
        except ValidationError as exc:
            self.fail(self.describe(exc), self.field_for(exc))
            return
        except PlannerError as exc:
            self.fail(str(exc), self.field_named(exc.field))
            return
        self.result_value = value
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        no_enter(self)  # after the button box has made its Save the default
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field presses nothing (it only ends the typing: a spin box takes its
        # value); on a button it presses that button; Ctrl+Enter saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            focused = self.focusWidget()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._try_accept()
            elif isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            return
        super().keyPressEvent(event)

    @classmethod
    def ask(cls, parent: QWidget | None = None, *args: Any) -> T | None:
        """Show the dialog; what was typed, or None if cancelled (tests replace this)."""
        dialog = cls(parent, *args)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
