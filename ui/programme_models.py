"""Qt models over one programme: its ordered items and its phases.

They only show what the :class:`~planner.programme.model.Programme` holds, in planner's words
(:func:`planner.programme.text.dosage_text`); edits leave through callbacks so the tab can make
each one an undoable, saved step. When an edit keeps the same rows, the models report changed
cells instead of resetting, so an open editor or the selection survives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from exercise_library.catalogue import Catalogue
from planner.programme.edits import ordered
from planner.programme.model import Item, Programme, Weekday
from planner.programme.text import dosage_text
from planner.units import DistanceUnit
from ui.library_model import EXERCISE_MIME, decode_codes
from ui.style import ERROR_COLOUR

ITEM_MIME = "application/x-physio-planner-items"
KeyRole = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex


def days_text(days: list[Weekday]) -> str:
    if len(days) == len(Weekday):
        return "Every day"
    return " ".join(d.label[:3] for d in sorted(days, key=lambda d: d.index))


def span_text(item: Item, programme: Programme) -> str:
    if item.phases is None:
        return "All"
    first, last = item.phases.first, item.phases.last
    if first == last:
        return f"{first}: {programme.phases[first - 1].name}"
    return f"{first}–{last}"


class ItemsModel(QAbstractTableModel):
    """One row per exercise in programme order; drag rows to reorder, drop exercises to add."""

    HEADERS = ("#", "Exercise", "Dose", "Days", "Phases", "Why it is here")
    move_requested = Signal(list, int)  # item keys, row to insert before
    add_requested = Signal(list, int)  # exercise codes, row to insert before

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.programme: Programme | None = None
        self.catalogue: Catalogue | None = None
        self.distance_unit: DistanceUnit = "km"  # the clinic's, for distances in dose text
        self._items: list[Item] = []
        # Why planner says an item is no longer safe for this client, by item key.
        self.unsafe: dict[str, str] = {}

    def set_programme(
        self,
        programme: Programme | None,
        catalogue: Catalogue | None,
        unsafe: dict[str, str] | None = None,
    ) -> None:
        self.unsafe = dict(unsafe or {})
        items = ordered(programme) if programme is not None else []
        same_rows = [i.key for i in items] == [i.key for i in self._items]
        if same_rows and items:
            self.programme, self.catalogue, self._items = programme, catalogue, items
            last = self.index(len(items) - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.programme, self.catalogue, self._items = programme, catalogue, items
        self.endResetModel()

    def set_distance_unit(self, unit: DistanceUnit) -> None:
        if unit != self.distance_unit:
            self.distance_unit = unit
            if self._items:
                last = self.index(len(self._items) - 1, len(self.HEADERS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def row_of(self, key: str) -> int | None:
        return next((n for n, i in enumerate(self._items) if i.key == key), None)

    def name_of(self, item: Item) -> str:
        ex = self.catalogue.get(item.code) if self.catalogue is not None else None
        return ex.name if ex is not None else f"{item.code} (not in the library)"

    def dose_of(self, item: Item) -> str:
        ex = self.catalogue.get(item.code) if self.catalogue is not None else None
        return dosage_text(item.dosage, ex, distance_unit=self.distance_unit)

    # -- Qt ----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._items):
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            assert self.programme is not None
            values = (
                str(item.order),
                self.name_of(item),
                self.dose_of(item),
                days_text(item.days),
                span_text(item, self.programme),
                f"Not safe now: {self.unsafe[item.key]}"
                if item.key in self.unsafe
                else item.reason or item.notes,
            )
            text = values[col]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if col >= 2 and text else None
            return text
        if role == Qt.ItemDataRole.ForegroundRole and item.key in self.unsafe:
            return QBrush(QColor(ERROR_COLOUR))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 1:
            return f"{item.order}. {self.name_of(item)}: {self.dose_of(item)}"
        if role == KeyRole:
            return item.key
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    # -- drag and drop -----------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME, EXERCISE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(ITEM_MIME, "\n".join(self._items[r].key for r in rows).encode("utf-8"))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        # The tab moves the rows itself (keeping keys and logs); the view must not delete any.
        return Qt.DropAction.CopyAction

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        if data.hasFormat(ITEM_MIME):
            raw = bytes(data.data(ITEM_MIME).data()).decode("utf-8")
            keys = [k for k in raw.splitlines() if k]
            if keys:
                self.move_requested.emit(keys, row)
                return True
            return False
        codes = decode_codes(data)
        if codes:
            self.add_requested.emit(codes, row)
            return True
        return False


class PhasesModel(QAbstractTableModel):
    """The phases in order; name, weeks, focus and entry criteria are edited in place."""

    HEADERS = ("Phase", "Weeks", "Programme weeks", "Focus", "Entry criteria")
    FIELDS = ("name", "weeks", None, "focus", "entry_criteria")

    def __init__(
        self, on_edit: Callable[[int, str, Any], bool] | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.programme: Programme | None = None
        self.on_edit = on_edit

    def set_programme(self, programme: Programme | None) -> None:
        old = len(self.programme.phases) if self.programme is not None else 0
        new = len(programme.phases) if programme is not None else 0
        if old == new and new:
            self.programme = programme
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self.programme = programme
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.programme is None:
            return 0
        return len(self.programme.phases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.programme is None:
            return None
        if not 0 <= index.row() < len(self.programme.phases):
            return None
        phase = self.programme.phases[index.row()]
        first, last = self.programme.phase_weeks()[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            span = f"week {first}" if first == last else f"weeks {first}–{last}"
            values = (phase.name, str(phase.weeks), span, phase.focus, phase.entry_criteria)
            return values[col]
        if role == Qt.ItemDataRole.EditRole:
            values2: tuple[Any, ...] = (
                phase.name,
                phase.weeks,
                None,
                phase.focus,
                phase.entry_criteria,
            )
            return values2[col]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.FIELDS[index.column()] is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        field = self.FIELDS[index.column()]
        if field is None:
            return False
        if field == "weeks":
            try:
                value = int(value)
            except (TypeError, ValueError):
                return False
        return self.on_edit(index.row(), field, value)
