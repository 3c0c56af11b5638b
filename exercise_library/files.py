"""Reading and writing single exercise files (the built-in format, also used for exchange).

A clinician's own exercise leaves the app as exactly the file a built-in exercise is stored in,
so another clinic (or the library itself) can take it in without conversion.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import tomli_w

from exercise_library.bounds import MAX_FILE_BYTES, clip
from exercise_library.catalogue import LoadProblem, parse_exercise_toml
from exercise_library.schema import Exercise


class ExerciseFileError(ValueError):
    """A file that cannot become an exercise; ``problems`` name the fields."""

    def __init__(self, path: str, problems: list[LoadProblem]) -> None:
        self.problems = problems
        lines = "; ".join(f"{p.field or 'file'}: {p.message}" for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(clip(f"{path}: {lines}{more}"))


def exercise_to_toml(exercise: Exercise) -> str:
    data = exercise.model_dump(mode="json", exclude_none=True)
    return tomli_w.dumps(data)


def read_exercise_file(path: Path) -> Exercise:
    """Parse and validate; raises ExerciseFileError naming every problem found."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise ExerciseFileError(str(path), [LoadProblem(str(path), "", "no such file")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        problem = LoadProblem(str(path), "", clip(f"cannot be read: {detail}", 160))
        raise ExerciseFileError(str(path), [problem]) from None
    # Exchange files may carry any name; the code/file-name rule is for the built-in folder.
    exercise, problems = parse_exercise_toml(text, f"{path.parent.name}/{path.name}")
    problems = [p for p in problems if p.field not in {"code", "modality"} or exercise is None]
    if exercise is None or problems:
        raise ExerciseFileError(str(path), problems)
    return exercise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(
    path: Path, content: str | bytes, *, make_folder: bool = False, private: bool = False
) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file.

    The one implementation every file the app writes goes through (exercise files, programme
    and assessment files, PDFs, calendars); raises OSError, which planner words for people.
    ``private`` files are owner-only (0600, folders made for them 0700): health data.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if make_folder:
        path.parent.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        # mkstemp makes the file private; unless asked to stay so, give it the mode an
        # ordinary save would have.
        os.chmod(tmp, 0o600 if private else _mode_for(path))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_exercise_file(path: Path, exercise: Exercise) -> None:
    write_atomic(path, exercise_to_toml(exercise), make_folder=True)
