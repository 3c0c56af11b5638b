"""The client's home programme: what to do, how, when, how it grows, and when to stop.

Everything comes from planner's objects: the dose of every week from
:func:`planner.programme.schedule.materialise` (so paper, window and calendar agree), the
wording of doses and changes from :mod:`planner.programme.text`, the exercise's steps, cues and
precautions from the library. The booklet carries the whole plan, not only this week: a card per
exercise, the week-by-week table, the warning signs, and a log sheet for every week.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition
from planner.assessment.thresholds import ClinicalThresholds
from planner.errors import UserError
from planner.exercise_safety import stop_signs_for
from planner.policy import ClinicPolicy
from planner.programme import text as dose_words
from planner.programme.model import Item, Programme, RuleCondition, SessionLog, Weekday
from planner.programme.schedule import ItemWeek, Schedule, materialise
from planner.safety import ClientContext
from planner.safety.listing import card_cautions
from planner.settings import ClinicSettings
from reports.art import Picture, exercise_picture
from reports.document import PageSetup, date_text, reference_for, render
from reports.sections import (
    Paragraph,
    Table,
    bullets,
    clinic_header,
    facts_table,
    grid_style,
    markup,
    para,
)
from reports.styles import (
    DARK,
    FONT,
    FONT_BOLD,
    INK,
    MID,
    RULE,
    TINT,
    WHITE,
    Styles,
    esc,
    get_styles,
)
from reports.wording import (
    dose_sentence,
    join_names,
    pain_bands,
    pain_rule,
    safety_text,
    tempo_text,
)

TICK = "☐"
_WEEKDAY_NUMBER: Final = {day: n for n, day in enumerate(Weekday)}  # date.weekday() numbering
# Markers that stand in for a condition sentence in the crowded week table; the sentence itself
# is printed once under the table. A running step has its own pain limit, so its own sentence.
_CONDITION_MARKS = (
    (RuleCondition.PAIN_OK, False, "*"),
    (RuleCondition.PAIN_OK, True, "‡"),
    (RuleCondition.TWO_FOR_TWO, False, "†"),
)


def _condition_sentences() -> list[tuple[str, str]]:
    """(the 'only if ...' sentence, its marker) for every condition a change line can carry."""
    return [
        (dose_words.condition_text(condition, running=running), mark)
        for condition, running, mark in _CONDITION_MARKS
    ]


# --- what the sections are built from ------------------------------------------------------


@dataclass(frozen=True)
class CardPlan:
    """One exercise the client will do (an item at one step of its ladder)."""

    item: Item
    exercise: Exercise
    weeks: tuple[ItemWeek, ...]  # every week the item is at this exercise, in order

    @property
    def first_week(self) -> int:
        return self.weeks[0].week

    @property
    def last_week(self) -> int:
        return self.weeks[-1].week


def week_span(first: int, last: int) -> str:
    return f"Week {first}" if first == last else f"Weeks {first}–{last}"


def card_plans(programme: Programme, schedule: Schedule, catalogue: Catalogue) -> list[CardPlan]:
    """A card for every exercise in the plan, including later steps of a ladder, in the order
    the client meets them."""
    items = {item.key: item for item in programme.items}
    runs: dict[tuple[str, str], list[ItemWeek]] = {}
    for iw in schedule.item_weeks:
        runs.setdefault((iw.key, iw.code), []).append(iw)
    plans = []
    for (key, code), weeks in runs.items():
        exercise = catalogue.get(code)
        if exercise is None:
            raise UserError(f"exercise '{code}' is not in the library")
        plans.append(CardPlan(items[key], exercise, tuple(weeks)))
    return sorted(plans, key=lambda p: (p.first_week, p.item.order))


def current_week(programme: Programme, day: dt.date) -> int:
    """The programme week ``day`` falls in, held to the programme (week 1 before it starts)."""
    week = (day - programme.start).days // 7 + 1
    return min(max(week, 1), programme.total_weeks)


@dataclass(frozen=True)
class CardDose:
    weeks: str  # 'Weeks 1–2'
    sentence: str  # the dose with its days
    changes_later: bool
    tempo: str | None


def card_dose(plan: CardPlan, week_now: int) -> CardDose:
    """Which weeks, the dose sentence, and whether it changes after those weeks.

    The card shows the dose from this week on (or from the exercise's first week, if it starts
    later) for as long as it stays the same; the week table shows the rest.
    """
    weeks = plan.weeks
    start = next((i for i, w in enumerate(weeks) if w.week >= week_now), len(weeks) - 1)
    end = start
    while end + 1 < len(weeks) and weeks[end + 1].text == weeks[start].text:
        end += 1
    shown = weeks[start]
    return CardDose(
        weeks=week_span(shown.week, weeks[end].week),
        sentence=dose_sentence(shown.text, plan.item.days),
        changes_later=end + 1 < len(weeks),
        tempo=shown.dosage.tempo,
    )


def client_cautions(
    exercise: Exercise, conditions: frozenset[Condition], policy: ClinicPolicy
) -> list[str]:
    """What planner's safety rules say to take care with, for the client's conditions."""
    return card_cautions(exercise, ClientContext(conditions=conditions), policy)


# --- sections --------------------------------------------------------------------------------


def intro_section(
    programme: Programme, st: Styles, width: float, printed: dt.date
) -> list[Flowable]:
    rows = []
    if programme.client:
        rows.append(("Client", programme.client))
    if programme.therapist:
        rows.append(("Physiotherapist", programme.therapist))
    start, end = programme.start, programme.end
    rows.append(
        (
            "Dates",
            f"{programme.total_weeks} weeks, from {start:%A} {date_text(start)} "
            f"to {end:%A} {date_text(end)}",
        )
    )
    reviews = sorted(programme.review_dates)
    if reviews:
        upcoming = [d for d in reviews if d >= printed] or reviews[-1:]
        label = "Next review" if len(upcoming) == 1 else "Reviews"
        rows.append((label, join_names([f"{d:%A} {date_text(d)}" for d in upcoming])))
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


def safety_section(
    clinic: ClinicSettings,
    thresholds: ClinicalThresholds,
    st: Styles,
    width: float,
    conditions: Iterable[Condition | str] = (),
) -> list[Flowable]:
    """The 'stop and contact us' box: pain rule, warning signs, the clinic's phone number,
    and the extra stop signs for the client's conditions (e.g. pregnancy)."""
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
    ]
    content.extend(bullets(pain_rule(), st))
    content.append(Spacer(1, st.gap * 0.3))
    urgent: list[Flowable] = [markup(f"<b>{esc(words.urgent_intro)}</b>", st.body)]
    urgent += bullets(words.urgent, st)
    prompt: list[Flowable] = [markup(f"<b>{esc(words.prompt_intro)}</b>", st.body)]
    prompt += bullets(words.prompt, st)
    if st.large:
        content += [*urgent, Spacer(1, st.gap * 0.4), *prompt]
    else:
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
                ]
            )
        )
        content.append(signs)
    out: list[Flowable] = [Spacer(1, st.gap), _framed(content, width)]
    # Condition-specific stop signs get a box of their own, so the main box keeps its place
    # on page one and no single box grows taller than a page in large print.
    for group in stop_signs_for(conditions):
        extra = [markup(f"<b>{esc(group.intro)}</b>", st.body), *bullets(group.signs, st)]
        out += [Spacer(1, st.gap * 0.6), _framed(extra, width)]
    return out


