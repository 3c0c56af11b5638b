"""Reading and writing assessment files, and the published JSON Schema.

A file is either read whole or not at all: every problem is reported together, each naming the
file, the field and the value, so the therapist can fix the file in one pass. Reading is strict
about JSON types ("12" is not a number, 1 is not true) because a file that guessed wrong about
a type probably guessed wrong about its meaning too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.assessment.model import FORMAT, VERSION, AssessmentFile
from planner.errors import UserError
from planner.files import atomic_write

SCHEMA_ID = "https://physio-planner.invalid/schema/assessment-v2.json"
# Older versions still read (upgraded as they are read, their meaning kept).
READABLE_VERSIONS = (1, VERSION)


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(whole file)"


def problem(err: Any) -> str:
    """What is wrong with one value, in words (pydantic's error, without its jargon)."""
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ").replace("Input should be", "should be")


def _describe(err: Any) -> str:
    where = _field_path(tuple(err["loc"]))
    msg = problem(err)
    value = err.get("input")
    if err["type"] in ("extra_forbidden", "missing") or isinstance(value, dict | list):
        return f"{where}: {msg}"
    shown = json.dumps(value, ensure_ascii=False) if jsonable(value) else repr(value)
    return f"{where}: {msg} (got {shown})"


def jsonable(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def parse_assessment(text: str, name: str) -> AssessmentFile:
    """Validate the text of an assessment file; ``name`` is how messages refer to it."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "the file may be cut short or edited by hand"
        ) from None
    if not isinstance(raw, dict):
        raise UserError(f"{name}: not an assessment file (expected a JSON object at the top)")
    fmt = raw.get("format")
    if fmt != FORMAT:
        got = "no format field" if fmt is None else f"got {json.dumps(fmt)}"
        raise UserError(f'{name}: format: expected "{FORMAT}" ({got})')
    version = raw.get("version")
    if "version" not in raw:
        raise UserError(f"{name}: version: required field is missing (1 or {VERSION})")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise UserError(
            f"{name}: version: this file is version {version}, but this Physio Planner reads "
            f"assessment files up to version {VERSION}; update the app to open it"
        )
    if raw.get("draft") is True:
        raise UserError(
            f"{name}: this is an unfinished (draft) assessment; finish it in the app before "
            "using it as an assessment file"
        )
    try:
        return AssessmentFile.model_validate_json(text, strict=True)
    except ValidationError as exc:
        problems = [_describe(e) for e in exc.errors()]
        raise UserError(f"{name}: " + "; ".join(problems)) from None


def load_assessment(path: str | os.PathLike[str]) -> AssessmentFile:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{p.name}: no such file ({p})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{p.name}: cannot be read: {exc}") from None
    return parse_assessment(text, p.name)


def dumps_assessment(a: AssessmentFile) -> str:
    """The file text: stable key order, blank optional fields left out, UTF-8 friendly."""
    data = a.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_assessment(a: AssessmentFile, path: str | os.PathLike[str]) -> None:
    """Write the file whole or not at all (temporary file, then rename over the target)."""
    atomic_write(path, dumps_assessment(a))


def assessment_json_schema() -> dict[str, Any]:
    """The published schema; ``format`` and ``version`` are required in a file."""
    schema = AssessmentFile.model_json_schema(mode="validation")
    required = list(schema.get("required", []))
    for key in ("version", "format"):
        if key not in required:
            required.insert(0, key)
    schema["required"] = required
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": f"Physio Planner assessment file, version {VERSION}",
    }
