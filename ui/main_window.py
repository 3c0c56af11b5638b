"""The main window: clients on the left, the open client's tabs on the right.

The window only arranges: each tab is its own module, every decision comes from planner's
services, and views learn about changes from :class:`ui.events.AppEvents`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from planner.records import Client
from planner.services import Services
from planner.store.database import describe
from ui.assessment_tab import AssessmentTab
from ui.clients import ClientDialog, ClientListModel
from ui.context import AppContext
from ui.documents_tab import DocumentsTab
from ui.history_tab import HistoryTab
from ui.privacy_actions import PrivacyActions
from ui.programme_tab import ProgrammeTab
from ui.red_flag_strip import RedFlagStrip
from ui.schedule_tab import ScheduleTab

SEARCH_DELAY_MS = 120
TAB_NAMES = ("History", "Assessment", "Programme", "Schedule", "Documents")


class ClientHeader(QWidget):
    """The open client's name and the few facts a therapist glances at."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        self.title = QLabel("No client open")
        self.title.setStyleSheet("font-size: 20px; font-weight: 600")
        self.title.setAccessibleName("Open client")
        self.summary = QLabel("Pick a client on the left, or add a new one (Ctrl+N).")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)

    def show_client(self, client: Client | None) -> None:
        if client is None:
            self.title.setText("No client open")
            self.summary.setText("Pick a client on the left, or add a new one (Ctrl+N).")
            return
        archived = "  (archived)" if client.archived else ""
        self.title.setText(client.name + archived)
        born = client.birth_date.strftime("%d %b %Y") if client.birth_date else "not recorded"
        facts = [f"Born {born}"]
        if client.phone:
            facts.append(client.phone)
        text = " · ".join(facts)
        if client.notes:
            text += "\n" + client.notes
        self.summary.setText(text)


