"""The settings dialog: clinic details saved for every workstation, the database tested."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from planner.services import Services
from tests.policy import set_clinic
from tests.ui.builders import outlined, shown, wheel
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


# -- on the form base: wheel, problems beside their field, conflicts -------------------------


def test_the_wheel_over_focused_settings_changes_nothing_that_is_saved(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    before, _ = services.settings.get()
    dialog = shown(qtbot, SettingsDialog(make_context(services, tmp_path)))
    for widget in (dialog.session, dialog.paper, dialog.weight, dialog.distance):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        wheel(widget, -1)
        wheel(widget, 1)
        wheel(widget, 1)
    assert dialog.session.value() == before.session_minutes
    dialog.save()
    after, _ = services.settings.get()
    assert (after.session_minutes, after.paper, after.weight_unit, after.distance_unit) == (
        before.session_minutes,
        before.paper,
        before.weight_unit,
        before.distance_unit,
    )


def test_a_bad_email_is_named_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ctx = make_context(services, tmp_path)
    version = services.settings.get()[1]
    dialog = shown(qtbot, SettingsDialog(ctx))
    dialog.phone.setText("01234 567890")
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "front desk at clinic")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)  # Enter presses no button
    assert dialog.isVisible() and services.settings.get()[1] == version
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error.text() == "Email: 'front desk at clinic' is not an email address"
    assert outlined(dialog.email) and dialog.focusWidget() is dialog.email
    assert not outlined(dialog.phone)
    assert services.settings.get()[1] == version
    # The same words right under the email field, not only at the foot of a tall dialog.
    under = under_field(dialog, dialog.email)
    assert under.text() == dialog.error.text() and under.isVisible()

    # A database address that cannot be read moves the outline there; still nothing saved.
    dialog.email.setText("desk@clinic.example")
    dialog.db_url.setText("postgresql://physio:secret@server:fivefour/clinic")
    dialog.save()
    assert dialog.error.text().startswith("Database URL: this is not a database address")
    assert "secret" not in dialog.error.text()
    assert outlined(dialog.db_url) and not outlined(dialog.email)
    assert under_field(dialog, dialog.db_url).text() == dialog.error.text()
    assert len(dialog.findChildren(QLabel, "inline_problem")) == 1  # the email's has gone
    assert services.settings.get()[1] == version
    assert ctx.state().value(DB_URL_KEY) is None


def test_a_lost_save_stays_open_saying_so_and_keeps_the_referral_levels(
    qtbot: QtBot, ctx: AppContext, services: Services, elsewhere: Services, reloads: list[str]
) -> None:
    levels = {"red_flags": {"levels": {"history_of_cancer": "urgent"}}}
    set_clinic(services, clinical_overrides=levels, phone="01234 000000")
    dialog = shown(qtbot, SettingsDialog(ctx))
    set_clinic(elsewhere, clinic_name="Harbour Physio")  # the other workstation saves first
    dialog.phone.setText("01234 567890")
    dialog.save()
    assert reloads == ["the clinic settings"]
    assert dialog.isVisible() and "Your edit was not saved" in dialog.error.text()
    assert dialog.clinic_name.text() == "Harbour Physio"  # reloaded: the stored version
    assert dialog.phone.text() == services.settings.get()[0].phone == "01234 000000"

    dialog.phone.setText("01234 567890")
    dialog.save()
    assert not dialog.isVisible() and reloads == ["the clinic settings"]
    settings = services.settings.get()[0]
    assert (settings.clinic_name, settings.phone) == ("Harbour Physio", "01234 567890")
    # The clinic's referral levels, which this dialog does not show, are kept.
    assert settings.clinical_overrides == levels


def under_field(dialog: QWidget, field: QWidget) -> QLabel:
    """The problem shown directly below ``field`` (its top within a row gap of the field)."""
    (label,) = dialog.findChildren(QLabel, "inline_problem")
    QApplication.processEvents()  # the layout places the new row on its next pass
    field_bottom = field.mapTo(dialog, field.rect().bottomLeft()).y()
    top = label.mapTo(dialog, label.rect().topLeft()).y()
    assert 0 <= top - field_bottom <= 16, (field_bottom, top)
    return label
