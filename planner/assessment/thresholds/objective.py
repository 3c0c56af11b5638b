"""Cut-offs for the objective tests (torso endurance, flexibility, nerve, hip control, range).

Values from shared/clinical-facts.md, "Objective tests" and "Added:". Items marked [U] there are
uncertain and meant to be tuned per clinic.

Torso endurance is judged against the norms of the client's population
(:class:`NormSet`): McGill 1999 healthy young adults by sex for everyone, Evans 2007 athlete
norms only for a client recorded as a trained athlete. The clinic may choose one set for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.assessment.thresholds._base import ThresholdGroup, sourced

MCGILL = "McGill 1999 torso endurance ratios"
MCGILL_NORMS = "McGill 1999, healthy young adults [U]"
EVANS = "Evans 2007 athlete norms"
CLINIC = "clinic default (no published source)"


class TrunkNorms(StrEnum):
    """Which torso endurance norms a clinic judges by."""

    BY_POPULATION = "by_population"  # by sex; athletes against athlete norms
    GENERAL_ADULTS = "general_adults"  # by sex, even for athletes
    ATHLETES = "athletes"  # athlete norms for everyone


class NormSetCode(StrEnum):
    MCGILL_1999_MEN = "mcgill_1999_men"
    MCGILL_1999_WOMEN = "mcgill_1999_women"
    EVANS_2007_ATHLETES = "evans_2007_athletes"


@dataclass(frozen=True)
class NormSet:
    """One population's mean torso endurance times, each with the threshold name it comes
    from (so a finding can cite the source, or say the clinic changed it)."""

    code: NormSetCode
    label: str
    # (threshold name, seconds) for each test
    flexor: tuple[str, float]
    extensor: tuple[str, float]
    side_bridge_left: tuple[str, float]
    side_bridge_right: tuple[str, float]

    def total(self) -> float:
        return sum(v for _, v in (self.flexor, self.extensor, self.side_bridge_left,
                                   self.side_bridge_right))  # fmt: skip


_LABELS = {
    NormSetCode.MCGILL_1999_MEN: "McGill 1999 norms for healthy men",
    NormSetCode.MCGILL_1999_WOMEN: "McGill 1999 norms for healthy women",
    NormSetCode.EVANS_2007_ATHLETES: "Evans 2007 norms for trained athletes",
}


class ObjectiveThresholds(ThresholdGroup):
    # Which torso endurance norms apply (see TrunkNorms).
    trunk_norms: TrunkNorms = sourced(
        TrunkNorms.BY_POPULATION,
        "clinical-facts.md, Added: trunk endurance norms by population",
        "Trunk endurance norms: by population, general adults or athletes",
    )
    # McGill 1999, healthy young adults (31 men, 44 women), mean seconds [U].
    mcgill_men_flexor_s: float = sourced(144, MCGILL_NORMS, "Men: trunk flexor norm (s)", ge=0)
    mcgill_men_extensor_s: float = sourced(146, MCGILL_NORMS, "Men: back extensor norm (s)", ge=0)
    mcgill_men_side_bridge_left_s: float = sourced(
        97, MCGILL_NORMS, "Men: left side bridge norm (s)", ge=0
    )
    mcgill_men_side_bridge_right_s: float = sourced(
        94, MCGILL_NORMS, "Men: right side bridge norm (s)", ge=0
    )
    mcgill_women_flexor_s: float = sourced(149, MCGILL_NORMS, "Women: trunk flexor norm (s)", ge=0)
    mcgill_women_extensor_s: float = sourced(
        189, MCGILL_NORMS, "Women: back extensor norm (s)", ge=0
    )
    mcgill_women_side_bridge_left_s: float = sourced(
        77, MCGILL_NORMS, "Women: left side bridge norm (s)", ge=0
    )
    mcgill_women_side_bridge_right_s: float = sourced(
        72, MCGILL_NORMS, "Women: right side bridge norm (s)", ge=0
    )
    # Evans 2007, trained athletes (the first three keep their version 1 setting names).
    flexor_endurance_norm_s: float = sourced(224, EVANS, "Athletes: trunk flexor norm (s)", ge=0)
    athlete_extensor_norm_s: float = sourced(163, EVANS, "Athletes: back extensor norm (s)", ge=0)
    side_bridge_norm_left_s: float = sourced(
        103, EVANS, "Athletes: left side bridge norm (s)", ge=0
    )
    side_bridge_norm_right_s: float = sourced(
        104, EVANS, "Athletes: right side bridge norm (s)", ge=0
    )
    # Biering-Sorensen: in men, under 176 s predicted a first episode of low back pain within a
    # year. A risk to mention for men, not a population norm, so it is a note, not a finding.
    extensor_endurance_min_s: float = sourced(
        176, "Biering-Sorensen 1984", "Men: back extensor time below which to note the risk (s)",
        ge=0,
    )  # fmt: skip
    # Ratios expected in healthy backs: flexion:extension below 1.0, side bridge:extension
    # below 0.75, side bridge right:left within 0.05 of 1.0 [U].
    flexion_extension_ratio_max: float = sourced(
        1.0, MCGILL, "Flexion:extension ratio must stay below", gt=0
    )
    side_bridge_extension_ratio_max: float = sourced(
        0.75, MCGILL, "Side bridge:extension ratio must stay below", gt=0
    )
    side_bridge_symmetry_tolerance: float = sourced(
        0.05, MCGILL, "Side bridge right:left may differ from 1.0 by at most", ge=0
    )

    # Active knee extension (90/90): a deficit over 20 deg means tight hamstrings. Yildirim 2018
    # gives sex-specific cut-offs, used when the clinic switches them on.
    ake_deficit_max_deg: float = sourced(20, "AKE 90/90 common cut-off", "AKE deficit max (deg)")
    ake_sex_specific: bool = sourced(False, "Yildirim 2018", "Use sex-specific AKE cut-offs")
    ake_deficit_max_men_deg: float = sourced(33.0, "Yildirim 2018", "AKE deficit max, men (deg)")
    ake_deficit_max_women_deg: float = sourced(
        23.4, "Yildirim 2018", "AKE deficit max, women (deg)"
    )
    # Passive straight-leg raise under 70 deg counts as tight [U], judged only when the raise
    # brings on no leg symptoms (clinical-facts.md, Added: a positive SLR is the nerve).
    slr_min_deg: float = sourced(70, "passive SLR norm", "SLR minimum (deg)")

    # Frohm/Kivlan single-leg squat: 1 (alignment or balance lost) is a glute med finding.
    single_leg_squat_finding_max: int = sourced(
        1, "Frohm/Kivlan single-leg squat", "Single-leg squat score at or below this is a finding"
    )
    # Limb symmetry index = weaker / stronger x 100; below 90% is an asymmetry (return-to-sport
    # convention; no low-back-pain-specific value found) [U].
    lsi_min_percent: float = sourced(
        90, "return-to-sport limb symmetry convention", "Limb symmetry index minimum (%)"
    )

    # Hicks stabilisation rule: age < 40, SLR > 91 deg, aberrant movement, positive prone
    # instability test; 3 or more of the 4 -> LR+ 4.0.
    hicks_age_under: int = sourced(40, "Hicks 2005 stabilisation rule", "Hicks rule: age below")
    hicks_slr_over_deg: float = sourced(91, "Hicks 2005 stabilisation rule", "Hicks rule: SLR over")
    hicks_min_criteria: int = sourced(
        3, "Hicks 2005 stabilisation rule", "Hicks rule: criteria needed", ge=1, le=4
    )

    # Rough lumbar range norms [U].
    lumbar_flexion_norm_deg: float = sourced(60, "rough lumbar range norms", "Lumbar flexion norm")
    lumbar_extension_norm_deg: float = sourced(
        25, "rough lumbar range norms", "Lumbar extension norm"
    )
    # Seated thoracic rotation: clinical-facts.md gives no norm; about 45 deg each way is the
    # usual clinical expectation for adults [U].
    thoracic_rotation_min_deg: float = sourced(
        45, "[U] clinic default: seated thoracic rotation", "Thoracic rotation minimum (deg)", ge=0
    )

    def norm_set(self, code: NormSetCode) -> NormSet:
        def pick(name: str) -> tuple[str, float]:
            return name, float(getattr(self, name))

        if code is NormSetCode.EVANS_2007_ATHLETES:
            names = ("flexor_endurance_norm_s", "athlete_extensor_norm_s",
                     "side_bridge_norm_left_s", "side_bridge_norm_right_s")  # fmt: skip
        else:
            sex = "men" if code is NormSetCode.MCGILL_1999_MEN else "women"
            names = tuple(
                f"mcgill_{sex}_{test}_s"
                for test in ("flexor", "extensor", "side_bridge_left", "side_bridge_right")
            )
        flexor, extensor, left, right = (pick(n) for n in names)
        return NormSet(code, _LABELS[code], flexor, extensor, left, right)
