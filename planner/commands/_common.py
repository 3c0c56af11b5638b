"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from planner.services import Services
from planner.store.database import Database, open_database


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> Services:
    """The database named by --db (or the environment/default), checked and migrated."""
    db: Database = open_database(getattr(args, "db", None), migrate=migrate)
    return Services(db)


@contextmanager
def services_for(args: argparse.Namespace) -> Iterator[Services]:
    """Services on the database named by --db, closed again when the command is done."""
    services = open_services(args)
    try:
        yield services
    finally:
        services.db.dispose()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
