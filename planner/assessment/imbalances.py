"""From test results to imbalances: every rule in one table.

Each rule reads one measurement from the assessment and, when it fails, yields a
:class:`~planner.assessment.rules.common.Hit`: the imbalance code, the side, and a sentence
naming the measured values, the threshold and where the threshold comes from. A clinician who
disagrees with a finding can see exactly which number crossed which line. The rules live by
area in :mod:`planner.assessment.rules`.

One measurement supports one finding: when a second, related finding rests on the same
measurement (a hip abduction asymmetry is both weak gluteus medius and a hip strength
asymmetry), it refers to the first instead of repeating its sentence. A finding's side is the
side its tests name: an asymmetry or a one-sided test outranks a comparison of each side with a
population norm, so a left/right difference names the weaker side even when both sides are
below the norm.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise_library.vocabulary import Imbalance, Side, TestCode
from planner.assessment.model import AssessmentFile
from planner.assessment.rules import legs, running, trunk
from planner.assessment.rules.common import Check, Hit
from planner.assessment.thresholds.objective import NormSetCode
from planner.policy import ClinicPolicy


@dataclass(frozen=True)
class ImbalanceFinding:
    code: Imbalance
    side: Side | None
    evidence: list[str]
    # The population norms a time was judged against (None: no norm was used).
    norm_set: NormSetCode | None = None
    # The measurements behind it (test codes, or the ratio or rule built from them).
    measurements: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        side = f" ({self.side.value})" if self.side is not None else ""
        return f"{self.code.label.lower()}{side}"


@dataclass(frozen=True)
class ImbalanceRule:
    finding: str
    imbalance: Imbalance
    check: Check


_I = Imbalance

RULES: tuple[ImbalanceRule, ...] = (
    ImbalanceRule("trunk endurance below the population norm", _I.WEAK_TRUNK_FLEXORS,
                  trunk.endurance_norms),
    ImbalanceRule("back extensor endurance below the population norm", _I.WEAK_TRUNK_EXTENSORS,
                  trunk.endurance_norms),
    ImbalanceRule("flexion:extension ratio too high", _I.WEAK_TRUNK_EXTENSORS,
                  trunk.flexion_extension_ratio),
    ImbalanceRule("side bridge:extension ratio too high", _I.WEAK_TRUNK_EXTENSORS,
                  trunk.side_bridge_extension_ratio),
    ImbalanceRule("side bridge below the population norm", _I.WEAK_LATERAL_TRUNK,
                  trunk.endurance_norms),
    ImbalanceRule("side bridge left/right asymmetry", _I.WEAK_LATERAL_TRUNK,
                  trunk.side_bridge_symmetry),
    ImbalanceRule("prone instability test positive", _I.POOR_LUMBOPELVIC_CONTROL,
                  legs.prone_instability),
    ImbalanceRule("aberrant movement", _I.POOR_LUMBOPELVIC_CONTROL, legs.aberrant),
    ImbalanceRule("stabilisation rule met", _I.POOR_LUMBOPELVIC_CONTROL, legs.hicks),
    ImbalanceRule("hip extension strength asymmetry", _I.WEAK_GLUTE_MAX,
                  legs.limb_symmetry("hip_extension_strength", "hip extension", _I.WEAK_GLUTE_MAX)),
    ImbalanceRule("Trendelenburg positive (stance side)", _I.WEAK_GLUTE_MED, legs.trendelenburg),
    ImbalanceRule("single-leg squat alignment lost", _I.WEAK_GLUTE_MED, legs.single_leg_squat),
    ImbalanceRule("hip abduction strength asymmetry", _I.WEAK_GLUTE_MED,
                  legs.limb_symmetry("hip_abduction_strength", "hip abduction", _I.WEAK_GLUTE_MED)),
    ImbalanceRule("Thomas test positive", _I.TIGHT_HIP_FLEXORS, legs.thomas),
    ImbalanceRule("active knee extension deficit", _I.TIGHT_HAMSTRINGS, legs.ake),
    ImbalanceRule("symptom-free straight-leg raise limited", _I.TIGHT_HAMSTRINGS, legs.slr),
    ImbalanceRule("hip abduction limb symmetry index low", _I.HIP_STRENGTH_ASYMMETRY,
                  legs.limb_symmetry("hip_abduction_strength", "hip abduction",
                                     _I.HIP_STRENGTH_ASYMMETRY)),
    ImbalanceRule("hip extension limb symmetry index low", _I.HIP_STRENGTH_ASYMMETRY,
                  legs.limb_symmetry("hip_extension_strength", "hip extension",
                                     _I.HIP_STRENGTH_ASYMMETRY)),
    ImbalanceRule("lumbar flexion limited", _I.REDUCED_LUMBAR_MOBILITY,
                  trunk.lumbar_range("lumbar_flexion_deg", "lumbar_flexion_norm_deg", "flexion")),
    ImbalanceRule("lumbar extension limited", _I.REDUCED_LUMBAR_MOBILITY,
                  trunk.lumbar_range("lumbar_extension_deg", "lumbar_extension_norm_deg",
                                     "extension")),
    ImbalanceRule("thoracic rotation limited", _I.REDUCED_THORACIC_MOBILITY,
                  trunk.thoracic_rotation),
    ImbalanceRule("nerve test positive", _I.NEURAL_SENSITIVITY, legs.neural_sensitivity),
    ImbalanceRule("weekly distance rose too fast from last week", _I.LOAD_MANAGEMENT,
                  running.week_to_week),
    ImbalanceRule("weekly distance rose too fast over 4 weeks", _I.LOAD_MANAGEMENT,
                  running.four_weeks),
    ImbalanceRule("longest run too far beyond the last 30 days", _I.LOAD_MANAGEMENT,
                  running.longest_run),
    ImbalanceRule("shoes due for replacement", _I.LOAD_MANAGEMENT, running.shoes),
    ImbalanceRule("no warm-up before runs", _I.LOAD_MANAGEMENT, running.warm_up),
    ImbalanceRule("no rest day", _I.LOAD_MANAGEMENT, running.rest_days),
)  # fmt: skip


def merged_side(sides: list[Side | None]) -> Side | None:
    """One side for an imbalance found by several rules: both once left and right are seen."""
    named = {s for s in sides if s is not None}
    if not named:
        return None
    if len(named) == 1:
        return named.pop()
    return Side.BOTH


def _side(hits: list[Hit]) -> Side | None:
    """The sides the one-sided tests and asymmetries name; norm comparisons only without them."""
    specific = [h.side for h in hits if h.side is not None and not h.side_from_norm]
    return merged_side(specific) if specific else merged_side([h.side for h in hits])


def _measurement_words(measurement: str) -> str:
    try:
        return TestCode(measurement).label.lower()
    except ValueError:
        return measurement.replace("_", " ")


def _all_hits(a: AssessmentFile, policy: ClinicPolicy) -> list[Hit]:
    """Every rule's hits of its own imbalance (a check shared by rows serves each its own)."""
    return [
        hit for rule in RULES for hit in rule.check(a, policy) if hit.imbalance is rule.imbalance
    ]


