"""Exercise figures for PDFs: the shared figure primitives drawn as reportlab vector paths.

:class:`FigureFlowable` is a platypus Flowable, so handouts place it like a paragraph or inside a
table cell. It paints straight onto the canvas instead of building a reportlab ``Drawing`` of
shape objects: a 12-exercise handout then draws its figures in a few milliseconds. Nothing here
decides how a figure looks; it only maps scene units to points.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from exercise_library.figures.geometry import exercise_scene
from exercise_library.figures.primitives import (
    Arrow,
    Circle,
    Line,
    Polygon,
    Polyline,
    Scene,
    Text,
)
from exercise_library.schema import Exercise

DEFAULT_WIDTH = 35 * mm


def _path(canvas: Canvas, points: tuple[tuple[float, float], ...], close: bool):  # type: ignore[no-untyped-def]
    path = canvas.beginPath()
    (x0, y0), *rest = points
    path.moveTo(x0, y0)
    for x, y in rest:
        path.lineTo(x, y)
    if close:
        path.close()
    return path


class _Pen:
    """Sets stroke and fill state only when it changes: a figure alternates few greys and
    widths, and every state change is text reportlab formats into the page."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.stroke: float | None = None
        self.fill: float | None = None
        self.width: float | None = None

    def set(self, stroke: float | None, width: float | None, fill: float | None) -> None:
        c = self.canvas
        if stroke is not None and stroke != self.stroke:
            c.setStrokeGray(stroke)
            self.stroke = stroke
        if width is not None and width != self.width:
            c.setLineWidth(width)
            self.width = width
        if fill is not None and fill != self.fill:
            c.setFillGray(fill)
            self.fill = fill


def draw_scene(canvas: Canvas, scene: Scene, x: float, y: float, width: float) -> float:
    """Paint ``scene`` with its lower-left corner at (x, y), ``width`` points wide; returns the
    height used. Scene y grows downwards, so the canvas is flipped for the primitives and
    flipped back for text."""
    s = width / scene.width
    height = scene.height * s
    canvas.saveState()
    canvas.translate(x, y + height)
    canvas.scale(s, -s)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    pen = _Pen(canvas)
    for it in scene.items:
        if isinstance(it, Line):
            pen.set(it.grey, it.width, None)
            (x1, y1), (x2, y2) = it.a, it.b
            canvas.line(x1, y1, x2, y2)
        elif isinstance(it, Polyline):
            pen.set(it.grey, it.width, None)
            canvas.drawPath(_path(canvas, it.points, False), stroke=1, fill=0)
        elif isinstance(it, Circle):
            stroke = it.stroke is not None and it.width > 0
            pen.set(it.stroke if stroke else None, it.width if stroke else None, it.fill)
            (cx, cy) = it.center
            canvas.circle(cx, cy, it.radius, stroke=int(stroke), fill=int(it.fill is not None))
        elif isinstance(it, Polygon):
            stroke = it.stroke is not None and it.width > 0
            pen.set(it.stroke if stroke else None, it.width if stroke else None, it.fill)
            path = _path(canvas, it.points, True)
            canvas.drawPath(path, stroke=int(stroke), fill=int(it.fill is not None))
        elif isinstance(it, Arrow):
            pen.set(it.grey, it.width, it.grey)
            canvas.drawPath(_path(canvas, it.shaft(), False), stroke=1, fill=0)
            canvas.drawPath(_path(canvas, it.head_triangle(), True), stroke=0, fill=1)
        elif isinstance(it, Text):
            canvas.saveState()
            canvas.translate(*it.at)
            canvas.scale(1, -1)
            canvas.setFillGray(it.grey)
            canvas.setFont("Helvetica", it.size)
            draw = {
                "start": canvas.drawString,
                "middle": canvas.drawCentredString,
                "end": canvas.drawRightString,
            }[it.anchor]
            draw(0, 0, it.text)
            canvas.restoreState()
            pen = _Pen(canvas)  # restoreState brought back the colours before the text
    canvas.restoreState()
    return height


class FigureFlowable(Flowable):
    """A figure in a platypus story: fixed width, height from the figure's proportions."""

    def __init__(self, scene: Scene, width: float = DEFAULT_WIDTH) -> None:
        super().__init__()
        self.scene = scene
        self.width = width
        self.height = scene.height * width / scene.width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_scene(self.canv, self.scene, 0, 0, self.width)


def exercise_figure(exercise: Exercise, width: float = DEFAULT_WIDTH) -> FigureFlowable | None:
    """The exercise's figure for a handout, or None when it has no pose data yet."""
    if exercise.figure is None:
        return None
    return FigureFlowable(exercise_scene(exercise.figure), width)
