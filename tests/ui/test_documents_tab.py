"""The Documents tab: preview, print and save real PDFs; exports; printing blocked by red flags."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.demo import create_demo
from planner.operations import Changes
from planner.programme.files import read_programme_file
from planner.records import ClientDetails
from planner.services import Services
from planner.settings import ClinicSettings
from tests.ui.test_main_window import make_context
from ui.contact_dialog import ContactDialog
from ui.documents_tab import HANDOUT, DocumentsTab

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def tab(qtbot: QtBot, services: Services, tmp_path: Path) -> DocumentsTab:
    create_demo(services)
    widget = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(widget)
    client = services.clients.search("zoe")[0]
    widget.set_client(client)
    return widget


def test_handout_preview_shows_the_programme(tab: DocumentsTab, services: Services) -> None:
    assert tab.kind.currentData() == HANDOUT
    tab.preview()
    assert tab.pdf_bytes is not None and tab.document.pageCount() >= 2
    text = pdf_text(tab.pdf_bytes)
    programme, _ = services.programmes.load(tab.programme_id or 0)
    catalogue = services.exercises.catalogue()
    for item in programme.items:
        assert catalogue[item.code].name.split("(")[0].strip()[:20] in text.replace("\n", " ")
    assert "Zoë Łukasiewicz" in text
    assert tab.print_button.isEnabled() and tab.save_button.isEnabled()


def test_save_and_print_write_real_files(
    tab: DocumentsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.preview()
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(DocumentsTab, "ask_save_path", classmethod(lambda *a: target))
    tab.save_pdf()
    assert target.read_bytes() == tab.pdf_bytes
    today = dt.date.today().isoformat()
    assert Path(tab._suggested("handout", ".pdf")).name == (
        f"Zoë Łukasiewicz - home programme {today}.pdf"
    ), "the name a person looks for later"

    printed = tmp_path / "printed.pdf"

    def printer(cls, parent):  # type: ignore[no-untyped-def]
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        return p

    monkeypatch.setattr(DocumentsTab, "ask_printer", classmethod(printer))
    tab.print_document()
    assert len(PdfReader(str(printed)).pages) == tab.document.pageCount()
    # Printed at no more than 300 dpi: a few megabytes for the whole handout, not fifty.
    assert printed.stat().st_size < 2_000_000 * tab.document.pageCount()


def test_exports_write_programme_calendar_and_csv(
    tab: DocumentsTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, services: Services
) -> None:
    paths = iter([tmp_path / "p.physio.json", tmp_path / "p.ics", tmp_path / "p.csv"])
    monkeypatch.setattr(DocumentsTab, "ask_save_path", classmethod(lambda *a: next(paths)))
    tab.export_programme_file()
    tab.export_schedule("ics")
    tab.export_schedule("csv")
    pf = read_programme_file(tmp_path / "p.physio.json", services.exercises.catalogue())
    assert pf.programme.client == "Zoë Łukasiewicz"
    assert (tmp_path / "p.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert (tmp_path / "p.csv").read_text().splitlines()[0].startswith("date")


def test_an_urgent_red_flag_disables_printing(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    widget = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(widget)
    client = services.clients.create(ClientDetails(name="Urgent Case"))
    services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    services.assessments.import_file(FIXTURES / "assessments" / "red_flag_urgent.json", client.id)
    widget.set_client(client)
    assert not widget.banner.isHidden()
    assert "Urgent referral" in widget.banner.text()
    assert not widget.preview_button.isEnabled()
    assert not widget.print_button.isEnabled() and not widget.print_action.isEnabled()
    assert not widget.export_file_button.isEnabled()
    widget.print_document()  # the shortcut path does nothing either
    assert widget.pdf_bytes is None


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("summary", ["Zoë Łukasiewicz", "Oswestry"]), ("progress", ["Zoë Łukasiewicz"])],
)
def test_assessment_summary_and_progress_report_preview(
    tab: DocumentsTab, kind: str, expected: list[str]
) -> None:
    tab.kind.setCurrentIndex(tab.kind.findData(kind))
    tab.preview()
    assert tab.pdf_bytes is not None, tab.message.text()
    text = pdf_text(tab.pdf_bytes)
    for words in expected:
        assert words in text, words
    assert tab.print_button.isEnabled()


def test_the_summary_is_still_available_when_printing_the_handout_is_blocked(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """A referral letter is exactly what an urgent case needs; only the handout is held back."""
    widget = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(widget)
    client = services.clients.create(ClientDetails(name="Urgent Case"))
    services.assessments.import_file(FIXTURES / "assessments" / "red_flag_urgent.json", client.id)
    widget.set_client(client)
    widget.kind.setCurrentIndex(widget.kind.findData("summary"))
    assert widget.preview_button.isEnabled()
    widget.preview()
    assert widget.pdf_bytes is not None
    assert "urgent" in pdf_text(widget.pdf_bytes).lower()
    assert widget.print_button.isEnabled()


def test_changing_the_document_paper_or_programme_drops_a_stale_preview(
    tab: DocumentsTab, services: Services
) -> None:
    tab.preview()
    assert tab.pdf_bytes is not None and tab.save_button.isEnabled()
    tab.kind.setCurrentIndex(tab.kind.findData("summary"))
    assert tab.pdf_bytes is None and tab.save_button.isEnabled(), "saved without a preview"
    tab.preview()
    tab.paper.setCurrentIndex(tab.paper.findData("letter"))
    assert tab.pdf_bytes is None
    tab.preview()
    tab.ctx.announce(Changes(programme_id=tab.programme_id, programme=True))
    assert tab.pdf_bytes is None and tab.print_button.isEnabled()


def test_an_exercise_the_latest_assessment_rules_out_holds_back_the_handout(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    import json

    widget = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(widget)
    client = services.clients.create(ClientDetails(name="Amara Okafor"))
    services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    data = json.loads((FIXTURES / "assessments" / "runner_left_glute_med.json").read_text())
    data["client"]["conditions"] = ["pregnancy"]
    data["client"]["pregnancy_trimester"] = 2
    pregnant = tmp_path / "pregnant.json"
    pregnant.write_text(json.dumps(data))
    services.assessments.import_file(pregnant, client.id)
    widget.set_client(client)
    assert not widget.banner.isHidden()
    assert "rule out" in widget.banner.text() and "Bridge" in widget.banner.text()
    assert not widget.preview_button.isEnabled()
    widget.kind.setCurrentIndex(widget.kind.findData("summary"))
    assert widget.preview_button.isEnabled(), "the summary is still available"


# --- the clinic's phone before the first handout; the log sheet on request ---------------------


def _new_clinic_with_a_programme(qtbot: QtBot, services: Services, tmp_path: Path) -> DocumentsTab:
    """A clinic that has never saved its settings, with one client and a programme."""
    widget = DocumentsTab(make_context(services, tmp_path))
    qtbot.addWidget(widget)
    client = services.clients.create(ClientDetails(name="Ana Ribeiro"))
    services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    widget.set_client(client)
    return widget


def test_the_first_handout_asks_for_the_clinics_name_and_phone_and_saves_them(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = _new_clinic_with_a_programme(qtbot, services, tmp_path)
    widget.large_print.setChecked(True)
    asked: list[str] = []

    def answer(cls, parent, settings):  # type: ignore[no-untyped-def]
        asked.append(settings.phone)
        return settings.model_copy(update={"clinic_name": "Ñandú Physio", "phone": "555 0100"})

    monkeypatch.setattr(ContactDialog, "ask", classmethod(answer))
    widget.preview()
    assert asked == [""]
    saved, version = services.settings.get()
    assert (saved.clinic_name, saved.phone, version) == ("Ñandú Physio", "555 0100", 1)
    assert widget.pdf_bytes is not None, widget.message.text()
    first = PdfReader(io.BytesIO(widget.pdf_bytes)).pages[0].extract_text()
    assert "Ñandú Physio" in first and "555 0100" in first
    assert widget.large_print.isChecked(), "the print size chosen is kept"
    # Asked once: the next handout goes straight through.
    widget.preview()
    assert asked == [""]


def test_without_a_phone_number_no_handout_is_made(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = _new_clinic_with_a_programme(qtbot, services, tmp_path)
    monkeypatch.setattr(ContactDialog, "ask", classmethod(lambda cls, parent, settings: None))
    widget.preview()
    assert widget.pdf_bytes is None
    assert "phone number" in widget.message.text()
    assert services.settings.get() == (ClinicSettings(), 0), "nothing was saved"
    # The assessment summary does not need the phone.
    widget.kind.setCurrentIndex(widget.kind.findData("summary"))
    assert widget.preview_button.isEnabled()


def test_the_contact_dialog_will_not_save_without_a_phone_number(qtbot: QtBot) -> None:
    dialog = ContactDialog(None, ClinicSettings(clinic_name="Ñandú Physio"))
    qtbot.addWidget(dialog)
    assert dialog.clinic_name.text() == "Ñandú Physio"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert 'phone number (setting "phone") is not set' in dialog.error.text()
    qtbot.keyClicks(dialog.phone, "023 9200 0000")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values().phone == "023 9200 0000"


def test_the_log_sheet_is_printed_only_when_ticked(tab: DocumentsTab) -> None:
    tab.preview()
    assert tab.pdf_bytes is not None and "Your log sheet" not in pdf_text(tab.pdf_bytes)
    short = tab.document.pageCount()
    tab.log_sheet.setChecked(True)
    assert tab.pdf_bytes is None, "a stale preview is dropped"
    tab.preview()
    assert tab.pdf_bytes is not None and "Your log sheet" in pdf_text(tab.pdf_bytes)
    assert tab.document.pageCount() > short
    tab.kind.setCurrentIndex(tab.kind.findData("summary"))
    assert not tab.log_sheet.isEnabled()
