"""`physio-planner user ...` and `physio-planner audit ...`: accounts, tokens, sign-in, the trail.

Passwords come from standard input (`--password-stdin`) or a prompt, never from an argument:
arguments show in the process list and the shell's history.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from planner.cli import print_json
from planner.commands._common import add_json_flag, services_for
from planner.errors import UserError
from planner.files import atomic_write


def register(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser("user", help="clinician accounts, tokens and the sign-in switch")
    usub = u.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    p = usub.add_parser("add", help="create an account (password on standard input)")
    p.add_argument("name", help="user name, one word")
    p.add_argument("--admin", action="store_true", help="may manage accounts and read the trail")
    p.add_argument("--full-name", help="name shown in the window (default: the user name)")
    _password_flag(p)
    p.set_defaults(func=_add)

    p = usub.add_parser("list", help="every account")
    add_json_flag(p)
    p.set_defaults(func=_list)

    p = usub.add_parser("password", help="set an account's password (on standard input)")
    p.add_argument("name")
    _password_flag(p)
    p.set_defaults(func=_password)

    for action, text in (("disable", "stop an account signing in"), ("enable", "allow again")):
        p = usub.add_parser(action, help=text)
        p.add_argument("name")
        p.set_defaults(func=_set_active, active=action == "enable")

    p = usub.add_parser(
        "token",
        help="issue a token for commands (printed once); an administrator's token issues one "
        "for anyone, your own password (--password-stdin) one for yourself",
    )
    p.add_argument("name")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="prove it is you: NAME's password on the first line of standard input",
    )
    p.add_argument("--days", type=int, default=90, help="valid for this many days (0: no end)")
    p.add_argument("--label", default="", help="what the token is for (e.g. 'nightly export')")
    p.add_argument("--out", type=Path, metavar="FILE", help="write it to FILE (owner-only)")
    p.set_defaults(func=_token)

    p = usub.add_parser("revoke", help="stop every token of an account working")
    p.add_argument("name")
    p.set_defaults(func=_revoke)

    p = usub.add_parser("sign-in", help="turn sign-in on or off for the whole clinic")
    p.add_argument("state", choices=("on", "off", "status"))
    p.set_defaults(func=_sign_in)

    a = sub.add_parser("audit", help="the audit trail (administrators)")
    asub = a.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="newest entries first")
    p.add_argument("--client", type=int, metavar="ID", help="only this client's entries")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.set_defaults(func=_audit_list)
    p = asub.add_parser("export", help="the whole trail as CSV (owner-only file)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--client", type=int, metavar="ID", help="only this client's entries")
    p.set_defaults(func=_audit_export)


def _password_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (no prompt)",
    )


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UserError("--password-stdin: standard input was empty")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("give the password with --password-stdin (never as an argument)")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Same password again: ") != first:
        raise UserError("the two passwords differ")
    return first


def _add(args: argparse.Namespace) -> int:
    password = read_password(args)
    with services_for(args) as services:
        account = services.accounts.add(
            args.name, password, is_admin=args.admin, name=args.full_name
        )
    role = "administrator" if account.is_admin else "clinician"
    print(f"added {role} '{account.username}' (id {account.id})")
    return 0


def _list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        accounts = services.accounts.list()
    if args.json:
        print_json([a.model_dump() for a in accounts])
        return 0
    for a in accounts:
        flags = ", ".join(
            f for f, on in (("administrator", a.is_admin), ("disabled", not a.active)) if on
        )
        print(f"{a.username:20} {a.name}" + (f"  ({flags})" if flags else ""))
    return 0


def _password(args: argparse.Namespace) -> int:
    password = read_password(args)
    with services_for(args) as services:
        services.accounts.set_password(args.name, password)
    print(f"password of '{args.name}' changed")
    return 0


def _set_active(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.accounts.set_active(args.name, args.active)
    print(f"'{args.name}' {'enabled' if args.active else 'disabled'}")
    return 0


def _token(args: argparse.Namespace) -> int:
    if args.days < 0:
        raise UserError(f"--days: {args.days} is negative; use 0 for a token without an end")
    password = read_password(args) if args.password_stdin else None
    with services_for(args) as services:
        token = services.accounts.issue_token(
            args.name, days=args.days or None, label=args.label, password=password
        )
    if args.out is not None:
        atomic_write(args.out, token + "\n")
        print(f"wrote a token for '{args.name}' to {args.out}")
    else:
        print(token)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        count = services.accounts.revoke_tokens(args.name)
    print(f"revoked {count} token{'s' if count != 1 else ''} of '{args.name}'")
    return 0


def _sign_in(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        if args.state != "status":
            services.accounts.set_sign_in(args.state == "on")
        on = services.settings.get()[0].sign_in_required
    print(f"sign-in is {'on' if on else 'off'}")
    return 0


def _audit_list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        entries = services.audit_trail.entries(client_id=args.client, limit=args.limit)
    if args.json:
        print_json([e.model_dump(mode="json") for e in entries])
        return 0
    for e in entries:
        who = e.clinician or "-"
        client = f" client {e.client_id}" if e.client_id is not None else ""
        fields = f" [{', '.join(e.fields)}]" if e.fields else ""
        when = e.at.strftime("%Y-%m-%d %H:%M")
        print(f"{e.seq:6} {when} {who:12} {e.action} {e.entity} {e.entity_id}{client}{fields}")
    return 0


def _audit_export(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        count = services.audit_trail.export_csv(args.out, client_id=args.client)
    print(f"wrote {count} audit entries to {args.out}")
    return 0
