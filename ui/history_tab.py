"""The history tab (being built: see issue 8)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.records import Client
from ui.context import AppContext


class HistoryTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: Client | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("History"))

    def set_client(self, client: Client | None) -> None:
        self.client = client
