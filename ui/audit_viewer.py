"""The audit trail for administrators: who changed or opened which record, and whether the
chain of entries is still whole. Entries hold numbers and field names only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.records import AuditEntry
from ui.context import AppContext
from ui.style import ERROR_COLOUR
from ui.table_models import RowsTableModel

SHOWN = 2000


class AuditModel(RowsTableModel[AuditEntry]):
    COLUMNS = ("#", "When", "Who", "Workstation", "Action", "Record", "Client", "Fields")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        entry = self.row_for(index)
        if entry is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            entry.seq,
            entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            entry.clinician or "(not signed in)",
            entry.workstation,
            entry.action.replace("_", " "),
            f"{entry.entity} {entry.entity_id}",
            "" if entry.client_id is None else entry.client_id,
            ", ".join(entry.fields),
        )[index.column()]


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Audit trail")
        self.resize(1000, 560)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.client = QSpinBox()
        self.client.setRange(0, 2_000_000_000)
        self.client.setSpecialValueText("all clients")
        self.client.setAccessibleName("Client number")
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit entries")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton("Export as CSV...")
        close = QPushButton("Close")
        top = QHBoxLayout()
        top.addWidget(QLabel("Show entries for client"))
        top.addWidget(self.client)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.client.valueChanged.connect(lambda _v: self.reload())
        self.export_button.clicked.connect(self._choose_export)
        close.clicked.connect(self.accept)
        self.reload()

    def client_filter(self) -> int | None:
        return self.client.value() or None

    def reload(self) -> None:
        trail = self.ctx.services.audit_trail
        try:
            entries = trail.entries(client_id=self.client_filter(), limit=SHOWN)
            problems = trail.problems()
        except PlannerError as exc:
            self.status.setText(str(exc))
            self.model.set_rows([])
            self.export_button.setEnabled(False)
            return
        self.model.set_rows(entries)
        if problems:
            self.status.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600")
            self.status.setText(
                "The audit trail is broken: " + "; ".join(problems[:3]) + ". Someone changed "
                "or removed entries after they were written. Keep a copy and tell the clinic's "
                "administrator."
            )
        else:
            self.status.setStyleSheet("color: #1b5e20")
            shown = f"the newest {len(entries)}" if len(entries) == SHOWN else len(entries)
            self.status.setText(
                f"The chain of entries is whole: none was changed or removed. Showing {shown} "
                "entries, newest first. Entries hold record numbers and field names only."
            )

    def export_to(self, path: Path) -> int:
        count = self.ctx.services.audit_trail.export_csv(path, client_id=self.client_filter())
        self.ctx.events.status.emit(f"Wrote {count} audit entries to {path}")
        return count

    def _choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit trail", "audit.csv", "CSV (*.csv)"
        )
        if name:
            try:
                self.export_to(Path(name))
            except PlannerError as exc:
                self.status.setText(str(exc))
