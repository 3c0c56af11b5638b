"""Documents leaving the app: the names they are offered under, the folder the dialogs open
in, and printing, which runs off the GUI thread.

The therapist's own save dialog suggests "<client name> - home programme <date>.pdf": that is
the name a person looks for later. Files the app writes by itself (backups, caches, logs) still
carry no client data; only a name the therapist sees and can change here does.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSettings, QStandardPaths
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from ui.tasks import Progress

PRINT_DPI = 300
FOLDER_KEY = "documents/last_folder"

# What each kind of file is called in its suggested name.
NAME_WORDS = {
    "handout": "home programme",
    "summary": "assessment summary",
    "progress": "progress report",
    "programme_file": "home programme",
    "ics": "exercise calendar",
    "csv": "exercise schedule",
}


def suggested_name(client: str | None, what: str, day: dt.date, suffix: str) -> str:
    """ "Ana Ribeiro - home programme 2026-12-04.pdf": the client's name made safe for any
    file system, what the file is, and the day."""
    person = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", client or "").strip(" .")
    person = re.sub(r"\s+", " ", person)
    words = NAME_WORDS.get(what, what)
    stem = f"{person} - {words} {day.isoformat()}" if person else f"{words} {day.isoformat()}"
    return stem + suffix


def start_folder(state: QSettings) -> Path:
    """The folder the last document went to; the first time, the user's Documents folder."""
    last = state.value(FOLDER_KEY)
    if isinstance(last, str) and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(state: QSettings, path: Path) -> None:
    state.setValue(FOLDER_KEY, str(path.parent))


def printer_place(printer: QPrinter) -> str:
    """Where the pages went, in words: the printer's name, or the file it printed to."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return Path(printer.outputFileName()).name
    return printer.printerName() or "the printer"


def print_pdf(data: bytes, printer: QPrinter, progress: Progress) -> int:
    """Print every page of the PDF ``data`` on ``printer``; the number of pages printed.

    Runs on a worker thread (a QPainter may paint on a QPrinter there): each page is drawn,
    fitted and centred (an A4 page on Letter paper, or the other way round), from an image of
    at most PRINT_DPI, sharp on paper without sending hundreds of megabytes to the printer.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    if pages == 0:
        raise OSError("the document has no pages to print")
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"{printer_place(printer)} could not be started")
    try:
        for page in range(pages):
            progress.step(page, pages, f"Printing page {page + 1} of {pages}")
            if page:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(target.width() / size.width(), target.height() / size.height())
            w, h = size.width() * scale, size.height() * scale
            box = QRectF((target.width() - w) / 2, (target.height() - h) / 2, w, h)
            pixels = (size * (PRINT_DPI / 72)).toSize()
            painter.drawImage(box, document.render(page, pixels))
        progress.step(pages, pages, "Printed")
    finally:
        painter.end()
        document.close()
    return pages
