"""The client list: a Qt model over planner's client search, and the new-client dialog."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from planner.records import Client, ClientDetails
from ui.assessment_inputs import DateInput, ParseError
from ui.form_base import FormDialog, FormProblem, rows

ClientRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class ClientListModel(QAbstractListModel):
    """Rows are the clients planner's search returned; the view never filters on its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clients: list[Client] = []

    def set_clients(self, clients: list[Client]) -> None:
        self.beginResetModel()
        self._clients = list(clients)
        self.endResetModel()

    def client_at(self, row: int) -> Client:
        return self._clients[row]

    def row_of(self, client_id: int) -> int | None:
        for n, c in enumerate(self._clients):
            if c.id == client_id:
                return n
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clients)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clients):
            return None
        client = self._clients[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return client.name
        if role == Qt.ItemDataRole.ToolTipRole:
            born = client.birth_date.strftime("%d %b %Y") if client.birth_date else "unknown"
            return f"{client.name}\nBorn: {born}"
        if role == ClientRole:
            return client
        return None


def friendly_error(exc: ValidationError) -> str:
    """The first problem, in words for a receptionist rather than a programmer."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "details"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "string_too_short":
        message = "is needed"
    elif first["type"] == "string_too_long":
        message = "is too long"
    return f"{field.replace('_', ' ').capitalize()}: {message}"


class ClientDialog(FormDialog[ClientDetails]):
    """Details of a new (or edited) client, validated by planner before the dialog closes."""

    def __init__(self, parent: QWidget | None = None, client: ClientDetails | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Client details" if client else "New client")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setAccessibleName("Client name")
        # Typed as the locale writes dates (or ISO); blank when not known.
        self.birth = DateInput("Birth date", optional=True)
        self.sex = QComboBox()
        self.sex.addItems(["unspecified", "female", "male", "other"])
        self.sex.setAccessibleName("Sex")
        self.phone = QLineEdit()
        self.phone.setAccessibleName("Phone")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("History in a few lines: running, pain, what helps")
        rows(form, ("&Name", self.name), ("&Birth date", self.birth), ("&Sex", self.sex),
             ("&Phone", self.phone), ("N&otes", self.notes))  # fmt: skip
        form.addRow(self.error)
        form.addRow(self.buttons)
        if client:
            self.name.setText(client.name)
            self.birth.set_value(client.birth_date)
            self.sex.setCurrentText(client.sex or "unspecified")
            self.phone.setText(client.phone or "")
            self.notes.setPlainText(client.notes)

    def details(self) -> ClientDetails:
        born = self.birth.value()
        if born is not None and born > date.today():
            raise FormProblem(
                f"Birth date: {self.birth.text().strip()} is in the future", self.birth
            )
        return ClientDetails(
            name=self.name.text(),
            birth_date=born,
            sex=self.sex.currentText(),  # type: ignore[arg-type]
            phone=self.phone.text().strip() or None,
            notes=self.notes.toPlainText(),
        )

    def read(self) -> ClientDetails:
        try:
            return self.details()
        except ParseError as exc:
            text = str(exc)
            raise FormProblem(
                text if text.startswith("Birth date") else f"Birth date: {text}", self.birth
            ) from None

    def describe(self, exc: ValidationError) -> str:
        return friendly_error(exc)

    def field_for(self, exc: ValidationError) -> QWidget | None:
        loc = exc.errors()[0]["loc"]
        fields = {"name": self.name, "birth_date": self.birth, "sex": self.sex}
        return fields.get(str(loc[0])) if loc else None

    @property
    def result_details(self) -> ClientDetails | None:
        return self.result_value

    @classmethod
    def ask(  # type: ignore[override]
        cls, parent: QWidget | None = None, client: ClientDetails | None = None
    ) -> ClientDetails | None:
        """Show the dialog; the details typed, or None if cancelled (tests replace this)."""
        dialog = cls(parent, client)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
