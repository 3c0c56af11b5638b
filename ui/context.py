"""What every part of the window shares: planner's services, the event bus, background work,
and where window state (layout, last client) is remembered."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from planner.operations import Changes
from planner.policy import ClinicPolicy
from planner.services import Services
from ui.events import AppEvents
from ui.tasks import TaskRunner
from ui.wheel import install_wheel_rule


@dataclass
class AppContext:
    services: Services
    events: AppEvents = field(default_factory=AppEvents)
    runner: TaskRunner = field(default_factory=TaskRunner)
    window_state: QSettings | None = None
    undo: QUndoGroup = field(default_factory=QUndoGroup)
    _policy: ClinicPolicy | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # Wherever the window's parts run, the wheel scrolls and never changes a value.
        install_wheel_rule()

    def own_undo(self, page: QWidget, stack: QUndoStack) -> None:
        """Edit > Undo and Redo act on ``stack`` while ``page`` is on screen."""
        self.undo.addStack(stack)
        page.installEventFilter(_ActiveWhileShown(page, self.undo, stack))

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


class _ActiveWhileShown(QObject):
    def __init__(self, parent: QObject, group: QUndoGroup, stack: QUndoStack) -> None:
        super().__init__(parent)
        self.group, self.stack = group, stack

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.group.setActiveStack(self.stack)
        elif event.type() == QEvent.Type.Hide and self.group.activeStack() is self.stack:
            self.group.setActiveStack(None)  # type: ignore[arg-type]
        return False
