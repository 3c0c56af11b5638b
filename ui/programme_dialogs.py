"""The Programme tab's dialogs: a new programme, saving a template, and the yes/no questions
(each dialog offers a classmethod ``ask`` so tests replace one function, not a modal)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from planner.dates import out_of_range
from planner.programme.model import Phase
from planner.programme.templates import Template
from ui.assessment_inputs import DateInput, ParseError
from ui.form_base import FormDialog, FormProblem, rows
from ui.widgets import ValueCombo, model_range, whole_spin

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


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


class NewProgrammeDialog(FormDialog[NewProgramme]):
    def __init__(
        self,
        parent: QWidget | None = None,
        client_name: str = "",
        templates: Sequence[Template] = (),
    ) -> None:
        super().__init__(parent, OK_CANCEL)
        self.setWindowTitle("New programme")
        self.title = QLineEdit(f"Home programme for {client_name}" if client_name else "")
        self.title.setAccessibleName("Programme title")
        # Typed as the locale writes dates (or ISO), as every date in the window is.
        self.start = DateInput("First day")
        self.start.set_value(dt.date.today())
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
        form = QFormLayout(self)
        rows(form, ("&Title", self.title), ("&First day", self.start), ("&Weeks", self.weeks),
             ("Start &from", self.template))  # fmt: skip
        form.addRow(self.error)
        form.addRow(self.buttons)

    def read(self) -> NewProgramme:
        title = self.title.text().strip()
        if not title:
            raise FormProblem("Title: give the programme a title.", self.title)
        try:
            start = self.start.value()
        except ParseError as exc:
            raise FormProblem(f"First day: {exc}", self.start) from None
        assert start is not None  # the field is not optional
        problem = out_of_range(start)
        if problem is not None:
            raise FormProblem(f"First day: {problem}", self.start)
        chosen = self.template.value()
        return NewProgramme(
            title,
            start,
            self.weeks.value(),
            chosen if isinstance(chosen, Template) else None,
            from_recommendation=chosen == RECOMMENDED,
        )


class SaveTemplateDialog(FormDialog[tuple[str, str, str]]):
    """Name a template made from the open programme."""

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as template")
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Template title")
        self.code = QLineEdit(_code_from(title))
        self.code.setAccessibleName("Template code")
        self.code.setToolTip("Lower-case letters, digits and underscores; names the file")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Template description")
        self.description.setPlaceholderText("Who it suits and how it builds up")
        self.title.textEdited.connect(lambda t: self.code.setText(_code_from(t)))
        form = QFormLayout(self)
        rows(form, ("&Title", self.title), ("&Code", self.code),
             ("&Description", self.description))  # fmt: skip
        form.addRow(self.error)
        form.addRow(self.buttons)

    def read(self) -> tuple[str, str, str]:
        code = self.code.text().strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]{1,63}", code):
            raise FormProblem(
                f"Code '{code}': use 2 to 64 lower-case letters, digits or underscores, "
                "starting with a letter.",
                self.code,
            )
        if not self.title.text().strip():
            raise FormProblem("Title: give the template a title.", self.title)
        return (code, self.title.text().strip(), self.description.toPlainText())


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
