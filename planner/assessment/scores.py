"""Questionnaire scores, computed exactly as the published instruments define them.

Scoring rules from shared/clinical-facts.md, "Questionnaires"; the band and risk cut-offs a
clinic may tune come from :mod:`planner.assessment.thresholds.questionnaires`. Percentages are
computed with exact fractions so a score that sits on a band boundary lands in the band the
paper form would give, not one a rounding error picks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from planner.assessment.model import AssessmentFile, Bothersomeness, Pain, Questionnaires, StartBack
from planner.assessment.thresholds.questionnaires import QuestionnaireThresholds
from planner.policy import ClinicPolicy


class OdiBand(StrEnum):
    MINIMAL = "minimal"
    MODERATE = "moderate"
    SEVERE = "severe"
    CRIPPLED = "crippled"
    BED_BOUND = "bed_bound"

    @property
    def label(self) -> str:
        return {
            "minimal": "Minimal disability",
            "moderate": "Moderate disability",
            "severe": "Severe disability",
            "crippled": "Crippled",
            "bed_bound": "Bed-bound or exaggerating",
        }[self.value]


class StartBackRisk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class OdiScore:
    percent: float
    band: OdiBand
    answered: int


@dataclass(frozen=True)
class StartBackScore:
    total: int
    psychosocial: int
    risk: StartBackRisk


@dataclass(frozen=True)
class PsfsScore:
    mean: float
    items: int


@dataclass(frozen=True)
class RolandMorrisScore:
    total: int


@dataclass(frozen=True)
class NprsScore:
    now: int | None
    best: int | None
    worst: int | None


@dataclass(frozen=True)
class Scores:
    odi: OdiScore | None = None
    start_back: StartBackScore | None = None
    psfs: PsfsScore | None = None
    roland_morris: RolandMorrisScore | None = None
    nprs: NprsScore | None = None


def odi_score(answers: list[int | None], t: QuestionnaireThresholds) -> OdiScore | None:
    """Percent = sum / (5 x sections answered) x 100; a blank section drops out of both sides.

    Bands are whole-percent ranges (0-20, 21-40, ...), so the percent is rounded half up to a
    whole number before banding. No answered section means no score.
    """
    given = [a for a in answers if a is not None]
    if not given:
        return None
    exact = Fraction(sum(given) * 100, 5 * len(given))
    whole = math.floor(exact + Fraction(1, 2))
    if whole <= t.odi_minimal_max:
        band = OdiBand.MINIMAL
    elif whole <= t.odi_moderate_max:
        band = OdiBand.MODERATE
    elif whole <= t.odi_severe_max:
        band = OdiBand.SEVERE
    elif whole <= t.odi_crippled_max:
        band = OdiBand.CRIPPLED
    else:
        band = OdiBand.BED_BOUND
    return OdiScore(percent=float(exact), band=band, answered=len(given))


_BOTHERSOME = {Bothersomeness.VERY_MUCH, Bothersomeness.EXTREMELY}


def start_back_score(sb: StartBack, t: QuestionnaireThresholds) -> StartBackScore:
    """Items 1-8 score as answered; item 9 scores 1 only for 'very much' or 'extremely'.

    The psychosocial subscale is items 5-9. Risk: subscale at or above the high cut-off is high
    (checked first, since such a client always has a total above the low cut-off too); a total
    at or below the low cut-off is low; anything else is medium.
    """
    item9 = 1 if sb.bothersomeness in _BOTHERSOME else 0
    total = sum(sb.answers) + item9
    psychosocial = sum(sb.answers[4:8]) + item9
    if psychosocial >= t.start_back_high_min_psychosocial:
        risk = StartBackRisk.HIGH
    elif total <= t.start_back_low_max_total:
        risk = StartBackRisk.LOW
    else:
        risk = StartBackRisk.MEDIUM
    return StartBackScore(total=total, psychosocial=psychosocial, risk=risk)


def psfs_score(q: Questionnaires) -> PsfsScore | None:
    if not q.psfs:
        return None
    return PsfsScore(mean=sum(i.score for i in q.psfs) / len(q.psfs), items=len(q.psfs))


def nprs_score(pain: Pain | None) -> NprsScore | None:
    if pain is None or (pain.now is None and pain.worst is None and pain.best is None):
        return None
    return NprsScore(now=pain.now, best=pain.best, worst=pain.worst)


def compute_scores(a: AssessmentFile, policy: ClinicPolicy) -> Scores:
    q = a.questionnaires
    t = policy.thresholds.questionnaires
    return Scores(
        odi=odi_score(q.odi, t) if q.odi is not None else None,
        start_back=start_back_score(q.start_back, t) if q.start_back is not None else None,
        psfs=psfs_score(q),
        roland_morris=(
            RolandMorrisScore(total=sum(q.roland_morris)) if q.roland_morris is not None else None
        ),
        nprs=nprs_score(a.pain),
    )
