"""`physio-planner demo`: fill the database with a demo clinic."""

from __future__ import annotations

import argparse

from planner.cli import print_json
from planner.commands._common import add_json_flag, services_for
from planner.demo import create_demo, remove_demo
from planner.store.database import describe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="create a demo clinic with example clients")
    p.add_argument(
        "--remove", action="store_true", help="remove exactly the demo's clients, nothing else"
    )
    add_json_flag(p)
    p.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    if args.remove:
        with services_for(args) as services:
            removed = remove_demo(services)
            total = services.clients.count()
        if args.json:
            print_json({"removed_clients": removed, "clients": total})
        else:
            print(f"removed {len(removed)} demo clients ({total} clients left)")
        return 0
    with services_for(args) as services:
        ids = create_demo(services)
        total = services.clients.count()
    if args.json:
        print_json({"created_clients": ids, "clients": total})
    else:
        print(f"added {len(ids)} demo clients to the {describe(services.db.url)} ({total} in all)")
    return 0
