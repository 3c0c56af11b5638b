"""Ana's progress report six weeks on: which changes matter, how pain behaved at home, and
whether she did the sessions that were planned."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.assessment.compare import compare
from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.errors import UserError
from planner.programme import facts
from planner.programme.files import file_catalogue, read_programme_file
from planner.programme.model import Programme, SessionLog, SessionStatus
from planner.programme.schedule import materialise
from reports.progress_report import build_progress_report, judgement
from tests.policy import PUBLISHED
from tests.reports.conftest import ASSESSMENTS, RUNNER
from tests.reports.reading import read

PRINTED = dt.date(2024, 5, 23)


@pytest.fixture(scope="module")
def first() -> AssessmentFile:
    return load_assessment(ASSESSMENTS / "runner_left_glute_med.json")


@pytest.fixture(scope="module")
def follow_up() -> AssessmentFile:
    return load_assessment(ASSESSMENTS / "runner_follow_up.json")


def test_changes_are_judged_against_the_minimal_important_change(
    first: AssessmentFile, follow_up: AssessmentFile
) -> None:
    pdf = read(build_progress_report([follow_up, first], PUBLISHED, printed=PRINTED))
    text = pdf.text
    # ODI 14% -> 4%: exactly the 10-point minimal important change, so it counts.
    assert "Oswestry Disability Index (%) 14 4 -10 better Important improvement" in text
    # Stairs PSFS 7 -> 9: 2 points, under the 3 needed for one activity.
    assert "PSFS: climbing stairs 7 9 +2 better Smaller than the minimal important change" in text
    for change in compare(first, follow_up, PUBLISHED):
        assert f"{judgement(change)}: {change.mic_rule}" in text
    assert "Changes since the first assessment" in text
    assert "Important improvement: Oswestry Disability Index (%)" in text


def test_scores_and_home_pain_are_drawn_as_charts(
    first: AssessmentFile, follow_up: AssessmentFile
) -> None:
    logs = [
        SessionLog(
            date=dt.date(2024, 4, 15) + dt.timedelta(days=d),
            item="squat",
            status=SessionStatus.DONE,
            pain_during=4,
            pain_next_morning=3,
        )
        for d in range(0, 21, 2)
    ]
    pdf = read(build_progress_report([first, follow_up], PUBLISHED, logs=logs, printed=PRINTED))
    for title in (
        "Oswestry Disability Index (%)",
        "Pain (0–10)",
        "Patient-Specific Functional Scale (mean)",
        "Worst pain logged each day (0–10)",
    ):
        assert title in pdf.text, title
    # The shaded margin and the pain limits are labelled from planner's numbers.
    assert "Too small to matter (under 10 points from the first)" in pdf.text
    assert f"safe ≤ {facts.PAIN_SAFE_MAX}" in pdf.text
    assert f"too much > {facts.PAIN_ACCEPTABLE_MAX}" in pdf.text
    assert "Pain during exercise" in pdf.text and "Pain the next morning" in pdf.text


def test_sessions_planned_against_logged_and_held_progressions(
    first: AssessmentFile, follow_up: AssessmentFile
) -> None:
    pf = read_programme_file(RUNNER)
    programme: Programme = pf.programme
    catalogue = file_catalogue(pf)
    schedule = materialise(programme, catalogue)
    week_one = [d for d in schedule.days if d.week == 1]
    logs = []
    for day in week_one:
        for item in day.items:
            skipped = item.key == "bridge"
            logs.append(
                SessionLog(
                    date=day.date,
                    item=item.key,
                    status=SessionStatus.SKIPPED if skipped else SessionStatus.DONE,
                    pain_during=None if skipped else (6 if item.key == "squat" else 2),
                )
            )
    planned = sum(len(d.items) for d in week_one)
    skipped = sum(1 for d in week_one for i in d.items if i.key == "bridge")
    pdf = read(
        build_progress_report(
            [first, follow_up], PUBLISHED, logs=logs, programme=programme, catalogue=catalogue,
            printed=PRINTED,
        )
    )  # fmt: skip
    assert f"1 {planned} {planned - skipped} 0 {skipped} 0 6/10" in pdf.text
    held = materialise(programme, catalogue, logs).week_of("squat", 2)
    assert held is not None and held.held
    assert "Progressions held back or stepped down" in pdf.text
    assert held.held[0] in pdf.text


def test_one_assessment_says_changes_come_later(first: AssessmentFile) -> None:
    pdf = read(build_progress_report([first], PUBLISHED, printed=PRINTED))
    assert "Only one assessment so far" in pdf.text
    assert "Page 1 of 1" in pdf.pages[0]


def test_assessments_of_two_clients_are_refused(first: AssessmentFile) -> None:
    other = load_assessment(ASSESSMENTS / "red_flag_urgent.json")
    with pytest.raises(UserError, match="different clients"):
        build_progress_report([first, other], PUBLISHED)
    with pytest.raises(UserError, match="at least one assessment"):
        build_progress_report([], PUBLISHED)


def test_fonts_are_embedded_in_charts_too(first: AssessmentFile, follow_up: AssessmentFile) -> None:
    pdf = read(build_progress_report([first, follow_up], PUBLISHED, printed=PRINTED))
    for font in pdf.fonts():
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
