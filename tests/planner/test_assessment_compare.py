"""Re-assessment: did the client change by enough to matter?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.assessment.compare import Direction, ScoreChange, compare
from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.thresholds import ClinicalThresholds
from planner.errors import UserError
from planner.policy import ClinicPolicy
from tests.policy import PUBLISHED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def visit(day: str, **sections: Any) -> AssessmentFile:
    return AssessmentFile.model_validate(
        {
            "client": {"name": "Ravi Shah", "birth_date": "1975-07-07", "sex": "male"},
            "date": day,
            **sections,
        }
    )


def by_score(changes: list[ScoreChange]) -> dict[str, ScoreChange]:
    return {c.score: c for c in changes}


def test_runner_six_weeks_later() -> None:
    before = load_assessment(FIXTURES / "runner_left_glute_med.json")
    after = load_assessment(FIXTURES / "runner_follow_up.json")
    c = by_score(compare(before, after, PUBLISHED))

    # ODI 14% -> 4%: exactly the 10-point minimal important change.
    assert c["odi"].change == pytest.approx(-10)
    assert c["odi"].important is True and c["odi"].direction is Direction.BETTER
    # Pain now 3 -> 1 (2 points) and worst 6 -> 3: both important.
    assert c["nprs_now"].important is True and c["nprs_now"].direction is Direction.BETTER
    assert c["nprs_worst"].change == -3 and c["nprs_worst"].important is True
    # PSFS mean 6.33 -> 8.67: up 2.33, past the 2-point change; higher is better.
    assert c["psfs"].change == pytest.approx(7 / 3)
    assert c["psfs"].important is True and c["psfs"].direction is Direction.BETTER
    # The running item, matched despite the capital letter: 4 -> 8 passes the 3-point item rule.
    run = c["psfs:running 10 km"]
    assert (run.old, run.new, run.important) == (4, 8, True)
    # Stairs 7 -> 9 is better but within the item's detectable change.
    stairs = c["psfs:climbing stairs"]
    assert stairs.direction is Direction.BETTER and stairs.important is False


def test_odi_change_just_under_ten_points_is_not_important() -> None:
    old = visit("2024-01-10", questionnaires={"odi": [3, 3, 3, 3, 2, 2, 2, 2, 2, 2]})  # 48%
    new = visit("2024-02-10", questionnaires={"odi": [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]})  # 38%
    c = by_score(compare(old, new, PUBLISHED))["odi"]
    assert c.change == pytest.approx(-10) and c.important is True
    newer = visit("2024-02-10", questionnaires={"odi": [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]})  # 40%
    c = by_score(compare(old, newer, PUBLISHED))["odi"]
    assert c.change == pytest.approx(-8) and c.important is False


def test_worse_disability_is_reported_as_worse() -> None:
    old = visit("2024-01-10", questionnaires={"odi": [1] * 10})  # 20%
    new = visit("2024-02-10", questionnaires={"odi": [2] * 10})  # 40%
    c = by_score(compare(old, new, PUBLISHED))["odi"]
    assert c.direction is Direction.WORSE and c.important is True


def test_roland_morris_needs_five_points() -> None:
    old = visit("2024-01-10", questionnaires={"roland_morris": [True] * 12 + [False] * 12})
    five = visit("2024-02-10", questionnaires={"roland_morris": [True] * 7 + [False] * 17})
    four = visit("2024-02-10", questionnaires={"roland_morris": [True] * 8 + [False] * 16})
    assert by_score(compare(old, five, PUBLISHED))["roland_morris"].important is True
    assert by_score(compare(old, four, PUBLISHED))["roland_morris"].important is False


def test_pain_one_point_change_counts_when_it_is_30_percent() -> None:
    # 3 -> 2 is one point but a third of the first score.
    c = by_score(
        compare(
            visit("2024-01-10", pain={"now": 3}), visit("2024-02-10", pain={"now": 2}), PUBLISHED
        )
    )
    assert c["nprs_now"].important is True


def test_pain_one_point_change_from_eight_is_not_important() -> None:
    # 8 -> 7: one point and 12.5%.
    c = by_score(
        compare(
            visit("2024-01-10", pain={"now": 8}), visit("2024-02-10", pain={"now": 7}), PUBLISHED
        )
    )
    assert c["nprs_now"].important is False


def test_pain_two_points_is_important_at_any_level() -> None:
    c = by_score(
        compare(
            visit("2024-01-10", pain={"now": 9}), visit("2024-02-10", pain={"now": 7}), PUBLISHED
        )
    )
    assert c["nprs_now"].important is True


def test_pain_rising_from_zero_counts_by_points_only() -> None:
    c = by_score(
        compare(
            visit("2024-01-10", pain={"now": 0}), visit("2024-02-10", pain={"now": 1}), PUBLISHED
        )
    )
    assert c["nprs_now"].important is False and c["nprs_now"].direction is Direction.WORSE


def test_start_back_change_is_shown_without_a_verdict() -> None:
    sb_old = {"answers": [1, 1, 1, 1, 1, 1, 1, 1], "bothersomeness": "extremely"}
    sb_new = {"answers": [0, 0, 1, 0, 0, 0, 0, 0], "bothersomeness": "slightly"}
    c = by_score(
        compare(
            visit("2024-01-10", questionnaires={"start_back": sb_old}),
            visit("2024-02-10", questionnaires={"start_back": sb_new}),
            PUBLISHED,
        )
    )["start_back"]
    assert (c.old, c.new, c.important, c.mic) == (9, 1, None, None)
    assert "high -> low" in c.mic_rule


def test_only_scores_recorded_both_times_are_compared() -> None:
    old = visit("2024-01-10", questionnaires={"odi": [1] * 10}, pain={"now": 5})
    new = visit("2024-02-10", pain={"now": 3})
    assert [c.score for c in compare(old, new, PUBLISHED)] == ["nprs_now"]


def test_no_change_is_the_same() -> None:
    old = visit("2024-01-10", pain={"now": 4})
    c = by_score(compare(old, visit("2024-02-10", pain={"now": 4}), PUBLISHED))["nprs_now"]
    assert c.direction is Direction.SAME and c.important is False


def test_clinic_can_set_a_stricter_odi_change() -> None:
    t = ClinicalThresholds.model_validate({"odi_mic_points": 15})
    old = visit("2024-01-10", questionnaires={"odi": [3] * 10})  # 60%
    new = visit("2024-02-10", questionnaires={"odi": [2] * 10})  # 40%
    assert by_score(compare(old, new, ClinicPolicy(thresholds=t)))["odi"].important is True
    newer = visit("2024-02-10", questionnaires={"odi": [2, 2, 2, 3, 3, 3, 3, 3, 3, 3]})  # 54%
    assert by_score(compare(old, newer, ClinicPolicy(thresholds=t)))["odi"].important is False


def test_two_different_clients_cannot_be_compared() -> None:
    other = AssessmentFile.model_validate(
        {
            "client": {"name": "Someone Else", "birth_date": "1990-01-01", "sex": "female"},
            "date": "2024-02-10",
        }
    )
    with pytest.raises(UserError, match="different clients"):
        compare(visit("2024-01-10"), other, PUBLISHED)


def test_later_assessment_must_come_second() -> None:
    with pytest.raises(UserError, match="older than the first"):
        compare(visit("2024-02-10"), visit("2024-01-10"), PUBLISHED)
