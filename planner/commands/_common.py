"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from exercise_library.catalogue import Catalogue, builtin_catalogue
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.reading import fail, read_json
from planner.services import Services
from planner.store.backup import daily_backup
from planner.store.database import Database, open_database

TOKEN_ENV = "PHYSIO_PLANNER_TOKEN"


def read_token(args: argparse.Namespace) -> str | None:
    """The clinician's token: --token-file first, then $PHYSIO_PLANNER_TOKEN.

    A token file others can read is refused, as ssh refuses such a key: the token opens the
    clinic's records.
    """
    path: Path | None = getattr(args, "token_file", None)
    if path is None:
        return os.environ.get(TOKEN_ENV, "").strip() or None
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise UserError(f"{path}: cannot read the token file ({exc.strerror or exc})") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UserError(f"{path}: other users can read this token file; run chmod 600 {path}")
    if not text:
        raise UserError(f"{path}: the token file is empty")
    return text


def sign_in_command(services: Services, args: argparse.Namespace) -> None:
    """Act as the token's clinician; with sign-in on, a token is required."""
    token = read_token(args)
    if token is not None:
        services.act_as(services.accounts.from_token(token))
        return
    settings, _ = services.settings.get()
    if settings.sign_in_required:
        raise UserError(
            "sign-in is on for this database: put your token in PHYSIO_PLANNER_TOKEN or pass "
            "--token-file FILE (an administrator issues tokens: physio-planner user token NAME)"
        )


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> Services:
    """The database named by --db (or the environment/default), checked and migrated, with
    the clinician the command's token names."""
    db: Database = open_database(getattr(args, "db", None), migrate=migrate)
    services = Services(db)
    try:
        sign_in_command(services, args)
        daily_backup(db.url, services.settings.get()[0].backups_kept)
    except BaseException:
        db.dispose()
        raise
    return services


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
    raw, _text = read_json(path, path.name)
    if not isinstance(raw, dict):
        raise fail(path.name, "expected a JSON object of threshold names and values")
    return raw


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
