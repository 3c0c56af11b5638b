"""The arithmetic of one progression step on one dose.

Percent steps round down to a usable increment (whole reps; times under 2.5 minutes by whole
seconds: 1 s, 5 s from half a minute, 10 s from a minute; then half minutes below 10 minutes,
whole minutes; 0.1 km), so a rise is never more than the therapist asked for. When a week's
percentage is smaller than one increment (10% of 3 minutes is 18 seconds), the rise is saved
up week by week and one increment is added once the saved rises make one: small values still
grow, and over the weeks never faster than the percentage. Loads are the exception: once the
2-for-2 rule says the load goes up, it goes up by at least the smallest plate (half a kilo),
because no lighter step exists.

Every rise in the amount of work (sets, reps, hold, time, distance) is kept within the week's
limit (:class:`planner.programme.volume.Caps`): a step is cut to the largest whole increment
that fits, and when none fits the step waits (``blocked``). A set that would add too much is
added with fewer reps in each set instead (2 x 12 -> 3 x 9): one step, not two. Caps and limits
are applied here so every caller gets the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from planner.programme.model import (
    BandColour,
    Dosage,
    Load,
    LoadUnit,
    ProgressField,
    ProgressionRule,
    SideDosage,
)
from planner.programme.volume import VolumeKind, kind, volume, with_sides

_BANDS = list(BandColour)


# Which part of a dose a saved-up rise belongs to: the shared dose, or one side's own number.
Part = str  # "", "left" or "right"


@dataclass(frozen=True)
class Outcome:
    dosage: Dosage
    changed: bool
    reached_cap: bool = False
    limited: bool = False  # the weekly limit kept the rise smaller than asked
    # Rises smaller than one increment, saved for a later week, by part of the dose.
    saved: Mapping[Part, Decimal] = field(default_factory=dict)
    # The weekly limit allows no whole increment of this part of the dose at all.
    blocked: bool = False
    # A set was added with fewer reps (or a shorter hold) in each set, to stay within the limit.
    traded: bool = False

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
    blocked: bool = False


def _dec(value: float) -> Decimal:
    return Decimal(str(value))


# Short times are stepped in seconds: half a minute would double a 30-second carry in one week
# (and add 50% to a minute), far past the weekly volume limit, so such a dose could never grow
# at all. Each step is at most 1/6 of the time it starts from, inside the 20% limit (30 -> 35 s
# is +17%, 60 -> 70 s too); from 2.5 minutes half a minute is 20% and the minute steps take over.
_SECONDS_A_MINUTE = Decimal(60)
_SHORT_TIME_BELOW_MIN = Decimal("2.5")
# (from this many seconds, the step in seconds), largest first.
_SHORT_STEPS_S = ((Decimal(60), Decimal(10)), (Decimal(30), Decimal(5)), (Decimal(0), Decimal(1)))


def _increment(
    field: ProgressField, value: Decimal, unit: LoadUnit | None, *, seconds: bool = False
) -> Decimal:
    if seconds:
        return next(step for start, step in _SHORT_STEPS_S if value >= start)
    if field is ProgressField.DURATION:
        return Decimal(1) if value >= 10 else Decimal("0.5")
    if field is ProgressField.DISTANCE:
        return Decimal("0.1")
    if field is ProgressField.LOAD:
        return Decimal("0.5") if unit is LoadUnit.KG else Decimal(1)
    return Decimal(1)


def smallest_step(field: ProgressField, value: float) -> float:
    """The smallest change a percent rule makes to this part of a dose (not loads)."""
    if _short_time(field, _dec(value)):
        secs = _to_seconds(_dec(value))
        return float(_increment(field, secs, None, seconds=True) / _SECONDS_A_MINUTE)
    return float(_increment(field, _dec(value), None))


def _short_time(field: ProgressField, value: Decimal) -> bool:
    return field is ProgressField.DURATION and 0 < value < _SHORT_TIME_BELOW_MIN


def _to_seconds(minutes: Decimal) -> Decimal:
    """Whole seconds: a time saved as 35/60 of a minute is 35 s again, not 34.99..."""
    return (minutes * _SECONDS_A_MINUTE).to_integral_value()


def _floor_to(value: Decimal, inc: Decimal) -> Decimal:
    return (value / inc).to_integral_value(rounding=ROUND_FLOOR) * inc


def _bounds(
    field: ProgressField, unit: LoadUnit | None, *, seconds: bool = False
) -> tuple[Decimal, Decimal]:
    if seconds:
        return Decimal(1), Decimal(600) * _SECONDS_A_MINUTE
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
    limit: float | None,
    saved: Decimal = Decimal(0),
    *,
    seconds: bool = False,
) -> _Value:
    """One rule's change to one number, within its cap and the week's ``limit`` (percent).

    ``seconds``: the number is a time under a minute given in seconds (as are the rule's step
    and cap and what was saved)."""
    inc = _increment(field, value, unit, seconds=seconds)
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
    cap = None
    if rule.cap is not None and not isinstance(rule.cap, BandColour):
        cap = _dec(rule.cap)
        if wanted != 0 and _past_cap(value, cap, wanted > 0):
            return _Value(value, True, False)
    limited = False
    if limit is not None and field is not ProgressField.LOAD and wanted > 0:
        allowed = value * _dec(limit) / 100
        if allowed < inc:
            # Not even one increment fits in a week: the step waits (3 reps cannot grow by
            # a rep within 20%).
            return _Value(value, False, True, Decimal(0), blocked=True)
        if wanted > allowed:
            wanted, limited = _floor_to(allowed, inc), True
    left = Decimal(0)
    if not saves or limited:
        delta = wanted if not saves else _floor_to(abs(wanted), inc).copy_sign(wanted)
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
    low, high = _bounds(field, unit, seconds=seconds)
    new = min(max(new, low), high)
    return _Value(new, reached, limited, left)


def _step_short_time(
    minutes: Decimal, rule: ProgressionRule, limit: float | None, saved: Decimal
) -> _Value:
    """:func:`_step` for a short time, worked in whole seconds and given back in minutes (the
    dose's unit): 30 s -> 35 s, where half a minute would be 30 s -> 60 s."""
    update: dict[str, float] = {}
    if rule.step is not None:
        update["step"] = rule.step * 60
    if isinstance(rule.cap, int | float):
        update["cap"] = rule.cap * 60
    in_seconds = rule.model_copy(update=update)
    saved_s = (saved * _SECONDS_A_MINUTE).quantize(Decimal("0.0001"))
    out = _step(
        ProgressField.DURATION, _to_seconds(minutes), in_seconds, None, limit, saved_s, seconds=True
    )
    return _Value(
        out.new / _SECONDS_A_MINUTE,
        out.reached_cap,
        out.limited,
        out.saved / _SECONDS_A_MINUTE,
        out.blocked,
    )


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
    result = _step(ProgressField.LOAD, _dec(load.amount or 0), rule, load.unit, None)
    return load.model_copy(update={"amount": float(result.new)}), result


def _as_field_type(field: ProgressField, value: Decimal) -> float | int:
    if field in {ProgressField.SETS, ProgressField.REPS, ProgressField.HOLD}:
        return int(value)
    return float(value)


def _apply_to(
    target: Dosage | SideDosage,
    rule: ProgressionRule,
    limit: float | None,
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
    if _short_time(field, _dec(value)):
        result = _step_short_time(_dec(value), rule, limit, saved)
    else:
        result = _step(field, _dec(value), rule, None, limit, saved)
    return {attr: _as_field_type(field, result.new)}, [result]


def apply_change(
    dosage: Dosage,
    rule: ProgressionRule,
    limit: float | None = None,
    saved: Mapping[Part, Decimal] | None = None,
) -> Outcome:
    """One step of a change rule, applied to both sides (and each side's own numbers).

    ``limit`` is the most the amount of work may rise this week, in percent (None: no limit).
    ``saved`` is what earlier weeks of this rule saved up (``Outcome.saved`` of the last
    call); pass it back each week so small rises add up.
    """
    saved = saved or {}
    update, results = _apply_to(dosage, rule, limit, saved.get("", Decimal(0)))
    if not results:
        return Outcome(dosage, changed=False)
    kept = {"": results[0].saved}
    for side in ("left", "right"):
        extra: SideDosage | None = getattr(dosage, side)
        if extra is None:
            continue
        side_update, side_results = _apply_to(extra, rule, limit, saved.get(side, Decimal(0)))
        if side_update:
            update[side] = extra.model_copy(update=side_update)
            results.extend(side_results)
            kept[side] = side_results[0].saved
    new = dosage.model_copy(update=update)
    blocked = any(r.blocked for r in results) and new == dosage
    if blocked and rule.field is ProgressField.SETS and limit is not None:
        traded = _trade(dosage, rule, limit)
        if traded is not None:
            return Outcome(traded, changed=True, limited=True, traded=True)
    return Outcome(
        new,
        changed=new != dosage,
        reached_cap=all(r.reached_cap for r in results) and new != dosage,
        limited=any(r.limited for r in results),
        saved={part: value for part, value in kept.items() if value},
        blocked=blocked,
    )


def has_room(dosage: Dosage, rule: ProgressionRule, limit: float | None) -> bool:
    """Could this rule still make the dose harder (now or, saving up, later)?"""
    if rule.field is None:
        return False
    out = apply_change(dosage, rule, limit, {"": Decimal("0.0001")})
    return out.changed or out.saving


# --- one more set with fewer reps ------------------------------------------------------------


def _trade_one(d: Dosage, rule: ProgressionRule, most: float, limit: float) -> Dosage | None:
    """One side (or the whole dose) with a set more and its reps cut to keep under ``most``;
    the dose itself when the sets are already at their top."""
    cap = rule.cap if isinstance(rule.cap, int | float) else None
    if cap is not None and d.sets >= cap:
        return d
    sets = d.sets + 1
    k = kind(d)
    if k in (VolumeKind.MINUTES, VolumeKind.KM):
        return None
    factor = float(d.hold_s or 1) if k is VolumeKind.HELD_REPS else 1.0
    attr = "hold_s" if k is VolumeKind.HOLD else "reps"
    per_set = math.floor(most / (sets * factor) + 1e-9)
    current = getattr(d, attr) or 0
    # Fewer than this many reps (or seconds) a set could never grow again within the limit
    # (4 reps cannot gain one within 20%), so a trade that low would end the progression.
    least = math.ceil(100 / limit - 1e-9)
    if per_set < min(least, current):
        return None
    return d.model_copy(update={"sets": sets, attr: min(per_set, current)})


def _trade(dosage: Dosage, rule: ProgressionRule, limit: float) -> Dosage | None:
    """Add a set and lower each set's reps (or hold) so the week's volume stays within
    ``limit`` (2 x 12 -> 3 x 9 at 20%); None when no such dose exists."""
    if (rule.step or 0) <= 0 and (rule.percent or 0) <= 0:
        return None
    # The item's volume is its larger side's, so each side may grow up to that limit.
    most = volume(dosage) * (1 + limit / 100)
    if not dosage.per_side:
        traded = _trade_one(dosage, rule, most, limit)
        return None if traded == dosage else traded
    left = _trade_one(dosage.for_side("left"), rule, most, limit)
    right = _trade_one(dosage.for_side("right"), rule, most, limit)
    if left is None or right is None:
        return None
    if left == dosage.for_side("left") and right == dosage.for_side("right"):
        return None
    return with_sides(left, right)
