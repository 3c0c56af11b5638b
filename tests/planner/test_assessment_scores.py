"""Questionnaire scores, worked the way the paper forms are scored.

Each case is a client's answers and the score a clinician would write down by hand, including
answers that land exactly on a band boundary and forms with sections left blank.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planner.assessment.analysis import analyse
from planner.assessment.model import AssessmentFile, StartBack
from planner.assessment.scores import (
    OdiBand,
    StartBackRisk,
    odi_score,
    start_back_score,
)
from planner.assessment.thresholds import ClinicalThresholds
from tests.policy import PUBLISHED

QT = PUBLISHED.thresholds.questionnaires


def client_with(**sections: Any) -> AssessmentFile:
    return AssessmentFile.model_validate(
        {
            "client": {"name": "Test Client", "birth_date": "1980-05-05", "sex": "female"},
            "date": date(2024, 3, 1).isoformat(),
            **sections,
        }
    )


# --- Oswestry Disability Index --------------------------------------------------------------


def test_odi_all_sections_answered_is_sum_over_fifty() -> None:
    # 2+2+1+3+2+1+2+1+2+1 = 17 of 50 -> 34% (moderate)
    s = odi_score([2, 2, 1, 3, 2, 1, 2, 1, 2, 1], QT)
    assert s is not None
    assert s.percent == 34.0
    assert s.band is OdiBand.MODERATE
    assert s.answered == 10


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, OdiBand.MINIMAL),
        (10, OdiBand.MINIMAL),  # 20%: top of minimal
        (11, OdiBand.MODERATE),  # 22%
        (20, OdiBand.MODERATE),  # 40%: top of moderate
        (21, OdiBand.SEVERE),  # 42%
        (30, OdiBand.SEVERE),  # 60%: top of severe
        (31, OdiBand.CRIPPLED),  # 62%
        (40, OdiBand.CRIPPLED),  # 80%: top of crippled
        (41, OdiBand.BED_BOUND),  # 82%
        (50, OdiBand.BED_BOUND),  # 100%
    ],
)
def test_odi_bands_at_and_just_past_each_boundary(total: int, band: OdiBand) -> None:
    answers = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    answers += [0] * (10 - len(answers))
    s = odi_score(answers, QT)
    assert s is not None
    assert s.percent == total * 2
    assert s.band is band


def test_odi_blank_section_is_left_out_of_the_denominator() -> None:
    # Nine sections answered, total 18 -> 18 / 45 = 40% (not 36% as if the blank scored 0).
    s = odi_score([2, 2, 2, 2, 2, 2, 2, 2, None, 2], QT)
    assert s is not None
    assert s.percent == 40.0
    assert s.answered == 9
    assert s.band is OdiBand.MODERATE


def test_odi_with_two_blank_sections() -> None:
    # Eight answered, total 17 -> 17 / 40 = 42.5%, which the form rounds to 43: severe.
    s = odi_score([3, 2, 2, 2, 2, 2, 2, 2, None, None], QT)
    assert s is not None
    assert s.percent == 42.5
    assert s.band is OdiBand.SEVERE


def test_odi_just_above_twenty_percent_rounds_back_into_minimal() -> None:
    # Nine answered, total 9 -> 20%; total 10 -> 22.2%. Eight answered, total 8 -> 20%.
    nine = odi_score([1, 1, 1, 1, 1, 1, 1, 1, 1, None], QT)
    assert nine is not None and nine.percent == 20.0 and nine.band is OdiBand.MINIMAL
    ten = odi_score([2, 1, 1, 1, 1, 1, 1, 1, 1, None], QT)
    assert ten is not None and round(ten.percent, 1) == 22.2 and ten.band is OdiBand.MODERATE


def test_odi_left_completely_blank_has_no_score() -> None:
    assert odi_score([None] * 10, QT) is None
    assert analyse(client_with(questionnaires={"odi": [None] * 10}), PUBLISHED).scores.odi is None


def test_odi_bands_follow_clinic_settings() -> None:
    t = ClinicalThresholds.model_validate({"odi_minimal_max": 10})
    s = odi_score([2, 2, 2, 2, 2, 1, 1, 1, 1, 1], t.questionnaires)  # 30%
    assert s is not None and s.band is OdiBand.MODERATE
    s = odi_score([1, 1, 1, 1, 1, 1, 0, 0, 0, 0], t.questionnaires)  # 12%
    assert s is not None and s.band is OdiBand.MODERATE


# --- STarT Back -----------------------------------------------------------------------------


def sb(answers: list[int], bother: str) -> StartBack:
    return StartBack.model_validate({"answers": answers, "bothersomeness": bother})


def test_start_back_low_risk_at_total_three() -> None:
    s = start_back_score(sb([1, 1, 1, 0, 0, 0, 0, 0], "moderately"), QT)
    assert (s.total, s.psychosocial, s.risk) == (3, 0, StartBackRisk.LOW)


def test_start_back_medium_risk_at_total_four_with_low_psychosocial() -> None:
    s = start_back_score(sb([1, 1, 1, 1, 0, 0, 0, 0], "slightly"), QT)
    assert (s.total, s.psychosocial, s.risk) == (4, 0, StartBackRisk.MEDIUM)


def test_start_back_medium_when_psychosocial_is_three() -> None:
    s = start_back_score(sb([1, 0, 0, 0, 1, 1, 1, 0], "not_at_all"), QT)
    assert (s.total, s.psychosocial, s.risk) == (4, 3, StartBackRisk.MEDIUM)


def test_start_back_high_risk_when_psychosocial_reaches_four() -> None:
    s = start_back_score(sb([0, 0, 0, 0, 1, 1, 1, 1], "not_at_all"), QT)
    assert (s.total, s.psychosocial, s.risk) == (4, 4, StartBackRisk.HIGH)


@pytest.mark.parametrize(
    ("bother", "item9"),
    [
        ("not_at_all", 0),
        ("slightly", 0),
        ("moderately", 0),
        ("very_much", 1),
        ("extremely", 1),
    ],
)
def test_start_back_bothersomeness_scores_only_when_very_much_or_extremely(
    bother: str, item9: int
) -> None:
    s = start_back_score(sb([0, 0, 0, 0, 1, 1, 1, 0], bother), QT)
    assert s.total == 3 + item9
    assert s.psychosocial == 3 + item9


def test_start_back_bothersomeness_tips_a_client_into_high_risk() -> None:
    s = start_back_score(sb([1, 1, 0, 0, 1, 1, 0, 1], "very_much"), QT)
    assert (s.total, s.psychosocial, s.risk) == (6, 4, StartBackRisk.HIGH)


def test_start_back_maximum_is_nine_and_five() -> None:
    s = start_back_score(sb([1] * 8, "extremely"), QT)
    assert (s.total, s.psychosocial, s.risk) == (9, 5, StartBackRisk.HIGH)


# --- PSFS, Roland-Morris, NPRS --------------------------------------------------------------


def test_psfs_is_the_mean_of_the_activities() -> None:
    a = client_with(
        questionnaires={
            "psfs": [
                {"activity": "running", "score": 4},
                {"activity": "stairs", "score": 7},
                {"activity": "driving", "score": 8},
            ]
        }
    )
    psfs = analyse(a, PUBLISHED).scores.psfs
    assert psfs is not None
    assert psfs.mean == pytest.approx(19 / 3)
    assert psfs.items == 3


def test_psfs_accepts_up_to_five_activities_and_half_points() -> None:
    items = [{"activity": f"task {n}", "score": s} for n, s in enumerate([2, 3.5, 5, 6, 8.5])]
    psfs = analyse(client_with(questionnaires={"psfs": items}), PUBLISHED).scores.psfs
    assert psfs is not None and psfs.mean == 5.0


def test_roland_morris_counts_ticked_statements() -> None:
    answers = [True] * 7 + [False] * 17
    rm = analyse(
        client_with(questionnaires={"roland_morris": answers}), PUBLISHED
    ).scores.roland_morris
    assert rm is not None and rm.total == 7


def test_roland_morris_none_ticked_is_zero_not_missing() -> None:
    rm = analyse(
        client_with(questionnaires={"roland_morris": [False] * 24}), PUBLISHED
    ).scores.roland_morris
    assert rm is not None and rm.total == 0


def test_pain_ratings_are_reported_as_given() -> None:
    nprs = analyse(client_with(pain={"now": 3, "best": 1, "worst": 6}), PUBLISHED).scores.nprs
    assert nprs is not None
    assert (nprs.now, nprs.best, nprs.worst) == (3, 1, 6)


def test_no_questionnaires_means_no_scores() -> None:
    s = analyse(client_with(), PUBLISHED).scores
    assert (s.odi, s.start_back, s.psfs, s.roland_morris, s.nprs) == (None,) * 5
