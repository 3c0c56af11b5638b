"""Clinic photos for exercises: a clinic's own picture used instead of the drawn figure.

Images are checked and scaled down on the way in, so a phone photo of several megabytes becomes
a picture that prints sharply at card size without bloating every handout and backup.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from planner.errors import NotFoundError, UserError
from planner.services import utcnow
from planner.store.models import ExerciseMediaRow

if TYPE_CHECKING:
    from planner.services import Services

# Long side in pixels: 35-60 mm on paper at 300 dpi needs about 700; twice that leaves room.
MAX_PHOTO_PIXELS = 1600
MAX_FILE_BYTES = 40 * 1024 * 1024
ENTITY = "exercise_photo"


def prepare_photo(data: bytes, name: str) -> tuple[bytes, str]:
    """Check that ``data`` is a PNG or JPEG image and shrink it; returns (bytes, mime)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"{name}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise UserError(f"{name}: not a PNG or JPEG image ({exc.__class__.__name__})") from None
    if kind not in {"PNG", "JPEG"}:
        raise UserError(f"{name}: a {kind} image; use a PNG or JPEG photo")
    if max(image.size) > MAX_PHOTO_PIXELS:
        image.thumbnail((MAX_PHOTO_PIXELS, MAX_PHOTO_PIXELS))
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        return out.getvalue(), "image/jpeg"
    image.save(out, "PNG", optimize=True)
    return out.getvalue(), "image/png"


class MediaService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def attach_photo(self, code: str, path: Path, *, use_instead: bool = True) -> None:
        if self._s.exercises.catalogue().get(code) is None:
            raise NotFoundError(f"there is no exercise with code '{code}'")
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path}: cannot be read ({exc.strerror})") from None
        image, mime = prepare_photo(raw, str(path))
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_code == code)
            ).one_or_none()
            if row is None:
                row = ExerciseMediaRow(exercise_code=code)
                session.add(row)
            row.image, row.mime, row.use_instead_of_figure = image, mime, use_instead
            row.updated_at = utcnow()
            session.flush()
            self._s.audit(session, ENTITY, row.id, "attach", None, [code])

    def photo(self, code: str) -> tuple[bytes, str, bool] | None:
        """(image bytes, mime type, use instead of the figure) or None."""
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_code == code)
            ).one_or_none()
            return (row.image, row.mime, row.use_instead_of_figure) if row else None

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

    def set_use_instead(self, code: str, use: bool) -> None:
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_code == code)
            ).one_or_none()
            if row is None:
                raise NotFoundError(f"exercise '{code}' has no clinic photo")
            row.use_instead_of_figure = use
            row.updated_at = utcnow()
            self._s.audit(session, ENTITY, row.id, "use" if use else "keep_figure", None, [code])

    def remove(self, code: str) -> None:
        with self._s.db.transaction() as session:
            row = session.scalars(
                select(ExerciseMediaRow).where(ExerciseMediaRow.exercise_code == code)
            ).one_or_none()
            if row is not None:
                self._s.audit(session, ENTITY, row.id, "remove", None, [code])
                session.delete(row)