def _framed(content: list[Flowable], width: float) -> Table:
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2.2, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _stack_height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


# A picture at least this many times wider than tall (two lying-down poses side by side) gets
# the card's full width; a taller one sits in a column beside the steps.
_WIDE: Final = 2.2


def _card(
    plan: CardPlan,
    week_now: int,
    conditions: frozenset[Condition],
    policy: ClinicPolicy,
    pic: Picture | None,
    st: Styles,
    width: float,
    picture_h: float | None,
    therapist: str | None,
) -> Table:
    ex = plan.exercise
    pad = 7
    inner = width - 2 * pad
    span = week_span(plan.first_week, plan.last_week)
    head = Table(
        [[para(ex.name, st.card_title), markup(esc(span), st.cell_right)]],
        colWidths=[inner - 32 * mm, 32 * mm],
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    rows: list[list[object]] = [[[head, para(ex.purpose, st.small)]]]

    shown = card_dose(plan, week_now)
    dose: list[Flowable] = [
        markup(f"Your dose, {esc(shown.weeks.lower())}:", st.body),
        para(shown.sentence, st.dose),
    ]
    if shown.tempo:
        dose.append(para(tempo_text(shown.tempo), st.small))
    if shown.changes_later:
        dose.append(markup("After that it changes: see “Your plan week by week”.", st.small))
    wide = pic is not None and picture_h is not None and (st.large or pic.aspect >= _WIDE)
    # A long, flat picture sits beside the dose; large print gives it a row of its own.
    beside = wide and not st.large
    dose_w = inner * 0.45 if beside else inner
    dose_box = Table([[dose]], colWidths=[dose_w])
    dose_box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    if beside:
        assert pic is not None and picture_h is not None
        pic_w = inner - dose_w - 8
        row = Table([[dose_box, pic.flowable(pic_w, picture_h)]], colWidths=[dose_w + 8, pic_w])
        row.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 0), (1, 0), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        rows.append([row])
    else:
        if wide:
            assert pic is not None and picture_h is not None
            rows.append([pic.flowable(inner * 0.85, picture_h)])
        rows.append([dose_box])

    steps: list[Flowable] = [markup("How to do it", st.card_head)]
    steps.extend(
        Paragraph(esc(s), st.step, bulletText=f"{n}.") for n, s in enumerate(ex.steps, start=1)
    )
    tips: list[Flowable] = [markup("Tips", st.card_head), *bullets(ex.cues, st)]
    tips += [markup("Avoid", st.card_head), *bullets(ex.mistakes, st)]
    if st.large:
        rows.append([steps])
        rows.append([tips])
    else:
        left_w = inner * 0.55
        right_w = inner - left_w - 10
        if pic is not None and picture_h is not None and not wide:
            # A tall figure goes under whichever column is shorter, so the card stays compact.
            if _stack_height(steps, left_w - 10) < _stack_height(tips, right_w):
                steps = [*steps, Spacer(1, 4), pic.flowable(left_w - 10, picture_h * 0.85)]
            else:
                tips = [pic.flowable(right_w, picture_h), Spacer(1, 4), *tips]
        cols = Table([[steps, tips]], colWidths=[left_w, inner - left_w])
        cols.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 10),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        rows.append([cols])

    notes: list[Flowable] = []
    for reason in client_cautions(ex, conditions, policy):
        notes.append(markup(f"<b>Take care:</b> {esc(reason)}", st.body))
    if plan.item.notes.strip():
        who = f"From {esc(therapist)}" if therapist else "From your physio"
        notes.append(markup(f"<b>{who}:</b> {esc(plan.item.notes)}", st.body))
    if notes:
        rows.append([notes])

    card = Table(rows, colWidths=[width], hAlign="LEFT")
    style: list[tuple[object, ...]] = [
        ("BOX", (0, 0), (-1, -1), 1.4, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]
    if notes:
        style.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.6, RULE))
    card.setStyle(TableStyle(style))
    return card


