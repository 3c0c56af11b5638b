"""The handout's front page: who the plan is for, the goals, and when to stop and phone.

The pain rule and the warning signs come worded from planner (:mod:`planner.programme.text`,
:mod:`planner.documents`); this module only lays them out: the 0-10 scale with its three bands
shaded, the rule beside it, and the signs grouped by what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from exercise_library.vocabulary import Condition
from planner.assessment.thresholds import ClinicalThresholds
from planner.documents import safety_text
from planner.exercise_safety import stop_signs_for
from planner.programme.model import Programme
from planner.programme.text import pain_bands, pain_rule
from planner.settings import ClinicSettings
from planner.text import join_words
from reports.document import date_text
from reports.sections import Table, bullets, facts_table, markup, para
from reports.styles import DARK, INK, MID, RULE, WHITE, Styles, esc
from reports.wording import date_range


def intro_section(
    programme: Programme, st: Styles, width: float, printed: dt.date
) -> list[Flowable]:
    """The plan's title, whose it is, its dates and next review, and the client's goals."""
    rows = []
    if programme.client:
        rows.append(("Client", programme.client))
    if programme.therapist:
        rows.append(("Physiotherapist", programme.therapist))
    start, end = programme.start, programme.end
    if start.year == end.year:
        span = f"{date_range(start, end)} {end.year}"
    else:
        span = f"{start:%A} {date_text(start)} to {end:%A} {date_text(end)}"
    rows.append(("Dates", f"{programme.total_weeks} weeks: {span}"))
    reviews = sorted(programme.review_dates)
    if reviews:
        upcoming = [d for d in reviews if d >= printed] or reviews[-1:]
        label = "Next review" if len(upcoming) == 1 else "Reviews"
        rows.append((label, join_words([f"{d:%A} {date_text(d)}" for d in upcoming])))
    out: list[Flowable] = [
        para(programme.title, st.title),
        facts_table(rows, st, width),
        Spacer(1, st.gap * 0.5),
    ]
    if programme.goals:
        out.append(markup("Your goals", st.h2))
        out.extend(bullets(programme.goals, st))
    return out


def _pain_scale(st: Styles, width: float) -> Table:
    """The 0-10 scale with the three bands shaded, so the rule can be seen as well as read."""
    numbers: list[object] = []
    labels: list[object] = [""] * 11
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, 0), 0.6, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for band, shade in zip(pain_bands(), (WHITE, MID, DARK), strict=True):
        colour = "white" if shade is DARK else "black"
        for n in range(band.low, band.high + 1):
            numbers.append(markup(f'<font color="{colour}"><b>{n}</b></font>', st.cell_centre))
        style.append(("BACKGROUND", (band.low, 0), (band.high, 0), shade))
        style.append(("SPAN", (band.low, 1), (band.high, 1)))
        style.append(("LINEBELOW", (band.low, 1), (band.high, 1), 0.6, INK))
        labels[band.low] = markup(f"<b>{esc(band.label)}</b>", st.cell_centre)
    table = Table([numbers, labels], colWidths=[width / 11] * 11, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def framed(content: list[Flowable], width: float, border: float = 2.2) -> Table:
    """A heavy ruled box around one cell: it moves to the next page whole, never split."""
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), border, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return box


def _signs(
    urgent: list[Flowable], prompt: list[Flowable], st: Styles, inner: float
) -> list[Flowable]:
    """The two groups of signs: side by side in normal print, one after the other in large."""
    if st.large:
        return [*urgent, Spacer(1, st.gap * 0.4), *prompt]
    half = (inner - 12) / 2
    signs = Table([[urgent, prompt]], colWidths=[half, inner - half])
    signs.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 12),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("LINEBEFORE", (1, 0), (1, 0), 0.6, RULE),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [signs]


def safety_section(
    clinic: ClinicSettings,
    thresholds: ClinicalThresholds,
    st: Styles,
    width: float,
    *,
    running: bool = False,
) -> Flowable:
    """The 'stop and contact us' box: the pain scale and rule, the warning signs grouped by
    what to do, and the clinic's phone number."""
    words = safety_text(clinic.phone, thresholds)
    inner = width - 16
    title = "Stop and contact us"
    if clinic.phone.strip():
        title += f": {esc(clinic.phone)}"
    content: list[Flowable] = [
        markup(title, st.box_title),
        markup("<b>Pain while you exercise:</b>", st.body),
        _pain_scale(st, inner),
        Spacer(1, st.gap * 0.5),
        *bullets(pain_rule(running=running), st),
        Spacer(1, st.gap * 0.3),
    ]
    urgent: list[Flowable] = [markup(f"<b>{esc(words.urgent_intro)}</b>", st.body)]
    urgent += bullets(words.urgent, st)
    if words.same_day:
        urgent += [Spacer(1, st.gap * 0.4), markup(f"<b>{esc(words.same_day_intro)}</b>", st.body)]
        urgent += bullets(words.same_day, st)
    prompt: list[Flowable] = [markup(f"<b>{esc(words.prompt_intro)}</b>", st.body)]
    prompt += bullets(words.prompt, st)
    content += _signs(urgent, prompt, st, inner)
    return framed(content, width)


def condition_boxes(
    conditions: Iterable[Condition | str], st: Styles, width: float
) -> list[Flowable]:
    """Stop signs for the client's own conditions (e.g. pregnancy), each in a box of its own
    so the main box keeps its place on page one."""
    out: list[Flowable] = []
    for group in stop_signs_for(conditions):
        extra = [markup(f"<b>{esc(group.intro)}</b>", st.body), *bullets(group.signs, st)]
        out += [Spacer(1, st.gap * 0.6), KeepTogether([framed(extra, width)])]
    return out
