"""How much work one dose is, and how far it may grow in a week.

An exercise's volume is one number per session: sets x reps (x the hold in seconds when reps
are held), sets x hold seconds for holds, minutes for timed work, km for distance work; for a
dose done per side, the larger side. A programme week repeats the same sessions, so the week's
rise is the session's rise. The clinic caps that rise (shared/clinical-facts.md, "Exercise volume
progression": about 20% a week; running has its own 10% cap on total time or distance); the
caps live in :mod:`planner.assessment.thresholds` and reach the schedule through
:class:`Caps`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from planner.policy import ClinicPolicy
from planner.programme.model import Dosage, SideDosage


class VolumeKind(StrEnum):
    """What a volume counts; two volumes compare only when they count the same thing."""

    REPS = "reps"  # sets x reps
    HELD_REPS = "held_reps"  # sets x reps x hold seconds
    HOLD = "hold"  # sets x hold seconds
    MINUTES = "minutes"  # sets x minutes
    KM = "km"  # sets x km


@dataclass(frozen=True)
class Caps:
    """The clinic's limits on one week's rise, in percent."""

    volume_percent: float
    running_percent: float

    @classmethod
    def of(cls, policy: ClinicPolicy) -> Caps:
        t = policy.thresholds
        return cls(
            volume_percent=t.programme.weekly_volume_rise_max_percent,
            running_percent=t.running.plan_weekly_rise_max_percent,
        )

    def percent(self, running: bool) -> float:
        return self.running_percent if running else self.volume_percent


def kind(dosage: Dosage) -> VolumeKind:
    if dosage.distance_km is not None:
        return VolumeKind.KM
    if dosage.duration_min is not None:
        return VolumeKind.MINUTES
    if dosage.reps is not None:
        return VolumeKind.HELD_REPS if dosage.hold_s is not None else VolumeKind.REPS
    return VolumeKind.HOLD


def _one_side(d: Dosage) -> float:
    k = kind(d)
    if k is VolumeKind.KM:
        return d.sets * (d.distance_km or 0.0)
    if k is VolumeKind.MINUTES:
        return d.sets * (d.duration_min or 0.0)
    if k is VolumeKind.HELD_REPS:
        return float(d.sets * (d.reps or 0) * (d.hold_s or 0))
    if k is VolumeKind.REPS:
        return float(d.sets * (d.reps or 0))
    return float(d.sets * (d.hold_s or 0))


def volume(dosage: Dosage) -> float:
    """One session's volume; for per-side work, the larger side."""
    if dosage.per_side:
        return max(_one_side(dosage.for_side("left")), _one_side(dosage.for_side("right")))
    return _one_side(dosage)


def within(before: Dosage, after: Dosage, percent: float) -> bool:
    """Does ``after`` stay within a ``percent`` rise on ``before`` (when they compare)?"""
    if kind(before) is not kind(after):
        return True
    return volume(after) <= volume(before) * (1 + percent / 100) + 1e-9


def rise_percent(before: Dosage, after: Dosage) -> float | None:
    """The rise in volume from one dose to the next, or None when they do not compare."""
    if kind(before) is not kind(after) or volume(before) == 0:
        return None
    return (volume(after) / volume(before) - 1) * 100


# --- fitting a dose under a volume ----------------------------------------------------------


def with_sides(left: Dosage, right: Dosage) -> Dosage:
    """One per-side dose whose left side does ``left`` and right side ``right``.

    The shared numbers are the left side's; the right side names only what differs.
    """
    shared = left.model_copy(update={"left": None, "right": None, "per_side": True})
    differ = {
        name: getattr(right, name)
        for name in ("sets", "reps", "hold_s", "load")
        if getattr(right, name) != getattr(left, name)
    }
    return shared.model_copy(update={"right": SideDosage(**differ) if differ else None})


def _fit_plain(d: Dosage, most: float) -> Dosage:
    if _one_side(d) <= most + 1e-9:
        return d
    k = kind(d)
    if k in (VolumeKind.MINUTES, VolumeKind.KM):
        attr = "duration_min" if k is VolumeKind.MINUTES else "distance_km"
        step = 0.5 if k is VolumeKind.MINUTES else 0.1
        each = math.floor(most / d.sets / step + 1e-9) * step
        if each >= step:
            return d.model_copy(update={attr: round(each, 2)})
        return d.model_copy(update={"sets": max(1, math.floor(most / (getattr(d, attr) or 1)))})
    held = float(d.hold_s) if k is VolumeKind.HELD_REPS else 1.0
    attr = "reps" if k in (VolumeKind.REPS, VolumeKind.HELD_REPS) else "hold_s"
    fit = math.floor(most / (d.sets * held) + 1e-9)
    if fit >= 1:
        return d.model_copy(update={attr: fit})
    sets = max(1, math.floor(most / held + 1e-9))
    return d.model_copy(update={attr: 1, "sets": sets})


def fit_under(dosage: Dosage, most: float) -> Dosage:
    """The dose with reps (or holds, or time) lowered, then sets, until its volume is at most
    ``most``; used when an item moves on to a harder exercise, which should not also bring
    more work than the week's cap allows."""
    if volume(dosage) <= most + 1e-9:
        return dosage
    if not dosage.per_side:
        return _fit_plain(dosage, most)
    left = _fit_plain(dosage.for_side("left"), most)
    right = _fit_plain(dosage.for_side("right"), most)
    return with_sides(left, right)
