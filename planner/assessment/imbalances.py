"""From test results to imbalances: every rule in one table.

Each rule reads one finding from the assessment and, when it fails, yields a :class:`Hit`: the
imbalance code, the side, and a sentence naming the measured values, the threshold and where
the threshold comes from. A clinician who disagrees with a finding can see exactly which number
crossed which line. Sides follow the vocabulary: the weaker side for asymmetries, the stance leg
for Trendelenburg, ``both`` when both sides fail.

Comparisons use exact decimal fractions of the values as entered, so a result exactly on a
threshold is judged the way the published rule states it (for example "below 1.0" means a ratio
of exactly 1.0 is a finding), not by binary rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from exercise_library.vocabulary import Imbalance, Side
from planner.assessment.model import AssessmentFile, PosNeg, Sex
from planner.assessment.thresholds import CLINIC_SETTING, ClinicalThresholds
from planner.policy import ClinicPolicy


@dataclass(frozen=True)
class Hit:
    imbalance: Imbalance
    side: Side | None
    evidence: str


@dataclass(frozen=True)
class ImbalanceFinding:
    code: Imbalance
    side: Side | None
    evidence: list[str]


Check = Callable[[AssessmentFile, ClinicalThresholds], list[Hit]]


@dataclass(frozen=True)
class ImbalanceRule:
    finding: str
    imbalance: Imbalance
    check: Check


def _x(value: float) -> Fraction:
    """The value as the decimal the clinician typed (0.05 is 1/20, not its binary neighbour)."""
    return Fraction(repr(float(value)))


_SHOWN_MAX = 10_000


def _n(value: float | Fraction, places: int = 1) -> str:
    """A number for a sentence: whole numbers without a decimal point.

    Ratios of a near-zero measurement can be astronomically large; past a readable size the
    sentence just says so.
    """
    if value >= _SHOWN_MAX:
        return f"over {_SHOWN_MAX}"
    v = float(value)
    if v == int(v):
        return str(int(v))
    return f"{v:.{places}f}".rstrip("0").rstrip(".")


def _r(ratio: Fraction) -> str:
    if ratio >= _SHOWN_MAX:
        return f"over {_SHOWN_MAX}"
    return f"{float(ratio):.2f}"


def _sides(pair: object) -> list[tuple[Side, object]]:
    if pair is None:
        return []
    out: list[tuple[Side, object]] = []
    for side in (Side.LEFT, Side.RIGHT):
        value = getattr(pair, side.value)
        if value is not None:
            out.append((side, value))
    return out


def _cap(side: Side) -> str:
    return side.value.capitalize()


# --- torso endurance (McGill) -------------------------------------------------------------


def _flexor_norm(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    flex = a.tests.trunk_flexor_endurance_s
    if flex is None or _x(flex) >= _x(t.flexor_endurance_norm_s):
        return []
    return [
        Hit(
            Imbalance.WEAK_TRUNK_FLEXORS,
            None,
            f"Trunk flexor endurance {_n(flex)} s is below the norm of "
            f"{_n(t.flexor_endurance_norm_s)} s ({t.source('flexor_endurance_norm_s')}).",
        )
    ]


def _extensor_min(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    ext = a.tests.trunk_extensor_endurance_s
    if ext is None or _x(ext) >= _x(t.extensor_endurance_min_s):
        return []
    return [
        Hit(
            Imbalance.WEAK_TRUNK_EXTENSORS,
            None,
            f"Back extensor endurance {_n(ext)} s is below {_n(t.extensor_endurance_min_s)} s "
            f"({t.source('extensor_endurance_min_s')}).",
        )
    ]


def _flexion_extension_ratio(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    flex, ext = a.tests.trunk_flexor_endurance_s, a.tests.trunk_extensor_endurance_s
    if flex is None or ext is None or ext == 0:
        return []
    ratio = _x(flex) / _x(ext)
    if ratio < _x(t.flexion_extension_ratio_max):
        return []
    return [
        Hit(
            Imbalance.WEAK_TRUNK_EXTENSORS,
            None,
            f"Flexion:extension endurance ratio is {_r(ratio)} (flexors {_n(flex)} s, "
            f"extensors {_n(ext)} s); it should stay below {_r(t.flexion_extension_ratio_max)} "
            f"({t.source('flexion_extension_ratio_max')}).",
        )
    ]


def _side_bridge_extension_ratio(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    ext = a.tests.trunk_extensor_endurance_s
    if ext is None or ext == 0:
        return []
    hits = []
    for side, value in _sides(a.tests.side_bridge_endurance_s):
        assert isinstance(value, float)
        ratio = _x(value) / _x(ext)
        if ratio >= _x(t.side_bridge_extension_ratio_max):
            hits.append(
                Hit(
                    Imbalance.WEAK_TRUNK_EXTENSORS,
                    None,
                    f"{_cap(side)} side bridge:extension ratio is {_r(ratio)} "
                    f"(side bridge {_n(value)} s, extensors {_n(ext)} s); it should stay below "
                    f"{_r(t.side_bridge_extension_ratio_max)} "
                    f"({t.source('side_bridge_extension_ratio_max')}).",
                )
            )
    return hits


def _side_bridge_norm(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    norms = {
        Side.LEFT: ("side_bridge_norm_left_s", t.side_bridge_norm_left_s),
        Side.RIGHT: ("side_bridge_norm_right_s", t.side_bridge_norm_right_s),
    }
    hits = []
    for side, value in _sides(a.tests.side_bridge_endurance_s):
        assert isinstance(value, float)
        name, norm = norms[side]
        if _x(value) < _x(norm):
            hits.append(
                Hit(
                    Imbalance.WEAK_LATERAL_TRUNK,
                    side,
                    f"{_cap(side)} side bridge {_n(value)} s is below the norm of {_n(norm)} s "
                    f"({t.source(name)}).",
                )
            )
    return hits


def _side_bridge_symmetry(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    sb = a.tests.side_bridge_endurance_s
    if sb is None or sb.left is None or sb.right is None or (sb.left == 0 and sb.right == 0):
        return []
    left, right = _x(sb.left), _x(sb.right)
    tol = _x(t.side_bridge_symmetry_tolerance)
    if left > 0 and abs(right / left - 1) <= tol:
        return []
    weaker = Side.LEFT if left < right else Side.RIGHT
    ratio = f"{_r(right / left)}" if left > 0 else "not measurable"
    return [
        Hit(
            Imbalance.WEAK_LATERAL_TRUNK,
            weaker,
            f"Side bridge right:left ratio is {ratio} (left {_n(sb.left)} s, right "
            f"{_n(sb.right)} s); it should be within {_r(tol)} of 1.0 "
            f"({t.source('side_bridge_symmetry_tolerance')}). The {weaker.value} side is weaker.",
        )
    ]


# --- flexibility --------------------------------------------------------------------------


def _thomas(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    return [
        Hit(
            Imbalance.TIGHT_HIP_FLEXORS,
            side,
            f"{_cap(side)} Thomas test is positive: the thigh rises above the horizontal, a "
            "sign of short hip flexors (Thomas test).",
        )
        for side, value in _sides(a.tests.thomas_test)
        if value == PosNeg.POSITIVE
    ]


def _ake(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    name = "ake_deficit_max_deg"
    if t.ake_sex_specific and a.client.sex is Sex.MALE:
        name = "ake_deficit_max_men_deg"
    elif t.ake_sex_specific and a.client.sex is Sex.FEMALE:
        name = "ake_deficit_max_women_deg"
    limit = getattr(t, name)
    hits = []
    for side, value in _sides(a.tests.active_knee_extension_deficit_deg):
        assert isinstance(value, float)
        if _x(value) > _x(limit):
            hits.append(
                Hit(
                    Imbalance.TIGHT_HAMSTRINGS,
                    side,
                    f"{_cap(side)} active knee extension lacks {_n(value)} deg of full "
                    f"extension; more than {_n(limit)} deg means tight hamstrings "
                    f"({t.source(name)}).",
                )
            )
    return hits


def _slr(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    hits = []
    for side, value in _sides(a.tests.straight_leg_raise_deg):
        assert isinstance(value, float)
        if _x(value) < _x(t.slr_min_deg):
            hits.append(
                Hit(
                    Imbalance.TIGHT_HAMSTRINGS,
                    side,
                    f"{_cap(side)} straight-leg raise reaches {_n(value)} deg, below "
                    f"{_n(t.slr_min_deg)} deg ({t.source('slr_min_deg')}).",
                )
            )
    return hits


# --- hip control and strength -------------------------------------------------------------


def _trendelenburg(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    return [
        Hit(
            Imbalance.WEAK_GLUTE_MED,
            side,
            f"Trendelenburg test is positive standing on the {side.value} leg: the pelvis drops "
            f"on the other side, so the {side.value} hip abductors are weak (Trendelenburg "
            "sign, stance side).",
        )
        for side, value in _sides(a.tests.trendelenburg)
        if value == PosNeg.POSITIVE
    ]


def _single_leg_squat(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    limit = t.single_leg_squat_finding_max
    hits = []
    for side, value in _sides(a.tests.single_leg_squat):
        assert isinstance(value, int)
        if value <= limit:
            hits.append(
                Hit(
                    Imbalance.WEAK_GLUTE_MED,
                    side,
                    f"{_cap(side)} single-leg squat scores {value} of 3: alignment or balance is "
                    f"lost; a score of {limit} or lower is a finding "
                    f"({t.source('single_leg_squat_finding_max')}).",
                )
            )
    return hits


def _lsi(
    a: AssessmentFile, th: ClinicalThresholds, test: str, muscles: str
) -> tuple[Side, str] | None:
    """Limb symmetry index = weaker / stronger x 100; the weaker side and a sentence, if low."""
    t = th.objective
    pair = getattr(a.tests, test)
    if pair is None or pair.left is None or pair.right is None:
        return None
    left, right = _x(pair.left), _x(pair.right)
    stronger = max(left, right)
    if stronger == 0:
        return None
    lsi = min(left, right) / stronger * 100
    if lsi >= _x(t.lsi_min_percent):
        return None
    weaker = Side.LEFT if left < right else Side.RIGHT
    return weaker, (
        f"{muscles.capitalize()} strength is {_n(lsi)}% on the {weaker.value} compared with the "
        f"other side (left {_n(pair.left)}, right {_n(pair.right)}); below "
        f"{_n(t.lsi_min_percent)}% is an asymmetry ({t.source('lsi_min_percent')})."
    )


def _lsi_rule(test: str, muscles: str, imbalance: Imbalance) -> Check:
    def check(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
        found = _lsi(a, th, test, muscles)
        return [Hit(imbalance, found[0], found[1])] if found else []

    return check


# --- lumbopelvic control ------------------------------------------------------------------


def _prone_instability(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    if a.tests.prone_instability_test != PosNeg.POSITIVE:
        return []
    return [
        Hit(
            Imbalance.POOR_LUMBOPELVIC_CONTROL,
            None,
            "Prone instability test is positive: resting pain eases when the back muscles "
            "switch on (prone instability test, LR+ 1.7).",
        )
    ]


def _aberrant(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    if a.tests.aberrant_movement is not True:
        return []
    return [
        Hit(
            Imbalance.POOR_LUMBOPELVIC_CONTROL,
            None,
            "Aberrant movement seen when bending forward: the low back is not controlled "
            "through the range (Hicks 2005 stabilisation rule item).",
        )
    ]


def _hicks(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.objective
    tests = a.tests
    slr = _sides(tests.straight_leg_raise_deg)
    met: list[str] = []
    if a.age < t.hicks_age_under:
        met.append(f"age {a.age} under {t.hicks_age_under}")
    if slr:
        mean = sum(_x(v) for _, v in slr) / len(slr)  # type: ignore[arg-type]
        if mean > _x(t.hicks_slr_over_deg):
            met.append(f"straight-leg raise {_n(mean)} deg over {_n(t.hicks_slr_over_deg)} deg")
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
        )
    ]


# --- lumbar range -------------------------------------------------------------------------


def _lumbar_rom(test: str, norm_name: str, movement: str) -> Check:
    def check(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
        t = th.objective
        value = getattr(a.tests, test)
        norm = getattr(t, norm_name)
        if value is None or _x(value) >= _x(norm):
            return []
        return [
            Hit(
                Imbalance.REDUCED_LUMBAR_MOBILITY,
                None,
                f"Lumbar {movement} {_n(value)} deg is below the rough norm of {_n(norm)} deg "
                f"({t.source(norm_name)}).",
            )
        ]

    return check


# --- running load -------------------------------------------------------------------------


def _weekly_increase(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    """This week's distance against the week 4 weeks ago (the running profile's ``previous``).

    The trigger is the issue's "weekly increase > limit" on those two weeks; Nielsen 2014's
    30% is a rise from one week to the next, so the sentence names the weeks compared rather
    than calling it one week's rise.
    """
    t = th.running
    r = a.running
    if r is None or r.weekly_km_previous is None:
        return []
    now, before = _x(r.weekly_km), _x(r.weekly_km_previous)
    limit = _x(t.weekly_increase_max_percent)
    compared = f"4 weeks ago ({_n(before)} -> {_n(now)} km)"
    if before == 0:
        if now == 0:
            return []
        change = f"Weekly running started from no running {compared}"
    else:
        percent = (now - before) / before * 100
        if percent <= limit:
            return []
        change = f"Weekly running distance is {_n(percent)}% higher than {compared}"
    source = t.source("weekly_increase_max_percent")
    if source == CLINIC_SETTING:
        basis = f"the clinic's limit is a {_n(limit)}% rise ({source})"
    else:
        basis = (
            f"{source}: week-to-week rises over {_n(limit)}% raised injury risk in novice runners"
        )
    return [Hit(Imbalance.LOAD_MANAGEMENT, None, f"{change}; {basis}.")]


def _shoes(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.running
    r = a.running
    if r is None or r.shoe_km is None or _x(r.shoe_km) <= _x(t.shoe_replace_max_km):
        return []
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            f"Running shoes have done {_n(r.shoe_km)} km, past the {_n(t.shoe_replace_max_km)} km "
            f"replacement point ({t.source('shoe_replace_max_km')}).",
        )
    ]


def _warm_up(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    r = a.running
    if r is None or r.warm_up is not False:
        return []
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            "Runs start without a warm-up (running profile).",
        )
    ]


def _rest_days(a: AssessmentFile, th: ClinicalThresholds) -> list[Hit]:
    t = th.running
    r = a.running
    if r is None or r.rest_days_per_week is None or r.rest_days_per_week >= t.rest_days_min:
        return []
    return [
        Hit(
            Imbalance.LOAD_MANAGEMENT,
            None,
            f"{r.rest_days_per_week} rest days a week; at least {t.rest_days_min} is advised "
            f"({t.source('rest_days_min')}).",
        )
    ]


_I = Imbalance

RULES: tuple[ImbalanceRule, ...] = (
    ImbalanceRule("trunk flexor endurance below norm", _I.WEAK_TRUNK_FLEXORS, _flexor_norm),
    ImbalanceRule("back extensor endurance below minimum", _I.WEAK_TRUNK_EXTENSORS, _extensor_min),
    ImbalanceRule(
        "flexion:extension ratio too high", _I.WEAK_TRUNK_EXTENSORS, _flexion_extension_ratio
    ),
    ImbalanceRule(
        "side bridge:extension ratio too high",
        _I.WEAK_TRUNK_EXTENSORS,
        _side_bridge_extension_ratio,
    ),
    ImbalanceRule("side bridge below norm", _I.WEAK_LATERAL_TRUNK, _side_bridge_norm),
    ImbalanceRule("side bridge left/right asymmetry", _I.WEAK_LATERAL_TRUNK, _side_bridge_symmetry),
    ImbalanceRule(
        "prone instability test positive", _I.POOR_LUMBOPELVIC_CONTROL, _prone_instability
    ),
    ImbalanceRule("aberrant movement", _I.POOR_LUMBOPELVIC_CONTROL, _aberrant),
    ImbalanceRule("stabilisation rule met", _I.POOR_LUMBOPELVIC_CONTROL, _hicks),
    ImbalanceRule(
        "hip extension strength asymmetry",
        _I.WEAK_GLUTE_MAX,
        _lsi_rule("hip_extension_strength", "hip extension", _I.WEAK_GLUTE_MAX),
    ),
    ImbalanceRule("Trendelenburg positive (stance side)", _I.WEAK_GLUTE_MED, _trendelenburg),
    ImbalanceRule("single-leg squat alignment lost", _I.WEAK_GLUTE_MED, _single_leg_squat),
    ImbalanceRule(
        "hip abduction strength asymmetry",
        _I.WEAK_GLUTE_MED,
        _lsi_rule("hip_abduction_strength", "hip abduction", _I.WEAK_GLUTE_MED),
    ),
    ImbalanceRule("Thomas test positive", _I.TIGHT_HIP_FLEXORS, _thomas),
    ImbalanceRule("active knee extension deficit", _I.TIGHT_HAMSTRINGS, _ake),
    ImbalanceRule("straight-leg raise limited", _I.TIGHT_HAMSTRINGS, _slr),
    ImbalanceRule(
        "hip abduction limb symmetry index low",
        _I.HIP_STRENGTH_ASYMMETRY,
        _lsi_rule("hip_abduction_strength", "hip abduction", _I.HIP_STRENGTH_ASYMMETRY),
    ),
    ImbalanceRule(
        "hip extension limb symmetry index low",
        _I.HIP_STRENGTH_ASYMMETRY,
        _lsi_rule("hip_extension_strength", "hip extension", _I.HIP_STRENGTH_ASYMMETRY),
    ),
    ImbalanceRule(
        "lumbar flexion limited",
        _I.REDUCED_LUMBAR_MOBILITY,
        _lumbar_rom("lumbar_flexion_deg", "lumbar_flexion_norm_deg", "flexion"),
    ),
    ImbalanceRule(
        "lumbar extension limited",
        _I.REDUCED_LUMBAR_MOBILITY,
        _lumbar_rom("lumbar_extension_deg", "lumbar_extension_norm_deg", "extension"),
    ),
    ImbalanceRule("weekly distance rose too fast", _I.LOAD_MANAGEMENT, _weekly_increase),
    ImbalanceRule("shoes past replacement", _I.LOAD_MANAGEMENT, _shoes),
    ImbalanceRule("no warm-up before runs", _I.LOAD_MANAGEMENT, _warm_up),
    ImbalanceRule("no rest day", _I.LOAD_MANAGEMENT, _rest_days),
)


def merged_side(sides: list[Side | None]) -> Side | None:
    """One side for an imbalance found by several rules: both once left and right are seen."""
    named = {s for s in sides if s is not None}
    if not named:
        return None
    if len(named) == 1:
        return named.pop()
    return Side.BOTH


def find_imbalances(a: AssessmentFile, policy: ClinicPolicy) -> list[ImbalanceFinding]:
    """All imbalances, in vocabulary order, each once with every piece of evidence behind it."""
    hits: list[Hit] = []
    for rule in RULES:
        for hit in rule.check(a, policy.thresholds):
            assert hit.imbalance is rule.imbalance, f"rule '{rule.finding}' yields its own code"
            hits.append(hit)
    out = []
    for code in Imbalance:
        mine = [h for h in hits if h.imbalance is code]
        if mine:
            out.append(
                ImbalanceFinding(
                    code, merged_side([h.side for h in mine]), [h.evidence for h in mine]
                )
            )
    return out