def exercise_card(
    plan: CardPlan,
    week_now: int,
    conditions: frozenset[Condition],
    policy: ClinicPolicy,
    photo: bytes | None,
    st: Styles,
    width: float,
    max_height: float,
    therapist: str | None = None,
) -> Flowable:
    """One card, kept on one page: if it would not fit, the picture is made smaller first."""
    pic = exercise_picture(plan.exercise, photo)
    base = (62 if st.large else 36) * mm
    sizes: tuple[float | None, ...] = (base, base * 0.7, base * 0.45, None) if pic else (None,)
    return _WholeCard(
        lambda h: _card(plan, week_now, conditions, policy, pic, st, width, h, therapist),
        sizes,
        max_height,
    )


class _WholeCard(Flowable):
    """A card that moves to the next page whole instead of splitting.

    It is measured once per width (the first picture size that lets it fit a page wins) and
    drawn from that measurement, which is cheaper than wrapping it in KeepTogether and
    measuring it again beforehand. Only a card taller than a whole page, even without its
    picture, is split, so a page can always be made.
    """

    def __init__(
        self, build: Callable[[float | None], Table], sizes: Sequence[float | None], page: float
    ) -> None:
        super().__init__()
        self._build = build
        self._sizes = sizes
        self._page = page
        self._table: Table | None = None
        self._width = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._table is None or self._width != avail_width:
            for size in self._sizes:
                table = self._build(size)
                w, h = table.wrap(avail_width, self._page)
                if h <= self._page:
                    break
            self._table, self._width = table, avail_width
            self.width, self.height = w, h
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= self._page:
            return []  # fits on a fresh page: go there whole
        assert self._table is not None
        return self._table.split(avail_width, avail_height)

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)


