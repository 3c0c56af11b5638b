"""The Programme tab's header (title, status, start) and its Phases and Goals-and-reviews pages.

Like the Exercises page, each change is one call to the tab's ``edit``: planner's edit
functions renumber phases and keep item spans and rules consistent; these pages only show.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.programme.edits import (
    add_phase,
    add_review,
    remove_phase,
    remove_review,
    set_header,
    set_phase,
)
from planner.programme.model import Phase, Programme, ProgrammeStatus
from ui.programme_models import PhasesModel
from ui.widgets import ValueCombo, in_date_range, to_date, to_qdate

if TYPE_CHECKING:
    from ui.programme_tab import ProgrammeTab


def short_date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class CommitTextEdit(QPlainTextEdit):
    """A text box that reports its text when the therapist leaves it."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


class PhasesPage(QWidget):
    def __init__(self, host: ProgrammeTab) -> None:
        super().__init__()
        self.host = host
        self.phases_model = PhasesModel(self._phase_edited, self)
        self.phases = QTableView()
        self.phases.setModel(self.phases_model)
        self.phases.setAccessibleName("Phases")
        self.phases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.phases.setWordWrap(True)
        self.phases.verticalHeader().setVisible(False)
        head = self.phases.horizontalHeader()
        head.setStretchLastSection(True)
        for col in (1, 2):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.phases.setColumnWidth(0, 150)
        self.phases.setColumnWidth(3, 240)
        self.phases.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_phase_button = QPushButton("Add phase")
        self.remove_phase_button = QPushButton("Remove phase")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_phase_button)
        buttons.addWidget(self.remove_phase_button)
        buttons.addStretch(1)
        hint = QLabel(
            "Double-click a cell to change a phase's name, length, focus or entry criteria."
        )
        hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addWidget(self.phases, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.add_phase_button.clicked.connect(self.add_phase)
        self.remove_phase_button.clicked.connect(self.remove_phase)

    def show_programme(self, programme: Programme | None) -> None:
        self.phases_model.set_programme(programme)

    def _phase_edited(self, row: int, field: str, value: object) -> bool:
        if isinstance(value, str):
            value = value.strip()
        return self.host.edit(
            f"Change phase {row + 1}", lambda p: set_phase(p, row, **{field: value})
        )

    def add_phase(self) -> None:
        p = self.host.programme
        if p is None:
            return
        n = len(p.phases) + 1
        phase = Phase(name=f"Phase {n}", weeks=p.phases[-1].weeks)
        if self.host.edit(f"Add phase {n}", lambda prog: add_phase(prog, phase)):
            self.phases.selectRow(n - 1)

    def remove_phase(self) -> None:
        row = self.phases.currentIndex().row()
        p = self.host.programme
        if p is None or not 0 <= row < len(p.phases):
            return
        name = p.phases[row].name
        self.host.edit(f"Remove phase '{name}'", lambda prog: remove_phase(prog, row))


class DetailsPage(QWidget):
    """Goals, review dates and notes."""

    def __init__(self, host: ProgrammeTab) -> None:
        super().__init__()
        self.host = host
        self.goals = CommitTextEdit()
        self.goals.setAccessibleName("Goals, one per line")
        self.goals.setPlaceholderText("One goal per line, e.g. Run 10 km without pain")
        self.notes = CommitTextEdit()
        self.notes.setAccessibleName("Programme notes")
        self.reviews = QListWidget()
        self.reviews.setAccessibleName("Review dates")
        self.review_date = in_date_range(QDateEdit(QDate.currentDate()))
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("ddd d MMM yyyy")
        self.review_date.setAccessibleName("Review date to add")
        self.add_review_button = QPushButton("Add review")
        self.remove_review_button = QPushButton("Remove review")
        row = QHBoxLayout()
        row.addWidget(self.review_date)
        row.addWidget(self.add_review_button)
        row.addWidget(self.remove_review_button)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("&Goals", self.goals)
        form.addRow("Reviews", self.reviews)
        form.addRow("", row)
        form.addRow("N&otes", self.notes)
        self.goals.committed.connect(self._goals_edited)
        self.notes.committed.connect(self._notes_edited)
        self.add_review_button.clicked.connect(self._add_review)
        self.remove_review_button.clicked.connect(self._remove_review)

    def show_programme(self, p: Programme | None) -> None:
        if p is None:
            self.goals.clear()
            self.notes.clear()
            self.reviews.clear()
            return
        goals = "\n".join(p.goals)
        if self.goals.toPlainText() != goals:
            self.goals.setPlainText(goals)
        if self.notes.toPlainText() != p.notes:
            self.notes.setPlainText(p.notes)
        self.reviews.clear()
        for day in sorted(p.review_dates):
            entry = QListWidgetItem(short_date(day))
            entry.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            self.reviews.addItem(entry)

    def _goals_edited(self, text: str) -> None:
        goals = [line.strip() for line in text.splitlines() if line.strip()]
        p = self.host.programme
        if p is not None and goals != p.goals:
            self.host.edit("Change goals", lambda prog: set_header(prog, goals=goals))

    def _notes_edited(self, text: str) -> None:
        p = self.host.programme
        if p is not None and text.strip() != p.notes:
            self.host.edit("Change notes", lambda prog: set_header(prog, notes=text))

    def _add_review(self) -> None:
        day = to_date(self.review_date.date())
        self.host.edit(f"Add review on {short_date(day)}", lambda p: add_review(p, day))

    def _remove_review(self) -> None:
        entry = self.reviews.currentItem()
        if entry is None:
            return
        day = dt.date.fromisoformat(entry.data(Qt.ItemDataRole.UserRole))
        self.host.edit(f"Remove review on {short_date(day)}", lambda p: remove_review(p, day))


STATUS_LABELS = {
    ProgrammeStatus.DRAFT: "Draft",
    ProgrammeStatus.ACTIVE: "Active",
    ProgrammeStatus.FINISHED: "Finished",
}


class ProgrammeHeader(QWidget):
    """Title, status and first day of the open programme, and how long it runs."""

    def __init__(self, host: ProgrammeTab) -> None:
        super().__init__()
        self.host = host
        self.title = QLineEdit()
        self.title.setAccessibleName("Programme title")
        self.status = ValueCombo()
        self.status.setAccessibleName("Programme status")
        for status, label in STATUS_LABELS.items():
            self.status.add(label, status)
        self.start = in_date_range(QDateEdit())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setKeyboardTracking(False)
        self.start.setAccessibleName("First day of the programme")
        self.length = QLabel()
        self.length.setStyleSheet("color: #555")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for col, (text, widget, span) in enumerate(
            (("T&itle", self.title, 2), ("Stat&us", self.status, 1))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, col * 3)
            grid.addWidget(widget, 0, col * 3 + 1, 1, span)
        start_label = QLabel("&Starts")
        start_label.setBuddy(self.start)
        grid.addWidget(start_label, 1, 0)
        grid.addWidget(self.start, 1, 1)
        grid.addWidget(self.length, 1, 2, 1, 3)
        grid.setColumnStretch(2, 1)
        self.title.editingFinished.connect(self._title_edited)
        self.status.activated.connect(self._status_edited)
        self.start.dateChanged.connect(self._start_edited)

    def show_programme(self, p: Programme | None) -> None:
        if p is None:
            self.title.clear()
            self.length.clear()
            return
        for widget in (self.title, self.status, self.start):
            widget.blockSignals(True)
        try:
            if not self.title.hasFocus() or self.title.text() != p.title:
                self.title.setText(p.title)
            self.status.set_value(p.status)
            self.start.setDate(to_qdate(p.start))
        finally:
            for widget in (self.title, self.status, self.start):
                widget.blockSignals(False)
        self.length.setText(f"{p.total_weeks} weeks, to {short_date(p.end)}")

    def _title_edited(self) -> None:
        p = self.host.programme
        if p is not None and self.title.text().strip() != p.title:
            title = self.title.text()
            self.host.edit("Rename programme", lambda prog: set_header(prog, title=title))

    def _status_edited(self, _row: int) -> None:
        status = self.status.value()
        p = self.host.programme
        if p is not None and status != p.status:
            self.host.edit(
                f"Mark programme {STATUS_LABELS[status].lower()}",
                lambda prog: set_header(prog, status=status),
            )

    def _start_edited(self, qdate: QDate) -> None:
        day = to_date(qdate)
        p = self.host.programme
        if p is not None and day != p.start:
            self.host.edit("Change start date", lambda prog: set_header(prog, start=day))
