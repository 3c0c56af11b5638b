"""Search that keeps up with typing: free text with typo tolerance, combined with facets.

The index is built once per library (milliseconds for the real one, well under a second for
20,000 exercises) and answers each keystroke with set algebra on Python integers used as bit
sets: one bit per exercise, one mask per word and per facet value. Typos are found with a
deletion neighbourhood (the SymSpell idea): every vocabulary word is stored under the strings
left after deleting up to two letters, so a misspelt query word finds its candidates by a few
dictionary look-ups and only those are checked with a real edit distance.

Ranking is by tiers, each tier in the library's stable order (by name): an exact name, all
words in the name, in the name or an alias, anywhere (purpose, muscles, problems treated), and
finally matches that needed typo correction. Each hit says why it matched.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from exercise_library.schema import Exercise
from exercise_library.vocabulary import (
    Condition,
    Equipment,
    Imbalance,
    Impact,
    Modality,
    Position,
    Target,
)

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"'s\b")
_SPECIAL = {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d"}

FIELD_NAME, FIELD_ALIAS, FIELD_TEXT = 0, 1, 2
FIELD_LABELS = ("name", "alias", "description")


def fold(text: str) -> str:
    """Lower case without accents, so 'Pilates Push-Up' and 'pilates push up' meet."""
    text = _POSSESSIVE.sub(
        "", unicodedata.normalize("NFKD", text.casefold()).replace("\u2019", "'")
    )
    text = text.replace("'", "")
    return "".join(_SPECIAL.get(ch, ch) for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def max_typos(word: str) -> int:
    """How many edits a typed word may be from a real one: none for short words."""
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 5 else 2


def _deletions(word: str, depth: int) -> set[str]:
    out = {word}
    for d in range(1, min(depth, len(word) - 1) + 1):
        for idx in combinations(range(len(word)), d):
            out.add("".join(ch for i, ch in enumerate(word) if i not in idx))
    return out


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (transpositions count once), or limit+1 if above."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@dataclass(frozen=True)
class Facets:
    """Filters a therapist combines with the text. Empty means no filter on that facet.

    ``equipment_available``: keep exercises whose every piece of equipment is available
    (``none`` is always available). ``safe_for``: drop exercises contraindicated for any of
    these conditions.
    """

    modalities: frozenset[Modality] = frozenset()
    imbalances: frozenset[Imbalance] = frozenset()
    targets: frozenset[Target] = frozenset()
    equipment_available: frozenset[Equipment] | None = None
    positions: frozenset[Position] = frozenset()
    difficulty: tuple[int, int] = (1, 5)
    impacts: frozenset[Impact] = frozenset()
    safe_for: frozenset[Condition] = frozenset()

    def describe(self) -> list[str]:
        out = []
        if self.modalities:
            out.append("modality " + "/".join(sorted(m.value for m in self.modalities)))
        if self.imbalances:
            out.append("targets " + "/".join(sorted(i.value for i in self.imbalances)))
        if self.targets:
            out.append("works " + "/".join(sorted(t.value for t in self.targets)))
        if self.equipment_available is not None:
            out.append("equipment at hand")
        if self.positions:
            out.append("position " + "/".join(sorted(p.value for p in self.positions)))
        if self.difficulty != (1, 5):
            out.append(f"difficulty {self.difficulty[0]}-{self.difficulty[1]}")
        if self.impacts:
            out.append("impact " + "/".join(sorted(i.value for i in self.impacts)))
        if self.safe_for:
            out.append("safe for " + "/".join(sorted(c.value for c in self.safe_for)))
        return out


@dataclass(frozen=True)
class Hit:
    exercise: Exercise
    why: list[str]
    tier: int


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    total: int
    corrections: dict[str, str] = field(default_factory=dict)


def _mask_or(masks: Iterable[int]) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


class SearchIndex:
    """An immutable index over one library; rebuild it when the library changes."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self.exercises: list[Exercise] = sorted(exercises, key=lambda e: (fold(e.name), e.code))
        self.all_mask = (1 << len(self.exercises)) - 1
        # word -> mask, one dict per field
        self._field_words: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
        self._name_exact: dict[str, int] = {}
        self._first_word: dict[str, int] = {}
        self._facet: dict[tuple[str, str], int] = {}
        for bit, ex in enumerate(self.exercises):
            self._index_exercise(bit, ex)
        vocab = set().union(*(d.keys() for d in self._field_words))
        self._vocab_sorted: list[str] = sorted(vocab)
        self._any_word: dict[str, int] = {
            w: self._field_words[0].get(w, 0)
            | self._field_words[1].get(w, 0)
            | self._field_words[2].get(w, 0)
            for w in vocab
        }
        self._deletes: dict[str, list[str]] = {}
        for w in vocab:
            for d in _deletions(w, max_typos(w)):
                self._deletes.setdefault(d, []).append(w)

    def _index_exercise(self, bit: int, ex: Exercise) -> None:
        b = 1 << bit
        name_words, alias_words = set(words(ex.name)), set()
        for alias in ex.aliases:
            alias_words.update(words(alias))
        text_words = set(words(ex.purpose))
        for tag in (*ex.targets, *ex.imbalances, ex.modality, ex.position):
            text_words.update(words(tag.label))
            text_words.update(words(tag.value))
        for fld, ws in (
            (0, name_words),
            (1, alias_words - name_words),
            (2, text_words - name_words - alias_words),
        ):
            table = self._field_words[fld]
            for w in ws:
                table[w] = table.get(w, 0) | b
        for full in (ex.name, *ex.aliases):
            key = " ".join(words(full))
            self._name_exact[key] = self._name_exact.get(key, 0) | b
            first = key.split(" ", 1)[0]
            self._first_word[first] = self._first_word.get(first, 0) | b
        facet = self._facet
        pairs = [
            ("modality", ex.modality.value),
            ("position", ex.position.value),
            ("impact", ex.impact.value),
            ("difficulty", str(ex.difficulty)),
        ]
        pairs += [("imbalance", i.value) for i in ex.imbalances]
        pairs += [("target", t.value) for t in ex.targets]
        pairs += [("equipment", e.value) for e in ex.equipment]
        pairs += [("contra", c.value) for c in ex.contraindicated_for]
        for key in pairs:
            facet[key] = facet.get(key, 0) | b

    def __len__(self) -> int:
        return len(self.exercises)

    # -- facets --------------------------------------------------------------------------
    def facet_mask(self, facets: Facets) -> int:
        mask = self.all_mask
        f = self._facet

        def any_of(kind: str, values: Iterable[str]) -> int:
            return _mask_or(f.get((kind, v), 0) for v in values)

        if facets.modalities:
            mask &= any_of("modality", (m.value for m in facets.modalities))
        if facets.imbalances:
            mask &= any_of("imbalance", (i.value for i in facets.imbalances))
        if facets.targets:
            mask &= any_of("target", (t.value for t in facets.targets))
        if facets.positions:
            mask &= any_of("position", (p.value for p in facets.positions))
        if facets.impacts:
            mask &= any_of("impact", (i.value for i in facets.impacts))
        lo, hi = facets.difficulty
        if (lo, hi) != (1, 5):
            mask &= any_of("difficulty", (str(d) for d in range(lo, hi + 1)))
        if facets.equipment_available is not None:
            have = set(facets.equipment_available) | {Equipment.NONE}
            missing = [e for e in Equipment if e not in have]
            mask &= ~any_of("equipment", (e.value for e in missing)) & self.all_mask
        if facets.safe_for:
            mask &= ~any_of("contra", (c.value for c in facets.safe_for)) & self.all_mask
        return mask

    # -- words ---------------------------------------------------------------------------
    def _prefix_words(self, prefix: str) -> list[str]:
        vocab = self._vocab_sorted
        out = []
        i = bisect_left(vocab, prefix)
        while i < len(vocab) and vocab[i].startswith(prefix):
            out.append(vocab[i])
            i += 1
        return out

    def _typo_words(self, word: str) -> list[str]:
        limit = max_typos(word)
        if limit == 0:
            return []
        seen: set[str] = set()
        for d in _deletions(word, limit):
            seen.update(self._deletes.get(d, ()))
        seen.discard(word)
        scored = [(edit_distance(word, w, limit), w) for w in seen]
        best = min((d for d, _ in scored), default=limit + 1)
        return sorted(w for d, w in scored if d == best <= limit)

    def search(
        self, text: str, facets: Facets | None = None, *, limit: int = 50, explain: bool = True
    ) -> SearchResult:
        facets = facets or Facets()
        allowed = self.facet_mask(facets)
        tokens = words(text)
        facet_why = facets.describe()
        if not tokens:
            hits = [
                Hit(ex, facet_why or ["in the library"], 5) for ex in self._take(allowed, limit)
            ]
            return SearchResult(hits, allowed.bit_count())

        name_all = alias_all = any_all = fuzzy_name = fuzzy_named = fuzzy_all = allowed
        corrections: dict[str, str] = {}
        token_words: list[tuple[str, list[str], list[str]]] = []
        for pos, tok in enumerate(tokens):
            last = pos == len(tokens) - 1
            exact = self._prefix_words(tok) if last else ([tok] if tok in self._any_word else [])
            if last and not exact and tok in self._any_word:
                exact = [tok]
            # Typo correction only when the word as typed matches nothing.
            typo = [] if exact else self._typo_words(tok)
            token_words.append((tok, exact, typo))
            fw = self._field_words
            name_all &= _mask_or(fw[FIELD_NAME].get(w, 0) for w in exact)
            alias_all &= _mask_or(
                fw[FIELD_NAME].get(w, 0) | fw[FIELD_ALIAS].get(w, 0) for w in exact
            )
            any_all &= _mask_or(self._any_word[w] for w in exact)
            fuzzy_all &= _mask_or(self._any_word[w] for w in (*exact, *typo))
            fuzzy_name &= _mask_or(fw[FIELD_NAME].get(w, 0) for w in (*exact, *typo))
            fuzzy_named &= _mask_or(
                fw[FIELD_NAME].get(w, 0) | fw[FIELD_ALIAS].get(w, 0) for w in (*exact, *typo)
            )
            if not exact and typo:
                corrections[tok] = typo[0]

        exact_name = self._name_exact.get(" ".join(tokens), 0) & allowed
        starts = _mask_or(self._first_word.get(w, 0) for w in token_words[0][1])
        tiers = [
            exact_name,
            name_all & starts,
            name_all,
            alias_all,
            any_all,
            fuzzy_name,
            fuzzy_named,
            fuzzy_all,
        ]
        hits: list[Hit] = []
        taken = 0
        for tier, mask in enumerate(tiers):
            mask &= ~taken
            taken |= mask
            for ex in self._take(mask, limit - len(hits)):
                why = self._why(ex, token_words, tier) + facet_why if explain else []
                hits.append(Hit(ex, why, tier))
            if len(hits) >= limit:
                break
        return SearchResult(hits, (exact_name | fuzzy_all).bit_count(), corrections)

    def _take(self, mask: int, n: int) -> list[Exercise]:
        out = []
        while mask and len(out) < n:
            low = mask & -mask
            out.append(self.exercises[low.bit_length() - 1])
            mask ^= low
        return out

    def _why(
        self, ex: Exercise, token_words: Sequence[tuple[str, list[str], list[str]]], tier: int
    ) -> list[str]:
        if tier == 0:
            typed = " ".join(t for t, _, _ in token_words)
            alias = next((a for a in ex.aliases if " ".join(words(a)) == typed), None)
            return [f"also called '{alias}'"] if alias else [f"name is '{ex.name}'"]
        name, alias = set(words(ex.name)), {w for a in ex.aliases for w in words(a)}
        out = []
        for tok, exact, typo in token_words:
            for w in (*exact, *typo):
                spelled = "" if w in exact else f" (read '{tok}' as '{w}')"
                if w in name:
                    out.append(f"name has '{w}'{spelled}")
                elif w in alias:
                    match = next(a for a in ex.aliases if w in words(a))
                    out.append(f"also called '{match}'{spelled}")
                elif w in words(ex.purpose):
                    out.append(f"purpose mentions '{w}'{spelled}")
                elif self._matches_tag(ex, w):
                    out.append(f"works on '{w}'{spelled}")
                else:
                    continue
                break
        return out

    @staticmethod
    def _matches_tag(ex: Exercise, w: str) -> bool:
        for tag in (*ex.targets, *ex.imbalances, ex.modality, ex.position):
            if w in words(tag.label) or w in words(tag.value):
                return True
        return False
