"""Fonts, page sizes and the named paragraph styles every document uses.

The fonts are DejaVu Sans from ``reports/fonts`` (registered once per process), embedded in each
PDF so any client or clinic name prints on any machine. Everything is black, white and greys, so
a handout copied on an office printer loses nothing. Large print raises every piece of text a
client reads to at least 14 pt; the layout code asks these styles for sizes instead of writing
numbers of its own, so the two print sizes cannot drift apart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR: Final = Path(__file__).resolve().parent / "fonts"
FONT: Final = "DejaVuSans"
FONT_BOLD: Final = "DejaVuSans-Bold"

Paper = Literal["a4", "letter"]
PAPER_SIZES: Final[dict[str, tuple[float, float]]] = {"a4": A4, "letter": LETTER}

# Greys chosen to survive a cheap black-and-white copy: a light tint for boxes, a mid grey for
# rules, and black for anything that must be read.
INK: Final = Color(0, 0, 0)
RULE: Final = Color(0.35, 0.35, 0.35)
TINT: Final = Color(0.91, 0.91, 0.91)
MID: Final = Color(0.72, 0.72, 0.72)
DARK: Final = Color(0.3, 0.3, 0.3)
WHITE: Final = Color(1, 1, 1)

MARGIN: Final = 15 * mm
FOOTER_SPACE: Final = 12 * mm

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab, once; safe from any thread."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
        # <b> inside a paragraph picks the bold face; there is no italic, so <i> stays upright.
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        _registered = True


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)} (got {paper!r})") from None


def esc(text: object) -> str:
    """User text made safe for paragraph markup: `<b>&` prints as those three characters."""
    return escape(str(text))


@dataclass(frozen=True)
class Styles:
    """One print size's paragraph styles, by the job they do on the page."""

    large: bool
    body_size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    body_bold: ParagraphStyle
    small: ParagraphStyle
    card_title: ParagraphStyle
    card_head: ParagraphStyle
    dose: ParagraphStyle
    step: ParagraphStyle
    bullet: ParagraphStyle
    card_bullet: ParagraphStyle
    small_bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre_head: ParagraphStyle
    cell_bullet: ParagraphStyle
    box_title: ParagraphStyle
    footer_size: float
    tick_size: float
    gap: float

    @property
    def leading(self) -> float:
        return self.body.leading


def _style(name: str, size: float, *, bold: bool = False, **extra: object) -> ParagraphStyle:
    settings: dict[str, object] = {
        "fontName": FONT_BOLD if bold else FONT,
        "fontSize": size,
        "leading": round(size * 1.28, 1),
        "textColor": INK,
        "bulletFontName": FONT,
        "bulletFontSize": size,
        "alignment": TA_LEFT,
    }
    settings.update(extra)
    return ParagraphStyle(name, **settings)


@cache
def get_styles(large_print: bool = False) -> Styles:
    """The styles for normal print or large print (every client-read text at 14 pt or more)."""
    register_fonts()
    if large_print:
        body, small, cell, title, h1, h2, card = 14.0, 14.0, 14.0, 26.0, 20.0, 16.0, 17.0
        footer, tick, step = 11.0, 18.0, 14.0
    else:
        body, small, cell, title, h1, h2, card = 10.5, 9.0, 9.0, 19.0, 15.0, 11.5, 12.5
        footer, tick, step = 8.0, 12.0, 10.0
    return Styles(
        large=large_print,
        body_size=body,
        title=_style("title", title, bold=True, spaceAfter=title * 0.3),
        subtitle=_style("subtitle", h2, spaceAfter=h2 * 0.4),
        # A heading never ends a page: it moves on with what follows it.
        h1=_style("h1", h1, bold=True, spaceBefore=h1 * 0.5, spaceAfter=h1 * 0.4, keepWithNext=1),
        h2=_style("h2", h2, bold=True, spaceBefore=h2 * 0.6, spaceAfter=h2 * 0.25, keepWithNext=1),
        body=_style("body", body, spaceAfter=body * 0.35),
        body_bold=_style("body_bold", body, bold=True, spaceAfter=body * 0.35),
        small=_style("small", small, spaceAfter=small * 0.2),
        card_title=_style("card_title", card, bold=True),
        card_head=_style(
            "card_head", h2, bold=True, spaceBefore=h2 * 0.3, spaceAfter=h2 * 0.15, keepWithNext=1
        ),
        dose=_style("dose", body, bold=True),
        # Steps are the bulk of a card: a shade smaller and tighter in normal print, so three
        # cards can share a page; large print keeps 14 pt.
        step=_style(
            "step",
            step,
            leading=round(step * 1.22, 1),
            leftIndent=step * 1.6,
            bulletIndent=0,
            spaceAfter=step * 0.15,
        ),
        bullet=_style("bullet", body, leftIndent=body * 1.1, bulletIndent=0, spaceAfter=body * 0.2),
        card_bullet=_style(
            "card_bullet",
            small,
            leading=round(small * 1.22, 1),
            leftIndent=small * 1.3,
            bulletIndent=0,
            spaceAfter=small * 0.15,
        ),
        small_bullet=_style(
            "small_bullet", small, leftIndent=small * 1.1, bulletIndent=0, spaceAfter=small * 0.2
        ),
        cell=_style("cell", cell),
        cell_bold=_style("cell_bold", cell, bold=True),
        cell_head=_style("cell_head", cell, bold=True),
        cell_centre=_style("cell_centre", cell, alignment=TA_CENTER),
        cell_right=_style("cell_right", cell, bold=True, alignment=TA_RIGHT),
        cell_centre_head=_style("cell_centre_head", cell, bold=True, alignment=TA_CENTER),
        cell_bullet=_style(
            "cell_bullet", cell, leftIndent=cell * 1.1, bulletIndent=0, spaceAfter=cell * 0.25
        ),
        box_title=_style("box_title", h2 + 1, bold=True, spaceAfter=body * 0.3),
        footer_size=footer,
        tick_size=tick,
        gap=body * 0.8,
    )
