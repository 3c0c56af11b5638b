"""Loading the built-in exercise files and checking them as one library.

Loading never stops at the first bad file: every file is validated, the good ones form the
library and each broken one becomes a :class:`LoadProblem` naming the file, the field and what
is wrong, so the clinic sees exactly what to fix while the rest of the library stays usable.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from exercise_library.behaviours import behaviour_problems, dose_kind_problems
from exercise_library.bounds import MAX_DEPTH, bracket_depth, clip, excerpt, structure_problem
from exercise_library.features import feature_problems
from exercise_library.schema import Exercise

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class LoadProblem:
    """One thing wrong with one file; ``field`` is a dotted path or '' for the whole file."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else self.path
        return clip(f"{where}: {self.message}")


@dataclass
class Catalogue:
    """The loaded library: exercises by code, in a stable order, plus what failed to load.

    ``retired`` exercises (a clinic's archived ones) are still found by code, so programmes
    that use them schedule and print, but iterating the catalogue (what the library offers,
    what recommendations choose from) leaves them out.
    """

    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    retired: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.exercises) - len(self.retired)

    def __iter__(self) -> Iterator[Exercise]:
        if not self.retired:
            return iter(self.exercises.values())
        return (ex for code, ex in self.exercises.items() if code not in self.retired)

    def __contains__(self, code: object) -> bool:
        return code in self.exercises

    def get(self, code: str) -> Exercise | None:
        return self.exercises.get(code)

    def __getitem__(self, code: str) -> Exercise:
        try:
            return self.exercises[code]
        except KeyError:
            raise KeyError(f"no exercise with code '{code}' in the library") from None

    def with_extra(self, extra: Iterable[Exercise], retired: Iterable[str] = ()) -> Catalogue:
        """A copy that also holds clinician-made exercises (which may not shadow built-ins);
        codes in ``retired`` are kept for look-ups but no longer offered."""
        merged = Catalogue(
            dict(self.exercises), list(self.problems), dict(self.sources), self.retired
        )
        for ex in extra:
            if ex.code in self.exercises and self.sources.get(ex.code) != "database":
                merged.problems.append(
                    LoadProblem("database", ex.code, "code is already used by a built-in exercise")
                )
                continue
            merged.exercises[ex.code] = ex
            merged.sources[ex.code] = "database"
        merged.retired = merged.retired | (frozenset(retired) & set(merged.exercises))
        return merged


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
        else:
            parts.append(str(item))
    return ".".join(parts)


def validation_problems(path: str, error: ValidationError) -> list[LoadProblem]:
    """Turn pydantic's error list into one readable problem per field (values as excerpts)."""
    out = []
    for err in error.errors():
        value = err.get("input")
        msg = str(err["msg"])
        if len(msg) > 120:
            msg = msg[:119] + "…"
        if err["type"] not in {"missing", "extra_forbidden"} and not isinstance(value, dict | list):
            msg = f"{msg} (got {excerpt(value)})"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field"
        out.append(LoadProblem(path, _field_path(err["loc"]), msg))
    return out


def tag_problems(ex: Exercise) -> list[tuple[str, str]]:
    """(field, message) for each movement feature or behaviour tag that repeats or
    contradicts the exercise's other tags, and each dose of the wrong kind; every path into
    the library asks."""
    return [
        *(("features", p) for p in feature_problems(ex)),
        *(("behaviours", p) for p in behaviour_problems(ex)),
        *(("dosage", p) for p in dose_kind_problems(ex)),
    ]


def _not_json(value: object) -> object:
    raise TypeError(f"a {type(value).__name__} value")


