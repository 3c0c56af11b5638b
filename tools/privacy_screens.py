"""Show one of the privacy dialogs on a demo clinic, for a screenshot in a real window:

    /work/shared/tools/look-window docs/screen-sign-in.png 6 \
        .venv/bin/python tools/privacy_screens.py sign-in

Screens: sign-in, accounts, audit, erase. The demo clinic lives in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile

from PySide6.QtWidgets import QApplication

from planner.demo import create_demo
from planner.services import Services
from planner.store.database import open_database
from ui.context import AppContext
from ui.tasks import ImmediateRunner

PASSWORD = "demo password 1"


def main(screen: str) -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/demo.db")
        services = Services(db)
        services.accounts.add("mhughes", PASSWORD, is_admin=True, name="Maria Hughes")
        services.act_as(services.accounts.sign_in("mhughes", PASSWORD))
        services.accounts.add("tokafor", PASSWORD, name="Tunde Okafor")
        create_demo(services)
        ctx = AppContext(services, runner=ImmediateRunner())
        if screen == "sign-in":
            from ui.sign_in import SignInDialog

            dialog = SignInDialog(services, username="tokafor", locked=True)
            dialog.password.setText("wrong")
            dialog.try_sign_in()
        elif screen == "accounts":
            from ui.accounts_dialog import AccountsDialog

            dialog = AccountsDialog(ctx)
            dialog.accounts.setCurrentRow(1)
        elif screen == "audit":
            from ui.audit_viewer import AuditDialog

            for client in services.clients.search("")[:3]:
                services.audit_trail.record_view(client.id)
            dialog = AuditDialog(ctx)
        elif screen == "erase":
            from ui.erase_dialog import EraseClientDialog

            client = services.clients.search("zoe")[0]
            dialog = EraseClientDialog(services, services.privacy.erase_plan(client.id))
            dialog.reason.setCurrentIndex(1)
            dialog.typed.setText(f"erase {client.id}")
        else:
            raise SystemExit(f"unknown screen '{screen}'")
        dialog.show()
        code = app.exec()
        db.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "sign-in"))
