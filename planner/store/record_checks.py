"""Stored documents read back through the models the app reads them with (for `db check`).

The database keeps assessments, programmes, session logs, settings and clinic exercises as JSON
the models wrote; a row changed around the app (a script, a restore of a hand-edited file, a
bug in an older release) would only fail when someone opens it. This reads every row the way
the app would and names each one that would fail, with the field and a short excerpt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from exercise_library.bounds import structure_problem
from exercise_library.schema import Exercise
from planner.assessment.model import AssessmentFile
from planner.images import image_problem
from planner.reading import describe_error
from planner.records import ClientDetails
from planner.settings import ClinicSettings, upgrade_settings
from planner.store.mapping import (
    CLIENT_FIELDS,
    programme_from_doc,
    session_log_from_row,
    stored_programme_from_row,
)
from planner.store.models import (
    AssessmentRow,
    ClientRow,
    CustomExerciseRow,
    ExerciseMediaRow,
    ProgrammeRow,
    SessionLogRow,
    SettingsRow,
)

_CHUNK = 200


def _problem(what: str, exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{what}: {describe_error(errors[0])}{more}"
    return f"{what}: {str(exc)[:200]}"


def _document(what: str, data: Any) -> str | None:
    """A stored JSON document breaking the file bounds is reported before any model reads it."""
    if not isinstance(data, dict):
        return f"{what}: the stored document is not a JSON object"
    problem = structure_problem(data)
    return f"{what}: {problem[0]}: {problem[1]}" if problem else None


def _client(row: ClientRow) -> None:
    ClientDetails.model_validate(
        {f: getattr(row, f) for f in CLIENT_FIELDS if getattr(row, f) is not None}
    )


def _assessment(row: AssessmentRow) -> str | None:
    if AssessmentFile.model_validate(row.data).date != row.assessed_on:
        return f"assessment {row.id}: its date column ({row.assessed_on}) differs from its document"
    return None


def _exercise(row: CustomExerciseRow) -> str | None:
    code = Exercise.model_validate(row.data).code
    return None if code == row.code else f"clinic exercise {row.code}: its document names '{code}'"


# Each kind of record: which rows, how a message names one, its JSON documents, and how the
# app reads it (raising as the app would, or returning a problem of its own).
_KINDS: list[tuple[Any, Callable[[Any], str], Callable[[Any], list[Any]], Callable[[Any], Any]]]
_KINDS = [
    (
        select(SettingsRow),
        lambda r: "clinic settings",
        lambda r: [r.data],
        lambda r: ClinicSettings.model_validate(upgrade_settings(r.data)) and None,
    ),
    (select(ClientRow), lambda r: f"client {r.id}", lambda r: [], _client),
    (select(AssessmentRow), lambda r: f"assessment {r.id}", lambda r: [r.data], _assessment),
    (
        select(ProgrammeRow).options(
            selectinload(ProgrammeRow.phases), selectinload(ProgrammeRow.items)
        ),
        lambda r: f"programme {r.id}",
        lambda r: [r.data, *(p.data for p in r.phases), *(i.data for i in r.items)],
        lambda r: programme_from_doc(stored_programme_from_row(r)) and None,
    ),
    (
        select(SessionLogRow),
        lambda r: f"session log {r.id} (programme {r.programme_id})",
        lambda r: [r.data or {}],
        lambda r: session_log_from_row(r) and None,
    ),
    (
        select(CustomExerciseRow),
        lambda r: f"clinic exercise {r.code}",
        lambda r: [r.data],
        _exercise,
    ),
]


def _first_problem(
    what: str, documents: list[Any], read: Callable[[Any], Any], row: Any
) -> str | None:
    """One record's first problem: its documents against the bounds, then the model."""
    for document in documents:
        if (bad := _document(what, document)) is not None:
            return bad
    try:
        found = read(row)
    except (ValidationError, ValueError) as exc:
        return _problem(what, exc)
    return found if isinstance(found, str) else None


def stored_record_problems(session: Session) -> Iterator[str]:
    for stmt, what, documents, read in _KINDS:
        for row in session.scalars(stmt.execution_options(yield_per=_CHUNK)):
            bad = _first_problem(what(row), documents(row), read, row)
            if bad is not None:
                yield bad
    images = [
        ("clinic logo", r.logo_png) for r in session.scalars(select(SettingsRow)) if r.logo_png
    ]
    images += [
        (f"photo of {r.exercise_code}", r.image) for r in session.scalars(select(ExerciseMediaRow))
    ]
    for what, image in images:
        if (bad := image_problem(image)) is not None:
            yield f"{what}: {bad}"
