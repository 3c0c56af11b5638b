"""`physio-planner render` and `physio-planner report assessment|progress`: PDFs, headless.

Registered by the launcher in ui (planner cannot import reports). Every input is checked
before anything is drawn, each problem ends in one line naming the file, the field and the
value, and the PDF is written whole or not at all (a temporary file renamed over the target).
The PDF machinery is imported only when a document is made, so other commands start fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from exercise_library.catalogue import Catalogue
from exercise_library.vocabulary import Condition
from planner.commands._common import clinic_for
from planner.errors import UserError
from planner.files import atomic_write
from planner.images import MAX_FILE_BYTES, prepare_photo
from planner.policy import ClinicPolicy
from planner.programme.files import ProgrammeFile
from planner.programme.model import SessionLog
from planner.reading import fail, read_bytes, read_json, validate_json, validate_json_as
from planner.settings import ClinicSettings, upgrade_settings

_LOGS = TypeAdapter(list[SessionLog])


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="print a programme file as the client's home programme PDF")
    p.add_argument("file", type=Path, metavar="FILE", help="programme file (.physio.json)")
    _output_options(p)
    p.add_argument(
        "--condition",
        action="append",
        default=[],
        metavar="CODE",
        help="one of the client's conditions (repeat for each); its precautions print on the "
        f"cards ({', '.join(c.value for c in Condition)})",
    )
    p.add_argument(
        "--trimester", type=int, choices=(1, 2, 3),
        help="the pregnancy trimester (implies --condition pregnancy); without it a pregnancy "
        "is judged at the strictest trimester",
    )  # fmt: skip
    p.add_argument("--logs", type=Path, metavar="FILE", help="session logs (JSON list)")
    p.add_argument(
        "--log-sheet",
        action="store_true",
        help="add the log sheet (a tick box for every session, four weeks to a page)",
    )
    p.set_defaults(func=_render)

    report = sub.add_parser("report", help="assessment summary or progress report as a PDF")
    kinds = report.add_subparsers(dest="kind", metavar="KIND", required=True)
    p = kinds.add_parser("assessment", help="the assessment summary of one assessment file")
    p.add_argument("file", type=Path, metavar="FILE", help="assessment file (.json)")
    p.add_argument("--programme", type=Path, metavar="FILE", help="outline this programme file")
    p.add_argument("--therapist", help="name printed as the assessing therapist")
    _output_options(p)
    p.set_defaults(func=_report_assessment)

    p = kinds.add_parser("progress", help="progress across assessments and session logs")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="assessment files")
    p.add_argument("--programme", type=Path, metavar="FILE", help="programme file (.physio.json)")
    p.add_argument("--logs", type=Path, metavar="FILE", help="session logs (JSON list)")
    _output_options(p)
    p.set_defaults(func=_report_progress)

    _print_documents_in_client_export(sub)


def _print_documents_in_client_export(sub: argparse._SubParsersAction) -> None:
    """planner's `client export` writes records only; hand it our PDF writer too."""
    from reports.client_documents import write_client_documents

    client = sub.choices.get("client")
    if client is None:
        return
    for action in client._actions:
        if isinstance(action, argparse._SubParsersAction) and "export" in action.choices:
            action.choices["export"].set_defaults(documents=write_client_documents)


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="PDF to write")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: clinic's)")
    p.add_argument(
        "--large-print",
        action="store_true",
        default=None,
        help="print all client text at 14 pt or more (default: clinic's setting)",
    )
    p.add_argument(
        "--clinic",
        type=Path,
        metavar="FILE",
        help="clinic settings (JSON); default: the settings in the database, if there is one",
    )
    p.add_argument("--logo", type=Path, metavar="FILE", help="clinic logo (PNG or JPEG)")


# --- reading the inputs ---------------------------------------------------------------------


def read_clinic_file(path: Path) -> ClinicSettings:
    """Clinic settings from a JSON file, read strictly (planner.reading)."""
    raw, _text = read_json(path)
    if not isinstance(raw, dict):
        raise fail(str(path), "expected clinic settings (a JSON object)")
    return validate_json(ClinicSettings, json.dumps(upgrade_settings(raw)), str(path))


def read_logs_file(path: Path) -> list[SessionLog]:
    """Session logs: a JSON list of entries, or an object with a "logs" list."""
    raw, _text = read_json(path)
    if isinstance(raw, dict) and "logs" in raw:
        raw = raw["logs"]
    if not isinstance(raw, list):
        raise fail(str(path), "expected a JSON list of session logs")
    return validate_json_as(_LOGS, json.dumps(raw), str(path))


def _read_logo(path: Path) -> bytes:
    """A logo file, checked and scaled like one chosen in the settings (PNG or JPEG only)."""
    image, _mime = prepare_photo(read_bytes(path, limit=MAX_FILE_BYTES), str(path))
    return image


@dataclass(frozen=True)
class _ClinicInputs:
    policy: ClinicPolicy
    catalogue: Catalogue
    logo: bytes | None
    photos: dict[str, bytes]


