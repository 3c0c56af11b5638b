"""The materialised schedule: every day of the programme and the exact dose on it.

:func:`materialise` is the one place progression happens. It walks each item week by week,
applying the therapist's rules, moving up exercise ladders, and listening to the session logs:
pain above 5/10 holds the next step, pain worse the next morning takes the dose back a step,
and a conditional rule (2-for-2, pain settled) waits until the logs show it is met. Weeks with
nothing logged yet are planned as if they go well, and the change says what it depends on.
The window, the PDF, the calendar and the CSV all read this result, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from planner.errors import UserError
from planner.programme import facts, text
from planner.programme.defaults import default_dosage
from planner.programme.ladder import is_running, next_on_ladder
from planner.programme.model import (
    Dosage,
    Item,
    Programme,
    ProgressionRule,
    RuleAction,
    RuleCondition,
    SessionLog,
    SessionStatus,
)
from planner.programme.progress import apply_change
from planner.units import DistanceUnit


@dataclass(frozen=True)
class ItemWeek:
    """One item in one week: the dose, in words, what changed and what was held back, and why."""

    order: int
    key: str
    week: int
    phase: int
    code: str
    name: str
    dosage: Dosage
    text: str
    changes: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    stepped_back: bool = False


@dataclass(frozen=True)
class ScheduledItem:
    order: int
    key: str
    code: str
    name: str
    dosage: Dosage
    text: str
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "dosage": self.dosage.model_dump(mode="json"),
            "text": self.text,
        }


@dataclass(frozen=True)
class ScheduleDay:
    date: dt.date
    week: int
    phase: int
    phase_name: str
    items: tuple[ScheduledItem, ...]
    review: bool = False

    @property
    def is_session(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class ProgressionRow:
    """One line of the printed progression table: an item across every programme week."""

    order: int
    key: str
    name: str
    weeks: tuple[ItemWeek | None, ...]  # index 0 is week 1; None where the item is not done


@dataclass(frozen=True)
class Schedule:
    title: str
    start: dt.date
    end: dt.date
    total_weeks: int
    days: tuple[ScheduleDay, ...]
    item_weeks: tuple[ItemWeek, ...]
    reviews: tuple[dt.date, ...]
    distance_unit: DistanceUnit = "km"  # the unit the texts give distances in

    def sessions(self) -> list[ScheduleDay]:
        """The days with exercises on them."""
        return [d for d in self.days if d.items]

    def day(self, date: dt.date) -> ScheduleDay:
        return self.days[(date - self.start).days]

    def week_of(self, key: str, week: int) -> ItemWeek | None:
        """One item's dose in one week (None if the item is not done that week)."""
        return next((w for w in self.item_weeks if w.key == key and w.week == week), None)

    def weeks_of(self, key: str) -> list[ItemWeek]:
        return [w for w in self.item_weeks if w.key == key]

    def progression_table(self) -> list[ProgressionRow]:
        """Per item per week: dose, words, changes and holds, for the printed table."""
        rows: dict[str, list[ItemWeek | None]] = {}
        first: dict[str, ItemWeek] = {}
        for iw in self.item_weeks:
            row = rows.setdefault(iw.key, [None] * self.total_weeks)
            row[iw.week - 1] = iw
            first.setdefault(iw.key, iw)
        ordered = sorted(first.values(), key=lambda iw: iw.order)
        return [ProgressionRow(iw.order, iw.key, iw.name, tuple(rows[iw.key])) for iw in ordered]

    def to_json(self) -> list[dict[str, Any]]:
        """``[{"date", "items": [{"code", "name", "dosage", "text"}]}]`` for every date."""
        return [
            {"date": d.date.isoformat(), "items": [i.to_json() for i in d.items]} for d in self.days
        ]


# --- reading the logs --------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    step_back: bool
    reason: str
    # For a step back with no earlier step to go back to: why the dose stays as it is.
    nothing_to_step_back_to: str = ""


