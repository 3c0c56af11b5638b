"""Writing files the therapist exports, with errors worded for people."""

from __future__ import annotations

import os
from pathlib import Path

from exercise_library.files import write_atomic
from planner.errors import UserError


def atomic_write(
    target: str | os.PathLike[str], content: str | bytes, *, make_folder: bool = False
) -> None:
    """Write whole or not at all, owner-only (0600: what the app writes may be health data);
    a disk or permission problem names the file."""
    path = Path(target)
    try:
        write_atomic(path, content, make_folder=make_folder, private=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot be written: {exc.strerror or exc}") from None
