"""Small input widgets every editor shares: value combos, spin boxes bounded by planner's own
models, and dates between Qt and Python."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox, QWidget

from planner.dates import EARLIEST, LATEST
from planner.programme.edits import field_bounds


class ValueCombo(QComboBox):
    """A combo box that hands back the Python value of each entry.

    Qt item data would turn a StrEnum into a plain string (and None into nothing), so the
    values are kept here, in entry order.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []

    def add(self, label: str, value: Any) -> None:
        self._values.append(value)
        self.addItem(label)

    def value(self) -> Any:
        row = self.currentIndex()
        return self._values[row] if 0 <= row < len(self._values) else None

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


def upper_bound(model: type[BaseModel], name: str) -> int:
    return int(field_bounds(model, name)[1])


def model_range(model: type[BaseModel], name: str, low: int | None = None) -> tuple[int, int]:
    lo, hi = field_bounds(model, name)
    return (int(lo) if low is None else low), int(hi)


def whole_spin(lo: int, hi: int, name: str, blank: str | None = None) -> QSpinBox:
    """A spin box that reports only finished edits (Enter, focus out or an arrow step)."""
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setKeyboardTracking(False)
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


def decimal_spin(
    lo: float, hi: float, step: float, name: str, blank: str | None = None
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setDecimals(1)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(False)
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


def to_date(qd: QDate) -> dt.date:
    return dt.date(qd.year(), qd.month(), qd.day())


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def in_date_range(edit: QDateEdit) -> QDateEdit:
    """Keep a date picker to the dates the app works with (planner.dates)."""
    edit.setDateRange(to_qdate(EARLIEST), to_qdate(LATEST))
    return edit