class MainWindow(QMainWindow):
    def __init__(self, services: Services | AppContext) -> None:
        super().__init__()
        self.ctx = services if isinstance(services, AppContext) else AppContext(services)
        self.open_client: Client | None = None
        self.services = self.ctx.services
        self.setWindowTitle("Physio Planner")
        self._fit_screen()

        # -- left: clients ------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search clients (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search clients")
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setAccessibleName("Show archived clients")
        self.model = ClientListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Clients")
        self.recent_label = QLabel()
        self.recent_label.setWordWrap(True)
        self.recent_label.setStyleSheet("color: #555")
        self.new_button = QPushButton("&New client")
        self.new_button.setAccessibleName("New client")
        self.archive_button = QPushButton("Archive")
        self.archive_button.setAccessibleName("Archive or restore client")
        self.archive_button.setEnabled(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.show_archived)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.recent_label)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.archive_button)

        # -- right: the open client ---------------------------------------------------
        self.header = ClientHeader()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Client tabs")
        self.history_tab = HistoryTab(self.ctx)
        self.assessment_tab = AssessmentTab(self.ctx)
        self.programme_tab = ProgrammeTab(self.ctx)
        self.schedule_tab = ScheduleTab(self.ctx)
        self.documents_tab = DocumentsTab(self.ctx)
        self._tab_widgets = (
            self.history_tab,
            self.assessment_tab,
            self.programme_tab,
            self.schedule_tab,
            self.documents_tab,
        )
        for name, widget in zip(TAB_NAMES, self._tab_widgets, strict=True):
            self.tabs.addTab(widget, name)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        self.red_flags = RedFlagStrip()
        right_layout.addWidget(self.red_flags)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1000])
        self.setCentralWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_clients)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh_clients)
        self.show_archived.toggled.connect(lambda _on: self.refresh_clients())
        self.new_button.clicked.connect(self.new_client)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.doubleClicked.connect(lambda _i: self.edit_client())
        self.assessment_tab.edit_client.connect(self.edit_client)
        self.ctx.events.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.ctx.events.changed.connect(lambda c: self.refresh_clients() if c.client else None)
        self.ctx.events.changed.connect(self._red_flags_changed)

        self._build_menus()
        # Accounts, audit, backups and a client's records (before the first client opens, so
        # that opening is recorded too).
        self.privacy = PrivacyActions(self)
        self._db_label = QLabel(f"Data: {describe(self.services.db.url)}")
        self.statusBar().addPermanentWidget(self._db_label)
        self.refresh_clients()
        self._restore_state()
        # Compile the one-word search once while the therapist is still looking at the window,
        # so the first keystroke is as quick as the rest.
        QTimer.singleShot(300, self, lambda: self.services.clients.search("a", limit=1))

    # -- menus and shortcuts -----------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = QAction("&New client", self, shortcut=QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_client)
        self.find_action = QAction("&Find client", self, shortcut=QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.settings_action = QAction("&Settings...", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.clinic_exercises_action = QAction("Clinic e&xercises...", self)
        self.clinic_exercises_action.triggered.connect(self.open_clinic_exercises)
        file_menu.addActions([self.new_action, self.find_action])
        file_menu.addSeparator()
        documents = self.documents_tab
        for action, run in (
            (documents.print_action, documents.print_document),
            (documents.save_action, documents.save_pdf),
            (documents.export_action, documents.export_programme_file),
        ):
            action.triggered.connect(lambda _c=False, run=run: self._on_documents(run))
            file_menu.addAction(action)
            self.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.clinic_exercises_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.ctx.undo.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([self.undo_action, self.redo_action])

        client_menu = bar.addMenu("&Client")
        self.edit_client_action = QAction("&Edit details...", self)
        self.edit_client_action.triggered.connect(self.edit_client)
        self.new_assessment_action = QAction("New &assessment", self)
        self.new_assessment_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.new_assessment_action.triggered.connect(self._new_assessment)
        client_menu.addActions([self.edit_client_action, self.new_assessment_action])
        for n, name in enumerate(TAB_NAMES, start=1):
            act = QAction(f"Show {name}", self, shortcut=QKeySequence(f"Alt+{n}"))
            act.triggered.connect(lambda _c=False, i=n - 1: self.tabs.setCurrentIndex(i))
            client_menu.addAction(act)
        self.addActions([self.new_action, self.find_action, self.undo_action, self.redo_action])

    def _on_documents(self, run: Callable[[], None]) -> None:
        """Print, save or export from any tab: the Documents tab shows what happens."""
        self.tabs.setCurrentWidget(self.documents_tab)
        run()

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_clinic_exercises(self) -> None:
        from ui.clinic_exercises import ClinicExercisesDialog

        ClinicExercisesDialog.open_for(self.ctx, self)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _new_assessment(self) -> None:
        if self.current_client() is None:
            return
        self.tabs.setCurrentWidget(self.assessment_tab)
        start = getattr(self.assessment_tab, "new_assessment", None)
        if callable(start):
            start()

    # -- clients -----------------------------------------------------------------------
    def refresh_clients(self) -> None:
        try:
            clients = self.services.clients.search(
                self.search.text(), archived=self.show_archived.isChecked()
            )
            recent = self.services.clients.recent(3)
        except PlannerError as exc:
            self.statusBar().showMessage(str(exc))
            return
        current = self.open_client
        self.model.set_clients(clients)
        if recent and not self.search.text():
            self.recent_label.setText("Recent: " + ", ".join(c.name for c in recent))
        else:
            self.recent_label.setText("")
        if current is not None:
            if self.model.row_of(current.id) is not None:
                self.select_client(current.id)
            else:
                # Hidden by the search or by archiving: keep it open, with its newest record.
                try:
                    self.open_client = self.services.clients.get(current.id)
                except PlannerError:
                    self.open_client = None
                self._show_header(self.open_client)

    def _red_flags_changed(self, changes: Changes) -> None:
        # Red flags come from the client's assessments and drafts, judged under the clinic's
        # settings: a dose change or a session log cannot move them, so it costs no reads.
        client = self.open_client
        if client is None:
            return
        ours = changes.client_id in (None, client.id) and (changes.assessment or changes.client)
        if changes.settings or ours:
            self.red_flags.show_for(self.services, self.ctx.policy(), client.id)

    def _show_header(self, client: Client | None) -> None:
        self.header.show_client(client)
        self.red_flags.show_for(self.services, self.ctx.policy(), client.id if client else None)
        self.archive_button.setEnabled(client is not None)
        self.archive_button.setText("Restore" if client and client.archived else "Archive")

    def current_client(self) -> Client | None:
        """The client open in the tabs (it stays open while a search hides it in the list)."""
        return self.open_client

    def select_client(self, client_id: int) -> None:
        row = self.model.row_of(client_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return  # the list was filtered or reloaded: the open client stays open
        client = self.model.client_at(current.row())
        leaving = self.open_client
        if (
            leaving is not None
            and client.id != leaving.id
            and not self.assessment_tab.may_leave_draft()
        ):
            # Go back: the list shows the client whose draft is on screen again.
            QTimer.singleShot(0, self, lambda: self.select_client(leaving.id))
            return
        self.open_client = client
        self.ctx.forget_policy()  # another workstation may have changed the clinic's policy
        self._show_header(client)
        for tab in self._tab_widgets:
            tab.set_client(client)
        self.ctx.events.client_opened.emit(client)
        if client is not None:
            self.ctx.state().setValue("last_client", client.id)

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
        self.show_archived.setChecked(False)
        self.refresh_clients()
        self.select_client(client.id)
        self.statusBar().showMessage(f"Saved new client {client.name}", 5000)

    def edit_client(self) -> None:
        client = self.current_client()
        if client is None:
            return
        details = ClientDialog.ask(self, client.details)
        if details is None:
            return
        try:
            saved = self.services.clients.update(client.id, client.version, details)
        except ConflictError as exc:
            QMessageBox.warning(self, "Changed elsewhere", f"{exc}\n\nThe list will now reload.")
            self.refresh_clients()
            return
        except PlannerError as exc:
            QMessageBox.warning(self, "Physio Planner", str(exc))
            return
        self.refresh_clients()
        self.select_client(saved.id)
        self.header.show_client(saved)
        self.statusBar().showMessage("Saved", 4000)

    def toggle_archive(self) -> None:
        client = self.current_client()
        if client is None:
            return
        archiving = not client.archived
        verb = "Archive" if archiving else "Restore"
        question = (
            f"{verb} {client.name}?\n\nArchived clients leave the list but keep all their "
            "records; you can restore them with 'Show archived'."
            if archiving
            else f"Restore {client.name} to the client list?"
        )
        if not self.confirm(verb, question):
            return
        try:
            self.services.clients.set_archived(client.id, client.version, archiving)
        except PlannerError as exc:
            QMessageBox.warning(self, "Physio Planner", str(exc))
            self.refresh_clients()
            return
        self.refresh_clients()
        self.statusBar().showMessage(f"{verb}d {client.name}", 5000)

    def confirm(self, title: str, question: str) -> bool:
        """Ask yes/no (tests replace this)."""
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    # -- remembered state --------------------------------------------------------------
    def _fit_screen(self) -> None:
        """First start: fill the screen's free area (a remembered size replaces this)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        self.setGeometry(area)

    def _restore_state(self) -> None:
        state = self.ctx.state()
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        sizes = state.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        tab = state.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))
        last = state.value("last_client")
        target = int(last) if last is not None else None
        if target is None or self.model.row_of(target) is None:
            recent = self.services.clients.recent(1)
            target = recent[0].id if recent else None
        if target is not None:
            self.select_client(target)

    def save_state(self) -> None:
        state = self.ctx.state()
        state.setValue("window/geometry", self.saveGeometry())
        state.setValue("window/splitter", self.splitter.saveState())
        state.setValue("window/tab", self.tabs.currentIndex())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.assessment_tab.may_leave_draft():
            event.ignore()  # go back to the unfinished assessment
            return
        self.save_state()
        super().closeEvent(event)
