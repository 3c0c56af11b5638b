"""The arithmetic of one progression step on one dose.

Percent steps round down to a usable increment (whole reps, half minutes below 10 minutes,
whole minutes, 0.1 km), so a rise is never more than the therapist asked for. When a week's
percentage is smaller than one increment (10% of 3 minutes is 18 seconds), the rise is saved
up week by week and one increment is added once the saved rises make one: small values still
grow, and over the weeks never faster than the percentage. Loads are the exception: once the
2-for-2 rule says the load goes up, it goes up by at least the smallest plate (half a kilo),
because no lighter step exists. Caps and the weekly running limit are applied here so every
caller gets the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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


# Which part of a dose a saved-up rise belongs to: the shared dose, or one side's own number.
Part = str  # "", "left" or "right"


@dataclass(frozen=True)
class Outcome:
    dosage: Dosage
    changed: bool
    reached_cap: bool = False
    limited: bool = False  # the weekly running limit kept the rise smaller than asked
    # Rises smaller than one increment, saved for a later week, by part of the dose.
    saved: Mapping[Part, Decimal] = field(default_factory=dict)

    @property
    def saving(self) -> bool:
        """Nothing changed this week only because the rise is still less than one increment."""
        return not self.changed and not self.reached_cap and any(self.saved.values())


@dataclass(frozen=True)
class _Value:
    new: Decimal
    reached_cap: bool
    limited: bool
    saved: Decimal = Decimal(0)


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


def smallest_step(field: ProgressField, value: float) -> float:
    """The smallest change a percent rule makes to this part of a dose (not loads)."""
    return float(_increment(field, _dec(value), None))


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


def _past_cap(value: Decimal, cap: Decimal, rising: bool) -> bool:
    return value >= cap if rising else value <= cap


def _step(
    field: ProgressField,
    value: Decimal,
    rule: ProgressionRule,
    unit: LoadUnit | None,
    running: bool,
    saved: Decimal = Decimal(0),
) -> _Value:
    inc = _increment(field, value, unit)
    # Fewer reps in reserve is the harder dose, so a rise in load lowers RIR.
    sign = -1 if unit is LoadUnit.RIR else 1
    saves = False
    if rule.step is not None:
        wanted = _dec(rule.step) * sign
    elif field is ProgressField.LOAD:
        raw = value * _dec(rule.percent or 0) / 100
        size = max(_floor_to(abs(raw), inc), inc)  # at least the smallest plate
        wanted = size if raw > 0 else -size
    else:
        wanted = value * _dec(rule.percent or 0) / 100
        saves = True
    limited = False
    if running and field in {ProgressField.DURATION, ProgressField.DISTANCE} and wanted > 0:
        allowed = value * _dec(facts.RUN_WEEKLY_RISE_MAX_PERCENT) / 100
        if wanted > allowed:
            wanted, limited, saves = allowed, True, True
    cap = None
    if rule.cap is not None and not isinstance(rule.cap, BandColour):
        cap = _dec(rule.cap)
        if wanted != 0 and _past_cap(value, cap, wanted > 0):
            return _Value(value, True, False)
    left = Decimal(0)
    if not saves:
        delta = wanted
    elif abs(wanted) >= inc:
        # A week's rise of one increment or more: rounded down, nothing carried over.
        delta = _floor_to(abs(wanted), inc).copy_sign(wanted)
    else:
        # Less than one increment: saved up until the saved rises make one.
        total = saved + wanted
        delta = inc.copy_sign(total) if abs(total) >= inc else Decimal(0)
        left = total - delta
    new = value + delta
    reached = False
    if cap is not None and delta != 0 and _past_cap(new, cap, delta > 0):
        new, reached, left = cap, True, Decimal(0)
    low, high = _bounds(field, unit)
    new = min(max(new, low), high)
    return _Value(new, reached, limited, left)


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
    target: Dosage | SideDosage,
    rule: ProgressionRule,
    running: bool,
    saved: Decimal,
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
    result = _step(field, _dec(value), rule, None, running, saved)
    return {attr: _as_field_type(field, result.new)}, [result]


def apply_change(
    dosage: Dosage,
    rule: ProgressionRule,
    running: bool = False,
    saved: Mapping[Part, Decimal] | None = None,
) -> Outcome:
    """One step of a change rule, applied to both sides (and each side's own numbers).

    ``saved`` is what earlier weeks of this rule saved up (``Outcome.saved`` of the last
    call); pass it back each week so small rises add up.
    """
    saved = saved or {}
    update, results = _apply_to(dosage, rule, running, saved.get("", Decimal(0)))
    if not results:
        return Outcome(dosage, changed=False)
    kept = {"": results[0].saved}
    for side in ("left", "right"):
        extra: SideDosage | None = getattr(dosage, side)
        if extra is None:
            continue
        side_update, side_results = _apply_to(extra, rule, running, saved.get(side, Decimal(0)))
        if side_update:
            update[side] = extra.model_copy(update=side_update)
            results.extend(side_results)
            kept[side] = side_results[0].saved
    new = dosage.model_copy(update=update)
    return Outcome(
        new,
        changed=new != dosage,
        reached_cap=all(r.reached_cap for r in results) and new != dosage,
        limited=any(r.limited for r in results),
        saved={part: value for part, value in kept.items() if value},
    )
