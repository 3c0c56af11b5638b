"""Open the real window at 1280 x 800 on one tab of a demo client, for a screenshot.

    /work/shared/tools/look-window docs/screen-1280-programme.png 12 \
        .venv/bin/python tools/window_tour.py --tab Programme
    /work/shared/tools/look-window docs/screen-1280-stop.png 12 \
        .venv/bin/python tools/window_tour.py --tab Assessment --red-flag cauda_equina_signs

A fresh demo clinic in a temporary database each time; the window stays open until it is
closed (look-window closes it after its screenshot).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from exercise_library.vocabulary import RedFlag
from planner.demo import create_demo
from planner.services import Services
from planner.store.database import open_database
from ui.context import AppContext
from ui.main_window import TAB_NAMES, MainWindow


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tab", choices=TAB_NAMES, default="History")
    parser.add_argument("--client", default="Zoë")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument(
        "--red-flag",
        choices=[f.value for f in RedFlag],
        help="tick this flag on the Assessment tab",
    )
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication(sys.argv[:1])
    tmp = tempfile.mkdtemp(prefix="physio-tour-")
    services = Services(open_database(f"sqlite:///{tmp}/demo.db"))
    create_demo(services)
    state = QSettings(f"{tmp}/window.ini", QSettings.Format.IniFormat)
    win = MainWindow(AppContext(services, window_state=state))
    win.setGeometry(0, 0, width, height)
    win.show()
    win.select_client(services.clients.search(args.client)[0].id)
    win.tabs.setCurrentIndex(TAB_NAMES.index(args.tab))
    if args.red_flag:
        tab = win.assessment_tab
        box = tab.form.flags.boxes[RedFlag(args.red_flag)]
        box.setChecked(True)
        tab.flush()
        tab.scroll.ensureWidgetVisible(box, 0, 200)
    if args.tab == "Documents":
        QTimer.singleShot(500, win.documents_tab.preview)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
