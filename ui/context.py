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
    _policy: ClinicPolicy | None = field(default=None, init=False, repr=False)

    def announce(self, changes: Changes) -> None:
        """Tell every view what an operation changed (once; each view decides to refresh)."""
        if changes.settings:
            self._policy = None
        self.events.changed.emit(changes)

    def policy(self) -> ClinicPolicy:
        """The clinic policy: the one way the window learns thresholds, referral levels,
        session length and units, so it decides as the command line does. Read once and again
        after any settings change this window announces; another workstation's change is
        read on :meth:`forget_policy` (opening a client does it)."""
        if self._policy is None:
            self._policy = self.services.settings.policy()
        return self._policy

    def forget_policy(self) -> None:
        self._policy = None

    def state(self) -> QSettings:
        """Window state store (per user; tests pass an ini file in a temporary folder)."""
        if self.window_state is None:
            self.window_state = QSettings("Physio Planner", "Physio Planner")
        return self.window_state