def cards_section(
    plans: Sequence[CardPlan],
    week_now: int,
    conditions: frozenset[Condition],
    policy: ClinicPolicy,
    photos: Mapping[str, bytes],
    st: Styles,
    width: float,
    max_height: float,
    therapist: str | None,
    *,
    with_how_to: bool = True,
) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(90 * mm), markup("Your exercises", st.h1)]
    if with_how_to:
        out += [how_to_use(st), Spacer(1, st.gap * 0.5)]
    for plan in plans:
        photo = photos.get(plan.exercise.code)
        card = exercise_card(
            plan, week_now, conditions, policy, photo, st, width, max_height, therapist
        )
        out += [card, Spacer(1, st.gap)]
    return out


def _marked(change: str) -> str:
    """A change line with its 'only if ...' sentence swapped for a marker."""
    for sentence, mark in _condition_sentences():
        if sentence in change:
            change = change.replace(" " + sentence, "").replace(sentence, "")
            change = change.rstrip() + f" {mark}"
    return change


def _week_cell(
    iw: ItemWeek | None,
    before: ItemWeek | None,
    week: int,
    row_weeks: Sequence[ItemWeek | None],
    st: Styles,
) -> object:
    if iw is None:
        started = any(w is not None and w.week < week for w in row_weeks)
        return markup("Finished" if started else "Not yet", st.cell_centre)
    parts: list[str] = []
    if before is None:
        parts.append(f"<b>Start:</b> {esc(iw.text)}")
    elif iw.changes:
        for change in iw.changes:
            parts.append(f"<b>{esc(_marked(change))}</b>")
        parts.append(f"Now: {esc(iw.text)}")
    else:
        parts.append("Same as last week")
    parts.extend(esc(reason) for reason in iw.held)
    return markup("<br/>".join(parts), st.cell)


