"""Recommendations from the real exercise library, read as clinical cases.

The library keeps growing, so these tests assert what must hold for any library (safety,
coverage, fit, explanations) and name only exercises that are certain to exist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import Condition, Equipment, Imbalance, Modality, Position
from planner.assessment.io import load_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import (
    Recommendation,
    RecommendedExercise,
    estimated_minutes,
    recommend,
)
from planner.assessment.thresholds import ClinicalThresholds, Referral
from planner.policy import ClinicPolicy
from planner.safety import ClientContext
from planner.safety.matrix import Action, rule_for
from tests.policy import PUBLISHED, policy_with

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def fixture(name: str, **changes: Any) -> AssessmentFile:
    raw = json.loads((FIXTURES / f"{name}.json").read_text())
    for dotted, value in changes.items():
        target = raw
        *path, last = dotted.split("__")
        for key in path:
            target = target[key]
        target[last] = value
    return AssessmentFile.model_validate(raw)


def offered(r: Recommendation) -> list[RecommendedExercise]:
    """Everything the therapist is shown as possible: the programme and every ranked option."""
    return r.exercises + [o for opts in r.options.values() for o in opts]


def check_safe_for(r: Recommendation, a: AssessmentFile) -> None:
    """Nothing offered is excluded by the condition matrix or its own file; every caution the
    matrix or the file names for the client's conditions travels with it."""
    conditions = set(a.client.conditions)
    ctx = ClientContext.from_assessment(a)
    for item in offered(r):
        ex = item.exercise
        assert not (ex.contraindicated_for & conditions), f"{ex.code} is contraindicated"
        expected = {
            f"{n.condition.label}: {n.reason}" for n in ex.precautions if n.condition in conditions
        }
        for condition in conditions:
            for feature in ex.movement_features:
                rule = rule_for(condition, feature, ctx, PUBLISHED)
                if rule is None:
                    continue
                assert rule.action is not Action.EXCLUDE, f"{ex.code}: {feature.value}"
                if rule.action is Action.CAUTION:
                    expected.add(f"{condition.label}: {rule.worded(PUBLISHED)}")
        assert set(item.cautions) == expected, f"{ex.code} cautions"
        needs = set(ex.equipment) - {Equipment.NONE}
        assert needs <= set(a.client.equipment), f"{ex.code} needs {needs}"


# --- the runner with a weak left glute med, tight hamstrings and a training-load error ------


@pytest.fixture(scope="module")
def runner() -> AssessmentFile:
    return load_assessment(FIXTURES / "runner_left_glute_med.json")


@pytest.fixture(scope="module")
def runner_plan(runner: AssessmentFile) -> Recommendation:
    return recommend(runner, PUBLISHED)


def test_runner_gets_a_programme(runner_plan: Recommendation) -> None:
    assert runner_plan.referral is Referral.NONE
    assert runner_plan.blocked_reason is None
    assert 6 <= len(runner_plan.exercises) <= 10


def test_runner_programme_covers_every_imbalance_found(runner_plan: Recommendation) -> None:
    found = {f.code for f in runner_plan.findings.imbalances}
    assert found == {
        Imbalance.WEAK_GLUTE_MED,
        Imbalance.TIGHT_HAMSTRINGS,
        Imbalance.HIP_STRENGTH_ASYMMETRY,
        Imbalance.LOAD_MANAGEMENT,
    }
    assert runner_plan.covered == found
    assert runner_plan.uncovered == {}


def test_runner_programme_starts_with_a_warm_up(runner_plan: Recommendation) -> None:
    first = runner_plan.exercises[0]
    assert first.exercise.modality is Modality.WARM_UP
    assert "warm-up" in first.reason
    assert all(e.exercise.modality is not Modality.WARM_UP for e in runner_plan.exercises[1:])


def test_runner_programme_mixes_kinds_of_exercise(runner_plan: Recommendation) -> None:
    assert len({e.exercise.modality for e in runner_plan.exercises}) >= 3


def test_runner_programme_fits_a_30_minute_session(runner_plan: Recommendation) -> None:
    assert runner_plan.session_minutes == 30
    assert 0 < runner_plan.estimated_minutes <= 30
    assert runner_plan.estimated_minutes == pytest.approx(
        sum(
            estimated_minutes(e.exercise, PUBLISHED.thresholds.programme)
            for e in runner_plan.exercises
        )
    )


def test_runner_programme_suits_her_home_and_experience(
    runner: AssessmentFile, runner_plan: Recommendation
) -> None:
    check_safe_for(runner_plan, runner)
    assert all(e.exercise.difficulty <= 3 for e in runner_plan.exercises)
    assert len({e.code for e in runner_plan.exercises}) == len(runner_plan.exercises)


