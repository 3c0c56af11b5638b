"""Pictures on a card: the clinic's own photo of the exercise, or the drawn start and end poses.

A thin layer over :mod:`reports.figures` (owned by the figures work) that only decides size: a
picture knows its proportions before it is placed, so the card can give a long, flat lying-down
figure the full width and a tall standing one a column beside the steps, each as large as the
room allows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image

from exercise_library.figures.geometry import exercise_scene
from exercise_library.figures.primitives import Scene
from exercise_library.schema import Exercise
from planner.errors import UserError
from reports.figures import FigureFlowable


def image_size(data: bytes, what: str) -> tuple[int, int]:
    """Pixel size of a PNG or JPEG, or a clear error naming ``what`` when it is not one."""
    try:
        return ImageReader(io.BytesIO(data)).getSize()
    except Exception as exc:  # reportlab/PIL raise many kinds for a damaged image
        raise UserError(f"{what} is not a readable PNG or JPEG image ({exc})") from None


def fit(w: float, h: float, max_w: float, max_h: float) -> tuple[float, float]:
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def picture(data: bytes, max_w: float, max_h: float, what: str) -> Image:
    """An image scaled to fit the box, keeping its proportions."""
    px_w, px_h = image_size(data, what)
    w, h = fit(float(px_w), float(px_h), max_w, max_h)
    return Image(io.BytesIO(data), width=w, height=h)


@dataclass(frozen=True)
class Picture:
    """A photo or a figure, measured once, placed at whatever size the card decides."""

    width: float  # natural units; only the ratio matters
    height: float
    photo: bytes | None = None
    scene: Scene | None = None

    @property
    def aspect(self) -> float:
        return self.width / self.height

    def flowable(self, max_w: float, max_h: float) -> Flowable:
        w, h = fit(self.width, self.height, max_w, max_h)
        if self.photo is not None:
            item: Flowable = Image(io.BytesIO(self.photo), width=w, height=h)
        else:
            assert self.scene is not None
            item = FigureFlowable(self.scene, w)
        item.hAlign = "CENTER"
        return item


def exercise_picture(exercise: Exercise, photo: bytes | None) -> Picture | None:
    """The clinic's photo if it has one, else the drawn figure; None when there is neither."""
    if photo is not None:
        px_w, px_h = image_size(photo, f"the photo for {exercise.code}")
        return Picture(float(px_w), float(px_h), photo=photo)
    figure = getattr(exercise, "figure", None)
    if figure is None:
        return None
    scene = exercise_scene(figure)
    return Picture(scene.width, scene.height, scene=scene)
