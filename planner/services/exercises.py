"""Clinician-made exercises (stored in the database) and the library they join.

Built-in exercises are read-only: a clinic that wants a different version duplicates one under a
new code. Every saved exercise passes the same schema and safety rules as the built-in files, and
its progression links must point at exercises that exist.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from exercise_library.catalogue import (
    Catalogue,
    builtin_catalogue,
    tag_problems,
    validation_problems,
)
from exercise_library.files import ExerciseFileError, read_exercise_file, write_exercise_file
from exercise_library.schema import Exercise
from planner.errors import NotFoundError, UserError
from planner.services import check_version, stale_to_conflict, utcnow
from planner.store.models import CustomExerciseRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "exercise"


class CustomExerciseService:
    def __init__(self, services: Services) -> None:
        self._s = services

    # -- reading -------------------------------------------------------------------------
    def list(self) -> list[tuple[Exercise, int]]:
        """Each custom exercise with its version."""
        with self._s.db.transaction() as session:
            rows = session.scalars(select(CustomExerciseRow).order_by(CustomExerciseRow.code))
            return [(Exercise.model_validate(r.data), r.version) for r in rows]

    def catalogue(self) -> Catalogue:
        """The built-in library plus this clinic's own exercises."""
        return builtin_catalogue().with_extra(ex for ex, _ in self.list())

    def get(self, code: str) -> tuple[Exercise, int]:
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(CustomExerciseRow).where(CustomExerciseRow.code == code)
            ).one_or_none()
            if row is None:
                raise NotFoundError(f"there is no clinic exercise with code '{code}'")
            return Exercise.model_validate(row.data), row.version

    # -- checks --------------------------------------------------------------------------
    def _check(self, exercise: Exercise, *, creating: bool) -> None:
        builtins = builtin_catalogue()
        if exercise.code in builtins:
            action = "choose another code" if creating else "duplicate it to make your own"
            raise UserError(
                f"'{exercise.code}' is a built-in exercise and cannot be changed; {action}",
                field="code",
            )
        problems = tag_problems(exercise)
        if problems:
            # The editor marks the input to change: a feature comes from the position and the
            # spine, a behaviour must fit the dose.
            raise UserError(
                f"exercise '{exercise.code}': " + "; ".join(f"{f}: {m}" for f, m in problems),
                field="position" if problems[0][0] == "features" else "dosage",
            )
        known = set(builtins.exercises) | {ex.code for ex, _ in self.list()} | {exercise.code}
        for kind in ("progressions", "regressions"):
            for target in getattr(exercise, kind):
                if target not in known:
                    raise UserError(
                        f"exercise '{exercise.code}': {kind} names unknown exercise '{target}'",
                        field=kind,
                    )

    # -- writing -------------------------------------------------------------------------
    def create(self, exercise: Exercise) -> tuple[Exercise, int]:
        self._check(exercise, creating=True)
        now = utcnow()
        with self._s.db.transaction() as session:
            exists = session.scalars(
                select(CustomExerciseRow.id).where(CustomExerciseRow.code == exercise.code)
            ).first()
            if exists is not None:
                raise UserError(
                    f"the clinic already has an exercise with code '{exercise.code}'",
                    field="code",
                )
            row = CustomExerciseRow(
                code=exercise.code,
                data=exercise.model_dump(mode="json", exclude_none=True),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            self._s.audit(session, ENTITY, row.id, "create", row.version, ["exercise"])
            return exercise, row.version

    def update(self, exercise: Exercise, expected_version: int) -> tuple[Exercise, int]:
        self._check(exercise, creating=False)
        row_id = 0
        try:
            with self._s.db.transaction() as session:
                row = session.scalars(
                    select(CustomExerciseRow).where(CustomExerciseRow.code == exercise.code)
                ).one_or_none()
                if row is None:
                    raise NotFoundError(f"there is no clinic exercise with code '{exercise.code}'")
                row_id = row.id
                check_version(session, ENTITY, row.id, row.version, expected_version)
                new = exercise.model_dump(mode="json", exclude_none=True)
                changed = sorted(
                    k for k in set(row.data) | set(new) if row.data.get(k) != new.get(k)
                )
                if not changed:
                    return exercise, row.version
                row.data = new
                row.updated_at = utcnow()
                session.flush()
                self._s.audit(session, ENTITY, row.id, "edit", row.version, changed)
                return exercise, row.version
        except StaleDataError as exc:
            raise stale_to_conflict(self._s.db, ENTITY, row_id, expected_version, exc) from None

    def duplicate(self, source_code: str, new_code: str, new_name: str) -> tuple[Exercise, int]:
        """Start a clinic exercise from any exercise (built-in or custom)."""
        source = self.catalogue().get(source_code)
        if source is None:
            raise NotFoundError(f"there is no exercise with code '{source_code}'")
        data = source.model_dump(mode="json", exclude_none=True)
        data.update(code=new_code, name=new_name)
        try:
            copy = Exercise.model_validate(data)
        except ValidationError as exc:
            problems = validation_problems(new_code, exc)
            raise UserError("; ".join(f"{p.field}: {p.message}" for p in problems)) from None
        return self.create(copy)

    def delete(self, code: str) -> None:
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(CustomExerciseRow).where(CustomExerciseRow.code == code)
            ).one_or_none()
            if row is None:
                raise NotFoundError(f"there is no clinic exercise with code '{code}'")
            self._s.audit(session, ENTITY, row.id, "delete", row.version, ["exercise"])
            session.delete(row)

    # -- files ---------------------------------------------------------------------------
    def export(self, code: str, path: Path) -> None:
        exercise = self.catalogue().get(code)
        if exercise is None:
            raise NotFoundError(f"there is no exercise with code '{code}'")
        write_exercise_file(path, exercise)

    def import_file(self, path: Path) -> Exercise:
        try:
            exercise = read_exercise_file(path)
        except ExerciseFileError as exc:
            raise UserError(str(exc)) from None
        self.create(exercise)
        return exercise