def test_every_choice_says_why(runner_plan: Recommendation) -> None:
    for e in runner_plan.exercises:
        assert e.reason.endswith(".")
        for code in e.imbalances:
            assert code.label.lower() in e.reason


def test_glute_med_options_are_ranked_and_all_target_it(runner_plan: Recommendation) -> None:
    options = runner_plan.options[Imbalance.WEAK_GLUTE_MED]
    assert len(options) >= 3
    assert all(Imbalance.WEAK_GLUTE_MED in o.exercise.imbalances for o in options)
    assert "clamshell" in [o.code for o in options]
    assert options[0].reason.startswith("Option 1 of")
    # Options without a caution come before options with one.
    flags = [bool(o.cautions) for o in options]
    assert flags == sorted(flags)


def test_hamstring_stretch_is_among_the_options_for_tight_hamstrings(
    runner_plan: Recommendation,
) -> None:
    assert "hamstring_stretch" in [o.code for o in runner_plan.options[Imbalance.TIGHT_HAMSTRINGS]]


def test_runner_without_a_bike_is_told_why_cycling_is_not_offered(
    runner_plan: Recommendation,
) -> None:
    excluded = {x.code: x.reason for x in runner_plan.excluded}
    assert "bicycle" in excluded["cycling"]
    assert "cycling" not in [e.code for e in offered(runner_plan)]


def test_runner_with_a_bike_can_be_offered_cycling(runner: AssessmentFile) -> None:
    a = fixture(
        "runner_left_glute_med",
        client__equipment=[*(e.value for e in runner.client.equipment), "bicycle"],
    )
    r = recommend(a, PUBLISHED)
    assert "cycling" in [o.code for o in r.options[Imbalance.LOAD_MANAGEMENT]]


def test_runner_without_a_wall_loses_the_running_warm_up_with_a_reason() -> None:
    r = recommend(
        fixture("runner_left_glute_med", client__equipment=["mat", "step_or_stairs"]), PUBLISHED
    )
    excluded = {x.code: x.reason for x in r.excluded}
    assert "wall" in excluded["dynamic_running_warm_up"]
    assert r.exercises and r.exercises[0].code != "dynamic_running_warm_up"


def test_nothing_excluded_is_offered(runner_plan: Recommendation) -> None:
    excluded = {x.code for x in runner_plan.excluded}
    assert not excluded & {e.code for e in offered(runner_plan)}
    assert all(x.reason for x in runner_plan.excluded)


def test_a_shorter_session_gives_a_shorter_programme(runner: AssessmentFile) -> None:
    r = recommend(runner, PUBLISHED, session_minutes=12)
    assert r.estimated_minutes <= 12
    assert len(r.exercises) < 6
    # What did not fit is said, not silently dropped.
    assert r.uncovered or r.notes


def test_clinic_session_length_is_the_default(runner: AssessmentFile) -> None:
    policy = policy_with(session_minutes=20)
    r = recommend(runner, policy)
    assert r.session_minutes == 20 and r.estimated_minutes <= 20


def test_beginner_is_offered_only_easy_exercises() -> None:
    r = recommend(fixture("runner_left_glute_med", client__experience="beginner"), PUBLISHED)
    assert all(e.exercise.difficulty <= 2 for e in offered(r))
    too_hard = [x for x in r.excluded if "difficulty" in x.reason]
    assert too_hard


def test_an_intermediate_client_is_told_why_a_hard_exercise_is_not_offered_in_plain_english(
    runner_plan: Recommendation,
) -> None:
    # The runner is an intermediate: exercises above difficulty 3 are listed as not offered,
    # and the reason reads as a sentence a clinician would write.
    too_hard = [x.reason for x in runner_plan.excluded if "difficulty" in x.reason]
    assert too_hard
    for reason in too_hard:
        assert "starting level for an intermediate client (up to 3)" in reason, reason
        assert "a intermediate" not in reason


def test_a_beginner_is_still_a_beginner_in_the_not_offered_list() -> None:
    r = recommend(fixture("runner_left_glute_med", client__experience="beginner"), PUBLISHED)
    too_hard = [x.reason for x in r.excluded if "difficulty" in x.reason]
    assert too_hard
    assert all("starting level for a beginner client (up to 2)" in x for x in too_hard)


def test_client_with_no_equipment_gets_equipment_free_exercises() -> None:
    r = recommend(fixture("runner_left_glute_med", client__equipment=[]), PUBLISHED)
    for e in offered(r):
        assert e.exercise.equipment == [Equipment.NONE]


