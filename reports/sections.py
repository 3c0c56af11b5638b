"""Building blocks shared by every document: the clinic header, labelled facts, boxes, lists.

Each builder takes plain values and returns flowables; none of them reads a file or a database.
All user text goes through :func:`reports.styles.esc`, so a name like ``<b>&`` prints as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, TableStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

from planner.settings import ClinicSettings
from reports.art import picture
from reports.styles import FONT, FONT_BOLD, INK, RULE, TINT, Styles, esc


class Table(_Table):
    """A platypus table whose plain-text cells use the embedded font, measured once per width.

    Left alone, reportlab sets Helvetica for every plain cell (even an empty one), which puts a
    font in the PDF that is not embedded and cannot print every name. Platypus also measures a
    table inside a table again each time the outer one is measured or drawn; the layout only
    depends on the width, so a repeat at the same width reuses the first answer.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))
        self._measured_at: float | None = None

    def setStyle(self, tblstyle: Any) -> None:
        self._measured_at = None
        super().setStyle(tblstyle)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._measured_at != availWidth:
            super().wrap(availWidth, availHeight)
            self._measured_at = availWidth
        return self._width, self._height


class Paragraph(_Paragraph):
    """A paragraph whose line breaking is done once per width (see :class:`Table`)."""

    _measured: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._measured
        # split() drops blPara when it gives up on a page; then the lines must be broken again
        if cached is not None and cached[0] == availWidth and "blPara" in self.__dict__:
            self.width, self.height = cached[1], cached[2]
            return self.width, self.height
        w, h = super().wrap(availWidth, availHeight)
        self._measured = (availWidth, w, h)
        return w, h


def para(text: str, style: object) -> Paragraph:
    """A paragraph of user text: escaped, line breaks kept."""
    return Paragraph(esc(text).replace("\n", "<br/>"), style)


def markup(text: str, style: object) -> Paragraph:
    """A paragraph of our own markup (already escaped where it holds user text)."""
    return Paragraph(text, style)


@lru_cache(maxsize=8)
def _qr_modules(url: str) -> tuple[Group, float, float]:
    """The code's squares, worked out once per address (encoding is slow in pure Python)."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    return widget.draw(), x1 - x0, y1 - y0


def qr_code(url: str, size: float) -> Drawing:
    """A QR code of the clinic's web address: the address only, never anything about a client."""
    modules, w, h = _qr_modules(url)
    drawing = Drawing(size, size, transform=[size / w, 0, 0, size / h, 0, 0])
    drawing.initialFontName = FONT  # else the renderer starts in Helvetica, never embedded
    drawing.add(modules)
    return drawing


def clinic_header(
    clinic: ClinicSettings,
    logo: bytes | None,
    st: Styles,
    width: float,
    *,
    with_qr: bool = False,
) -> list[Flowable]:
    """Logo, the clinic's name and how to reach it, and optionally the QR code to its website."""
    lines: list[Flowable] = []
    if clinic.clinic_name.strip():
        lines.append(para(clinic.clinic_name, st.h1))
    if clinic.address.strip():
        lines.append(para(clinic.address, st.body))
    reach = []
    if clinic.phone.strip():
        reach.append(f"Phone: <b>{esc(clinic.phone)}</b>")
    if clinic.email.strip():
        reach.append(f"Email: {esc(clinic.email)}")
    if reach:
        joiner = "<br/>" if st.large else "&nbsp;&nbsp;&nbsp;"
        lines.append(markup(joiner.join(reach), st.body))
    cells: list[object] = []
    widths: list[float] = []
    logo_w = (45 if st.large else 38) * mm
    if logo:
        cells.append(picture(logo, logo_w - 4 * mm, 22 * mm, "the clinic logo"))
        widths.append(logo_w)
    qr_cell: list[Flowable] = []
    qr_w = (34 if st.large else 28) * mm
    if with_qr and clinic.qr_url:
        code = qr_code(clinic.qr_url, qr_w - 6 * mm)
        code.hAlign = "CENTER"
        qr_cell = [code, markup("Our website", st.cell_centre)]
    text_w = width - sum(widths) - (qr_w if qr_cell else 0)
    cells.append(lines or [Spacer(1, 1)])
    widths.append(text_w)
    if qr_cell:
        cells.append(qr_cell)
        widths.append(qr_w)
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table, Spacer(1, st.gap)]


def facts_table(
    rows: Sequence[tuple[str, str]], st: Styles, width: float, *, pairs_per_line: int = 1
) -> Table:
    """Label and value pairs; two pairs to a line saves room where the values are short."""
    style = st.body
    cells: list[list[object]] = []
    for start in range(0, len(rows), pairs_per_line):
        line: list[object] = []
        for label, value in rows[start : start + pairs_per_line]:
            line += [markup(f"<b>{esc(label)}</b>", style), para(value, style)]
        line += [""] * (2 * pairs_per_line - len(line))
        cells.append(line)
    # each label column is as wide as its longest label, so values get the rest of the line
    widths: list[float] = []
    for col in range(pairs_per_line):
        labels = [label for label, _ in rows[col::pairs_per_line]] or [""]
        label_w = max(stringWidth(label, FONT_BOLD, style.fontSize) for label in labels) + 8
        widths += [label_w, width / pairs_per_line - label_w]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def boxed(
    content: Sequence[Flowable],
    width: float,
    *,
    border: float = 1.0,
    background: Color | None = None,
    padding: float = 6,
) -> Table:
    """Flowables inside a ruled box (one cell, so the box never splits inside a card)."""
    table = Table([[list(content)]], colWidths=[width], hAlign="LEFT")
    style = [
        ("BOX", (0, 0), (-1, -1), border, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), background))
    table.setStyle(TableStyle(style))
    return table


def bullets(items: Iterable[str], st: Styles, *, style: object | None = None) -> list[Paragraph]:
    return [
        Paragraph(esc(item), style or st.bullet, bulletText="•") for item in items if item.strip()
    ]


def grid_style(header_rows: int = 1) -> list[tuple[object, ...]]:
    """Ruled table with a tinted header: readable after a black-and-white copy."""
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), TINT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
