"""What safe storage costs (issue 16): synchronous=FULL per save, the checks made on opening.

Saves: the same user actions (a client edit, a session log, a programme save) timed with
SQLite's synchronous=FULL, which the app uses (every commit is on the disk before "saved"), and
with NORMAL, which it used before (a commit can be lost in a power cut, never corrupted).
Opening: the read-only look and quick check an SQLite file gets before the app writes to it,
on the 5,000-client database of the start-up benchmark, and a full `db check`.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event

from bench.timing import median_ms, p99_ms

SAVES = 200


def _use_normal(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.execute("PRAGMA synchronous=NORMAL")


def _saves(folder: Path, mode: str) -> dict[str, list[float]]:
    from planner.assessment.recommend import recommend
    from planner.demo import DEMO_CLIENTS, demo_assessment
    from planner.programme.model import SessionLog, SessionStatus
    from planner.programme.plan import programme_from_recommendation
    from planner.records import ClientDetails
    from planner.services import Services
    from planner.store.database import open_database

    name = mode.replace(" ", "2")  # each mode runs twice, interleaved, under its own file
    mode = mode.strip()
    db = open_database(f"sqlite:///{folder / name}.db")
    if mode == "NORMAL":
        db.engine.dispose()
        event.listen(db.engine, "connect", _use_normal)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == (2 if mode == "FULL" else 1)
    services = Services(db)
    client = services.clients.create(ClientDetails(name="Bench Client"))
    today = date.today()
    assessment = demo_assessment(DEMO_CLIENTS[0], today - timedelta(days=300))
    rec = recommend(assessment, services.settings.policy(), services.exercises.catalogue())
    start = today - timedelta(days=SAVES + 10)
    programme = programme_from_recommendation(rec.exercises, start=start, weeks=52)
    stored = services.programmes.create_programme(programme, client.id)
    key = programme.items[0].key
    out: dict[str, list[float]] = {"client edit": [], "session log": [], "programme save": []}
    version = client.version
    for n in range(SAVES):
        details = client.details.model_copy(update={"phone": f"0{n:06}"})
        t = time.perf_counter()
        version = services.clients.update(client.id, version, details).version
        out["client edit"].append(time.perf_counter() - t)
        log = SessionLog(date=start + timedelta(days=n), item=key, status=SessionStatus.DONE)
        t = time.perf_counter()
        services.programmes.record_log(stored.id, log, 0)
        out["session log"].append(time.perf_counter() - t)
    pversion = stored.version
    for n in range(SAVES // 4):
        changed = programme.model_copy(update={"title": f"Home programme {n}"})
        t = time.perf_counter()
        pversion = services.programmes.save_programme(stored.id, pversion, changed).version
        out["programme save"].append(time.perf_counter() - t)
    db.dispose()
    return out


def _opening(path: Path) -> tuple[float, float, float]:
    """(look + quick check, plain open, full db check) in ms on ``path``."""
    from planner.store.checks import run_checks
    from planner.store.database import connect
    from planner.store.sqlite_file import look_at

    looks = []
    for _ in range(5):
        t = time.perf_counter()
        look_at(path, create=False, verify=True)
        looks.append(time.perf_counter() - t)
    plain = []
    for _ in range(5):
        t = time.perf_counter()
        look_at(path, create=False, verify=False)
        plain.append(time.perf_counter() - t)
    t = time.perf_counter()
    db = connect(f"sqlite:///{path}", read_only=True)
    problems = [p for r in run_checks(db) for p in r.problems]
    db.dispose()
    check = time.perf_counter() - t
    assert not problems, problems
    return statistics.median(looks) * 1000, statistics.median(plain) * 1000, check * 1000


def main() -> None:
    from bench.startup_bench import DB_PATH, build_database

    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        folder = Path(tmp)
        print(f"Saves: {SAVES} client edits and session logs, {SAVES // 4} programme saves")
        print(f"in {folder} (the file system user data lives on)\n")
        results = {mode: _saves(folder, mode) for mode in ("NORMAL", "FULL", "NORMAL ", "FULL ")}
    print("| save | NORMAL median (ms) | p99 | FULL median (ms) | p99 | FULL - NORMAL (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in results["FULL"]:
        normal = results["NORMAL"][kind] + results["NORMAL "][kind]
        full = results["FULL"][kind] + results["FULL "][kind]
        print(
            f"| {kind} | {median_ms(normal):.2f} | {p99_ms(normal):.2f} | "
            f"{median_ms(full):.2f} | {p99_ms(full):.2f} | "
            f"{median_ms(full) - median_ms(normal):+.2f} |"
        )
    build_database()
    copy = Path(tempfile.gettempdir()) / "physio-bench-storage.db"
    shutil.copyfile(DB_PATH, copy)
    from planner.store.database import open_database

    open_database(f"sqlite:///{copy}").dispose()  # at the newest schema, whatever made it
    _back_to("0005", copy)  # as the release before this one left it
    t = time.perf_counter()
    open_database(f"sqlite:///{copy}").dispose()  # backs up, then upgrades in one transaction
    upgrade_ms = (time.perf_counter() - t) * 1000
    size_mb = copy.stat().st_size / 1e6
    try:
        look, plain, check = _opening(copy)
    finally:
        for leftover in copy.parent.glob(f"{copy.stem}*"):
            leftover.unlink(missing_ok=True)
    print(f"\nOpening the 5,000-client database ({size_mb:.1f} MB):\n")
    print("| step | ms |")
    print("| --- | ---: |")
    print(f"| read-only look without the quick check | {plain:.1f} |")
    print(f"| read-only look with the quick check (every open) | {look:.1f} |")
    print(f"| full `db check` (integrity, schema, every record) | {check:.0f} |")
    print(
        f"| first open after this release: backup + upgrade 0005 to {_head()} | {upgrade_ms:.0f} |"
    )


def _back_to(revision: str, path: Path) -> None:
    """The schema as an older release had it (SQLite's default: foreign keys off, so the
    rebuilt tables cascade into nothing)."""
    from alembic import command
    from sqlalchemy import create_engine

    from planner.store.migrate import alembic_config

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    engine.dispose()


def _head() -> str:
    from planner.store.database import head_revision

    return head_revision()
