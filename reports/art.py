"""Pictures on a card: the clinic's own photo of the exercise, or the drawn start and end poses.

A thin layer over :mod:`reports.figures` (owned by the figures work) that only decides size: a
figure is made as large as the room allows without growing taller than the card can afford,
because lying-down poses are long and flat while standing ones are tall and narrow.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image

from exercise_library.figures.geometry import exercise_scene
from exercise_library.schema import Exercise
from planner.errors import UserError
from reports.figures import FigureFlowable


def image_size(data: bytes, what: str) -> tuple[int, int]:
    """Pixel size of a PNG or JPEG, or a clear error naming ``what`` when it is not one."""
    try:
        return ImageReader(io.BytesIO(data)).getSize()
    except Exception as exc:  # reportlab/PIL raise many kinds for a damaged image
        raise UserError(f"{what} is not a readable PNG or JPEG image ({exc})") from None


def _fit(w: float, h: float, max_w: float, max_h: float) -> tuple[float, float]:
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def picture(data: bytes, max_w: float, max_h: float, what: str) -> Image:
    """An image scaled to fit the box, keeping its proportions."""
    px_w, px_h = image_size(data, what)
    w, h = _fit(float(px_w), float(px_h), max_w, max_h)
    return Image(io.BytesIO(data), width=w, height=h)


def exercise_picture(
    exercise: Exercise, photo: bytes | None, max_w: float, max_h: float
) -> Flowable | None:
    """The clinic's photo if it has one, else the drawn figure; None when there is neither."""
    if photo is not None:
        return picture(photo, max_w, max_h, f"the photo for {exercise.code}")
    figure = getattr(exercise, "figure", None)
    if figure is None:
        return None
    scene = exercise_scene(figure)
    width, _ = _fit(scene.width, scene.height, max_w, max_h)
    flowable = FigureFlowable(scene, width)
    flowable.hAlign = "CENTER"
    return flowable
