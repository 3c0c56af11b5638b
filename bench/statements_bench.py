"""SQL statements per typical edit in the window: one dose change, one added exercise.

Counts the statements the database driver executes while the real Programme tab (in a real
main window, offscreen, every tab listening) handles one edit, split into reads and writes;
audit-trail statements (the audit table and its chain lock) are counted apart, since the audit
issue adds them on purpose. Target for a dose change: 5 statements or fewer (issue 11).

Statement counts do not depend on the machine's load, so one run is enough; the script works
on older checkouts too (run it from another worktree for a before/after comparison).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AUDIT_TABLES = ("audit",)


class StatementCounter:
    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.active = False

    def __call__(self, conn, cursor, statement: str, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not self.active:
            return
        text = " ".join(statement.split()).lower()
        verb = text.split(" ", 1)[0]
        if any(f" {t}" in text.split(" where ")[0] for t in AUDIT_TABLES) or "advisory" in text:
            verb = f"audit {verb}"
        self.kinds[verb] += 1

    @contextmanager
    def counting(self) -> Iterator[Counter[str]]:
        self.kinds = Counter()
        self.active = True
        try:
            yield self.kinds
        finally:
            self.active = False


# Transaction control: SQLite transactions open with an explicit BEGIN IMMEDIATE since the
# storage issue (so a migration is all-or-nothing and a write never waits half-way); the driver
# used to open them silently. Shown apart, as the work each transaction does is what counts.
CONTROL = ("begin", "commit", "rollback", "savepoint", "release")


def _summary(kinds: Counter[str]) -> tuple[int, int, int, int, int]:
    audit = sum(n for k, n in kinds.items() if k.startswith("audit"))
    selects = kinds.get("select", 0)
    writes = sum(n for k, n in kinds.items() if k in ("insert", "update", "delete"))
    control = sum(n for k, n in kinds.items() if k in CONTROL)
    other = sum(kinds.values()) - audit - selects - writes - control
    return selects, writes, other, control, audit


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    from planner.demo import create_demo
    from planner.services import Services
    from planner.store.database import open_database
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="statements-bench-"))
    db = open_database(f"sqlite:///{folder / 'bench.db'}")
    services = Services(db)
    create_demo(services)
    counter = StatementCounter()
    event.listen(db.engine, "before_cursor_execute", counter)
    state = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    try:
        from ui.tasks import ImmediateRunner  # type: ignore[attr-defined]

        ctx = AppContext(services, runner=ImmediateRunner(), window_state=state)
    except ImportError:  # pragma: no cover - older checkouts
        ctx = AppContext(services, window_state=state)
    window = MainWindow(ctx)
    window.show()
    client = next(c for c in services.clients.search("") if services.programmes.for_client(c.id))
    window.select_client(client.id)
    tab = window.programme_tab
    window.tabs.setCurrentWidget(tab)
    app.processEvents()
    assert tab.programme is not None
    key = sorted(tab.programme.items, key=lambda i: i.order)[0].key
    tab.select_item(key)
    item = tab.programme.item(key)
    assert item is not None
    new_dose = item.dosage.model_copy(update={"sets": item.dosage.sets % 5 + 1})
    dose_edited: Callable[[object], None] = getattr(tab, "exercises", tab)._dose_edited
    edits = {
        "dose change": lambda: dose_edited(new_dose),
        "add one exercise": lambda: tab.add_codes(["bird_dog"]),
    }
    print(
        "| edit | SELECT | INSERT/UPDATE/DELETE | other | total (audit apart) | audit "
        "| BEGIN (transactions) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, run in edits.items():
        with counter.counting() as kinds:
            run()
            app.processEvents()
        selects, writes, other, control, audit = _summary(kinds)
        total = selects + writes + other
        print(f"| {name} | {selects} | {writes} | {other} | {total} | {audit} | {control} |")
    window.close()
    db.dispose()
