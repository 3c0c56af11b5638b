"""The red-flag screen: any ticked flag is answered before anything else, in plain words."""

from __future__ import annotations

from typing import Any

import pytest

from exercise_library.vocabulary import RedFlag
from planner.assessment.analysis import analyse
from planner.assessment.model import AssessmentFile
from planner.assessment.thresholds import ClinicalThresholds, Referral
from planner.assessment.thresholds.red_flags import PUBLISHED_LEVELS
from planner.errors import UserError
from planner.policy import ClinicPolicy
from tests.policy import PUBLISHED

URGENT = {
    RedFlag.CAUDA_EQUINA_SIGNS,
    RedFlag.PROGRESSIVE_NEURO_DEFICIT,
    RedFlag.BILATERAL_LEG_SYMPTOMS,
    RedFlag.SEVERE_NEURO_DEFICIT,
    RedFlag.GAIT_DISTURBANCE,
}


def client(flags: list[str], birth: str = "1980-05-05", **extra: Any) -> AssessmentFile:
    return AssessmentFile.model_validate(
        {
            "client": {"name": "Test Client", "birth_date": birth, "sex": "male"},
            "date": "2024-03-01",
            "red_flags": flags,
            **extra,
        }
    )


def test_no_flags_ticked_means_no_referral() -> None:
    f = analyse(client([]), PUBLISHED)
    assert f.referral is Referral.NONE
    assert f.red_flags == []


SAME_DAY = {RedFlag.FEVER_OR_SYSTEMIC_ILLNESS}


@pytest.mark.parametrize("flag", sorted(URGENT))
def test_each_urgent_flag_sends_the_client_to_the_emergency_department_now(flag: RedFlag) -> None:
    f = analyse(client([flag.value]), PUBLISHED)
    assert f.referral is Referral.URGENT
    assert f.red_flags[0].level is Referral.URGENT
    assert f.red_flags[0].message.endswith(
        "The client must go to the emergency department now, do not wait."
    )
    assert "today" not in f.red_flags[0].message


def test_suspected_infection_is_a_same_day_review() -> None:
    f = analyse(client(["fever_or_systemic_illness"]), PUBLISHED)
    assert f.referral is Referral.SAME_DAY
    assert "infection" in f.red_flags[0].message and "today" in f.red_flags[0].message


def test_levels_are_ordered_none_prompt_same_day_urgent() -> None:
    assert [r.value for r in sorted(Referral, key=lambda r: r.rank)] == [
        "none",
        "prompt",
        "same_day",
        "urgent",
    ]


@pytest.mark.parametrize("flag", sorted(set(RedFlag) - URGENT - SAME_DAY))
def test_each_other_flag_means_prompt_referral(flag: RedFlag) -> None:
    f = analyse(client([flag.value]), PUBLISHED)
    assert f.referral is Referral.PROMPT
    assert f.red_flags[0].code is flag


@pytest.mark.parametrize("flag", list(RedFlag))
def test_every_flag_has_its_own_short_plain_message(flag: RedFlag) -> None:
    message = analyse(client([flag.value]), PUBLISHED).red_flags[0].message
    assert 20 < len(message) < 200
    assert message.endswith(".")
    others = {
        analyse(client([o.value]), PUBLISHED).red_flags[0].message for o in RedFlag if o is not flag
    }
    assert message not in others


def test_urgent_flag_outranks_a_prompt_one_and_is_listed_first() -> None:
    f = analyse(client(["night_pain_unrelieved", "cauda_equina_signs"]), PUBLISHED)
    assert f.referral is Referral.URGENT
    assert [r.code for r in f.red_flags] == [
        RedFlag.CAUDA_EQUINA_SIGNS,
        RedFlag.NIGHT_PAIN_UNRELIEVED,
    ]


def test_medical_clearance_does_not_hide_the_flag() -> None:
    f = analyse(client(["history_of_cancer"], medical_clearance=True), PUBLISHED)
    assert f.referral is Referral.PROMPT
    assert f.red_flags[0].code is RedFlag.HISTORY_OF_CANCER


def test_client_over_55_is_reminded_to_consider_the_new_onset_flag() -> None:
    f = analyse(client([], birth="1966-02-28"), PUBLISHED)  # 58 on the day
    assert any("58" in n and "55" in n for n in f.notes)


def test_client_aged_exactly_55_gets_no_reminder() -> None:
    # Born 1969-03-01: 55 on the assessment day; the flag is for over 55.
    assert analyse(client([], birth="1969-03-01"), PUBLISHED).notes == []


def test_client_one_day_short_of_20_gets_the_reminder() -> None:
    f = analyse(client([], birth="2004-03-02"), PUBLISHED)  # 19, turning 20 tomorrow
    assert any("19" in n for n in f.notes)


def test_no_reminder_once_the_flag_is_ticked() -> None:
    f = analyse(client(["age_under_20_or_over_55_new_onset"], birth="1950-01-01"), PUBLISHED)
    assert f.notes == []


def test_clinic_may_raise_a_flag_to_urgent() -> None:
    t = ClinicalThresholds.model_validate({"red_flags": {"levels": {"new_lump": "urgent"}}})
    assert analyse(client(["new_lump"]), ClinicPolicy(thresholds=t)).referral is Referral.URGENT
    # The other flags keep their published level.
    assert t.red_flags.levels[RedFlag.HISTORY_OF_CANCER] is Referral.PROMPT


@pytest.mark.parametrize("flag", list(RedFlag))
def test_clinic_can_never_lower_a_flag(flag: RedFlag) -> None:
    lower = Referral.PROMPT if PUBLISHED_LEVELS[flag] is Referral.URGENT else Referral.NONE
    with pytest.raises(UserError, match=flag.value):
        ClinicalThresholds.from_overrides({"red_flags": {"levels": {flag.value: lower.value}}})


def test_age_cut_offs_follow_clinic_settings() -> None:
    t = ClinicalThresholds.model_validate({"new_onset_age_over": 50})
    f = analyse(client([], birth="1972-01-01"), ClinicPolicy(thresholds=t))  # 52
    assert any("over 50" in n for n in f.notes)
