"""The arithmetic of one progression step on one dose.

Percent steps round down to a usable increment (whole reps, half kilos, whole minutes) but
always move by at least one increment, so a small percentage never stalls and never gives more
than the therapist asked for. Caps and the weekly running limit are applied here so every
caller gets the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from planner.programme import facts
from planner.programme.model import (
    BandColour,
    Dosage,
    Load,
    LoadUnit,
    ProgressField,
    ProgressionRule,
    SideDosage,
)

_BANDS = list(BandColour)


@dataclass(frozen=True)
class Outcome:
    dosage: Dosage
    changed: bool
    reached_cap: bool = False
    limited: bool = False  # the weekly running limit kept the rise smaller than asked


@dataclass(frozen=True)
class _Value:
    new: Decimal
    reached_cap: bool
    limited: bool


def _dec(value: float) -> Decimal:
    return Decimal(str(value))


def _increment(field: ProgressField, value: Decimal, unit: LoadUnit | None) -> Decimal:
    if field is ProgressField.DURATION:
        return Decimal(1) if value >= 10 else Decimal("0.5")
    if field is ProgressField.DISTANCE:
        return Decimal("0.1")
    if field is ProgressField.LOAD:
        return Decimal("0.5") if unit is LoadUnit.KG else Decimal(1)
    return Decimal(1)


def _floor_to(value: Decimal, inc: Decimal) -> Decimal:
    return (value / inc).to_integral_value(rounding=ROUND_FLOOR) * inc


def _bounds(field: ProgressField, unit: LoadUnit | None) -> tuple[Decimal, Decimal]:
    if field is ProgressField.LOAD:
        if unit is LoadUnit.RPE:
            return Decimal(1), Decimal(10)
        if unit is LoadUnit.RIR:
            return Decimal(0), Decimal(10)
        return Decimal(0), Decimal(500)
    if field in {ProgressField.DURATION, ProgressField.DISTANCE}:
        return Decimal("0.5") if field is ProgressField.DURATION else Decimal("0.1"), Decimal(600)
    return Decimal(1), Decimal(600)


def _step(
    field: ProgressField,
    value: Decimal,
    rule: ProgressionRule,
    unit: LoadUnit | None,
    running: bool,
) -> _Value:
    inc = _increment(field, value, unit)
    # Fewer reps in reserve is the harder dose, so a rise in load lowers RIR.
    sign = -1 if unit is LoadUnit.RIR else 1
    if rule.step is not None:
        delta = _dec(rule.step) * sign
    else:
        raw = value * _dec(rule.percent or 0) / 100
        size = max(_floor_to(abs(raw), inc), inc)
        delta = size if raw > 0 else -size
    new = value + delta
    reached = False
    if rule.cap is not None and not isinstance(rule.cap, BandColour):
        cap = _dec(rule.cap)
        if (delta > 0 and new >= cap) or (delta < 0 and new <= cap):
            new = cap if (delta > 0) == (value < cap) else value
            reached = True
    limited = False
    if running and field in {ProgressField.DURATION, ProgressField.DISTANCE} and new > value:
        most = _floor_to(value * (1 + _dec(facts.RUN_WEEKLY_RISE_MAX_PERCENT) / 100), inc)
        if new > most:
            new, limited, reached = max(most, value), True, False
    low, high = _bounds(field, unit)
    new = min(max(new, low), high)
    return _Value(new, reached, limited)


def _band_step(band: BandColour, rule: ProgressionRule) -> tuple[BandColour, bool]:
    rank = band.rank + int(rule.step or 0)
    rank = min(max(rank, 0), len(_BANDS) - 1)
    reached = False
    if isinstance(rule.cap, BandColour):
        if (rule.step or 0) > 0 and rank >= rule.cap.rank:
            rank, reached = max(rule.cap.rank, band.rank), True
        elif (rule.step or 0) < 0 and rank <= rule.cap.rank:
            rank, reached = min(rule.cap.rank, band.rank), True
    return _BANDS[rank], reached


def _step_load(load: Load, rule: ProgressionRule) -> tuple[Load, _Value]:
    if load.unit is LoadUnit.BAND and load.band is not None:
        band, reached = _band_step(load.band, rule)
        return load.model_copy(update={"band": band}), _Value(Decimal(band.rank), reached, False)
    result = _step(ProgressField.LOAD, _dec(load.amount or 0), rule, load.unit, False)
    return load.model_copy(update={"amount": float(result.new)}), result


def _as_field_type(field: ProgressField, value: Decimal) -> float | int:
    if field in {ProgressField.SETS, ProgressField.REPS, ProgressField.HOLD}:
        return int(value)
    return float(value)


def _apply_to(
    target: Dosage | SideDosage, rule: ProgressionRule, running: bool
) -> tuple[dict[str, object], list[_Value]]:
    """The update for one dose or one side's differences, and how each value moved."""
    field = rule.field
    assert field is not None
    attr = field.dosage_attr
    value = getattr(target, attr, None)
    if value is None:
        return {}, []
    if field is ProgressField.LOAD:
        new_load, result = _step_load(value, rule)
        return {attr: new_load}, [result]
    result = _step(field, _dec(value), rule, None, running)
    return {attr: _as_field_type(field, result.new)}, [result]


def apply_change(dosage: Dosage, rule: ProgressionRule, running: bool = False) -> Outcome:
    """One step of a change rule, applied to both sides (and each side's own numbers)."""
    update, results = _apply_to(dosage, rule, running)
    if not results:
        return Outcome(dosage, changed=False)
    for side in ("left", "right"):
        extra: SideDosage | None = getattr(dosage, side)
        if extra is None:
            continue
        side_update, side_results = _apply_to(extra, rule, running)
        if side_update:
            update[side] = extra.model_copy(update=side_update)
            results.extend(side_results)
    new = dosage.model_copy(update=update)
    return Outcome(
        new,
        changed=new != dosage,
        reached_cap=all(r.reached_cap for r in results) and new != dosage,
        limited=any(r.limited for r in results),
    )
