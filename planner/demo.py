"""A demo clinic: realistic runners with low back pain, for trying the app and for screenshots.

The people are invented. Histories follow the patterns the clinic sees most: a sudden rise in
weekly distance, worn shoes, no warm-up, and hip or trunk weakness.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.records import ClientDetails
from planner.services import Services
from planner.settings import ClinicSettings


@dataclass(frozen=True)
class DemoClient:
    details: ClientDetails


DEMO_CLIENTS: tuple[DemoClient, ...] = (
    DemoClient(
        ClientDetails(
            name="Zoë Łukasiewicz",
            birth_date=date(1988, 4, 12),
            sex="female",
            notes="Half-marathon runner. Low back pain for 6 weeks after raising weekly distance "
            "from 25 to 40 km. Worse on long runs and downhill; eases with walking.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Søren Ødegård",
            birth_date=date(1979, 9, 3),
            sex="male",
            notes="Trail runner, 55 km a week. Right-sided back and buttock ache after long "
            "descents. Shoes about 900 km old. Rarely warms up.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Amara Okafor",
            birth_date=date(1995, 1, 27),
            sex="female",
            notes="New runner (couch to 5 km), 14 weeks pregnant. Dull central back pain after "
            "runs, none at rest. Wants to keep active safely.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Tomás Ñandú Herrera",
            birth_date=date(1969, 6, 30),
            sex="male",
            notes="Masters 10 km runner. Stiff low back in the morning, better after 20 minutes. "
            "Known mild lumbar stenosis; leg ache on long walks.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Priya Raman",
            birth_date=date(2001, 11, 5),
            sex="female",
            notes="University cross-country runner. Pain on back-bending after a block of hill "
            "sprints. Trains 6 days a week with no rest day.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="James O'Connor",
            birth_date=date(1984, 2, 18),
            sex="male",
            notes="Marathon training, 70 km a week. Left hip drop noted by coach; low back pain "
            "from 25 km onwards in long runs.",
        )
    ),
)

DEMO_SETTINGS = ClinicSettings(
    clinic_name="Riverside Physiotherapy",
    address="12 Mill Lane, Riverside",
    phone="01234 567890",
    email="hello@riverside-physio.example",
    qr_url="https://riverside-physio.example/exercises",
)


def create_demo(services: Services) -> list[int]:
    """Add the demo clinic's settings, a clinician and the demo clients; returns client ids."""
    settings, version = services.settings.get()
    if not settings.clinic_name:
        services.settings.save(DEMO_SETTINGS, version)
    if not services.clinicians.list():
        services.clinicians.create("Alex Morgan", registration="PH123456")
    ids = []
    existing = {c.name for c in services.clients.search("", limit=10000)}
    for demo in DEMO_CLIENTS:
        if demo.details.name in existing:
            continue
        ids.append(services.clients.create(demo.details).id)
    return ids
