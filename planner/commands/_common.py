"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from exercise_library.catalogue import Catalogue, builtin_catalogue
from planner.errors import UserError
from planner.policy import ClinicPolicy
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


def database_wanted(args: argparse.Namespace) -> bool:
    """A database is used when one is named, or when this workstation already has one; a
    command that works on files never creates a database as a side effect."""
    from planner.store.database import ENV_VAR, resolve_url

    if getattr(args, "db", None) or os.environ.get(ENV_VAR):
        return True
    url = resolve_url(None)
    return url.get_backend_name() == "sqlite" and Path(url.database or "").exists()


@dataclass(frozen=True)
class Clinic:
    """What a file command knows of the clinic: its policy and library, and its database
    (None when the command runs on files alone)."""

    policy: ClinicPolicy
    catalogue: Catalogue
    services: Services | None


@contextmanager
def clinic_for(args: argparse.Namespace) -> Iterator[Clinic]:
    """The clinic's policy and library from its database when there is one, else the
    published policy and the built-in library; ``--thresholds FILE`` (where the command has
    it) is applied on top and may only make the red-flag screen stricter."""
    services = open_services(args) if database_wanted(args) else None
    try:
        if services is not None:
            policy = services.settings.policy()
            catalogue = services.exercises.catalogue()
        else:
            policy, catalogue = ClinicPolicy.published(), builtin_catalogue()
        path = getattr(args, "thresholds", None)
        if path is not None:
            policy = policy.tightened(read_overrides(path), where=path.name)
        yield Clinic(policy, catalogue, services)
    finally:
        if services is not None:
            services.db.dispose()


def read_overrides(path: Path) -> dict[str, object]:
    """A JSON file of clinical threshold overrides, nested by area or flat by name."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"{path.name}: cannot be read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path.name}: not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise UserError(f"{path.name}: expected a JSON object of threshold names and values")
    return raw


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
