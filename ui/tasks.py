"""Background work for the window: one helper, used everywhere.

Work runs on a QThreadPool; its result or error comes back to the GUI thread through a signal.
Worker code never touches widgets. A progress object is handed to the work so it can report
steps and notice cancellation; the window shows it only when the work takes longer than a
moment. Tests may use :class:`ImmediateRunner`, which runs the work at once.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Progress:
    """Handed to background work: report steps, check whether the user cancelled."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def step(self, done: int, total: int, text: str = "") -> None:
        if self._report is not None:
            self._report(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.progress = Progress(lambda d, t, s: signals.progress.emit(d, t, s))

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Exception as exc:  # reported to the GUI thread, which shows it
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Starts background work and keeps its signal objects alive until it finishes."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    def run(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Progress:
        signals = _Signals()
        self._live.add(signals)
        if not self._live - {signals}:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._live.discard(signals)
            if not self._live:
                self.busy_changed.emit(False)

        signals.done.connect(lambda r: (finish(), on_done(r)))
        signals.failed.connect(lambda e: (finish(), on_error(e)))
        if on_progress is not None:
            signals.progress.connect(on_progress)
        job = _Job(fn, signals)
        self.pool.start(job)
        return job.progress

    @property
    def busy(self) -> bool:
        return bool(self._live)


class LatestOnly:
    """Work of which only the newest result matters (a search per keystroke): a result that
    arrives after a newer request is dropped. Without a runner the work runs at once."""

    def __init__(self, runner: TaskRunner | None) -> None:
        self.runner = runner
        self._generation = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self._generation += 1
        generation = self._generation

        def done(result: Any) -> None:
            if generation == self._generation:
                on_done(result)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                on_error(exc)

        if self.runner is not None:
            self.runner.run(lambda _progress: fn(), done, failed)
            return
        try:
            result = fn()
        except Exception as exc:  # shown by on_error, as a worker's would be
            failed(exc)
        else:
            done(result)


class ImmediateRunner(TaskRunner):
    """Runs work at once on the calling thread (deterministic tests)."""

    def run(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Progress:
        progress = Progress(on_progress)
        try:
            result = fn(progress)
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return progress
