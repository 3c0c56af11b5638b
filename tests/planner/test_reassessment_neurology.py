"""Neurology that gets worse between two stored assessments is an urgent red flag, whether or
not the therapist ticked it (clinical-facts.md: severe or progressive neurological deficit is
urgent; Added: worsening neurology -> referral)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from exercise_library.vocabulary import Condition, RedFlag
from planner.assessment.model import AssessmentFile
from planner.records import ClientDetails
from planner.safety import client_block
from planner.services import Services

pytestmark = pytest.mark.storage


def _visit(on: str, neuro: dict[str, str]) -> AssessmentFile:
    data: dict[str, Any] = {
        "format": "physio-planner/assessment",
        "version": 2,
        "client": {"name": "Daniel Okafor", "birth_date": "1988-07-30", "sex": "male"},
        "date": on,
        "tests": {"neuro_exam": neuro},
    }
    return AssessmentFile.model_validate(data)


def test_a_leg_that_was_normal_and_is_now_reduced_blocks_as_urgent(services: Services) -> None:
    client = services.clients.create(
        ClientDetails(name="Daniel Okafor", birth_date=date(1988, 7, 30), sex="male")
    )
    services.assessments.save_new(client.id, _visit("2026-01-02", {"left": "normal"}))
    first = services.assessments.context(client.id)
    assert first is not None and not first.red_flags
    services.assessments.save_new(client.id, _visit("2026-01-16", {"left": "reduced"}))
    context = services.assessments.context(client.id)
    assert context is not None
    assert RedFlag.PROGRESSIVE_NEURO_DEFICIT in context.red_flags
    assert Condition.RADICULAR_PAIN in context.conditions
    block = client_block(context, services.settings.policy())
    assert block is not None and "go to the emergency department now, do not wait" in block.reason
