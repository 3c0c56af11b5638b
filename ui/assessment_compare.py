"""Re-assessment: each score then and now, and whether the change is big enough to matter.

The comparison and the minimal important change it is judged by are planner's
(:func:`planner.assessment.compare.compare`); this module lays them out in a table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.assessment.compare import Direction, ScoreChange
from planner.assessment.view import change_judgement
from ui.style import ERROR_COLOUR
from ui.table_models import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Score", "Before", "Now", "Change", "Direction", "Important change?", "Judged against")
DIRECTION_COLOUR = {Direction.BETTER: "#1b5e20", Direction.WORSE: ERROR_COLOUR}


def _n(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


class ScoreChangeModel(RowsTableModel[ScoreChange]):
    COLUMNS = COLUMNS

    def set_changes(self, changes: list[ScoreChange]) -> None:
        self.set_rows(changes)

    def change_at(self, row: int) -> ScoreChange:
        return self.row_at(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.row_for(index)
        if c is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            sign = "+" if c.change > 0 else ""
            return (
                c.label,
                _n(c.old),
                _n(c.new),
                f"{sign}{_n(c.change)}",
                c.direction.value,
                change_judgement(c),
                c.mic_rule,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Judged against: {c.mic_rule}"
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and c.direction in DIRECTION_COLOUR:
            return QColor(DIRECTION_COLOUR[c.direction])
        if role == Qt.ItemDataRole.FontRole and col == 5 and c.important:
            font = QFont()
            font.setBold(True)
            return font
        return None


class CompareDialog(QDialog):
    def __init__(
        self, changes: list[ScoreChange], before: date, after: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare with previous assessment")
        self.resize(1100, 380)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"From {before.strftime('%d %b %Y')} to {after.strftime('%d %b %Y')}. A change counts "
            "as important once it reaches the instrument's minimal important change; smaller "
            "changes are within the measurement noise."
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.model = ScoreChangeModel(self)
        self.model.set_changes(changes)
        self.table = QTableView()
        self.table.setAccessibleName("Score changes")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        if not changes:
            layout.addWidget(
                QLabel("No score was recorded in both assessments, so there is nothing to compare.")
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