def plan_table_section(
    programme: Programme, schedule: Schedule, st: Styles, width: float
) -> list[Flowable]:
    """Every week of every exercise: what changes when, ladder moves named, holds explained."""
    out: list[Flowable] = [PageBreak(), markup("Your plan week by week", st.h1)]
    spans = programme.phase_weeks()
    if len(programme.phases) > 1 or programme.phases[0].focus:
        for number, (phase, (first, last)) in enumerate(
            zip(programme.phases, spans, strict=True), start=1
        ):
            lead = f"Stage {number}" if len(programme.phases) > 1 else "The plan"
            name = esc(phase.name.rstrip(". "))
            line = f"<b>{lead}, {esc(week_span(first, last).lower())}: {name}.</b>"
            if phase.focus:
                line += f" {esc(phase.focus)}"
            if phase.entry_criteria and number > 1:
                line += f" To start this stage: {esc(phase.entry_criteria)}"
            out.append(markup(line, st.body))
    out.append(
        markup(
            "Each column is one week. A week only shows what changes; "
            "“Same as last week” means keep going as you were.",
            st.body,
        )
    )
    # The marks are explained once, above every table that uses them.
    changes = [change for iw in schedule.item_weeks for change in iw.changes]
    for sentence, mark in _condition_sentences():
        if any(sentence in change for change in changes):
            out.append(markup(f"<b>{mark}</b> {esc(sentence)}", st.body))
    rows = schedule.progression_table()
    total = schedule.total_weeks
    name_w = (44 if st.large else 36) * mm
    min_col = (44 if st.large else 33) * mm
    per_block = max(1, min(total, int((width - name_w) // min_col)))
    for first in range(1, total + 1, per_block):
        weeks = list(range(first, min(total, first + per_block - 1) + 1))
        col_w = (width - name_w) / len(weeks)
        header: list[object] = [markup("Exercise", st.cell_head)]
        for w in weeks:
            monday = programme.start + dt.timedelta(days=7 * (w - 1))
            header.append(
                [
                    markup(f"Week {w}", st.cell_head),
                    markup(f"from {monday:%a} {monday.day} {monday:%b}", st.cell),
                ]
            )
        body: list[list[object]] = [header]
        for row in rows:
            cells: list[object] = [para(row.name, st.cell_bold)]
            for w in weeks:
                iw = row.weeks[w - 1]
                before = row.weeks[w - 2] if w > 1 else None
                cells.append(_week_cell(iw, before, w, row.weeks, st))
            body.append(cells)
        table = Table(body, colWidths=[name_w] + [col_w] * len(weeks), repeatRows=1)
        table.setStyle(TableStyle(grid_style()))
        # a block starts on a fresh page rather than with one lonely row at the bottom
        out += [CondPageBreak(80 * mm), Spacer(1, st.gap * 0.5), table]
    return out


def _log_week(
    programme: Programme, schedule: Schedule, week: int, st: Styles, width: float
) -> Flowable:
    # Plain-text cells (not paragraphs) keep the eight grids quick to lay out; only the
    # exercise names, which may wrap, are paragraphs.
    monday = programme.start + dt.timedelta(days=7 * (week - 1))
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    sunday = days[-1]
    items = {item.key: item for item in programme.items}
    in_week = sorted((iw for iw in schedule.item_weeks if iw.week == week), key=lambda iw: iw.order)
    name_w = (50 if st.large else 44) * mm
    day_w = (width - name_w) / 7
    reviews = [d for d in days if d in set(schedule.reviews)]
    header: list[object] = ["Exercise"]
    for d in days:
        # large print keeps the month in the week's title so each column stays one word wide
        date = f"{d.day}" if st.large else f"{d.day} {d:%b}"
        review = "\nReview" if d in reviews and not st.large else ""
        header.append(f"{d:%a}\n{date}{review}")
    body: list[list[object]] = [header]
    size = st.cell.fontSize
    style = grid_style()
    style += [
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.25),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
    ]
    # Both sides' boxes on one line where the column is wide enough, else one above the other.
    both = f"L {TICK} R {TICK}"
    one_line = stringWidth(both, FONT, st.tick_size) + 6 <= day_w
    sides = both if one_line else f"L {TICK}\nR {TICK}"
    for row, iw in enumerate(in_week, start=1):
        item = items[iw.key]
        on = {_WEEKDAY_NUMBER[day] for day in item.days}
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
        ("LEADING", (1, 1), (-1, len(body) - 1), st.tick_size * 1.2),
    ]
    first_pain = len(body)
    for label in ("Pain during\nexercise (0–10)", "Pain next\nmorning (0–10)"):
        body.append([label] + [""] * 7)
    pad = st.body_size * 0.9
    style += [
        ("FONTNAME", (0, first_pain), (0, -1), FONT_BOLD),
        ("LINEABOVE", (0, first_pain), (-1, first_pain), 1.4, INK),
        ("TOPPADDING", (0, first_pain), (-1, -1), pad),
        ("BOTTOMPADDING", (0, first_pain), (-1, -1), pad),
    ]
    table = Table(body, colWidths=[name_w] + [day_w] * 7)
    table.setStyle(TableStyle(style))
    title = f"Week {week}: {monday:%a} {monday.day} {monday:%B} to {sunday:%a} {date_text(sunday)}"
    parts = [markup(esc(title), st.h2)]
    for d in reviews:
        parts.append(markup(f"<b>Review with your physio on {d:%A} {d.day} {d:%B}.</b>", st.body))
    return KeepTogether([*parts, table, Spacer(1, st.gap)])


def log_sheet_section(
    programme: Programme, schedule: Schedule, st: Styles, width: float
) -> list[Flowable]:
    """A tick box for each exercise on each of its days (one per side where it is one-sided),
    and a box a day for pain during exercise and the next morning."""
    out: list[Flowable] = [
        PageBreak(),
        markup("Your log sheet", st.h1),
        markup(
            f"Tick {TICK} each exercise when you have done it (L and R for each side). "
            "Write your pain from 0 (none) to 10 (worst) in the boxes at the bottom. "
            "Shaded boxes are rest days for that exercise.",
            st.body,
        ),
    ]
    for week in range(1, schedule.total_weeks + 1):
        out.append(_log_week(programme, schedule, week, st, width))
    return out


# --- the document ----------------------------------------------------------------------------


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """How tall these flowables stand when laid out one after another at ``width``."""
    canvas = Canvas(io.BytesIO())
    total = 0.0
    for f in flowables:
        _, h = f.wrapOn(canvas, width, 10_000)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def how_to_use(st: Styles) -> Flowable:
    return markup(
        "Do each exercise on the days shown on its card. “Your plan week by week” shows how "
        "each one changes as you get stronger. After each session, tick the log sheet at "
        "the back and write down your pain from 0 to 10. Bring this booklet to your reviews.",
        st.body,
    )


def _conditions(values: Iterable[Condition | str]) -> frozenset[Condition]:
    out = set()
    for value in values:
        try:
            out.add(Condition(value))
        except ValueError:
            known = ", ".join(c.value for c in Condition)
            raise UserError(f"condition '{value}' is not a known code ({known})") from None
    return frozenset(out)


def build_handout(
    programme: Programme,
    catalogue: Catalogue,
    clinic: ClinicSettings | None = None,
    *,
    logo: bytes | None = None,
    photos: Mapping[str, bytes] | None = None,
    conditions: Iterable[Condition | str] = (),
    logs: Iterable[SessionLog] = (),
    paper: str | None = None,
    large_print: bool | None = None,
    printed: dt.date | None = None,
    reference: str | None = None,
) -> bytes:
    """The home programme as PDF bytes.

    ``conditions`` are the client's condition codes: an exercise's precaution for one of them
    is printed on its card. ``logs`` let held or stepped-back progressions show in the week
    table. Paper and print size default to the clinic's settings; distances are printed in
    the clinic's unit.
    """
    clinic = clinic or ClinicSettings()
    st = get_styles(clinic.large_print if large_print is None else large_print)
    printed = printed or dt.date.today()
    policy = ClinicPolicy.from_settings(clinic)
    thresholds = policy.thresholds
    schedule = materialise(programme, catalogue, logs, distance_unit=clinic.distance_unit)
    setup = PageSetup(
        paper=paper or clinic.paper,
        styles=st,
        printed=printed,
        reference=reference_for(programme.model_dump(mode="json"))
        if reference is None
        else reference,
        footer_left=" · ".join(p for p in (programme.client, "Home programme") if p),
        title=f"Home programme: {programme.title}",
        author=clinic.clinic_name,
    )
    width = setup.frame_width
    client_conditions = _conditions(conditions)
    story: list[Flowable] = []
    story += clinic_header(clinic, logo, st, width, with_qr=True)
    story += intro_section(programme, st, width, printed)
    safety = safety_section(clinic, thresholds, st, width, client_conditions)
    main_box, extra_boxes = safety[:2], safety[2:]
    # The warning signs come first: on page one when they fit, else at the top of page two,
    # with the how-to-use note filling page one instead. Stop signs for the client's own
    # conditions follow the main box, on whichever page has room.
    first_page = _height(story + main_box, width) <= setup.frame_height
    if not first_page:
        story += [markup("How to use this booklet", st.h2), how_to_use(st), PageBreak()]
    story.append(KeepTogether(main_box))
    story += extra_boxes
    story += cards_section(
        card_plans(programme, schedule, catalogue),
        current_week(programme, printed),
        client_conditions,
        policy,
        photos or {},
        st,
        width,
        setup.frame_height - 4,
        programme.therapist,
        with_how_to=first_page,
    )
    story += plan_table_section(programme, schedule, st, width)
    story += log_sheet_section(programme, schedule, st, width)
    return render(story, setup)