def find_imbalances(a: AssessmentFile, policy: ClinicPolicy) -> list[ImbalanceFinding]:
    """All imbalances, in vocabulary order, each once with every piece of evidence behind it."""
    hits = _all_hits(a, policy)
    order = {code: n for n, code in enumerate(Imbalance)}
    # The first finding (in vocabulary order) a measurement supports is its owner.
    owner: dict[str, Imbalance] = {}
    for hit in sorted(hits, key=lambda h: order[h.imbalance]):
        owner.setdefault(hit.measurement, hit.imbalance)
    by_code: dict[Imbalance, list[Hit]] = {}
    for hit in hits:
        by_code.setdefault(hit.imbalance, []).append(hit)
    sides = {code: _side(mine) for code, mine in by_code.items()}
    out = []
    for code in Imbalance:
        mine = by_code.get(code)
        if not mine:
            continue
        evidence: list[str] = []
        for hit in mine:
            first = owner[hit.measurement]
            if first is code:
                evidence.append(hit.evidence)
                continue
            side = sides[first]
            where = f" ({side.value})" if side is not None else ""
            evidence.append(
                f"The same {_measurement_words(hit.measurement)} measurement as for "
                f"{first.label.lower()}{where}, shown there."
            )
        norm = next((h.norm_set for h in mine if h.norm_set is not None), None)
        measured = tuple(dict.fromkeys(h.measurement for h in mine))
        out.append(
            ImbalanceFinding(code, sides[code], list(dict.fromkeys(evidence)), norm, measured)
        )
    return out