def _morning_verdict(log: SessionLog) -> _Verdict | None:
    """Step back if pain was worse the next morning (or, unscored during, too high then)."""
    morning, during = log.pain_next_morning, log.pain_during
    if morning is None:
        return None
    if during is not None:
        # Silbernagel 2007: pain or stiffness worse the next morning -> reduce the load. High
        # pain that eased by the morning is not worse; pain during above 5/10 holds instead.
        if morning <= during:
            return None
        return _Verdict(
            True,
            text.worse_next_morning_reason(log.date, during, morning, stepped_back=True),
            text.worse_next_morning_reason(log.date, during, morning, stepped_back=False),
        )
    if morning <= facts.PAIN_ACCEPTABLE_MAX:
        return None
    return _Verdict(
        True,
        text.high_next_morning_reason(log.date, morning, stepped_back=True),
        text.high_next_morning_reason(log.date, morning, stepped_back=False),
    )


def _pain_verdict(week_logs: list[SessionLog]) -> _Verdict | None:
    """What last week's logs say about going on: nothing, hold, or step back."""
    if not week_logs:
        return None
    done = [log for log in week_logs if log.status is not SessionStatus.SKIPPED]
    if not done:
        return _Verdict(False, text.skipped_reason())
    for log in done:
        verdict = _morning_verdict(log)
        if verdict is not None:
            return verdict
    too_much = [log for log in done if (log.pain_during or 0) > facts.PAIN_ACCEPTABLE_MAX]
    if too_much:
        worst = max(too_much, key=lambda log: (log.pain_during or 0, log.date))
        return _Verdict(False, text.pain_too_high_reason(worst.date, worst.pain_during or 0))
    return None


def _pain_ok(week_logs: list[SessionLog], running: bool) -> str | None:
    """None when last week's pain allows the next step; otherwise why not.

    Pain worse the next morning has already taken the dose back (see :func:`_pain_verdict`),
    so this reads pain during exercise: up to 3/10 (Silbernagel), or up to 2/10 for running.
    """
    done = [log for log in week_logs if log.status is not SessionStatus.SKIPPED]
    scored = [log for log in done if log.pain_during is not None]
    if not scored:
        return text.no_pain_scores_reason()
    worst = max(scored, key=lambda log: (log.pain_during or 0, log.date))
    most = facts.RUN_PAIN_MAX if running else facts.PAIN_SAFE_MAX
    if (worst.pain_during or 0) > most:
        return text.pain_not_settled_reason(worst.date, worst.pain_during or 0, running=running)
    return None


def _last_set_over(reps: list[int], target: int | None) -> bool:
    return bool(reps) and target is not None and reps[-1] >= target + facts.TWO_FOR_TWO_EXTRA_REPS


def _session_beat_target(log: SessionLog, dosage: Dosage) -> bool:
    """Did the last set go at least 2 reps past the target, on every side done?"""
    if not dosage.per_side:
        return _last_set_over(log.reps, dosage.reps)
    for side, reps in (("left", log.reps_left), ("right", log.reps_right)):
        if not _last_set_over(reps or log.reps, dosage.for_side(side).reps):
            return False
    return True


# --- walking one item through its weeks --------------------------------------------------


@dataclass
class _RuleState:
    rule: ProgressionRule
    next_due: int | None  # programme week; None once the rule has nothing left to do
    since: dt.date  # 2-for-2 counts sessions from this day on
    # Percent rises too small for one increment yet, saved for a later week (by part of dose).
    saved: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class _Step:
    """The dose before one week's progression, kept so pain can take it back."""

    week: int
    code: str
    dosage: Dosage
    applied: list[_RuleState]


