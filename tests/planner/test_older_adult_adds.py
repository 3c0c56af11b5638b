"""A stretch added by hand for an older client is held as long as a recommended one.

Dosage (shared/clinical-facts.md): stretching holds 10-30 s, 30-60 s for older adults (ACSM,
65 and over). The recommender used the longer hold; a stretch the therapist added from the
library started at the library's 20 s for the same client.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.assessment.model import AssessmentFile
from planner.operations.programmes import add_to_programme, create_programme
from planner.records import ClientDetails
from planner.services import Services

pytestmark = pytest.mark.storage


def _client_born(services: Services, born: str) -> int:
    client = services.clients.create(ClientDetails(name="Mary Byrne"))
    services.assessments.save_new(
        client.id,
        AssessmentFile.model_validate(
            {
                "format": "physio-planner/assessment", "version": 2,
                "client": {"name": "Mary Byrne", "birth_date": born, "sex": "female"},
                "date": "2026-11-30",
            }
        ),
    )  # fmt: skip
    return client.id


@pytest.mark.parametrize(("born", "hold"), [("1950-05-01", 30), ("1990-05-01", 20)])
def test_a_hand_added_stretch_follows_the_clients_age(
    services: Services, born: str, hold: int
) -> None:
    client_id = _client_born(services, born)
    stored = create_programme(
        services, client_id, title="Home", start=dt.date(2026, 12, 7), weeks=4
    ).value
    empty, _ = services.programmes.load(stored.id)

    (after, _version) = add_to_programme(
        services, stored.id, stored.version, empty, ["chair_twist"], client_id=client_id
    ).value

    (item,) = after.items
    assert item.dosage.hold_s == hold
