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

Typo matching is bounded by what was typed, so no input can make a keystroke slow: a word
longer than every word of the library (plus the typos allowed) cannot be a misspelling of one
and is not expanded at all (its deletions grow with the cube of its length), and only the
first words of a query are corrected. Words after those must match as typed. The worst case
for any input up to 10,000 characters is measured in bench/search_worst_bench.py.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from itertools import combinations

from exercise_library.schema import Exercise
from exercise_library.vocabulary import (
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
# Words of a query that may be read as typos (a search is a few words; a pasted paragraph is
# matched word for word).
MAX_TYPO_WORDS = 8
FIELD_LABELS = ("name", "alias", "description")


def fold(text: str) -> str:
    """Lower case without accents, so 'Pilates Push-Up' and 'pilates push up' meet."""
    if text.isascii():  # the common case, ten times faster than normalising
        return _POSSESSIVE.sub("", text.lower()).replace("'", "")
    text = _POSSESSIVE.sub(
        "", unicodedata.normalize("NFKD", text.casefold()).replace("\u2019", "'")
    )
    text = text.replace("'", "")
    return "".join(_SPECIAL.get(ch, ch) for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def _words_cached(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def words(text: str) -> list[str]:
    return list(_words_cached(text))


@cache
def _tag_words(tag: StrEnum) -> frozenset[str]:
    return frozenset((*words(tag.label), *words(tag.value)))


@lru_cache(maxsize=1 << 16)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(_words_cached(text))


def _tag_postings(ex: Exercise) -> tuple[frozenset[str], list[tuple[str, str]]]:
    """Searchable words of an exercise's tags, and its facet keys."""
    tags = (*ex.targets, *ex.imbalances, ex.modality, ex.position)
    tag_w = frozenset().union(*(_tag_words(tag) for tag in tags))
    pairs = [
        ("modality", ex.modality.value),
        ("position", ex.position.value),
        ("impact", ex.impact.value),
        ("difficulty", str(ex.difficulty)),
    ]
    pairs += [("imbalance", i.value) for i in ex.imbalances]
    pairs += [("target", t.value) for t in ex.targets]
    pairs += [("equipment", e.value) for e in ex.equipment]
    return tag_w, pairs


def _bits_to_int(positions: list[int], size: int) -> int:
    buf = bytearray((size + 7) // 8)
    for p in positions:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


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
    (``none`` is always available). ``safe_codes``: keep only these exercises (None: no such
    filter). The library cannot judge safety itself (that needs the client and the clinic's
    policy); planner's safety verdict works out which codes are safe and passes them in, and
    ``safe_label`` says for whom ("safe for the client").
    """

    modalities: frozenset[Modality] = frozenset()
    imbalances: frozenset[Imbalance] = frozenset()
    targets: frozenset[Target] = frozenset()
    equipment_available: frozenset[Equipment] | None = None
    positions: frozenset[Position] = frozenset()
    difficulty: tuple[int, int] = (1, 5)
    impacts: frozenset[Impact] = frozenset()
    safe_codes: frozenset[str] | None = None
    safe_label: str = "safe for the client"

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
        if self.safe_codes is not None:
            out.append(self.safe_label)
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
        self.exercises: list[Exercise] = sorted(exercises, key=lambda e: (words(e.name), e.code))
        n = len(self.exercises)
        self.all_mask = (1 << n) - 1
        self._bit: dict[str, int] = {ex.code: bit for bit, ex in enumerate(self.exercises)}
        self._codes_cache: tuple[frozenset[str], int] | None = None
        # Postings are gathered as bit positions, then each becomes one integer in a single
        # pass: OR-ing into growing integers would cost O(n) per posting.
        posts: tuple[dict[str, list[int]], ...] = ({}, {}, {})
        exact: dict[str, list[int]] = {}
        first: dict[str, list[int]] = {}
        facet: dict[tuple[str, str], list[int]] = {}
        by_tags: dict[tuple[object, ...], tuple[frozenset[str], list[tuple[str, str]], list[int]]]
        by_tags = {}
        self._doc_words: list[
            tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
        ] = []
        for bit, ex in enumerate(self.exercises):
            name_w = _word_set(ex.name)
            alias_w = frozenset().union(*(_word_set(a) for a in ex.aliases))
            purpose_w = _word_set(ex.purpose)
            sig = (
                tuple(ex.targets), tuple(ex.imbalances), ex.modality, ex.position, ex.impact,
                ex.difficulty, tuple(ex.equipment),
            )  # fmt: skip
            group = by_tags.get(sig)
            if group is None:
                group = by_tags[sig] = (*_tag_postings(ex), [])
            group[2].append(bit)
            self._doc_words.append((name_w, alias_w, purpose_w, group[0]))
            for fld, ws in (
                (FIELD_NAME, name_w),
                (FIELD_ALIAS, alias_w - name_w),
                (FIELD_TEXT, purpose_w - name_w - alias_w),
            ):
                table = posts[fld]
                for w in ws:
                    table.setdefault(w, []).append(bit)
            for full in (ex.name, *ex.aliases):
                key = " ".join(words(full))
                exact.setdefault(key, []).append(bit)
                first.setdefault(key.split(" ", 1)[0], []).append(bit)
        # Exercises sharing the same tags share their tag words and facet keys: post them once
        # per group (a word also in the name lands in both fields; searches union the fields).
        for tag_w, pairs, bits in by_tags.values():
            for w in tag_w:
                posts[FIELD_TEXT].setdefault(w, []).extend(bits)
            for key2 in pairs:
                facet.setdefault(key2, []).extend(bits)

        def masks(table: dict, size: int = n) -> dict:  # type: ignore[type-arg]
            return {k: _bits_to_int(v, size) for k, v in table.items()}

        self._field_words: tuple[dict[str, int], dict[str, int], dict[str, int]] = (
            masks(posts[0]),
            masks(posts[1]),
            masks(posts[2]),
        )
        self._name_exact: dict[str, int] = masks(exact)
        self._first_word: dict[str, int] = masks(first)
        self._facet: dict[tuple[str, str], int] = masks(facet)
        vocab = set().union(*(d.keys() for d in self._field_words))
        self._vocab_sorted: list[str] = sorted(vocab)
        self._any_word: dict[str, int] = {
            w: self._field_words[0].get(w, 0)
            | self._field_words[1].get(w, 0)
            | self._field_words[2].get(w, 0)
            for w in vocab
        }
        self._longest = max((len(w) for w in vocab), default=0)
        self._deletes: dict[str, list[str]] = {}
        for w in vocab:
            for d in _deletions(w, max_typos(w)):
                self._deletes.setdefault(d, []).append(w)
        self._word_cache: dict[
            tuple[str, bool, bool], tuple[list[str], list[str], tuple[int, ...]]
        ] = {}

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
        if facets.safe_codes is not None:
            mask &= self._codes_mask(facets.safe_codes)
        return mask

    def _codes_mask(self, codes: frozenset[str]) -> int:
        """The bits of these codes; the last set is kept, as every keystroke repeats it."""
        cached = self._codes_cache
        if cached is not None and (cached[0] is codes or cached[0] == codes):
            return cached[1]
        bits = [b for code in codes if (b := self._bit.get(code)) is not None]
        mask = _bits_to_int(bits, len(self.exercises))
        self._codes_cache = (codes, mask)
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
        if limit == 0 or len(word) > self._longest + limit:
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
            why = facet_why or ["in the library"]
            hits = [Hit(self.exercises[b], why, 8) for b in self._take(allowed, limit)]
            return SearchResult(hits, allowed.bit_count())

        name_all = alias_all = any_all = fuzzy_name = fuzzy_named = fuzzy_all = allowed
        corrections: dict[str, str] = {}
        token_words: list[tuple[str, list[str], list[str]]] = []
        starts = 0
        # A word typed twice narrows nothing more; the last word is the one still being typed.
        queue = [*dict.fromkeys(tokens[:-1]), tokens[-1]]
        for pos, tok in enumerate(queue):
            last = pos == len(queue) - 1
            exact, typo, m = self._token_masks(tok, last=last, typos=pos < MAX_TYPO_WORDS)
            token_words.append((tok, exact, typo))
            name_all &= m[0]
            alias_all &= m[1]
            any_all &= m[2]
            fuzzy_name &= m[3]
            fuzzy_named &= m[4]
            fuzzy_all &= m[5]
            if pos == 0:
                starts = m[6]
            if not exact and typo:
                corrections[tok] = typo[0]
            if not fuzzy_all:
                break  # nothing can match every word: the rest need not be looked up

        exact_name = self._name_exact.get(" ".join(tokens), 0) & allowed
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
            for bit in self._take(mask, limit - len(hits)):
                why = self._why(bit, token_words, tier) + facet_why if explain else []
                hits.append(Hit(self.exercises[bit], why, tier))
            if len(hits) >= limit:
                break
        return SearchResult(hits, (exact_name | fuzzy_all).bit_count(), corrections)

    def clear_cache(self) -> None:
        """Forget cached token look-ups (benchmarks measure cold keystrokes with this)."""
        self._word_cache.clear()

    def _token_masks(
        self, tok: str, *, last: bool, typos: bool = True
    ) -> tuple[list[str], list[str], tuple[int, ...]]:
        """Words a typed token stands for and their masks; cached, as keystrokes repeat."""
        key = (tok, last, typos)
        cached = self._word_cache.get(key)
        if cached is not None:
            return cached
        exact = self._prefix_words(tok) if last else ([tok] if tok in self._any_word else [])
        # Typo correction only when the word as typed matches nothing.
        typo = [] if exact or not typos else self._typo_words(tok)
        fw = self._field_words
        both = (*exact, *typo)
        masks = (
            _mask_or(fw[FIELD_NAME].get(w, 0) for w in exact),
            _mask_or(fw[FIELD_NAME].get(w, 0) | fw[FIELD_ALIAS].get(w, 0) for w in exact),
            _mask_or(self._any_word[w] for w in exact),
            _mask_or(fw[FIELD_NAME].get(w, 0) for w in both),
            _mask_or(fw[FIELD_NAME].get(w, 0) | fw[FIELD_ALIAS].get(w, 0) for w in both),
            _mask_or(self._any_word[w] for w in both),
            _mask_or(self._first_word.get(w, 0) for w in exact),
        )
        if len(self._word_cache) > 4096:
            self._word_cache.clear()
        self._word_cache[key] = (exact, typo, masks)
        return exact, typo, masks

    def _take(self, mask: int, n: int) -> list[int]:
        """The first n set bits, lowest first (the library's stable order)."""
        out = []
        while mask and len(out) < n:
            low = mask & -mask
            out.append(low.bit_length() - 1)
            mask ^= low
        return out

    def _why(
        self, bit: int, token_words: Sequence[tuple[str, list[str], list[str]]], tier: int
    ) -> list[str]:
        ex = self.exercises[bit]
        if tier == 0:
            typed = " ".join(t for t, _, _ in token_words)
            alias = next((a for a in ex.aliases if " ".join(words(a)) == typed), None)
            return [f"also called '{alias}'"] if alias else [f"name is '{ex.name}'"]
        name, alias_words, purpose, tags = self._doc_words[bit]
        out = []
        for tok, exact, typo in token_words:
            for w in (*exact, *typo):
                spelled = "" if w in exact else f" (read '{tok}' as '{w}')"
                if w in name:
                    out.append(f"name has '{w}'{spelled}")
                elif w in alias_words:
                    match = next(a for a in ex.aliases if w in words(a))
                    out.append(f"also called '{match}'{spelled}")
                elif w in purpose:
                    out.append(f"purpose mentions '{w}'{spelled}")
                elif w in tags:
                    out.append(f"works on '{w}'{spelled}")
                else:
                    continue
                break
        return out
