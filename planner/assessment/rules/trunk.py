"""Torso endurance against the client's own population, the ratios between the tests, and the
range of the lumbar and thoracic spine.

Norms by population (clinical-facts.md, Added: trunk endurance norms): McGill 1999 healthy
young adults by sex for everyone; Evans 2007 athlete norms only for a trained athlete (or when
the clinic chooses them for all). Where sex is not recorded as male or female, the set that
flags less for this client's results is used, and the evidence says so. Ratios are about
balance, so they are blamed on the relatively weak side of the ratio: flexion:extension at or
above 1.0 and side bridge:extension at or above 0.75 both point at the back extensors.
"""

from __future__ import annotations

from exercise_library.vocabulary import Imbalance, Side
from planner.assessment.model import AssessmentFile, Sex
from planner.assessment.rules.common import Check, Hit, cap, n, r, sides, x
from planner.assessment.thresholds import ClinicalThresholds
from planner.assessment.thresholds.objective import (
    NormSet,
    NormSetCode,
    ObjectiveThresholds,
    TrunkNorms,
)
from planner.policy import ClinicPolicy

_SEXED = {Sex.MALE: NormSetCode.MCGILL_1999_MEN, Sex.FEMALE: NormSetCode.MCGILL_1999_WOMEN}


def _measured(a: AssessmentFile, norms: NormSet) -> list[tuple[str, float, tuple[str, float]]]:
    """(test, seconds, (threshold name, norm)) for each endurance test the client did."""
    t = a.tests
    sb = t.side_bridge_endurance_s
    out = [
        ("flexor", t.trunk_flexor_endurance_s, norms.flexor),
        ("extensor", t.trunk_extensor_endurance_s, norms.extensor),
        ("left", sb.left if sb else None, norms.side_bridge_left),
        ("right", sb.right if sb else None, norms.side_bridge_right),
    ]
    return [(test, value, norm) for test, value, norm in out if value is not None]


def _below(a: AssessmentFile, norms: NormSet) -> int:
    return sum(1 for _, value, (_, norm) in _measured(a, norms) if x(value) < x(norm))


def choose_norms(a: AssessmentFile, t: ObjectiveThresholds) -> tuple[NormSet, str]:
    """The norm set for this client and why it was chosen (a phrase for the evidence)."""
    if t.trunk_norms is TrunkNorms.ATHLETES:
        return t.norm_set(NormSetCode.EVANS_2007_ATHLETES), "the clinic uses athlete norms"
    if t.trunk_norms is TrunkNorms.BY_POPULATION and a.client.trained_athlete:
        return t.norm_set(NormSetCode.EVANS_2007_ATHLETES), "a trained athlete"
    sex = a.client.sex
    code = _SEXED.get(sex) if sex is not None else None
    if code is not None and sex is not None:
        return t.norm_set(code), f"a {sex.value} client"
    men, women = (t.norm_set(c) for c in _SEXED.values())

    def flags(norms: NormSet) -> tuple[int, float]:
        return _below(a, norms), sum(float(norm) for _, _, (_, norm) in _measured(a, norms))

    chosen = min((men, women), key=flags)
    return chosen, "sex not recorded as male or female, so the norms that flag less here"


_TESTS = {
    "flexor": (
        Imbalance.WEAK_TRUNK_FLEXORS, None, "Trunk flexor endurance", "trunk_flexor_endurance_s"
    ),
    "extensor": (
        Imbalance.WEAK_TRUNK_EXTENSORS, None, "Back extensor endurance",
        "trunk_extensor_endurance_s",
    ),
    "left": (
        Imbalance.WEAK_LATERAL_TRUNK, Side.LEFT, "Left side bridge", "side_bridge_endurance_s"
    ),
    "right": (
        Imbalance.WEAK_LATERAL_TRUNK, Side.RIGHT, "Right side bridge", "side_bridge_endurance_s"
    ),
}  # fmt: skip


def _norm_hit(a: AssessmentFile, th: ClinicalThresholds, norms: NormSet, why: str) -> list[Hit]:
    t = th.objective
    hits = []
    for test, value, (name, norm) in _measured(a, norms):
        if x(value) >= x(norm):
            continue
        imbalance, side, what, measurement = _TESTS[test]
        source = t.source(name)
        cited = norms.label if source != "clinic setting" else f"{norms.label}, clinic setting"
        hits.append(
            Hit(
                imbalance,
                side,
                f"{what} {n(value)} s is below the norm of {n(norm)} s ({cited}; chosen for "
                f"{why}).",
                measurement,
                norm_set=norms.code,
                side_from_norm=side is not None,
            )
        )
    return hits


