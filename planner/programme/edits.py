"""Edits to a programme as whole new programmes, each checked by planner's model.

Every edit the window (and any command) makes goes through one of these functions: they take
the current :class:`~planner.programme.model.Programme` and return the edited one, or raise
:class:`~planner.errors.Refused` with planner's own reason. Pure functions of programmes, so
undo/redo is just "store the programme before" and "store the programme after", and the
operations in :mod:`planner.operations` decide what is safe and store only what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from exercise_library.catalogue import Catalogue
from planner.errors import Refused
from planner.programme.defaults import default_item, default_rules
from planner.programme.model import (
    Dosage,
    Item,
    Phase,
    PhaseSpan,
    Programme,
    ProgressionRule,
    Weekday,
)

MAX_ORDER = 999
M = TypeVar("M", bound=BaseModel)


def explain(exc: ValidationError) -> str:
    """The first problem pydantic found, as one sentence a clinician can act on."""
    first = exc.errors()[0]
    where = _located(first["loc"])
    msg = str(first["msg"]).removeprefix("Value error, ")
    return f"{where.replace('_', ' ')}: {msg}" if where else msg


def problem_field(exc: ValidationError) -> str | None:
    """The dotted name of the field the first problem is about (list positions left out): its
    location, or for a check across fields the field its FieldProblem names."""
    first = exc.errors()[0]
    named = getattr((first.get("ctx") or {}).get("error"), "field", None)
    return _located(first["loc"]) or (str(named) if named else None)


def _located(loc: tuple[int | str, ...]) -> str | None:
    return ".".join(str(p) for p in loc if not isinstance(p, int)) or None


def field_bounds(model: type[BaseModel], name: str) -> tuple[float, float]:
    """The lowest and highest value a model's field accepts, read from its own constraints.

    Input widgets take their ranges from here so a limit lives only in the model that
    enforces it. A strict bound (gt/lt) is returned as is; callers step inside it.
    """
    info = model.model_fields[name]
    metas = list(info.metadata)
    for arg in get_args(info.annotation):  # Optional[Annotated[int, Field(ge=0, le=10)]]
        for inner in getattr(arg, "__metadata__", ()):
            metas.extend(getattr(inner, "metadata", [inner]))
    low = high = None
    for m in metas:
        for attr in ("ge", "gt"):
            if getattr(m, attr, None) is not None:
                low = getattr(m, attr)
        for attr in ("le", "lt"):
            if getattr(m, attr, None) is not None:
                high = getattr(m, attr)
    if low is None or high is None:
        raise ValueError(f"{model.__name__}.{name} has no lower and upper bound")
    return float(low), float(high)


def rebuild(model: M, **changes: Any) -> M:
    """A validated copy (``model_copy`` would skip planner's checks)."""
    data = model.model_dump()
    data.update(changes)
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        raise Refused(explain(exc), field=problem_field(exc)) from None


def _with_items(programme: Programme, items: Sequence[Item]) -> Programme:
    """Items renumbered 1..n in the given order (keys stay, so logs stay attached)."""
    renumbered = [
        item if item.order == n else item.model_copy(update={"order": n})
        for n, item in enumerate(items, start=1)
    ]
    return rebuild(programme, items=[i.model_dump() for i in renumbered])


def ordered(programme: Programme) -> list[Item]:
    return sorted(programme.items, key=lambda i: i.order)


def fresh_key(programme: Programme, code: str, order: int, taken: Iterable[str] = ()) -> str:
    """A key no item has had in this programme, in planner's ``code-order`` style."""
    used = {i.key for i in programme.items} | set(taken)
    n = order
    while True:
        key = f"{code}-{n}"[:64]
        if key not in used:
            return key
        n += 1


def insert_items(programme: Programme, new: Sequence[Item], row: int | None = None) -> Programme:
    """New items placed before ``row`` (appended when None), with keys of their own."""
    items = ordered(programme)
    row = len(items) if row is None or not 0 <= row <= len(items) else row
    keyed: list[Item] = []
    taken: list[str] = []
    for n, item in enumerate(new):
        key = fresh_key(programme, item.code, len(items) + n + 1, taken)
        taken.append(key)
        keyed.append(item.model_copy(update={"key": key}))
    if len(items) + len(keyed) > MAX_ORDER:
        raise Refused(f"a programme holds at most {MAX_ORDER} exercises")
    return _with_items(programme, items[:row] + keyed + items[row:])


def add_exercises(
    programme: Programme,
    codes: Sequence[str],
    catalogue: Catalogue,
    row: int | None = None,
    *,
    older_adult: bool = False,
) -> Programme:
    """Exercises added at their library dose with planner's default progression rules (for
    an older adult, the longer stretch holds a recommended programme gives them too)."""
    new = []
    for code in codes:
        exercise = catalogue.get(code)
        if exercise is None:
            raise Refused(f"exercise '{code}' is not in the library")
        new.append(default_item(exercise, 1, catalogue=catalogue, older_adult=older_adult))
    return insert_items(programme, new, row)


def remove_items(programme: Programme, keys: Iterable[str]) -> Programme:
    gone = set(keys)
    return _with_items(programme, [i for i in ordered(programme) if i.key not in gone])


def move_items(programme: Programme, keys: Sequence[str], row: int) -> Programme:
    """The items named by ``keys`` moved (keeping their order) to sit before ``row``."""
    items = ordered(programme)
    moving = [i for i in items if i.key in set(keys)]
    before = sum(1 for i in items[:row] if i.key in set(keys))
    rest = [i for i in items if i.key not in set(keys)]
    at = max(0, min(len(rest), row - before))
    return _with_items(programme, rest[:at] + moving + rest[at:])


def shift_item(programme: Programme, key: str, delta: int) -> Programme:
    """One place up (-1) or down (+1); unchanged at either end."""
    items = ordered(programme)
    row = next(n for n, i in enumerate(items) if i.key == key)
    target = max(0, min(len(items) - 1, row + delta))
    if target == row:
        return programme
    items.insert(target, items.pop(row))
    return _with_items(programme, items)


def replace_item(programme: Programme, key: str, **changes: Any) -> Programme:
    items = []
    for item in ordered(programme):
        if item.key == key:
            item = rebuild(item, **changes)
        items.append(item.model_dump())
    return rebuild(programme, items=items)


def set_dosage(programme: Programme, key: str, dosage: Dosage) -> Programme:
    return replace_item(programme, key, dosage=dosage.model_dump())


def set_days(programme: Programme, key: str, days: Sequence[Weekday]) -> Programme:
    chosen = {Weekday(d) for d in days}
    return replace_item(programme, key, days=sorted(chosen, key=lambda d: d.index))


def set_span(programme: Programme, key: str, first: int | None, last: int | None) -> Programme:
    """The phases an item is done in (None for every phase)."""
    span = None if first is None or last is None else PhaseSpan(first=first, last=last)
    return replace_item(programme, key, phases=span.model_dump() if span else None)


def set_rules(programme: Programme, key: str, rules: Sequence[ProgressionRule]) -> Programme:
    return replace_item(programme, key, rules=[r.model_dump() for r in rules])


def default_rules_for(programme: Programme, key: str, catalogue: Catalogue) -> Programme:
    item = programme.item(key)
    assert item is not None
    exercise = catalogue.get(item.code)
    if exercise is None:
        raise Refused(f"exercise '{item.code}' is not in the library")
    return set_rules(programme, key, default_rules(exercise, catalogue))


# -- phases ----------------------------------------------------------------------------------


def set_phase(programme: Programme, index: int, **changes: Any) -> Programme:
    phases = [p.model_dump() for p in programme.phases]
    phase = rebuild(programme.phases[index], **changes)
    phases[index] = phase.model_dump()
    return rebuild(programme, phases=phases)


def add_phase(programme: Programme, phase: Phase) -> Programme:
    """A new last phase; exercises set for every phase are done in it too."""
    phases = [*(p.model_dump() for p in programme.phases), phase.model_dump()]
    return rebuild(programme, phases=phases)


def remove_phase(programme: Programme, index: int) -> Programme:
    """Phase ``index`` (0-based) removed; later phase numbers move down by one.

    An exercise done only in that phase has nowhere to go, so the therapist moves or removes
    it first rather than losing it quietly.
    """
    if len(programme.phases) == 1:
        raise Refused("a programme needs at least one phase")
    number = index + 1
    name = programme.phases[index].name
    only_here = [
        i for i in programme.items if i.phases is not None and i.phases.first == i.phases.last
        and i.phases.first == number
    ]  # fmt: skip
    if only_here:
        raise Refused(
            f"{len(only_here)} exercise(s) are only in phase '{name}'; move them to another "
            "phase or remove them first"
        )

    def renumber(k: int) -> int:
        return k - 1 if k > number else k

    items = []
    for item in programme.items:
        data = item.model_dump()
        span = item.phases
        if span is not None:
            # A span starting in the removed phase now starts in the phase that followed it
            # (which takes its number); one ending there now ends in the phase before it.
            last = span.last - 1 if span.last >= number else span.last
            data["phases"] = {"first": renumber(span.first), "last": last}
        rules = []
        for rule in item.rules:
            r = rule.model_dump()
            if rule.at_phase is not None:
                r["at_phase"] = renumber(rule.at_phase)
            rules.append(r)
        data["rules"] = rules
        items.append(data)
    phases = [p.model_dump() for n, p in enumerate(programme.phases) if n != index]
    return rebuild(programme, phases=phases, items=items)


# -- header ----------------------------------------------------------------------------------


def set_header(programme: Programme, **changes: Any) -> Programme:
    """Title, goals, start, status, review dates or notes."""
    return rebuild(programme, **changes)


def add_review(programme: Programme, day: dt.date) -> Programme:
    return rebuild(programme, review_dates=sorted({*programme.review_dates, day}))


def remove_review(programme: Programme, day: dt.date) -> Programme:
    return rebuild(programme, review_dates=[d for d in programme.review_dates if d != day])
