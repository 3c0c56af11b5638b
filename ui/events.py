"""One place that says what changed, so views refresh themselves and never call each other.

Actions go through planner's services; the widget that made the change emits here once, and
every view that shows that kind of record decides whether to reload.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    client_opened = Signal(object)  # planner.records.Client | None
    client_changed = Signal(int)  # client id: details, archive state
    assessment_saved = Signal(int, int)  # client id, assessment id
    programme_opened = Signal(object)  # programme id | None
    programme_changed = Signal(int)  # programme id: items, dosage, rules, phases
    logs_changed = Signal(int)  # programme id
    settings_changed = Signal()
    library_changed = Signal()  # a clinic exercise was added, edited or deleted
    status = Signal(str)  # a short message for the status bar ("Saved", ...)
