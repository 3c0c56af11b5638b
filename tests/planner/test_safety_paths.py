"""No excluded exercise reaches a printed handout by any path.

For random clients and clinic policies, each way a programme can come to hold an exercise (a
plan from the assessment, a template, a manual add, an imported file) either leaves out or
refuses every exercise the single safety verdict excludes, or the print check holds the
handout back. Checked on planner's own functions, which the window and the commands call.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import RedFlag
from planner.assessment.model import AssessmentFile
from planner.errors import Refused
from planner.operations.documents import handout_check
from planner.operations.programmes import (
    ClientSafety,
    plan_from_assessment,
    refuse_excluded,
    safe_template,
)
from planner.policy import ClinicPolicy
from planner.programme.defaults import default_item, default_phase
from planner.programme.model import Programme
from planner.programme.templates import apply_template, builtin_templates
from planner.safety import ClientContext, exercise_verdict
from planner.safety.weeks import first_exclusion, week_ends
from planner.settings import ClinicSettings
from tests.planner.test_assessment_properties import clients

CATALOGUE = builtin_catalogue()
CODES = sorted(e.code for e in CATALOGUE)
START = dt.date(2026, 12, 7)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def policies(draw: st.DrawFn) -> ClinicPolicy:
    raised = draw(st.lists(st.sampled_from(list(RedFlag)), unique=True, max_size=3))
    overrides = {
        "red_flags": {"levels": {flag.value: "urgent" for flag in raised}},
        "programme": {
            "pregnancy_no_supine_from_trimester": draw(st.sampled_from([1, 2])),
        },
    }
    return ClinicPolicy.from_settings(ClinicSettings(clinical_overrides=overrides))


def excluded(code: str, ctx: ClientContext, policy: ClinicPolicy) -> bool:
    return exercise_verdict(CATALOGUE[code], ctx, policy).excluded


def printable_items_are_safe(
    programme: Programme, ctx: ClientContext, policy: ClinicPolicy
) -> None:
    """The print check holds the handout back, or no item is excluded in any week it is done
    (a pregnancy with a due date moves on through the trimesters while the programme runs)."""
    if handout_check(programme, CATALOGUE, ctx, policy) is None:
        for item in programme.items:
            days = week_ends(programme.start, programme.item_weeks(item))
            assert first_exclusion(CATALOGUE[item.code], ctx, policy, days) is None, item.code


@PROPERTY
@given(clients(), policies())
def test_a_plan_from_the_assessment_holds_nothing_excluded(
    a: AssessmentFile, policy: ClinicPolicy
) -> None:
    ctx = ClientContext.from_assessment(a)
    try:
        programme = plan_from_assessment(a, policy, CATALOGUE, start=START, weeks=12)
    except Refused:
        return
    assert not [i.code for i in programme.items if excluded(i.code, ctx, policy)]
    printable_items_are_safe(programme, ctx, policy)
    # A plan prints as it is planned: an exercise a pregnancy by due date rules out later
    # stops before that week instead of holding the whole handout back.
    assert handout_check(programme, CATALOGUE, ctx, policy) is None


@PROPERTY
@given(clients(), policies(), st.sampled_from(builtin_templates()))
def test_a_template_leaves_out_what_is_excluded(a, policy, template) -> None:  # type: ignore[no-untyped-def]
    ctx = ClientContext.from_assessment(a)
    kept, _notes = safe_template(template, ClientSafety(ctx, policy, CATALOGUE))
    programme = apply_template(kept, START)
    assert not [i.code for i in programme.items if excluded(i.code, ctx, policy)]


@PROPERTY
@given(clients(), policies(), st.lists(st.sampled_from(CODES), min_size=1, max_size=4))
def test_a_manual_add_is_refused_unless_every_exercise_is_allowed(a, policy, codes) -> None:  # type: ignore[no-untyped-def]
    ctx = ClientContext.from_assessment(a)
    try:
        refuse_excluded(ClientSafety(ctx, policy, CATALOGUE), codes, "Not added")
    except Refused:
        assert any(excluded(c, ctx, policy) for c in codes)
        return
    assert not any(excluded(c, ctx, policy) for c in codes)


@PROPERTY
@given(clients(), policies(), st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True))
def test_an_imported_programme_with_an_excluded_exercise_is_held_back(a, policy, codes) -> None:  # type: ignore[no-untyped-def]
    """A file from elsewhere may hold anything; it cannot be printed while it holds an
    exercise the client's context excludes."""
    ctx = ClientContext.from_assessment(a)
    items = [default_item(CATALOGUE[c], n) for n, c in enumerate(codes, start=1)]
    programme = Programme(title="Imported", start=START, phases=[default_phase(4)], items=items)
    printable_items_are_safe(programme, ctx, policy)
