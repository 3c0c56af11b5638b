"""`physio-planner db upgrade|check`: migrate and inspect the database.

`db check` only reads: it opens the database read-only, never creates a missing file and runs
every check in :data:`planner.store.checks.CHECKS`. Exit status 0 means healthy, 1 means it
found problems (each printed in words), 2 means it could not look at all (bad URL, no file,
server unreachable).
"""

from __future__ import annotations

import argparse

from planner.cli import print_json
from planner.commands._common import add_json_flag
from planner.errors import StorageError
from planner.store.checks import CheckResult, run_checks
from planner.store.database import connect, describe, resolve_url
from planner.store.migrate import upgrade
from planner.store.sqlite_file import DamagedDatabaseError

EXIT_PROBLEMS = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="upgrade or check the database")
    dbsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="apply pending migrations (backs up SQLite first)")
    up.set_defaults(func=_upgrade)
    check = dbsub.add_parser(
        "check", help="check the file, schema and every stored record (changes nothing)"
    )
    add_json_flag(check)
    check.set_defaults(func=_check)


def _upgrade(args: argparse.Namespace) -> int:
    db = connect(args.db, create=True)
    try:
        done = upgrade(db)
        state = db.migration_state()
    finally:
        db.dispose()
    for line in done:
        print(line)
    print(f"{describe(db.url)} is at revision {state.current} (newest)")
    return 0


def _check(args: argparse.Namespace) -> int:
    url = resolve_url(args.db)
    try:
        db = connect(args.db, read_only=True)
    except DamagedDatabaseError as exc:
        return _report(
            args, describe(url), None, None, [CheckResult("file", "SQLite file", [str(exc)])]
        )
    try:
        state = db.migration_state()
        results = run_checks(db)
    except StorageError as exc:
        results = [CheckResult("file", "SQLite file", [str(exc)])]
        state = None
    finally:
        db.dispose()
    return _report(
        args,
        describe(db.url),
        state.current if state else None,
        state.head if state else None,
        results,
    )


def _report(
    args: argparse.Namespace,
    where: str,
    revision: str | None,
    head: str | None,
    results: list[CheckResult],
) -> int:
    problems = [f"{r.title}: {p}" for r in results for p in r.problems]
    if args.json:
        print_json(
            {
                "database": where,
                "revision": revision,
                "head": head,
                "up_to_date": revision is not None and revision == head,
                "integrity": "ok" if not problems else "problems",
                "audit_trail": "ok" if _ok(results, "audit") else "broken",
                "checks": {
                    r.name: {"ok": r.ok, "problems": r.problems, "notes": r.notes} for r in results
                },
                "problems": problems,
            }
        )
    else:
        print(f"database:  {where}")
        if head is not None:
            print(f"revision:  {revision or 'none (empty database)'} (newest {head})")
        for r in results:
            print(f"{r.title}: {r.verdict}")
            for note in r.notes:
                print(f"  note: {note}")
            for problem in r.problems:
                print(f"  - {problem}")
        count = len(problems)
        print(f"{count or 'no'} problem{'s' if count != 1 else ''} found")
    return 0 if not problems else EXIT_PROBLEMS


def _ok(results: list[CheckResult], name: str) -> bool:
    return all(r.ok for r in results if r.name == name)
