"""Exercises in a programme that the client's context now rules out.

A programme is built from one assessment; a later assessment may add a condition (a pregnancy,
a diagnosed disc herniation) that rules out exercises already chosen, a clinic may tighten its
policy, and a pregnancy recorded with its due date moves on while the programme runs (each item
is judged on every week it is done, :mod:`planner.safety.weeks`). Recommendations never offer
such an exercise, and this check keeps an existing programme honest too, with the same verdict
(:mod:`planner.safety`): the app marks the item and holds back the handout until the therapist
changes it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from exercise_library.catalogue import Catalogue
from planner.policy import ClinicPolicy
from planner.programme.model import Item, PhaseSpan, Programme
from planner.safety import ClientContext, Verdict
from planner.safety.weeks import first_exclusion, week_ends


@dataclass(frozen=True)
class UnsafeItem:
    key: str
    code: str
    name: str
    reasons: tuple[str, ...]

    def text(self) -> str:
        return f"{self.name}: {'; '.join(self.reasons)}"


def unsafe_items(
    programme: Programme,
    catalogue: Catalogue,
    ctx: ClientContext | None,
    policy: ClinicPolicy,
) -> list[UnsafeItem]:
    """Items whose exercise the client's context rules out (empty when nothing is known).

    A referral block is the client's, not an item's: it is reported by
    :func:`planner.safety.client_block`, so items are listed here only for their own reasons.
    """
    if ctx is None or not ctx.known:
        return []
    out = []
    for found in _first_exclusions(programme, catalogue, ctx, policy):
        reasons = found.verdict.exercise_reasons
        if found.week > programme.item_weeks(found.item)[0]:
            # Safe now, ruled out later (a pregnancy moving on): say from when.
            reasons = (f"from week {found.week} of the programme ({found.day:%d %b %Y}), "
                       f"{reasons[0]}", *reasons[1:])  # fmt: skip
        out.append(UnsafeItem(found.item.key, found.item.code, found.name, tuple(reasons)))
    return out


@dataclass(frozen=True)
class _Exclusion:
    item: Item
    name: str
    week: int  # the first programme week the item's exercise is ruled out
    day: dt.date
    verdict: Verdict


def _first_exclusions(
    programme: Programme, catalogue: Catalogue, ctx: ClientContext, policy: ClinicPolicy
) -> Iterator[_Exclusion]:
    """Each item whose exercise is ruled out in some week it is done, in programme order."""
    for item in sorted(programme.items, key=lambda i: i.order):
        exercise = catalogue.get(item.code)
        if exercise is None:
            continue
        weeks = programme.item_weeks(item)
        found = first_exclusion(exercise, ctx, policy, week_ends(programme.start, weeks))
        if found is not None:
            day, verdict = found
            week = (day - programme.start).days // 7 + 1
            yield _Exclusion(item, exercise.name, week, day, verdict)


def unsafe_summary(items: list[UnsafeItem]) -> str | None:
    """One sentence for a banner, or None when every exercise is safe."""
    if not items:
        return None
    names = ", ".join(i.name for i in items)
    return (
        f"The client's conditions rule out {names}. Replace or remove "
        f"{'it' if len(items) == 1 else 'them'} before printing the home programme."
    )


def end_before_exclusion(
    programme: Programme,
    catalogue: Catalogue,
    ctx: ClientContext | None,
    policy: ClinicPolicy,
    only: Collection[str] | None = None,
) -> tuple[Programme, list[str]]:
    """A planned programme whose exercises stop in the week the client's context first rules
    them out (a pregnancy by its due date reaching the trimester with no lying on the back), so
    the plan can be printed as it is; with notes saying what stops when.

    Each such week starts a phase of its own (the phase it fell in is split there), and the
    item keeps only the phases before it. An item ruled out from its first week is dropped.
    ``only`` limits this to the items with those keys (those just added to a programme the
    therapist has already shaped); the others keep their weeks.
    """
    if ctx is None or not ctx.known:
        return programme, []
    stops: dict[str, int] = {}
    why: dict[str, str] = {}
    for found in _first_exclusions(programme, catalogue, ctx, policy):
        if only is None or found.item.key in only:
            stops[found.item.key] = found.week
            why[found.item.key] = found.verdict.exercise_reasons[0]
    if not stops:
        return programme, []
    # Split the phases so that every stop week begins one.
    phases, old_to_new, week = [], [], 1
    for phase in programme.phases:
        cuts = sorted({w for w in stops.values() if week < w < week + phase.weeks})
        bounds = [week, *cuts, week + phase.weeks]
        first_new = len(phases) + 1
        for n, (a, b) in enumerate(itertools.pairwise(bounds)):
            name = phase.name if n == 0 else f"{phase.name} (from week {a})"
            phases.append(phase.model_copy(update={"name": name[:80], "weeks": b - a}))
        old_to_new.append((first_new, len(phases)))
        week += phase.weeks
    split = programme.model_copy(update={"phases": phases})
    items, notes = [], []
    for item in programme.items:
        span = item.phases
        first = old_to_new[span.first - 1][0] if span else 1
        last = old_to_new[span.last - 1][1] if span else len(phases)
        stop = stops.get(item.key)
        name = catalogue[item.code].name if item.code in catalogue else item.code
        if stop is not None:
            last = split.phase_of_week(stop) - 1
            if last < first:
                notes.append(f"{name} is left out: {why[item.key]}.")
                continue
            note = f"{name} stops after week {stop - 1}: from week {stop}, {why[item.key]}."
            notes.append(note)
            item = item.model_copy(update={"reason": f"{item.reason or ''} {note}".strip()})
        whole = first == 1 and last == len(phases)
        items.append(
            item.model_copy(update={"phases": None if whole else PhaseSpan(first=first, last=last)})
        )
    return split.model_copy(update={"items": items}), notes
