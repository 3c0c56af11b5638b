"""Cut-offs for the objective tests (torso endurance, flexibility, hip control, range).

Values from shared/clinical-facts.md, "Objective tests". Items marked [U] there are uncertain
and meant to be tuned per clinic. The endurance norms are Evans 2007 athlete values: a clinic
seeing mostly untrained clients will want lower ones.
"""

from __future__ import annotations

from planner.assessment.thresholds._base import ThresholdGroup, sourced

MCGILL = "McGill 1999 torso endurance ratios"
EVANS = "Evans 2007 athlete norms"


class ObjectiveThresholds(ThresholdGroup):
    # McGill torso endurance: times below these norms count as weak [U for non-athletes].
    flexor_endurance_norm_s: float = sourced(224, EVANS, "Trunk flexor endurance norm (s)", ge=0)
    side_bridge_norm_left_s: float = sourced(103, EVANS, "Left side bridge norm (s)", ge=0)
    side_bridge_norm_right_s: float = sourced(104, EVANS, "Right side bridge norm (s)", ge=0)
    # Biering-Sorensen: in men, under 176 s predicted low back pain within a year.
    extensor_endurance_min_s: float = sourced(
        176, "Biering-Sorensen 1984", "Back extensor endurance minimum (s)", ge=0
    )
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
    # Passive straight-leg raise under 70 deg counts as tight [U].
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
