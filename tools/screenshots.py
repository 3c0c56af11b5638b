"""Take the screenshots in docs/ from the real window, offscreen, with the demo clinic.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py

The History, Assessment, Programme and Schedule shots were made by the same means while those
screens were built; this script renders the main window, the Documents tab with a previewed
handout, the settings dialog and the Clinic exercises window with its editor.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from planner.demo import create_demo
from planner.services import Services
from planner.store.database import open_database
from ui.clinic_exercises import ClinicExercisesDialog
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.tasks import ImmediateRunner

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
        clinic_exercises(app, ctx, win)
        win.close()
        db.dispose()
    print(
        "wrote main-window.png, screen-documents.png, screen-settings.png, "
        "screen-clinic-exercises.png, screen-clinic-exercise-editor.png in docs/"
    )
    return 0


def clinic_exercises(app: QApplication, ctx: AppContext, win: MainWindow) -> None:
    """The clinic's own bridge (a ball between the knees) in the window and in its editor."""
    exercises = ctx.services.exercises
    name = "Bridge with ball squeeze"
    bridge, version = exercises.duplicate("bridge", "clinic_bridge_ball", name)
    steps = list(bridge.steps)
    steps[3] = "Breathe out, squeeze the ball between your knees and lift your hips."
    edited = bridge.model_copy(update={"steps": steps, "aliases": ["ball bridge"]})
    exercises.update(edited, version)
    exercises.duplicate("clamshell", "clinic_clamshell_band", "Clamshell with band")
    exercises.duplicate("dead_bug", "clinic_dead_bug_wall", "Dead bug pressing a wall")
    dialog = ClinicExercisesDialog(ctx, win)
    dialog.show()
    dialog.refresh(select="clinic_bridge_ball")
    app.processEvents()
    dialog.grab().save(str(DOCS / "screen-clinic-exercises.png"))
    editor = dialog.edit()
    assert editor is not None
    app.processEvents()
    editor.grab().save(str(DOCS / "screen-clinic-exercise-editor.png"))
    editor.close()
    dialog.close()


if __name__ == "__main__":
    raise SystemExit(main())
