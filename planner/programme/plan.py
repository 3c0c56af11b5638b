"""A first programme from an assessment's recommendation, with default progressions.

The therapist edits it afterwards; this gives a sensible start: the recommended exercises at
the doses the recommendation designed (per side where the sides differ; the library's
otherwise) on spread-out days, the runs of a running plan on their days with the warm-up
before them, each with the progression rules its kind of exercise gets by default, the reason
it was chosen kept for the therapist, and reviews every four weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from exercise_library.schema import Exercise
from planner.programme.defaults import default_item
from planner.programme.model import Item, Phase, Programme, ProgrammeStatus, refuse_past_latest

# A review every four weeks and at the end [U]: clinic habit, not a published figure.
REVIEW_EVERY_WEEKS = 4
_NOTES_MAX = 2000


class Recommended(Protocol):
    """What the assessment's recommendation gives for each exercise."""

    @property
    def code(self) -> str: ...

    @property
    def exercise(self) -> Exercise: ...


def _reason(rec: Recommended) -> str:
    parts = [getattr(rec, "reason", "") or ""]
    parts.extend(f"Caution: {c}" for c in getattr(rec, "cautions", ()) or ())
    return " ".join(p.strip() for p in parts if p and p.strip())[:_NOTES_MAX]


def _item(rec: Recommended, order: int) -> Item:
    """The recommended exercise at the dose, days and rules the recommendation designed for
    it (the library's where it gave none), its reason kept apart from the client's notes."""
    item = default_item(rec.exercise, order)
    update: dict[str, object] = {"reason": _reason(rec)}
    dosage = getattr(rec, "dosage", None)
    if dosage is not None:
        update["dosage"] = dosage
    days = getattr(rec, "days", None)
    if days:
        update["days"] = list(days)
    rules = getattr(rec, "rules", None)
    if rules is not None:
        update["rules"] = list(rules)
    notes = getattr(rec, "notes", "")
    if notes:
        update["notes"] = notes[:_NOTES_MAX]
    return Item.model_validate({**item.model_dump(), **update})


def programme_from_recommendation(
    exercises: Sequence[Recommended],
    *,
    start: dt.date,
    weeks: int,
    client: str | None = None,
    therapist: str | None = None,
    title: str | None = None,
) -> Programme:
    """A draft programme: one phase of ``weeks`` weeks with the recommended exercises in order."""
    items = [_item(rec, order) for order, rec in enumerate(exercises, start=1)]
    end = start + dt.timedelta(days=7 * weeks)
    refuse_past_latest(start, end)
    reviews = [
        start + dt.timedelta(days=7 * w)
        for w in range(REVIEW_EVERY_WEEKS, weeks, REVIEW_EVERY_WEEKS)
    ]
    reviews.append(end)
    return Programme.model_validate(
        {
            "title": title or (f"Home programme for {client}" if client else "Home programme"),
            "client": client,
            "therapist": therapist,
            "start": start,
            "status": ProgrammeStatus.DRAFT,
            "review_dates": reviews,
            "phases": [
                Phase(
                    name="Home programme",
                    weeks=weeks,
                    focus="The exercises chosen from the assessment findings.",
                )
            ],
            "items": items,
        }
    )
