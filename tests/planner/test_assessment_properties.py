"""Properties that must hold for every client, found by generating many of them.

Whatever the tests show and whatever the client's conditions, nothing offered may carry one of
those conditions as a contraindication or a movement feature the condition matrix excludes for
them (shared/clinical-facts.md, "Contraindications and precautions" and "Added"), and no
exercise lying on the back may be offered from the trimester the clinic's policy names. The
file format must give back exactly what was saved.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import (
    Condition,
    Equipment,
    Imbalance,
    Modality,
    MovementFeature,
    Position,
    RedFlag,
    Side,
)
from planner.assessment.analysis import analyse
from planner.assessment.io import dumps_assessment, parse_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import Recommendation, recommend
from planner.assessment.targeting import pattern
from planner.assessment.thresholds import Referral
from planner.operations.programmes import programme_from_recommendation
from planner.policy import ClinicPolicy
from planner.programme.conflicts import unsafe_items
from planner.safety import ClientContext, exercise_verdict
from planner.safety.matrix import Action, rule_for
from tests.policy import PUBLISHED, policy_with

SIDED = {
    Imbalance.WEAK_LATERAL_TRUNK,
    Imbalance.WEAK_GLUTE_MAX,
    Imbalance.WEAK_GLUTE_MED,
    Imbalance.TIGHT_HIP_FLEXORS,
    Imbalance.TIGHT_HAMSTRINGS,
    Imbalance.HIP_STRENGTH_ASYMMETRY,
    Imbalance.REDUCED_THORACIC_MOBILITY,  # rotation to each side
    Imbalance.NEURAL_SENSITIVITY,  # the leg whose nerve is sensitive
}

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def finite(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


def sided(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={"left": values, "right": values}).filter(bool)


posneg = st.sampled_from(["positive", "negative"])

tests_strategy = st.fixed_dictionaries(
    {},
    optional={
        "trunk_flexor_endurance_s": finite(0, 600),
        "trunk_extensor_endurance_s": finite(0, 240),
        "side_bridge_endurance_s": sided(finite(0, 600)),
        "thomas_test": sided(posneg),
        "active_knee_extension_deficit_deg": sided(finite(0, 90)),
        "straight_leg_raise_deg": sided(finite(0, 120)),
        "trendelenburg": sided(posneg),
        "single_leg_squat": sided(st.sampled_from([1, 2, 3])),
        "hip_abduction_strength": sided(finite(0, 500)),
        "hip_extension_strength": sided(finite(0, 500)),
        "prone_instability_test": posneg,
        "aberrant_movement": st.booleans(),
        "lumbar_flexion_deg": finite(0, 120),
        "lumbar_extension_deg": finite(0, 60),
        # Version 2: the nerve tests and thoracic rotation.
        "slr_reproduces": sided(
            st.sampled_from(["none", "back", "buttock", "thigh", "below_knee"])
        ),
        "slump_test": sided(posneg),
        "crossed_slr": sided(posneg),
        "neuro_exam": sided(st.sampled_from(["normal", "reduced"])),
        "directional_preference": st.sampled_from(
            ["extension", "flexion", "lateral_shift_left", "lateral_shift_right", "none"]
        ),
        "centralises": st.booleans(),
        "thoracic_rotation_deg": sided(finite(0, 90)),
    },
)

running_strategy = st.fixed_dictionaries(
    {"weekly_km": finite(0, 200)},
    optional={
        "weekly_km_last_week": finite(0, 200),
        "weekly_km_4_weeks_ago": finite(0, 200),
        "longest_run_km": finite(0, 60),
        "longest_run_previous_30_days_km": finite(0, 60),
        "shoe_km": finite(0, 2000),
        "surface": st.sampled_from(["road", "trail", "track", "treadmill", "grass", "mixed"]),
        "warm_up": st.booleans(),
        "rest_days_per_week": st.integers(0, 7),
        "cross_training": st.lists(st.sampled_from(["cycling", "swimming", "yoga"]), max_size=2),
    },
)

questionnaires_strategy = st.fixed_dictionaries(
    {},
    optional={
        "odi": st.lists(st.none() | st.integers(0, 5), min_size=10, max_size=10),
        "start_back": st.fixed_dictionaries(
            {
                "answers": st.lists(st.sampled_from([0, 1]), min_size=8, max_size=8),
                "bothersomeness": st.sampled_from(
                    ["not_at_all", "slightly", "moderately", "very_much", "extremely"]
                ),
            }
        ),
        "psfs": st.lists(
            st.fixed_dictionaries(
                {"activity": st.sampled_from(["run", "walk", "lift"]), "score": finite(0, 10)}
            ),
            min_size=1,
            max_size=5,
        ),
        "roland_morris": st.lists(st.booleans(), min_size=24, max_size=24),
    },
)


def pregnancy(draw: st.DrawFn, client: dict[str, Any], day: date) -> None:
    """A pregnancy by its trimester or, as version 2 records it, its due date (anything from
    conception to two weeks past the date)."""
    if draw(st.booleans()):
        client["pregnancy_trimester"] = draw(st.sampled_from([1, 2, 3]))
    else:
        due = day + timedelta(days=draw(st.integers(-14, 280)))
        client["pregnancy_due_date"] = due.isoformat()


@st.composite
def clients(draw: st.DrawFn, *, red_flags: bool = True) -> AssessmentFile:
    birth = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2012, 1, 1)))
    day = birth + timedelta(days=draw(st.integers(12 * 365, 90 * 365)))
    conditions = draw(st.lists(st.sampled_from(list(Condition)), unique=True))
    client: dict[str, Any] = {
        "name": "Generated Client",
        "birth_date": birth.isoformat(),
        "sex": draw(st.sampled_from(["female", "male", "other"])),
        "conditions": conditions,
        "equipment": draw(st.lists(st.sampled_from(list(Equipment)), unique=True)),
        "experience": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
    }
    if Condition.PREGNANCY in conditions:
        pregnancy(draw, client, day)
    data: dict[str, Any] = {
        "client": client,
        "date": day.isoformat(),
        "tests": draw(tests_strategy),
        "questionnaires": draw(questionnaires_strategy),
        "medical_clearance": draw(st.booleans()),
    }
    if red_flags:
        data["red_flags"] = draw(
            st.lists(st.sampled_from(list(RedFlag)), unique=True, max_size=2) | st.just([])
        )
    if draw(st.booleans()):
        data["running"] = draw(running_strategy)
    if draw(st.booleans()):
        data["pain"] = {"now": draw(st.integers(0, 10)), "worst": 10}
    return AssessmentFile.model_validate(data)


# A client with most imbalances, so the safety filters meet many candidate exercises.
MANY_IMBALANCES: dict[str, Any] = {
    "trunk_flexor_endurance_s": 40,
    "trunk_extensor_endurance_s": 50,
    "side_bridge_endurance_s": {"left": 20, "right": 40},
    "thomas_test": {"left": "positive", "right": "negative"},
    "straight_leg_raise_deg": {"left": 50, "right": 55},
    "trendelenburg": {"left": "negative", "right": "positive"},
    "hip_extension_strength": {"left": 10, "right": 20},
    "prone_instability_test": "positive",
    "lumbar_flexion_deg": 30,
}


@st.composite
def clients_with_many_imbalances(draw: st.DrawFn) -> AssessmentFile:
    conditions = draw(st.lists(st.sampled_from(list(Condition)), unique=True, min_size=1))
    client: dict[str, Any] = {
        "name": "Busy Back",
        "birth_date": "1980-01-01",
        "sex": "female",
        "conditions": conditions,
        # Usually everything at home, so equipment does not hide an unsafe exercise.
        "equipment": draw(
            st.just([e.value for e in Equipment if e is not Equipment.NONE])
            | st.lists(st.sampled_from(list(Equipment)), unique=True)
        ),
        "experience": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
    }
    if Condition.PREGNANCY in conditions:
        pregnancy(draw, client, date(2024, 3, 1))
    return AssessmentFile.model_validate(
        {
            "client": client,
            "date": "2024-03-01",
            "tests": MANY_IMBALANCES,
            "running": {"weekly_km": 50, "weekly_km_previous": 20, "warm_up": False},
        }
    )


def everything_offered(r: Recommendation) -> list[Any]:
    return [e.exercise for e in r.exercises] + [
        o.exercise for opts in r.options.values() for o in opts
    ]


def assert_safe(a: AssessmentFile, r: Recommendation, policy: ClinicPolicy = PUBLISHED) -> None:
    ctx = ClientContext.from_assessment(a)
    # What the assessment shows counts too: a radicular presentation, pelvic girdle pain.
    conditions = set(ctx.conditions)
    trimester = ctx.pregnancy_trimester
    supine_from = policy.thresholds.programme.pregnancy_no_supine_from_trimester
    for ex in everything_offered(r):
        assert not (ex.contraindicated_for & conditions), (ex.code, conditions)
        if trimester is not None and trimester >= supine_from:
            assert ex.position is not Position.SUPINE, (ex.code, trimester)
        for condition in conditions:
            for feature in ex.movement_features:
                rule = rule_for(condition, feature, ctx, policy)
                assert rule is None or rule.action is not Action.EXCLUDE, (
                    ex.code,
                    condition.value,
                    feature.value,
                    trimester,
                )


# A clinic may rule out lying on the back from the first trimester instead of the second.
policies = st.sampled_from([1, 2]).map(
    lambda n: policy_with({"pregnancy_no_supine_from_trimester": n})
)


@PROPERTY_SETTINGS
@given(clients())
def test_no_contraindicated_or_unsafe_supine_exercise_for_any_client(a: AssessmentFile) -> None:
    assert_safe(a, recommend(a, PUBLISHED))


@PROPERTY_SETTINGS
@given(clients_with_many_imbalances(), policies)
def test_no_excluded_feature_is_offered_for_any_condition_mix_trimester_or_policy(
    a: AssessmentFile, policy: ClinicPolicy
) -> None:
    r = recommend(a, policy)
    assert r.options  # the filters really had exercises to judge
    assert_safe(a, r, policy)


@PROPERTY_SETTINGS
@given(clients())
def test_programme_shape_holds_for_any_client(a: AssessmentFile) -> None:
    r = recommend(a, PUBLISHED)
    s = PUBLISHED.thresholds.programme
    blocked = r.referral is Referral.URGENT or (
        r.referral in (Referral.PROMPT, Referral.SAME_DAY) and not a.medical_clearance
    )
    assert (r.blocked_reason is not None) == blocked
    if blocked:
        assert r.exercises == [] and r.options == {}
        return
    codes = [e.code for e in r.exercises]
    assert len(codes) == len(set(codes)) and len(codes) <= s.max_exercises
    assert r.estimated_minutes <= PUBLISHED.session_minutes + 1e-6
    warm = [n for n, e in enumerate(r.exercises) if e.exercise.modality is Modality.WARM_UP]
    # Warm-ups open the session (a second one only when it is the one exercise that can cover
    # an imbalance for this client).
    assert warm == list(range(len(warm)))
    for f in r.findings.imbalances:
        assert f.code in r.covered or f.code in r.uncovered
    # Each main finding with an exercise of its own has it aimed at the finding.
    for e in r.all_items:
        assert set(e.primary_for) <= set(e.imbalances)
    # No movement twice for the same purpose.
    patterns = [pattern(e.exercise) for e in r.exercises]
    assert len(patterns) == len(set(patterns))
    for e in r.exercises:
        assert e.reason
        assert set(e.imbalances) <= {f.code for f in r.findings.imbalances}


@PROPERTY_SETTINGS
@given(clients())
def test_findings_are_explained_and_sided_where_the_vocabulary_says(a: AssessmentFile) -> None:
    f = analyse(a, PUBLISHED)
    for i in f.imbalances:
        assert i.evidence
        if i.code in SIDED:
            assert i.side in (Side.LEFT, Side.RIGHT, Side.BOTH)
        else:
            assert i.side is None
    if f.scores.odi is not None:
        assert 0 <= f.scores.odi.percent <= 100


@PROPERTY_SETTINGS
@given(clients())
def test_stored_and_exported_forms_reload_unchanged(a: AssessmentFile) -> None:
    assert AssessmentFile.model_validate(a.model_dump(mode="json")) == a
    assert parse_assessment(dumps_assessment(a), "generated.json") == a


# --- what the assessment shows reaches the verdict through the client context ----------------

NERVE_SIGNS = st.sampled_from(
    [
        {"slr_reproduces": {"left": "below_knee"}},
        {"slr_reproduces": {"right": "thigh"}},
        {"slump_test": {"left": "positive"}},
        {"crossed_slr": {"right": "positive"}},
        {"neuro_exam": {"left": "reduced"}},
    ]
)
RADICULAR_EXCLUDES = {
    MovementFeature.SUSTAINED_HAMSTRING_STRETCH,
    MovementFeature.NEURAL_TENSION,
    MovementFeature.LOADED_FLEXION,
    MovementFeature.END_RANGE_FLEXION,
}


@st.composite
def radicular_clients(draw: st.DrawFn) -> AssessmentFile:
    """A client with any condition mix whose tests show a sensitive nerve root."""
    conditions = draw(st.lists(st.sampled_from(list(Condition)), unique=True))
    client: dict[str, Any] = {
        "name": "Sore Nerve",
        "birth_date": "1985-06-01",
        "sex": draw(st.sampled_from(["female", "male", "other"])),
        "conditions": [c for c in conditions if c is not Condition.RADICULAR_PAIN],
        "equipment": [e.value for e in Equipment if e is not Equipment.NONE],
        "experience": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
    }
    if Condition.PREGNANCY in client["conditions"]:
        pregnancy(draw, client, date(2024, 3, 1))
    return AssessmentFile.model_validate(
        {
            "client": client,
            "date": "2024-03-01",
            "tests": {**MANY_IMBALANCES, **draw(NERVE_SIGNS)},
        }
    )


# Each example recommends from the whole library; fewer examples keep the suite quick.
CONTEXT_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@CONTEXT_SETTINGS
@given(radicular_clients())
def test_a_sensitive_nerve_rules_out_what_stretches_or_loads_it_for_any_client(
    a: AssessmentFile,
) -> None:
    ctx = ClientContext.from_assessment(a)
    assert Condition.RADICULAR_PAIN in ctx.conditions
    r = recommend(a, PUBLISHED)
    assert r.options
    assert_safe(a, r)
    for ex in everything_offered(r):
        assert not (ex.movement_features & RADICULAR_EXCLUDES), ex.code
    assert Imbalance.TIGHT_HAMSTRINGS not in {
        f.code for f in r.findings.imbalances if any("straight-leg" in e for e in f.evidence)
    }


@st.composite
def pregnant_by_due_date(draw: st.DrawFn) -> tuple[AssessmentFile, int]:
    day = date(2024, 3, 1)
    due = day + timedelta(days=draw(st.integers(-14, 280)))
    extra = draw(st.lists(st.sampled_from(list(Condition)), unique=True, max_size=2))
    conditions = sorted({Condition.PREGNANCY, *extra} - {Condition.RADICULAR_PAIN})
    a = AssessmentFile.model_validate(
        {
            "client": {
                "name": "Due Date",
                "birth_date": "1990-01-01",
                "sex": "female",
                "conditions": conditions,
                "pregnancy_due_date": due.isoformat(),
                "equipment": [e.value for e in Equipment if e is not Equipment.NONE],
                "experience": "advanced",
            },
            "date": day.isoformat(),
            "tests": MANY_IMBALANCES,
        }
    )
    return a, draw(st.integers(1, 30))


@CONTEXT_SETTINGS
@given(pregnant_by_due_date(), policies)
def test_a_pregnancy_by_due_date_is_judged_week_by_week(
    case: tuple[AssessmentFile, int], policy: ClinicPolicy
) -> None:
    """No item runs in a week whose trimester rules it out without the check saying so."""
    a, weeks = case
    r = recommend(a, policy)
    if not r.exercises:
        return
    programme = programme_from_recommendation(r.exercises, start=a.date, weeks=weeks)
    ctx = ClientContext.from_assessment(a)
    flagged = {u.key for u in unsafe_items(programme, builtin_catalogue(), ctx, policy)}
    for item in programme.items:
        ex = builtin_catalogue()[item.code]
        for week in programme.item_weeks(item):
            end = a.date + timedelta(days=7 * week - 1)
            if exercise_verdict(ex, ctx.on(end), policy).excluded:
                assert item.key in flagged, (item.code, week, ctx.on(end).pregnancy_trimester)
