"""Signing in, and locking the window when nobody has touched it for the clinic's idle time.

Only when the clinic has turned sign-in on. The lock hides the main window (so no client's
record stays on screen and no shortcut reaches it) and asks for the password again; another
clinician may sign in instead, and from then on their name goes into the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import Services
from planner.services.accounts import Account
from ui.style import ERROR_COLOUR

# What counts as someone at the keyboard.
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class SignInDialog(QDialog):
    """User name and password; accepted once the services know who signed in."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        username: str = "",
        locked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.account: Account | None = None
        self.setWindowTitle("Physio Planner is locked" if locked else "Sign in to Physio Planner")
        self.setMinimumWidth(380)
        intro = QLabel(
            "The window was locked after a while without use. Sign in to go on."
            if locked
            else "This clinic asks each clinician to sign in, so the record shows who did what."
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("&User name", self.username)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = buttons.addButton("Sign in", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        if locked:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Quit")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        try:
            self.account = self.services.accounts.sign_in(
                self.username.text(), self.password.text()
            )
        except PlannerError as exc:
            self.password.clear()
            self.error.setText(str(exc).capitalize() + ".")
            self.password.setFocus()
            return
        self.services.act_as(self.account)
        self.accept()

    @classmethod
    def ask(cls, services: Services, parent: QWidget | None = None) -> Account | None:
        dialog = cls(services, parent)
        return dialog.account if dialog.exec() == QDialog.DialogCode.Accepted else None


class IdleLock(QObject):
    """Watches the whole application for input; says ``locked`` after ``idle_ms`` of none."""

    locked = Signal()

    def __init__(self, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=idle_ms)
        self.timer.timeout.connect(self.locked.emit)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def resume(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class WindowLock(QObject):
    """Locks ``window`` when idle: hides it, asks to sign in again, shows it on success."""

    def __init__(self, window: QWidget, services: Services, idle_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.idle = IdleLock(idle_ms, self)
        self.idle.locked.connect(self.lock)
        self.dialog: SignInDialog | None = None

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.window.hide()
        account = self.services.account
        self.dialog = SignInDialog(
            self.services, None, username=account.username if account else "", locked=True
        )
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.rejected.connect(self._quit)
        self.dialog.open()

    def _unlocked(self) -> None:
        self.dialog = None
        self.window.show()
        self.idle.resume()

    def _quit(self) -> None:
        self.dialog = None
        self.idle.stop()
        self.window.close()