# --- pregnancy ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pregnant() -> AssessmentFile:
    return load_assessment(FIXTURES / "pregnant_t2_disc_herniation.json")


def test_second_trimester_is_never_offered_supine_work(pregnant: AssessmentFile) -> None:
    r = recommend(pregnant, PUBLISHED)
    assert r.exercises
    assert all(e.exercise.position is not Position.SUPINE for e in offered(r))


def test_second_trimester_is_told_why_the_bridge_is_left_out(pregnant: AssessmentFile) -> None:
    r = recommend(pregnant, PUBLISHED)
    excluded = {x.code: x.reason for x in r.excluded}
    assert "lying on the back" in excluded["bridge"]
    assert "trimester 2" in excluded["bridge"]


def test_disc_herniation_and_pregnancy_rule_out_contraindicated_exercises(
    pregnant: AssessmentFile,
) -> None:
    r = recommend(pregnant, PUBLISHED)
    check_safe_for(r, pregnant)
    contra = [
        ex.code
        for ex in builtin_catalogue()
        if ex.contraindicated_for & {Condition.DISC_HERNIATION, Condition.PREGNANCY}
        and set(ex.imbalances) & {f.code for f in r.findings.imbalances}
    ]
    excluded = {x.code: x.reason for x in r.excluded}
    for code in contra:
        assert "not safe with" in excluded[code]


def test_first_trimester_may_do_the_bridge_with_its_caution() -> None:
    a = fixture("pregnant_t2_disc_herniation", client__pregnancy_trimester=1)
    r = recommend(a, PUBLISHED)
    bridge = next(o for o in r.options[Imbalance.WEAK_GLUTE_MAX] if o.code == "bridge")
    # clinical-facts.md, pregnancy: no supine exercise after the first trimester.
    [caution] = [c for c in bridge.cautions if c.startswith("Pregnancy:")]
    assert "from trimester 2" in caution and "on your side" in caution


def test_clinic_may_rule_out_supine_work_from_the_first_trimester() -> None:
    a = fixture("pregnant_t2_disc_herniation", client__pregnancy_trimester=1)
    t = ClinicalThresholds.model_validate({"pregnancy_no_supine_from_trimester": 1})
    r = recommend(a, ClinicPolicy(thresholds=t))
    assert all(e.exercise.position is not Position.SUPINE for e in offered(r))


# --- red flags ------------------------------------------------------------------------------


def test_urgent_flag_blocks_every_recommendation_even_with_clearance() -> None:
    a = load_assessment(FIXTURES / "red_flag_urgent.json")
    assert a.medical_clearance is True
    r = recommend(a, PUBLISHED)
    assert r.referral is Referral.URGENT
    assert r.exercises == [] and r.excluded == [] and r.options == {}
    assert r.blocked_reason is not None
    assert "cauda equina" in r.blocked_reason
    assert "go to the emergency department now, do not wait" in r.blocked_reason


def test_prompt_flag_without_clearance_blocks_and_says_what_to_do() -> None:
    r = recommend(load_assessment(FIXTURES / "prompt_flag_not_cleared.json"), PUBLISHED)
    assert r.referral is Referral.PROMPT
    assert r.exercises == []
    assert r.blocked_reason is not None
    assert "history of cancer" in r.blocked_reason and "clearance" in r.blocked_reason


def test_prompt_flag_with_clearance_gets_a_safe_programme() -> None:
    a = load_assessment(FIXTURES / "prompt_flag_cleared.json")
    r = recommend(a, PUBLISHED)
    assert r.referral is Referral.PROMPT and r.blocked_reason is None
    assert 6 <= len(r.exercises) <= 10
    assert any("cleared" in n for n in r.notes)
    # She has osteoporosis: nothing that rules it out.
    check_safe_for(r, a)


# --- a client with nothing to fix ---------------------------------------------------------


def test_client_without_imbalances_gets_a_general_programme() -> None:
    a = AssessmentFile.model_validate(
        {
            "client": {
                "name": "Well Person",
                "birth_date": "1985-01-01",
                "sex": "male",
                "equipment": ["mat", "resistance_band", "wall"],
                "experience": "intermediate",
            },
            "date": "2024-03-01",
        }
    )
    r = recommend(a, PUBLISHED)
    assert r.findings.imbalances == [] and r.uncovered == {}
    assert 6 <= len(r.exercises) <= 10
    assert r.exercises[0].exercise.modality is Modality.WARM_UP
    assert any("No imbalance was found" in e.reason for e in r.exercises)
    assert r.estimated_minutes <= 30
