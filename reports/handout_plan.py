"""What to do this week, and which later weeks change: the two parts of the handout a client
reads most often.

Both are worked out from the materialised schedule alone (each week's dose text, changes and
held steps, as :func:`planner.programme.schedule.materialise` worded them), never from the
progression rules, so they stay true whatever rules produced the plan:

- *This week at a glance* lists every exercise of the current week with its dose and a mark on
  each day it is done, for as long as nothing changes, then the date of the next change and of
  the next review.
- *What changes, week by week* lists only the weeks where something changes (a dose, a new or a
  finished exercise, a held or stepped-back dose), each change said once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from exercise_library.catalogue import Catalogue
from planner.documents import ClientSection, RunningPlan, running_advice
from planner.policy import ClinicPolicy
from planner.programme import text as dose_words
from planner.programme.model import Programme, RuleCondition, Weekday
from planner.programme.schedule import ItemWeek, Schedule
from planner.units import DistanceUnit
from reports.sections import Paragraph, Table, bullets, grid_style, markup, para
from reports.styles import FONT_BOLD, TINT, Styles, esc
from reports.wording import date_range, day_month, days_text, dose_sentence, short_day

DAY_MARK = "●"
CHANGES_TITLE = "What changes, week by week"
RUNNING = "Running"

# Markers that stand in for a condition sentence in the week table; the sentence itself is
# printed once above the table. A running step has its own pain limit, so its own sentence.
_CONDITION_MARKS = (
    (RuleCondition.PAIN_OK, False, "*"),
    (RuleCondition.PAIN_OK, True, "‡"),
    (RuleCondition.TWO_FOR_TWO, False, "†"),
)


def condition_sentences() -> list[tuple[str, str]]:
    """(the 'only if ...' sentence, its marker) for every condition a change line can carry."""
    return [
        (dose_words.condition_text(condition, running=running), mark)
        for condition, running, mark in _CONDITION_MARKS
    ]


def marked(change: str) -> str:
    """A change line with its 'only if ...' sentence swapped for a marker."""
    for sentence, mark in condition_sentences():
        if sentence in change:
            change = change.replace(" " + sentence, "").replace(sentence, "").rstrip()
            change += f" {mark}"
    return change


def monday_of(programme: Programme, week: int) -> dt.date:
    return programme.start + dt.timedelta(days=7 * (week - 1))


def current_week(programme: Programme, day: dt.date) -> int:
    """The programme week ``day`` falls in, held to the programme (week 1 before it starts)."""
    week = (day - programme.start).days // 7 + 1
    return min(max(week, 1), programme.total_weeks)


# --- this week at a glance --------------------------------------------------------------------


@dataclass(frozen=True)
class GlanceRow:
    name: str
    dose: str
    days: frozenset[int]  # Weekday.index of each day it is done


@dataclass(frozen=True)
class Glance:
    first_week: int
    last_week: int
    rows: tuple[GlanceRow, ...]
    news: tuple[str, ...]  # what changed at the start of this week, and why
    next_change: dt.date | None
    next_review: dt.date | None


def _week_rows(
    programme: Programme, schedule: Schedule, week: int, running: RunningPlan | None
) -> tuple[GlanceRow, ...]:
    items = {item.key: item for item in programme.items}
    in_week = sorted((iw for iw in schedule.item_weeks if iw.week == week), key=lambda i: i.order)
    rows = [
        GlanceRow(iw.name, iw.text, frozenset(d.index for d in items[iw.key].days))
        for iw in in_week
    ]
    # A plan whose runs are the programme's own items shows them with the other items.
    for run in running.in_week(week) if running and not running.in_items else ():
        rows.append(GlanceRow(RUNNING, run.what, frozenset(d.index for d in run.days)))
    return tuple(rows)


def glance(
    programme: Programme,
    schedule: Schedule,
    printed: dt.date,
    running: RunningPlan | None = None,
) -> Glance:
    """This week's exercises and doses, for as many weeks as they stay the same."""
    first = current_week(programme, printed)
    rows = _week_rows(programme, schedule, first, running)
    last = first
    while (
        last < schedule.total_weeks and _week_rows(programme, schedule, last + 1, running) == rows
    ):
        last += 1
    news = []
    for iw in schedule.item_weeks:
        if iw.week == first and first > 1:
            news += [f"{iw.name}: {marked(c)}" for c in iw.changes]
            news += [f"{iw.name}: {h}" for h in iw.held]
    later = monday_of(programme, last + 1) if last < schedule.total_weeks else None
    since = max(printed, monday_of(programme, first))
    review = next((d for d in schedule.reviews if d >= since), None)
    return Glance(first, last, rows, tuple(news), later, review)


def _day_heads(st: Styles) -> tuple[list[str], float]:
    """The day columns' headings and width: 'Mon' in normal print; 'Mo' in large print, where
    three letters would leave the doses too narrow a column."""
    heads = [short_day(d)[: 2 if st.large else 3] for d in Weekday]
    widest = max(stringWidth(h, FONT_BOLD, st.cell_head.fontSize) for h in heads)
    return heads, widest + 7  # the cell's padding (3 + 3) and a point to spare


