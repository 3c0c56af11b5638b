"""Take the screenshots in docs/ from the real window, offscreen, with the demo clinic.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

The History, Assessment, Programme and Schedule shots were made by the same means while those
screens were built; this script renders the main window, the Documents tab with a previewed
handout, and the settings dialog.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.demo import create_demo  # noqa: E402
from planner.services import Services  # noqa: E402
from planner.store.database import open_database  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings_dialog import SettingsDialog  # noqa: E402
from ui.tasks import ImmediateRunner  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/demo.db")
        services = Services(db)
        create_demo(services)
        state = QSettings(f"{tmp}/window.ini", QSettings.Format.IniFormat)
        ctx = AppContext(services, runner=ImmediateRunner(), window_state=state)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        win.select_client(services.clients.search("zoe")[0].id)
        win.tabs.setCurrentWidget(win.history_tab)
        app.processEvents()
        win.grab().save(str(DOCS / "main-window.png"))

        win.tabs.setCurrentWidget(win.documents_tab)
        win.documents_tab.preview()
        for _ in range(20):
            app.processEvents()
        win.grab().save(str(DOCS / "screen-documents.png"))

        dialog = SettingsDialog(ctx, win)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(DOCS / "screen-settings.png"))
        dialog.close()
        win.close()
        db.dispose()
    print("wrote main-window.png, screen-documents.png, screen-settings.png in docs/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
