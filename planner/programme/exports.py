"""The schedule as a calendar (.ics) and a spreadsheet (.csv).

Both are drawn from :func:`planner.programme.schedule.materialise`, so the calendar on the
client's phone, the spreadsheet and the printed handout show the same dose on the same day.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from icalendar import Calendar, Event

from planner.programme.model import Programme, ProgressField
from planner.programme.schedule import Schedule
from planner.programme.text import side_text, value_text

CSV_COLUMNS = (
    "date",
    "day",
    "week",
    "phase",
    "kind",
    "order",
    "code",
    "exercise",
    "dose",
    "sets",
    "reps",
    "hold_s",
    "duration_min",
    "distance_km",
    "load",
    "per_side",
    "left",
    "right",
    "rest_s",
    "tempo",
    "notes",
)


def _programme_uid(programme: Programme) -> str:
    """Stable per programme, so re-importing the calendar updates events instead of doubling."""
    seed = f"{programme.title}|{programme.client or ''}|{programme.start.isoformat()}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def _review_summary(programme: Programme) -> str:
    who = f" with {programme.therapist}" if programme.therapist else ""
    return f"Physio review{who}: {programme.title}"


def schedule_ics(
    schedule: Schedule, programme: Programme, *, stamp: dt.datetime | None = None
) -> bytes:
    """One all-day event per session day listing its exercises, plus one per review."""
    when = stamp or dt.datetime.now(dt.UTC)
    uid = _programme_uid(programme)
    cal = Calendar()
    cal.add("prodid", "-//Physio Planner//Home programme//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", programme.title)
    for day in schedule.sessions():
        event = Event()
        event.add("uid", f"{uid}-{day.date:%Y%m%d}-session@physio-planner")
        event.add("dtstamp", when)
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
        event.add("summary", f"Home exercises, week {day.week} ({day.phase_name})")
        lines = [f"{i.name}: {i.text}" for i in day.items]
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    for review in schedule.reviews:
        event = Event()
        event.add("uid", f"{uid}-{review:%Y%m%d}-review@physio-planner")
        event.add("dtstamp", when)
        event.add("dtstart", review)
        event.add("dtend", review + dt.timedelta(days=1))
        event.add("summary", _review_summary(programme))
        cal.add_component(event)
    return cal.to_ical()


def _number(value: float | None) -> str:
    """A cell's number; four decimals at most, so 35 seconds reads 0.5833 minutes."""
    if value is None:
        return ""
    value = round(float(value), 4)
    return str(int(value)) if value.is_integer() else str(value)


def schedule_csv(schedule: Schedule) -> str:
    """One row per exercise per session day (kind ``run`` for the runs of a running plan,
    ``session`` for the rest), and one per review."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    unit = schedule.distance_unit  # for the words; the distance_km column stays in km
    for day in schedule.days:
        base = [day.date.isoformat(), f"{day.date:%A}", day.week, day.phase_name]
        for item in day.items:
            d = item.dosage
            differ = d.sides_differ
            writer.writerow(
                [
                    *base,
                    "run" if item.run else "session",
                    item.order,
                    item.code,
                    item.name,
                    item.text,
                    d.sets,
                    _number(d.reps),
                    _number(d.hold_s),
                    _number(d.duration_min),
                    _number(d.distance_km),
                    value_text(ProgressField.LOAD, d) if d.load else "",
                    "yes" if d.per_side else "no",
                    side_text(d, "left", distance_unit=unit) if differ else "",
                    side_text(d, "right", distance_unit=unit) if differ else "",
                    _number(d.rest_s),
                    d.tempo or "",
                    item.notes,
                ]
            )
        if day.review:
            writer.writerow([*base, "review", *[""] * (len(CSV_COLUMNS) - len(base) - 1)])
    # Reviews after the last week (the closing review) have no schedule day of their own.
    for review in schedule.reviews:
        if not schedule.start <= review <= schedule.end:
            blank = [""] * (len(CSV_COLUMNS) - 5)
            writer.writerow([review.isoformat(), f"{review:%A}", "", "", "review", *blank])
    return out.getvalue()
