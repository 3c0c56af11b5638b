"""One card per exercise: its name, why, the dose now, the picture, the steps, tips and what to
avoid, kept whole on one page.

A card is planned to take a third of an A4 page in normal print, so three share a page when
their steps are short and two when not; in large print a card takes about half a page. The
picture gives way first: when a card would not fit a page it is drawn smaller, then dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, TableStyle

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme.model import Item, Programme
from planner.programme.schedule import ItemWeek, Schedule
from planner.safety import ClientContext
from planner.safety.listing import card_cautions
from reports.art import Picture, exercise_picture
from reports.sections import Paragraph, Table, markup, para
from reports.styles import FONT_BOLD, INK, RULE, TINT, Styles, esc
from reports.wording import dose_sentence, tempo_text

_GAP: Final = 12  # between the card's two columns
DO: Final = "✓"  # a tip: do this
DONT: Final = "✗"  # a mistake: avoid this


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


def _plain(style: list[tuple[object, ...]] | None = None) -> TableStyle:
    """A layout table: no rules, no padding, cells aligned to the top."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *(style or []),
        ]
    )


def _stack_height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _dose_box(plan: CardPlan, week_now: int, st: Styles, width: float) -> Table:
    shown = card_dose(plan, week_now)
    # Only the weeks this dose lasts: later doses are in the week table, said once there.
    dose: list[Flowable] = [markup(f"{esc(shown.weeks)}: <b>{esc(shown.sentence)}</b>", st.body)]
    if shown.tempo:
        dose.append(para(tempo_text(shown.tempo), st.small))
    box = Table([[dose]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box


def _head(plan: CardPlan, st: Styles, width: float) -> Table:
    span = week_span(plan.first_week, plan.last_week)
    span_w = stringWidth(span, FONT_BOLD, st.cell_right.fontSize) + 6
    head = Table(
        [[para(plan.exercise.name, st.card_title), markup(esc(span), st.cell_right)]],
        colWidths=[width - span_w, span_w],
    )
    head.setStyle(_plain([("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return head


def _blocks(
    exercise: Exercise, pic: Picture | None, scale: float | None, st: Styles, col_w: float
) -> list[list[Flowable]]:
    """The card's body in reading order, as blocks that stay whole: the picture, each step,
    the tips (ticked) and what to avoid (crossed)."""
    bullet = st.card_bullet
    blocks: list[list[Flowable]] = []
    if pic is not None and scale is not None:
        tall = (44 if st.large else 38) * mm * scale
        blocks.append([pic.flowable(col_w, tall), Spacer(1, 3)])
    blocks += [
        [Paragraph(esc(s), st.step, bulletText=f"{n}.")]
        for n, s in enumerate(exercise.steps, start=1)
    ]
    # Tips and what to avoid need no headings: a tick and a cross say which is which.
    blocks.append(
        [Spacer(1, 3), *(Paragraph(esc(c), bullet, bulletText=DO) for c in exercise.cues)]
    )
    blocks.append(
        [Spacer(1, 3), *(Paragraph(esc(m), bullet, bulletText=DONT) for m in exercise.mistakes)]
    )
    return blocks


def _balanced(blocks: list[list[Flowable]], width: float, gap: float) -> Table:
    """The blocks in two columns of about the same height, read down the left then the right.

    The split point is the one that makes the taller column shortest; blocks are never split,
    so a step or the tips list stays in one column.
    """
    col_w = (width - gap) / 2
    heights = [_stack_height(block, col_w) for block in blocks]
    total = sum(heights)
    best, best_h, left_h = 1, total, 0.0
    for k in range(1, len(blocks)):
        left_h += heights[k - 1]
        tallest = max(left_h, total - left_h)
        if tallest < best_h:
            best, best_h = k, tallest
    left = [f for block in blocks[:best] for f in block]
    right = [f for block in blocks[best:] for f in block]
    cols = Table([[left, right]], colWidths=[col_w + gap, col_w])
    cols.setStyle(_plain([("RIGHTPADDING", (0, 0), (0, 0), gap)]))
    return cols


def _card(
    plan: CardPlan,
    week_now: int,
    conditions: frozenset[Condition],
    policy: ClinicPolicy,
    pic: Picture | None,
    st: Styles,
    width: float,
    scale: float | None,
    therapist: str | None,
) -> Table:
    pad = 6
    inner = width - 2 * pad
    col_w = (inner - _GAP) / 2
    rows: list[list[object]] = [
        [[_head(plan, st, inner), para(plan.exercise.purpose, st.small)]],
        [_dose_box(plan, week_now, st, inner)],
        [_balanced(_blocks(plan.exercise, pic, scale, st, col_w), inner, _GAP)],
    ]
    notes: list[Flowable] = []
    for reason in client_cautions(plan.exercise, conditions, policy):
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
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
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
    scales: tuple[float | None, ...] = (1.0, 0.7, 0.45, None) if pic else (None,)
    return _WholeCard(
        lambda s: _card(plan, week_now, conditions, policy, pic, st, width, s, therapist),
        scales,
        max_height,
    )


class _WholeCard(Flowable):
    """A card that moves to the next page whole instead of splitting.

    Its picture may be drawn smaller to keep the card on the page it starts on (down to
    ``squeeze`` of its size, so two cards share a page more often); a card that would need more
    moves to the next page at full size. Only a card taller than a whole page, even without its
    picture, is split, so a page can always be made. Each picture size is laid out once per
    width and kept, which is cheaper than wrapping the card in KeepTogether.
    """

    def __init__(
        self,
        build: Callable[[float | None], Table],
        sizes: Sequence[float | None],
        page: float,
        squeeze: float = 0.7,
    ) -> None:
        super().__init__()
        self._build = build
        self._sizes = sizes
        self._page = page
        self._squeeze = squeeze
        self._laid: dict[tuple[float, float | None], tuple[Table, float, float]] = {}
        self._table: Table | None = None

    def _layout(self, width: float, size: float | None) -> tuple[Table, float, float]:
        key = (width, size)
        if key not in self._laid:
            table = self._build(size)
            w, h = table.wrap(width, self._page)
            self._laid[key] = (table, w, h)
        return self._laid[key]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        chosen = None
        for size in self._sizes:
            laid = self._layout(avail_width, size)
            if laid[2] <= avail_height and (size is None or size >= self._squeeze):
                chosen = laid  # fits where it is, with a picture no smaller than allowed
                break
            if laid[2] <= self._page:
                chosen = chosen or laid  # fits a fresh page: remember the largest that does
                if size is None or size < self._squeeze:
                    break
        if chosen is None:
            chosen = self._layout(avail_width, self._sizes[-1])
        self._table, self.width, self.height = chosen
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
) -> list[Flowable]:
    out: list[Flowable] = [markup("How to do your exercises", st.h1)]
    for plan in plans:
        photo = photos.get(plan.exercise.code)
        card = exercise_card(
            plan, week_now, conditions, policy, photo, st, width, max_height, therapist
        )
        out += [card, Spacer(1, st.gap * 0.7)]
    return out
