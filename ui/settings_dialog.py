"""Settings: the clinic's details (shared by all workstations) and this workstation's database.

Clinic settings live in the database, so every workstation prints the same header; which
database to open is a per-workstation choice kept in the window state, tested before it is
used.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from planner.errors import ConflictError, PlannerError
from planner.images import MAX_FILE_BYTES, prepare_photo
from planner.operations import Changes
from planner.programme.edits import field_bounds
from planner.reading import read_bytes
from planner.services.settings import KEEP
from planner.settings import ClinicSettings
from planner.store.database import connect, describe
from planner.store.secrets import store_password
from planner.store.sqlite_file import MissingDatabaseError
from ui import conflict
from ui.context import AppContext
from ui.form_base import FormDialog, FormProblem, rows

DB_URL_KEY = "database/url"


def remembered_url(text: str) -> str:
    """The URL as this workstation keeps it: a password moves to the keyring or pgpass."""
    if "://" not in text:
        return text  # resolve_url words the problem when the app starts with it
    url = store_password(make_url(text))
    return url.render_as_string(hide_password=False)


def database_url_choice(ctx: AppContext) -> str | None:
    value = ctx.state().value(DB_URL_KEY)
    return str(value) if value else None


def check_database(url: str) -> str:
    """Open the database read-only and say what is there (runs off the GUI thread)."""
    try:
        db = connect(url, read_only=True)
    except MissingDatabaseError:
        return "There is no database there yet; one will be set up when the app opens it."
    try:
        state = db.migration_state()
    finally:
        db.dispose()
    if state.current is None:
        return f"Connected to the {describe(db.url)}. It is empty and will be set up on first use."
    extra = " (it will be upgraded when opened)" if state.pending else ""
    return f"Connected to the {describe(db.url)} at schema {state.current}{extra}."


class SettingsDialog(FormDialog[ClinicSettings]):
    """The clinic's details and this workstation's database; Save checks them all before it
    writes anything, and a save another workstation beat offers the stored version."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self.settings, self.version = ctx.services.settings.get()
        self._logo: bytes | None = ctx.services.settings.logo()
        self._logo_changed = False

        clinic = QGroupBox("Clinic (printed on every handout)")
        form = QFormLayout(clinic)
        self.clinic_name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(60)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.qr_url = QLineEdit()
        self.qr_url.setPlaceholderText("https://your-clinic.example/exercises (optional)")
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(48)
        self.logo_button = QPushButton("Choose logo...")
        logo_clear = QPushButton("Remove")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(logo_clear)
        clinic_rows = (
            ("Clinic &name", self.clinic_name),
            ("&Address", self.address),
            ("&Phone", self.phone),
            ("&Email", self.email),
            ("&QR code web address", self.qr_url),
        )
        rows(form, *clinic_rows)
        form.addRow("Logo", logo_row)

        printing = QGroupBox("Printing and units")
        pform = QFormLayout(printing)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.large_print = QCheckBox("Large print by default (14 pt and up)")
        self.large_print.setAccessibleName("Large print by default")
        self.weight = QComboBox()
        self.weight.addItems(["kg", "lb"])
        self.distance = QComboBox()
        self.distance.addItems(["km", "mi"])
        self.session = QSpinBox()
        self.session.setRange(*(int(b) for b in field_bounds(ClinicSettings, "session_minutes")))
        self.session.setSuffix(" min")
        printing_rows = (
            ("Paper si&ze", self.paper),
            ("&Weight unit", self.weight),
            ("&Distance unit", self.distance),
            ("Session &length", self.session),
        )
        rows(pform, printing_rows[0])
        pform.addRow("", self.large_print)
        rows(pform, *printing_rows[1:])

        database = QGroupBox("Database for this workstation")
        dform = QFormLayout(database)
        self.current_db = QLabel(describe(ctx.services.db.url))
        self.current_db.setWordWrap(True)
        self.db_url = QLineEdit(database_url_choice(ctx) or "")
        self.db_url.setPlaceholderText("sqlite:////path/clinic.db or postgresql://user@server/db")
        self.db_url.setAccessibleName("Database URL")
        browse = QPushButton("SQLite file...")
        self.test_button = QPushButton("Test connection")
        self.db_progress = QProgressBar()
        self.db_progress.setRange(0, 0)  # busy: a connection gives no fraction done
        self.db_progress.setMaximumHeight(8)
        self.db_progress.setTextVisible(False)
        self.db_progress.setAccessibleName("Testing the connection")
        self.db_progress.hide()
        self.db_result = QLabel()
        self.db_result.setWordWrap(True)
        self.db_result.setTextFormat(Qt.TextFormat.PlainText)
        db_row = QHBoxLayout()
        db_row.addWidget(self.db_url, 1)
        db_row.addWidget(browse)
        db_row.addWidget(self.test_button)
        dform.addRow("In use now", self.current_db)
        dform.addRow("Use at next start", db_row)
        dform.addRow("", self.db_progress)
        dform.addRow("", self.db_result)

        layout = QVBoxLayout(self)
        for widget in (clinic, printing, database, self.error, self.buttons):
            layout.addWidget(widget)
        # Planner's names for the settings -> the inputs showing them.
        self.fields = {
            "clinic_name": self.clinic_name,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "qr_url": self.qr_url,
            "paper": self.paper,
            "large_print": self.large_print,
            "weight_unit": self.weight,
            "distance_unit": self.distance,
            "session_minutes": self.session,
        }

        self.logo_button.clicked.connect(self._choose_logo)
        logo_clear.clicked.connect(self._clear_logo)
        browse.clicked.connect(self._browse_sqlite)
        self.test_button.clicked.connect(self.test_connection)
        self._show_values()

    def _show_values(self) -> None:
        settings = self.settings
        self.clinic_name.setText(settings.clinic_name)
        self.address.setPlainText(settings.address)
        self.phone.setText(settings.phone)
        self.email.setText(settings.email)
        self.qr_url.setText(settings.qr_url)
        self.paper.setCurrentIndex(self.paper.findData(settings.paper))
        self.large_print.setChecked(settings.large_print)
        self.weight.setCurrentText(settings.weight_unit)
        self.distance.setCurrentText(settings.distance_unit)
        self.session.setValue(settings.session_minutes)
        self._show_logo()

    def reload(self) -> None:
        """Show what is stored now (after another workstation saved first)."""
        self.settings, self.version = self.ctx.services.settings.get()
        self._logo = self.ctx.services.settings.logo()
        self._logo_changed = False
        self._show_values()

    # -- logo ----------------------------------------------------------------------------
    def _show_logo(self) -> None:
        if not self._logo:
            self.logo_preview.setText("No logo")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self._logo)
        self.logo_preview.setPixmap(
            pixmap.scaledToHeight(44, Qt.TransformationMode.SmoothTransformation)
        )

    def set_logo_file(self, path: Path) -> None:
        """Take the picture at ``path`` as the logo once planner has checked it (a bounded
        read, a real PNG or JPEG, a sensible size); otherwise say why beside the logo."""
        try:
            self._logo, _mime = prepare_photo(read_bytes(path, limit=MAX_FILE_BYTES), str(path))
        except PlannerError as exc:
            self.fail(str(exc), self.logo_preview)
            self.logo_button.setFocus()
            return
        self._logo_changed = True
        self.fail("")
        self._show_logo()

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Clinic logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if name:
            self.set_logo_file(Path(name))

    def _clear_logo(self) -> None:
        self._logo = None
        self._logo_changed = True
        self._show_logo()

    # -- database ------------------------------------------------------------------------
    def _browse_sqlite(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "SQLite database file", "", "Database (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )  # fmt: skip
        if name:
            self.db_url.setText(f"sqlite:///{name}")

    def test_connection(self) -> None:
        """Open the database off the GUI thread, showing that it is at work until it answers."""
        url = self.db_url.text().strip()
        if not url:
            self.db_result.setText("Type a database URL or choose an SQLite file first.")
            return
        self.test_button.setEnabled(False)
        self.db_progress.show()
        self.db_result.setText("Connecting...")

        def finish(message: str) -> None:
            self.test_button.setEnabled(True)
            self.db_progress.hide()
            self.db_result.setText(message)

        self.ctx.runner.run(
            lambda _progress: check_database(url),
            finish,
            lambda exc: finish(f"Cannot use it: {exc}"),
        )

    # -- saving --------------------------------------------------------------------------
    def values(self) -> ClinicSettings:
        """The stored settings with this dialog's fields as shown (the clinic's thresholds
        and referral levels, which this dialog does not show, are kept as they are)."""
        return self.settings.model_copy(
            update={
                "clinic_name": self.clinic_name.text().strip(),
                "address": self.address.toPlainText().strip(),
                "phone": self.phone.text().strip(),
                "email": self.email.text().strip(),
                "qr_url": self.qr_url.text().strip(),
                "paper": self.paper.currentData(),
                "large_print": self.large_print.isChecked(),
                "weight_unit": self.weight.currentText(),
                "distance_unit": self.distance.currentText(),
                "session_minutes": self.session.value(),
            }
        )

    def read(self) -> ClinicSettings:
        url = self.db_url.text().strip()
        if "://" in url:
            try:
                make_url(url)
            except (ArgumentError, ValueError):
                # The URL is not echoed: it may hold a password.
                raise FormProblem(
                    "Database URL: this is not a database address; write it like "
                    "sqlite:////path/clinic.db or postgresql://user@server:5432/db",
                    self.db_url,
                ) from None
        # Revalidate: model_copy does not run validators.
        return ClinicSettings.model_validate(self.values().model_dump())

    def describe(self, exc: ValidationError) -> str:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        field = ClinicSettings.model_fields[name].title if name else None
        message = str(err["msg"]).removeprefix("Value error, ")
        return f"{field or name}: {message}" if name else message

    def commit(self, value: ClinicSettings) -> None:
        url = self.db_url.text().strip()
        if url:
            try:
                url = remembered_url(url)
            except PlannerError as exc:
                raise FormProblem(str(exc), self.db_url) from None
        try:
            logo = self._logo if self._logo_changed else KEEP
            version = self.ctx.services.settings.save(value, self.version, logo=logo)
            self.version, self._logo_changed = version, False
        except ConflictError as exc:
            self.fail(str(exc))
            if conflict.offer_reload(self, "the clinic settings", str(exc)):
                self.reload()
            raise FormProblem(str(exc)) from None
        if url:
            self.ctx.state().setValue(DB_URL_KEY, url)
        else:
            self.ctx.state().remove(DB_URL_KEY)
        self.settings = value
        self.ctx.announce(Changes(settings=True))
        self.ctx.events.status.emit("Settings saved")

    def save(self) -> None:
        """What Save does: check, write and close, or show the problem and stay open."""
        self._try_accept()