def glance_section(
    g: Glance,
    programme: Programme,
    st: Styles,
    width: float,
    *,
    has_changes: bool = True,
    printed: dt.date | None = None,
) -> list[Flowable]:
    first, last = monday_of(programme, g.first_week), monday_of(programme, g.last_week)
    sunday = last + dt.timedelta(days=6)
    weeks = (
        f"Week {g.first_week}"
        if g.first_week == g.last_week
        else (f"Weeks {g.first_week}–{g.last_week}")
    )
    out: list[Flowable] = [
        markup("This week at a glance", st.h1),
        markup(
            f"<b>{weeks}: {esc(date_range(first, sunday))}.</b> {DAY_MARK} = do it that day.",
            st.body,
        ),
    ]
    heads, day_w = _day_heads(st)
    first_w = width - 7 * day_w
    header: list[object] = [markup("Exercise and how much", st.cell_head)]
    header += [markup(head, st.cell_centre_head) for head in heads]
    body: list[list[object]] = [header]
    style = grid_style()
    style += [("VALIGN", (1, 1), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (-1, -1), "CENTER")]
    for r, row in enumerate(g.rows, start=1):
        cell = markup(f"<b>{esc(row.name)}:</b> {esc(row.dose)}", st.cell)
        line: list[object] = [cell]
        for d in Weekday:
            if d.index in row.days:
                line.append(markup(DAY_MARK, st.cell_centre))
            else:
                line.append("")
                style.append(("BACKGROUND", (d.index + 1, r), (d.index + 1, r), TINT))
        body.append(line)
    table = Table(body, colWidths=[first_w] + [day_w] * 7, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    out += [table, Spacer(1, st.gap * 0.5)]
    if printed is not None and printed > programme.end:
        # A programme printed again after it ended: its last week, and no date in the past
        # presented as still to come.
        after = (
            f"<b>This plan ended on {esc(day_month(programme.end))}.</b> Keep doing the last "
            "week's exercises until your physio gives you a new plan."
        )
    elif g.next_change is not None:
        where = f" (see “{CHANGES_TITLE}”)" if has_changes else ""
        after = f"<b>Next change:</b> {esc(day_month(g.next_change))}{where}."
    else:
        after = f"<b>No more changes:</b> keep this up to the end, {esc(day_month(programme.end))}."
    if g.next_review is not None:
        after += f" <b>Next review with your physio:</b> {esc(day_month(g.next_review))}."
    out.append(markup(after, st.body))
    if g.news:
        out.append(markup("<b>New this week:</b>", st.body))
        out += bullets(g.news, st)
    # The table and its dates belong together: the whole section moves to the next page
    # rather than leaving a row or two behind.
    return [KeepTogether(out)]


# --- what changes, week by week ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    lines: tuple[str, ...]  # what changes, with condition marks
    now: str  # the dose from this week on ("" when the exercise stops)


@dataclass(frozen=True)
class WeekChange:
    week: int
    stage: str  # "Stage 2 starts: ..." or ""
    changes: tuple[Change, ...]


def _item_change(
    before: ItemWeek | None,
    now: ItemWeek | None,
    days: Sequence[Weekday],
    amount: Callable[[ItemWeek], str],
) -> Change | None:
    """What one exercise does differently this week, or None when it goes on as before.

    A new exercise gets its whole dose and days; a changed one only the amount (its rest and
    days are as before, and the card and the glance give them)."""
    if now is not None and before is None:
        return Change(now.name, ("Starts this week.",), dose_sentence(now.text, days))
    if now is None:
        return Change(before.name, ("Finished: stop doing it.",), "") if before else None
    assert before is not None
    if now.code != before.code:
        lines = (*map(marked, now.changes), *now.held)
        return Change(now.name, lines, dose_sentence(now.text, days))
    if now.changes:
        return Change(now.name, (*map(marked, now.changes), *now.held), amount(now))
    if now.held:
        return Change(now.name, now.held, "")
    if now.text != before.text:
        return Change(now.name, (), now.text)
    return None


def _stage_line(programme: Programme, week: int) -> str:
    for number, (phase, (first, _last)) in enumerate(
        zip(programme.phases, programme.phase_weeks(), strict=True), start=1
    ):
        if first == week and number > 1:
            line = f"Stage {number} starts: {phase.name.rstrip('. ')}."
            if phase.focus:
                line += f" {phase.focus}"
            if phase.entry_criteria:
                line += f" To start it: {phase.entry_criteria}"
            return line
    return ""


def _running_change(running: RunningPlan | None, week: int, unit: DistanceUnit) -> Change | None:
    if running is None or running.in_items:
        return None  # runs that are items change with the items
    now, before = running.in_week(week), running.in_week(week - 1)
    if [(s.days, s.what) for s in now] == [(s.days, s.what) for s in before]:
        return None
    if not now:
        return Change(RUNNING, ("No running this week.",), "")
    return Change(RUNNING, (), " ".join(dose_sentence(s.what, s.days) for s in now))


def week_changes(
    programme: Programme,
    schedule: Schedule,
    catalogue: Catalogue,
    after_week: int,
    running: RunningPlan | None = None,
) -> list[WeekChange]:
    """The weeks after ``after_week`` in which something changes, and what."""
    items = {item.key: item for item in programme.items}
    rows = schedule.progression_table()

    def amount(iw: ItemWeek) -> str:
        return dose_words.dosage_text(
            iw.dosage,
            catalogue.get(iw.code),
            distance_unit=schedule.distance_unit,
            rest_and_tempo=False,
        )

    out = []
    for week in range(after_week + 1, schedule.total_weeks + 1):
        changes = []
        for row in rows:
            before, now = row.weeks[week - 2], row.weeks[week - 1]
            change = _item_change(before, now, items[row.key].days, amount)
            if change is not None:
                changes.append(change)
        run = _running_change(running, week, schedule.distance_unit)
        if run is not None:
            changes.append(run)
        if changes:
            out.append(WeekChange(week, _stage_line(programme, week), tuple(changes)))
    return out


def changes_section(
    weeks: Sequence[WeekChange], programme: Programme, st: Styles, width: float
) -> list[Flowable]:
    if not weeks:
        return []
    out: list[Flowable] = [
        markup(CHANGES_TITLE, st.h1),
        markup(
            "Only the weeks that change are listed, each from its Monday. In the other weeks, "
            "keep going as you were. “Now” is your new dose.",
            st.body,
        ),
    ]
    lines = [line for w in weeks for c in w.changes for line in c.lines]
    for sentence, mark in condition_sentences():
        if any(line.endswith(f" {mark}") for line in lines):
            out.append(markup(f"<b>{mark}</b> {esc(sentence)}", st.body))
    week_w = (32 if st.large else 22) * mm
    body: list[list[object]] = [
        [markup("Week", st.cell_head), markup("What changes", st.cell_head)]
    ]
    for w in weeks:
        monday = monday_of(programme, w.week)
        when = [
            markup(f"<b>Week {w.week}</b>", st.cell),
            markup(f"{monday:%a} {monday.day} {monday:%b}", st.cell),
        ]
        cell: list[Flowable] = []
        if w.stage:
            cell.append(para(w.stage, st.cell_bold))
        for change in w.changes:
            text = f"<b>{esc(change.name)}:</b> " + " ".join(esc(line) for line in change.lines)
            if change.now:
                text += f" Now: {esc(change.now)}" + ("" if change.now.endswith(".") else ".")
            cell.append(Paragraph(text, st.cell_bullet, bulletText="•"))
        body.append([when, cell])
    table = Table(body, colWidths=[week_w, width - week_w], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style()))
    out += [Spacer(1, st.gap * 0.3), table]
    return out


