"""Reading the JSON files that come from outside: whole, strict and bounded.

Programme, assessment, clinic settings, session log and template files all come through here,
so every format gets the same guarantees: the file is read whole up to a size limit, must be
UTF-8 JSON with no key written twice in one object, no number too long to be a measurement and
no nesting, string or list beyond :mod:`exercise_library.bounds`; then the format's model
validates the very text that was checked, in strict mode (``"8"`` is not 8, ``true`` is not 1,
``0`` is not a date). Every problem ends in one :class:`UserError` line naming the file and the
field, quoting at most a short escaped excerpt of the value, never longer than 300 characters.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from exercise_library.bounds import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_FILE_BYTES,
    bracket_depth,
    clip,
    escape,
    excerpt,
    structure_problem,
)
from planner.errors import UserError

ModelT = TypeVar("ModelT", bound=BaseModel)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def fail(name: str, message: str) -> UserError:
    """The one error line for a file: its name, then what is wrong, bounded and escaped."""
    return UserError(clip(f"{escape(name)}: {message}"))


def read_bytes(path: Path, name: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, or a UserError saying why not (missing, unreadable, too large)."""
    shown = name or str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise fail(shown, "no such file") from None
    except IsADirectoryError:
        raise fail(shown, "is a folder, not a file") from None
    except OSError as exc:
        raise fail(shown, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise fail(shown, f"the file is larger than {limit // (1024 * 1024)} MB")
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is allowed), or a UserError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(name, f"not UTF-8 text (byte {exc.start})") from None
    return text.removeprefix("\ufeff")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"number longer than {MAX_DIGITS} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > 4 * MAX_DIGITS:
        raise ValueError(f"number longer than {MAX_DIGITS} digits")
    value = float(text)
    if abs(value) >= 10**MAX_DIGITS or value != value:
        raise ValueError(f"number too large ({excerpt(text)})")
    return value


def _reject_constant(word: str) -> float:
    raise ValueError(f"{word} is not a number JSON allows")


def loads(text: str, name: str) -> Any:
    """Decode JSON text under the bounds; ``name`` is how messages refer to the file."""
    if not text.strip():
        raise fail(name, "the file is empty")
    deepest, line = bracket_depth(text)
    if deepest > MAX_DEPTH:
        raise fail(name, f"nested more than {MAX_DEPTH} levels deep (line {line})")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as exc:
        # An unterminated string or an error at the very end means the text simply stops.
        cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip())
        hint = "; the file looks cut short" if cut else ""
        raise fail(
            name, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}"
        ) from None
    except _Duplicate as exc:
        raise fail(name, f"field {excerpt(exc.key)} is written twice in one object") from None
    except (ValueError, RecursionError) as exc:
        raise fail(name, f"not valid JSON: {exc}") from None
    problem = structure_problem(data)
    if problem is not None:
        raise fail(name, f"{problem[0]}: {problem[1]}")
    return data


def read_json(path: str | os.PathLike[str], name: str | None = None) -> tuple[Any, str]:
    """The decoded file and its text (to validate the same text strictly)."""
    where = Path(path)
    shown = name or str(where)
    text = decode(read_bytes(where, shown), shown)
    return loads(text, shown), text


# -- validation messages ----------------------------------------------------------------------


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(whole file)"


def problem_words(err: Any) -> str:
    """What is wrong with one value, in words (pydantic's error without its jargon)."""
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"]).removeprefix("Value error, ").replace("Input should be", "should be")
    return msg if len(msg) <= 120 else msg[:119] + "…"


def describe_error(err: Any) -> str:
    """One pydantic error as 'field: what is wrong (got value)', the value as an excerpt."""
    where = field_path(tuple(err["loc"]))
    value = err.get("input")
    if err["type"] in ("extra_forbidden", "missing") or isinstance(value, dict | list):
        return f"{where}: {problem_words(err)}"
    return f"{where}: {problem_words(err)} (got {excerpt(value)})"


def validation_message(name: str, exc: ValidationError, *, every: bool = False) -> UserError:
    """The first problem (or, with ``every``, as many as fit) as one bounded line."""
    problems = [describe_error(e) for e in exc.errors()]
    if every:
        return fail(name, "; ".join(problems))
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return fail(name, f"{problems[0]}{more}")


def validate_json(model: type[ModelT], text: str, name: str, *, every: bool = False) -> ModelT:
    """Validate checked JSON text with the format's model in strict mode."""
    try:
        return model.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise validation_message(name, exc, every=every) from None


def validate_json_as(adapter: TypeAdapter[Any], text: str, name: str) -> Any:
    try:
        return adapter.validate_json(text, strict=True)
    except ValidationError as exc:
        raise validation_message(name, exc) from None
