"""The settings dialog: clinic details saved for every workstation, the database tested."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from planner.services import Services
from tests.policy import set_clinic
from tests.ui.test_main_window import make_context
from ui.context import AppContext
from ui.settings_dialog import DB_URL_KEY, SettingsDialog

pytestmark = pytest.mark.gui


def test_clinic_details_are_saved_and_shown_next_time(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ctx = make_context(services, tmp_path)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.clinic_name, "Ærø Physio & Pilates")
    qtbot.keyClicks(dialog.phone, "+45 1234 5678")
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.large_print.setChecked(True)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (900, 300), (0, 80, 160)).save(logo)
    dialog.set_logo_file(logo)
    with qtbot.waitSignal(ctx.events.changed, raising=True, check_params_cb=lambda c: c.settings):
        dialog.save()
    settings, _ = services.settings.get()
    assert settings.clinic_name == "Ærø Physio & Pilates"
    assert (settings.paper, settings.large_print, settings.phone) == (
        "letter",
        True,
        "+45 1234 5678",
    )
    assert services.settings.logo() is not None

    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.clinic_name.text() == "Ærø Physio & Pilates"


def test_a_bad_qr_address_is_named_and_nothing_saved(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = SettingsDialog(make_context(services, tmp_path))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.qr_url, "clinic dot com")
    dialog.save()
    assert "QR code" in dialog.error.text()
    assert services.settings.get()[1] == 0


def test_a_logo_that_is_not_an_image(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    dialog = SettingsDialog(make_context(services, tmp_path))
    qtbot.addWidget(dialog)
    fake = tmp_path / "logo.png"
    fake.write_text("hello")
    dialog.set_logo_file(fake)
    assert "not a PNG or JPEG image" in dialog.error.text()


def test_database_connection_test_reports_success_and_failure(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ctx = make_context(services, tmp_path)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.db_url.setText(f"sqlite:///{tmp_path / 'other.db'}")
    dialog.test_connection()
    assert dialog.db_result.text().startswith("There is no database there yet")
    assert not (tmp_path / "other.db").exists(), "testing a connection creates nothing"
    dialog.db_url.setText(str(services.db.url))
    dialog.test_connection()
    assert dialog.db_result.text().startswith("Connected to the")
    dialog.db_url.setText("postgresql://nobody@127.0.0.1:1/none")
    dialog.test_connection()
    assert dialog.db_result.text().startswith("Cannot use it: cannot reach")
    dialog.save()
    assert ctx.state().value(DB_URL_KEY) == "postgresql://nobody@127.0.0.1:1/none"


def test_a_bad_email_and_a_missing_logo_file_are_named(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    dialog = SettingsDialog(make_context(services, tmp_path))
    qtbot.addWidget(dialog)
    dialog.set_logo_file(tmp_path / "nowhere.png")
    assert dialog.error.text() == f"{tmp_path / 'nowhere.png'}: no such file"
    qtbot.keyClicks(dialog.email, "not-an-email")
    dialog.save()
    assert "Email" in dialog.error.text() and "not an email address" in dialog.error.text()
    assert services.settings.get()[1] == 0


def test_a_save_that_lost_to_another_workstation_offers_the_reload(
    qtbot: QtBot, ctx: AppContext, services: Services, elsewhere: Services, reloads: list[str]
) -> None:
    """Two settings saves at once: the later one is a conflict, never a traceback or a silent
    overwrite, and the window shows what the other workstation stored (issue 16, 4)."""
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    set_clinic(elsewhere, clinic_name="Front desk's name")
    dialog.clinic_name.setText("My name")
    dialog.save()
    assert reloads == ["the clinic settings"]
    assert services.settings.get()[0].clinic_name == "Front desk's name"
    assert dialog.clinic_name.text() == "Front desk's name", "the stored settings are shown"
    dialog.clinic_name.setText("My name")
    dialog.save()
    assert services.settings.get()[0].clinic_name == "My name"
