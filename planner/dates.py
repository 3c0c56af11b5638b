"""The calendar dates the app accepts anywhere: in files, typed, stored.

A programme's end, a review or a week number is computed by adding weeks to a date; a date near
the end of Python's calendar (year 9999) overflows there, long after it was stored. So every
date that comes in is held to a range wide enough for any birth date or plan and far from the
edges: 1900 to 2200.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


def out_of_range(day: dt.date) -> str | None:
    """Why ``day`` is refused, or None when it is within range."""
    if EARLIEST <= day <= LATEST:
        return None
    span = f"{EARLIEST.year}-{LATEST.year}"
    return f"{day.isoformat()} is outside the dates this app works with ({span})"


def check_day(day: dt.date) -> dt.date:
    problem = out_of_range(day)
    if problem is not None:
        raise ValueError(problem)
    return day


def parse_day(text: str) -> dt.date:
    """A date typed as YYYY-MM-DD, within range; ValueError says what is wrong."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text[:40]}' is not a date like 2025-03-03") from None
    return check_day(day)


# A date field of any model: refuses dates outside EARLIEST..LATEST.
Day = Annotated[dt.date, AfterValidator(check_day)]
