"""Search as a therapist types: typos forgiven, facets respected, every hit explained."""

from __future__ import annotations

import pytest

from exercise_library.catalogue import builtin_catalogue
from exercise_library.search import Facets, SearchIndex, edit_distance
from exercise_library.vocabulary import Equipment, Imbalance, Modality

INDEX = SearchIndex(builtin_catalogue())


def codes(text: str, facets: Facets | None = None, limit: int = 50) -> list[str]:
    return [h.exercise.code for h in INDEX.search(text, facets, limit=limit).hits]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("brige", "bridge"),
        ("RDL", "romanian_deadlift"),
        ("rdl", "romanian_deadlift"),
        ("childs pose", "childs_pose"),
        ("Child’s pose", "childs_pose"),
        ("cat-cow", "cat_cow"),
        ("clamshel", "clamshell"),
        ("good mornign", "good_morning"),
        ("side plank", "side_plank"),
    ],
)
def test_the_exercise_meant_comes_first(typed: str, first: str) -> None:
    assert codes(typed)[0] == first


def test_a_misspelt_muscle_finds_hamstring_exercises_and_says_so() -> None:
    result = INDEX.search("hamstirng")
    assert result.corrections == {"hamstirng": "hamstring"}
    found = [h.exercise for h in result.hits]
    assert "hamstring_stretch" in [e.code for e in found]
    assert all("hamstring" in " ".join(h.why) for h in result.hits)


def test_keystroke_prefixes_narrow_towards_bridge() -> None:
    totals = [INDEX.search(p).total for p in ("b", "br", "bri", "brid", "bridg", "bridge")]
    assert totals == sorted(totals, reverse=True)
    assert codes("bri")[0] == "bridge"


def test_facets_combine_with_text() -> None:
    facets = Facets(
        modalities=frozenset({Modality.PILATES}),
        imbalances=frozenset({Imbalance.WEAK_GLUTE_MED}),
    )
    hits = INDEX.search("", facets, limit=100).hits
    assert hits
    for h in hits:
        assert h.exercise.modality is Modality.PILATES
        assert Imbalance.WEAK_GLUTE_MED in h.exercise.imbalances
        assert "modality pilates" in h.why


def test_safe_codes_keep_only_what_planner_judged_safe_and_say_so() -> None:
    """The library cannot judge safety (that needs the client and the clinic's policy):
    planner passes the safe codes in, and the search keeps exactly those."""
    safe = frozenset({"bird_dog", "clamshell", "no_such_exercise"})
    result = INDEX.search("", Facets(safe_codes=safe, safe_label="safe for Ann"), limit=1000)
    assert {h.exercise.code for h in result.hits} == {"bird_dog", "clamshell"}
    assert all("safe for Ann" in h.why for h in result.hits)
    assert set(codes("", Facets(safe_codes=frozenset()), limit=1000)) == set()
    assert len(codes("", Facets(safe_codes=None), limit=1000)) == len(INDEX)


def test_equipment_at_home_keeps_only_what_can_be_done() -> None:
    at_home = frozenset({Equipment.MAT})
    for h in INDEX.search("", Facets(equipment_available=at_home), limit=1000).hits:
        assert set(h.exercise.equipment) <= {Equipment.MAT, Equipment.NONE}
    assert "leg_press" not in codes("leg press", Facets(equipment_available=at_home))


def test_difficulty_range() -> None:
    for h in INDEX.search("", Facets(difficulty=(4, 5)), limit=1000).hits:
        assert h.exercise.difficulty >= 4


def test_nonsense_finds_nothing_rather_than_anything() -> None:
    assert INDEX.search("zzzqqq").hits == []


def test_edit_distance_counts_a_swap_once() -> None:
    assert edit_distance("hamstirng", "hamstring", 2) == 1
    assert edit_distance("abc", "xyz", 1) == 2
