"""`physio-planner db upgrade|check`: migrate and inspect the database."""

from __future__ import annotations

import argparse

from sqlalchemy import inspect

from planner.cli import print_json
from planner.commands._common import add_json_flag
from planner.store import audit_chain
from planner.store.database import (
    Database,
    connect,
    describe,
    open_database,
    sqlite_integrity,
    upgrade,
)
from planner.store.models import TABLE_AUDIT_CHAIN


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="upgrade or check the database")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="apply pending migrations (backs up SQLite first)")
    up.set_defaults(func=_upgrade)
    check = dbsub.add_parser("check", help="report integrity and migration state")
    add_json_flag(check)
    check.set_defaults(func=_check)


def _upgrade(args: argparse.Namespace) -> int:
    db = connect(args.db)
    try:
        done = upgrade(db)
        state = db.migration_state()
    finally:
        db.dispose()
    for line in done:
        print(line)
    print(f"{describe(db.url)} is at revision {state.current} (newest)")
    return 0


def audit_trail_problems(db: Database) -> list[str]:
    """Broken links of the audit chain (none before the schema that added it)."""
    if not inspect(db.engine).has_table(TABLE_AUDIT_CHAIN):
        return []
    with db.engine.connect() as conn:
        return audit_chain.verify(conn)


def _check(args: argparse.Namespace) -> int:
    db = connect(args.db)
    try:
        state = db.migration_state()
        problems = sqlite_integrity(db)
        audit = audit_trail_problems(db)
    finally:
        db.dispose()
    problems = problems + audit
    report = {
        "database": describe(db.url),
        "revision": state.current,
        "head": state.head,
        "up_to_date": not state.pending,
        "integrity": "ok" if not problems else "problems",
        "audit_trail": "ok" if not audit else "broken",
        "problems": problems,
    }
    if args.json:
        print_json(report)
    else:
        print(f"database:  {report['database']}")
        print(f"revision:  {state.current or 'none (empty database)'}")
        print(f"newest:    {state.head}" + ("" if not state.pending else "  (upgrade pending)"))
        print(f"integrity: {report['integrity']}")
        print(f"audit:     {'chain whole' if not audit else 'chain broken'}")
        for p in problems:
            print(f"  - {p}")
    return 0 if not problems else 1


__all__ = ["open_database", "register"]
