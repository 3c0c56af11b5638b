"""Writing files the therapist exports, with errors worded for people."""

from __future__ import annotations

import os
from pathlib import Path

from exercise_library.files import write_atomic
from planner.errors import UserError


def atomic_write(target: str | os.PathLike[str], content: str | bytes) -> None:
    """Write whole or not at all; a disk or permission problem names the file."""
    path = Path(target)
    try:
        write_atomic(path, content)
    except OSError as exc:
        raise UserError(f"{path}: cannot be written: {exc.strerror or exc}") from None
