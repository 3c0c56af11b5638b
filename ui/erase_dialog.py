"""Erasing a client: planner's warning word for word, a typed confirmation, and the legal
reason when the records are younger than the clinic keeps them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import Services
from planner.services.privacy import LEGAL_REASONS, ErasePlan
from ui.style import ERROR_COLOUR


class EraseClientDialog(QDialog):
    def __init__(self, services: Services, plan: ErasePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plan = plan
        self.setWindowTitle("Erase client")
        self.setMinimumWidth(520)
        text = QLabel(plan.text())
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Legal reason")
        self.reason.addItem("Choose the legal reason...", None)
        for code, words in LEGAL_REASONS.items():
            self.reason.addItem(words, code)
        self.reason.setVisible(plan.needs_reason)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(plan.confirmation_word)
        self.typed.setAccessibleName("Type to confirm")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(
            "Erase for good", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (text, self.reason, self.typed, self.error, buttons):
            layout.addWidget(widget)
        self.typed.textChanged.connect(self._ready)
        self.reason.currentIndexChanged.connect(self._ready)
        self.erase_button.clicked.connect(self.erase)
        buttons.rejected.connect(self.reject)

    def _ready(self) -> None:
        typed = " ".join(self.typed.text().lower().split()) == self.plan.confirmation_word
        reason = not self.plan.needs_reason or self.reason.currentData() is not None
        self.erase_button.setEnabled(typed and reason)

    def erase(self) -> None:
        try:
            self.services.privacy.erase(
                self.plan.client_id, self.typed.text(), self.reason.currentData()
            )
        except PlannerError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
