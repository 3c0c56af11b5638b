"""The clinic's stable codes, one enum per vocabulary.

These codes appear in data files, exchange files, the database and printed documents, so they
are never renamed or reused; new ones are appended. The source list is
``shared/clinical-vocabulary.md``. Each member carries a human label (and, where it helps the
client handout, a plain-language explanation) so no other package has to invent wording.
"""

from __future__ import annotations

from enum import StrEnum


class _Coded(StrEnum):
    """A StrEnum whose members know their human label."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


class Modality(_Coded):
    PILATES = "pilates"
    STRENGTH = "strength"
    YOGA = "yoga"
    CROSS_TRAINING = "cross_training"
    MOBILITY = "mobility"
    WARM_UP = "warm_up"
    CARDIO = "cardio"


class Imbalance(_Coded):
    WEAK_TRUNK_FLEXORS = "weak_trunk_flexors"
    WEAK_TRUNK_EXTENSORS = "weak_trunk_extensors"
    WEAK_LATERAL_TRUNK = "weak_lateral_trunk"
    POOR_LUMBOPELVIC_CONTROL = "poor_lumbopelvic_control"
    WEAK_GLUTE_MAX = "weak_glute_max"
    WEAK_GLUTE_MED = "weak_glute_med"
    TIGHT_HIP_FLEXORS = "tight_hip_flexors"
    TIGHT_HAMSTRINGS = "tight_hamstrings"
    HIP_STRENGTH_ASYMMETRY = "hip_strength_asymmetry"
    REDUCED_LUMBAR_MOBILITY = "reduced_lumbar_mobility"
    REDUCED_THORACIC_MOBILITY = "reduced_thoracic_mobility"
    LOAD_MANAGEMENT = "load_management"
    NEURAL_SENSITIVITY = "neural_sensitivity"


class RedFlag(_Coded):
    # urgent
    CAUDA_EQUINA_SIGNS = "cauda_equina_signs"
    PROGRESSIVE_NEURO_DEFICIT = "progressive_neuro_deficit"
    BILATERAL_LEG_SYMPTOMS = "bilateral_leg_symptoms"
    # prompt
    TRAUMA_ONSET = "trauma_onset"
    FEVER_OR_SYSTEMIC_ILLNESS = "fever_or_systemic_illness"
    UNEXPLAINED_WEIGHT_LOSS = "unexplained_weight_loss"
    HISTORY_OF_CANCER = "history_of_cancer"
    NIGHT_PAIN_UNRELIEVED = "night_pain_unrelieved"
    BACK_SWELLING_OR_REDNESS = "back_swelling_or_redness"
    NEW_LUMP = "new_lump"
    LEG_NUMBNESS_OR_WEAKNESS = "leg_numbness_or_weakness"
    PAIN_RADIATING_BELOW_KNEE = "pain_radiating_below_knee"
    AGE_UNDER_20_OR_OVER_55_NEW_ONSET = "age_under_20_or_over_55_new_onset"
    IMMUNOSUPPRESSION = "immunosuppression"
    LONG_TERM_STEROID_USE = "long_term_steroid_use"
    # Added from clinical-facts.md, "Red flags -> referral level" (appended: codes never move).
    # urgent
    SEVERE_NEURO_DEFICIT = "severe_neuro_deficit"
    GAIT_DISTURBANCE = "gait_disturbance"
    # prompt
    IV_DRUG_USE = "iv_drug_use"
    RECENT_INFECTION_OR_SURGERY = "recent_infection_or_surgery"
    THORACIC_PAIN = "thoracic_pain"
    STRUCTURAL_DEFORMITY = "structural_deformity"
    WIDESPREAD_NEUROLOGY = "widespread_neurology"


class Condition(_Coded):
    DISC_HERNIATION = "disc_herniation"
    SPINAL_STENOSIS = "spinal_stenosis"
    SPONDYLOLISTHESIS = "spondylolisthesis"
    SACROILIAC_JOINT_PAIN = "sacroiliac_joint_pain"
    OSTEOPOROSIS = "osteoporosis"
    PREGNANCY = "pregnancy"
    HYPERTENSION = "hypertension"
    RECENT_SPINAL_SURGERY = "recent_spinal_surgery"
    ACUTE_MUSCLE_STRAIN = "acute_muscle_strain"
    ARTHRITIS_SPINE = "arthritis_spine"
    PELVIC_GIRDLE_PAIN = "pelvic_girdle_pain"
    RADICULAR_PAIN = "radicular_pain"


class Equipment(_Coded):
    NONE = "none"
    MAT = "mat"
    RESISTANCE_BAND = "resistance_band"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    CABLE_MACHINE = "cable_machine"
    LEG_PRESS_MACHINE = "leg_press_machine"
    LEG_CURL_MACHINE = "leg_curl_machine"
    FOAM_ROLLER = "foam_roller"
    SWISS_BALL = "swiss_ball"
    STEP_OR_STAIRS = "step_or_stairs"
    BENCH = "bench"
    POOL = "pool"
    BICYCLE = "bicycle"
    CHAIR = "chair"
    WALL = "wall"


class Target(_Coded):
    TRUNK_FLEXORS = "trunk_flexors"
    OBLIQUES = "obliques"
    TRANSVERSUS_ABDOMINIS = "transversus_abdominis"
    ERECTOR_SPINAE = "erector_spinae"
    MULTIFIDUS = "multifidus"
    QUADRATUS_LUMBORUM = "quadratus_lumborum"
    GLUTE_MAX = "glute_max"
    GLUTE_MED = "glute_med"
    HIP_FLEXORS = "hip_flexors"
    HAMSTRINGS = "hamstrings"
    QUADRICEPS = "quadriceps"
    ADDUCTORS = "adductors"
    CALVES = "calves"
    THORACIC_SPINE = "thoracic_spine"
    LUMBAR_SPINE = "lumbar_spine"
    HIPS = "hips"
    SHOULDERS = "shoulders"
    CHEST = "chest"
    UPPER_BACK = "upper_back"
    WHOLE_BODY = "whole_body"


class Position(_Coded):
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side_lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    HALF_KNEELING = "half_kneeling"
    SITTING = "sitting"
    STANDING = "standing"
    IN_WATER = "in_water"
    ON_BIKE = "on_bike"


class Impact(_Coded):
    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class SpinalDemand(_Coded):
    """How far and how hard an exercise takes the spine in one direction.

    ``gentle`` stays in mid-range without load; ``end_range`` reaches the end of the range;
    ``loaded`` moves or holds that direction against external load or high force. The
    movement features the condition matrix keys on derive from these values
    (:mod:`exercise_library.features`).
    """

    NONE = "none"
    GENTLE = "gentle"
    END_RANGE = "end_range"
    LOADED = "loaded"


class MovementFeature(_Coded):
    """What an exercise asks of the body; the condition matrix in planner keys on these.

    Some follow from other tags and are never written in a data file (see
    :mod:`exercise_library.features`): lying on the back or face down from the position,
    loaded or full-range bending, arching and twisting from the spine demands, impact from
    the impact level, and one-sided pelvic load from half-kneeling. The rest are tagged by hand.
    """

    LOADED_FLEXION = "loaded_flexion"
    END_RANGE_FLEXION = "end_range_flexion"
    LOADED_ROTATION = "loaded_rotation"
    END_RANGE_ROTATION = "end_range_rotation"
    LOADED_EXTENSION = "loaded_extension"
    END_RANGE_EXTENSION = "end_range_extension"
    IMPACT = "impact"
    SUPINE = "supine"
    PRONE = "prone"
    INVERSION = "inversion"
    ASYMMETRIC_PELVIC_LOAD = "asymmetric_pelvic_load"
    WIDE_STANCE = "wide_stance"
    FALL_RISK = "fall_risk"
    SUSTAINED_HAMSTRING_STRETCH = "sustained_hamstring_stretch"
    NEURAL_TENSION = "neural_tension"
    BREATH_HOLDING_STRAIN = "breath_holding_strain"

    @property
    def label(self) -> str:
        # Their own table: 'supine' and 'prone' are also positions, labelled differently.
        return _FEATURE_LABELS[self.value]


class Behaviour(_Coded):
    """How planner treats an exercise when it builds doses and schedules, read from these tags
    and never from its code, so a clinic's copy or its own new exercise behaves the same.

    ``mcgill_big_three``: McGill's curl-up, side bridge and bird dog (10 s holds kept, holds
    added per set). ``stretch``: a static stretch or held stretch pose (built to a total time
    per muscle). ``hold``: an isometric hold that grows by seconds held. ``walk_jog``: a step
    of the walk/jog return-to-run ladder; ``continuous_run``: continuous running, the ladder's
    end; ``running``: any other run. All three count as runs (a rest day between runs, the
    weekly running limit, the running pain rule). ``run_warm_up``: readies the legs for a run.
    ``walk``: a walk or a loaded carry, dosed by time or distance walked. ``nerve_slider``: a
    nerve glide of the slider kind, moving and never held, offered while a nerve is irritable
    (Coppieters & Butler 2008: sliders before tensioners).
    """

    MCGILL_BIG_THREE = "mcgill_big_three"
    STRETCH = "stretch"
    HOLD = "hold"
    WALK_JOG = "walk_jog"
    CONTINUOUS_RUN = "continuous_run"
    RUNNING = "running"
    RUN_WARM_UP = "run_warm_up"
    WALK = "walk"
    NERVE_SLIDER = "nerve_slider"


class Side(_Coded):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class TestCode(_Coded):
    TRUNK_FLEXOR_ENDURANCE_S = "trunk_flexor_endurance_s"
    TRUNK_EXTENSOR_ENDURANCE_S = "trunk_extensor_endurance_s"
    SIDE_BRIDGE_ENDURANCE_S = "side_bridge_endurance_s"
    THOMAS_TEST = "thomas_test"
    ACTIVE_KNEE_EXTENSION_DEFICIT_DEG = "active_knee_extension_deficit_deg"
    STRAIGHT_LEG_RAISE_DEG = "straight_leg_raise_deg"
    TRENDELENBURG = "trendelenburg"
    SINGLE_LEG_SQUAT = "single_leg_squat"
    HIP_ABDUCTION_STRENGTH = "hip_abduction_strength"
    HIP_EXTENSION_STRENGTH = "hip_extension_strength"
    PRONE_INSTABILITY_TEST = "prone_instability_test"
    ABERRANT_MOVEMENT = "aberrant_movement"
    LUMBAR_FLEXION_DEG = "lumbar_flexion_deg"
    LUMBAR_EXTENSION_DEG = "lumbar_extension_deg"
    SLR_REPRODUCES = "slr_reproduces"
    SLUMP_TEST = "slump_test"
    CROSSED_SLR = "crossed_slr"
    NEURO_EXAM = "neuro_exam"
    DIRECTIONAL_PREFERENCE = "directional_preference"
    CENTRALISES = "centralises"
    THORACIC_ROTATION_DEG = "thoracic_rotation_deg"


_LABELS: dict[str, str] = {
    # modalities
    "cross_training": "Cross-training",
    "warm_up": "Warm-up",
    # imbalances
    "weak_trunk_flexors": "Weak trunk flexors",
    "weak_trunk_extensors": "Weak back extensors",
    "weak_lateral_trunk": "Weak side trunk",
    "poor_lumbopelvic_control": "Poor lumbopelvic control",
    "weak_glute_max": "Weak gluteus maximus",
    "weak_glute_med": "Weak gluteus medius",
    "tight_hip_flexors": "Tight hip flexors",
    "tight_hamstrings": "Tight hamstrings",
    "hip_strength_asymmetry": "Hip strength asymmetry",
    "reduced_lumbar_mobility": "Reduced lumbar mobility",
    "reduced_thoracic_mobility": "Reduced thoracic mobility",
    "load_management": "Training load error",
    "neural_sensitivity": "Neural sensitivity",
    # conditions
    "disc_herniation": "Disc herniation",
    "spinal_stenosis": "Spinal stenosis",
    "spondylolisthesis": "Spondylolisthesis",
    "sacroiliac_joint_pain": "Sacroiliac joint pain",
    "recent_spinal_surgery": "Recent spinal surgery",
    "acute_muscle_strain": "Acute muscle strain",
    "arthritis_spine": "Arthritis of the spine",
    "pelvic_girdle_pain": "Pelvic girdle pain",
    "radicular_pain": "Radicular leg pain",
    # red flags
    "severe_neuro_deficit": "Severe neuro deficit",
    "gait_disturbance": "Gait disturbance",
    "iv_drug_use": "IV drug use",
    "recent_infection_or_surgery": "Recent infection or surgery",
    # equipment
    "none": "None",
    "swiss_ball": "Swiss ball",
    "step_or_stairs": "Step or stairs",
    "leg_press_machine": "Leg press machine",
    "leg_curl_machine": "Leg curl machine",
    # positions
    "side_lying": "Side-lying",
    "quadruped": "Hands and knees",
    "half_kneeling": "Half-kneeling",
    "in_water": "In water",
    "on_bike": "On a bike",
    # targets
    "glute_max": "Gluteus maximus",
    "glute_med": "Gluteus medius",
    "transversus_abdominis": "Transversus abdominis",
    "erector_spinae": "Erector spinae",
    "quadratus_lumborum": "Quadratus lumborum",
    "trunk_flexors": "Trunk flexors",
    "thoracic_spine": "Thoracic spine",
    "lumbar_spine": "Lumbar spine",
    "upper_back": "Upper back",
    "whole_body": "Whole body",
    "end_range": "End of range",
    # behaviours
    "mcgill_big_three": "McGill big three",
    "hold": "Held position",
    "walk_jog": "Walk/jog step",
    "continuous_run": "Continuous run",
    "run_warm_up": "Warm-up before a run",
    "walk": "Walk or carry",
    "nerve_slider": "Nerve slider",
}

_FEATURE_LABELS: dict[str, str] = {
    "loaded_flexion": "Loaded forward bending",
    "end_range_flexion": "Full forward bending",
    "loaded_rotation": "Loaded twisting",
    "end_range_rotation": "Full twisting",
    "loaded_extension": "Loaded back bending",
    "end_range_extension": "Full back bending",
    "impact": "Impact (feet leave the ground)",
    "supine": "Lying on the back",
    "prone": "Lying face down",
    "inversion": "Head below the hips",
    "asymmetric_pelvic_load": "One-sided load on the pelvis",
    "wide_stance": "Wide stance",
    "fall_risk": "Risk of a fall",
    "sustained_hamstring_stretch": "Held hamstring stretch",
    "neural_tension": "Stretches the sciatic nerve",
    "breath_holding_strain": "Heavy bracing or straining",
}
