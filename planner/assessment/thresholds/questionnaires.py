"""Scoring rules and minimal important changes for the questionnaires.

Values from shared/clinical-facts.md, "Questionnaires". The scoring rules themselves (ODI
percent, STarT Back items) are the published instruments and live in
:mod:`planner.assessment.scores`; what a clinic may tune is here.
"""

from __future__ import annotations

from planner.assessment.thresholds._base import ThresholdGroup, sourced

ODI = "Oswestry Disability Index (Fairbank 2000)"
STARTBACK = "STarT Back Screening Tool (Keele, Hill 2008)"
OSTELO = "Ostelo 2008"


class QuestionnaireThresholds(ThresholdGroup):
    # ODI bands by upper bound of the percent score: 0-20 minimal, 21-40 moderate, 41-60 severe,
    # 61-80 crippled, 81-100 bed-bound or exaggerating.
    odi_minimal_max: float = sourced(20, ODI, "ODI: highest percent in the minimal band")
    odi_moderate_max: float = sourced(40, ODI, "ODI: highest percent in the moderate band")
    odi_severe_max: float = sourced(60, ODI, "ODI: highest percent in the severe band")
    odi_crippled_max: float = sourced(80, ODI, "ODI: highest percent in the crippled band")
    odi_mic_points: float = sourced(10, ODI, "ODI: minimal important change (points)", gt=0)

    # STarT Back: total <= 3 low; psychosocial subscale >= 4 high; otherwise medium.
    start_back_low_max_total: int = sourced(3, STARTBACK, "STarT Back: highest total for low risk")
    start_back_high_min_psychosocial: int = sourced(
        4, STARTBACK, "STarT Back: lowest psychosocial subscale for high risk"
    )

    roland_morris_mic_points: float = sourced(
        5, OSTELO, "Roland-Morris: minimal important change (points)", gt=0
    )
    nprs_mic_points: float = sourced(2, OSTELO, "NPRS: minimal important change (points)", gt=0)
    nprs_mic_percent: float = sourced(
        30, OSTELO, "NPRS: minimal important change (% of the first score)", gt=0
    )
    # PSFS: detectable change 2 points for the mean, 3 for a single activity.
    psfs_mic_mean: float = sourced(2, "PSFS (Stratford 1995)", "PSFS: detectable change (mean)")
    psfs_mic_item: float = sourced(3, "PSFS (Stratford 1995)", "PSFS: detectable change (item)")
