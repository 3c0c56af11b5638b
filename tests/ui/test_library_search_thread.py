"""The library search runs on a worker thread, so no keystroke waits for it (issue 16, 7)."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from exercise_library.catalogue import builtin_catalogue
from exercise_library.search import SearchIndex, SearchResult
from ui.library_browser import LibraryBrowser
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


class _Recording(SearchIndex):
    """The real index, noting the thread each search ran on."""

    threads: list[threading.Thread]

    def search(self, *args, **kwargs) -> SearchResult:  # type: ignore[no-untyped-def]
        self.threads.append(threading.current_thread())
        return super().search(*args, **kwargs)


def test_typing_searches_off_the_windows_thread_and_shows_the_last_keystroke(
    qtbot: QtBot,
) -> None:
    runner = TaskRunner()
    browser = LibraryBrowser(runner=runner)
    qtbot.addWidget(browser)
    browser.set_catalogue(builtin_catalogue())
    index = _Recording(builtin_catalogue())
    index.threads = []
    browser.index = index
    for n in range(1, 6):
        browser.search.setText("brige"[:n])
    qtbot.waitUntil(lambda: "(read 'brige' as 'bridge')" in browser.count.text(), timeout=5000)
    runner.pool.waitForDone(5000)
    assert index.threads and threading.main_thread() not in index.threads
    assert "(read 'brige' as 'bridge')" in browser.count.text(), "the last keystroke wins"
