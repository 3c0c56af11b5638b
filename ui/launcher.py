"""The ``physio-planner`` console script: commands run headless, no command opens the window.

It lives in ui because only ui may know the window exists; Qt is imported only when the window is
actually wanted, so headless commands start fast and work on machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import reports.commands
from planner import cli


def _start_gui(db_url: str | None) -> int:
    from ui.app import main as gui_main

    return gui_main(["--db", db_url] if db_url else [])


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(
        sys.argv[1:] if argv is None else argv,
        start_gui=_start_gui,
        extra_commands=[reports.commands],
    )


if __name__ == "__main__":
    raise SystemExit(main())
