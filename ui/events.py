"""One place that says what changed, so views refresh themselves and never call each other.

Actions go through planner's operations, which return what they changed
(:class:`planner.operations.Changes`); the widget that ran one passes that to
:meth:`ui.context.AppContext.announce`, which emits ``changed`` once, and every view that shows
that kind of record decides whether to reload. The other signals say what the therapist is
looking at (the open client or programme) and carry status-bar messages.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    client_opened = Signal(object)  # planner.records.Client | None
    programme_opened = Signal(object)  # programme id | None
    changed = Signal(object)  # planner.operations.Changes
    status = Signal(str)  # a short message for the status bar ("Saved", ...)
