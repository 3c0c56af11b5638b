"""`physio-planner assess`, `recommend` and `schema`: the assessment reasoning, headless.

The --json output is a contract for scripts (keys built in :mod:`planner.assessment.report`);
the text output says the same for a person at a terminal.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from planner.assessment.analysis import Findings, analyse
from planner.assessment.compare import same_client
from planner.assessment.io import assessment_json_schema, load_assessment
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import Recommendation, recommend
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.report import findings_json, recommendation_json
from planner.assessment.view import (
    NO_FINDINGS,
    NO_SCORES,
    care_pathway_line,
    finding_lines,
    nerve_lines,
    referral_headline,
    score_lines,
)
from planner.cli import print_json
from planner.commands._common import clinic_for
from planner.errors import UserError
from planner.programme.text import dosage_text
from planner.units import DistanceUnit

SCHEMA_KINDS = ("assessment", "exercise", "programme")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assess", help="red flags, scores and imbalances from an assessment file")
    _common(p)
    p.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help="the client's assessment before this one: neurology worse since then is an "
        "urgent red flag",
    )
    p.set_defaults(func=_assess)

    p = sub.add_parser(
        "recommend", help="a safe starting programme for the client in an assessment file"
    )
    _common(p)
    p.add_argument(
        "--minutes",
        type=float,
        default=None,
        metavar="N",
        help="session length in minutes (default: the clinic's, 30 unless changed)",
    )
    p.set_defaults(func=_recommend)

    p = sub.add_parser("schema", help="print the JSON Schema of a file format")
    p.add_argument("kind", choices=SCHEMA_KINDS, help="which file format")
    p.set_defaults(func=_schema)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="assessment file (.json)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument(
        "--thresholds",
        type=Path,
        metavar="FILE",
        help="JSON file of clinical threshold overrides (as in clinic settings), applied on "
        "top of the clinic's own; red-flag levels may only be raised",
    )


# --- assess -------------------------------------------------------------------------------


def _assess(args: argparse.Namespace) -> int:
    a = load_assessment(args.file)
    previous = load_assessment(args.previous) if args.previous is not None else None
    if previous is not None:
        same_client(previous, a)
    with clinic_for(args) as clinic:
        findings = analyse(a, clinic.policy, previous)
    if args.json:
        print_json(findings_json(findings))
    else:
        print(render_findings(a, findings))
    return 0


def render_findings(a: AssessmentFile, f: Findings) -> str:
    lines = [f"Assessment of {a.client.name} on {a.date} (age {a.age})", ""]
    lines.append(f"Referral: {f.referral.value}. {referral_headline(f, a)}")
    for flag in f.red_flags:
        lines.append(f"  [{LEVEL_WORDS[flag.level].short}] {flag.code.label}: {flag.message}")
    lines.extend(f"Note: {n}" for n in f.notes)
    nerve = nerve_lines(f)
    if nerve:
        lines += ["", *nerve]

    lines += ["", "Scores"]
    scores = score_lines(f.scores)
    lines.extend(f"  {s.name}: {s.text}" for s in scores)
    if not scores:
        lines.append(f"  {NO_SCORES}")
    pathway = care_pathway_line(f)
    if pathway:
        lines.append(pathway)

    lines += ["", "Imbalances"]
    findings = finding_lines(f)
    for finding in findings:
        lines.append(f"  {finding.title}")
        lines.extend(f"    - {e}" for e in finding.evidence)
    if not findings:
        lines.append(f"  {NO_FINDINGS}")
    return "\n".join(lines)


# --- recommend ----------------------------------------------------------------------------


def _recommend(args: argparse.Namespace) -> int:
    if args.minutes is not None and not 5 <= args.minutes <= 240:
        raise UserError(f"--minutes: a session of {args.minutes:g} minutes is not possible (5-240)")
    a = load_assessment(args.file)
    with clinic_for(args) as clinic:
        rec = recommend(a, clinic.policy, clinic.catalogue, session_minutes=args.minutes)
        unit = clinic.policy.distance_unit
    if args.json:
        print_json(recommendation_json(rec))
    else:
        print(render_recommendation(a, rec, unit))
    return 0


def render_recommendation(a: AssessmentFile, r: Recommendation, unit: DistanceUnit = "km") -> str:
    lines = [f"Recommendation for {a.client.name} ({a.date})", ""]
    pathway = care_pathway_line(r.findings)
    if pathway and not r.blocked_reason:
        lines += [pathway, ""]
    if r.blocked_reason:
        lines.append(f"No exercise recommended. {r.blocked_reason}")
        return "\n".join(lines)
    lines.append(
        f"Starting programme: {len(r.exercises)} exercises, about "
        f"{r.estimated_minutes:.0f} of {r.session_minutes:g} minutes."
    )
    for n, e in enumerate(r.exercises, start=1):
        lines.append(f"{n:>3}. {e.exercise.name} ({e.exercise.modality.label.lower()})")
        lines.append(f"     Dose: {dosage_text(e.dose, e.exercise, distance_unit=unit)}")
        lines.append(f"     Why: {e.reason}")
        lines.extend(f"     Caution: {c}" for c in e.cautions)
    if r.runs:
        lines += ["", "Running plan"]
        for e in r.runs:
            days = ", ".join(d.label for d in e.days)
            dose = dosage_text(e.dose, e.exercise, distance_unit=unit)
            lines.append(f"  - {e.exercise.name}: {dose} ({days})")
            lines.append(f"     Why: {e.reason}")
            if e.notes:
                lines.append(f"     For the client: {e.notes}")
    for code, why in r.uncovered.items():
        lines.append(f"Not covered: {code.label.lower()}: {why}.")
    lines.extend(f"Note: {n}" for n in r.notes)
    if r.excluded:
        lines += ["", "Not offered"]
        lines.extend(f"  - {x.code}: {x.reason}" for x in r.excluded)
    return "\n".join(lines)


# --- schema -------------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    print_json(schema_for(args.kind))
    return 0


def schema_for(kind: str) -> dict[str, Any]:
    if kind == "assessment":
        return assessment_json_schema()
    if kind == "exercise":
        from exercise_library.schema import Exercise

        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **Exercise.model_json_schema(),
            "title": "Physio Planner exercise",
        }
    if kind == "programme":
        # Looked up on use: the programme file format is owned by another module and may not
        # exist in every build yet.
        try:
            module = importlib.import_module("planner.programme.files")
            model = module.ProgrammeFile
        except (ImportError, AttributeError):
            raise UserError(
                "the programme file schema is not available yet in this version"
            ) from None
        published = getattr(module, "programme_json_schema", None)
        schema: dict[str, Any] = published() if callable(published) else model.model_json_schema()
        return schema
    raise UserError(f"schema: unknown kind '{kind}' (choose {', '.join(SCHEMA_KINDS)})")
