"""`physio-planner clinic show|set` and `programmes check`: the clinic policy from a terminal.

`clinic set` merges into what is stored, by the settings' own names and by the clinical
thresholds' dotted names; `programmes check` lists the stored programmes the current policy
holds back, so the clinic can call those clients after a change.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli import print_json
from planner.commands._common import add_json_flag, read_overrides, services_for
from planner.errors import UserError
from planner.operations.clinic import (
    flat_overrides,
    parse_assignments,
    programmes_held_back,
    settable_fields,
    update_settings,
)
from planner.settings import ClinicSettings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("clinic", help="show or change the clinic's settings and thresholds")
    clinic = p.add_subparsers(dest="clinic_command", metavar="ACTION", required=True)
    show = clinic.add_parser("show", help="print the clinic's settings, overrides included")
    add_json_flag(show)
    show.set_defaults(func=_show)
    change = clinic.add_parser(
        "set",
        help="set clinic fields (phone=..., session_minutes=...) and clinical thresholds "
        "(red_flags.levels.history_of_cancer=urgent); merges into what is stored",
    )
    change.add_argument(
        "assignments",
        nargs="*",
        metavar="KEY=VALUE",
        help=f"clinic fields ({', '.join(settable_fields())}) or dotted threshold names",
    )
    change.add_argument(
        "--overrides",
        type=Path,
        metavar="FILE",
        help="JSON file of threshold overrides, nested as they are stored",
    )
    change.set_defaults(func=_set)

    p = sub.add_parser("programmes", help="check stored programmes against the clinic policy")
    programmes = p.add_subparsers(dest="programmes_command", metavar="ACTION", required=True)
    check = programmes.add_parser(
        "check",
        help="list programmes that now hold an excluded exercise or belong to a client whose "
        "red flags stop exercise",
    )
    add_json_flag(check)
    check.set_defaults(func=_check)


def _settings_text(settings: ClinicSettings) -> str:
    lines = []
    for name, info in ClinicSettings.model_fields.items():
        if name in ("clinical_overrides", "settings_version"):
            continue
        value = getattr(settings, name)
        shown = value if value not in ("", None) else "(not set)"
        lines.append(f"{info.title or name} ({name}): {shown}")
    overrides = flat_overrides(settings.clinical_overrides)
    lines.append("Clinical thresholds changed from the published ones:")
    if not overrides:
        lines.append("  none")
    lines.extend(f"  {name} = {value}" for name, value in sorted(overrides.items()))
    return "\n".join(lines)


def _show(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        settings, _ = services.settings.get()
    if args.json:
        print_json(settings.model_dump(mode="json"))
    else:
        print(_settings_text(settings))
    return 0


def _set(args: argparse.Namespace) -> int:
    fields, overrides = parse_assignments(args.assignments)
    if args.overrides is not None:
        from planner.policy import merge_overrides

        overrides = merge_overrides(read_overrides(args.overrides), overrides)
    if not fields and not overrides:
        raise UserError("clinic set: give at least one KEY=VALUE or --overrides FILE")
    with services_for(args) as services:
        result = update_settings(services, fields, overrides)
    changed = sorted([*fields, *flat_overrides(overrides)])
    print(f"Saved the clinic settings: {', '.join(changed)}.")
    if not result.value.phone:
        print("Note: no contact phone is set; handouts need one (clinic set phone=...).")
    return 0


def _check(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        held = programmes_held_back(services)
    if args.json:
        print_json(
            [
                {
                    "programme_id": h.programme_id,
                    "client_id": h.client_id,
                    "title": h.title,
                    "reason": h.reason,
                }
                for h in held
            ]
        )
        return 0
    if not held:
        print("Every stored programme may be printed under the clinic's current policy.")
        return 0
    print(f"{len(held)} programme(s) are held back under the clinic's current policy:")
    for h in held:
        who = f"client {h.client_id}" if h.client_id is not None else "no client"
        print(f"  programme {h.programme_id} ({who}): {h.reason}")
    return 0
