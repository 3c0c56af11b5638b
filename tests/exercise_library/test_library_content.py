"""The library's content rules, proven from the data files themselves."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean

import pytest

from exercise_library.catalogue import builtin_catalogue, progression_edges
from exercise_library.readability import MAX_GRADE, TARGET_MEAN_GRADE, steps_grade
from exercise_library.safety import SAFETY_RULES
from exercise_library.search import words
from exercise_library.vocabulary import Condition, Imbalance, Modality, Position

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
    assert [ex.code for ex in sliders] == ["sciatic_nerve_glide"]
    assert Imbalance.TIGHT_HAMSTRINGS not in sliders[0].imbalances


def test_conditions_named_wherever_the_facts_require() -> None:
    checked = Counter()
    for ex in CAT:
        named = ex.contraindicated_for | ex.precaution_for
        for rule in SAFETY_RULES:
            if rule.applies(ex):
                checked[rule.name] += 1
                assert rule.must_exclude <= ex.contraindicated_for, f"{ex.code}: {rule.name}"
                assert rule.must_caution <= named, f"{ex.code}: {rule.name}"
    # The rules are not vacuous: each situation occurs in the library.
    assert all(checked[r.name] > 0 for r in SAFETY_RULES), checked


def test_loaded_and_end_range_flexion_is_never_offered_to_an_acute_disc_silently() -> None:
    rolling = [CAT[c] for c in ("roll_up", "good_morning")]
    for ex in rolling:
        assert Condition.DISC_HERNIATION in ex.contraindicated_for | ex.precaution_for
        assert Condition.OSTEOPOROSIS in ex.contraindicated_for | ex.precaution_for


def test_supine_exercises_all_carry_the_pregnancy_note() -> None:
    supine = [ex for ex in CAT if ex.position is Position.SUPINE]
    assert len(supine) >= 10
    assert all(Condition.PREGNANCY in ex.contraindicated_for | ex.precaution_for for ex in supine)


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


def test_where_the_facts_say_avoid_the_library_never_offers_it() -> None:
    """Review finding: loaded twisting (cable chop) was only a caution for osteoporosis and
    spondylolisthesis, so a client with either could be given it."""
    chop = CAT["cable_chop"]
    assert {Condition.OSTEOPOROSIS, Condition.SPONDYLOLISTHESIS} <= chop.contraindicated_for
    assert Condition.DISC_HERNIATION in CAT["childs_pose"].contraindicated_for
    assert Condition.SPONDYLOLISTHESIS in CAT["cobra"].contraindicated_for
