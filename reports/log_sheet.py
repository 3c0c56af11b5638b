"""The log sheet: a tick box for each exercise on each of its days, and the day's pain.

Printed only when the therapist asks for it (it is most of the paper otherwise). Each week is
one small grid, so four weeks of a six-exercise plan share a page in normal print.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from planner.programme.model import Programme, Weekday
from planner.programme.schedule import Schedule
from reports.sections import Table, grid_style, markup, para
from reports.styles import FONT, FONT_BOLD, INK, TINT, Styles, esc
from reports.wording import day_month

TICK: Final = "☐"
PAIN_ROWS: Final = ("Pain during exercise", "Pain next morning")
MIN_SIZE: Final = 8.0  # the smallest text normal print uses
LOG_TITLE: Final = "Your log sheet"
WEEKS_A_PAGE: Final = 4  # a page holds four weeks of a six-exercise plan; a new page after them
_WEEKDAY_NUMBER: Final = {day: n for n, day in enumerate(Weekday)}  # date.weekday() numbering


def _name_width(schedule: Schedule, st: Styles, width: float) -> float:
    """Wide enough for the longest word of any exercise name or row label, so none is split."""
    words = {w for iw in schedule.item_weeks for w in iw.name.split()}
    words |= {w for label in PAIN_ROWS for w in label.split()}
    widest = max(stringWidth(w, FONT_BOLD, st.cell.fontSize) for w in words) + 8
    return min(max(widest, (46 if st.large else 36) * mm), width * 0.45)


def _log_week(
    programme: Programme, schedule: Schedule, week: int, st: Styles, width: float
) -> Flowable:
    # Plain-text cells (not paragraphs) keep the grids quick to lay out; only the names and
    # labels, which may wrap, are paragraphs.
    monday = programme.start + dt.timedelta(days=7 * (week - 1))
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    items = {item.key: item for item in programme.items}
    in_week = sorted((iw for iw in schedule.item_weeks if iw.week == week), key=lambda iw: iw.order)
    name_w = _name_width(schedule, st, width)
    day_w = (width - name_w) / 7
    reviews = [d for d in days if d in set(schedule.reviews)]
    # The week and its dates head the grid itself: no title line above each week.
    header: list[object] = [f"Week {week}"]
    size = st.cell.fontSize
    head_size = size
    dates = [f"{d:%a} {d.day} {d:%b}" for d in days]
    widest = max(stringWidth(text, FONT_BOLD, MIN_SIZE) for text in dates)
    if st.large or widest + 6 > day_w:
        dates = [f"{d:%a}\n{d.day} {d:%b}" for d in days]  # the day over its date
    else:
        head_size = min(size, MIN_SIZE * (day_w - 6) / widest)  # one line, never below 8 pt
    header += dates
    body: list[list[object]] = [header]
    style = grid_style()
    style += [
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("FONTSIZE", (1, 0), (-1, 0), head_size),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    # Both sides' boxes on one line where the column is wide enough, else one above the other.
    both = f"L {TICK} R {TICK}"
    sides = both if stringWidth(both, FONT, st.tick_size) + 6 <= day_w else f"L {TICK}\nR {TICK}"
    for row, iw in enumerate(in_week, start=1):
        on = {_WEEKDAY_NUMBER[day] for day in items[iw.key].days}
        cells: list[object] = [para(iw.name, st.cell)]
        for col, d in enumerate(days, start=1):
            if d.weekday() not in on:
                cells.append("")
                style.append(("BACKGROUND", (col, row), (col, row), TINT))
            else:
                cells.append(sides if iw.dosage.per_side else TICK)
        body.append(cells)
    style += [
        ("FONTSIZE", (1, 1), (-1, len(body) - 1), st.tick_size),
        ("LEADING", (1, 1), (-1, len(body) - 1), st.tick_size * 1.15),
    ]
    first_pain = len(body)
    for label in PAIN_ROWS:
        body.append([para(label, st.cell_bold)] + [""] * 7)
    pad = st.body_size * 0.3
    style += [
        ("LINEABOVE", (0, first_pain), (-1, first_pain), 1.4, INK),
        ("TOPPADDING", (0, first_pain), (-1, -1), pad),
        ("BOTTOMPADDING", (0, first_pain), (-1, -1), pad),
    ]
    table = Table(body, colWidths=[name_w] + [day_w] * 7, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    parts: list[Flowable] = [table]
    for d in reviews:
        parts.append(markup(f"<b>Review with your physio on {esc(day_month(d))}.</b>", st.body))
    return KeepTogether([*parts, Spacer(1, st.gap * 0.6)])


def log_sheet_section(
    programme: Programme, schedule: Schedule, st: Styles, width: float
) -> list[Flowable]:
    """A tick box for each exercise on each of its days (one per side where it is one-sided),
    and a box a day for pain during exercise and the next morning."""
    out: list[Flowable] = [
        PageBreak(),
        markup(LOG_TITLE, st.h1),
        markup(
            f"Tick {TICK} each exercise when you have done it (L and R for each side). Write "
            "your pain from 0 (none) to 10 (worst) in the last two rows. Shaded boxes are rest "
            "days. Bring this sheet to your reviews.",
            st.body,
        ),
    ]
    for week in range(1, schedule.total_weeks + 1):
        out.append(_log_week(programme, schedule, week, st, width))
        if week % WEEKS_A_PAGE == 0 and week < schedule.total_weeks:
            out.append(PageBreak())
    return out
