"""Backup and restore of a big clinic: 5,000 clients with 50,000 programme items (issue 17).

The database is the start-up benchmark's (built once, cached). A backup is the SQLite online
backup API into a new owner-only file; a restore checks the copy (integrity, schema, audit
chain) and then copies it into the live file through the same API, after copying the live file
aside. Both are timed end to end, as `physio-planner backup` and `restore` run them.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.startup_bench import CLIENTS, DB_PATH, ITEMS_PER_PROGRAMME, build_database

RUNS = 5


def main() -> None:
    from planner.store.backup import check_sqlite_copy, make_backup, restore_sqlite
    from planner.store.database import open_database, resolve_url

    build_database()
    with tempfile.TemporaryDirectory() as tmp:
        live = Path(tmp) / "clinic.db"
        shutil.copy(DB_PATH, live)
        url = resolve_url(f"sqlite:///{live}")
        open_database(str(url.render_as_string())).dispose()  # up to this release's schema
        backups, checks, restores = [], [], []
        for n in range(RUNS):
            out = Path(tmp) / f"copy-{n}.db"
            t = time.perf_counter()
            make_backup(url, out)
            backups.append(time.perf_counter() - t)
            t = time.perf_counter()
            check_sqlite_copy(out)
            checks.append(time.perf_counter() - t)
            t = time.perf_counter()
            aside = restore_sqlite(url, out)
            restores.append(time.perf_counter() - t)
            if aside is not None:
                aside.unlink()
        size = live.stat().st_size / 1e6
    items = CLIENTS * ITEMS_PER_PROGRAMME
    print(f"{CLIENTS} clients, {items} programme items; file {size:.0f} MB\n")
    print("| job | runs | median (s) | worst (s) |")
    print("| --- | ---: | ---: | ---: |")
    for name, samples in (
        ("backup (`physio-planner backup`)", backups),
        ("check a copy (integrity, schema, audit chain)", checks),
        ("restore (check + copy aside + copy in)", restores),
    ):
        print(
            f"| {name} | {len(samples)} | {statistics.median(samples):.2f} | {max(samples):.2f} |"
        )
