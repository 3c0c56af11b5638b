"""Accounts and the clinic's data safety settings (administrators): clinicians, tokens for the
command line, sign-in with its idle lock, how many daily backups to keep and for how long
records are kept. planner decides who may change what; this only shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError, UserError
from planner.services.accounts import Account
from ui.context import AppContext
from ui.style import ERROR_COLOUR


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class AccountsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.setWindowTitle("Accounts and data safety")
        self.setMinimumWidth(640)

        people = QGroupBox("Clinicians")
        self.accounts = QListWidget()
        self.accounts.setAccessibleName("Accounts")
        self.token_button = QPushButton("Issue a command-line token")
        self.active_button = QPushButton("Disable")
        self.token = QLineEdit()
        self.token.setReadOnly(True)
        self.token.setAccessibleName("New token")
        self.token.setPlaceholderText("A new token shows here once: copy it now")
        actions = QHBoxLayout()
        actions.addWidget(self.token_button)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.accounts)
        people_layout.addLayout(actions)
        people_layout.addWidget(self.token)

        add = QGroupBox("Add a clinician")
        add_form = QFormLayout(add)
        self.new_username = QLineEdit()
        self.new_name = QLineEdit()
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_again = QLineEdit()
        self.new_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_admin = QCheckBox("Administrator (manages accounts, reads the audit trail)")
        self.add_button = QPushButton("Add")
        for label, widget in (
            ("User name", self.new_username),
            ("Full name", self.new_name),
            ("Password", self.new_password),
            ("Password again", self.new_again),
        ):
            widget.setAccessibleName(label)
            add_form.addRow(label, widget)
        add_form.addRow("", self.new_admin)
        add_form.addRow("", self.add_button)

        settings, self.version = self.services.settings.get()
        clinic = QGroupBox("For the whole clinic")
        clinic_form = QFormLayout(clinic)
        self.sign_in = QCheckBox("Clinicians sign in (and the window locks when left alone)")
        self.sign_in.setChecked(settings.sign_in_required)
        self.idle = _spin(1, 240, settings.idle_lock_minutes, " min")
        self.backups = _spin(1, 365, settings.backups_kept, " daily copies")
        self.retention = _spin(0, 100, settings.retention_years, " years")
        clinic_form.addRow("", self.sign_in)
        clinic_form.addRow("Lock after", self.idle)
        clinic_form.addRow("Keep", self.backups)
        clinic_form.addRow("Keep records for", self.retention)
        self.save_button = QPushButton("Save clinic settings")
        clinic_form.addRow("", self.save_button)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        close = QPushButton("Close")
        layout = QVBoxLayout(self)
        for widget in (people, add, clinic, self.message):
            layout.addWidget(widget)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

        self.add_button.clicked.connect(self.add_account)
        self.token_button.clicked.connect(self.issue_token)
        self.active_button.clicked.connect(self.toggle_active)
        self.save_button.clicked.connect(self.save_clinic)
        self.accounts.currentRowChanged.connect(lambda _r: self._selection_changed())
        close.clicked.connect(self.accept)
        self.reload()
        if not self.services.accounts.may_administer():
            self._say("Only an administrator can change these. Sign in as one to manage them.")
            for widget in (add, clinic, self.token_button, self.active_button):
                widget.setEnabled(False)

    # -- showing -------------------------------------------------------------------------
    def reload(self) -> None:
        self.accounts.clear()
        for account in self.services.accounts.list():
            flags = [f for f, on in (("administrator", account.is_admin),
                                     ("disabled", not account.active)) if on]  # fmt: skip
            text = f"{account.username}  ·  {account.name}" + (
                f"  ({', '.join(flags)})" if flags else ""
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, account)
            self.accounts.addItem(item)
        self._selection_changed()

    def selected(self) -> Account | None:
        item = self.accounts.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selection_changed(self) -> None:
        account = self.selected()
        self.active_button.setText("Enable" if account and not account.active else "Disable")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}" if error else "")
        self.message.setText(text)

    # -- actions -------------------------------------------------------------------------
    def add_account(self) -> None:
        if self.new_password.text() != self.new_again.text():
            self._say("The two passwords differ.", error=True)
            return
        try:
            account = self.services.accounts.add(
                self.new_username.text(),
                self.new_password.text(),
                is_admin=self.new_admin.isChecked(),
                name=self.new_name.text().strip() or None,
            )
        except PlannerError as exc:
            self._say(str(exc).capitalize() + ".", error=True)
            return
        for field in (self.new_username, self.new_name, self.new_password, self.new_again):
            field.clear()
        self.new_admin.setChecked(False)
        self.reload()
        self._say(f"Added {account.username}.")

    def issue_token(self) -> None:
        account = self.selected()
        if account is None:
            self._say("Pick a clinician first.", error=True)
            return
        try:
            self.token.setText(self.services.accounts.issue_token(account.username))
        except PlannerError as exc:
            self._say(str(exc).capitalize() + ".", error=True)
            return
        self._say(
            f"A token for {account.username}, valid 90 days. It is shown once: put it in "
            "PHYSIO_PLANNER_TOKEN or a file only they can read."
        )

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        try:
            self.services.accounts.set_active(account.username, not account.active)
        except PlannerError as exc:
            self._say(str(exc).capitalize() + ".", error=True)
            return
        self.reload()

    def save_clinic(self) -> None:
        try:
            settings, version = self.services.settings.get()
            if settings.sign_in_required != self.sign_in.isChecked():
                self.services.accounts.set_sign_in(self.sign_in.isChecked())
                settings, version = self.services.settings.get()
            changed = settings.model_copy(
                update={
                    "idle_lock_minutes": self.idle.value(),
                    "backups_kept": self.backups.value(),
                    "retention_years": self.retention.value(),
                }
            )
            if changed != settings:
                self.services.settings.save(changed, version)
        except (UserError, PlannerError) as exc:
            self._say(str(exc).capitalize() + ".", error=True)
            self.sign_in.setChecked(self.services.settings.get()[0].sign_in_required)
            return
        self.ctx.events.settings_changed.emit()
        on = "on" if self.sign_in.isChecked() else "off"
        self._say(f"Saved. Sign-in is {on}; it takes effect at the next start of each window.")