def _clinic(
    args: argparse.Namespace, programme_file: Path | None = None
) -> tuple[_ClinicInputs, ProgrammeFile | None]:
    """The clinic's policy, library, logo and exercise photos from its database (when there
    is one), and the programme file read against that library. ``--clinic FILE`` adds clinic
    details and may only raise referral levels; ``--logo FILE`` replaces the logo."""
    from planner.programme.files import read_programme_file

    pf = None
    with clinic_for(args) as clinic:
        policy, catalogue = clinic.policy, clinic.catalogue
        if programme_file is not None:
            pf = read_programme_file(programme_file, catalogue)
        logo, photos = None, {}
        if clinic.services is not None:
            logo = clinic.services.settings.logo()
            if pf is not None:
                photos = clinic.services.media.photos_in_use([i.code for i in pf.programme.items])
    if args.clinic is not None:
        policy = policy.with_clinic_file(read_clinic_file(args.clinic), where=str(args.clinic))
    if args.logo is not None:
        logo = _read_logo(args.logo)
    return _ClinicInputs(policy, catalogue, logo, photos), pf


def _conditions(values: list[str]) -> list[Condition]:
    out = []
    for value in values:
        try:
            out.append(Condition(value))
        except ValueError:
            known = ", ".join(c.value for c in Condition)
            raise UserError(f"--condition: '{value}' is not a condition code ({known})") from None
    return out


def _write(path: Path, pdf: bytes, what: str) -> None:
    atomic_write(path, pdf)
    pages = len(re.findall(rb"/Type /Page\b(?!s)", pdf))
    print(f"Wrote {path}: {what}, {pages} {'page' if pages == 1 else 'pages'}.")


# --- the commands -----------------------------------------------------------------------------


def _render(args: argparse.Namespace) -> int:
    """The handout of a programme file, checked against the clinic's policy first: a file
    whose client the policy holds back exits 2 with the reason, as the window refuses it."""
    from planner.documents import contact_problem
    from planner.operations.documents import (
        HANDOUT,
        DocumentPlan,
        file_handout_check,
        handout_sections,
    )
    from planner.programme.files import file_catalogue
    from reports.render import render_plan

    conditions = frozenset(_conditions(args.condition))
    logs = read_logs_file(args.logs) if args.logs else []
    inputs, pf = _clinic(args, args.file)
    assert pf is not None
    catalogue = file_catalogue(pf, inputs.catalogue)
    checked = file_handout_check(
        pf.programme, catalogue, inputs.policy, args.file.name, conditions, args.trimester
    )
    # Safety first (above), then whether the client can be told whom to call.
    problem = contact_problem(inputs.policy.settings)
    if problem is not None:
        where = f"{args.clinic}: " if args.clinic is not None else ""
        raise UserError(
            f'{where}{problem} Set it with `physio-planner clinic set phone="..."` (or in the '
            'app\'s Settings), or give a clinic file with --clinic FILE ({"phone": "..."}).'
        )
    if checked.warning:
        print(f"physio-planner: note: {checked.warning}", file=sys.stderr)
    running, care = handout_sections(pf.programme, catalogue, inputs.policy, logs)
    plan = DocumentPlan(
        kind=HANDOUT, policy=inputs.policy, catalogue=catalogue, context=checked.context,
        programme=pf.programme, logs=tuple(logs), logo=inputs.logo, photos=inputs.photos,
        running_plan=running, care_pathway=care,
    )  # fmt: skip
    pdf = render_plan(
        plan, paper=args.paper, large_print=args.large_print, log_sheet=args.log_sheet
    )
    _write(args.out, pdf, "home programme")
    return 0


def _report_assessment(args: argparse.Namespace) -> int:
    from planner.assessment.io import load_assessment
    from planner.programme.files import file_catalogue, read_programme_file
    from reports.assessment_summary import build_assessment_summary

    assessment = load_assessment(args.file)
    programme = catalogue = None
    if args.programme:
        pf = read_programme_file(args.programme)
        programme, catalogue = pf.programme, file_catalogue(pf)
    inputs, _ = _clinic(args)
    pdf = build_assessment_summary(
        assessment,
        inputs.policy,
        logo=inputs.logo,
        catalogue=catalogue,
        programme=programme,
        therapist=args.therapist,
        paper=args.paper,
        large_print=args.large_print,
    )
    _write(args.out, pdf, "assessment summary")
    return 0


def _report_progress(args: argparse.Namespace) -> int:
    from planner.assessment.io import load_assessment
    from planner.programme.files import file_catalogue, read_programme_file
    from reports.progress_report import build_progress_report

    assessments = [load_assessment(path) for path in args.files]
    programme = catalogue = None
    if args.programme:
        pf = read_programme_file(args.programme)
        programme, catalogue = pf.programme, file_catalogue(pf)
    # Without --programme the logs cannot be matched to exercises, but their pain still charts.
    logs = read_logs_file(args.logs) if args.logs else []
    inputs, _ = _clinic(args)
    pdf = build_progress_report(
        assessments,
        inputs.policy,
        logs=logs,
        programme=programme,
        catalogue=catalogue,
        logo=inputs.logo,
        paper=args.paper,
        large_print=args.large_print,
    )
    _write(args.out, pdf, "progress report")
    return 0
