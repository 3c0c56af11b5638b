"""SVG text output: vector files for the exported figures, viewable in any browser."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from exercise_library.figures.primitives import (
    Arrow,
    Circle,
    Line,
    Polygon,
    Polyline,
    Primitive,
    Scene,
)


def _grey(level: float | None) -> str:
    if level is None:
        return "none"
    v = max(0, min(255, round(level * 255)))
    return f"#{v:02x}{v:02x}{v:02x}"


def _n(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".") or "0"


def _pts(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _element(it: Primitive) -> str:
    if isinstance(it, Line):
        (x1, y1), (x2, y2) = it.a, it.b
        return (
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="{_grey(it.grey)}" stroke-width="{_n(it.width)}" stroke-linecap="round"/>'
        )
    if isinstance(it, Polyline):
        return (
            f'<polyline points="{_pts(it.points)}" fill="none" stroke="{_grey(it.grey)}" '
            f'stroke-width="{_n(it.width)}" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    if isinstance(it, Circle):
        (cx, cy) = it.center
        stroke = (
            f' stroke="{_grey(it.stroke)}" stroke-width="{_n(it.width)}"'
            if it.stroke is not None
            else ""
        )
        fill = _grey(it.fill)
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(it.radius)}" fill="{fill}"{stroke}/>'
    if isinstance(it, Polygon):
        stroke = (
            f' stroke="{_grey(it.stroke)}" stroke-width="{_n(it.width)}" stroke-linejoin="round"'
            if it.stroke is not None and it.width > 0
            else ""
        )
        return f'<polygon points="{_pts(it.points)}" fill="{_grey(it.fill)}"{stroke}/>'
    if isinstance(it, Arrow):
        grey = _grey(it.grey)
        return (
            f'<polyline points="{_pts(it.shaft())}" fill="none" stroke="{grey}" '
            f'stroke-width="{_n(it.width)}" stroke-linecap="round" stroke-linejoin="round"/>'
            f'<polygon points="{_pts(it.head_triangle())}" fill="{grey}"/>'
        )
    x, y = it.at
    anchor = {"start": "start", "middle": "middle", "end": "end"}[it.anchor]
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="DejaVu Sans, Helvetica, sans-serif" '
        f'font-size="{_n(it.size)}" fill="{_grey(it.grey)}" text-anchor="{anchor}">'
        f"{escape(it.text)}</text>"
    )


def scene_svg(scene: Scene, width_mm: float = 70.0, title: str = "") -> str:
    """The scene as a standalone SVG document, ``width_mm`` wide when printed."""
    height_mm = width_mm * scene.height / scene.width
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{_n(width_mm)}mm" height="{_n(height_mm)}mm" '
        f'viewBox="0 0 {_n(scene.width)} {_n(scene.height)}">'
    )
    parts = [head]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    w, h = quoteattr(_n(scene.width)), quoteattr(_n(scene.height))
    parts.append(f'<rect width={w} height={h} fill="#ffffff"/>')
    parts += [_element(it) for it in scene.items]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
