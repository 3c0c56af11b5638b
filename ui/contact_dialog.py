"""The first handout of a new clinic: ask for the clinic's name and phone number.

A home programme sends the client to the clinic's phone when pain or a warning sign appears,
so planner refuses to print one without it (:func:`planner.documents.contact_problem`). Rather
than fail, the Documents tab asks once here and saves the answer in the clinic's settings,
which every workstation shares.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.documents import contact_problem
from planner.settings import ClinicSettings


class ContactDialog(QDialog):
    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your clinic's details")
        self.settings = settings
        intro = QLabel(
            "Every home programme tells the client whom to phone if something is wrong. "
            "Enter your clinic's name and phone number once; they are saved in Settings and "
            "printed on every handout."
        )
        intro.setWordWrap(True)
        self.clinic_name = QLineEdit(settings.clinic_name)
        self.clinic_name.setAccessibleName("Clinic name")
        self.phone = QLineEdit(settings.phone)
        self.phone.setAccessibleName("Phone")
        self.phone.setPlaceholderText("The number clients should call")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Clinic &name", self.clinic_name)
        form.addRow("&Phone", self.phone)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.phone.setFocus()

    def values(self) -> ClinicSettings:
        return self.settings.model_copy(
            update={
                "clinic_name": self.clinic_name.text().strip(),
                "phone": self.phone.text().strip(),
            }
        )

    def _accept(self) -> None:
        problem = contact_problem(self.values())
        if problem is not None:
            self.error.setText(problem[0].upper() + problem[1:])
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: ClinicSettings) -> ClinicSettings | None:
        """The settings with the name and phone typed in, or None if cancelled (tests replace
        this)."""
        dialog = cls(settings, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
