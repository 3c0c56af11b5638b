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

from exercise_library.bounds import excerpt
from planner.assessment.model import FORMAT, VERSION, AssessmentFile
from planner.files import atomic_write
from planner.reading import decode, fail, loads, problem_words, read_bytes, validate_json

SCHEMA_ID = "https://physio-planner.invalid/schema/assessment-v2.json"
# Older versions still read (upgraded as they are read, their meaning kept).
READABLE_VERSIONS = (1, VERSION)


# What is wrong with one value, in words (pydantic's error without its jargon): one wording for
# files and for the assessment form's drafts.
problem = problem_words


def jsonable(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def parse_assessment(text: str, name: str) -> AssessmentFile:
    """Validate the text of an assessment file; ``name`` is how messages refer to it.

    Read through :mod:`planner.reading` (bounded, no key twice, strict types); every problem
    is reported in one line, as many as fit.
    """
    raw = loads(text, name)
    if not isinstance(raw, dict):
        raise fail(name, "not an assessment file (expected a JSON object at the top)")
    fmt = raw.get("format")
    if fmt != FORMAT:
        got = "no format field" if fmt is None else f"got {excerpt(fmt)}"
        raise fail(name, f'format: expected "{FORMAT}" ({got})')
    version = raw.get("version")
    if "version" not in raw:
        raise fail(name, f"version: required field is missing (1 or {VERSION})")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise fail(
            name,
            f"version: this file is version {version}, but this Physio Planner reads "
            f"assessment files up to version {VERSION}; update the app to open it",
        )
    if raw.get("draft") is True:
        raise fail(
            name,
            "this is an unfinished (draft) assessment; finish it in the app before using it "
            "as an assessment file",
        )
    return validate_json(AssessmentFile, text, name, every=True)


def load_assessment(path: str | os.PathLike[str]) -> AssessmentFile:
    p = Path(path)
    return parse_assessment(decode(read_bytes(p, p.name), p.name), p.name)


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
