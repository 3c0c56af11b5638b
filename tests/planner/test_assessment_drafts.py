"""Unfinished assessments kept as drafts: stored at once, counted by the safety verdict, gone
when the assessment they became is saved (issue 15: nothing typed is lost)."""

from __future__ import annotations

from datetime import date

import pytest

from exercise_library.vocabulary import RedFlag
from planner.assessment.draft import keep_valid
from planner.assessment.model import AssessmentFile
from planner.records import ClientDetails
from planner.safety import client_block
from planner.services import Services

pytestmark = pytest.mark.storage


def test_a_draft_keeps_its_red_flag_and_blocks_at_once(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Kai Brennan"))
    draft = keep_valid({"red_flags": ["cauda_equina_signs"], "pain": {"now": 11}})
    assert draft.flags == [RedFlag.CAUDA_EQUINA_SIGNS] and draft.left_out
    services.assessments.save_draft(client.id, None, draft, {"Pain now (NPRS 0-10)": "11"})

    stored = services.assessments.draft(client.id)
    assert stored is not None and stored.draft == draft
    assert stored.shown == {"Pain now (NPRS 0-10)": "11"}
    context = services.assessments.context(client.id)
    assert context is not None
    assert client_block(context, services.settings.policy()) is not None


def test_saving_the_assessment_replaces_its_draft_and_the_flags_add_to_the_latest(
    services: Services,
) -> None:
    client = services.clients.create(
        ClientDetails(name="Ana Ribeiro", birth_date=date(1988, 3, 14), sex="female")
    )
    first = AssessmentFile.model_validate(
        {"client": {"name": "Ana Ribeiro", "birth_date": "1988-03-14", "sex": "female"},
         "date": "2026-01-05"}
    )  # fmt: skip
    record = services.assessments.save_new(client.id, first)
    services.assessments.save_draft(
        client.id, record.id, keep_valid({"red_flags": ["history_of_cancer"]})
    )
    context = services.assessments.context(client.id)
    assert context is not None and RedFlag.HISTORY_OF_CANCER in context.red_flags
    assert context.assessed_on == date(2026, 1, 5), "the rest comes from the latest assessment"

    services.assessments.save_existing(record.id, record.version, first)
    assert services.assessments.draft(client.id) is None
    again = services.assessments.context(client.id)
    assert again is not None and not again.red_flags


def test_a_draft_goes_with_its_client(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Kai Brennan"))
    services.assessments.save_draft(client.id, None, keep_valid({"red_flags": []}))
    services.assessments.discard_draft(client.id)
    assert services.assessments.draft(client.id) is None
