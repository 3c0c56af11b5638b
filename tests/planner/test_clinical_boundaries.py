"""Every threshold in shared/clinical-facts.md, at the line and either side of it.

Each row is one boundary case written from the facts file (quoted in ``fact``), not from the
app's output: the assessment it describes and what the app must conclude. Pure functions only,
so the whole table runs in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile
from planner.policy import ClinicPolicy
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

CASES = RED_FLAG_ROWS + QUESTIONNAIRE_ROWS


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
