"""Search stays instant for any input (issue 16, problem 7): typo matching is bounded by what
was typed. The worst-case times are measured in bench/search_worst_bench.py; these tests check
the behaviour that keeps them low, and that a long word cannot hang a keystroke."""

from __future__ import annotations

import threading

from exercise_library.catalogue import builtin_catalogue
from exercise_library.search import MAX_TYPO_WORDS, Facets, SearchIndex

INDEX = SearchIndex(builtin_catalogue())


def _search_within(text: str, seconds: float = 5.0):  # type: ignore[no-untyped-def]
    """The result, or a failure if the search is still running after ``seconds`` (it once took
    30 s for one 1,000-letter word)."""
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(INDEX.search(text, Facets())))
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"a search of {len(text)} characters did not finish"
    return found[0]


def test_one_very_long_word_finds_nothing_at_once() -> None:
    for word in ("a" * 1000, "brige" * 200, "hamstring" * 1100):
        result = _search_within(word[:10_000])
        assert result.total == 0 and result.corrections == {}


def test_only_the_first_words_of_a_query_are_read_as_typos() -> None:
    misspelt = ["brige", "hamstrng", "glutte", "plnak", "strech", "romanain", "squatt", "lunje"]
    extra = ["bridg", "hamstrin", "glut", "plak"]
    result = _search_within(" ".join(misspelt + extra))
    assert len(result.corrections) <= MAX_TYPO_WORDS


def test_a_pasted_paragraph_is_matched_word_for_word() -> None:
    assert _search_within(" ".join(["glute"] * 2000)).total == INDEX.search("glute").total
    assert _search_within(" ".join(["glute", "bridge"] * 1000)).total == (
        INDEX.search("glute bridge").total
    )
