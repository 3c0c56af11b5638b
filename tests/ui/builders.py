"""Small builders shared by UI tests."""

from __future__ import annotations

import datetime as dt

from exercise_library.catalogue import builtin_catalogue
from planner.programme.defaults import default_item
from planner.programme.model import Phase, Programme
from planner.services import Services


def runner_programme(services: Services, *codes: str) -> Programme:
    """A one-phase, four-week programme of the given exercises with default doses and rules."""
    catalogue = builtin_catalogue()
    return Programme(
        title="Home programme",
        client="Zoë Łukasiewicz",
        start=dt.date(2026, 1, 5),
        phases=[Phase(name="Settle", weeks=4)],
        items=[default_item(catalogue[c], n) for n, c in enumerate(codes, start=1)],
    )
