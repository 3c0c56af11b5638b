"""Clinic photos for exercises: a clinic's own picture used instead of the drawn figure.

Images are checked and scaled down on the way in (:mod:`planner.images`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import NotFoundError
from planner.images import MAX_FILE_BYTES, MAX_PHOTO_PIXELS, prepare_photo
from planner.reading import read_bytes
from planner.services import flush_or_lose, utcnow
from planner.store.models import ExerciseMediaRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "exercise_photo"
__all__ = ["MAX_PHOTO_PIXELS", "MediaService", "prepare_photo"]


class MediaService:
    """Every change names the photo version it started from (0: no photo yet), so a photo
    another workstation attached, switched or removed first is a conflict, not overwritten."""

    def __init__(self, services: Services) -> None:
        self._s = services

    @staticmethod
    def _row(session: Session, code: str) -> ExerciseMediaRow | None:
        return session.scalars(
            select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_code == code)
        ).one_or_none()

    def _editing(self, code: str, expected_version: int):  # type: ignore[no-untyped-def]
        return self._s.editing_keyed(
            ENTITY, lambda session: self._row(session, code), expected_version
        )

    def attach_photo(
        self, code: str, path: Path, *, use_instead: bool = True, expected_version: int = 0
    ) -> int:
        """Store (or replace) the exercise's photo; returns the photo's new version."""
        if self._s.exercises.catalogue().get(code) is None:
            raise NotFoundError(f"there is no exercise with code '{code}'")
        raw = read_bytes(path, limit=MAX_FILE_BYTES)
        image, mime = prepare_photo(raw, str(path))
        with self._editing(code, expected_version) as (session, row):
            if row is None:
                row = ExerciseMediaRow(exercise_code=code)
                session.add(row)
            row.image, row.mime, row.use_instead_of_figure = image, mime, use_instead
            row.updated_at = utcnow()
            flush_or_lose(session)
            self._s.audit(session, ENTITY, row.id, "attach", row.version, [code])
            return int(row.version)

    def photo(self, code: str) -> tuple[bytes, str, bool] | None:
        """(image bytes, mime type, use instead of the figure) or None."""
        with self._s.db.transaction() as session:
            row = self._row(session, code)
            return (row.image, row.mime, row.use_instead_of_figure) if row else None

    def photo_version(self, code: str) -> int:
        """The version of the exercise's photo, 0 when it has none."""
        with self._s.db.transaction() as session:
            version = session.scalar(
                select(ExerciseMediaRow.version).where(ExerciseMediaRow.exercise_code == code)
            )
            return int(version or 0)

    def photos_in_use(self, codes: list[str]) -> dict[str, bytes]:
        """The photos chosen to replace figures, for the given exercises (for handouts)."""
        with self._s.db.transaction() as session:
            rows = session.scalars(
                select(ExerciseMediaRow).where(
                    ExerciseMediaRow.exercise_code.in_(codes),
                    ExerciseMediaRow.use_instead_of_figure.is_(True),
                )
            )
            return {r.exercise_code: r.image for r in rows}

    def set_use_instead(self, code: str, use: bool, expected_version: int) -> int:
        with self._editing(code, expected_version) as (session, row):
            if row is None:
                raise NotFoundError(f"exercise '{code}' has no clinic photo")
            row.use_instead_of_figure = use
            row.updated_at = utcnow()
            session.flush()
            action = "use" if use else "keep_figure"
            self._s.audit(session, ENTITY, row.id, action, row.version, [code])
            return int(row.version)

    def remove(self, code: str, expected_version: int) -> None:
        with self._editing(code, expected_version) as (session, row):
            if row is not None:  # the row, then the audit chain (see exercises.delete)
                row_id, version = row.id, row.version
                session.delete(row)
                session.flush()
                self._s.audit(session, ENTITY, row_id, "remove", version + 1, [code])
