"""The library's "safe for the client" filter shows the recommender's safety verdict, exactly.

Before, the filter dropped only listed contraindications while the recommender also ruled out
lying on the back from the second trimester: for the pregnant_t2_disc_herniation fixture, 30
of the 147 exercises the filter called safe were ones the recommender refused (bridge, dead
bug, curl-up). Both now ask planner's single safety verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import RedFlag
from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import recommend
from planner.assessment.thresholds import Referral
from planner.policy import ClinicPolicy
from planner.safety import ClientContext
from tests.planner.test_assessment_properties import clients
from tests.policy import PUBLISHED, policy_with
from ui.library_browser import LibraryBrowser

pytestmark = pytest.mark.gui

ASSESSMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
CAT = builtin_catalogue()


def shown(browser: LibraryBrowser) -> dict[str, str]:
    """Code -> the row's text, for every exercise the list shows."""
    model = browser.model
    return {model.exercise_at(r).code: model.data(model.index(r)) for r in range(model.rowCount())}


@pytest.fixture
def browser(qtbot: QtBot) -> LibraryBrowser:
    widget = LibraryBrowser()
    qtbot.addWidget(widget)
    widget.set_catalogue(CAT)
    return widget


@st.composite
def policies(draw: st.DrawFn) -> ClinicPolicy:
    """The published policy, or one that rules out lying on the back from the first trimester
    and raises a red flag or two to urgent (a clinic may raise levels, never lower them)."""
    overrides: dict[str, object] = {}
    if draw(st.booleans()):
        overrides["pregnancy_no_supine_from_trimester"] = 1
    raised = draw(st.lists(st.sampled_from(list(RedFlag)), unique=True, max_size=2))
    if raised:
        overrides["red_flags"] = {"levels": {flag.value: "urgent" for flag in raised}}
    return policy_with(overrides)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=clients(), policy=policies())
def test_the_filter_shows_the_verdict_the_recommender_applies(
    browser: LibraryBrowser, a: AssessmentFile, policy: ClinicPolicy
) -> None:
    """Issue 11 acceptance: for random clients and policies, the safety verdict the library
    filter shows for each exercise is the one the recommender applies (equipment and
    difficulty filters aside: the browser's own facets are left open)."""
    browser.set_client_context(ClientContext.from_assessment(a), policy)
    r = recommend(a, policy, CAT)
    rows = shown(browser)
    if browser.safe.isChecked():
        assert set(rows) == {code for code, v in r.verdicts.items() if not v.excluded}
    else:  # nothing to judge by: no condition and no red flag that stops exercise
        assert all(not v.excluded for v in r.verdicts.values())
    for code, text in rows.items():
        verdict = r.verdicts[code]
        assert browser.verdicts[code] == verdict
        assert text.endswith(" · take care") == (not verdict.excluded and bool(verdict.cautions))
    # What the recommender offers is shown, with the cautions the list's verdict carries.
    for item in r.exercises + [o for opts in r.options.values() for o in opts]:
        assert item.code in rows
        assert tuple(item.cautions) == browser.verdicts[item.code].cautions


def test_for_the_pregnant_client_with_a_disc_the_filter_and_the_recommender_agree(
    browser: LibraryBrowser,
) -> None:
    a = load_assessment(ASSESSMENTS / "pregnant_t2_disc_herniation.json")
    browser.set_client_context(ClientContext.from_assessment(a), PUBLISHED)
    r = recommend(a, PUBLISHED, CAT)
    rows = shown(browser)
    refused = {code for code in rows if r.verdicts[code].excluded}
    assert refused == set(), "was 30 of 147 before the single verdict"
    assert {"bridge", "dead_bug", "curl_up"}.isdisjoint(rows)
    assert "pregnancy (trimester 2)" in browser.safe.text()
    browser.safe.setChecked(False)
    assert {"bridge", "dead_bug", "curl_up"} <= set(shown(browser))
    browser.search.setText("bridge")
    assert shown(browser)["bridge"].endswith(" · not safe for this client")


def test_a_client_an_urgent_flag_stops_sees_nothing_safe_and_why(
    browser: LibraryBrowser,
) -> None:
    a = load_assessment(ASSESSMENTS / "red_flag_urgent.json")
    browser.set_client_context(ClientContext.from_assessment(a), PUBLISHED)
    assert recommend(a, PUBLISHED, CAT).referral is Referral.URGENT
    assert shown(browser) == {}
    assert "Urgent referral needed" in browser.count.text()


def test_the_detail_pane_gives_the_clients_verdict_first_then_each_conditions_notes(
    browser: LibraryBrowser,
) -> None:
    a = load_assessment(ASSESSMENTS / "pregnant_t2_disc_herniation.json")
    browser.set_client_context(ClientContext.from_assessment(a), PUBLISHED)
    browser.safe.setChecked(False)
    browser.search.setText("happy baby")
    text = " ".join(browser.detail.plain_text().split())
    assert "Not safe for this client: not safe with disc herniation: it bends the spine" in text
    assert "Not for osteoporosis: It bends the spine fully forward." in text
