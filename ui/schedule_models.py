"""Qt models over a materialised schedule: one week's session days, and every week at once.

Both read :class:`planner.programme.schedule.Schedule` as planner computed it: the dose text,
what changed that week and what was held back, with planner's reasons. Nothing here decides a
dose.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from planner.programme.model import SessionLog, SessionStatus
from planner.programme.schedule import (
    ItemWeek,
    ProgressionRow,
    Schedule,
    ScheduleDay,
    ScheduledItem,
)

_Index = QModelIndex | QPersistentModelIndex
CHANGED = QColor(226, 242, 228)
HELD = QColor(253, 238, 208)
STEPPED_BACK = QColor(250, 222, 222)
DayRole = Qt.ItemDataRole.UserRole + 20
KeyRole = Qt.ItemDataRole.UserRole + 21

STATUS_WORDS = {
    SessionStatus.DONE: "Done",
    SessionStatus.PARTIAL: "Partly done",
    SessionStatus.SKIPPED: "Skipped",
}


def day_title(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def week_notes(iw: ItemWeek | None) -> str:
    """What changed this week and, marked, what was held back and why (planner's words)."""
    if iw is None:
        return ""
    lines = list(iw.changes)
    lines += [f"Held back: {reason}" for reason in iw.held]
    return "\n".join(lines)


def log_text(log: SessionLog | None) -> str:
    """A logged session in a few words: 'Done, pain 2/10 (next morning 1/10), RPE 6'."""
    if log is None:
        return ""
    bits = [STATUS_WORDS[log.status]]
    if log.pain_during is not None:
        pain = f"pain {log.pain_during}/10"
        if log.pain_next_morning is not None:
            pain += f" (next morning {log.pain_next_morning}/10)"
        bits.append(pain)
    elif log.pain_next_morning is not None:
        bits.append(f"next morning {log.pain_next_morning}/10")
    if log.rpe is not None:
        bits.append(f"RPE {log.rpe}")
    reps = []
    if log.reps:
        reps.append("reps " + "/".join(map(str, log.reps)))
    if log.reps_left:
        reps.append("left " + "/".join(map(str, log.reps_left)))
    if log.reps_right:
        reps.append("right " + "/".join(map(str, log.reps_right)))
    bits.extend(reps)
    return ", ".join(bits)


class WeekModel(QAbstractItemModel):
    """The session days of one week, each with its exercises as children."""

    HEADERS = ("Exercise", "Dose this week", "What changed, what was held back", "Logged")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.schedule: Schedule | None = None
        self.week = 1
        self._days: list[ScheduleDay] = []
        self._logs: dict[tuple[dt.date, str], SessionLog] = {}

    def set_week(
        self, schedule: Schedule | None, week: int, logs: list[SessionLog] | None = None
    ) -> None:
        self.beginResetModel()
        self.schedule = schedule
        self.week = week
        self._logs = {(log.date, log.item): log for log in logs or []}
        self._days = (
            [d for d in schedule.days if d.week == week and (d.items or d.review)]
            if schedule is not None
            else []
        )
        self.endResetModel()

    def day_at(self, row: int) -> ScheduleDay:
        return self._days[row]

    def item_week(self, item: ScheduledItem) -> ItemWeek | None:
        return self.schedule.week_of(item.key, self.week) if self.schedule else None

    def log_for(self, day: dt.date, key: str) -> SessionLog | None:
        return self._logs.get((day, key))

    def entry(self, index: _Index) -> tuple[ScheduleDay, ScheduledItem | None] | None:
        """The day and (for a child row) the exercise an index points at."""
        if not index.isValid():
            return None
        parent_id = index.internalId()
        if parent_id == 0:
            return self._days[index.row()], None
        day = self._days[parent_id - 1]
        return day, day.items[index.row()]

    def find(self, day: dt.date, key: str) -> QModelIndex:
        for d_row, d in enumerate(self._days):
            if d.date != day:
                continue
            for i_row, item in enumerate(d.items):
                if item.key == key:
                    return self.index(i_row, 0, self.index(d_row, 0))
        return QModelIndex()

    # -- Qt tree ---------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        parent_id = child.internalId()
        if parent_id == 0:
            return QModelIndex()
        return self.createIndex(parent_id - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._days[parent.row()].items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.entry(index)
        if found is None:
            return None
        day, item = found
        col = index.column()
        if item is None:
            return self._day_data(day, col, role)
        iw = self.item_week(item)
        log = self.log_for(day.date, item.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (item.name, item.text, week_notes(iw), log_text(log))
            text = values[col]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text or None
            return text
        if role == Qt.ItemDataRole.BackgroundRole and iw is not None and col == 2:
            if iw.stepped_back:
                return QBrush(STEPPED_BACK)
            if iw.held:
                return QBrush(HELD)
            if iw.changes:
                return QBrush(CHANGED)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            held = f" Held back: {' '.join(iw.held)}" if iw and iw.held else ""
            return f"{item.name}: {item.text}.{held}"
        if role == DayRole:
            return day.date
        if role == KeyRole:
            return item.key
        return None

    def _day_data(self, day: ScheduleDay, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col != 0:
                return ""
            bits = [day_title(day.date)]
            n = len(day.items)
            bits.append(f"{n} exercise{'s' if n != 1 else ''}" if n else "no exercises")
            if day.review:
                bits.append("review with the therapist")
            if n:
                done = sum(1 for i in day.items if (day.date, i.key) in self._logs)
                bits.append(f"{done} of {n} logged")
            return " · ".join(bits)
        if role == Qt.ItemDataRole.FontRole and col == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == DayRole:
            return day.date
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ProgressionTableModel(QAbstractTableModel):
    """Every exercise (rows) across every programme week (columns), as planner printed it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.schedule: Schedule | None = None
        self._rows: list[ProgressionRow] = []
        self.current_week = 0

    def set_current_week(self, week: int) -> None:
        """The week open in the week view, shown in bold here (selection would hide colours)."""
        old, self.current_week = self.current_week, week
        for w in {old, week}:
            if self.schedule is not None and 1 <= w <= self.schedule.total_weeks:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, w - 1, w - 1)

    def set_schedule(self, schedule: Schedule | None) -> None:
        self.beginResetModel()
        self.schedule = schedule
        self._rows = schedule.progression_table() if schedule is not None else []
        self.endResetModel()

    def cell(self, row: int, week: int) -> ItemWeek | None:
        return self._rows[row].weeks[week - 1]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.schedule is None:
            return 0
        return self.schedule.total_weeks

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self._rows) and role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
            ):
                return self._rows[section].name
            return None
        if self.schedule is None or not 0 <= section < self.schedule.total_weeks:
            return None
        week = section + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Week {week}"
        if role == Qt.ItemDataRole.FontRole and week == self.current_week:
            font = QFont()
            font.setBold(True)
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            phase = self._phase_of(week)
            return f"Week {week}, phase '{phase}'" if phase else f"Week {week}"
        return None

    def _phase_of(self, week: int) -> str:
        if self.schedule is None:
            return ""
        for day in self.schedule.days:
            if day.week == week:
                return day.phase_name
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if self.schedule is None or not 0 <= index.column() < self.schedule.total_weeks:
            return None
        iw = self._rows[index.row()].weeks[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if iw is None:
                return "—"
            return iw.text if iw.name == self._rows[index.row()].name else f"{iw.name}: {iw.text}"
        if iw is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{iw.name}, week {iw.week}: {iw.text}"]
            lines += [f"Changed: {c}" for c in iw.changes]
            lines += [f"Held back: {h}" for h in iw.held]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole:
            if iw.stepped_back:
                return QBrush(STEPPED_BACK)
            if iw.held:
                return QBrush(HELD)
            if iw.changes:
                return QBrush(CHANGED)
        return None


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width.

    A tree view asks its delegate for row heights without telling it the column width, so
    long dose and reason texts would be cut off; this delegate measures them itself.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        base = super().sizeHint(option, index)
        if not index.parent().isValid() and self.view.isFirstColumnSpanned(
            index.row(), QModelIndex()
        ):
            return base
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            width -= self.view.indentation() * (2 if index.parent().isValid() else 1)
        text_rect = opt.fontMetrics.boundingRect(
            QRect(0, 0, max(40, width - 10), 100_000),
            int(Qt.TextFlag.TextWordWrap),
            opt.text,
        )
        return QSize(base.width(), max(base.height(), text_rect.height() + 6))
