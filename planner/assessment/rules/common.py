"""What every imbalance rule shares: the hit it yields and how numbers read in a sentence.

Comparisons use exact decimal fractions of the values as entered, so a result exactly on a
threshold is judged the way the published rule states it (for example "below 1.0" means a ratio
of exactly 1.0 is a finding), not by binary rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from exercise_library.vocabulary import Imbalance, Side
from planner.assessment.model import AssessmentFile
from planner.assessment.thresholds.objective import NormSetCode
from planner.policy import ClinicPolicy


@dataclass(frozen=True)
class Hit:
    imbalance: Imbalance
    side: Side | None
    evidence: str
    # The measurement behind it (a test code, or a ratio or rule built from tests): one
    # measurement supports one finding, and related findings refer to it.
    measurement: str
    # The population norms it was judged against, when it was.
    norm_set: NormSetCode | None = None
    # Its side comes from comparing each side with a population norm, which says less about
    # which side needs the work than an asymmetry or a one-sided test does.
    side_from_norm: bool = False


# A rule reads the assessment under the clinic's policy (thresholds, and units for its words).
Check = Callable[[AssessmentFile, ClinicPolicy], list[Hit]]


def x(value: float) -> Fraction:
    """The value as the decimal the clinician typed (0.05 is 1/20, not its binary neighbour)."""
    return Fraction(repr(float(value)))


SHOWN_MAX = 10_000


def n(value: float | Fraction, places: int = 1) -> str:
    """A number for a sentence: whole numbers without a decimal point.

    Ratios of a near-zero measurement can be astronomically large; past a readable size the
    sentence just says so.
    """
    if value >= SHOWN_MAX:
        return f"over {SHOWN_MAX}"
    v = float(value)
    if v == int(v):
        return str(int(v))
    return f"{v:.{places}f}".rstrip("0").rstrip(".")


def r(ratio: Fraction) -> str:
    if ratio >= SHOWN_MAX:
        return f"over {SHOWN_MAX}"
    return f"{float(ratio):.2f}"


def sides(pair: object) -> list[tuple[Side, object]]:
    if pair is None:
        return []
    out: list[tuple[Side, object]] = []
    for side in (Side.LEFT, Side.RIGHT):
        value = getattr(pair, side.value)
        if value is not None:
            out.append((side, value))
    return out


def cap(side: Side) -> str:
    return side.value.capitalize()
