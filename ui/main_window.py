"""The main window: the client list on the left, the open client on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.records import Client
from planner.services import Services
from planner.store.database import describe
from ui.clients import ClientDialog, ClientListModel

SEARCH_DELAY_MS = 120


class ClientPane(QWidget):
    """The open client's summary; later issues add History, Assessment, Programme tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel("No client open")
        self.title.setStyleSheet("font-size: 20px; font-weight: 600")
        self.title.setAccessibleName("Open client")
        self.summary = QLabel("Pick a client on the left, or add a new one.")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.summary, 1)

    def show_client(self, client: Client | None) -> None:
        if client is None:
            self.title.setText("No client open")
            self.summary.setText("Pick a client on the left, or add a new one.")
            return
        self.title.setText(client.name)
        born = client.birth_date.strftime("%d %B %Y") if client.birth_date else "not recorded"
        lines = [f"Born: {born}", f"Sex: {client.sex or 'not recorded'}"]
        if client.phone:
            lines.append(f"Phone: {client.phone}")
        if client.notes:
            lines += ["", client.notes]
        self.summary.setText("\n".join(lines))


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle("Physio Planner")
        self.resize(1100, 700)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clients")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search clients")
        self.model = ClientListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Clients")
        self.new_button = QPushButton("&New client")
        self.new_button.setAccessibleName("New client")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        self.client_pane = ClientPane()
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.client_pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 800])
        self.setCentralWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_clients)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh_clients)
        self.new_button.clicked.connect(self.new_client)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        new_action = QAction("New client", self, shortcut=QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.new_client)
        find_action = QAction("Find client", self, shortcut=QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.search.setFocus)
        self.addActions([new_action, find_action])

        self.statusBar().showMessage(f"Data: {describe(services.db.url)}")
        self.refresh_clients()
        recent = services.clients.recent(1)
        if recent:
            self.select_client(recent[0].id)

    def refresh_clients(self) -> None:
        try:
            clients = self.services.clients.search(self.search.text())
        except PlannerError as exc:
            self.statusBar().showMessage(str(exc))
            return
        current = self.current_client()
        self.model.set_clients(clients)
        if current is not None:
            self.select_client(current.id)

    def current_client(self) -> Client | None:
        index = self.list.currentIndex()
        return self.model.client_at(index.row()) if index.isValid() else None

    def select_client(self, client_id: int) -> None:
        row = self.model.row_of(client_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.client_pane.show_client(
            self.model.client_at(current.row()) if current.isValid() else None
        )

    def new_client(self) -> None:
        details = ClientDialog.ask(self)
        if details is None:
            return
        try:
            client = self.services.clients.create(details)
        except PlannerError as exc:
            QMessageBox.warning(self, "Physio Planner", str(exc))
            return
        self.search.clear()
        self.refresh_clients()
        self.select_client(client.id)
        self.statusBar().showMessage(f"Saved new client {client.name}", 5000)
