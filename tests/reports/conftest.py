"""A client's whole plan, a clinic, and the PDFs made from them, shared by the report tests.

The programme is Zoë Łukasiewicz's: twelve exercises over eight weeks in two stages, with a
bridge that moves up its ladder at stage two, a walk-jog ladder that climbs week by week, a
clamshell with an extra set for the weaker left hip, and a squat with a tempo and a weight.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exercise_library.catalogue import Catalogue
from planner.programme.files import file_catalogue, read_programme_file
from planner.programme.model import Programme
from planner.programme.schedule import Schedule, materialise
from planner.settings import ClinicSettings
from reports.handout import build_handout
from tests.reports.reading import ReadPdf, read

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[0] / "fixtures"
TWELVE = HERE / "fixtures" / "twelve_exercises.physio.json"
RUNNER = FIXTURES / "programmes" / "runner_back_to_running.physio.json"
ASSESSMENTS = FIXTURES / "assessments"
PRINTED = dt.date(2026, 1, 5)  # the programme's first Monday


@pytest.fixture(scope="session")
def plan() -> tuple[Programme, Catalogue]:
    pf = read_programme_file(TWELVE)
    return pf.programme, file_catalogue(pf)


@pytest.fixture(scope="session")
def schedule(plan: tuple[Programme, Catalogue]) -> Schedule:
    return materialise(*plan)


@pytest.fixture(scope="session")
def clinic() -> ClinicSettings:
    return ClinicSettings(
        clinic_name="Ñandú Physiotherapy",
        address="4 Harbour Row\nPortsmouth PO1 2AB",
        phone="023 9200 0000",
        email="hello@nandu-physio.example",
        qr_url="https://nandu-physio.example",
    )


@pytest.fixture(scope="session")
def handout(plan: tuple[Programme, Catalogue], clinic: ClinicSettings) -> ReadPdf:
    """The handout as Zoë takes it home on day one, pregnant (so supine cautions apply)."""
    programme, catalogue = plan
    return read(
        build_handout(programme, catalogue, clinic, conditions=["pregnancy"], printed=PRINTED)
    )


# The reference programme of issue 14: six exercises over eight weeks in two stages, at the
# library's doses and default rules, as the app builds one for a client with low back pain.
REFERENCE_CODES = ("cat_cow", "bridge", "clamshell", "dead_bug", "bird_dog", "hamstring_stretch")


def reference_programme(catalogue: Catalogue) -> Programme:
    from planner.programme.defaults import default_item
    from planner.programme.model import Phase, ProgrammeStatus

    return Programme(
        title="A stronger back",
        client="Ana Ribeiro",
        therapist="Søren Ødegård",
        goals=["Walk the dog for an hour", "Lift my toddler without back pain"],
        start=PRINTED,
        status=ProgrammeStatus.ACTIVE,
        review_dates=[dt.date(2026, 2, 2), dt.date(2026, 3, 2)],
        phases=[Phase(name="Calm things down", weeks=4), Phase(name="Build strength", weeks=4)],
        items=[default_item(catalogue[c], n) for n, c in enumerate(REFERENCE_CODES, start=1)],
    )


@pytest.fixture(scope="session")
def reference() -> tuple[Programme, Catalogue]:
    from exercise_library.catalogue import builtin_catalogue

    catalogue = builtin_catalogue()
    return reference_programme(catalogue), catalogue


@pytest.fixture(scope="session")
def reference_clinic() -> ClinicSettings:
    return ClinicSettings(
        clinic_name="Ñandú Physiotherapy",
        address="4 Harbour Row, Portsmouth PO1 2AB",
        phone="023 9200 0000",
    )


@pytest.fixture(scope="session")
def reference_pdfs(
    reference: tuple[Programme, Catalogue], reference_clinic: ClinicSettings
) -> dict[str, ReadPdf]:
    """The reference programme printed on day one, in normal and in large print."""
    programme, catalogue = reference
    return {
        size: read(
            build_handout(
                programme,
                catalogue,
                reference_clinic,
                printed=PRINTED,
                large_print=size == "large",
            )
        )
        for size in ("normal", "large")
    }
