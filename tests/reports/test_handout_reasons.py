"""Why the therapist chose an exercise stays in the app; the client's handout never shows it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.io import load_assessment
from planner.assessment.recommend import recommend
from planner.programme.plan import programme_from_recommendation
from planner.settings import ClinicSettings
from reports.handout import build_handout
from tests.policy import PUBLISHED

CLINIC = ClinicSettings(phone="555 0100")
RUNNER = (
    Path(__file__).resolve().parents[1] / "fixtures" / "assessments" / "runner_left_glute_med.json"
)


def test_recommendation_reasons_are_not_printed_for_the_client() -> None:
    rec = recommend(load_assessment(RUNNER), PUBLISHED)
    programme = programme_from_recommendation(
        rec.exercises, start=dt.date(2026, 1, 5), weeks=4, client="Ana Ribeiro"
    )
    assert all(item.reason for item in programme.items)
    pdf = build_handout(programme, builtin_catalogue(), CLINIC)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ranked" not in text and "safe options" not in text
    for item in programme.items:
        assert (item.reason or "")[:40] not in text


def test_a_pregnant_clients_handout_lists_the_signs_that_stop_exercise() -> None:
    rec = recommend(load_assessment(RUNNER), PUBLISHED)
    programme = programme_from_recommendation(
        rec.exercises[:3], start=dt.date(2026, 1, 5), weeks=4, client="Amara Okafor"
    )

    def text_of(pdf: bytes) -> str:
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    pregnant = text_of(
        build_handout(programme, builtin_catalogue(), CLINIC, conditions=["pregnancy"])
    )
    assert "call your midwife or doctor" in pregnant
    for sign in ("Bleeding", "dizzy", "chest", "calf", "Fluid leaking", "contractions"):
        assert sign in pregnant, sign
    others = text_of(build_handout(programme, builtin_catalogue(), CLINIC))
    assert "midwife" not in others
