"""The ``physio-planner`` entry point.

With no command it starts the desktop app; with a command it does the same work headless, so
scripts and tests drive the product exactly as a clinician's actions would. Bad input ends in
one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from exercise_library.bounds import escape
from planner import __version__
from planner.commands import COMMAND_MODULES
from planner.errors import PlannerError

EXIT_USER_ERROR = 2


def print_json(data: Any) -> None:
    """Machine-readable output: stable key order as built, UTF-8, newline at the end."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def build_parser(extra_commands: Sequence[ModuleType] = ()) -> argparse.ArgumentParser:
    """The parser with planner's commands plus ``extra_commands``: modules from higher layers
    (reports) that the launcher passes in, each with ``register(subparsers)``, so planner never
    imports them."""
    parser = argparse.ArgumentParser(
        prog="physio-planner",
        description="Assess clients, plan exercise programmes and print home programmes. "
        "With no command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"physio-planner {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: $PHYSIO_PLANNER_DB or the SQLite file in the "
        "user data folder)",
    )
    parser.add_argument(
        "--token-file",
        metavar="FILE",
        type=Path,
        help="file holding your sign-in token (default: $PHYSIO_PLANNER_TOKEN); needed when the "
        "clinic has turned sign-in on",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for module in extra_commands:
        module.register(sub)
    _accept_db_everywhere(parser)
    return parser


def _accept_db_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let --db and --token-file follow any command too (`physio-planner demo --db URL`), as
    users type them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                for option, kind in (("--db", str), ("--token-file", Path)):
                    if not any(option in a.option_strings for a in child._actions):
                        child.add_argument(
                            option, type=kind, default=argparse.SUPPRESS, help=argparse.SUPPRESS
                        )
                _accept_db_everywhere(child)


def main(
    argv: Sequence[str] | None = None,
    start_gui: Callable[[str | None], int] | None = None,
    extra_commands: Sequence[ModuleType] = (),
) -> int:
    """Run one command; with none, call ``start_gui`` (the launcher in ui passes it in, so
    planner never imports the GUI, and likewise the report commands in ``extra_commands``)."""
    parser = build_parser(extra_commands)
    args = parser.parse_args(argv)
    if not args.command:
        if start_gui is None:
            parser.print_help()
            return 0
        return start_gui(args.db)
    try:
        return int(args.func(args) or 0)
    except PlannerError as exc:
        # Escaped: a value quoted from a file must not reorder or hide the line it is in.
        print(f"physio-planner: {escape(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
