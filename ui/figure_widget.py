"""Exercise figures in the app: the shared figure primitives painted with QPainter.

``paint_scene`` is the whole renderer (it only scales); :class:`FigureWidget` shows one
exercise's figure at whatever size the layout gives it, keeping the figure's proportions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

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


def _colour(level: float) -> QColor:
    v = max(0, min(255, round(level * 255)))
    return QColor(v, v, v)


_PENS: dict[tuple[float, float], QPen] = {}


def _set_pen(painter: QPainter, level: float | None, width: float) -> None:
    if level is None or width <= 0:
        # set the style directly: building QPen(NoPen) objects in a loop has crashed PySide6
        painter.setPen(Qt.PenStyle.NoPen)
        return
    pen = _PENS.get((level, width))
    if pen is None:
        pen = QPen(_colour(level), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if len(_PENS) > 512:
            _PENS.clear()
        _PENS[(level, width)] = pen
    painter.setPen(pen)


def _set_brush(painter: QPainter, level: float | None) -> None:
    if level is None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setBrush(QBrush(_colour(level)))


def _poly(points: tuple[tuple[float, float], ...]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])


def paint_scene(painter: QPainter, scene: Scene, rect: QRectF) -> None:
    """Paint ``scene`` fitted and centred in ``rect``."""
    s = min(rect.width() / scene.width, rect.height() / scene.height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(
        rect.x() + (rect.width() - scene.width * s) / 2,
        rect.y() + (rect.height() - scene.height * s) / 2,
    )
    painter.scale(s, s)
    for it in scene.items:
        if isinstance(it, Line):
            _set_pen(painter, it.grey, it.width)
            painter.drawLine(QPointF(*it.a), QPointF(*it.b))
        elif isinstance(it, Polyline):
            _set_pen(painter, it.grey, it.width)
            _set_brush(painter, None)
            painter.drawPolyline(_poly(it.points))
        elif isinstance(it, Circle):
            _set_pen(painter, it.stroke, it.width)
            _set_brush(painter, it.fill)
            painter.drawEllipse(QPointF(*it.center), it.radius, it.radius)
        elif isinstance(it, Polygon):
            _set_pen(painter, it.stroke, it.width)
            _set_brush(painter, it.fill)
            painter.drawPolygon(_poly(it.points))
        elif isinstance(it, Arrow):
            _set_pen(painter, it.grey, it.width)
            _set_brush(painter, None)
            painter.drawPolyline(_poly(it.shaft()))
            _set_pen(painter, None, 0)
            _set_brush(painter, it.grey)
            painter.drawPolygon(_poly(it.head_triangle()))
        elif isinstance(it, Text):
            painter.save()
            x, y = it.at
            # draw text at device size so tiny scene units do not upset font hinting
            painter.scale(1 / s, 1 / s)
            font = QFont(painter.font())
            font.setPixelSize(max(1, round(it.size * s)))
            painter.setFont(font)
            painter.setPen(_colour(it.grey))
            width = painter.fontMetrics().horizontalAdvance(it.text)
            dx = {"start": 0, "middle": -width / 2, "end": -width}[it.anchor]
            painter.drawText(QPointF(x * s + dx, y * s), it.text)
            painter.restore()
    painter.restore()


def scene_image(scene: Scene, width_px: int) -> QImage:
    """The scene on white, ``width_px`` wide."""
    height_px = max(1, round(width_px * scene.height / scene.width))
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    try:
        paint_scene(painter, scene, QRectF(0, 0, width_px, height_px))
    finally:
        painter.end()
    return image


class FigureWidget(QWidget):
    """Shows one exercise's figure, or a short note when the exercise has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene: Scene | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(120, 60)

    @property
    def scene(self) -> Scene | None:
        return self._scene

    def set_exercise(self, exercise: Exercise | None) -> None:
        figure = exercise.figure if exercise is not None else None
        self.set_scene(exercise_scene(figure) if figure is not None else None)
        self.setToolTip(exercise.name if exercise is not None else "")

    def set_scene(self, scene: Scene | None) -> None:
        self._scene = scene
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return self._scene is not None

    def heightForWidth(self, width: int) -> int:
        if self._scene is None:
            return self.minimumHeight()
        return max(self.minimumHeight(), round(width * self._scene.height / self._scene.width))

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(320))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(255, 255, 255))
            if self._scene is None:
                painter.setPen(_colour(0.4))
                painter.drawText(
                    QRectF(self.rect()),
                    Qt.AlignmentFlag.AlignCenter,
                    "No picture for this exercise yet",
                )
                return
            paint_scene(painter, self._scene, QRectF(self.rect()).adjusted(4, 4, -4, -4))
        finally:
            painter.end()
