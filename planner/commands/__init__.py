"""Subcommands of ``physio-planner``. Each module has ``register(subparsers)``.

A handler takes the parsed arguments and returns the exit code; it raises
:class:`planner.errors.PlannerError` for bad input, which the entry point turns into one line on
stderr and exit code 2. Add a module here and list it in ``COMMAND_MODULES``.
"""

from __future__ import annotations

COMMAND_MODULES: tuple[str, ...] = (
    "planner.commands.db",
    "planner.commands.demo",
    "planner.commands.assess",
    "planner.commands.library",
    "planner.commands.records",
    "planner.commands.programme",
    "planner.commands.accounts",
    "planner.commands.backup",
    "planner.commands.clinic",
)
