"""`physio-planner plan`, `schedule`, `export-ics` and `export-csv`: programmes, headless.

`plan` turns an assessment into a first programme file with default progressions; the other
three read a programme file and show or export its schedule. All of them go through
:func:`planner.programme.schedule.materialise`, the same function the window and PDF use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from planner.cli import print_json
from planner.commands._common import clinic_for
from planner.dates import parse_day
from planner.files import atomic_write
from planner.programme.exports import schedule_csv, schedule_ics
from planner.programme.files import (
    ProgrammeFile,
    file_catalogue,
    programme_file,
    read_programme_file,
    write_programme_file,
)
from planner.programme.schedule import Schedule, materialise
from planner.programme.text import day_text

MAX_WEEKS = 104


def _date(text: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"weeks must be 1 to {MAX_WEEKS} (got {weeks})")
    return weeks


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan", help="build a programme file from an assessment's recommended exercises"
    )
    p.add_argument("assessment", type=Path, metavar="ASSESSMENT_FILE", help="assessment file")
    p.add_argument("--weeks", type=_weeks, required=True, metavar="N", help="programme length")
    p.add_argument("--start", type=_date, required=True, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="programme file")
    p.add_argument("--title", help="programme title (default: 'Home programme for <client>')")
    p.add_argument("--therapist", help="therapist's name, printed on the handout")
    p.add_argument("--json", action="store_true", help="print a machine-readable summary")
    p.set_defaults(func=_plan)

    p = sub.add_parser("schedule", help="every day of a programme file with its exact doses")
    p.add_argument("file", type=Path, metavar="FILE", help="programme file (.physio.json)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=_schedule)

    p = sub.add_parser("export-ics", help="a calendar of a programme's sessions and reviews")
    p.add_argument("file", type=Path, metavar="FILE", help="programme file (.physio.json)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="calendar file (.ics)")
    p.set_defaults(func=_export_ics)

    p = sub.add_parser("export-csv", help="a programme's schedule as a spreadsheet")
    p.add_argument("file", type=Path, metavar="FILE", help="programme file (.physio.json)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="spreadsheet (.csv)")
    p.set_defaults(func=_export_csv)


# --- plan ---------------------------------------------------------------------------------


def _plan(args: argparse.Namespace) -> int:
    from planner.assessment.io import load_assessment
    from planner.operations.programmes import plan_from_assessment

    assessment = load_assessment(args.assessment)
    notes: list[str] = []
    with clinic_for(args) as clinic:
        programme = plan_from_assessment(
            assessment, clinic.policy, clinic.catalogue, start=args.start, weeks=args.weeks,
            title=args.title, therapist=args.therapist, where=args.assessment.name, notes=notes,
        )  # fmt: skip
        # The programme carries the client context it was planned for (plan_from_assessment).
        write_programme_file(args.out, programme_file(programme, clinic.catalogue))
    if args.json:
        print_json(
            {
                "file": str(args.out),
                "title": programme.title,
                "start": programme.start.isoformat(),
                "end": programme.end.isoformat(),
                "weeks": programme.total_weeks,
                "items": [item.code for item in programme.items],
                "notes": notes,
            }
        )
    else:
        print(
            f"Wrote {args.out}: {len(programme.items)} exercises over {programme.total_weeks} "
            f"weeks, {programme.start.isoformat()} to {programme.end.isoformat()}."
        )
        for note in notes:
            print(f"Note: {note}")
    return 0


# --- schedule and exports -----------------------------------------------------------------


def _load(args: argparse.Namespace, *, check: bool) -> tuple[ProgrammeFile, Schedule]:
    """The file's schedule in the clinic's units; an export (``check``) is refused when the
    clinic's policy holds the programme back, as the window refuses it."""
    from planner.operations.documents import file_handout_check

    with clinic_for(args) as clinic:
        pf = read_programme_file(args.file, clinic.catalogue)
        catalogue = file_catalogue(pf, clinic.catalogue)
        if check:
            checked = file_handout_check(pf.programme, catalogue, clinic.policy, args.file.name)
            if checked.warning:
                print(f"physio-planner: note: {checked.warning}", file=sys.stderr)
        unit = clinic.policy.distance_unit
    return pf, materialise(pf.programme, catalogue, distance_unit=unit, policy=clinic.policy)


def _schedule(args: argparse.Namespace) -> int:
    pf, schedule = _load(args, check=False)
    if args.json:
        print_json(schedule.to_json())
        return 0
    print(f"{pf.programme.title}: {schedule.start.isoformat()} to {schedule.end.isoformat()}")
    for day in schedule.days:
        if not day.items and not day.review:
            continue
        print(f"\n{day_text(day.date)} (week {day.week}, {day.phase_name})")
        if day.review:
            print("  Review with your physio")
        for item in day.items:
            print(f"  {item.name}: {item.text}")
    for review in schedule.reviews:
        if review > schedule.end:
            print(f"\n{day_text(review)}\n  Review with your physio")
    return 0


def _export_ics(args: argparse.Namespace) -> int:
    pf, schedule = _load(args, check=True)
    atomic_write(args.out, schedule_ics(schedule, pf.programme))
    print(f"Wrote {args.out}: {len(schedule.sessions())} session days.")
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    _, schedule = _load(args, check=True)
    atomic_write(args.out, schedule_csv(schedule))
    print(f"Wrote {args.out}: {len(schedule.sessions())} session days.")
    return 0
