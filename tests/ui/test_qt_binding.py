"""The Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 does, and
the app then aborts with 'none_dealloc' after a few thousand paint calls)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_keep_none_alive() -> None:
    colour = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for _ in range(2000):
        colour.setRed(5)
    assert abs(sys.getrefcount(None) - before) < 50
