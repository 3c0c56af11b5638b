"""Clinical cases, one row each, written from shared/clinical-facts.md.

Each row is a client a physiotherapist might see, what the facts say about them (quoted in
``fact``), and what the app must conclude: the imbalances and their sides, the norms named, the
referral and its wording, the care pathway and what the safety rules are told about the client.
The rows were written from the facts, not from the app's output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from exercise_library.vocabulary import Condition
from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.safety import ClientContext, client_block
from tests.policy import PUBLISHED, policy_with

NO_PATHWAY = "none"


@dataclass(frozen=True)
class Case:
    id: str
    fact: str
    client: dict[str, Any] = field(default_factory=dict)
    tests: dict[str, Any] = field(default_factory=dict)
    running: dict[str, Any] | None = None
    red_flags: tuple[str, ...] = ()
    cleared: bool = False
    start_back: tuple[list[int], str] | None = None
    previous_tests: dict[str, Any] | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    # imbalance code -> side ("left", "right", "both" or None for an unsided one)
    has: dict[str, str | None] = field(default_factory=dict)
    lacks: tuple[str, ...] = ()
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_in_evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    norm_set: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    referral: str | None = None
    flag_message: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pathway: str | None = None
    in_context: tuple[str, ...] = ()
    not_in_context: tuple[str, ...] = ()
    context_flags: tuple[str, ...] = ()
    trimester_on: dict[str, int] = field(default_factory=dict)
    # words the client-level block must say ("" for no block at all)
    block: tuple[str, ...] | None = None

    def assessment(self, tests: dict[str, Any] | None = None, on: str = "2026-01-05") -> Any:
        client = {"name": "Case Client", "birth_date": "1988-04-02", "sex": "female"}
        data: dict[str, Any] = {
            "format": "physio-planner/assessment",
            "version": 2,
            # A None value leaves the field out of the file (not recorded).
            "client": {k: v for k, v in {**client, **self.client}.items() if v is not None},
            "date": on,
            "red_flags": list(self.red_flags),
            "tests": self.tests if tests is None else tests,
        }
        if self.cleared:
            data["medical_clearance"] = {"by": "Dr Ames", "date": on}
        if self.running is not None:
            data["running"] = {"weekly_km": 30, **self.running}
        if self.start_back is not None:
            answers, bother = self.start_back
            data["questionnaires"] = {"start_back": {"answers": answers, "bothersomeness": bother}}
        return AssessmentFile.model_validate(data)


SLR = "Added: a positive SLR or slump test means neural sensitivity, not short hamstrings"
HAM = "Added: hamstring length is judged only when the SLR reproduces no leg symptoms (or AKE)"
CROSSED = "Added: crossed SLR is specific for disc herniation"
RADICULAR = "Added: radicular presentation (neural sensitivity, pain below the knee, reduced neuro)"
WORSE = "Added: worsening neurology -> referral; Red flags: progressive neurological deficit"
NORMS = "Added: trunk endurance norms by population (McGill 1999 men/women; Evans 2007 athletes)"
RATIOS = "Added: side bridge:extension above 0.75 and flexion:extension at or above 1.0 point at "
RATIOS += "relatively weak extensors"
SIDEBRIDGE = (
    "Objective tests: side bridge R:L within 0.05 of 1.0; an asymmetry names the weaker side"
)
LSI = "Objective tests: limb symmetry index < 90% flags an asymmetry (one measurement, one finding)"
NIELSEN = "Running load: Nielsen 2014, >30% rise from one week to the next"
FOUR_WEEKS = "Running load: a 4-weekly comparison needs its own threshold"
FRANDSEN = "Running load: a single run >110% of the longest in the previous 30 days"
SHOES = "Running shoes: replace at about 640-800 km (seed articles)"
STARTBACK = "Added: STarT Back stratified care (Hill 2011)"
THORACIC = "Vocabulary: reduced_thoracic_mobility, thoracic rotation limited"
PREGNANCY = "Contraindications: pregnancy, no supine exercise after the first trimester"
MCKENZIE = "Added: directional preference (McKenzie), exercises in that direction (Long 2004)"
CAUDA = "Added: suspected cauda equina: the emergency department straight away (GIRFT 2023)"
INFECTION = "Added: suspected spinal infection (fever with back pain) is a same-day review"
EMERGENCY = "go to the emergency department now, do not wait"

CASES: list[Case] = [
    # --- radicular vs hamstring tightness -------------------------------------------------
    Case(
        "slr_below_knee_is_the_nerve",
        SLR,
        tests={
            "straight_leg_raise_deg": {"left": 38, "right": 82},
            "slr_reproduces": {"left": "below_knee", "right": "none"},
        },
        has={"neural_sensitivity": "left"},
        lacks=("tight_hamstrings",),
        in_context=("radicular_pain",),
    ),
    Case(
        "slr_thigh_symptoms_are_the_nerve",
        SLR,
        tests={"straight_leg_raise_deg": {"right": 55}, "slr_reproduces": {"right": "thigh"}},
        has={"neural_sensitivity": "right"},
        lacks=("tight_hamstrings",),
        in_context=("radicular_pain",),
    ),
    Case(
        "symptom_free_slr_is_hamstring_length",
        HAM,
        tests={"straight_leg_raise_deg": {"left": 60}, "slr_reproduces": {"left": "none"}},
        has={"tight_hamstrings": "left"},
        lacks=("neural_sensitivity",),
        not_in_context=("radicular_pain",),
    ),
    Case(
        "slr_with_back_pain_only_is_still_hamstring_length",
        HAM,
        tests={
            "straight_leg_raise_deg": {"left": 62, "right": 64},
            "slr_reproduces": {"left": "back", "right": "back"},
        },
        has={"tight_hamstrings": "both"},
        lacks=("neural_sensitivity",),
    ),
    Case(
        "positive_slump_is_the_nerve",
        SLR + " (Majlesi 2008 for slump)",
        tests={
            "straight_leg_raise_deg": {"right": 80},
            "slump_test": {"right": "positive", "left": "negative"},
        },
        has={"neural_sensitivity": "right"},
        evidence={"neural_sensitivity": ("slump test is positive",)},
        in_context=("radicular_pain",),
    ),
    Case(
        "crossed_slr_points_at_a_disc",
        CROSSED,
        tests={"crossed_slr": {"left": "positive"}},
        has={"neural_sensitivity": "left"},
        evidence={"neural_sensitivity": ("disc herniation",)},
    ),
    Case(
        "ake_still_judges_hamstrings_beside_a_sensitive_nerve",
        HAM,
        client={"sex": "male"},
        tests={
            "straight_leg_raise_deg": {"left": 40},
            "slr_reproduces": {"left": "below_knee"},
            "active_knee_extension_deficit_deg": {"left": 35, "right": 10},
        },
        has={"neural_sensitivity": "left", "tight_hamstrings": "left"},
        evidence={"tight_hamstrings": ("active knee extension",)},
        not_in_evidence={"tight_hamstrings": ("straight-leg raise",)},
    ),
    Case(
        "unrecorded_slr_beside_pain_below_the_knee_is_not_read_as_muscle",
        HAM,
        tests={"straight_leg_raise_deg": {"left": 50, "right": 80}},
        red_flags=("pain_radiating_below_knee",),
        cleared=True,
        lacks=("tight_hamstrings", "neural_sensitivity"),
        notes=("not recorded",),
        in_context=("radicular_pain",),
    ),
    Case(
        "unrecorded_slr_without_leg_symptoms_reads_as_hamstrings",
        HAM,
        tests={"straight_leg_raise_deg": {"left": 50, "right": 52}},
        has={"tight_hamstrings": "both"},
        not_in_context=("radicular_pain",),
    ),
    Case(
        "reduced_neuro_exam_is_a_radicular_presentation",
        RADICULAR,
        tests={"neuro_exam": {"left": "reduced", "right": "normal"}},
        in_context=("radicular_pain",),
        lacks=("neural_sensitivity",),
    ),
    Case(
        "worse_neurology_than_last_time_is_urgent",
        WORSE,
        tests={"neuro_exam": {"left": "reduced", "right": "normal"}},
        previous_tests={"neuro_exam": {"left": "normal", "right": "normal"}},
        referral="urgent",
        context_flags=("progressive_neuro_deficit",),
        flag_message={"progressive_neuro_deficit": ("normal on", "emergency department")},
    ),
    Case(
        "the_same_reduced_neurology_is_not_worse",
        WORSE,
        tests={"neuro_exam": {"left": "reduced"}},
        previous_tests={"neuro_exam": {"left": "reduced"}},
        referral="none",
    ),
    # --- norms by sex and athlete status --------------------------------------------------
    Case(
        "man_judged_by_mens_norms",
        NORMS,
        client={"sex": "male"},
        tests={"trunk_flexor_endurance_s": 140},
        has={"weak_trunk_flexors": None},
        evidence={"weak_trunk_flexors": ("144 s", "McGill 1999")},
        norm_set={"weak_trunk_flexors": "mcgill_1999_men"},
    ),
    Case(
        "woman_judged_by_womens_norms",
        NORMS,
        tests={"trunk_extensor_endurance_s": 180},
        has={"weak_trunk_extensors": None},
        evidence={"weak_trunk_extensors": ("189 s", "women")},
        norm_set={"weak_trunk_extensors": "mcgill_1999_women"},
    ),
    Case(
        "a_man_above_his_norm_is_not_weak_though_below_athletes",
        NORMS,
        client={"sex": "male"},
        tests={
            "trunk_flexor_endurance_s": 150,
            "side_bridge_endurance_s": {"left": 98, "right": 98},
        },
        lacks=("weak_trunk_flexors", "weak_lateral_trunk"),
    ),
    Case(
        "trained_athlete_judged_by_athlete_norms",
        NORMS,
        client={"sex": "male", "trained_athlete": True},
        tests={"trunk_flexor_endurance_s": 150},
        has={"weak_trunk_flexors": None},
        evidence={"weak_trunk_flexors": ("224 s", "Evans 2007")},
        norm_set={"weak_trunk_flexors": "evans_2007_athletes"},
    ),
    Case(
        "clinic_may_choose_athlete_norms_for_everyone",
        NORMS + " (a clinic setting to choose)",
        tests={"trunk_flexor_endurance_s": 200},
        overrides={"trunk_norms": "athletes"},
        has={"weak_trunk_flexors": None},
        norm_set={"weak_trunk_flexors": "evans_2007_athletes"},
    ),
    Case(
        "sex_not_recorded_uses_the_set_that_flags_less_and_says_so",
        NORMS,
        client={"sex": "other"},
        tests={"trunk_flexor_endurance_s": 100, "trunk_extensor_endurance_s": 150},
        has={"weak_trunk_flexors": None},
        lacks=("weak_trunk_extensors",),
        evidence={"weak_trunk_flexors": ("sex not recorded", "flag less")},
        norm_set={"weak_trunk_flexors": "mcgill_1999_men"},
    ),
    Case(
        "sex_left_out_of_the_file_uses_the_set_that_flags_less",
        NORMS,
        client={"sex": None},
        tests={"trunk_flexor_endurance_s": 100, "trunk_extensor_endurance_s": 150},
        has={"weak_trunk_flexors": None},
        lacks=("weak_trunk_extensors",),
        evidence={"weak_trunk_flexors": ("sex not recorded",)},
    ),
    Case(
        "sex_not_recorded_side_bridges_judged_by_the_lenient_set",
        NORMS,
        client={"sex": "other"},
        tests={
            "trunk_extensor_endurance_s": 200,
            "side_bridge_endurance_s": {"left": 80, "right": 80},
        },
        lacks=("weak_lateral_trunk", "weak_trunk_extensors"),
    ),
    # --- ratios on the relatively weak side -----------------------------------------------
    Case(
        "side_bridge_extension_ratio_blames_the_extensors",
        RATIOS,
        client={"sex": "male"},
        tests={
            "trunk_extensor_endurance_s": 150,
            "side_bridge_endurance_s": {"left": 120, "right": 120},
        },
        has={"weak_trunk_extensors": None},
        lacks=("weak_lateral_trunk",),
        evidence={"weak_trunk_extensors": ("side bridge:extension ratio is 0.80",)},
    ),
    Case(
        "flexion_extension_ratio_blames_the_extensors",
        RATIOS,
        client={"sex": "male"},
        tests={"trunk_flexor_endurance_s": 165, "trunk_extensor_endurance_s": 150},
        has={"weak_trunk_extensors": None},
        lacks=("weak_trunk_flexors",),
        evidence={"weak_trunk_extensors": ("Flexion:extension endurance ratio is 1.10",)},
    ),
    # --- asymmetry sides ------------------------------------------------------------------
    Case(
        "asymmetry_below_norm_on_both_sides_names_the_weaker",
        SIDEBRIDGE,
        tests={"side_bridge_endurance_s": {"left": 50, "right": 70}},
        has={"weak_lateral_trunk": "left"},
        evidence={"weak_lateral_trunk": ("The left side is weaker",)},
    ),
    Case(
        "asymmetry_on_the_right",
        SIDEBRIDGE,
        tests={"side_bridge_endurance_s": {"left": 80, "right": 60}},
        has={"weak_lateral_trunk": "right"},
    ),
    Case(
        "symmetric_and_below_norm_on_both_sides_is_both",
        SIDEBRIDGE,
        tests={"side_bridge_endurance_s": {"left": 60, "right": 60}},
        has={"weak_lateral_trunk": "both"},
    ),
    # --- one measurement, one finding -----------------------------------------------------
    Case(
        "hip_abduction_asymmetry_is_one_finding_the_other_refers",
        LSI,
        tests={"hip_abduction_strength": {"left": 14.5, "right": 20}},
        has={"weak_glute_med": "left", "hip_strength_asymmetry": "left"},
        evidence={
            "weak_glute_med": ("72.5% on the left",),
            "hip_strength_asymmetry": ("same hip abduction strength measurement",),
        },
        not_in_evidence={"hip_strength_asymmetry": ("72.5%",)},
    ),
    Case(
        "hip_extension_asymmetry_is_weak_glute_max_on_the_weaker_side",
        LSI,
        tests={"hip_extension_strength": {"left": 20, "right": 17}},
        has={"weak_glute_max": "right", "hip_strength_asymmetry": "right"},
        not_in_evidence={"hip_strength_asymmetry": ("85%",)},
    ),
    # --- running load, like with like -----------------------------------------------------
    Case(
        "week_to_week_rise_over_30_percent",
        NIELSEN,
        running={"weekly_km": 27, "weekly_km_last_week": 20},
        has={"load_management": None},
        evidence={"load_management": ("35% more than last week", "Nielsen 2014")},
    ),
    Case(
        "week_to_week_rise_of_25_percent_is_fine",
        NIELSEN,
        running={"weekly_km": 25, "weekly_km_last_week": 20},
        lacks=("load_management",),
    ),
    Case(
        "four_week_jump_judged_by_its_own_rule",
        FOUR_WEEKS,
        running={"weekly_km": 95, "weekly_km_4_weeks_ago": 60},
        has={"load_management": None},
        evidence={"load_management": ("week 4 weeks ago (60 -> 95 km)",)},
        not_in_evidence={"load_management": ("Nielsen", "one week to the next")},
    ),
    Case(
        "forty_percent_over_four_weeks_is_within_its_rule",
        FOUR_WEEKS,
        running={"weekly_km": 42, "weekly_km_4_weeks_ago": 30},
        lacks=("load_management",),
    ),
    Case(
        "one_long_run_beyond_the_last_30_days",
        FRANDSEN,
        running={"longest_run_km": 24, "longest_run_previous_30_days_km": 20},
        has={"load_management": None},
        evidence={"load_management": ("20% more than the longest of the 30 days before",)},
    ),
    Case(
        "a_long_run_10_percent_longer_is_fine",
        FRANDSEN,
        running={"longest_run_km": 22, "longest_run_previous_30_days_km": 20},
        lacks=("load_management",),
    ),
    Case(
        "shoes_at_700_km_are_due",
        SHOES,
        running={"shoe_km": 700},
        has={"load_management": None},
        evidence={"load_management": ("within the 640-800 km replacement range",)},
    ),
    Case(
        "shoes_at_600_km_are_fine",
        SHOES,
        running={"shoe_km": 600},
        lacks=("load_management",),
    ),
    # --- stratified care ------------------------------------------------------------------
    Case(
        "start_back_low_risk_is_the_low_pathway",
        STARTBACK + ": low risk -> advice, reassurance and self-management",
        start_back=([1, 0, 0, 1, 0, 0, 1, 0], "moderately"),
        pathway="low",
    ),
    Case(
        "start_back_medium_risk_is_physiotherapist_led_exercise",
        STARTBACK + ": medium -> physiotherapist-led exercise",
        start_back=([1, 1, 1, 1, 0, 1, 0, 0], "slightly"),
        pathway="medium",
    ),
    Case(
        "start_back_high_risk_is_psychologically_informed",
        STARTBACK + ": high -> psychologically informed physiotherapy",
        start_back=([1, 1, 1, 1, 1, 0, 1, 1], "very_much"),
        pathway="high",
    ),
    Case("no_start_back_no_pathway", STARTBACK, pathway=NO_PATHWAY),
    # --- thoracic mobility, directional preference, pregnancy by date ---------------------
    Case(
        "limited_thoracic_rotation",
        THORACIC,
        tests={"thoracic_rotation_deg": {"left": 30, "right": 50}},
        has={"reduced_thoracic_mobility": "left"},
    ),
    Case(
        "directional_preference_is_carried_to_the_findings",
        MCKENZIE,
        tests={"directional_preference": "extension", "centralises": True},
    ),
    # --- emergency wording ----------------------------------------------------------------
    Case(
        "cauda_equina_sends_the_client_to_the_emergency_department_now",
        CAUDA,
        red_flags=("cauda_equina_signs",),
        cleared=True,
        referral="urgent",
        flag_message={"cauda_equina_signs": (EMERGENCY, "sexual function")},
        block=(EMERGENCY,),
    ),
    Case(
        "bilateral_leg_symptoms_are_urgent_too",
        "Red flags: urgent: bilateral sciatica",
        red_flags=("bilateral_leg_symptoms", "history_of_cancer"),
        referral="urgent",
        flag_message={"bilateral_leg_symptoms": (EMERGENCY,)},
        block=(EMERGENCY,),
    ),
    Case(
        "fever_is_a_same_day_review",
        INFECTION,
        red_flags=("fever_or_systemic_illness", "night_pain_unrelieved"),
        referral="same_day",
        flag_message={"fever_or_systemic_illness": ("infection", "today")},
        block=("Same-day medical review", "today"),
    ),
    Case(
        "a_cleared_same_day_flag_no_longer_blocks",
        INFECTION,
        red_flags=("fever_or_systemic_illness",),
        cleared=True,
        referral="same_day",
        block=(),
    ),
    Case(
        "pregnancy_moves_on_with_the_due_date",
        PREGNANCY,
        client={"conditions": ["pregnancy"], "pregnancy_due_date": "2026-07-17"},
        trimester_on={"2026-01-05": 1, "2026-01-09": 2, "2026-04-24": 3},
    ),
]


def _findings(case: Case) -> tuple[AssessmentFile, Findings, ClientContext]:
    policy = policy_with(case.overrides) if case.overrides else PUBLISHED
    a = case.assessment()
    previous = None
    if case.previous_tests is not None:
        previous = case.assessment(case.previous_tests, on="2025-12-01")
    return a, analyse(a, policy, previous), ClientContext.from_assessment(a, previous)


def _check(case: Case, f: Findings, ctx: ClientContext) -> None:
    found = {i.code.value: i for i in f.imbalances}
    for code, side in case.has.items():
        assert code in found, f"{case.id}: expected {code} ({case.fact})"
        got = found[code].side.value if found[code].side else None
        assert got == side, f"{case.id}: {code} side {got}, expected {side} ({case.fact})"
    for code in case.lacks:
        assert code not in found, f"{case.id}: {code} not expected ({case.fact})"
    for code, words in case.evidence.items():
        text = " ".join(found[code].evidence)
        for w in words:
            assert w in text, f"{case.id}: '{w}' not in {code} evidence: {text} ({case.fact})"
    for code, words in case.not_in_evidence.items():
        text = " ".join(found[code].evidence)
        for w in words:
            assert w not in text, f"{case.id}: '{w}' repeated in {code} ({case.fact})"
    for code, norm in case.norm_set.items():
        assert found[code].norm_set == norm, f"{case.id}: norm set ({case.fact})"
    for words in case.notes:
        assert any(words in n for n in f.notes), f"{case.id}: no note '{words}' ({case.fact})"
    if case.referral is not None:
        assert f.referral.value == case.referral, f"{case.id}: referral ({case.fact})"
    for code, words in case.flag_message.items():
        message = next(r.message for r in f.red_flags if r.code.value == code)
        for w in words:
            assert w in message, f"{case.id}: '{w}' not in {message} ({case.fact})"
    if case.pathway is not None:
        got = f.care_pathway.value if f.care_pathway else NO_PATHWAY
        assert got == case.pathway, f"{case.id}: pathway {got} ({case.fact})"
    for code in case.in_context:
        assert Condition(code) in ctx.conditions, f"{case.id}: {code} in context ({case.fact})"
    for code in case.not_in_context:
        assert Condition(code) not in ctx.conditions, f"{case.id}: {code} ({case.fact})"
    for code in case.context_flags:
        assert code in {flag.value for flag in ctx.red_flags}, f"{case.id}: flag ({case.fact})"
    if case.block is not None:
        block = client_block(ctx, PUBLISHED)
        if not case.block:
            assert block is None, f"{case.id}: no block expected ({case.fact})"
        else:
            assert block is not None, f"{case.id}: a block expected ({case.fact})"
            for w in case.block:
                assert w in block.reason, f"{case.id}: '{w}' not in {block.reason} ({case.fact})"
    if case.tests.get("directional_preference"):
        assert f.directional_preference == case.tests["directional_preference"], case.id
    for day, trimester in case.trimester_on.items():
        on = ctx.on(dt.date.fromisoformat(day))
        assert on.pregnancy_trimester == trimester, f"{case.id}: trimester on {day} ({case.fact})"


def test_there_are_at_least_30_cases_each_citing_its_fact() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)
    assert all(c.fact for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_clinical_case(case: Case) -> None:
    _, f, ctx = _findings(case)
    _check(case, f, ctx)


def test_no_evidence_sentence_is_repeated_across_findings() -> None:
    """One measurement supports one finding (clinical-facts.md; issue 12, point 3)."""
    for case in CASES:
        _, f, _ = _findings(case)
        sentences = [e for i in f.imbalances for e in i.evidence]
        assert len(sentences) == len(set(sentences)), case.id


def test_clinic_policy_is_the_only_source_of_norms() -> None:
    """Norms come from the policy handed in, never from a default read on the side."""
    case = next(c for c in CASES if c.id == "woman_judged_by_womens_norms")
    a = case.assessment()
    lenient = ClinicPolicy.from_settings(policy_with({"mcgill_women_extensor_s": 170}).settings)
    assert analyse(a, lenient).imbalance("weak_trunk_extensors") is None


def test_a_clinic_may_raise_a_same_day_flag_but_never_lower_it() -> None:
    """Under-referring is the harm the screen exists to prevent (clinical-facts.md, Red flags)."""
    raised = policy_with({"red_flags": {"levels": {"fever_or_systemic_illness": "urgent"}}})
    assert raised.referral_level_of("fever_or_systemic_illness").value == "urgent"
    with pytest.raises((UserError, ValueError), match="at least 'same_day'"):
        policy_with({"red_flags": {"levels": {"fever_or_systemic_illness": "prompt"}}})
