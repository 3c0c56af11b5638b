"""Every threshold in shared/clinical-facts.md, at the line and either side of it.

Each row is one boundary case written from the facts file (quoted in ``fact``), not from the
app's output: the assessment it describes and what the app must conclude. Pure functions only,
so the whole table runs in well under a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import recommend
from planner.policy import ClinicPolicy
from planner.programme.defaults import default_dosage, default_rules, is_older_adult, is_stretch
from planner.programme.model import ProgressField
from tests.policy import PUBLISHED, policy_with

# The assessment date every row uses; birth dates below are chosen against it.
ON = "2026-01-05"


@dataclass(frozen=True)
class Row:
    id: str
    fact: str
    client: dict[str, Any] = field(default_factory=dict)
    tests: dict[str, Any] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    questionnaires: dict[str, Any] | None = None
    running: dict[str, Any] | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    # imbalance code -> side ("left", "right", "both", or None for an unsided one)
    has: dict[str, str | None] = field(default_factory=dict)
    lacks: tuple[str, ...] = ()
    referral: str | None = None
    # red flag code -> level
    levels: dict[str, str] = field(default_factory=dict)
    # words some note must contain; words no note may contain
    notes: tuple[str, ...] = ()
    no_notes: tuple[str, ...] = ()
    # score name -> {attribute: value}
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)

    def policy(self) -> ClinicPolicy:
        return policy_with(self.overrides) if self.overrides else PUBLISHED

    def findings(self) -> Findings:
        client = {"name": "Boundary Client", "birth_date": "1988-04-02", "sex": "female"}
        data: dict[str, Any] = {
            "format": "physio-planner/assessment",
            "version": 2,
            "client": {k: v for k, v in {**client, **self.client}.items() if v is not None},
            "date": ON,
            "red_flags": list(self.red_flags),
            "tests": self.tests,
        }
        if self.questionnaires is not None:
            data["questionnaires"] = self.questionnaires
        if self.running is not None:
            data["running"] = {"weekly_km": 30, **self.running}
        return analyse(AssessmentFile.model_validate(data), self.policy())


def _odi(total: int, answered: int = 10) -> dict[str, Any]:
    """ODI answers adding up to ``total`` over ``answered`` sections (the rest left blank)."""
    answers: list[int | None] = [
        total // answered + (1 if i < total % answered else 0) for i in range(answered)
    ]
    return {"odi": answers + [None] * (10 - answered)}


def _start_back(first_four: int, psychosocial_5_to_8: int, bother: str) -> dict[str, Any]:
    answers = [1] * first_four + [0] * (4 - first_four)
    answers += [1] * psychosocial_5_to_8 + [0] * (4 - psychosocial_5_to_8)
    return {"start_back": {"answers": answers, "bothersomeness": bother}}


RF_URGENT = "Red flags: urgent (BASS 2018)"
RF_PROMPT = "Red flags: prompt (refer before treating)"
CLUSTER = "Red flags: cluster age >50 + cancer + weight loss (Greenhalgh & Selfe 2006)"
ONSET = "Red flags: new onset under 20 or over 55 [U]"
INFECTION = "Added: suspected spinal infection is a same-day medical review"
ODI = "Questionnaires: ODI percent = sum / (5 x answered) x 100; bands 0-20, 21-40, ..."
SBST = "Questionnaires: STarT Back total <=3 low; subscale >=4 high; else medium"

RED_FLAG_ROWS = [
    *(
        Row(f"urgent_{flag}", RF_URGENT, red_flags=(flag,), referral="urgent",
            levels={flag: "urgent"})
        for flag in (
            "cauda_equina_signs", "bilateral_leg_symptoms", "progressive_neuro_deficit",
            "severe_neuro_deficit", "gait_disturbance",
        )
    ),
    *(
        Row(f"prompt_{flag}", RF_PROMPT, red_flags=(flag,), referral="prompt",
            levels={flag: "prompt"})
        for flag in (
            "history_of_cancer", "unexplained_weight_loss", "night_pain_unrelieved",
            "iv_drug_use", "immunosuppression", "recent_infection_or_surgery", "trauma_onset",
            "long_term_steroid_use", "age_under_20_or_over_55_new_onset", "thoracic_pain",
            "structural_deformity", "widespread_neurology", "back_swelling_or_redness",
            "new_lump",
        )
    ),
    Row("fever_is_same_day", INFECTION, red_flags=("fever_or_systemic_illness",),
        referral="same_day"),
    Row("fever_with_iv_drug_use_is_same_day", INFECTION,
        red_flags=("iv_drug_use", "fever_or_systemic_illness"), referral="same_day",
        levels={"iv_drug_use": "prompt", "fever_or_systemic_illness": "same_day"}),
    Row("urgent_outranks_same_day", RF_URGENT,
        red_flags=("fever_or_systemic_illness", "gait_disturbance"), referral="urgent"),
    Row("minor_trauma_over_50_is_prompt", RF_PROMPT + ": minor trauma with age >50",
        client={"birth_date": "1970-01-01"}, red_flags=("trauma_onset",), referral="prompt"),
    Row("no_flags_no_referral", RF_PROMPT, referral="none"),
    # The cluster: age over 50 (51 today) with both flags; 50 today is not over 50.
    Row("cluster_at_51", CLUSTER, client={"birth_date": "1975-01-04"},
        red_flags=("history_of_cancer", "unexplained_weight_loss"), referral="prompt",
        notes=("Greenhalgh & Selfe 2006",)),
    Row("cluster_not_at_50", CLUSTER, client={"birth_date": "1975-01-06"},
        red_flags=("history_of_cancer", "unexplained_weight_loss"), referral="prompt",
        no_notes=("Greenhalgh",)),
    Row("cluster_needs_weight_loss", CLUSTER, client={"birth_date": "1950-01-01"},
        red_flags=("history_of_cancer",), no_notes=("Greenhalgh",)),
    Row("cluster_age_is_a_setting", CLUSTER, client={"birth_date": "1975-01-06"},
        red_flags=("history_of_cancer", "unexplained_weight_loss"),
        overrides={"cancer_cluster_age_over": 45}, notes=("over 45", "clinic setting")),
    # Age: under 20 / over 55; 20 and 55 themselves are not.
    Row("age_19_prompts_the_new_onset_flag", ONSET, client={"birth_date": "2006-01-06"},
        notes=("under 20 or over 55",)),
    Row("age_20_does_not", ONSET, client={"birth_date": "2006-01-05"},
        no_notes=("under 20",)),
    Row("age_55_does_not", ONSET, client={"birth_date": "1970-01-06"},
        no_notes=("under 20",)),
    Row("age_56_prompts_the_new_onset_flag", ONSET, client={"birth_date": "1970-01-05"},
        notes=("over 55",)),
    Row("us_cut_offs_as_a_setting", ONSET, client={"birth_date": "1975-01-04"},
        overrides={"new_onset_age_under": 18, "new_onset_age_over": 50},
        notes=("under 18 or over 50",)),
]  # fmt: skip

QUESTIONNAIRE_ROWS = [
    # Bands by the published whole-percent ranges. With whole-number answers a percent
    # strictly between 20 and 21 (or 40 and 41, ...) cannot occur: 20 < 20 x sum / answered
    # < 21 needs answered < sum < 1.05 x answered, impossible for 10 sections or fewer.
    *(
        Row(f"odi_{pct}_percent", ODI, questionnaires=_odi(pct // 2),
            scores={"odi": {"percent": pct, "band": band}})
        for pct, band in (
            (0, "minimal"), (20, "minimal"), (22, "moderate"), (40, "moderate"),
            (42, "severe"), (60, "severe"), (62, "crippled"), (80, "crippled"),
            (82, "bed_bound"), (100, "bed_bound"),
        )
    ),
    # A blank section lowers the denominator by 5: 9 of 45 is 20%, 10 of 45 is 22.2%.
    Row("odi_blank_section_9_of_45", ODI, questionnaires=_odi(9, answered=9),
        scores={"odi": {"percent": 20, "band": "minimal", "answered": 9}}),
    Row("odi_blank_section_10_of_45", ODI, questionnaires=_odi(10, answered=9),
        scores={"odi": {"band": "moderate", "answered": 9}}),
    Row("odi_two_blank_sections_16_of_40", ODI, questionnaires=_odi(16, answered=8),
        scores={"odi": {"percent": 40, "band": "moderate", "answered": 8}}),
    Row("odi_two_blank_sections_17_of_40", ODI, questionnaires=_odi(17, answered=8),
        scores={"odi": {"percent": 42.5, "band": "severe", "answered": 8}}),
    Row("roland_morris_counts_ticks", "Questionnaires: Roland-Morris 0-24",
        questionnaires={"roland_morris": [True] * 24}, scores={"roland_morris": {"total": 24}}),
    Row("roland_morris_zero", "Questionnaires: Roland-Morris 0-24",
        questionnaires={"roland_morris": [False] * 24}, scores={"roland_morris": {"total": 0}}),
    Row("psfs_is_the_mean", "Questionnaires: PSFS score = mean",
        questionnaires={"psfs": [{"activity": "a", "score": 3}, {"activity": "b", "score": 4},
                                 {"activity": "c", "score": 8}]},
        scores={"psfs": {"mean": 5, "items": 3}}),
    # Item 9 scores only for "very much" or "extremely".
    *(
        Row(f"start_back_item_9_{bother}", SBST, questionnaires=_start_back(0, 0, bother),
            scores={"start_back": {"total": points, "psychosocial": points}})
        for bother, points in (
            ("not_at_all", 0), ("slightly", 0), ("moderately", 0), ("very_much", 1),
            ("extremely", 1),
        )
    ),
    Row("start_back_total_3_is_low", SBST, questionnaires=_start_back(3, 0, "moderately"),
        scores={"start_back": {"total": 3, "risk": "low"}}),
    Row("start_back_total_3_all_psychosocial_is_low", SBST,
        questionnaires=_start_back(0, 2, "very_much"),
        scores={"start_back": {"total": 3, "psychosocial": 3, "risk": "low"}}),
    Row("start_back_total_4_subscale_3_is_medium", SBST,
        questionnaires=_start_back(1, 3, "slightly"),
        scores={"start_back": {"total": 4, "psychosocial": 3, "risk": "medium"}}),
    Row("start_back_total_4_subscale_4_is_high", SBST,
        questionnaires=_start_back(0, 4, "slightly"),
        scores={"start_back": {"total": 4, "psychosocial": 4, "risk": "high"}}),
    Row("start_back_subscale_4_through_item_9_is_high", SBST,
        questionnaires=_start_back(0, 3, "extremely"),
        scores={"start_back": {"total": 4, "psychosocial": 4, "risk": "high"}}),
    Row("start_back_total_9_is_high", SBST, questionnaires=_start_back(4, 4, "extremely"),
        scores={"start_back": {"total": 9, "psychosocial": 5, "risk": "high"}}),
]  # fmt: skip

MCGILL = "Objective tests: McGill ratios; Added: norms by population (McGill 1999, Evans 2007)"
LEGS = "Objective tests: Thomas, AKE/Yildirim, passive SLR, Trendelenburg, single-leg squat"
CONTROL = "Objective tests: prone instability (LR+ 1.7); Hicks rule >=3 of 4 (LR+ 4.0)"
LSI = "Objective tests: LSI = weaker / stronger x 100; < 90% flags an asymmetry"
ROM = "Objective tests: lumbar ROM rough norms flexion 60, extension 25"
LOAD = "Added: running load (Nielsen 2014 >30%, Frandsen 2025 >110%, 4-week own rule)"
SHOES = "Added: running shoes 640-800 km"
WOMAN = {"sex": "female"}
MAN = {"sex": "male"}
ATHLETE = {"sex": "male", "trained_athlete": True}


def _sb(left: float, right: float) -> dict[str, float]:
    return {"left": left, "right": right}


OBJECTIVE_ROWS = [
    # flexion:extension below 1.0 is healthy; at or above 1.0 the extensors are relatively weak.
    Row("flexion_extension_0_99", MCGILL, client=WOMAN,
        tests={"trunk_flexor_endurance_s": 198, "trunk_extensor_endurance_s": 200},
        lacks=("weak_trunk_extensors",)),
    Row("flexion_extension_1_00", MCGILL, client=WOMAN,
        tests={"trunk_flexor_endurance_s": 200, "trunk_extensor_endurance_s": 200},
        has={"weak_trunk_extensors": None}),
    # side bridge:extension below 0.75 is healthy; above it (and at it) the extensors.
    Row("side_bridge_extension_0_74", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(148, 148), "trunk_extensor_endurance_s": 200},
        lacks=("weak_trunk_extensors",)),
    Row("side_bridge_extension_0_755", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(151, 151), "trunk_extensor_endurance_s": 200},
        has={"weak_trunk_extensors": None}),
    # right:left within 0.05 of 1.0 is symmetric; beyond it the weaker side is named.
    Row("side_bridge_r_l_1_05", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(100, 105)}, lacks=("weak_lateral_trunk",)),
    Row("side_bridge_r_l_1_06_left_weaker", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(100, 106)}, has={"weak_lateral_trunk": "left"}),
    Row("side_bridge_r_l_0_95", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(100, 95)}, lacks=("weak_lateral_trunk",)),
    Row("side_bridge_r_l_0_94_right_weaker", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(100, 94)}, has={"weak_lateral_trunk": "right"}),
    Row("side_bridge_tolerance_is_a_setting", MCGILL, client=WOMAN,
        tests={"side_bridge_endurance_s": _sb(100, 106)},
        overrides={"side_bridge_symmetry_tolerance": 0.1}, lacks=("weak_lateral_trunk",)),
    # Norms by population: at the norm is not weak, one second under is.
    Row("men_at_their_norms", MCGILL, client=MAN,
        tests={"trunk_flexor_endurance_s": 144, "trunk_extensor_endurance_s": 146,
               "side_bridge_endurance_s": _sb(97, 94)},
        lacks=("weak_trunk_flexors", "weak_trunk_extensors")),
    Row("men_under_their_flexor_norm", MCGILL, client=MAN,
        tests={"trunk_flexor_endurance_s": 143, "trunk_extensor_endurance_s": 146},
        has={"weak_trunk_flexors": None}, lacks=("weak_trunk_extensors",)),
    Row("women_under_their_extensor_norm", MCGILL, client=WOMAN,
        tests={"trunk_flexor_endurance_s": 150, "trunk_extensor_endurance_s": 188},
        has={"weak_trunk_extensors": None}, lacks=("weak_trunk_flexors",)),
    Row("athlete_under_athlete_flexor_norm", MCGILL, client=ATHLETE,
        tests={"trunk_flexor_endurance_s": 223, "trunk_extensor_endurance_s": 240},
        has={"weak_trunk_flexors": None}),
    Row("athlete_at_athlete_flexor_norm", MCGILL, client=ATHLETE,
        tests={"trunk_flexor_endurance_s": 224, "trunk_extensor_endurance_s": 240},
        lacks=("weak_trunk_flexors",)),
    # Biering-Sorensen: the 176 s note is for men only, and only where no finding says more.
    Row("man_175_s_gets_the_risk_note", MCGILL, client=MAN,
        tests={"trunk_extensor_endurance_s": 175}, notes=("under 176 s",)),
    Row("man_176_s_does_not", MCGILL, client=MAN,
        tests={"trunk_extensor_endurance_s": 176}, no_notes=("176",)),
    Row("woman_175_s_is_not_the_mens_note", MCGILL, client=WOMAN,
        tests={"trunk_extensor_endurance_s": 175}, no_notes=("176",)),
    Row("extensor_240_s_is_the_cap_and_valid", MCGILL, client=MAN,
        tests={"trunk_extensor_endurance_s": 240}, lacks=("weak_trunk_extensors",)),
    # Thomas: thigh above horizontal = short hip flexors, on that side.
    Row("thomas_positive_left", LEGS, tests={"thomas_test": {"left": "positive",
                                                            "right": "negative"}},
        has={"tight_hip_flexors": "left"}),
    # AKE: more than 20 deg; Yildirim 2018 sex cut-offs when the clinic turns them on.
    Row("ake_20_is_not_tight_21_is", LEGS,
        tests={"active_knee_extension_deficit_deg": {"left": 20, "right": 21}},
        has={"tight_hamstrings": "right"}),
    Row("ake_yildirim_men_33_0_vs_33_1", LEGS, client=MAN, overrides={"ake_sex_specific": True},
        tests={"active_knee_extension_deficit_deg": {"left": 33.0, "right": 33.1}},
        has={"tight_hamstrings": "right"}),
    Row("ake_yildirim_women_23_4_vs_23_5", LEGS, client=WOMAN,
        overrides={"ake_sex_specific": True},
        tests={"active_knee_extension_deficit_deg": {"left": 23.4, "right": 23.5}},
        has={"tight_hamstrings": "right"}),
    # Passive SLR under 70 is tight only when it brings on no leg symptoms.
    Row("slr_70_is_not_tight_69_is", LEGS,
        tests={"straight_leg_raise_deg": {"left": 70, "right": 69},
               "slr_reproduces": {"left": "none", "right": "none"}},
        has={"tight_hamstrings": "right"}),
    Row("slr_69_with_leg_symptoms_is_the_nerve", LEGS,
        tests={"straight_leg_raise_deg": {"left": 69}, "slr_reproduces": {"left": "thigh"}},
        has={"neural_sensitivity": "left"}, lacks=("tight_hamstrings",)),
    # Trendelenburg: the side is the stance leg, and the finding names it.
    Row("trendelenburg_names_the_stance_side", LEGS,
        tests={"trendelenburg": {"left": "negative", "right": "positive"}},
        has={"weak_glute_med": "right"}),
    Row("single_leg_squat_1_is_a_finding", LEGS,
        tests={"single_leg_squat": {"left": 1, "right": 3}}, has={"weak_glute_med": "left"}),
    Row("single_leg_squat_2_and_3_are_not", LEGS,
        tests={"single_leg_squat": {"left": 2, "right": 3}}, lacks=("weak_glute_med",)),
    Row("prone_instability_positive", CONTROL, tests={"prone_instability_test": "positive"},
        has={"poor_lumbopelvic_control": None}),
    # Hicks: age under 40 (39 counts, 40 does not), SLR over 91, aberrant movement, PIT.
    Row("hicks_3_of_4_at_39", CONTROL, client={"birth_date": "1986-06-01"},
        tests={"aberrant_movement": True, "straight_leg_raise_deg": {"left": 92, "right": 92}},
        has={"poor_lumbopelvic_control": None}),
    Row("hicks_2_of_4_at_40", CONTROL, client={"birth_date": "1986-01-05"},
        tests={"straight_leg_raise_deg": {"left": 92, "right": 92}},
        lacks=("poor_lumbopelvic_control",)),
    Row("hicks_slr_91_is_not_over_91", CONTROL, client={"birth_date": "1986-06-01"},
        tests={"straight_leg_raise_deg": {"left": 91, "right": 91}},
        lacks=("poor_lumbopelvic_control",)),
    Row("lsi_90_is_symmetric", LSI, tests={"hip_abduction_strength": _sb(90, 100)},
        lacks=("hip_strength_asymmetry", "weak_glute_med")),
    Row("lsi_89_9_names_the_weaker_side", LSI,
        tests={"hip_abduction_strength": _sb(100, 89.9)},
        has={"hip_strength_asymmetry": "right", "weak_glute_med": "right"}),
    Row("lumbar_rom_at_the_norms", ROM,
        tests={"lumbar_flexion_deg": 60, "lumbar_extension_deg": 25},
        lacks=("reduced_lumbar_mobility",)),
    Row("lumbar_extension_24", ROM, tests={"lumbar_extension_deg": 24},
        has={"reduced_lumbar_mobility": None}),
    Row("lumbar_flexion_59", ROM, tests={"lumbar_flexion_deg": 59},
        has={"reduced_lumbar_mobility": None}),
]  # fmt: skip

RUNNING_ROWS = [
    Row("week_rise_30_percent", LOAD, running={"weekly_km": 39, "weekly_km_last_week": 30},
        lacks=("load_management",)),
    Row("week_rise_30_3_percent", LOAD,
        running={"weekly_km": 39.1, "weekly_km_last_week": 30}, has={"load_management": None}),
    Row("four_weeks_46_percent", LOAD,
        running={"weekly_km": 146, "weekly_km_4_weeks_ago": 100}, lacks=("load_management",)),
    Row("four_weeks_47_percent", LOAD,
        running={"weekly_km": 147, "weekly_km_4_weeks_ago": 100}, has={"load_management": None}),
    Row("longest_run_110_percent", LOAD,
        running={"longest_run_km": 11, "longest_run_previous_30_days_km": 10},
        lacks=("load_management",)),
    Row("longest_run_111_percent", LOAD,
        running={"longest_run_km": 11.1, "longest_run_previous_30_days_km": 10},
        has={"load_management": None}),
    Row("shoes_639_km", SHOES, running={"shoe_km": 639}, lacks=("load_management",)),
    Row("shoes_640_km", SHOES, running={"shoe_km": 640}, has={"load_management": None}),
    Row("shoes_801_km", SHOES, running={"shoe_km": 801}, has={"load_management": None}),
    Row("no_rest_day", "Dosage: return to run, rest day between runs",
        running={"rest_days_per_week": 0}, has={"load_management": None}),
    Row("one_rest_day", "Dosage: return to run, rest day between runs",
        running={"rest_days_per_week": 1}, lacks=("load_management",)),
]  # fmt: skip

CASES = RED_FLAG_ROWS + QUESTIONNAIRE_ROWS + OBJECTIVE_ROWS + RUNNING_ROWS


@pytest.mark.parametrize("row", CASES, ids=lambda r: r.id)
def test_boundary(row: Row) -> None:
    f = row.findings()
    found = {i.code.value: (i.side.value if i.side else None) for i in f.imbalances}
    for code, side in row.has.items():
        assert code in found, f"{row.fact}: expected {code}, found {found}"
        assert found[code] == side, f"{row.fact}: {code} side {found[code]}, expected {side}"
    for code in row.lacks:
        assert code not in found, f"{row.fact}: {code} should not be found ({found})"
    if row.referral is not None:
        assert f.referral.value == row.referral, row.fact
    got_levels = {r.code.value: r.level.value for r in f.red_flags}
    for flag, level in row.levels.items():
        assert got_levels.get(flag) == level, f"{row.fact}: {flag} -> {got_levels.get(flag)}"
    notes = " ".join(f.notes)
    for words in row.notes:
        assert words in notes, f"{row.fact}: no note says {words!r} ({f.notes})"
    for words in row.no_notes:
        assert words not in notes, f"{row.fact}: a note says {words!r} ({f.notes})"
    for name, expected in row.scores.items():
        score = getattr(f.scores, name)
        assert score is not None, f"{row.fact}: no {name} score"
        for attr, value in expected.items():
            got = getattr(score, attr)
            got = got.value if hasattr(got, "value") else got
            assert got == value, f"{row.fact}: {name}.{attr} = {got}, expected {value}"


# --- dosage -------------------------------------------------------------------------------------

STRETCH = "Dosage: stretching hold 10-30 s (30-60 s older adults), about 60 s per muscle"


@pytest.mark.parametrize(
    ("code", "older", "hold"),
    [
        ("chair_twist", False, 20),  # the library's 20 s, within 10-30 s
        ("chair_twist", True, 30),  # an older adult holds at least 30 s
        ("extended_side_angle", True, 30),
        ("worlds_greatest_stretch", True, 2),  # a warm-up's brief stretch is not a static hold
    ],
)
def test_older_adults_hold_stretches_30_to_60_s(code: str, older: bool, hold: float) -> None:
    ex = builtin_catalogue()[code]
    assert default_dosage(ex, older_adult=older).hold_s == hold, STRETCH


def test_a_longer_library_hold_stays_within_60_s_for_an_older_adult() -> None:
    ex = builtin_catalogue()["chair_twist"]
    long_hold = ex.model_copy(update={"dosage": ex.dosage.model_copy(update={"hold_s": 90})})
    assert default_dosage(long_hold, older_adult=True).hold_s == 60, STRETCH
    assert default_dosage(long_hold).hold_s == 90


@pytest.mark.parametrize(("age", "older"), [(64, False), (65, True)])
def test_older_adult_is_65_and_over(age: int, older: bool) -> None:
    assert is_older_adult(age) is older, STRETCH


def test_an_older_adults_stretch_needs_no_rule_to_reach_30_s() -> None:
    ex = builtin_catalogue()["chair_twist"]
    young = [r.field for r in default_rules(ex) if r.field is not None]
    old = [r.field for r in default_rules(ex, older_adult=True) if r.field is not None]
    assert ProgressField.HOLD in young and ProgressField.HOLD not in old, STRETCH


def test_the_recommendation_for_a_70_year_old_holds_stretches_30_s() -> None:
    data = {
        "format": "physio-planner/assessment", "version": 2,
        "client": {"name": "Older Client", "birth_date": "1955-03-01", "sex": "female",
                   "equipment": ["mat", "chair", "wall"]},
        "date": ON, "tests": {"thoracic_rotation_deg": {"left": 20, "right": 20}},
    }  # fmt: skip
    a = AssessmentFile.model_validate(data)
    young = a.model_copy(update={"client": a.client.model_copy(update={"birth_date": dt.date(
        1990, 3, 1)})})  # fmt: skip
    for client, floor in ((a, 30), (young, 10)):
        items = recommend(client, PUBLISHED).exercises
        stretches = [i for i in items if is_stretch(i.exercise) and i.role != "warm_up"]
        assert stretches, "a stretch is recommended for limited thoracic rotation"
        assert all(i.dose.hold_s is not None and i.dose.hold_s >= floor for i in stretches)
    old_holds = {i.code: i.dose.hold_s for i in recommend(a, PUBLISHED).exercises}
    assert any(h == 30 for h in old_holds.values()), STRETCH
