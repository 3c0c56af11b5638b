"""Sign-in, the idle lock, recorded views, the audit viewer and erasing, in the real window."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from planner.records import ClientDetails
from planner.services import Services
from planner.store.database import open_database
from planner.store.models import AuditRow
from ui.audit_viewer import AuditDialog
from ui.context import AppContext
from ui.erase_dialog import EraseClientDialog
from ui.main_window import MainWindow
from ui.privacy_actions import READ_ONLY_NOTICE
from ui.sign_in import SignInDialog, WindowLock
from ui.tasks import ImmediateRunner

pytestmark = pytest.mark.gui
PASSWORD = "correct horse battery"


def _window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(services, runner=ImmediateRunner(), window_state=state))
    qtbot.addWidget(win)
    win.show()
    return win


def _views(services: Services) -> list[tuple[int | None, int | None]]:
    with services.db.transaction() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.action == "view")).all()
        return [(r.client_id, r.clinician_id) for r in rows]


def test_sign_in_refuses_a_wrong_password_and_names_the_clinician_after(
    qtbot: QtBot, services: Services
) -> None:
    services.accounts.add("kim", PASSWORD)
    dialog = SignInDialog(services)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "kim")
    qtbot.keyClicks(dialog.password, "not it at all")
    dialog.sign_in_button.click()
    assert dialog.error.text() == "Wrong user name or password."
    assert services.account is None and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert services.account is not None and services.account.username == "kim"


def test_opening_a_client_is_recorded_with_the_signed_in_clinician(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.accounts.add("kim", PASSWORD)
    services.act_as(services.accounts.sign_in("kim", PASSWORD))
    ada = services.clients.create(ClientDetails(name="Ada Park"))
    ben = services.clients.create(ClientDetails(name="Ben Ode"))
    win = _window(qtbot, services, tmp_path)
    win.select_client(ben.id)
    win.select_client(ada.id)
    kim = services.account.id  # type: ignore[union-attr]
    assert _views(services)[-2:] == [(ben.id, kim), (ada.id, kim)]
    assert not win.privacy.notice.isVisible()


def test_a_read_only_database_says_views_are_not_recorded(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ada = services.clients.create(ClientDetails(name="Ada Park"))
    services.clients.create(ClientDetails(name="Ben Ode"))
    services.db.dispose()
    path = Path(services.db.url.database or "")
    path.chmod(0o444)  # a copy on a share the workstation may only read
    read_only = open_database(str(services.db.url))
    try:
        assert read_only.read_only
        win = _window(qtbot, Services(read_only), tmp_path)
        win.select_client(ada.id)
        assert win.privacy.notice.isVisible()
        assert win.privacy.notice.text() == READ_ONLY_NOTICE
    finally:
        read_only.dispose()


def test_the_window_locks_when_idle_and_opens_again_for_the_password(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.accounts.add("kim", PASSWORD)
    services.act_as(services.accounts.sign_in("kim", PASSWORD))
    services.clients.create(ClientDetails(name="Ada Park"))
    win = _window(qtbot, services, tmp_path)
    lock = WindowLock(win, services, idle_ms=60)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    assert not win.isVisible(), "no client's record stays on screen while locked"
    dialog = lock.dialog
    assert dialog is not None and dialog.username.text() == "kim"
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.sign_in_button.click()
    assert lock.is_locked and not win.isVisible()
    qtbot.keyClicks(dialog.password, PASSWORD)
    dialog.sign_in_button.click()
    assert not lock.is_locked and win.isVisible()
    lock.idle.stop()


def test_the_audit_viewer_lists_entries_says_when_the_chain_breaks_and_exports(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ada = services.clients.create(ClientDetails(name="Ada Park"))
    services.clients.update(ada.id, ada.version, ada.details.model_copy(update={"phone": "0123"}))
    ctx = AppContext(services, runner=ImmediateRunner())
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2
    assert dialog.model.data(dialog.model.index(0, 4)) == "edit"
    assert dialog.model.data(dialog.model.index(0, 7)) == "phone"
    assert "whole" in dialog.status.text()
    out = tmp_path / "audit.csv"
    assert dialog.export_to(out) == 2
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Ada" not in out.read_text()
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET fields = '[]' WHERE action = 'edit'"))
    dialog.reload()
    assert "broken" in dialog.status.text() and "was changed" in dialog.status.text()


def test_erasing_from_the_window_needs_the_typed_words_and_forgets_the_client(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    services.settings.save(services.settings.get()[0].model_copy(update={"retention_years": 0}), 0)
    ada = services.clients.create(ClientDetails(name="Ada Park"))
    ben = services.clients.create(ClientDetails(name="Ben Ode"))
    win = _window(qtbot, services, tmp_path)
    win.select_client(ada.id)
    dialog = EraseClientDialog(services, services.privacy.erase_plan(ada.id), win)
    qtbot.addWidget(dialog)
    assert "Ada Park" in dialog.findChildren(type(dialog.error))[0].text()
    qtbot.keyClicks(dialog.typed, f"erase {ben.id}")
    assert not dialog.erase_button.isEnabled()
    dialog.typed.clear()
    qtbot.keyClicks(dialog.typed, f"erase {ada.id}")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    assert dialog.result() == EraseClientDialog.DialogCode.Accepted
    win.privacy.forget(ada.id)
    assert win.current_client() is None
    assert [win.model.client_at(r).name for r in range(win.model.rowCount())] == ["Ben Ode"]
    assert win.header.title.text() == "No client open"
