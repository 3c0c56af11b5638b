"""The library's content rules, proven from the data files themselves."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean

import pytest

from exercise_library.catalogue import builtin_catalogue, progression_edges
from exercise_library.features import derived_features
from exercise_library.readability import MAX_GRADE, TARGET_MEAN_GRADE, steps_grade
from exercise_library.search import words
from exercise_library.vocabulary import Imbalance, Modality, MovementFeature, Position, SpinalDemand

CAT = builtin_catalogue()

# The exercises the clinic's source material names, by the code that carries them.
SEED = {
    "pelvic tilt": "pelvic_tilt",
    "bridge": "bridge",
    "front plank": "front_plank",
    "side plank": "side_plank",
    "the saw": "the_saw",
    "roll up": "roll_up",
    "single straight leg stretch": "single_straight_leg_stretch",
    "back extension": "back_extension",
    "pilates push up leg lift": "pilates_push_up_leg_lift",
    "reverse plank": "reverse_plank",
    "squat": "squat",
    "deadlift": "deadlift",
    "leg curl": "leg_curl",
    "romanian deadlift": "romanian_deadlift",
    "lunge": "lunge",
    "leg press": "leg_press",
    "good morning": "good_morning",
    "cat cow": "cat_cow",
    "child pose": "childs_pose",
    "knees to chest": "knees_to_chest",
    "swimming": "pool_swimming",
    "cycling": "cycling",
    "stair climbing": "stair_climbing",
    "foam rolling hamstrings": "foam_roll_hamstrings",
    "foam rolling back": "foam_roll_back",
    "running warm up": "dynamic_running_warm_up",
    "hamstring stretch": "hamstring_stretch",
    "hip flexor stretch": "hip_flexor_stretch",
    "curl up": "curl_up",
    "bird dog": "bird_dog",
    "dead bug": "dead_bug",
    "clamshell": "clamshell",
}


def test_the_library_loads_without_a_single_problem() -> None:
    assert [str(p) for p in CAT.problems] == []


def test_size_and_modality_counts() -> None:
    counts = Counter(ex.modality for ex in CAT)
    assert len(CAT) >= 180
    for modality in (Modality.PILATES, Modality.STRENGTH, Modality.YOGA, Modality.CROSS_TRAINING):
        assert counts[modality] >= 30, f"{modality.value}: {counts[modality]}"
    assert counts[Modality.MOBILITY] + counts[Modality.WARM_UP] >= 20


@pytest.mark.parametrize(("seed", "code"), sorted(SEED.items()))
def test_every_seed_exercise_is_present_under_a_recognisable_name(seed: str, code: str) -> None:
    ex = CAT.get(code)
    assert ex is not None, f"'{seed}' is missing (expected code {code})"
    names = [set(words(ex.name)), *(set(words(a)) for a in ex.aliases)]
    assert any(set(seed.split()) <= n for n in names), f"'{seed}' not in {ex.name} / {ex.aliases}"


def test_every_imbalance_has_8_exercises_from_2_modalities() -> None:
    by_imbalance: dict[Imbalance, list[Modality]] = defaultdict(list)
    for ex in CAT:
        for imb in ex.imbalances:
            by_imbalance[imb].append(ex.modality)
    # A sensitive nerve is met with nerve sliders, not a range of muscle work (below).
    for imb in set(Imbalance) - {Imbalance.NEURAL_SENSITIVITY}:
        found = by_imbalance[imb]
        assert len(found) >= 8, f"{imb.value}: only {len(found)} exercises"
        assert len(set(found)) >= 2, f"{imb.value}: only {set(found)}"


def test_neural_sensitivity_is_met_with_a_nerve_slider() -> None:
    """Sliders before tensioners while the nerve is irritable (Coppieters & Butler 2008)."""
    sliders = [ex for ex in CAT if Imbalance.NEURAL_SENSITIVITY in ex.imbalances]
    # Seated, and lying down for a client with no chair at home.
    assert [ex.code for ex in sliders] == ["sciatic_nerve_glide", "supine_sciatic_nerve_slider"]
    assert all(Imbalance.TIGHT_HAMSTRINGS not in ex.imbalances for ex in sliders)


# Movement features a physiotherapist reads from the steps (vocabulary: "Movement features").
# The condition matrix in planner keys on these, so a wrong tag is a wrong safety answer.
TAGGED = {
    # Deep lumbar flexion lying on the back: the gentle version and the deeper one alike.
    "knees_to_chest": {"end_range_flexion", "supine"},
    "happy_baby": {"end_range_flexion", "supine"},
    # Curl-ups held or moved against gravity.
    "hundred": {"loaded_flexion", "supine"},
    "single_leg_stretch": {"loaded_flexion", "supine"},
    "double_leg_stretch": {"loaded_flexion", "supine"},
    "boat_pose": {"loaded_flexion"},
    # Curling up against gravity to a full forward fold over straight legs (a long-sitting slump).
    "roll_up": {"loaded_flexion", "end_range_flexion", "neural_tension", "supine"},
    "seated_forward_fold": {"end_range_flexion", "sustained_hamstring_stretch", "neural_tension"},
    "spine_stretch_forward": {"end_range_flexion", "sustained_hamstring_stretch", "neural_tension"},
    # Straight-leg stretches with the foot pulled up, and a straight-leg kick.
    "hamstring_stretch": {"sustained_hamstring_stretch", "neural_tension"},
    "straight_leg_march": {"neural_tension", "asymmetric_pelvic_load"},
    # Split stances, single-leg stance and wide stances (pelvic girdle pain).
    "split_squat": {"asymmetric_pelvic_load"},
    "couch_stretch": {"asymmetric_pelvic_load"},
    "low_lunge": {"asymmetric_pelvic_load"},
    "monster_walk": {"wide_stance"},
    "warrior_ii": {"asymmetric_pelvic_load", "wide_stance"},
    # Balance that can tip over, landings.
    "half_moon": {"asymmetric_pelvic_load", "fall_risk"},
    "squat_jumps": {"impact", "fall_risk"},
    "downward_dog": {"inversion", "sustained_hamstring_stretch", "neural_tension"},
    "deadlift": {"breath_holding_strain"},
}


@pytest.mark.parametrize(("code", "expected"), sorted(TAGGED.items()))
def test_movement_features_read_from_the_steps(code: str, expected: set[str]) -> None:
    assert {f.value for f in CAT[code].movement_features} == expected


def test_a_nerve_slider_is_not_a_nerve_stretch() -> None:
    """Coppieters & Butler 2008 (clinical-facts.md, Added): sliders before tensioners. The
    glide straightens the knee while the head goes back, so the nerve slides, not stretches."""
    assert MovementFeature.NEURAL_TENSION not in CAT["sciatic_nerve_glide"].movement_features


def test_every_position_and_spine_demand_shows_as_a_feature() -> None:
    supine = [ex for ex in CAT if ex.position is Position.SUPINE]
    assert len(supine) >= 10
    assert all(MovementFeature.SUPINE in ex.movement_features for ex in supine)
    for ex in CAT:
        bends = ex.spine.flexion is SpinalDemand.END_RANGE
        assert bends == (MovementFeature.END_RANGE_FLEXION in set(derived_features(ex))), ex.code


def test_own_notes_are_few_once_the_matrix_says_the_rest() -> None:
    """Contraindications follow from the condition matrix; a file keeps only what the
    features cannot say (a twist closing onto the bump, fast work on a fresh strain)."""
    own = sum(len(ex.contraindications) for ex in CAT)
    assert own <= 15, own


def test_links_exist_and_ladders_have_no_cycles() -> None:
    edges = progression_edges(CAT.exercises)
    for ex in CAT:
        for code in (*ex.progressions, *ex.regressions):
            assert code in CAT, f"{ex.code} -> {code}"
    # Kahn's algorithm consumes every node only when there is no cycle.
    indegree = Counter(t for targets in edges.values() for t in targets)
    ready = [c for c in edges if indegree[c] == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for t in edges[node]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    assert seen == len(edges)


def test_motor_control_ladder_runs_dead_bug_to_bird_dog_to_plank() -> None:
    edges = progression_edges(CAT.exercises)

    def reachable(start: str) -> set[str]:
        out, todo = set(), [start]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in out:
                    out.add(nxt)
                    todo.append(nxt)
        return out

    assert "bird_dog" in reachable("dead_bug")
    assert "front_plank" in reachable("bird_dog")
    assert "dead_bug" not in reachable("front_plank")


def test_reading_level_of_client_steps() -> None:
    grades = {ex.code: steps_grade(ex) for ex in CAT}
    too_hard = {c: round(g, 1) for c, g in grades.items() if g > MAX_GRADE}
    assert too_hard == {}
    assert mean(grades.values()) <= TARGET_MEAN_GRADE


def test_unilateral_exercises_are_dosed_per_side() -> None:
    for ex in CAT:
        assert ex.unilateral == ex.dosage.per_side, ex.code
