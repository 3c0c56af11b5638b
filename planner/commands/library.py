"""`physio-planner library ...`: list, search and check the exercise library; clinic exercises."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from exercise_library.catalogue import (
    DATA_DIR,
    Catalogue,
    LoadProblem,
    builtin_catalogue,
    load_directory,
)
from exercise_library.files import ExerciseFileError, read_exercise_file
from exercise_library.schema import Exercise
from exercise_library.search import Facets, SearchIndex
from exercise_library.vocabulary import Condition, Equipment, Imbalance, Modality, MovementFeature
from planner.cli import print_json
from planner.commands._common import add_json_flag, clinic_for, services_for
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.safety import ClientContext
from planner.safety.listing import condition_notes, safe_codes

LIST_KEYS = (
    "code", "name", "aliases", "modality", "purpose", "steps", "cues", "mistakes", "targets",
    "imbalances", "equipment", "position", "difficulty", "impact", "unilateral", "dosage",
    "progressions", "regressions",
)  # fmt: skip


def exercise_json(ex: Exercise, policy: ClinicPolicy) -> dict[str, Any]:
    """The `library list --json` object: list-valued fields are lists of codes.

    ``features`` holds every movement feature, derived ones included; the contraindications
    and precautions are what the condition matrix and the exercise's own notes make of them
    (a pregnancy judged at its strictest trimester), with their words in ``condition_notes``.
    """
    data = ex.model_dump(mode="json", exclude_none=True)
    out = {key: data.get(key) for key in LIST_KEYS}
    out["features"] = [f.value for f in MovementFeature if f in ex.movement_features]
    out["behaviours"] = [b.value for b in ex.behaviours]
    notes = condition_notes(ex, policy)
    out["contraindications"] = [n.condition.value for n in notes if n.excluded]
    out["precautions"] = [n.condition.value for n in notes if not n.excluded]
    out["condition_notes"] = {n.condition.value: n.text for n in notes}
    return out


def _codes(enum: type, label: str):  # type: ignore[no-untyped-def]
    def parse(text: str):  # type: ignore[no-untyped-def]
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise argparse.ArgumentTypeError(
                f"unknown {label} '{text}' (choose from: {allowed})"
            ) from None

    return parse


def register(sub: argparse._SubParsersAction) -> None:
    lib = sub.add_parser("library", help="the exercise library")
    lsub = lib.add_subparsers(dest="library_command", metavar="ACTION", required=True)

    p = lsub.add_parser("list", help="every exercise")
    add_json_flag(p)
    p.add_argument("--with-clinic", action="store_true", help="include the clinic's own exercises")
    p.set_defaults(func=_list)

    p = lsub.add_parser("search", help="search by text (typos forgiven) and facets")
    p.add_argument("text", nargs="?", default="", help="words to look for")
    p.add_argument("--modality", type=_codes(Modality, "modality"), action="append", default=[])
    p.add_argument("--imbalance", type=_codes(Imbalance, "imbalance"), action="append", default=[])
    p.add_argument(
        "--equipment", type=_codes(Equipment, "equipment"), nargs="+", action="extend",
        help="equipment the client has (exercises needing anything else are left out)",
    )  # fmt: skip
    p.add_argument(
        "--safe-for", type=_codes(Condition, "condition"), nargs="+", action="extend", default=[],
        help="conditions: exercises the safety rules exclude for any of them are left out",
    )  # fmt: skip
    p.add_argument(
        "--trimester", type=int, choices=(1, 2, 3),
        help="the pregnancy trimester (implies --safe-for pregnancy); without it a pregnancy "
        "is judged at the strictest trimester",
    )  # fmt: skip
    p.add_argument("--difficulty", metavar="LO-HI", help="e.g. 1-3")
    p.add_argument("--limit", type=int, default=20)
    add_json_flag(p)
    p.set_defaults(func=_search)

    p = lsub.add_parser("check", help="validate every data file; non-zero exit on problems")
    p.add_argument("--dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)
    add_json_flag(p)
    p.set_defaults(func=_check)

    p = lsub.add_parser("export", help="write one exercise as an exercise file")
    p.add_argument("code")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_export)

    p = lsub.add_parser("import", help="add an exercise file to the clinic's own exercises")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--replace", action="store_true",
        help="update the clinic exercise with the file's code (an edited export) instead of "
        "refusing it; built-in exercises cannot be replaced",
    )  # fmt: skip
    p.set_defaults(func=_import)

    p = lsub.add_parser("duplicate", help="copy an exercise as a new clinic exercise")
    p.add_argument("code")
    p.add_argument("new_code")
    p.add_argument("--name", required=True)
    p.set_defaults(func=_duplicate)

    p = lsub.add_parser("figures", help="draw every exercise's figure into a folder")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_figures)


def _catalogue(args: argparse.Namespace) -> Catalogue:
    if getattr(args, "with_clinic", False):
        with services_for(args) as services:
            return services.exercises.catalogue()
    return builtin_catalogue()


def _list(args: argparse.Namespace) -> int:
    cat = _catalogue(args)
    if args.json:
        with clinic_for(args) as clinic:
            policy = clinic.policy
        print_json([exercise_json(ex, policy) for ex in cat])
    else:
        for ex in sorted(cat, key=lambda e: (e.modality.value, e.name)):
            print(f"{ex.code:32} {ex.modality.value:15} {ex.name}")
        print(f"{len(cat)} exercises")
    return 0


def _difficulty(text: str | None) -> tuple[int, int]:
    if not text:
        return (1, 5)
    try:
        lo, _, hi = text.partition("-")
        rng = (int(lo), int(hi or lo))
    except ValueError:
        raise UserError(f"--difficulty '{text}' should look like 1-3") from None
    if not 1 <= rng[0] <= rng[1] <= 5:
        raise UserError(f"--difficulty '{text}' must be within 1-5, low to high")
    return rng


def _safety_context(args: argparse.Namespace) -> ClientContext | None:
    """The client the --safe-for and --trimester flags describe (None when neither is given)."""
    conditions = set(args.safe_for)
    if args.trimester is not None:
        conditions.add(Condition.PREGNANCY)
    if not conditions:
        return None
    return ClientContext(conditions=frozenset(conditions), pregnancy_trimester=args.trimester)


def _search(args: argparse.Namespace) -> int:
    ctx = _safety_context(args)
    with clinic_for(args) as clinic:
        policy, catalogue = clinic.policy, clinic.catalogue
    safe = None if ctx is None else safe_codes(catalogue, ctx, policy)
    names = ", ".join(c.label.lower() for c in Condition if ctx is not None and ctx.has(c))
    if ctx is not None and ctx.pregnancy_trimester is not None:
        names += f" (trimester {ctx.pregnancy_trimester})"
    facets = Facets(
        modalities=frozenset(args.modality),
        imbalances=frozenset(args.imbalance),
        equipment_available=frozenset(args.equipment) if args.equipment else None,
        safe_codes=safe,
        safe_label=f"safe for {names}",
        difficulty=_difficulty(args.difficulty),
    )
    result = SearchIndex(catalogue).search(args.text, facets, limit=args.limit)
    if args.json:
        print_json(
            [{"code": h.exercise.code, "name": h.exercise.name, "why": h.why} for h in result.hits]
        )
        return 0
    for fixed, meant in result.corrections.items():
        print(f"(showing results for '{meant}' instead of '{fixed}')")
    for h in result.hits:
        print(f"{h.exercise.name}  [{h.exercise.code}]  - {'; '.join(h.why)}")
    print(f"{len(result.hits)} of {result.total} matching exercises")
    return 0


def _check(args: argparse.Namespace) -> int:
    from exercise_library.figures.fidelity import missing_equipment, similar_frames
    from exercise_library.figures.validate import figure_problems

    cat = load_directory(args.dir)
    for ex in cat:
        where = cat.sources.get(ex.code, ex.code)
        if ex.figure is None:
            cat.problems.append(LoadProblem(where, "figure", "no figure: add a [figure] table"))
            continue
        for message in figure_problems(ex.figure) + similar_frames(ex.figure):
            cat.problems.append(LoadProblem(where, "figure", message))
        for message in missing_equipment(ex.figure, ex.equipment):
            cat.problems.append(LoadProblem(where, "equipment", message))
    if args.json:
        print_json(
            {
                "exercises": len(cat),
                "problems": [
                    {"file": p.path, "field": p.field, "message": p.message} for p in cat.problems
                ],
            }
        )
    else:
        for p in cat.problems:
            print(p, file=sys.stderr)
        state = "ok" if not cat.problems else f"{len(cat.problems)} problem(s)"
        print(f"{len(cat)} exercises loaded; {state}")
    return 1 if cat.problems else 0


def _export(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.exercises.export(args.code, args.out)
    print(f"wrote {args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        if not args.replace:
            ex = services.exercises.import_file(args.file)
            print(f"added clinic exercise '{ex.code}' ({ex.name})")
            return 0
        try:
            ex = read_exercise_file(args.file)
        except ExerciseFileError as exc:
            raise UserError(str(exc)) from None
        stored = {mine.code: version for mine, version in services.exercises.list()}
        if ex.code not in stored and ex.code not in builtin_catalogue():
            services.exercises.create(ex)
            print(f"added clinic exercise '{ex.code}' ({ex.name})")
            return 0
        # A built-in code is refused by the service's own check, in its words.
        before = stored.get(ex.code, 0)
        _, version = services.exercises.update(ex, before)
    if version == before:
        print(f"clinic exercise '{ex.code}' is unchanged")
    else:
        print(f"replaced clinic exercise '{ex.code}' ({ex.name}), now version {version}")
    return 0


def _duplicate(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        ex, _ = services.exercises.duplicate(args.code, args.new_code, args.name)
    print(f"added clinic exercise '{ex.code}' ({ex.name}), copied from '{args.code}'")
    return 0


def _figures(args: argparse.Namespace) -> int:
    try:
        from exercise_library.figures.export import write_contact_sheet, write_figures
    except ImportError as exc:
        raise UserError(f"figures are not available in this build ({exc})") from None
    cat = builtin_catalogue()
    paths = write_figures(cat, args.out)
    sheet = args.out / "contact-sheet.png"
    write_contact_sheet(cat, sheet)
    print(f"wrote {len(paths)} figures and {sheet}")
    return 0
