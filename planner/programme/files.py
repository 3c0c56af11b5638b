"""Programme files (``*.physio.json``): one programme that opens on any clinic's machine.

The file carries the programme with its phases, items and rules, plus every clinician-made
exercise it uses, so a clinic without those exercises can still open it. Reading is strict:
anything the app does not understand (another format, a newer version, a wrong type, an
exercise nobody has, a file cut short) stops with a message naming the file, the field and the
value, and nothing is half-read. Writing is atomic and byte-for-byte repeatable, so export ->
import -> export gives the same file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from exercise_library.bounds import excerpt
from exercise_library.catalogue import (
    Catalogue,
    builtin_catalogue,
    tag_problems,
)
from exercise_library.schema import Exercise
from planner.errors import UserError
from planner.files import atomic_write
from planner.programme.ladder import next_on_ladder
from planner.programme.model import Programme, RuleAction
from planner.reading import fail, read_json, validate_json

FORMAT = "physio-planner/programme"
# Version 2 adds the client context the safety rules need (programme.client_context);
# version 1 files still open, with the context unknown.
VERSION = 2
READABLE_VERSIONS = (1, 2)


class ProgrammeFile(BaseModel):
    """The whole file. ``exercises`` holds only clinician-made exercises, never built-ins."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Physio Planner programme file",
        json_schema_extra={"$id": "https://physio-planner.invalid/schema/programme-2.json"},
    )

    format: Literal["physio-planner/programme"] = FORMAT
    version: Literal[1, 2] = VERSION
    programme: Programme
    exercises: list[Exercise] = Field(default_factory=list, max_length=500)


def programme_json_schema() -> dict[str, Any]:
    """The published JSON Schema of programme files (version 2; version 1 is a subset)."""
    schema = ProgrammeFile.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _used_codes(programme: Programme, catalogue: Catalogue) -> set[str]:
    """Every exercise the programme can reach: its items, rule targets and ladder steps."""
    codes: set[str] = set()
    for item in programme.items:
        codes.add(item.code)
        codes.update(r.exercise for r in item.rules if r.exercise)
        if any(r.action is RuleAction.ADVANCE for r in item.rules):
            code: str | None = item.code
            seen: set[str] = set()
            while code is not None and code not in seen:
                seen.add(code)
                codes.add(code)
                code = next_on_ladder(code, catalogue)
    return codes


def programme_file(programme: Programme, catalogue: Catalogue) -> ProgrammeFile:
    """A version-2 file for this programme, carrying the clinician-made exercises it needs.

    The programme's ``client_context`` is written as it is: the caller sets it from the
    client's latest assessment (None writes a file whose context is unknown).
    """
    builtin = builtin_catalogue()
    own = sorted(
        code
        for code in _used_codes(programme, catalogue)
        if code not in builtin and code in catalogue
    )
    return ProgrammeFile(programme=programme, exercises=[catalogue[code] for code in own])


def file_catalogue(pf: ProgrammeFile, base: Catalogue | None = None) -> Catalogue:
    """The library the file's programme is scheduled against: base plus the file's exercises."""
    return (base if base is not None else builtin_catalogue()).with_extra(pf.exercises)


def dumps_programme_file(pf: ProgrammeFile) -> str:
    """The exact file text: model field order, two-space indent, UTF-8, newline at the end.

    Empty optional fields are left out, so a field the exercise format gains later (always
    optional) does not change the bytes of programmes that do not use it.
    """
    data = pf.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_programme_file(path: str | os.PathLike[str], pf: ProgrammeFile) -> None:
    """Write the file atomically; the same programme always gives the same bytes."""
    atomic_write(Path(path), dumps_programme_file(pf))


def _check_header(path: Path, data: Any) -> None:
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        raise UserError(f"{path}: expected a programme file (a JSON object), got a JSON {kind}")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise fail(str(path), f"format: expected '{FORMAT}', got {excerpt(fmt)}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail(str(path), f"version: expected a whole number, got {excerpt(version)}")
    if version not in READABLE_VERSIONS:
        newer = " (written by a newer Physio Planner)" if version > VERSION else ""
        raise UserError(
            f"{path}: version: this app reads version 1 and {VERSION} programme files, "
            f"not version {version}{newer}"
        )
    programme = data.get("programme")
    if version == 1 and isinstance(programme, dict) and "client_context" in programme:
        raise UserError(
            f"{path}: programme.client_context: a version 1 file carries no client context "
            "(set version to 2)"
        )


def _check_exercises(path: Path, pf: ProgrammeFile, catalogue: Catalogue) -> Catalogue:
    builtin = builtin_catalogue()
    seen: set[str] = set()
    for i, ex in enumerate(pf.exercises):
        where = f"{path}: exercises[{i}]"
        if ex.code in seen:
            raise UserError(f"{where}.code: '{ex.code}' is in the file twice")
        seen.add(ex.code)
        if ex.code in builtin and builtin[ex.code] != ex:
            raise UserError(
                f"{where}.code: '{ex.code}' is a built-in exercise; a clinician-made exercise "
                "needs a code of its own"
            )
        problems = tag_problems(ex)
        if problems:
            field, message = problems[0]
            raise UserError(f"{where}.{field}: {message}")
    merged = catalogue.with_extra(e for e in pf.exercises if e.code not in builtin)
    for i, item in enumerate(pf.programme.items):
        where = f"{path}: programme.items[{i}]"
        if item.code not in merged:
            raise UserError(
                f"{where}.code: exercise '{item.code}' is neither in the library nor among "
                "the file's exercises"
            )
        for j, rule in enumerate(item.rules):
            if rule.exercise and rule.exercise not in merged:
                raise UserError(
                    f"{where}.rules[{j}].exercise: exercise '{rule.exercise}' is neither in the "
                    "library nor among the file's exercises"
                )
    return merged


def parse_programme_file(
    data: Any,
    path: str | os.PathLike[str],
    catalogue: Catalogue | None = None,
    text: str | None = None,
) -> ProgrammeFile:
    """Validate decoded JSON (``text`` is what it was decoded from) as a programme file;
    ``path`` only names it in messages. Strict (planner.reading): no type is guessed."""
    where = Path(path)
    _check_header(where, data)
    checked = text if text is not None else json.dumps(data)
    pf = validate_json(ProgrammeFile, checked, str(where))
    _check_exercises(where, pf, catalogue if catalogue is not None else builtin_catalogue())
    return pf


def read_programme_file(
    path: str | os.PathLike[str], catalogue: Catalogue | None = None
) -> ProgrammeFile:
    """Read and check a programme file against ``catalogue`` (default: the built-in library)."""
    data, text = read_json(path)
    return parse_programme_file(data, path, catalogue, text)
