"""What the main window does for privacy: records each opening of a client, offers the
accounts, audit, backup, export and erase actions, and says when views cannot be recorded or
when a shared database has no sign-in yet. Kept apart so the window itself only arranges."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox

from planner.errors import PlannerError
from planner.records import Client
from planner.store.backup import daily_backup, make_backup

if TYPE_CHECKING:
    from ui.main_window import MainWindow

READ_ONLY_NOTICE = "Read-only database: opening records is not being recorded"
SHARED_NOTICE = (
    "This database is shared by several workstations and nobody signs in: an administrator "
    "can turn sign-in on in File > Accounts and data safety."
)


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text() == title and action.menu() is not None:
            return action.menu()  # type: ignore[return-value]
    raise LookupError(title)


class PrivacyActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.services = window.ctx.services
        self.views_recorded = True
        self.notice = QLabel()
        self.notice.setStyleSheet("color: #8a4b00")
        self.notice.setVisible(False)
        window.statusBar().addWidget(self.notice, 1)
        self._build_actions()
        self.ctx.events.client_opened.connect(self.record_view)
        settings, _ = self.services.settings.get()
        if not self.services.db.is_sqlite and not settings.sign_in_required:
            self._notice(SHARED_NOTICE)

    # -- menus ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        file_menu = _menu(self.window, "&File")
        quit_action = file_menu.actions()[-1]
        self.accounts_action = QAction("&Accounts and data safety...", self.window)
        self.accounts_action.triggered.connect(self.open_accounts)
        self.audit_action = QAction("A&udit trail...", self.window)
        self.audit_action.triggered.connect(self.open_audit)
        self.backup_action = QAction("&Back up now", self.window)
        self.backup_action.triggered.connect(self.back_up_now)
        for action in (self.accounts_action, self.audit_action, self.backup_action):
            file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)

        client_menu = _menu(self.window, "&Client")
        client_menu.addSeparator()
        self.export_action = QAction("E&xport everything about this client...", self.window)
        self.export_action.triggered.connect(self.export_client)
        self.erase_action = QAction("E&rase client...", self.window)
        self.erase_action.triggered.connect(self.erase_client)
        client_menu.addActions([self.export_action, self.erase_action])

    def _notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- views ---------------------------------------------------------------------------
    def record_view(self, client: Client | None) -> None:
        """Each opening of a client's record goes into the audit trail."""
        if client is None or not self.views_recorded:
            return
        try:
            recorded = not getattr(self.services.db, "read_only", False) and (
                self.services.audit_trail.record_view(client.id)
            )
        except PlannerError as exc:
            self.ctx.events.status.emit(f"The view was not recorded: {exc}")
            return
        if not recorded:
            self.views_recorded = False
            self._notice(READ_ONLY_NOTICE)

    # -- dialogs -------------------------------------------------------------------------
    def open_accounts(self) -> None:
        from ui.accounts_dialog import AccountsDialog

        AccountsDialog(self.ctx, self.window).exec()

    def open_audit(self) -> None:
        if not self.services.accounts.may_administer():
            QMessageBox.information(
                self.window, "Audit trail", "Only an administrator can read the audit trail."
            )
            return
        from ui.audit_viewer import AuditDialog

        AuditDialog(self.ctx, self.window).exec()

    def back_up_now(self) -> None:
        try:
            self.services.accounts.require_admin("back up the database")
        except PlannerError as exc:
            QMessageBox.information(self.window, "Back up", str(exc).capitalize() + ".")
            return
        url, keep = self.services.db.url, self.services.settings.get()[0].backups_kept
        self.ctx.events.status.emit("Backing up...")
        self.ctx.runner.run(
            lambda _p: make_backup(url, keep=keep).path,
            lambda path: self.ctx.events.status.emit(f"Backed up to {path}"),
            lambda exc: QMessageBox.warning(self.window, "Back up", str(exc)),
        )

    def daily_backup_in_background(self) -> None:
        """Today's automatic copy of an SQLite file, off the GUI thread."""
        url, keep = self.services.db.url, self.services.settings.get()[0].backups_kept
        self.ctx.runner.run(
            lambda _p: daily_backup(url, keep),
            lambda result: result and self.ctx.events.status.emit("Made today's backup"),
            lambda exc: self.ctx.events.status.emit(f"Today's backup failed: {exc}"),
        )

    def export_client(self) -> None:
        client = self.window.current_client()
        if client is None:
            return
        parent = QFileDialog.getExistingDirectory(self.window, "Export into which folder?")
        if parent:
            self.export_to(client, Path(parent) / f"client-{client.id}-{date.today().isoformat()}")

    def export_to(self, client: Client, folder: Path) -> None:
        from reports.client_documents import write_client_documents

        services = self.services
        self.ctx.events.status.emit(f"Exporting client {client.id}...")
        self.ctx.runner.run(
            lambda _p: services.privacy.export(client.id, folder, write_client_documents),
            lambda files: self.ctx.events.status.emit(f"Wrote {len(files)} files to {folder}"),
            lambda exc: QMessageBox.warning(self.window, "Export", str(exc)),
        )

    def erase_client(self) -> None:
        client = self.window.current_client()
        if client is None:
            return
        from ui.erase_dialog import EraseClientDialog

        try:
            plan = self.services.privacy.erase_plan(client.id)
        except PlannerError as exc:
            QMessageBox.warning(self.window, "Erase client", str(exc))
            return
        if EraseClientDialog(self.services, plan, self.window).exec():
            self.forget(client.id)

    def forget(self, client_id: int) -> None:
        """After an erasure nothing of the client stays on screen or in the window state."""
        state = self.ctx.state()
        if state.value("last_client") is not None and int(state.value("last_client")) == client_id:
            state.remove("last_client")
        self.window.open_client = None
        for tab in self.window._tab_widgets:
            tab.set_client(None)
        self.window._show_header(None)
        self.ctx.events.client_opened.emit(None)
        self.window.refresh_clients()
        self.ctx.events.status.emit(f"Erased client {client_id}")
