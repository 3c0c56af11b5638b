"""Moving records in and out of the database: programme and assessment files, clients."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli import print_json
from planner.commands._common import add_json_flag, services_for
from planner.errors import UserError
from planner.records import ClientDetails
from planner.services.privacy import LEGAL_REASONS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="store a programme file (*.physio.json) in the database")
    p.add_argument("file", type=Path)
    p.add_argument("--client", type=int, metavar="ID", help="attach it to this client")
    p.set_defaults(func=_import_programme)

    p = sub.add_parser("export", help="write a programme from the database as a programme file")
    p.add_argument("--programme", type=int, metavar="ID", help="default: most recently changed")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_export_programme)

    a = sub.add_parser("assessment", help="assessment files in and out of the database")
    asub = a.add_subparsers(dest="assessment_command", metavar="ACTION", required=True)
    p = asub.add_parser("import", help="store an assessment file for a client")
    p.add_argument("file", type=Path)
    p.add_argument("--client", type=int, metavar="ID", required=True)
    p.set_defaults(func=_import_assessment)
    p = asub.add_parser("export", help="write a stored assessment as an assessment file")
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_export_assessment)

    c = sub.add_parser("client", help="clients in the database")
    csub = c.add_subparsers(dest="client_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="clients, optionally matching a search")
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--archived", action="store_true")
    add_json_flag(p)
    p.set_defaults(func=_list_clients)
    p = csub.add_parser("add", help="add a client")
    p.add_argument("name")
    p.add_argument("--born", metavar="YYYY-MM-DD")
    add_json_flag(p)
    p.set_defaults(func=_add_client)
    p = csub.add_parser(
        "export", help="everything held about one client: records as JSON, documents as PDF"
    )
    p.add_argument("id", type=int)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new or empty folder")
    # reports sets this to its PDF writer (planner cannot draw documents itself).
    p.set_defaults(func=_export_client, documents=None)
    p = csub.add_parser(
        "erase", help="remove every record of one client for good (asks you to type to confirm)"
    )
    p.add_argument("id", type=int)
    p.add_argument(
        "--legal-reason",
        choices=sorted(LEGAL_REASONS),
        help="why records younger than the clinic's retention period may go (administrator)",
    )
    p.set_defaults(func=_erase_client)


def _import_programme(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        new_id = services.programmes.import_file(args.file, args.client)
    print(new_id)
    return 0


def _export_programme(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        pid = services.programmes.export_file(args.programme, args.out)
    print(f"wrote programme {pid} to {args.out}")
    return 0


def _import_assessment(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        record = services.assessments.import_file(args.file, args.client)
    print(record.id)
    return 0


def _export_assessment(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.assessments.export_file(args.id, args.out)
    print(f"wrote assessment {args.id} to {args.out}")
    return 0


def _list_clients(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        clients = services.clients.search(args.text, archived=args.archived, limit=100000)
    if args.json:
        print_json([c.model_dump(mode="json") for c in clients])
    else:
        for c in clients:
            born = c.birth_date.isoformat() if c.birth_date else "-"
            print(f"{c.id:6}  {c.name}  ({born})")
    return 0


def _add_client(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from planner.reading import describe_error

    try:
        details = ClientDetails(name=args.name, birth_date=args.born)
    except ValidationError as exc:
        raise UserError(describe_error(exc.errors()[0])) from None
    with services_for(args) as services:
        client = services.clients.create(details)
    if args.json:
        print_json(client.model_dump(mode="json"))
    else:
        print(client.id)
    return 0


def _export_client(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        written = services.privacy.export(args.id, args.out, args.documents)
    print(f"wrote {len(written)} files about client {args.id} to {args.out}")
    return 0


def _erase_client(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        plan = services.privacy.erase_plan(args.id)
        print(plan.text())
        if plan.needs_reason and args.legal_reason:
            print(f"Legal reason: {LEGAL_REASONS[args.legal_reason]}.")
        print("> ", end="", flush=True)
        typed = sys.stdin.readline()
        services.privacy.erase(args.id, typed, args.legal_reason)
    print(f"erased client {args.id}")
    return 0
