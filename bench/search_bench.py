"""Library search at 20,000 exercises: our index vs SQLite FTS5 vs a plain linear scan.

The big library is the real one, varied: each real exercise is copied with modifier words in its
name and a spread of difficulties, then loaded through the same TOML parser and validation as the
shipped files. Every keystroke of several words is searched with two facets on, as a therapist
types with filters set. Targets (issue 3): median <= 5 ms, p99 <= 16 ms, index build <= 1 s.
"""

from __future__ import annotations

import random
import sqlite3
import time

from bench.timing import median_ms, p99_ms
from exercise_library.catalogue import builtin_catalogue, parse_exercise_toml
from exercise_library.files import exercise_to_toml
from exercise_library.schema import Exercise
from exercise_library.search import Facets, SearchIndex, fold, words
from exercise_library.vocabulary import Condition, Modality
from planner.policy import ClinicPolicy
from planner.safety import ClientContext
from planner.safety.listing import safe_codes

SIZE = 20_000
MODIFIERS = [
    "with band", "tempo", "paused", "on a step", "slow", "pulses", "with reach", "on a cushion",
    "holding a ball", "eyes closed", "short lever", "long lever", "wide stance", "narrow stance",
    "with twist", "at the wall", "on toes", "with breathing", "seated", "half range",
    "full range", "alternating", "isometric", "ladder", "morning", "evening", "light", "heavy",
    "partner", "gym", "home", "advanced", "gentle", "flow", "hold", "reps", "circuit", "pyramid",
]  # fmt: skip
WORDS_TYPED = ["bridge", "hamstring", "plank", "romanian", "brige", "squat", "stretch"]
MODALITIES = frozenset({Modality.PILATES, Modality.STRENGTH, Modality.MOBILITY})
DISC = ClientContext(conditions=frozenset({Condition.DISC_HERNIATION}))


def facets(exercises: list[Exercise]) -> Facets:
    """Three modalities and safe for a disc herniation, judged once as the window does."""
    safe = safe_codes(exercises, DISC, ClinicPolicy.published())
    return Facets(modalities=MODALITIES, safe_codes=safe, safe_label="safe for disc")


def big_library() -> tuple[list[Exercise], float]:
    rng = random.Random(7)
    real = list(builtin_catalogue())
    texts = []
    for i in range(SIZE):
        base = real[i % len(real)]
        mods = rng.sample(MODIFIERS, 2)
        varied = base.model_copy(
            update={
                "code": f"{base.code}_v{i}",
                "name": f"{base.name} {mods[0]} {mods[1]}"[:200],
                "difficulty": 1 + (base.difficulty + i) % 5,
                "progressions": [],
                "regressions": [],
            }
        )
        texts.append(exercise_to_toml(varied))
    t = time.perf_counter()
    out = []
    for n, text in enumerate(texts):
        ex, _problems = parse_exercise_toml(text, f"data/x/{n}.toml")
        assert ex is not None
        out.append(ex)
    return out, time.perf_counter() - t


def keystrokes() -> list[str]:
    return [w[:n] for w in WORDS_TYPED for n in range(1, len(w) + 1)]


def linear(exercises: list[Exercise], folded: list[str], text: str, wanted: Facets) -> list[str]:
    safe = wanted.safe_codes or frozenset()
    toks = words(text)
    hits = [
        ex for ex, hay in zip(exercises, folded, strict=True)
        if ex.modality in wanted.modalities and ex.code in safe and all(t in hay for t in toks)
    ]  # fmt: skip
    hits.sort(key=lambda e: fold(e.name))
    return [e.code for e in hits[:50]]


def build_fts(exercises: list[Exercise]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(name, aliases, purpose, prefix='1 2 3',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    con.execute("CREATE TABLE facet (id INTEGER PRIMARY KEY, modality TEXT, disc_contra INT)")
    con.executemany(
        "INSERT INTO fts (rowid, name, aliases, purpose) VALUES (?, ?, ?, ?)",
        [(i, e.name, " ".join(e.aliases), e.purpose) for i, e in enumerate(exercises)],
    )
    con.executemany(
        "INSERT INTO facet VALUES (?, ?, ?)",
        [
            (i, e.modality.value, int(Condition.DISC_HERNIATION in e.contraindicated_for))
            for i, e in enumerate(exercises)
        ],
    )
    con.execute("CREATE INDEX ix_facet ON facet (modality, disc_contra)")
    return con


def fts(con: sqlite3.Connection, text: str) -> list[int]:
    toks = words(text)
    query = " ".join(f'"{t}"*' for t in toks)
    rows = con.execute(
        "SELECT fts.rowid FROM fts JOIN facet ON facet.id = fts.rowid WHERE fts MATCH ?"
        " AND facet.modality IN ('pilates', 'strength', 'mobility') AND facet.disc_contra = 0"
        " ORDER BY rank LIMIT 50",
        (query,),
    ).fetchall()
    return [r[0] for r in rows]


def main() -> None:
    exercises, load_s = big_library()
    wanted = facets(exercises)
    t = time.perf_counter()
    index = SearchIndex(exercises)
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    con = build_fts(exercises)
    fts_build_s = time.perf_counter() - t
    t = time.perf_counter()
    folded = [fold(" ".join((e.name, *e.aliases, e.purpose))) for e in exercises]
    linear_build_s = time.perf_counter() - t

    keys = keystrokes()
    samples: dict[str, list[float]] = {"index": [], "fts5": [], "linear": []}
    totals: list[int] = []
    for _round in range(5):
        index.clear_cache()  # every round types the words afresh: no warm token cache
        for text in keys:
            t = time.perf_counter()
            result = index.search(text, wanted, limit=50)
            samples["index"].append(time.perf_counter() - t)
            totals.append(result.total)
            t = time.perf_counter()
            fts(con, text)
            samples["fts5"].append(time.perf_counter() - t)
            t = time.perf_counter()
            linear(exercises, folded, text, wanted)
            samples["linear"].append(time.perf_counter() - t)

    base = median_ms(samples["index"])
    print(f"{len(exercises)} exercises; parse + validate from TOML text: {load_s:.2f} s")
    print(f"{len(keys)} keystrokes x 5 rounds, two facets on (3 modalities, safe for disc)\n")
    print("| approach | build (s) | median (ms) | p99 (ms) | median vs index | typo-tolerant |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    rows = [
        ("our index", build_s, "index", "yes"),
        ("SQLite FTS5", fts_build_s, "fts5", "no"),
        ("linear scan", linear_build_s, "linear", "no"),
    ]
    for label, build, key, typo in rows:
        med, p99 = median_ms(samples[key]), p99_ms(samples[key])
        print(f"| {label} | {build:.3f} | {med:.2f} | {p99:.2f} | {med / base:.1f}x | {typo} |")
    print(
        f"\nTargets: median <= 5 ms, p99 <= 16 ms, build <= 1 s. Index median hits per "
        f"keystroke: {sorted(totals)[len(totals) // 2]}."
    )


if __name__ == "__main__":
    main()