def endurance_norms(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    """Each endurance test against the client's population norm."""
    th = policy.thresholds
    norms, why = choose_norms(a, th.objective)
    return _norm_hit(a, th, norms, why)


def flexion_extension_ratio(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    flex, ext = a.tests.trunk_flexor_endurance_s, a.tests.trunk_extensor_endurance_s
    if flex is None or ext is None or ext == 0:
        return []
    ratio = x(flex) / x(ext)
    if ratio < x(t.flexion_extension_ratio_max):
        return []
    return [
        Hit(
            Imbalance.WEAK_TRUNK_EXTENSORS,
            None,
            f"Flexion:extension endurance ratio is {r(ratio)} (flexors {n(flex)} s, "
            f"extensors {n(ext)} s); it should stay below {r(x(t.flexion_extension_ratio_max))} "
            f"({t.source('flexion_extension_ratio_max')}): the back extensors are weak for "
            "the front of the trunk.",
            "flexion_extension_ratio",
        )
    ]


def side_bridge_extension_ratio(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    ext = a.tests.trunk_extensor_endurance_s
    if ext is None or ext == 0:
        return []
    hits = []
    limit = x(t.side_bridge_extension_ratio_max)
    for side, value in sides(a.tests.side_bridge_endurance_s):
        assert isinstance(value, float)
        ratio = x(value) / x(ext)
        if ratio >= limit:
            hits.append(
                Hit(
                    Imbalance.WEAK_TRUNK_EXTENSORS,
                    None,
                    f"{cap(side)} side bridge:extension ratio is {r(ratio)} (side bridge "
                    f"{n(value)} s, extensors {n(ext)} s); it should stay below {r(limit)} "
                    f"({t.source('side_bridge_extension_ratio_max')}): the back extensors "
                    "are weak for the side muscles.",
                    "side_bridge_extension_ratio",
                )
            )
    return hits


def side_bridge_symmetry(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    """A left/right difference names the weaker side."""
    th = policy.thresholds
    t = th.objective
    sb = a.tests.side_bridge_endurance_s
    if sb is None or sb.left is None or sb.right is None or (sb.left == 0 and sb.right == 0):
        return []
    left, right = x(sb.left), x(sb.right)
    tol = x(t.side_bridge_symmetry_tolerance)
    if left > 0 and abs(right / left - 1) <= tol:
        return []
    weaker = Side.LEFT if left < right else Side.RIGHT
    ratio = f"{r(right / left)}" if left > 0 else "not measurable"
    return [
        Hit(
            Imbalance.WEAK_LATERAL_TRUNK,
            weaker,
            f"Side bridge right:left ratio is {ratio} (left {n(sb.left)} s, right "
            f"{n(sb.right)} s); it should be within {r(tol)} of 1.0 "
            f"({t.source('side_bridge_symmetry_tolerance')}). The {weaker.value} side is weaker.",
            "side_bridge_symmetry",
        )
    ]


def extensor_risk_note(a: AssessmentFile, th: ClinicalThresholds) -> str | None:
    """Biering-Sorensen's cut-off predicts first-time back pain in men: worth saying, not a
    population norm, so a note rather than a finding."""
    t = th.objective
    ext = a.tests.trunk_extensor_endurance_s
    if a.client.sex is not Sex.MALE or ext is None or x(ext) >= x(t.extensor_endurance_min_s):
        return None
    norms, _ = choose_norms(a, t)
    if x(ext) < x(norms.extensor[1]):
        return None  # already a finding: one measurement, one place
    return (
        f"Back extensor endurance {n(ext)} s: in men, under {n(t.extensor_endurance_min_s)} s "
        "predicted a first episode of low back pain within a year "
        f"({t.source('extensor_endurance_min_s')})."
    )


def lumbar_range(test: str, norm_name: str, movement: str) -> Check:
    def check(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
        th = policy.thresholds
        t = th.objective
        value = getattr(a.tests, test)
        norm = getattr(t, norm_name)
        if value is None or x(value) >= x(norm):
            return []
        return [
            Hit(
                Imbalance.REDUCED_LUMBAR_MOBILITY,
                None,
                f"Lumbar {movement} {n(value)} deg is below the rough norm of {n(norm)} deg "
                f"({t.source(norm_name)}).",
                test,
            )
        ]

    return check


def thoracic_rotation(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    th = policy.thresholds
    t = th.objective
    limit = t.thoracic_rotation_min_deg
    return [
        Hit(
            Imbalance.REDUCED_THORACIC_MOBILITY,
            side,
            f"Seated thoracic rotation to the {side.value} reaches {n(value)} deg, below "  # type: ignore[arg-type]
            f"{n(limit)} deg ({t.source('thoracic_rotation_min_deg')}).",
            "thoracic_rotation_deg",
        )
        for side, value in sides(a.tests.thoracic_rotation_deg)
        if x(value) < x(limit)  # type: ignore[arg-type]
    ]
