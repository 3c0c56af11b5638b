"""The first handout of a new clinic: ask for the clinic's name and phone number.

A home programme sends the client to the clinic's phone when pain or a warning sign appears,
so planner refuses to print one without it (:func:`planner.documents.contact_problem`). Rather
than fail, the Documents tab asks once here and saves the answer in the clinic's settings,
which every workstation shares.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.documents import contact_problem
from planner.settings import ClinicSettings
from ui.form_base import FormDialog, FormProblem, rows


class ContactDialog(FormDialog[ClinicSettings]):
    """The clinic's name and phone; ``ask(parent, settings)`` returns the settings with them."""

    def __init__(self, parent: QWidget | None, settings: ClinicSettings) -> None:
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
        form = QFormLayout()
        rows(form, ("Clinic &name", self.clinic_name), ("&Phone", self.phone))
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

    def read(self) -> ClinicSettings:
        settings = self.values()
        problem = contact_problem(settings)
        if problem is not None:
            raise FormProblem(problem[0].upper() + problem[1:], self.phone)
        return settings
