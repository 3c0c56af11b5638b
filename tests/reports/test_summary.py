"""The assessment summary as a colleague reads it in a referral letter: red flags first, every
score with its band, every imbalance with the numbers behind it, and what the plan will be."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.assessment.analysis import analyse
from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import recommend
from planner.policy import ClinicPolicy
from planner.programme.files import file_catalogue, read_programme_file
from planner.safety.block import screen_words
from planner.settings import ClinicSettings
from reports.assessment_summary import build_assessment_summary
from tests.policy import PUBLISHED
from tests.reports.conftest import ASSESSMENTS, RUNNER
from tests.reports.reading import ReadPdf, flat, read

PRINTED = dt.date(2024, 4, 10)


@pytest.fixture(scope="module")
def runner() -> AssessmentFile:
    return load_assessment(ASSESSMENTS / "runner_left_glute_med.json")


@pytest.fixture(scope="module")
def runner_summary(runner: AssessmentFile) -> ReadPdf:
    clinic = ClinicSettings(clinic_name="Søren Ødegård Physiotherapy", phone="555 0100")
    return read(
        build_assessment_summary(
            runner, ClinicPolicy.from_settings(clinic), therapist="Sam Lee", printed=PRINTED
        )
    )


def test_scores_carry_their_bands(runner_summary: ReadPdf) -> None:
    text = runner_summary.text
    assert "Oswestry Disability Index 14% (10 of 10 sections answered) Minimal disability" in text
    assert "Patient-Specific Functional Scale mean 6.3 of 10" in text
    assert "Pain (NPRS) now 3/10, best 1/10, worst 6/10" in text


def test_every_imbalance_is_shown_with_its_evidence(
    runner: AssessmentFile, runner_summary: ReadPdf
) -> None:
    findings = analyse(runner, PUBLISHED)
    assert findings.imbalances
    for finding in findings.imbalances:
        side = f" ({finding.side.value})" if finding.side else ""
        assert f"{finding.code.label}{side}" in runner_summary.text
        for evidence in finding.evidence:
            assert flat(evidence) in runner_summary.text, evidence


def test_the_plan_outline_lists_the_recommended_exercises_with_reasons(
    runner: AssessmentFile, runner_summary: ReadPdf
) -> None:
    rec = recommend(runner, PUBLISHED)
    assert rec.exercises
    for e in rec.exercises:
        assert e.exercise.name in runner_summary.text
        assert flat(e.reason) in runner_summary.text
    screened = runner.red_flag_screen
    expected = screen_words(screened.screened_on if screened is not None else None)
    assert f"Referral: {expected}" in flat(runner_summary.text)


def test_an_urgent_red_flag_leads_the_summary_and_blocks_the_plan() -> None:
    urgent = load_assessment(ASSESSMENTS / "red_flag_urgent.json")
    pdf = read(build_assessment_summary(urgent, PUBLISHED, printed=PRINTED))
    first = pdf.pages[0]
    findings = analyse(urgent, PUBLISHED)
    assert first.index(
        "Referral: Urgent: go to the emergency department now, do not wait."
    ) < first.index("Questionnaires")
    words = {"urgent": "URGENT: emergency department now", "prompt": "Refer first (GP)"}
    for flag in findings.red_flags:  # each flag says what its level asks, not the level's code
        assert f"{flag.code.label} ({words[flag.level.value]}): {flat(flag.message)}" in first
    blocked = recommend(urgent, PUBLISHED).blocked_reason
    assert blocked and flat(blocked) in pdf.text
    assert "Plan outline" in pdf.text


def test_a_cleared_prompt_flag_says_the_doctor_has_cleared_the_client() -> None:
    cleared = load_assessment(ASSESSMENTS / "prompt_flag_cleared.json")
    pdf = read(build_assessment_summary(cleared, PUBLISHED, printed=PRINTED))
    assert "Referral: Refer to the GP before treating." in pdf.text
    assert "A doctor has cleared the client (medical clearance recorded)." in pdf.text


def test_conditions_and_the_trimester_are_on_the_record() -> None:
    pregnant = load_assessment(ASSESSMENTS / "pregnant_t2_disc_herniation.json")
    pdf = read(build_assessment_summary(pregnant, PUBLISHED, printed=PRINTED))
    assert "Pregnancy (trimester 2)" in pdf.text
    assert "Disc herniation" in pdf.text


def test_a_programme_replaces_the_recommendation_in_the_outline(runner: AssessmentFile) -> None:
    pf = read_programme_file(RUNNER)
    pdf = read(
        build_assessment_summary(
            runner, PUBLISHED, programme=pf.programme, catalogue=file_catalogue(pf), printed=PRINTED
        )
    )
    assert "Back to running after a flare-up: 8 weeks from 3 March 2025." in pdf.text
    assert "Phase 2, weeks 5–8: Return to run." in pdf.text
    assert "Walk-jog: walk 4 min, jog 2 min then" in pdf.text
    assert "Week 1: 2 sets of 10, hold 3 seconds, 2 days a week: Mon Thu" in pdf.text


def test_names_print_intact_and_user_text_is_never_markup(runner: AssessmentFile) -> None:
    client = runner.client.model_copy(update={"name": "Zoë Łukasiewicz <b>&"})
    odd = runner.model_copy(update={"client": client, "notes": "Tolerates <i>flexion</i> & load"})
    clinic = ClinicSettings(clinic_name="Ñandú <b>&")
    pdf = read(
        build_assessment_summary(
            odd, ClinicPolicy.from_settings(clinic), therapist="Søren Ødegård", printed=PRINTED
        )
    )
    for literal in ("Zoë Łukasiewicz <b>&", "Ñandú <b>&", "Søren Ødegård", "<i>flexion</i> & load"):
        assert literal in pdf.text, literal
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Zoë Łukasiewicz <b>& · Assessment summary" in page
    for font in pdf.fonts():
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
