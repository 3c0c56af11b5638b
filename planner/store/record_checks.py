"""Stored documents read back through the models the app reads them with (for `db check`).

The database keeps assessments, programmes, session logs, settings and clinic exercises as JSON
the models wrote; a row changed around the app (a script, a restore of a hand-edited file, a
bug in an older release) would only fail when someone opens it. This reads every row the way
the app would and names each one that would fail, with the field and a short excerpt.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def stored_record_problems(session: Session) -> Iterator[str]:
    for row in session.scalars(select(SettingsRow)):
        if (bad := _document("clinic settings", row.data)) is not None:
            yield bad
            continue
        try:
            ClinicSettings.model_validate(upgrade_settings(row.data))
        except (ValidationError, ValueError) as exc:
            yield _problem("clinic settings", exc)
        if row.logo_png is not None and (bad := image_problem(row.logo_png)) is not None:
            yield f"clinic logo: {bad}"

    for row in session.scalars(select(ClientRow).execution_options(yield_per=_CHUNK)):
        try:
            ClientDetails.model_validate(
                {f: getattr(row, f) for f in CLIENT_FIELDS if getattr(row, f) is not None}
            )
        except (ValidationError, ValueError) as exc:
            yield _problem(f"client {row.id}", exc)

    for row in session.scalars(select(AssessmentRow).execution_options(yield_per=_CHUNK)):
        what = f"assessment {row.id}"
        if (bad := _document(what, row.data)) is not None:
            yield bad
            continue
        try:
            assessment = AssessmentFile.model_validate(row.data)
        except (ValidationError, ValueError) as exc:
            yield _problem(what, exc)
            continue
        if assessment.date != row.assessed_on:
            yield f"{what}: its date column ({row.assessed_on}) differs from its document"

    programmes = select(ProgrammeRow).options(
        selectinload(ProgrammeRow.phases), selectinload(ProgrammeRow.items)
    )
    for row in session.scalars(programmes.execution_options(yield_per=_CHUNK)):
        what = f"programme {row.id}"
        documents = [row.data, *(p.data for p in row.phases), *(i.data for i in row.items)]
        bad = next((b for d in documents if (b := _document(what, d)) is not None), None)
        if bad is not None:
            yield bad
            continue
        try:
            programme_from_doc(stored_programme_from_row(row))
        except (ValidationError, ValueError) as exc:
            yield _problem(what, exc)

    for row in session.scalars(select(SessionLogRow).execution_options(yield_per=_CHUNK)):
        what = f"session log {row.id} (programme {row.programme_id})"
        if (bad := _document(what, row.data or {})) is not None:
            yield bad
            continue
        try:
            session_log_from_row(row)
        except (ValidationError, ValueError) as exc:
            yield _problem(what, exc)

    for row in session.scalars(select(CustomExerciseRow)):
        what = f"clinic exercise {row.code}"
        if (bad := _document(what, row.data)) is not None:
            yield bad
            continue
        try:
            exercise = Exercise.model_validate(row.data)
        except (ValidationError, ValueError) as exc:
            yield _problem(what, exc)
            continue
        if exercise.code != row.code:
            yield f"{what}: its document names the code '{exercise.code}'"

    for row in session.scalars(select(ExerciseMediaRow)):
        if (bad := image_problem(row.image)) is not None:
            yield f"photo of {row.exercise_code}: {bad}"