# --- sections only some clients get --------------------------------------------------------


def client_section(section: ClientSection, st: Styles) -> list[Flowable]:
    """A piece of education (e.g. pain and movement for a high-risk STarT Back client)."""
    out: list[Flowable] = [markup(esc(section.title), st.h1)]
    out += [para(p, st.body) for p in section.paragraphs]
    if section.points:
        if section.points_intro:
            out.append(markup(f"<b>{esc(section.points_intro)}</b>", st.body))
        out += bullets(section.points, st)
    return [KeepTogether(out)]


def running_section(
    running: RunningPlan,
    st: Styles,
    width: float,
    unit: DistanceUnit,
    policy: ClinicPolicy | None = None,
) -> list[Flowable]:
    """The running plan week by week (weeks with the same runs share a row), then the advice
    every runner needs: warm-up, rest days, load, pain and shoes."""
    out: list[Flowable] = [markup("Your running plan", st.h1)]
    out += [para(note, st.body) for note in running.notes]
    groups: list[tuple[int, int, tuple[tuple[tuple[Weekday, ...], str], ...]]] = []
    for week in running.weeks:
        runs = tuple((s.days, s.what) for s in running.in_week(week))
        if groups and groups[-1][2] == runs and groups[-1][1] == week - 1:
            groups[-1] = (groups[-1][0], week, runs)
        else:
            groups.append((week, week, runs))
    week_w = (32 if st.large else 25) * mm
    body: list[list[object]] = [[markup("Week", st.cell_head), markup("Runs", st.cell_head)]]
    for first, last, runs in groups:
        label = f"Week {first}" if first == last else f"Weeks {first}–{last}"
        cell = [para(f"{days_text(days)}: {what}", st.cell) for days, what in runs]
        body.append([markup(f"<b>{label}</b>", st.cell), cell])
    table = Table(body, colWidths=[week_w, width - week_w], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style()))
    out += [table, Spacer(1, st.gap * 0.5), markup("Before and after you run", st.h2)]
    out += bullets(running_advice(unit, policy), st)
    return out
