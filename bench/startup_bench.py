"""Start-up and client search with a big clinic: 5,000 clients and 50,000 programme items.

Each start is a fresh process (`python -m ui.launcher --db ...` equivalent) timed from spawn to
the moment the main window is shown and the event loop has run once (interactive). Inside the
same process, typing a name into the client search is timed keystroke by keystroke (the search
the window runs after its debounce), and peak memory is read from the kernel. Targets (issue 8):
start <= 1.5 s, search <= 20 ms per keystroke.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.timing import median_ms, p99_ms

CLIENTS = 5_000
ITEMS_PER_PROGRAMME = 10
DB_PATH = Path("/tmp/physio-bench-startup.db")
STARTS = 5
TYPED = ["s", "so", "sor", "sore", "soren", "m", "mo", "mor", "morg", "morga", "morgan"]

CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer, QSettings
from PySide6.QtWidgets import QApplication
from planner.services import Services
from planner.store.database import open_database
from ui.context import AppContext
from ui.main_window import MainWindow
app = QApplication([])
db = open_database(sys.argv[1])
state = QSettings(sys.argv[2], QSettings.Format.IniFormat)
win = MainWindow(AppContext(Services(db), window_state=state))
win.show()
out = {}
def ready():
    out["interactive_s"] = time.perf_counter() - t0
    out["ready_wall"] = time.time()
    samples = []
    for text in json.loads(sys.argv[3]):
        t = time.perf_counter()
        win.search.setText(text)
        win.refresh_clients()
        samples.append(time.perf_counter() - t)
    out["search_s"] = samples
    out["rows"] = win.model.rowCount()
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

FIRST = ["Zoë", "Søren", "Amara", "Tomás", "Priya", "James", "Mia", "Noah", "Olivia", "Liam"]
LAST = ["Łukasiewicz", "Ødegård", "Okafor", "Herrera", "Raman", "O'Connor", "Morgan", "Smith"]


def build_database() -> None:
    """Create the big clinic once (cached between runs: it takes a minute)."""
    from exercise_library.catalogue import builtin_catalogue
    from planner.programme.defaults import default_item
    from planner.programme.model import Phase, Programme
    from planner.records import ClientDetails
    from planner.services import Services
    from planner.store.database import open_database

    if DB_PATH.exists():
        return
    tmp = DB_PATH.with_suffix(".building.db")
    tmp.unlink(missing_ok=True)
    services = Services(open_database(f"sqlite:///{tmp}"))
    exercises = list(builtin_catalogue())
    for n in range(CLIENTS):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n // 7) % len(LAST)]} {n}"
        client = services.clients.create(ClientDetails(name=name, birth_date=date(1980, 1, 1)))
        items = [
            default_item(exercises[(n + k) % len(exercises)], k + 1)
            for k in range(ITEMS_PER_PROGRAMME)
        ]
        programme = Programme(
            title="Home programme",
            start=date(2026, 1, 5) + timedelta(days=n % 90),
            phases=[Phase(name="Home programme", weeks=8)],
            items=items,
        )
        services.programmes.create_programme(programme, client.id)
    services.db.dispose()
    os.replace(tmp, DB_PATH)


def main() -> None:
    t = time.perf_counter()
    build_database()
    build_s = time.perf_counter() - t
    starts, searches, peaks = [], [], []
    for n in range(STARTS):
        state = f"/tmp/physio-bench-state-{n}.ini"
        Path(state).unlink(missing_ok=True)
        spawned = time.time()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, f"sqlite:///{DB_PATH}", state, json.dumps(TYPED)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        wall = result["ready_wall"] - spawned
        starts.append((wall, result["interactive_s"]))
        searches.extend(result["search_s"])
        peaks.append(result["peak_mb"])
    spawn_to_ready = [w for w, _ in starts]
    print(
        f"{CLIENTS} clients, {CLIENTS * ITEMS_PER_PROGRAMME} programme items "
        f"(database ready in {build_s:.1f} s; {DB_PATH.stat().st_size / 1e6:.0f} MB)\n"
    )
    print("| measure | median | p99 / worst | target |")
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| spawn to interactive window (s, {STARTS} starts) | "
        f"{statistics.median(spawn_to_ready):.2f} | {max(spawn_to_ready):.2f} | 1.5 |"
    )
    print(
        f"| of which inside Python after interpreter start (s) | "
        f"{statistics.median(i for _, i in starts):.2f} | {max(i for _, i in starts):.2f} | |"
    )
    print(
        f"| client search per keystroke (ms, {len(searches)} keystrokes) | "
        f"{median_ms(searches):.1f} | {p99_ms(searches):.1f} | 20 |"
    )
    print(f"| peak memory (MB) | {statistics.median(peaks):.0f} | {max(peaks):.0f} | |")


if __name__ == "__main__":
    main()
