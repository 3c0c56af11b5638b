"""Renderer-independent drawing primitives.

A :class:`Scene` is everything a renderer needs: a size and a list of strokes and shapes in
painting order, in scene units (metres of the drawn body) with y growing downwards, the way SVG,
Qt and Pillow count. Colours are grey levels, 0 black to 1 white, so every figure prints the
same in black and white. Renderers only scale; they make no drawing decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Line:
    """A straight stroke with round ends (a limb is a thick one)."""

    a: Point
    b: Point
    width: float
    grey: float
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Polyline:
    points: tuple[Point, ...]
    width: float
    grey: float
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Circle:
    center: Point
    radius: float
    fill: float | None
    stroke: float | None = None
    width: float = 0.0
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[Point, ...]
    fill: float | None
    stroke: float | None = None
    width: float = 0.0
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Arrow:
    """A movement path: a stroke along ``points`` with a filled head at the last point."""

    points: tuple[Point, ...]
    width: float
    grey: float
    head: float
    tag: str = ""

    def head_triangle(self) -> tuple[Point, Point, Point]:
        """The head as a triangle, computed once here so every renderer draws the same one."""
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        dx, dy = x1 - x0, y1 - y0
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        ux, uy = dx / n, dy / n
        back = (x1 - ux * self.head, y1 - uy * self.head)
        half = self.head * 0.55
        return (
            (x1 + ux * self.head * 0.25, y1 + uy * self.head * 0.25),
            (back[0] - uy * half, back[1] + ux * half),
            (back[0] + uy * half, back[1] - ux * half),
        )

    def shaft(self) -> tuple[Point, ...]:
        """The stroke stops inside the head so a thick line never pokes through its tip."""
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        dx, dy = x1 - x0, y1 - y0
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        end = (x1 - dx / n * self.head * 0.6, y1 - dy / n * self.head * 0.6)
        return (*self.points[:-1], end)


@dataclass(frozen=True, slots=True)
class Text:
    at: Point
    text: str
    size: float
    grey: float = 0.0
    anchor: Literal["start", "middle", "end"] = "middle"
    tag: str = ""


Primitive = Line | Polyline | Circle | Polygon | Arrow | Text


@dataclass(frozen=True)
class Scene:
    """A whole figure. ``panels`` gives the left and right edge of each key pose's panel, in
    the order the poses are drawn, so a check can tell which pose a stroke belongs to."""

    width: float
    height: float
    items: tuple[Primitive, ...] = field(default_factory=tuple)
    panels: tuple[tuple[float, float], ...] = ()