@dataclass
class _Track:
    programme: Programme
    item: Item
    catalogue: Catalogue
    logs: list[SessionLog]
    distance_unit: DistanceUnit = "km"
    code: str = ""
    dosage: Dosage | None = None
    states: list[_RuleState] = field(default_factory=list)
    history: list[_Step] = field(default_factory=list)
    doses_by_week: dict[int, Dosage] = field(default_factory=dict)

    def week_start(self, week: int) -> dt.date:
        return self.programme.start + dt.timedelta(days=7 * (week - 1))

    def logs_in_week(self, week: int) -> list[SessionLog]:
        start, end = self.week_start(week), self.week_start(week + 1)
        return [log for log in self.logs if start <= log.date < end]

    def exercise(self, code: str) -> Exercise:
        ex = self.catalogue.get(code)
        if ex is None:
            raise UserError(
                f"item {self.item.order} uses exercise '{code}', which is not in the library"
            )
        return ex

    def first_due(self, rule: ProgressionRule) -> int:
        if rule.at_phase is not None:
            return self.programme.phase_weeks()[rule.at_phase - 1][0]
        return rule.from_week or 2

    def walk(self) -> list[ItemWeek]:
        weeks = self.programme.item_weeks(self.item)
        self.code, self.dosage = self.item.code, self.item.dosage
        begin = self.week_start(weeks.start)
        self.states = [_RuleState(r, self.first_due(r), begin) for r in self.item.rules]
        out = []
        for week in weeks:
            changes: list[str] = []
            held: list[str] = []
            stepped = False
            if week != weeks.start:
                stepped = self.progress(week, changes, held)
            assert self.dosage is not None
            self.doses_by_week[week] = self.dosage
            ex = self.exercise(self.code)
            out.append(
                ItemWeek(
                    order=self.item.order,
                    key=self.item.key,
                    week=week,
                    phase=self.programme.phase_of_week(week),
                    code=self.code,
                    name=ex.name,
                    dosage=self.dosage,
                    text=text.dosage_text(self.dosage, ex, distance_unit=self.distance_unit),
                    changes=tuple(dict.fromkeys(changes)),
                    held=tuple(dict.fromkeys(held)),
                    stepped_back=stepped,
                )
            )
        return out

    def due(self, week: int) -> list[_RuleState]:
        return [
            s
            for s in self.states
            if s.next_due is not None
            and s.next_due <= week
            and (s.rule.exercise is None or s.rule.exercise == self.code)
        ]

    def progress(self, week: int, changes: list[str], held: list[str]) -> bool:
        """Move from last week's dose to this week's; True if pain took it back a step."""
        last_week = self.logs_in_week(week - 1)
        verdict = _pain_verdict(last_week)
        due = self.due(week)
        if verdict is not None and verdict.step_back:
            if self.history:
                step = self.history.pop()
                self.code, self.dosage = step.code, step.dosage
                self.forget_saved_rises()
                for state in step.applied:
                    state.next_due = week + 1
                    state.since = self.week_start(week)
                changes.append(text.step_back_text(step.week - 1))
                held.append(verdict.reason)
                return True
            if due:
                held.append(verdict.nothing_to_step_back_to)
            return False
        if verdict is not None:
            if due:
                held.append(verdict.reason)
            return False
        before_code, before = self.code, self.dosage
        applied = self.advance(week, due, last_week, changes, held)
        if not applied:
            applied = self.change(week, due, last_week, changes, held)
        if applied:
            assert before is not None
            self.history.append(_Step(week, before_code, before, applied))
        return False

    def forget_saved_rises(self) -> None:
        """A step back or a new exercise starts its small rises from nothing again."""
        for state in self.states:
            state.saved = {}

    def condition_block(
        self, week: int, state: _RuleState, last_week: list[SessionLog]
    ) -> tuple[str | None, str]:
        """(why the rule must wait, or None; the note for a step taken on trust)."""
        condition = state.rule.condition
        if condition is None:
            return None, ""
        running = is_running(self.exercise(self.code))
        if not last_week:
            # Nothing logged yet for last week: plan as if it went well, and say what it needs.
            return None, " " + text.condition_text(condition, running=running)
        if condition is RuleCondition.PAIN_OK:
            return _pain_ok(last_week, running), ""
        sessions = sorted(
            (
                log
                for log in self.logs
                if state.since <= log.date < self.week_start(week)
                and log.status is not SessionStatus.SKIPPED
                and (log.reps or log.reps_left or log.reps_right)
            ),
            key=lambda log: log.date,
        )[-facts.TWO_FOR_TWO_SESSIONS :]
        met = len(sessions) == facts.TWO_FOR_TWO_SESSIONS and all(
            _session_beat_target(log, self.dose_on(log.date)) for log in sessions
        )
        return (None if met else text.two_for_two_not_met_reason()), ""

    def dose_on(self, day: dt.date) -> Dosage:
        week = (day - self.programme.start).days // 7 + 1
        dose = self.doses_by_week.get(week, self.dosage)
        assert dose is not None
        return dose

    def advance(
        self,
        week: int,
        due: list[_RuleState],
        last_week: list[SessionLog],
        changes: list[str],
        held: list[str],
    ) -> list[_RuleState]:
        for state in due:
            if state.rule.action is not RuleAction.ADVANCE:
                continue
            block, note = self.condition_block(week, state, last_week)
            if block:
                held.append(block)
                continue
            nxt = next_on_ladder(self.code, self.catalogue)
            if nxt is None:
                state.next_due = None
                held.append(text.ladder_top_reason(self.exercise(self.code).name))
                continue
            old, new = self.exercise(self.code), self.exercise(nxt)
            changes.append(text.advance_text(old.name, new.name) + note)
            self.code, self.dosage = nxt, default_dosage(new)
            self.forget_saved_rises()
            state.next_due = week + state.rule.every_weeks if state.rule.from_week else None
            # Change rules wait a week: the new exercise starts at its own dose.
            return [state]
        return []

    def change(
        self,
        week: int,
        due: list[_RuleState],
        last_week: list[SessionLog],
        changes: list[str],
        held: list[str],
    ) -> list[_RuleState]:
        applied = []
        running = is_running(self.exercise(self.code))
        for state in due:
            rule = state.rule
            if rule.action is not RuleAction.CHANGE or rule.field is None:
                continue
            block, note = self.condition_block(week, state, last_week)
            if block:
                held.append(block)
                continue
            assert self.dosage is not None
            outcome = apply_change(self.dosage, rule, running, state.saved)
            state.saved = dict(outcome.saved)
            if not outcome.changed:
                if outcome.saving:
                    held.append(
                        text.saved_rise_text(
                            rule.field,
                            self.dosage,
                            facts.RUN_WEEKLY_RISE_MAX_PERCENT
                            if outcome.limited
                            else (rule.percent or 0),
                            running_limit=outcome.limited,
                            distance_unit=self.distance_unit,
                        )
                    )
                    state.next_due = week + rule.every_weeks
                elif outcome.limited:
                    held.append(text.running_limit_text())
                else:
                    state.next_due = None  # at its cap, or the dose has no such part
                continue
            line = text.change_text(
                rule.field, self.dosage, outcome.dosage, distance_unit=self.distance_unit
            )
            if outcome.reached_cap:
                line += " " + text.cap_text(rule.field)
            if outcome.limited:
                line += " " + text.running_limit_text()
            changes.append(line + note)
            self.dosage = outcome.dosage
            state.next_due = week + rule.every_weeks
            state.since = self.week_start(week)
            applied.append(state)
        return applied


