"""The Programme tab's dialogs: a new programme, saving a template, and the yes/no questions
(each dialog offers a classmethod ``ask`` so tests replace one function, not a modal)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from planner.programme.model import (
    Phase,
)
from planner.programme.templates import Template
from ui.widgets import (
    ValueCombo,
    in_date_range,
    model_range,
    to_date,
    whole_spin,
)


class NewProgramme:
    """What the new-programme dialog returns."""

    def __init__(
        self,
        title: str,
        start: dt.date,
        weeks: int,
        template: Template | None = None,
        from_recommendation: bool = False,
    ) -> None:
        self.title = title
        self.start = start
        self.weeks = weeks
        self.from_recommendation = from_recommendation
        self.template = template


# A first programme's length before the therapist changes it: planner's review interval
# makes a natural first block (planner.programme.plan.REVIEW_EVERY_WEEKS).
def _default_weeks() -> int:
    from planner.programme.plan import REVIEW_EVERY_WEEKS

    return REVIEW_EVERY_WEEKS


# The new-programme dialog's choice of starting from the assessment's recommendation.
RECOMMENDED = "recommended"


class NewProgrammeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        client_name: str = "",
        templates: Sequence[Template] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New programme")
        self.result_value: NewProgramme | None = None
        self.title = QLineEdit(f"Home programme for {client_name}" if client_name else "")
        self.title.setAccessibleName("Programme title")
        self.start = in_date_range(QDateEdit(QDate.currentDate()))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setAccessibleName("First day")
        self.weeks = whole_spin(*model_range(Phase, "weeks"), "Weeks")
        self.weeks.setValue(_default_weeks())
        self.template = ValueCombo()
        self.template.setAccessibleName("Start from")
        self.template.add("An empty programme (one phase)", None)
        self.template.add("The recommendation for the latest assessment", RECOMMENDED)
        for t in templates:
            self.template.add(f"Template: {t.title} ({t.total_weeks} weeks)", t)
        self.template.currentIndexChanged.connect(
            lambda _i: self.weeks.setEnabled(not isinstance(self.template.value(), Template))
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&First day", self.start)
        form.addRow("&Weeks", self.weeks)
        form.addRow("Start &from", self.template)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _try_accept(self) -> None:
        title = self.title.text().strip()
        if not title:
            self.error.setText("Give the programme a title.")
            return
        chosen = self.template.value()
        self.result_value = NewProgramme(
            title,
            to_date(self.start.date()),
            self.weeks.value(),
            chosen if isinstance(chosen, Template) else None,
            from_recommendation=chosen == RECOMMENDED,
        )
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None = None,
        client_name: str = "",
        templates: Sequence[Template] = (),
    ) -> NewProgramme | None:
        dialog = cls(parent, client_name, templates)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class SaveTemplateDialog(QDialog):
    """Name a template made from the open programme."""

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as template")
        self.result_value: tuple[str, str, str] | None = None
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Template title")
        self.code = QLineEdit(_code_from(title))
        self.code.setAccessibleName("Template code")
        self.code.setToolTip("Lower-case letters, digits and underscores; names the file")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Template description")
        self.description.setPlaceholderText("Who it suits and how it builds up")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.title.textEdited.connect(lambda t: self.code.setText(_code_from(t)))
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Code", self.code)
        form.addRow("&Description", self.description)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _try_accept(self) -> None:
        code = self.code.text().strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]{1,63}", code):
            self.error.setText(
                f"Code '{code}': use 2 to 64 lower-case letters, digits or underscores, "
                "starting with a letter."
            )
            return
        if not self.title.text().strip():
            self.error.setText("Give the template a title.")
            return
        self.result_value = (code, self.title.text().strip(), self.description.toPlainText())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, title: str = "") -> tuple[str, str, str] | None:
        dialog = cls(parent, title)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def _code_from(title: str) -> str:
    code = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    if not code or not code[0].isalpha():
        code = "t_" + code
    return code[:64]


class Ask:
    """Yes/no questions and the conflict choice (tests replace these)."""

    @staticmethod
    def reload_after_conflict(parent: QWidget | None, message: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Changed on another workstation")
        box.setText("This programme was changed elsewhere since you opened it.")
        box.setInformativeText(message)
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(reload)
        box.exec()
        return box.clickedButton() is reload

    @staticmethod
    def confirm(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def tell(parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)
