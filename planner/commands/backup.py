"""`physio-planner backup [--out FILE]` and `physio-planner restore FILE`.

Both need an administrator once one exists: a backup holds every client's record, and a
restore replaces them all. A database too damaged to open cannot say who its administrator is,
so restoring over it is allowed to whoever can reach the file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.commands._common import open_services
from planner.errors import StorageError
from planner.store.backup import make_backup, restore_postgres, restore_sqlite, sqlite_path
from planner.store.database import describe, open_database, resolve_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the whole database to a file (owner-only)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where to write it (default: the backups folder beside the database)",
    )
    p.set_defaults(func=_backup)

    p = sub.add_parser(
        "restore", help="replace the database with a backup, after checking it (current kept)"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=_restore)


def _backup(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        services.accounts.require_admin("back up the database")
        keep = services.settings.get()[0].backups_kept
        result = make_backup(services.db.url, args.out, keep=None if args.out else keep)
        with services.db.transaction() as session:
            services.audit(session, "database", 0, "backup", None, [])
    finally:
        services.db.dispose()
    print(f"backed up the {describe(services.db.url)} to {result.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    url = resolve_url(getattr(args, "db", None))
    try:
        services = open_services(args)
    except StorageError:
        services = None  # too damaged to ask: whoever reaches the file may restore it
    if services is not None:
        try:
            services.accounts.require_admin("restore the database")
        finally:
            services.db.dispose()
    if sqlite_path(url) is not None:
        aside = restore_sqlite(url, args.file)
    else:
        aside = restore_postgres(url, args.file)
    # Bring an older copy up to this release's schema now, not at the next start.
    open_database(url.render_as_string(hide_password=False)).dispose()
    print(f"restored the {describe(url)} from {args.file}")
    if aside is not None:
        print(f"the database as it was is kept in {aside}")
    return 0
