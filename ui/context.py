"""What every part of the window shares: planner's services, the event bus, background work,
and where window state (layout, last client) is remembered."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoGroup

from planner.operations import Changes
from planner.policy import ClinicPolicy
from planner.services import Services
from ui.events import AppEvents
from ui.tasks import TaskRunner


@dataclass
class AppContext:
    services: Services
    events: AppEvents = field(default_factory=AppEvents)
    runner: TaskRunner = field(default_factory=TaskRunner)
    window_state: QSettings | None = None
    undo: QUndoGroup = field(default_factory=QUndoGroup)

    def announce(self, changes: Changes) -> None:
        """Tell every view what an operation changed (once; each view decides to refresh)."""
        self.events.changed.emit(changes)

    def policy(self) -> ClinicPolicy:
        """The clinic policy, read fresh: the one way the window learns thresholds, referral
        levels, session length and units, so it decides as the command line does."""
        return self.services.settings.policy()

    def state(self) -> QSettings:
        """Window state store (per user; tests pass an ini file in a temporary folder)."""
        if self.window_state is None:
            self.window_state = QSettings("Physio Planner", "Physio Planner")
        return self.window_state
