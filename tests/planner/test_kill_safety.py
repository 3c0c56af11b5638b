"""kill -9 at random moments of `db upgrade` and `demo`: the database always opens and passes
`db check`, holding the old state or the new one, never a mix (issue 16, problems 1 and 9).

Each run is a real process running the real command, killed with SIGKILL. The processes are
forked from this one with the app already imported, so a run costs the command's own time
rather than an interpreter start, and the kills land inside the work.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.cli import main
from planner.demo import DEMO_CLIENTS
from planner.services import Services
from planner.store.checks import run_checks
from planner.store.database import connect, head_revision, open_database
from tests.planner.storage_helpers import add_raw_client, sqlite_url, upgrade_to

pytestmark = pytest.mark.slow

KILLS = 30
# Runs that finish before their kill do not count; this many runs at most reach KILLS kills.
MAX_RUNS = 2 * KILLS
_FORK = multiprocessing.get_context("fork")


def _command(args: list[str]) -> None:
    os._exit(main(args))


def _run(args: list[str], kill_after: float | None) -> int | None:
    """Run the command in a child; kill it after ``kill_after`` seconds (None: let it finish)."""
    child = _FORK.Process(target=_command, args=(args,))
    started = time.perf_counter()
    child.start()
    if kill_after is not None:
        time.sleep(max(0.0, kill_after - (time.perf_counter() - started)))
        if child.exitcode is None:
            os.kill(child.pid, signal.SIGKILL)
    child.join(60)
    return child.exitcode


class _Kills:
    """Kill times spread over one run of the command: the span starts as one whole run, and
    shrinks to any run that finished before its kill (a busy machine makes the first run slow,
    and then kills would come too late)."""

    def __init__(self, args: list[str], seed: int, past_end: float = 1.0) -> None:
        self.rng = random.Random(seed)
        self.past_end = past_end
        started = time.perf_counter()
        assert _run(args, None) == 0
        self.span = time.perf_counter() - started
        self.killed = 0

    def run(self, args: list[str]) -> None:
        started = time.perf_counter()
        code = _run(args, self.rng.uniform(0, self.past_end * self.span))
        if code == -signal.SIGKILL:
            self.killed += 1
        elif code == 0:
            self.span = min(self.span, time.perf_counter() - started)


def _until_killed(kills: _Kills) -> Iterator[int]:
    """Run numbers until KILLS runs were killed (a run that finished first is not a kill), and
    at most MAX_RUNS of them."""
    for n in range(MAX_RUNS):
        if kills.killed >= KILLS:
            return
        yield n


def _looks_healthy(url: str) -> tuple[str | None, str | None]:
    """(schema revision, what `db check` finds wrong or None), read-only, before anything
    repairs the file (an interrupted upgrade may leave the old schema: a note, not a problem)."""
    try:
        db = connect(url, read_only=True)
    except Exception as exc:  # the test reports it; the app must never see this
        return None, f"cannot open: {exc}"
    try:
        problems = [p for r in run_checks(db) for p in r.problems]
        revision = db.migration_state().current
    finally:
        db.dispose()
    return revision, "; ".join(problems) or None


def _fresh(template: Path) -> str:
    """A copy of ``template`` named clinic.db beside it, everything of the last run removed."""
    work = template.with_name("clinic.db")
    for leftover in template.parent.glob("*clinic*"):
        leftover.unlink()
    shutil.copyfile(template, work)
    return sqlite_url(work)


def test_kill_during_db_upgrade_leaves_the_old_schema_or_the_new(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    upgrade_to(sqlite_url(template), "0001")
    for n in range(120):
        add_raw_client(sqlite_url(template), f"Client {n:03}")
    kills = _Kills(["db", "upgrade", "--db", _fresh(template)], seed=16)
    outcomes = {"old": 0, "new": 0}
    for _ in _until_killed(kills):
        url = _fresh(template)
        kills.run(["db", "upgrade", "--db", url])
        revision, problem = _looks_healthy(url)
        assert problem is None, problem
        assert revision in {"0001", head_revision()}
        outcomes["new" if revision == head_revision() else "old"] += 1
        db = open_database(url)  # finishes the upgrade if the kill came first
        try:
            before = db.migration_state()
            assert before.current == head_revision()
            assert len(Services(db).clients.search("client", limit=500)) == 120
        finally:
            db.dispose()
        assert not list(tmp_path.glob("*.part")), "no partial backup is left behind"
    assert kills.killed >= KILLS, f"{kills.killed} runs killed: {outcomes}"
    assert outcomes["old"], outcomes


def test_kill_during_demo_stores_all_of_it_or_none(tmp_path: Path) -> None:
    builtin_catalogue()  # loaded once here, so the children spend their time in the demo
    template = tmp_path / "template.db"
    open_database(sqlite_url(template)).dispose()
    # A little past the end too: the commit is the last moment, and a kill that comes after
    # it must find the whole demo.
    kills = _Kills(["demo", "--db", _fresh(template)], seed=9, past_end=1.15)
    counts: dict[int, int] = {}
    for _ in _until_killed(kills):
        url = _fresh(template)
        kills.run(["demo", "--db", url])
        _revision, problem = _looks_healthy(url)
        assert problem is None, problem
        db = open_database(url)
        try:
            services = Services(db)
            clients = services.clients.search("", limit=100)
            counts[len(clients)] = counts.get(len(clients), 0) + 1
            assert len(clients) in {0, len(DEMO_CLIENTS)}, "never a half-made demo"
            for client in clients:
                assert services.assessments.for_client(client.id)
                assert services.programmes.for_client(client.id)
        finally:
            db.dispose()
    assert kills.killed >= KILLS, f"{kills.killed} runs killed: {counts}"
    # After any kill, running the demo again makes all of it.
    assert _run(["demo", "--db", url], None) == 0
    db = open_database(url)
    try:
        assert len(Services(db).clients.search("", limit=100)) == len(DEMO_CLIENTS)
    finally:
        db.dispose()
