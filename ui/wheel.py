"""One app-wide rule: the mouse wheel scrolls, it never changes a value.

A combo box, spin box or slider that takes wheel events changes a test result while the
therapist scrolls a long form past it, and the change is saved at once. Qt gives every such
widget the wheel while it has focus, and the field just chosen keeps the focus, so the next
scroll over it changes it. This filter, installed once on the application, hands the wheel to
the scroll area around the widget instead (or drops it where there is none); values change only
by click, keyboard or typing. Lists, tables and open drop-down lists still scroll as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _value_widget(obj: QObject) -> QWidget | None:
    """The value-holding widget ``obj`` is (or is part of, like a spin box's line edit)."""
    w = obj if isinstance(obj, QWidget) else None
    for _ in range(3):
        if w is None:
            return None
        if isinstance(w, QScrollBar):
            return None  # scroll bars are for scrolling
        if isinstance(w, _VALUE_WIDGETS):
            return w
        w = w.parentWidget()
    return None


def _scroll_area(w: QWidget) -> QAbstractScrollArea | None:
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def scroll_by_wheel(area: QAbstractScrollArea, event: QWheelEvent) -> None:
    """Move ``area`` the way a wheel turn over its empty space would."""
    delta = event.angleDelta()
    horizontal = abs(delta.x()) > abs(delta.y())
    bar = area.horizontalScrollBar() if horizontal else area.verticalScrollBar()
    notches = (delta.x() if horizontal else delta.y()) / 120
    lines = QApplication.wheelScrollLines()
    bar.setValue(bar.value() - round(notches * lines * bar.singleStep()))


class WheelRule(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel:
            return False
        widget = _value_widget(obj)
        if widget is None:
            return False
        area = _scroll_area(widget)
        if area is not None and isinstance(event, QWheelEvent):
            scroll_by_wheel(area, event)
        return True


_rule: WheelRule | None = None


def install_wheel_rule() -> None:
    """Install the rule on the running application (once; later calls do nothing)."""
    global _rule
    app = QApplication.instance()
    if app is None or _rule is not None:
        return
    _rule = WheelRule(app)
    app.installEventFilter(_rule)
