"""The clinic policy: built once from settings, the same answer wherever it is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.assessment.io import load_assessment
from planner.assessment.recommend import recommend
from planner.assessment.thresholds import Referral
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.records import ClientDetails
from planner.services import Services
from planner.settings import ClinicSettings, upgrade_settings
from tests.policy import PUBLISHED, handout_reason, policy_with

ASSESSMENTS = Path(__file__).parents[1] / "fixtures" / "assessments"
CANCER_URGENT = {"red_flags": {"levels": {"history_of_cancer": "urgent"}}}


def test_a_file_may_raise_a_referral_level_but_never_lower_the_clinics() -> None:
    clinic = policy_with(CANCER_URGENT)
    laxer = clinic.tightened({"red_flags": {"levels": {"history_of_cancer": "prompt"}}}, "x.json")
    assert laxer.referral_level_of("history_of_cancer") is Referral.URGENT
    stricter = PUBLISHED.tightened({"levels": {"new_lump": "urgent"}}, "x.json")
    assert stricter.referral_level_of("new_lump") is Referral.URGENT
    # Other thresholds in the file do apply.
    tuned = clinic.tightened({"lsi_min_percent": 85}, "x.json")
    assert tuned.thresholds.objective.lsi_min_percent == 85
    assert tuned.referral_level_of("history_of_cancer") is Referral.URGENT


def test_a_bad_override_in_a_file_is_named() -> None:
    with pytest.raises(UserError, match=r"x.json: .*lsi_pct: no such clinical threshold"):
        PUBLISHED.tightened({"lsi_pct": 80}, "x.json")


def test_a_clinic_file_brings_its_details_and_only_raises_levels() -> None:
    clinic = policy_with(CANCER_URGENT, phone="555 0100")
    other = ClinicSettings(clinic_name="Elsewhere", phone="555 9999")
    merged = clinic.with_clinic_file(other, "clinic.json")
    assert merged.settings.clinic_name == "Elsewhere" and merged.settings.phone == "555 9999"
    assert merged.referral_level_of("history_of_cancer") is Referral.URGENT


def test_session_length_lives_in_the_settings_and_old_overrides_move_there() -> None:
    old = {"settings_version": 1, "clinical_overrides": {"programme": {"session_minutes": 20}}}
    upgraded = ClinicSettings.model_validate(upgrade_settings(old))
    assert upgraded.session_minutes == 20
    assert upgraded.clinical_overrides == {}
    flat = {"clinical_overrides": {"session_minutes": 45, "lsi_min_percent": 85}}
    upgraded = ClinicSettings.model_validate(upgrade_settings(flat))
    assert upgraded.session_minutes == 45
    assert upgraded.clinical_overrides == {"lsi_min_percent": 85}
    assert ClinicPolicy.from_settings(upgraded).session_minutes == 45


def test_the_print_check_reads_the_clinics_raised_level(services: Services) -> None:
    """A cleared client whose flag the clinic raised to urgent: no programme, no handout."""
    client = services.clients.create(ClientDetails(name="Helen"))
    services.assessments.import_file(ASSESSMENTS / "prompt_flag_cleared.json", client.id)
    assert handout_reason(services, client.id) is None

    settings, version = services.settings.get()
    raised = settings.model_copy(update={"clinical_overrides": CANCER_URGENT})
    services.settings.save(raised, version)

    reason = handout_reason(services, client.id)
    assert reason is not None and reason.startswith("Urgent referral needed (history of cancer)")
    rec = recommend(
        load_assessment(ASSESSMENTS / "prompt_flag_cleared.json"), services.settings.policy()
    )
    assert rec.referral is Referral.URGENT and not rec.exercises
    assert rec.blocked_reason == reason