def parse_exercise_toml(text: str, path: str) -> tuple[Exercise | None, list[LoadProblem]]:
    """Parse and validate one exercise file's text; never raises for bad content.

    Held to :mod:`exercise_library.bounds` before the parser sees it (nesting) and after
    (strings, numbers, sizes), then validated strictly: a TOML string is not a number, an
    integer is not true, and a date or time (which no exercise field takes) is refused.
    """
    deepest, line = bracket_depth(text, toml=True)
    if deepest > MAX_DEPTH:
        return None, [LoadProblem(path, "", f"nested more than {MAX_DEPTH} levels (line {line})")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [LoadProblem(path, "", clip(f"not valid TOML: {exc}", 200))]
    except (ValueError, RecursionError, OverflowError) as exc:
        return None, [LoadProblem(path, "", clip(f"not valid TOML: {exc}", 200))]
    problem = structure_problem(raw)
    if problem is not None:
        return None, [LoadProblem(path, problem[0], problem[1])]
    try:
        as_json = json.dumps(raw, default=_not_json)
    except TypeError as exc:
        return None, [LoadProblem(path, "", f"holds {exc}, which no exercise field takes")]
    try:
        ex = Exercise.model_validate_json(as_json, strict=True)
    except ValidationError as exc:
        return None, validation_problems(path, exc)
    problems = [LoadProblem(path, f, message) for f, message in tag_problems(ex)]
    stem = Path(path).stem
    if stem != ex.code:
        problems.append(
            LoadProblem(path, "code", f"code '{ex.code}' must match file name '{stem}'")
        )
    folder = Path(path).parent.name
    if folder != ex.modality.value and folder != "data":
        problems.append(
            LoadProblem(path, "modality", f"'{ex.modality.value}' file stored under '{folder}/'")
        )
    return ex, problems


def load_directory(data_dir: Path) -> Catalogue:
    cat = Catalogue()
    for file in sorted(data_dir.rglob("*.toml")):
        rel = (
            str(file.relative_to(data_dir.parent))
            if file.is_relative_to(data_dir.parent)
            else str(file)
        )
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            cat.problems.append(LoadProblem(rel, "", f"cannot be read: {exc}"))
            continue
        ex, problems = parse_exercise_toml(text, rel)
        cat.problems.extend(problems)
        if ex is None:
            continue
        if ex.code in cat.exercises:
            cat.problems.append(
                LoadProblem(rel, "code", f"'{ex.code}' is also used by {cat.sources[ex.code]}")
            )
            continue
        cat.exercises[ex.code] = ex
        cat.sources[ex.code] = rel
    cat.problems.extend(reference_problems(cat.exercises, cat.sources))
    return cat


def reference_problems(
    exercises: Mapping[str, Exercise], sources: Mapping[str, str]
) -> list[LoadProblem]:
    """Broken progression/regression links and cycles in the progression ladders."""
    problems: list[LoadProblem] = []
    for ex in exercises.values():
        for kind in ("progressions", "regressions"):
            for target in getattr(ex, kind):
                if target not in exercises:
                    problems.append(
                        LoadProblem(
                            sources.get(ex.code, ex.code), kind, f"unknown exercise '{target}'"
                        )
                    )
    for cycle in progression_cycles(exercises):
        path = sources.get(cycle[0], cycle[0])
        problems.append(LoadProblem(path, "progressions", "ladder loops: " + " -> ".join(cycle)))
    return problems


def progression_edges(exercises: Mapping[str, Exercise]) -> dict[str, set[str]]:
    """Easier -> harder edges from both directions of the links.

    A progresses to B, or B regresses to A: either way the edge runs A -> B.
    """
    edges: dict[str, set[str]] = {code: set() for code in exercises}
    for ex in exercises.values():
        for nxt in ex.progressions:
            if nxt in exercises:
                edges[ex.code].add(nxt)
        for prev in ex.regressions:
            if prev in exercises:
                edges[prev].add(ex.code)
    return edges


def progression_cycles(exercises: Mapping[str, Exercise]) -> list[list[str]]:
    edges = progression_edges(exercises)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    cycles: list[list[str]] = []

    for root in sorted(edges):
        if colour[root] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        trail = [root]
        colour[root] = grey
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = black
                stack.pop()
                trail.pop()
            elif colour[nxt] == grey:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif colour[nxt] == white:
                colour[nxt] = grey
                stack.append((nxt, iter(sorted(edges[nxt]))))
                trail.append(nxt)
    return cycles


CACHE_ENV = "PHYSIO_PLANNER_NO_CATALOGUE_CACHE"


def _fingerprint(data_dir: Path) -> str:
    """Changes whenever a data file or the code that reads it changes."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).resolve().parent
    for path in sorted([*data_dir.rglob("*.toml"), *code_dir.rglob("*.py")]):
        st = path.stat()
        digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns};".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:24]


def _cache_path(data_dir: Path) -> Path | None:
    if os.environ.get(CACHE_ENV):
        return None
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency of the app
        return None
    return Path(user_cache_dir("physio-planner", appauthor=False)) / (
        f"catalogue-{_fingerprint(data_dir)}.pickle"
    )


def load_cached(data_dir: Path) -> Catalogue:
    """The library as :func:`load_directory` gives it, from a per-user cache when unchanged.

    Parsing ~190 TOML files costs about 0.3 s, most of a start-up budget; the cache (this
    user's own file, rebuilt whenever a data file or this package's code changes) loads in a
    few milliseconds. Any cache problem falls back to parsing.
    """
    path = _cache_path(data_dir)
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, Catalogue):
                return cached
        except Exception:  # a stale or damaged cache is simply rebuilt
            pass
    cat = load_directory(data_dir)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob("catalogue-*.pickle"):
                old.unlink(missing_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.part")
            with tmp.open("wb") as fh:
                pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return cat


@cache
def builtin_catalogue() -> Catalogue:
    """The shipped library, loaded once per process."""
    return load_cached(DATA_DIR)
