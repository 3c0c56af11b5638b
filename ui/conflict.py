"""The one question the window asks when another workstation saved first.

Every save names the version it started from (planner raises ConflictError when another
workstation saved since); the window then shows what changed and offers to reload, the same way
for every kind of record. Tests replace :func:`offer_reload`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from planner.errors import ConflictError, PlannerError


def offer_reload(parent: QWidget | None, what: str, message: str) -> bool:
    """Tell that ``what`` changed elsewhere; True when the user wants to see the new version."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed on another workstation")
    box.setText(
        f"{what[:1].upper()}{what[1:]} changed on another workstation. Your change was not saved."
    )
    box.setInformativeText(message)
    reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reload)
    box.exec()
    return box.clickedButton() is reload


def show_refusal(
    parent: QWidget, label: QLabel, exc: PlannerError, what: str, reload: Callable[[], None]
) -> None:
    """Show why a save was refused beside the control; a conflict also offers the reload."""
    label.setText(str(exc))
    label.show()
    if isinstance(exc, ConflictError) and offer_reload(parent, what, str(exc)):
        reload()