def _check_logs(programme: Programme, logs: Iterable[SessionLog]) -> list[SessionLog]:
    keys = {item.key for item in programme.items}
    out = []
    for log in logs:
        if log.item not in keys:
            raise UserError(
                f"session log for {log.date.isoformat()}: item {log.item} is not in "
                f"programme '{programme.title}'"
            )
        out.append(log)
    return sorted(out, key=lambda log: (log.date, log.item))


def materialise(
    programme: Programme,
    catalogue: Catalogue,
    logs: Iterable[SessionLog] = (),
    *,
    distance_unit: DistanceUnit = "km",
) -> Schedule:
    """Every date from start to end with each session's items at that week's exact dose.

    The dose and change texts give distances in ``distance_unit`` (the clinic's); the doses
    themselves stay in km.
    """
    checked = _check_logs(programme, logs)
    item_weeks: list[ItemWeek] = []
    for item in sorted(programme.items, key=lambda i: i.order):
        mine = [log for log in checked if log.item == item.key]
        item_weeks.extend(_Track(programme, item, catalogue, mine, distance_unit).walk())

    by_week: dict[int, list[tuple[Item, ItemWeek]]] = {}
    items = {item.key: item for item in programme.items}
    for iw in item_weeks:
        by_week.setdefault(iw.week, []).append((items[iw.key], iw))

    reviews = tuple(sorted(set(programme.review_dates)))
    review_days = set(reviews)
    days = []
    for offset in range(7 * programme.total_weeks):
        date = programme.start + dt.timedelta(days=offset)
        week = offset // 7 + 1
        phase = programme.phase_of_week(week)
        todays = tuple(
            ScheduledItem(iw.order, iw.key, iw.code, iw.name, iw.dosage, iw.text, item.notes)
            for item, iw in by_week.get(week, [])
            if date.weekday() in {d.index for d in item.days}
        )
        days.append(
            ScheduleDay(
                date=date,
                week=week,
                phase=phase,
                phase_name=programme.phases[phase - 1].name,
                items=todays,
                review=date in review_days,
            )
        )
    return Schedule(
        title=programme.title,
        start=programme.start,
        end=programme.end,
        total_weeks=programme.total_weeks,
        days=tuple(days),
        item_weeks=tuple(item_weeks),
        reviews=reviews,
        distance_unit=distance_unit,
    )
