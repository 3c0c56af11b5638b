"""Words that only printed documents need, written for a client reading at home alone.

Doses, changes, held steps and the pain rule are worded by :mod:`planner.programme.text`, the
warning signs by :mod:`planner.documents`; this module adds what a sheet of paper needs on top:
which days, dates, and what a tempo means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from planner.programme.model import Weekday
from planner.text import join_words

_SHORT_DAY = {day: day.label[:3] for day in Weekday}


def days_text(days: Iterable[Weekday]) -> str:
    """'3 days a week: Mon Wed Fri', 'every day', '1 day a week: Sat'."""
    ordered = sorted(set(days), key=lambda d: d.index)
    if len(ordered) == len(Weekday):
        return "every day"
    names = " ".join(_SHORT_DAY[d] for d in ordered)
    count = len(ordered)
    return f"{count} {'day' if count == 1 else 'days'} a week: {names}"


def dose_sentence(dose: str, days: Iterable[Weekday]) -> str:
    """The dose with its days: '3 sets of 10 on each side, hold 5 seconds, 3 days a week: ...'.

    A dose that already ends in a full stop (left and right differ) gets the days as a
    sentence of its own.
    """
    when = days_text(days)
    if dose.endswith("."):
        return f"{dose} {when[0].upper()}{when[1:]}."
    return f"{dose}, {when}"


def short_day(day: Weekday) -> str:
    return _SHORT_DAY[day]


def day_month(day: dt.date) -> str:
    """'Monday 12 January': a date a client finds on the calendar, without the year."""
    return f"{day:%A} {day.day} {day:%B}"


def date_range(first: dt.date, last: dt.date) -> str:
    """'Monday 5 to Sunday 11 January', or 'Monday 26 January to Sunday 1 February'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%A} {first.day} to {day_month(last)}"
    return f"{day_month(first)} to {day_month(last)}"


def _seconds(n: int) -> str:
    return f"{n} second" if n == 1 else f"{n} seconds"


def tempo_text(tempo: str) -> str:
    """What '3-1-1' asks for: seconds lowering, pausing, lifting (and pausing at the top)."""
    parts = [int(p) for p in tempo.split("-")]
    words = [f"take {_seconds(parts[0])} on the way down"]
    words.append(f"pause for {_seconds(parts[1])}" if parts[1] else "do not pause at the bottom")
    words.append(f"take {_seconds(parts[2])} on the way up")
    if len(parts) > 3 and parts[3]:
        words.append(f"pause for {_seconds(parts[3])} at the top")
    return f"Tempo {tempo} means: {join_words(words)}."
