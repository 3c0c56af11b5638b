"""What a handout needs from planner: the clinic's phone, and the optional sections' data."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.assessment.scores import StartBackRisk
from planner.documents import (
    CONTACT_SETTING,
    care_pathway,
    contact_problem,
    require_contact,
    running_advice,
)
from planner.errors import UserError
from planner.operations.documents import HANDOUT, Blocked, DocumentPlan, prepare_document
from planner.records import ClientDetails
from planner.services import Services
from planner.settings import ClinicSettings
from tests.policy import set_clinic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("phone", ["", "   ", "reception", "ask at the desk"])
def test_a_clinic_without_a_phone_number_cannot_print_a_handout(phone: str) -> None:
    problem = contact_problem(ClinicSettings(clinic_name="Ñandú", phone=phone))
    assert problem is not None and f'(setting "{CONTACT_SETTING}")' in problem
    with pytest.raises(UserError, match="phone number"):
        require_contact(ClinicSettings(phone=phone))


@pytest.mark.parametrize("phone", ["023 9200 0000", "+44 (0)23 9200 0000", "555-0100"])
def test_any_number_a_client_can_dial_will_do(phone: str) -> None:
    assert contact_problem(ClinicSettings(phone=phone)) is None
    require_contact(ClinicSettings(phone=phone))


@pytest.mark.storage
def test_preparing_a_handout_names_the_missing_phone_setting(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Ana Ribeiro"))
    programme_id = services.programmes.import_file(
        FIXTURES / "programmes" / "runner_back_to_running.physio.json", client.id
    )
    blocked = prepare_document(services, HANDOUT, client.id, programme_id)
    assert isinstance(blocked, Blocked) and blocked.field == CONTACT_SETTING
    assert "phone number" in blocked.reason
    set_clinic(services, phone="555 0100")
    assert isinstance(prepare_document(services, HANDOUT, client.id, programme_id), DocumentPlan)


def test_only_a_high_risk_client_gets_the_pain_and_movement_section() -> None:
    low = care_pathway(StartBackRisk.LOW).section
    assert low is not None and low.title == "Looking after your back"
    assert care_pathway(StartBackRisk.MEDIUM).section is None
    section = care_pathway(StartBackRisk.HIGH).section
    assert section is not None and section.title == "Pain and movement"
    assert "Pain of 0 to 3 while you exercise is fine." in " ".join(section.sentences())


def test_running_advice_gives_shoe_life_in_the_clinics_unit() -> None:
    assert "Change your running shoes after about 640 to 800 km." in running_advice("km")
    assert "Change your running shoes after about 400 to 500 miles." in running_advice("mi")
    assert "Keep your rest days: do not run on the days your plan leaves free." in running_advice()


def test_running_advice_says_the_clinics_own_weekly_limit() -> None:
    from planner.policy import ClinicPolicy

    policy = ClinicPolicy.from_settings(
        ClinicSettings(clinical_overrides={"plan_weekly_rise_max_percent": 5})
    )
    assert any("no more than 5% a week" in line for line in running_advice("km", policy))
