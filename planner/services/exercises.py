"""Clinician-made exercises (stored in the database) and the library they join.

Built-in exercises are read-only: a clinic that wants a different version duplicates one under a
new code. Every saved exercise passes the same schema and safety rules as the built-in files, and
its progression links must point at exercises that exist. An exercise that programmes use (or
another clinic exercise links to) cannot be deleted, since those programmes could no longer be
scheduled, printed or exported: it is archived instead, which takes it out of the library and
the recommendations while the programmes keep it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from exercise_library.catalogue import (
    Catalogue,
    builtin_catalogue,
    tag_problems,
    validation_problems,
)
from exercise_library.files import ExerciseFileError, read_exercise_file, write_exercise_file
from exercise_library.schema import Exercise
from planner.errors import ConflictError, NotFoundError, UserError
from planner.services import utcnow
from planner.store.models import CustomExerciseRow, ItemRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "exercise"


class CustomExerciseService:
    def __init__(self, services: Services) -> None:
        self._s = services

    # -- reading -------------------------------------------------------------------------
    def list(self, *, archived: bool = False) -> list[tuple[Exercise, int]]:
        """Each custom exercise (or, with ``archived``, each archived one) with its version."""
        stmt = (
            select(CustomExerciseRow)
            .where(CustomExerciseRow.archived.is_(archived))
            .order_by(CustomExerciseRow.code)
        )
        with self._s.db.transaction() as session:
            return [(Exercise.model_validate(r.data), r.version) for r in session.scalars(stmt)]

    def catalogue(self) -> Catalogue:
        """The built-in library plus this clinic's own exercises (archived ones for look-ups
        only: the programmes that use them still find them)."""
        archived = self.list(archived=True)
        return builtin_catalogue().with_extra(
            [ex for ex, _ in self.list()] + [ex for ex, _ in archived],
            retired=[ex.code for ex, _ in archived],
        )

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
            # The editor marks the input the first problem is about (its feature or
            # behaviour list, or the dose).
            raise UserError(
                f"exercise '{exercise.code}': " + "; ".join(f"{f}: {m}" for f, m in problems),
                field=problems[0][0],
            )
        known = set(self.catalogue().exercises) | {exercise.code}
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
        with self._editing(exercise.code, expected_version) as (session, row):
            new = exercise.model_dump(mode="json", exclude_none=True)
            changed = sorted(k for k in set(row.data) | set(new) if row.data.get(k) != new.get(k))
            if not changed:
                return exercise, row.version
            row.data = new
            row.updated_at = utcnow()
            session.flush()
            self._s.audit(session, ENTITY, row.id, "edit", row.version, changed)
            return exercise, row.version

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

    def used_by(self, code: str) -> list[str]:
        """What would break without this exercise: programmes using it, exercises linking it."""
        out: list[str] = []
        with self._s.db.transaction() as session:
            for row in session.scalars(select(ItemRow).order_by(ItemRow.programme_id)):
                rules = row.data.get("rules", []) if isinstance(row.data, dict) else []
                targets = {r.get("exercise") for r in rules if isinstance(r, dict)}
                if code in {row.exercise_code, *targets}:
                    label = f"programme {row.programme_id}"
                    if label not in out:
                        out.append(label)
        for other, _ in [*self.list(), *self.list(archived=True)]:
            if other.code != code and code in (*other.progressions, *other.regressions):
                out.append(f"clinic exercise '{other.code}'")
        return out

    def _editing(self, code: str, expected_version: int):  # type: ignore[no-untyped-def]
        def find(session: Session) -> CustomExerciseRow:
            row = session.scalars(
                select(CustomExerciseRow).where(CustomExerciseRow.code == code)
            ).one_or_none()
            if row is None and expected_version:
                # The caller had it open: another workstation deleted it since.
                raise ConflictError("clinic exercise", f"'{code}'", ["it was deleted there"])
            if row is None:
                raise NotFoundError(f"there is no clinic exercise with code '{code}'")
            return row

        return self._s.editing_keyed(ENTITY, find, expected_version)

    def delete(self, code: str, expected_version: int) -> None:
        """Delete an exercise nothing uses; one in use is refused (archive it instead)."""
        used = self.used_by(code)
        if used:
            shown = ", ".join(used[:3]) + (f" and {len(used) - 3} more" if len(used) > 3 else "")
            raise UserError(
                f"'{code}' is used by {shown}, which would break without it; archive it instead "
                "(it leaves the library, and what uses it keeps it)"
            )
        with self._editing(code, expected_version) as (session, row):
            # The row first, then the audit chain, as every save does: two workstations
            # then take their locks in one order and never wait on each other in a circle.
            row_id, version = row.id, row.version
            session.delete(row)
            session.flush()
            self._s.audit(session, ENTITY, row_id, "delete", version + 1, ["exercise"])

    def archive(self, code: str, expected_version: int, archived: bool = True) -> int:
        """Take an exercise out of the library (or, with False, put it back); new version."""
        with self._editing(code, expected_version) as (session, row):
            if row.archived == archived:
                return int(row.version)
            row.archived = archived
            row.updated_at = utcnow()
            session.flush()
            action = "archive" if archived else "restore"
            self._s.audit(session, ENTITY, row.id, action, row.version, ["archived"])
            return int(row.version)

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
