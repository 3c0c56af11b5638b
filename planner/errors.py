"""Domain errors with messages a clinician can act on.

The command line prints ``str(error)`` as one line and exits non-zero; the desktop app shows it
in a dialog. Messages name the file, the field and the value that is wrong.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base for every error planner raises on purpose.

    ``field`` names the input the error is about (a dotted name such as ``client.sex`` or
    ``dosage.reps``) when there is one, so the window marks that field from the error itself
    and never by reading the message text.
    """

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UserError(PlannerError):
    """Bad input from the user: a file, a field, a value, an argument."""


class StorageError(PlannerError):
    """The database cannot be reached or is not a Physio Planner database."""


class NotFoundError(UserError):
    """A record the user asked for does not exist."""


class Refused(UserError):
    """Planner refused an action, for safety or because the result would not be valid.

    The window and the command line show the same words: the window in its banner, the command
    line as its one-line error with exit status 2.
    """


class ConflictError(PlannerError):
    """Someone else saved the same record first; nothing of ours was written.

    ``changes`` names what differs between the version we started from and the one now stored,
    so the UI can show it and offer a reload.
    """

    def __init__(self, what: str, record_id: int | str, changes: list[str]) -> None:
        self.what = what
        self.record_id = record_id
        self.changes = changes
        detail = "; ".join(changes) if changes else "it was changed"
        super().__init__(
            f"{what} {record_id} was changed on another workstation since you opened it "
            f"({detail}); reload to see the new version. Your edit was not saved."
        )
