"""Hips and legs: flexibility, the nerve, hip control and strength, lumbopelvic control.

The straight-leg raise is read as a nerve test first (see :mod:`planner.assessment.nerve`):
hamstring length is judged from it only when it brings on no leg symptoms, or from the active
knee extension test. Sides follow the vocabulary: the weaker side for asymmetries, the stance
leg for Trendelenburg.
"""

from __future__ import annotations

from exercise_library.vocabulary import Imbalance, Side
from planner.assessment.model import AssessmentFile, PosNeg, Sex, SlrSymptoms
from planner.assessment.nerve import leg_symptoms_reported, nerve_signs
from planner.assessment.rules.common import Check, Hit, cap, n, sides, x
from planner.assessment.thresholds import ClinicalThresholds
from planner.policy import ClinicPolicy
from planner.text import join_words

DEVILLE = "Devillé 2000"

# --- flexibility --------------------------------------------------------------------------


def thomas(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    return [
        Hit(
            Imbalance.TIGHT_HIP_FLEXORS,
            side,
            f"{cap(side)} Thomas test is positive: the thigh rises above the horizontal, a "
            "sign of short hip flexors (Thomas test).",
            "thomas_test",
        )
        for side, value in sides(a.tests.thomas_test)
        if value == PosNeg.POSITIVE
    ]


def ake(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    name = "ake_deficit_max_deg"
    if t.ake_sex_specific and a.client.sex is Sex.MALE:
        name = "ake_deficit_max_men_deg"
    elif t.ake_sex_specific and a.client.sex is Sex.FEMALE:
        name = "ake_deficit_max_women_deg"
    limit = getattr(t, name)
    hits = []
    for side, value in sides(a.tests.active_knee_extension_deficit_deg):
        assert isinstance(value, float)
        if x(value) > x(limit):
            hits.append(
                Hit(
                    Imbalance.TIGHT_HAMSTRINGS,
                    side,
                    f"{cap(side)} active knee extension lacks {n(value)} deg of full "
                    f"extension; more than {n(limit)} deg means tight hamstrings "
                    f"({t.source(name)}).",
                    "active_knee_extension_deficit_deg",
                )
            )
    return hits


def _slr_symptoms(a: AssessmentFile, side: Side) -> SlrSymptoms | None:
    pair = a.tests.slr_reproduces
    return getattr(pair, side.value) if pair is not None else None


def slr(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    """Hamstring length from a straight-leg raise that brings on no leg symptoms.

    Where what the raise brought on is not recorded (every version 1 file), the angle is read
    as hamstring length only if nothing else in the assessment reports leg symptoms; otherwise
    :func:`slr_notes` asks the therapist to record it.
    """
    th = policy.thresholds
    t = th.objective
    elsewhere = leg_symptoms_reported(a)
    hits = []
    for side, value in sides(a.tests.straight_leg_raise_deg):
        assert isinstance(value, float)
        if x(value) >= x(t.slr_min_deg) or nerve_signs(a, side):
            continue
        symptoms = _slr_symptoms(a, side)
        if symptoms is None and elsewhere:
            continue
        brought = (
            "with no leg symptoms recorded elsewhere"
            if symptoms is None
            else "without leg symptoms"
            if symptoms is SlrSymptoms.NONE
            else f"bringing on only {symptoms.value} symptoms"
        )
        hits.append(
            Hit(
                Imbalance.TIGHT_HAMSTRINGS,
                side,
                f"{cap(side)} straight-leg raise reaches {n(value)} deg {brought}, below "
                f"{n(t.slr_min_deg)} deg ({t.source('slr_min_deg')}).",
                "straight_leg_raise_deg",
            )
        )
    return hits


def slr_notes(a: AssessmentFile, th: ClinicalThresholds) -> list[str]:
    """A limited raise whose symptoms are not recorded, beside reported leg symptoms: ask."""
    t = th.objective
    elsewhere = leg_symptoms_reported(a)
    if not elsewhere:
        return []
    unread = [
        f"{side.value} {n(value)} deg"  # type: ignore[arg-type]
        for side, value in sides(a.tests.straight_leg_raise_deg)
        if x(value) < x(t.slr_min_deg)  # type: ignore[arg-type]
        and _slr_symptoms(a, side) is None
        and not nerve_signs(a, side)
    ]
    if not unread:
        return []
    return [
        f"Straight-leg raise {join_words(unread)} is below {n(t.slr_min_deg)} deg, but what it "
        f"brought on is not recorded, and the assessment reports {join_words(elsewhere)}. "
        "Record whether it brought on leg symptoms: if it did, the nerve is sensitive and the "
        f"angle says nothing about the hamstrings, so it is not read as tight hamstrings "
        f"({DEVILLE})."
    ]


def neural_sensitivity(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    """A raise or slump that brings on leg symptoms, or a positive crossed raise: the nerve."""
    hits = []
    for side in (Side.LEFT, Side.RIGHT):
        signs = nerve_signs(a, side)
        if "slr" in signs:
            angle = getattr(a.tests.straight_leg_raise_deg, side.value, None)
            at = f" at {n(angle)} deg" if angle is not None else ""
            where = _slr_symptoms(a, side)
            assert where is not None
            place = "below the knee" if where is SlrSymptoms.BELOW_KNEE else "in the thigh"
            hits.append(
                Hit(
                    Imbalance.NEURAL_SENSITIVITY,
                    side,
                    f"{cap(side)} straight-leg raise{at} brings on the client's leg symptoms "
                    f"{place}: a positive nerve test, so the nerve is sensitive; the angle "
                    f"says nothing about hamstring length ({DEVILLE}).",
                    "straight_leg_raise_deg",
                )
            )
        if "slump" in signs:
            hits.append(
                Hit(
                    Imbalance.NEURAL_SENSITIVITY,
                    side,
                    f"{cap(side)} slump test is positive: the nerve is sensitive (Majlesi 2008).",
                    "slump_test",
                )
            )
        if "crossed_slr" in signs:
            hits.append(
                Hit(
                    Imbalance.NEURAL_SENSITIVITY,
                    side,
                    f"Crossed straight-leg raise is positive for the {side.value} leg: raising "
                    "the other leg brings on its symptoms, which is specific for a disc "
                    f"herniation ({DEVILLE}).",
                    "crossed_slr",
                )
            )
    return hits


# --- hip control and strength -------------------------------------------------------------


def trendelenburg(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    return [
        Hit(
            Imbalance.WEAK_GLUTE_MED,
            side,
            f"Trendelenburg test is positive standing on the {side.value} leg: the pelvis drops "
            f"on the other side, so the {side.value} hip abductors are weak (Trendelenburg "
            "sign, stance side).",
            "trendelenburg",
        )
        for side, value in sides(a.tests.trendelenburg)
        if value == PosNeg.POSITIVE
    ]


def single_leg_squat(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    limit = t.single_leg_squat_finding_max
    hits = []
    for side, value in sides(a.tests.single_leg_squat):
        assert isinstance(value, int)
        if value <= limit:
            hits.append(
                Hit(
                    Imbalance.WEAK_GLUTE_MED,
                    side,
                    f"{cap(side)} single-leg squat scores {value} of 3: alignment or balance is "
                    f"lost; a score of {limit} or lower is a finding "
                    f"({t.source('single_leg_squat_finding_max')}).",
                    "single_leg_squat",
                )
            )
    return hits


def limb_symmetry(test: str, muscles: str, imbalance: Imbalance) -> Check:
    """Limb symmetry index = weaker / stronger x 100; below the limit names the weaker side."""

    def check(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
        th = policy.thresholds
        t = th.objective
        pair = getattr(a.tests, test)
        if pair is None or pair.left is None or pair.right is None:
            return []
        left, right = x(pair.left), x(pair.right)
        stronger = max(left, right)
        if stronger == 0:
            return []
        lsi = min(left, right) / stronger * 100
        if lsi >= x(t.lsi_min_percent):
            return []
        weaker = Side.LEFT if left < right else Side.RIGHT
        return [
            Hit(
                imbalance,
                weaker,
                f"{muscles.capitalize()} strength is {n(lsi)}% on the {weaker.value} compared "
                f"with the other side (left {n(pair.left)}, right {n(pair.right)}); below "
                f"{n(t.lsi_min_percent)}% is an asymmetry ({t.source('lsi_min_percent')}).",
                test,
            )
        ]

    return check


# --- lumbopelvic control ------------------------------------------------------------------


def prone_instability(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    if a.tests.prone_instability_test != PosNeg.POSITIVE:
        return []
    return [
        Hit(
            Imbalance.POOR_LUMBOPELVIC_CONTROL,
            None,
            "Prone instability test is positive: resting pain eases when the back muscles "
            "switch on (prone instability test, LR+ 1.7).",
            "prone_instability_test",
        )
    ]


def aberrant(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    if a.tests.aberrant_movement is not True:
        return []
    return [
        Hit(
            Imbalance.POOR_LUMBOPELVIC_CONTROL,
            None,
            "Aberrant movement seen when bending forward: the low back is not controlled "
            "through the range (Hicks 2005 stabilisation rule item).",
            "aberrant_movement",
        )
    ]


def hicks(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    tests = a.tests
    slr_values = sides(tests.straight_leg_raise_deg)
    met: list[str] = []
    if a.age < t.hicks_age_under:
        met.append(f"age {a.age} under {t.hicks_age_under}")
    if slr_values:
        mean = sum(x(v) for _, v in slr_values) / len(slr_values)  # type: ignore[arg-type]
        if mean > x(t.hicks_slr_over_deg):
            met.append(f"straight-leg raise {n(mean)} deg over {n(t.hicks_slr_over_deg)} deg")
    if tests.aberrant_movement is True:
        met.append("aberrant movement")
    if tests.prone_instability_test == PosNeg.POSITIVE:
        met.append("positive prone instability test")
    if len(met) < t.hicks_min_criteria:
        return []
    return [
        Hit(
            Imbalance.POOR_LUMBOPELVIC_CONTROL,
            None,
            f"{len(met)} of 4 stabilisation rule criteria met ({', '.join(met)}); "
            f"{t.hicks_min_criteria} or more predicts a good response to stabilisation "
            f"exercise ({t.source('hicks_min_criteria')}, LR+ 4.0).",
            "hicks_rule",
        )
    ]
