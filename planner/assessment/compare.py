"""Re-assessment: how each score moved, and whether the move is big enough to matter.

A change counts as important when it reaches the minimal important (or detectable) change
published for the instrument; thresholds in :mod:`planner.assessment.thresholds.questionnaires`.
Smaller movements are reported too, but marked as within the noise, so a clinician does not
read a one-point wobble as progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from planner.assessment.model import AssessmentFile
from planner.assessment.scores import compute_scores
from planner.errors import UserError
from planner.policy import ClinicPolicy


class Direction(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


@dataclass(frozen=True)
class ScoreChange:
    score: str  # odi, roland_morris, nprs_now, nprs_worst, psfs, psfs:<activity>, start_back
    label: str
    old: float
    new: float
    change: float
    direction: Direction
    # The minimal important change it was judged against, in the score's points (None: the
    # instrument has no published one and the change is only reported).
    mic: float | None
    important: bool | None
    mic_rule: str


def _x(v: float) -> Fraction:
    return Fraction(repr(float(v)))


def _direction(old: float, new: float, lower_is_better: bool) -> Direction:
    if new == old:
        return Direction.SAME
    return Direction.BETTER if (new < old) == lower_is_better else Direction.WORSE


def _points(
    score: str, label: str, old: float, new: float, mic: float | None, rule: str, lower: bool
) -> ScoreChange:
    change = _x(new) - _x(old)
    important = None if mic is None else abs(change) >= _x(mic)
    return ScoreChange(
        score, label, old, new, float(change), _direction(old, new, lower), mic, important, rule
    )


def same_client(old: AssessmentFile, new: AssessmentFile) -> None:
    o, n = old.client, new.client
    if o.birth_date != n.birth_date or o.name.casefold() != n.name.casefold():
        raise UserError(
            f"these assessments are of different clients ({o.name}, born {o.birth_date}; "
            f"{n.name}, born {n.birth_date}); compare two assessments of the same client"
        )
    if new.date < old.date:
        raise UserError(
            f"the second assessment ({new.date}) is older than the first ({old.date}); "
            "give the earlier one first"
        )


def compare(old: AssessmentFile, new: AssessmentFile, policy: ClinicPolicy) -> list[ScoreChange]:
    """Every score present in both assessments, old to new, in a fixed order."""
    same_client(old, new)
    t = policy.thresholds.questionnaires
    a, b = compute_scores(old, policy), compute_scores(new, policy)
    out: list[ScoreChange] = []
    if a.odi and b.odi:
        out.append(
            _points(
                "odi",
                "Oswestry Disability Index (%)",
                a.odi.percent,
                b.odi.percent,
                t.odi_mic_points,
                f"{t.odi_mic_points:g} points ({t.source('odi_mic_points')})",
                lower=True,
            )
        )
    if a.roland_morris and b.roland_morris:
        out.append(
            _points(
                "roland_morris",
                "Roland-Morris",
                a.roland_morris.total,
                b.roland_morris.total,
                t.roland_morris_mic_points,
                f"{t.roland_morris_mic_points:g} points ({t.source('roland_morris_mic_points')})",
                lower=True,
            )
        )
    if a.nprs and b.nprs:
        for attr, label in (("now", "Pain now (0-10)"), ("worst", "Worst pain (0-10)")):
            before, after = getattr(a.nprs, attr), getattr(b.nprs, attr)
            if before is not None and after is not None:
                out.append(_nprs(f"nprs_{attr}", label, before, after, policy))
    if a.psfs and b.psfs:
        out.append(
            _points(
                "psfs",
                "Patient-Specific Functional Scale (mean)",
                a.psfs.mean,
                b.psfs.mean,
                t.psfs_mic_mean,
                f"{t.psfs_mic_mean:g} points for the mean ({t.source('psfs_mic_mean')})",
                lower=False,
            )
        )
        before_items = {i.activity.casefold(): i for i in old.questionnaires.psfs or []}
        for item in new.questionnaires.psfs or []:
            match = before_items.get(item.activity.casefold())
            if match is not None:
                out.append(
                    _points(
                        f"psfs:{item.activity.casefold()}",
                        f"PSFS: {item.activity}",
                        match.score,
                        item.score,
                        t.psfs_mic_item,
                        f"{t.psfs_mic_item:g} points for one activity "
                        f"({t.source('psfs_mic_item')})",
                        lower=False,
                    )
                )
    if a.start_back and b.start_back:
        out.append(
            _points(
                "start_back",
                "STarT Back total",
                a.start_back.total,
                b.start_back.total,
                None,
                "no published minimal important change; risk group "
                f"{a.start_back.risk.value} -> {b.start_back.risk.value}",
                lower=True,
            )
        )
    return out


def _nprs(score: str, label: str, old: int, new: int, policy: ClinicPolicy) -> ScoreChange:
    """NPRS: important at 2 points or 30% of the first score, whichever is reached."""
    t = policy.thresholds.questionnaires
    change = Fraction(new - old)
    by_points = abs(change) >= _x(t.nprs_mic_points)
    by_percent = old > 0 and abs(change) / old * 100 >= _x(t.nprs_mic_percent)
    return ScoreChange(
        score,
        label,
        old,
        new,
        float(change),
        _direction(old, new, lower_is_better=True),
        t.nprs_mic_points,
        by_points or by_percent,
        f"{t.nprs_mic_points:g} points or {t.nprs_mic_percent:g}% ({t.source('nprs_mic_points')})",
    )
