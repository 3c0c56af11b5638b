"""PNG output through Pillow (installed with reportlab), for the contact sheet and PNG export.

Pillow draws without anti-aliasing, so the scene is drawn at several times the size and scaled
down; round line ends are drawn as discs because Pillow's plain lines end square.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from exercise_library.figures.primitives import (
    Arrow,
    Circle,
    Line,
    Polygon,
    Polyline,
    Scene,
    Text,
)

if TYPE_CHECKING:
    from PIL import Image

SUPERSAMPLE: Final = 3
FONT_FILES: Final = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _grey(level: float) -> int:
    return max(0, min(255, round(level * 255)))


def draw_scene(image: Image.Image, scene: Scene, box: tuple[float, float, float, float]) -> None:
    """Draw ``scene`` fitted and centred into ``box`` (left, top, width, height, in pixels of
    ``image``, which must be mode 'L')."""
    from PIL import ImageDraw

    left, top, bw, bh = box
    s = min(bw / scene.width, bh / scene.height)
    ox = left + (bw - scene.width * s) / 2
    oy = top + (bh - scene.height * s) / 2
    draw = ImageDraw.Draw(image)

    def pt(p: tuple[float, float]) -> tuple[float, float]:
        return (ox + p[0] * s, oy + p[1] * s)

    def stroke(points: list[tuple[float, float]], width: float, grey: int) -> None:
        w = max(1, round(width * s))
        draw.line(points, fill=grey, width=w, joint="curve")
        r = width * s / 2
        for x, y in (points[0], points[-1]):
            draw.ellipse((x - r, y - r, x + r, y + r), fill=grey)

    for it in scene.items:
        if isinstance(it, Line):
            stroke([pt(it.a), pt(it.b)], it.width, _grey(it.grey))
        elif isinstance(it, Polyline):
            stroke([pt(p) for p in it.points], it.width, _grey(it.grey))
        elif isinstance(it, Circle):
            (cx, cy), r = pt(it.center), it.radius * s
            half = it.width * s / 2
            if it.stroke is not None and it.fill is not None:
                o, i = r + half, r - half
                draw.ellipse((cx - o, cy - o, cx + o, cy + o), fill=_grey(it.stroke))
                draw.ellipse((cx - i, cy - i, cx + i, cy + i), fill=_grey(it.fill))
            elif it.stroke is not None:
                o = r + half
                w = max(1, round(it.width * s))
                draw.ellipse((cx - o, cy - o, cx + o, cy + o), outline=_grey(it.stroke), width=w)
            elif it.fill is not None:
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_grey(it.fill))
        elif isinstance(it, Polygon):
            pts = [pt(p) for p in it.points]
            if it.fill is not None:
                draw.polygon(pts, fill=_grey(it.fill))
            if it.stroke is not None and it.width > 0:
                stroke([*pts, pts[0]], it.width, _grey(it.stroke))
        elif isinstance(it, Arrow):
            stroke([pt(p) for p in it.shaft()], it.width, _grey(it.grey))
            draw.polygon([pt(p) for p in it.head_triangle()], fill=_grey(it.grey))
        elif isinstance(it, Text):
            face = font(max(6, round(it.size * s)))
            x, y = pt(it.at)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[it.anchor]
            draw.text((x, y), it.text, fill=_grey(it.grey), font=face, anchor=anchor)


def font(px: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, px)
        except OSError:
            continue
    return ImageFont.load_default(px)


def scene_image(scene: Scene, width_px: int) -> Image.Image:
    """The scene alone as a greyscale image ``width_px`` wide."""
    from PIL import Image

    height_px = max(1, round(width_px * scene.height / scene.width))
    big = Image.new("L", (width_px * SUPERSAMPLE, height_px * SUPERSAMPLE), 255)
    draw_scene(big, scene, (0, 0, big.width, big.height))
    return big.resize((width_px, height_px), Image.Resampling.LANCZOS)
