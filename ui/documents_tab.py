"""Documents: preview, print and save the handout, assessment summary and progress report;
export and import programme files, calendars and CSV.

Planner decides whether printing is allowed (an urgent or uncleared red flag blocks it);
reports builds the PDFs; this tab gathers the records, renders off the GUI thread with a
progress bar, and shows the result in a PDF view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.documents import contact_problem
from planner.errors import PlannerError
from planner.files import atomic_write
from planner.operations import Changes
from planner.operations.documents import (
    HANDOUT,
    PROGRESS,
    SUMMARY,
    Blocked,
    DocumentPlan,
    handout_block,
    prepare_document,
)
from planner.operations.programmes import mark_given
from planner.programme.schedule import materialise
from planner.records import Client
from planner.safety import client_block
from reports.render import render_plan
from ui.contact_dialog import ContactDialog
from ui.context import AppContext
from ui.document_output import (
    print_pdf,
    printer_place,
    remember_folder,
    start_folder,
    suggested_name,
)
from ui.pdf_preview import PdfPreview
from ui.style import ERROR_COLOUR
from ui.tasks import Progress

READY = (
    "Print (Ctrl+P) or save as a PDF (Ctrl+S) straight away; Preview shows the document "
    "first if you want to look."
)
DOCUMENT_LABELS = {
    HANDOUT: "Home programme handout",
    SUMMARY: "Assessment summary",
    PROGRESS: "Progress report",
}


def render_document(
    plan: DocumentPlan, paper: str, large_print: bool, progress: Progress, log_sheet: bool = False
) -> bytes:
    """Build the chosen PDF (runs on a worker thread: no widgets here)."""
    progress.step(0, 2, "Laying out the pages")
    data = render_plan(plan, paper=paper, large_print=large_print, log_sheet=log_sheet)
    progress.step(2, 2, "Done")
    return data


class DocumentsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: Client | None = None
        self.programme_id: int | None = None
        self.pdf_bytes: bytes | None = None
        self.block_reason: str | None = None
        self._buffer: QBuffer | None = None

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(
            f"background: {ERROR_COLOUR}; color: white; font-size: 15px; font-weight: 600; "
            "padding: 10px"
        )
        self.banner.setAccessibleName("Printing blocked")
        self.banner.hide()

        self.kind = QComboBox()
        for key, label in DOCUMENT_LABELS.items():
            self.kind.addItem(label, key)
        self.kind.setAccessibleName("Document")
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.paper.setAccessibleName("Paper size")
        self.large_print = QCheckBox("Large print")
        self.log_sheet = QCheckBox("Log sheet")
        self.log_sheet.setToolTip("Add a sheet to tick off each session and note the pain")
        self.preview_button = QPushButton("&Preview")
        self.print_button = QPushButton("P&rint...")
        self.save_button = QPushButton("&Save as PDF...")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        top = QHBoxLayout()
        for w in (self.kind, self.paper, self.large_print, self.log_sheet, self.preview_button,
                  self.print_button, self.save_button, self.progress):  # fmt: skip
            top.addWidget(w)
        top.addStretch(1)

        self.export_file_button = QPushButton("Export programme file...")
        self.export_ics_button = QPushButton("Export calendar (.ics)...")
        self.export_csv_button = QPushButton("Export CSV...")
        self.import_button = QPushButton("Import programme file...")
        exports = QHBoxLayout()
        for w in (self.export_file_button, self.export_ics_button, self.export_csv_button,
                  self.import_button):  # fmt: skip
            exports.addWidget(w)
        exports.addStretch(1)

        self.message = QLabel(READY)
        self.message.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.preview_pane = PdfPreview(self.document)
        self.view = self.preview_pane.view

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addLayout(exports)
        layout.addWidget(self.message)
        layout.addWidget(self.preview_pane, 1)

        # The window's File menu holds these, with their shortcuts (Ctrl+P, Ctrl+S, Ctrl+E).
        self.print_action = QAction("&Print...", self, shortcut=QKeySequence.StandardKey.Print)
        self.save_action = QAction("&Save as PDF...", self, shortcut=QKeySequence("Ctrl+S"))
        self.export_action = QAction(
            "&Export programme file...", self, shortcut=QKeySequence("Ctrl+E")
        )

        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.export_file_button.clicked.connect(self.export_programme_file)
        self.export_ics_button.clicked.connect(lambda: self.export_schedule("ics"))
        self.export_csv_button.clicked.connect(lambda: self.export_schedule("csv"))
        self.import_button.clicked.connect(self.import_programme_file)
        # Any change to what the document shows makes a preview stale: drop it, so Print and
        # Save never send an older or different document than the one chosen.
        self.kind.currentIndexChanged.connect(lambda _i: self.clear_preview())
        self.paper.currentIndexChanged.connect(lambda _i: self.clear_preview())
        self.large_print.toggled.connect(lambda _on: self.clear_preview())
        self.log_sheet.toggled.connect(lambda _on: self.clear_preview())
        ctx.events.programme_opened.connect(self._programme_opened)
        self._block_stale = False
        ctx.events.changed.connect(self._changed)
        self._load_settings()
        self._update_enabled()

    # -- state ---------------------------------------------------------------------------
    def clear_preview(self) -> None:
        if self.pdf_bytes is not None:
            self.pdf_bytes = None
            self.document.close()
            self.message.setText(READY)
        self._update_enabled()

    def _changed(self, changes: Changes) -> None:
        if changes.settings:
            self._load_settings()
        if changes.settings or changes.programme or changes.logs or changes.assessment:
            self._data_changed()

    def _data_changed(self) -> None:
        self.clear_preview()
        self._block_stale = True
        if self.client is not None and self.isVisible():
            self._refresh_block(self.client.id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._block_stale and self.client is not None:
            self._refresh_block(self.client.id)

    def _still_allowed(self) -> bool:
        """Checked again right before a handout or programme leaves the app."""
        if self.client is not None:
            self._refresh_block(self.client.id)
        return not self.block_reason

    def _load_settings(self) -> None:
        self.clear_preview()
        settings, _ = self.ctx.services.settings.get()
        self.paper.setCurrentIndex(self.paper.findData(settings.paper))
        self.large_print.setChecked(settings.large_print)

    def set_client(self, client: Client | None) -> None:
        self.client = client
        self.pdf_bytes = None
        self.document.close()
        self.programme_id = None
        if client is not None:
            programmes = self.ctx.services.programmes.for_client(client.id)
            self.programme_id = programmes[0].id if programmes else None
            self._refresh_block(client.id)
        else:
            self.block_reason = None
            self.banner.hide()
        self.message.setText(READY)
        self._update_enabled()

    def _programme_opened(self, programme_id: object) -> None:
        self.programme_id = programme_id if isinstance(programme_id, int) else None
        self.clear_preview()
        if self.client is not None:
            self._refresh_block(self.client.id)

    def _refresh_block(self, client_id: int) -> None:
        if self.client is None or self.client.id != client_id:
            return
        self._block_stale = False
        services = self.ctx.services
        blocked = handout_block(services, client_id, self.programme_id)
        self.block_reason = blocked.reason if blocked else None
        context = services.assessments.context(client_id)
        referral = context is not None and client_block(context, self.ctx.policy()) is not None
        after = (
            " The assessment summary can still be printed for the referral."
            if referral
            else " The assessment summary and progress report can still be printed."
        )
        self.banner.setText(
            f"The home programme cannot be printed or exported. {self.block_reason}{after}"
            if self.block_reason
            else ""
        )
        self.banner.setVisible(bool(self.block_reason))
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_client = self.client is not None
        kind = self.kind.currentData()
        blocked = bool(self.block_reason) and kind == HANDOUT
        has_programme = self.programme_id is not None
        self.log_sheet.setEnabled(kind == HANDOUT)
        self.preview_button.setEnabled(has_client and not blocked)
        # No preview needed: Print and Save make the document first when there is none.
        ready = has_client and not blocked
        self.print_button.setEnabled(ready)
        self.print_action.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.save_action.setEnabled(ready)
        self.export_action.setEnabled(has_programme and not bool(self.block_reason))
        for button in (self.export_file_button, self.export_ics_button, self.export_csv_button):
            button.setEnabled(has_programme and not bool(self.block_reason))
        self.import_button.setEnabled(has_client)

    # -- rendering -----------------------------------------------------------------------
    def gather(self) -> DocumentPlan:
        """Planner's plan for the chosen document; a held-back handout raises its reason."""
        assert self.client is not None
        kind = self.kind.currentData()
        plan = prepare_document(self.ctx.services, kind, self.client.id, self.programme_id)
        if isinstance(plan, Blocked):
            raise PlannerError(plan.reason)
        return plan

    def _ensure_contact(self) -> bool:
        """A handout needs the clinic's phone: ask for it the first time (planner decides)."""
        settings, version = self.ctx.services.settings.get()
        if contact_problem(settings) is None:
            return True
        answer = ContactDialog.ask(self, settings)
        if answer is None:
            self.message.setText(
                "The handout needs your clinic's phone number: add it to print one."
            )
            return False
        try:
            self.ctx.services.settings.save(answer, version)
        except PlannerError as exc:
            self.message.setText(f"Could not save the clinic's details: {exc}")
            return False
        # Other views follow the new details; this tab keeps the paper and print size chosen.
        paper, large = self.paper.currentIndex(), self.large_print.isChecked()
        self.ctx.announce(Changes(settings=True))
        self.paper.setCurrentIndex(paper)
        self.large_print.setChecked(large)
        return True

    def preview(self) -> None:
        self._with_pdf(lambda _data: None)

    def _with_pdf(self, then: Callable[[bytes], None]) -> None:
        """Make the chosen document (unless it is on screen already), then pass it on."""
        if self.client is None:
            return
        if self.pdf_bytes is not None:
            then(self.pdf_bytes)
            return
        if self.kind.currentData() == HANDOUT and not self._ensure_contact():
            return
        try:
            plan = self.gather()
        except PlannerError as exc:
            self.message.setText(str(exc))
            return
        self.preview_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(f"Preparing the {DOCUMENT_LABELS[plan.kind].lower()}...")

        def step(done: int, total: int, text: str) -> None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

        def rendered(data: bytes) -> None:
            self._rendered(data)
            then(data)

        paper, large = self.paper.currentData(), self.large_print.isChecked()
        log_sheet = self.log_sheet.isChecked() and plan.kind == HANDOUT
        self.ctx.runner.run(
            lambda p: render_document(plan, paper, large, p, log_sheet),
            rendered,
            self._failed,
            step,
        )

    def _rendered(self, data: bytes) -> None:
        self.progress.hide()
        self.pdf_bytes = data
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.message.setText(
            f"{self.kind.currentText()}: {pages} page{'s' if pages != 1 else ''}. "
            "Print it (Ctrl+P) or save it as a PDF (Ctrl+S)."
        )
        self._update_enabled()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.pdf_bytes = None
        self.message.setText(f"Could not make the document: {exc}")
        self._update_enabled()

    # -- output --------------------------------------------------------------------------
    @classmethod
    def ask_save_path(cls, parent: QWidget, title: str, suggested: str, filt: str) -> Path | None:
        """The file to write, or None (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filt)
        return Path(name) if name else None

    @classmethod
    def ask_open_path(cls, parent: QWidget, title: str, filt: str, start: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, start, filt)
        return Path(name) if name else None

    @classmethod
    def ask_printer(cls, parent: QWidget) -> QPrinter | None:
        """The system print dialog's printer, or None if cancelled (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def ask_mark_given(self, day: dt.date) -> bool:
        """Offer to record that the handout was given to the client (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Given to client?",
            f"Mark the programme 'Given to client' on {day.strftime('%d %b %Y')}? It then "
            "shows as in use.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _suggested(self, what: str, suffix: str) -> str:
        """Where the save dialog starts: the last folder used, and a name a person finds."""
        name = suggested_name(
            self.client.name if self.client else None, what, dt.date.today(), suffix
        )
        return str(start_folder(self.ctx.state()) / name)

    def _ask_path(self, title: str, what: str, suffix: str, filt: str) -> Path | None:
        path = self.ask_save_path(self, title, self._suggested(what, suffix), filt)
        if path is not None:
            remember_folder(self.ctx.state(), path)
        return path

    def save_pdf(self) -> None:
        if self.client is None:
            return
        kind = self.kind.currentData()
        if kind == HANDOUT and not self._still_allowed():
            return
        path = self._ask_path("Save as PDF", kind, ".pdf", "PDF (*.pdf)")
        if path is None:
            return
        label = self.kind.currentText().lower()

        def write(data: bytes) -> None:
            self._run_with_progress(
                "Saving", lambda: atomic_write(path, data),
                lambda _r: self._sent(f"Saved the {label} as {path}.", kind),
            )  # fmt: skip

        self._with_pdf(write)

    def print_document(self) -> None:
        if self.client is None:
            return
        kind = self.kind.currentData()
        if kind == HANDOUT and not self._still_allowed():
            return
        printer = self.ask_printer(self)
        if printer is None:
            return
        label = self.kind.currentText().lower()
        place = printer_place(printer)

        def send(data: bytes) -> None:
            self.progress.setRange(0, 0)
            self.progress.show()
            self.message.setText(f"Printing the {label} on {place}...")

            def step(done: int, total: int, text: str) -> None:
                self.progress.setRange(0, total)
                self.progress.setValue(done)
                self.message.setText(f"{text} on {place}...")

            def printed(pages: int) -> None:
                self.progress.hide()
                many = "s" if pages != 1 else ""
                self._sent(f"Printed the {label} ({pages} page{many}) on {place}.", kind)

            self.ctx.runner.run(lambda p: print_pdf(data, printer, p), printed, self._failed, step)

        self._with_pdf(send)

    def _sent(self, said: str, kind: str) -> None:
        """A document went out: say what went where, and for a handout offer to record that
        it was given to the client."""
        self.message.setText(said)
        self.ctx.events.status.emit(said)
        if kind not in (HANDOUT, "programme_file") or self.programme_id is None:
            return
        today = dt.date.today()
        if not self.ask_mark_given(today):
            return
        try:
            result = mark_given(self.ctx.services, self.programme_id, today)
        except PlannerError as exc:
            self.message.setText(f"{said} Not marked as given: {exc}")
            return
        self.ctx.announce(result.changes)
        self.message.setText(f"{said} Marked 'Given to client' on {today.strftime('%d %b %Y')}.")

    def export_programme_file(self) -> None:
        if self.programme_id is None or not self._still_allowed():
            return
        path = self._ask_path(
            "Export programme file", "programme_file", ".physio.json",
            "Programme files (*.physio.json)",
        )  # fmt: skip
        if path is None:
            return
        pid = self.programme_id
        self._run_with_progress(
            "Exporting", lambda: self.ctx.services.programmes.export_file(pid, path),
            lambda _r: self._sent(f"Exported the programme file to {path}.", "programme_file"),
        )  # fmt: skip

    def export_schedule(self, kind: str) -> None:
        if self.programme_id is None or not self._still_allowed():
            return
        suffix, filt = (".ics", "Calendar (*.ics)") if kind == "ics" else (".csv", "CSV (*.csv)")
        path = self._ask_path(f"Export {suffix}", kind, suffix, filt)
        if path is None:
            return
        programme, _ = self.ctx.services.programmes.load(self.programme_id)
        logs = self.ctx.services.programmes.logs(self.programme_id)
        catalogue = self.ctx.services.exercises.catalogue()
        policy = self.ctx.services.settings.policy()

        def write() -> None:
            from planner.programme.exports import schedule_csv, schedule_ics

            schedule = materialise(programme, catalogue, logs, policy=policy)
            text = schedule_ics(schedule, programme) if kind == "ics" else schedule_csv(schedule)
            atomic_write(path, text)

        self._run_with_progress(
            "Exporting", write, lambda _r: self._sent(f"Exported the schedule to {path}.", kind)
        )

    def import_programme_file(self) -> None:
        if self.client is None:
            return
        path = self.ask_open_path(
            self, "Import programme file", "Programme files (*.json)",
            str(start_folder(self.ctx.state())),
        )  # fmt: skip
        if path is None:
            return
        remember_folder(self.ctx.state(), path)
        client_id = self.client.id

        def done(new_id: int) -> None:
            self.programme_id = new_id
            self.ctx.announce(
                Changes(programme_id=new_id, programme_list=True, client_id=client_id)
            )
            self.ctx.events.programme_opened.emit(new_id)
            self.message.setText(f"Imported the programme from {path.name}.")
            self.ctx.events.status.emit(f"Imported programme {new_id}")
            self._update_enabled()

        self._run_with_progress(
            "Importing", lambda: self.ctx.services.programmes.import_file(path, client_id), done
        )

    def _run_with_progress(
        self, what: str, work: Callable[[], Any], done: Callable[[Any], None]
    ) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(f"{what}...")

        def finished(result: Any) -> None:
            self.progress.hide()
            done(result)

        def failed(exc: Exception) -> None:
            self.progress.hide()
            self.message.setText(f"{what} failed: {exc}")

        self.ctx.runner.run(lambda _p: work(), finished, failed)
