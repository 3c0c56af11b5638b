"""Starting the desktop app: check the display, open the database, show the main window.

What can go wrong at start-up is said in words a clinic's IT person can act on: missing system
libraries for Qt's X11 platform name the Debian packages to install, and a database problem is
shown in a dialog (and on stderr) instead of a crash.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import sys
from collections.abc import Sequence

# Libraries Qt's xcb platform plugin loads (Qt >= 6.5), with the Debian/Ubuntu packages that
# provide them. Checked before Qt starts, because a missing one makes Qt abort the process.
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def missing_xcb_packages() -> list[str]:
    """Debian packages whose libraries Qt's xcb plugin needs but this machine lacks."""
    return sorted(
        pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None
    )


def _uses_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return sys.platform.startswith("linux") and not os.environ.get("WAYLAND_DISPLAY")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="physio-planner-gui")
    parser.add_argument("--db", metavar="URL")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))

    if _uses_xcb():
        missing = missing_xcb_packages()
        if missing:
            print(
                "physio-planner: the desktop window needs system libraries that are missing.\n"
                f"  Install them with: sudo apt-get install {' '.join(missing)}\n"
                "  (or run on another display platform, e.g. QT_QPA_PLATFORM=wayland)",
                file=sys.stderr,
            )
            return 3
        if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
            print(
                "physio-planner: no display found (DISPLAY is not set); start it from a "
                "desktop session, or use the commands: physio-planner --help",
                file=sys.stderr,
            )
            return 3

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox
    from sqlalchemy.exc import ArgumentError

    from planner.errors import PlannerError
    from planner.services import Services
    from planner.store.database import ENV_VAR, open_database
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings_dialog import DB_URL_KEY, remembered_url
    from ui.sign_in import SignInDialog, WindowLock

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Physio Planner")
    app.setOrganizationName("Physio Planner")
    state = QSettings("Physio Planner", "Physio Planner")
    stored = state.value(DB_URL_KEY)
    if stored:
        # A password an older release remembered moves out of the plain settings file.
        try:
            kept = remembered_url(str(stored))
        except (PlannerError, ArgumentError):
            kept = str(stored)
        if kept != str(stored):
            state.setValue(DB_URL_KEY, kept)
    chosen = args.db or os.environ.get(ENV_VAR) or stored or None
    try:
        db = open_database(str(chosen) if chosen else None)
    except PlannerError as exc:
        print(f"physio-planner: {exc}", file=sys.stderr)
        QMessageBox.critical(None, "Physio Planner", f"The database cannot be opened.\n\n{exc}")
        return 2
    services = Services(db)
    settings, _ = services.settings.get()
    if settings.sign_in_required and SignInDialog.ask(services) is None:
        db.dispose()
        return 0
    window = MainWindow(AppContext(services, window_state=state))
    window.show()
    window.privacy.daily_backup_in_background()
    if settings.sign_in_required:
        window.lock = WindowLock(window, services, settings.idle_lock_minutes * 60_000)
    code = app.exec()
    db.dispose()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
