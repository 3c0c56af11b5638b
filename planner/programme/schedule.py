"""The materialised schedule: every day of the programme and the exact dose on it.

:func:`materialise` is the one place progression happens: it walks each item week by week
(:mod:`planner.programme.track`: one step a week at most, within the clinic's weekly limits),
applying the therapist's rules, moving up exercise ladders the client may do, and listening to
the session logs (:mod:`planner.programme.pain`). Weeks with nothing logged yet are planned as
if they go well, and the change says what it depends on. The window, the PDF, the calendar and
the CSV all read this result, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from exercise_library.catalogue import Catalogue
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme.ladder import is_running
from planner.programme.model import Dosage, Item, Programme, SessionLog
from planner.programme.track import ItemWeek, Step, Track
from planner.programme.volume import Caps
from planner.safety import ClientContext, exercise_verdict
from planner.safety.verdict import fit_reasons, max_difficulty
from planner.units import DistanceUnit

__all__ = [
    "ItemWeek",
    "ProgressionRow",
    "Schedule",
    "ScheduleDay",
    "ScheduledItem",
    "Step",
    "materialise",
]


@dataclass(frozen=True)
class ScheduledItem:
    order: int
    key: str
    code: str
    name: str
    dosage: Dosage
    text: str
    notes: str = ""
    volume: float = 0.0  # that day's volume (planner.programme.volume)
    run: bool = False  # a run of the running plan

    @property
    def kind(self) -> str:
        return "run" if self.run else "exercise"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "dosage": self.dosage.model_dump(mode="json"),
            "text": self.text,
            "volume": self.volume,
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


def _allowed(
    programme: Programme, catalogue: Catalogue, policy: ClinicPolicy
) -> Callable[[str], bool]:
    """Which exercises an item may move on to: those the safety verdict allows for the client
    the programme carries, with the kit they have at home (anything, when unknown)."""
    if programme.client_context is None:
        return lambda code: True
    client = ClientContext.from_record(programme.client_context)

    hardest = max_difficulty(client.experience, policy) + 1 if client.experience else 5

    def allowed(code: str) -> bool:
        ex = catalogue.get(code)
        if ex is None or exercise_verdict(ex, client, policy).excluded:
            return False
        if ex.difficulty > hardest and not is_running(ex):
            return False  # one level past where the client started, at most
        return not fit_reasons(ex, ClientContext(equipment=client.equipment), policy)

    return allowed


def materialise(
    programme: Programme,
    catalogue: Catalogue,
    logs: Iterable[SessionLog] = (),
    *,
    distance_unit: DistanceUnit | None = None,
    policy: ClinicPolicy | None = None,
) -> Schedule:
    """Every date from start to end with each session's items at that week's exact dose.

    ``policy`` gives the clinic's weekly limits and distance unit (the published ones when not
    given); the dose and change texts give distances in ``distance_unit`` (default: the
    policy's), while the doses themselves stay in km.
    """
    policy = policy or ClinicPolicy.published()
    unit = distance_unit or policy.distance_unit
    caps = Caps.of(policy)
    allowed = _allowed(programme, catalogue, policy)
    checked = _check_logs(programme, logs)
    item_weeks: list[ItemWeek] = []
    for item in sorted(programme.items, key=lambda i: i.order):
        mine = [log for log in checked if log.item == item.key]
        track = Track(programme, item, catalogue, mine, caps, unit, allowed)
        item_weeks.extend(track.walk())

    by_week: dict[int, list[tuple[Item, ItemWeek]]] = {}
    items = {item.key: item for item in programme.items}
    for iw in item_weeks:
        by_week.setdefault(iw.week, []).append((items[iw.key], iw))

    weekdays = {item.key: {d.index for d in item.days} for item in programme.items}
    reviews = tuple(sorted(set(programme.review_dates)))
    review_days = set(reviews)
    days = []
    for offset in range(7 * programme.total_weeks):
        date = programme.start + dt.timedelta(days=offset)
        week = offset // 7 + 1
        phase = programme.phase_of_week(week)
        todays = tuple(
            ScheduledItem(
                iw.order,
                iw.key,
                iw.code,
                iw.name,
                iw.dosage,
                iw.text,
                item.notes,
                iw.volume,
                iw.run,
            )
            for item, iw in by_week.get(week, [])
            if date.weekday() in weekdays[item.key]
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
        distance_unit=unit,
    )
