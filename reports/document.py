"""The page every document is printed on: margins, one frame, and the footer.

The footer says "Page x of y", the print date and a reference on every page, so pages that come
apart on the fridge door can be put back in order and matched to the plan they came from. The
total is only known once the last page is laid out, so pages are kept until the end and the
footer is drawn on each of them then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from reports.styles import FONT, FOOTER_SPACE, MARGIN, RULE, Styles, page_size


def date_text(day: dt.date) -> str:
    """'5 January 2026': unambiguous in every country a clinic might be in."""
    return f"{day.day} {day:%B %Y}"


def reference_for(data: Any) -> str:
    """A short code that changes whenever the content changes ('REF 3F9A-12C0').

    Two printouts with the same reference carry the same plan; the therapist can tell at a
    glance whether the sheet on the client's fridge is the current version.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


@dataclass(frozen=True)
class PageSetup:
    paper: str
    styles: Styles
    printed: dt.date
    reference: str
    footer_left: str
    title: str
    author: str = ""

    @property
    def size(self) -> tuple[float, float]:
        return page_size(self.paper)

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return self.size[1] - 2 * MARGIN - FOOTER_SPACE


def _fit(text: str, size: float, width: float) -> str:
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _FooterCanvas(Canvas):
    """Holds every page until the end so each footer can say how many pages there are."""

    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        # the document passes None explicitly; reportlab would then start every page in
        # Helvetica, a font the PDF does not embed
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self._setup = setup
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        s = self._setup
        width, _ = s.size
        size = s.styles.footer_size
        y = MARGIN * 0.75
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + size * 1.4, width - MARGIN, y + size * 1.4)
        self.setFillColor(Color(0, 0, 0))
        self.setFont(FONT, size)
        page = f"Page {number} of {total}"
        middle = f"Printed {s.printed.day} {s.printed:%b %Y}"
        if s.reference:
            middle += f" · Ref. {s.reference}"
        usable = width - 2 * MARGIN
        right_w = stringWidth(page, FONT, size)
        mid_w = stringWidth(middle, FONT, size)
        left_room = usable - right_w - mid_w - 8 * mm
        left = s.footer_left
        if stringWidth(left, FONT, size) > left_room:
            left = left.split(" · ")[0]  # keep the client's name whole before anything else
        self.drawString(MARGIN, y, _fit(left, size, max(left_room, 20 * mm)))
        self.drawRightString(width - MARGIN - right_w - 5 * mm, y, middle)
        self.drawRightString(width - MARGIN, y, page)
        self.restoreState()


def render(story: Sequence[Flowable], setup: PageSetup) -> bytes:
    """Lay the flowables out on the page and return the PDF's bytes."""
    # Binary (compressed) streams instead of ASCII85 text: a quarter smaller and faster to
    # write; every PDF reader and printer accepts them. Only reports uses reportlab.
    rl_config.useA85 = 0
    out = io.BytesIO()
    width, height = setup.size
    doc = BaseDocTemplate(
        out,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_SPACE,
        title=setup.title,
        author=setup.author,
        creator="Physio Planner",
        initialFontName=FONT,
    )
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_SPACE,
        setup.frame_width,
        setup.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def canvasmaker(*args: Any, **kwargs: Any) -> _FooterCanvas:
        return _FooterCanvas(*args, setup=setup, **kwargs)

    doc.build(list(story), canvasmaker=canvasmaker)
    return out.getvalue()
