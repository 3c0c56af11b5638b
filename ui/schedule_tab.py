"""The Schedule tab: the open programme week by week, and what the client logged.

The schedule is :func:`planner.programme.schedule.materialise` of the stored programme and its
session logs, worked out with the context's runner so a long programme never freezes the
window. Logging a session stores it through planner's services; the schedule is then worked out
again, so a progression held back by pain shows up at once with planner's reason.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from planner.policy import ClinicPolicy
from planner.programme.edits import explain, field_bounds
from planner.programme.model import Programme, SessionLog, SessionStatus
from planner.programme.schedule import Schedule, ScheduleDay, ScheduledItem, materialise
from planner.programme.text import pain_rule
from planner.records import Client
from ui import conflict
from ui.context import AppContext
from ui.schedule_models import (
    STATUS_WORDS,
    ProgressionTableModel,
    WeekModel,
    WrapDelegate,
    day_title,
)
from ui.style import ERROR_COLOUR
from ui.widgets import ValueCombo

NOT_RECORDED = "not recorded"


def _score_spin(name: str, field: str) -> QSpinBox:
    """The score's range from the session log model, one step below it meaning "not recorded"."""
    low, high = (int(v) for v in field_bounds(SessionLog, field))
    top = high
    spin = QSpinBox()
    spin.setRange(low - 1, top)
    spin.setSpecialValueText(NOT_RECORDED)
    spin.setValue(low - 1)
    spin.setSuffix(f" / {top}")
    spin.setAccessibleName(name)
    return spin


def parse_reps(text: str, what: str) -> list[int]:
    """'12, 12, 10' (or spaces or slashes between) as whole numbers of reps per set."""
    parts = [p for p in re.split(r"[,\s/;]+", text.strip()) if p]
    out = []
    for part in parts:
        if not part.isdigit():
            raise ValueError(f"{what}: '{part}' is not a whole number of reps")
        out.append(int(part))
    return out


class LogForm(QGroupBox):
    """How one exercise went on one day: done or not, pain, effort, reps per set, a note."""

    recorded = Signal(object)  # SessionLog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Log a session", parent)
        self.day: dt.date | None = None
        self.item: ScheduledItem | None = None
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.what.setStyleSheet("font-weight: 600")
        self.status = ValueCombo()
        self.status.setAccessibleName("How the session went")
        for status, label in STATUS_WORDS.items():
            self.status.add(label, status)
        self.pain_during = _score_spin("Pain during exercise, 0 to 10", "pain_during")
        self.pain_morning = _score_spin("Pain the next morning, 0 to 10", "pain_next_morning")
        self.rpe = _score_spin("Effort, RPE 0 to 10", "rpe")
        self.reps = QLineEdit()
        self.reps.setPlaceholderText("per set, e.g. 12, 12, 10")
        self.reps.setAccessibleName("Reps per set")
        self.reps_left = QLineEdit()
        self.reps_left.setPlaceholderText("left side, per set")
        self.reps_left.setAccessibleName("Reps per set, left side")
        self.reps_right = QLineEdit()
        self.reps_right.setPlaceholderText("right side, per set")
        self.reps_right.setAccessibleName("Reps per set, right side")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("What the client said, in a few words")
        # The rule the client was given, in the handout's words (planner's one wording).
        self.hint = QLabel("The client's pain rule: " + " ".join(pain_rule(running=True)))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setWordWrap(True)
        self.record_button = QPushButton("&Record")
        self.record_button.setAccessibleName("Record this session")
        self.record_button.setDefault(False)
        self.record_button.setAutoDefault(True)

        form = QFormLayout(self)
        form.addRow(self.what)
        form.addRow("&Status", self.status)
        form.addRow("&Pain during", self.pain_during)
        form.addRow("Pain next &morning", self.pain_morning)
        form.addRow("&Effort (RPE)", self.rpe)
        self._reps_label = QLabel("Re&ps per set")
        self._reps_label.setBuddy(self.reps)
        form.addRow(self._reps_label, self.reps)
        self._left_label = QLabel("&Left reps")
        self._left_label.setBuddy(self.reps_left)
        self._right_label = QLabel("Ri&ght reps")
        self._right_label.setBuddy(self.reps_right)
        form.addRow(self._left_label, self.reps_left)
        form.addRow(self._right_label, self.reps_right)
        form.addRow("&Note", self.note)
        form.addRow(self.hint)
        form.addRow(self.error)
        form.addRow(self.record_button)
        self.record_button.clicked.connect(self._record)
        for line in (self.reps, self.reps_left, self.reps_right, self.note):
            line.returnPressed.connect(self._record)
        self.show_entry(None, None, None)

    def show_entry(
        self, day: dt.date | None, item: ScheduledItem | None, log: SessionLog | None
    ) -> None:
        self.day, self.item = day, item
        self.error.clear()
        self.setEnabled(item is not None)
        if day is None or item is None:
            self.what.setText("Pick an exercise on a session day to log how it went.")
        else:
            self.what.setText(f"{item.name} on {day_title(day)}: {item.text}")
        per_side = bool(item and item.dosage.per_side)
        self.reps.setVisible(not per_side)
        self._reps_label.setVisible(not per_side)
        for w in (self.reps_left, self.reps_right, self._left_label, self._right_label):
            w.setVisible(per_side)
        self.status.set_value(log.status if log else SessionStatus.DONE)
        blank = self.pain_during.minimum()
        self.pain_during.setValue(log.pain_during if log and log.pain_during is not None else blank)
        self.pain_morning.setValue(
            log.pain_next_morning
            if log and log.pain_next_morning is not None
            else self.pain_morning.minimum()
        )
        self.rpe.setValue(log.rpe if log and log.rpe is not None else self.rpe.minimum())
        self.reps.setText(", ".join(map(str, log.reps)) if log else "")
        self.reps_left.setText(", ".join(map(str, log.reps_left)) if log else "")
        self.reps_right.setText(", ".join(map(str, log.reps_right)) if log else "")
        self.note.setText(log.note if log else "")

    def current_log(self) -> SessionLog:
        """The log as the form shows it (raises ValueError with the reason it cannot be)."""
        if self.day is None or self.item is None:
            raise ValueError("pick an exercise on a session day first")

        def score(spin: QSpinBox) -> int | None:
            return None if spin.value() == spin.minimum() else spin.value()

        per_side = self.item.dosage.per_side
        data: dict[str, Any] = {
            "date": self.day,
            "item": self.item.key,
            "status": self.status.value(),
            "pain_during": score(self.pain_during),
            "pain_next_morning": score(self.pain_morning),
            "rpe": score(self.rpe),
            "note": self.note.text(),
        }
        if per_side:
            data["reps_left"] = parse_reps(self.reps_left.text(), "Left reps")
            data["reps_right"] = parse_reps(self.reps_right.text(), "Right reps")
        else:
            data["reps"] = parse_reps(self.reps.text(), "Reps")
        try:
            return SessionLog(**data)
        except ValidationError as exc:
            raise ValueError(explain(exc)) from None

    def _record(self) -> None:
        try:
            log = self.current_log()
        except ValueError as exc:
            self.error.setText(f"Not recorded: {exc}")
            return
        self.error.clear()
        self.recorded.emit(log)


class ScheduleTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.client: Client | None = None
        self.programme_id: int | None = None
        self.programme: Programme | None = None
        self.schedule: Schedule | None = None
        self.logs: list[SessionLog] = []
        self._generation = 0
        self._dirty = False
        self._log_versions: dict[tuple[str, dt.date], int] = {}
        self._first_show = True

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600")
        self.title.setAccessibleName("Programme")
        self.previous = QPushButton("◀")
        self.previous.setAccessibleName("Previous week")
        self.previous.setToolTip("Previous week")
        self.previous.setFixedWidth(32)
        self.next = QPushButton("▶")
        self.next.setAccessibleName("Next week")
        self.next.setToolTip("Next week")
        self.next.setFixedWidth(32)
        self.week = QSpinBox()
        self.week.setPrefix("Week ")
        self.week.setRange(1, 1)
        self.week.setAccessibleName("Week")
        self.week.setKeyboardTracking(False)
        self.week_label = QLabel()
        self.week_label.setAccessibleName("Week shown")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Schedule messages")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        week_label = QLabel("&Week")
        week_label.setBuddy(self.week)
        top.addWidget(week_label)
        top.addWidget(self.previous)
        top.addWidget(self.week)
        top.addWidget(self.next)
        top.addWidget(self.week_label, 2)

        self.week_model = WeekModel(self)
        self.week_view = QTreeView()
        self.week_view.setModel(self.week_model)
        self.week_view.setAccessibleName("Sessions this week")
        self.week_view.setWordWrap(True)
        self.week_view.setUniformRowHeights(False)
        self.week_view.setAlternatingRowColors(True)
        self.week_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.week_view.setItemDelegate(WrapDelegate(self.week_view))
        self.week_view.header().setStretchLastSection(True)
        for col, width in enumerate((180, 210, 260)):
            self.week_view.setColumnWidth(col, width)
        self.week_view.header().sectionResized.connect(lambda *_a: self.week_view.doItemsLayout())
        self.log_form = LogForm()
        self.log_form.setMinimumWidth(260)

        self.table_model = ProgressionTableModel(self)
        self.overview = QTableView()
        self.overview.setModel(self.table_model)
        self.overview.setAccessibleName("Every week at a glance")
        self.overview.setWordWrap(True)
        self.overview.horizontalHeader().setDefaultSectionSize(150)
        self.overview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.overview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        overview_box = QWidget()
        ov = QVBoxLayout(overview_box)
        legend = QLabel(
            "Green: the dose changes that week. Amber: a planned step was held back. "
            "Red: the dose came down a step. Point at a cell for the reasons; double-click it "
            "to open that week."
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555")
        ov.addWidget(self.overview, 1)
        ov.addWidget(legend)

        week_box = QWidget()
        wb = QVBoxLayout(week_box)
        self.week_split = QSplitter()
        self.week_split.setObjectName("schedule_week_splitter")
        self.week_split.addWidget(self.week_view)
        self.week_split.addWidget(self.log_form)
        self.week_split.setStretchFactor(0, 3)
        self.week_split.setStretchFactor(1, 1)
        wb.addWidget(self.week_split)

        self.pages = QTabWidget()
        self.pages.setAccessibleName("Schedule views")
        self.pages.addTab(week_box, "Week by week")
        self.pages.addTab(overview_box, "All weeks at a glance")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        self.previous.clicked.connect(lambda: self.week.stepBy(-1))
        self.next.clicked.connect(lambda: self.week.stepBy(1))
        self.week.valueChanged.connect(self.show_week)
        self.week_view.selectionModel().currentChanged.connect(self._entry_changed)
        self.overview.doubleClicked.connect(self._open_week_of)
        self.log_form.recorded.connect(self.record)
        ctx.events.programme_opened.connect(self._programme_opened)
        ctx.events.changed.connect(self._changed)
        self._show_nothing("Open a client to see their schedule.")

    # -- which programme -------------------------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        if client is not None and self.client is not None and client.id == self.client.id:
            self.client = client
            return
        self.client = client
        target = None
        if client is not None:
            summaries = self.services.programmes.for_client(client.id)
            target = summaries[0].id if summaries else None
        self.open_programme(target)

    def _programme_opened(self, programme_id: int | None) -> None:
        if programme_id != self.programme_id:
            self.open_programme(programme_id)

    def _changed(self, changes: Changes) -> None:
        ours = changes.programme_id == self.programme_id
        # Settings: distances show in the clinic's unit.
        if changes.settings or (ours and (changes.programme or changes.logs)):
            self.refresh()

    def open_programme(self, programme_id: int | None) -> None:
        self.programme_id = programme_id
        self.schedule = None
        self.week.blockSignals(True)
        self.week.setValue(1)
        self.week.blockSignals(False)
        self._first_show = True
        self.refresh()

    # -- working out the schedule ------------------------------------------------------
    def refresh(self) -> None:
        """Load the programme and logs, then work the schedule out off the GUI thread."""
        if self.programme_id is None:
            self.programme = None
            self._show_nothing(
                "Open a client to see their schedule."
                if self.client is None
                else f"{self.client.name} has no programme yet: make one in the Programme tab."
            )
            return
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        try:
            programme, _stored = self.services.programmes.load(self.programme_id)
            logs = self.services.programmes.logs(self.programme_id)
            self._log_versions = self.services.programmes.log_versions(self.programme_id)
            catalogue = self.services.exercises.catalogue()
            policy = self.services.settings.policy()
        except (PlannerError, ValidationError) as exc:
            self._show_nothing(f"The programme could not be read: {exc}", error=True)
            return
        self._generation += 1
        generation = self._generation
        self.message.setStyleSheet("color: #555")
        self.message.setText("Working out the schedule...")
        self.ctx.runner.run(
            lambda _progress: _materialise(programme, catalogue, logs, policy),
            lambda schedule: self._computed(generation, programme, logs, schedule),
            lambda exc: self._failed(generation, exc),
        )

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._show_nothing(f"The schedule could not be worked out: {exc}", error=True)

    def _computed(
        self, generation: int, programme: Programme, logs: list[SessionLog], schedule: Schedule
    ) -> None:
        if generation != self._generation:
            return  # a newer edit is already being worked out
        self.programme, self.logs, self.schedule = programme, logs, schedule
        self.message.clear()
        self.title.setText(
            f"{programme.title} · {programme.total_weeks} weeks from "
            f"{programme.start:%a} {programme.start.day} {programme.start:%b %Y}"
        )
        self.table_model.set_schedule(schedule)
        self.overview.resizeRowsToContents()
        self.week.blockSignals(True)
        self.week.setRange(1, schedule.total_weeks)
        if self._first_show:
            self._first_show = False
            self.week.setValue(self._week_of(dt.date.today(), schedule))
        self.week.setEnabled(True)
        self.week.blockSignals(False)
        self.show_week(self.week.value())

    @staticmethod
    def _week_of(day: dt.date, schedule: Schedule) -> int:
        if schedule.start <= day <= schedule.end:
            return (day - schedule.start).days // 7 + 1
        return 1

    def _show_nothing(self, message: str, *, error: bool = False) -> None:
        self.schedule = None
        self.title.setText("")
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}" if error else "color: #555")
        self.message.setText(message)
        self.week_model.set_week(None, 1)
        self.table_model.set_schedule(None)
        self.week.setEnabled(False)
        self.previous.setEnabled(False)
        self.next.setEnabled(False)
        self.week_label.setText("")
        self.log_form.show_entry(None, None, None)

    # -- one week --------------------------------------------------------------------------
    def show_week(self, week: int) -> None:
        schedule, programme = self.schedule, self.programme
        if schedule is None or programme is None:
            return
        keep = self._current_entry()
        week = max(1, min(week, schedule.total_weeks))
        if self.week.value() != week:  # called directly: keep the selector showing this week
            self.week.blockSignals(True)
            self.week.setValue(week)
            self.week.blockSignals(False)
        self.week_model.set_week(schedule, week, self.logs)
        for row in range(self.week_model.rowCount()):
            self.week_view.setFirstColumnSpanned(row, QModelIndex(), True)
        self.week_view.expandAll()
        phase = programme.phase_of_week(week)
        first = schedule.start + dt.timedelta(days=7 * (week - 1))
        last = first + dt.timedelta(days=6)
        self.week_label.setText(
            f"Week {week} of {schedule.total_weeks}, phase '{programme.phases[phase - 1].name}'"
            f" · {first:%a} {first.day} {first:%b} to {last:%a} {last.day} {last:%b}"
        )
        self.previous.setEnabled(week > 1)
        self.next.setEnabled(week < schedule.total_weeks)
        self.table_model.set_current_week(week)
        index = self.week_model.find(*keep) if keep else self._today_entry()
        if index.isValid():
            self.week_view.setCurrentIndex(index)
        else:
            self.log_form.show_entry(None, None, None)

    def _today_entry(self) -> QModelIndex:
        """Today's first exercise when today is a session day of the week shown."""
        today = dt.date.today()
        for day in self.week_days():
            if day.date == today and day.items:
                return self.week_model.find(today, day.items[0].key)
        return QModelIndex()

    def _open_week_of(self, index: QModelIndex) -> None:
        self.week.setValue(index.column() + 1)
        self.pages.setCurrentIndex(0)

    def week_days(self) -> list[ScheduleDay]:
        return [self.week_model.day_at(r) for r in range(self.week_model.rowCount())]

    def _current_entry(self) -> tuple[dt.date, str] | None:
        found = self.week_model.entry(self.week_view.currentIndex())
        if found is None or found[1] is None:
            return None
        return found[0].date, found[1].key

    def select_entry(self, day: dt.date, key: str) -> bool:
        index = self.week_model.find(day, key)
        if index.isValid():
            self.week_view.setCurrentIndex(index)
        return index.isValid()

    def _entry_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        found = self.week_model.entry(current)
        if found is None or found[1] is None:
            self.log_form.show_entry(None, None, None)
            return
        day, item = found
        self.log_form.show_entry(day.date, item, self.week_model.log_for(day.date, item.key))

    # -- logging ---------------------------------------------------------------------------
    def record(self, log: SessionLog) -> None:
        if self.programme_id is None:
            return
        key = (log.item, log.date)
        try:
            version = self.services.programmes.record_log(
                self.programme_id, log, self._log_versions.get(key, 0)
            )
        except ConflictError as exc:
            self.log_form.error.setText(f"Not recorded: {exc}")
            if conflict.offer_reload(self, "this session log", str(exc)):
                self.refresh()
            return
        except PlannerError as exc:
            self.log_form.error.setText(f"Not recorded: {exc}")
            return
        self._log_versions[key] = version
        self.ctx.events.status.emit("Saved")
        self.ctx.announce(Changes(programme_id=self.programme_id, logs=True))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()


def _materialise(
    programme: Programme, catalogue: Catalogue, logs: list[SessionLog], policy: ClinicPolicy
) -> Schedule:
    return materialise(programme, catalogue, logs, policy=policy)
