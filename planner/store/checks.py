"""`db check`: every way a database can be wrong, each reported in words.

A check is a name, a title and a function from an open (read-only) database to a list of
problems, each one sentence. :data:`CHECKS` runs in order; a check that cannot run (a damaged
page, a schema it does not know) reports that as its problem instead of raising, so one broken
part never hides what the other checks would say. Another part of the app adds its own check
by appending to :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from planner.errors import PlannerError
from planner.store import audit_chain
from planner.store.database import Database, newer_release_message, translate
from planner.store.migrate import read_state, schema_drift
from planner.store.models import TABLE_AUDIT_CHAIN, Base

# Beyond this many problems a check says how many more there are instead of listing them.
MAX_LISTED = 50


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    run: Callable[[Database], list[str]]
    # What the report says when the check finds nothing, and when it finds problems.
    words: tuple[str, str] = ("ok", "PROBLEMS")


@dataclass
class CheckResult:
    name: str
    title: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    words: tuple[str, str] = ("ok", "PROBLEMS")

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def verdict(self) -> str:
        return self.words[0] if self.ok else self.words[1]


class Notes(list[str]):
    """Problems a check returns, plus facts worth saying that are not problems."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []


def _capped(problems: Iterator[str]) -> list[str]:
    out: list[str] = []
    extra = 0
    for problem in problems:
        if len(out) < MAX_LISTED:
            out.append(problem)
        else:
            extra += 1
    if extra:
        out.append(f"... and {extra} more like these")
    return out


# -- the checks ------------------------------------------------------------------------------


def check_file(db: Database) -> list[str]:
    """SQLite's own integrity check (pages, indexes, NOT NULL and CHECK) and foreign keys."""
    if not db.is_sqlite:
        return []
    problems: list[str] = []
    with db.engine.connect() as conn:
        for (line,) in conn.execute(text("PRAGMA integrity_check(100)")):
            if line != "ok":
                problems.append(f"SQLite reports: {line}")
        for row in conn.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"row {row[1]} of {row[0]} points to a missing {row[2]}")
    return problems


def check_migrations(db: Database) -> list[str]:
    """The recorded schema revision: known, current, and matching the tables present."""
    out = Notes()
    with db.engine.connect() as conn:
        state = read_state(conn, db.migration_state().head)
        if state.newer:
            return [newer_release_message(db, state)]
        if state.current is None and not inspect(conn).get_table_names():
            out.notes.append("the database is empty; the app sets it up when it first opens it")
            return out
        drift = schema_drift(conn, state)
    for table in sorted(drift.missing):
        out.append(f"table {table} is missing although the schema is at {state.current}")
    for table in sorted(drift.leftover):
        out.append(
            f"table {table} was left by an upgrade that did not finish; opening the database "
            "in the app repairs this"
        )
    if state.pending and not out:
        out.notes.append(
            f"schema {state.current} is older than {state.head}; the app upgrades it (after a "
            "backup) when it opens the database"
        )
    return out


def _schema_differences(conn: Connection) -> Iterator[str]:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(conn, opts={"compare_type": True})
    for diff in compare_metadata(context, Base.metadata):
        for change in diff if isinstance(diff, list) else [diff]:
            yield _describe_difference(change)
    live = inspect(conn)
    for table in Base.metadata.sorted_tables:
        wanted = {c.name for c in table.constraints if c.__class__.__name__ == "CheckConstraint"}
        have = {c["name"] for c in live.get_check_constraints(table.name)}
        for name in sorted(wanted - have):
            yield f"table {table.name} lacks the check {name}"


def _describe_difference(change: tuple[Any, ...]) -> str:
    kind = change[0]
    if kind == "add_table":
        return f"table {change[1].name} is missing"
    if kind == "remove_table":
        return f"table {change[1].name} is not part of Physio Planner"
    if kind == "add_column":
        return f"column {change[2]}.{change[3].name} is missing"
    if kind == "remove_column":
        return f"column {change[2]}.{change[3].name} is not part of Physio Planner"
    if kind in {"add_index", "remove_index"}:
        index = change[1]
        state = "missing" if kind == "add_index" else "not part of Physio Planner"
        return f"index {index.name} on {index.table.name} is {state}"
    if kind == "modify_type":
        return f"column {change[2]}.{change[3]} has type {change[5]}, expected {change[6]}"
    if kind == "modify_nullable":
        wanted = "required" if change[6] is False else "optional"
        return f"column {change[2]}.{change[3]} should be {wanted}"
    if kind in {"add_fk", "remove_fk", "add_constraint", "remove_constraint"}:
        constraint = change[1]
        state = "missing" if kind.startswith("add") else "not part of Physio Planner"
        return f"constraint {constraint.name} on {constraint.table.name} is {state}"
    return f"the schema differs from this release: {kind}"


def _at_newest(db: Database, out: Notes, what: str) -> bool:
    """True when the schema is the newest; else a note that ``what`` waits for the upgrade."""
    with db.engine.connect() as conn:
        if read_state(conn, db.migration_state().head).pending:
            out.notes.append(f"{what} once the schema is at the newest revision")
            return False
    return True


def check_schema(db: Database) -> list[str]:
    """Live tables, columns, indexes and constraints against the models of this release."""
    out = Notes()
    if _at_newest(db, out, "compared"):
        with db.engine.connect() as conn:
            out.extend(_capped(_schema_differences(conn)))
    return out


def check_records(db: Database) -> list[str]:
    """Every stored document read back through the models the app reads it with."""
    from planner.store.record_checks import stored_record_problems

    out = Notes()
    if _at_newest(db, out, "read"):
        with db.transaction() as session:
            out.extend(_capped(stored_record_problems(session)))
    return out


def check_audit_trail(db: Database) -> list[str]:
    """Broken links of the audit chain (none before the schema that added it)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(TABLE_AUDIT_CHAIN):
            return []
        return audit_chain.verify(conn)


CHECKS: list[Check] = [
    Check("file", "SQLite file", check_file),
    Check("migrations", "schema revision", check_migrations),
    Check("schema", "tables and columns", check_schema),
    Check("records", "stored records", check_records),
    Check("audit", "audit trail", check_audit_trail, ("chain whole", "chain broken")),
]


def run_checks(db: Database, checks: list[Check] | None = None) -> list[CheckResult]:
    """Every check's problems; a check that fails to run reports why, the rest still run."""
    results = []
    for check in CHECKS if checks is None else checks:
        result = CheckResult(check.name, check.title, words=check.words)
        try:
            found = check.run(db)
        except DBAPIError as exc:
            result.problems.append(f"could not be checked: {translate(exc, db.url)}")
        except (SQLAlchemyError, PlannerError) as exc:
            result.problems.append(f"could not be checked: {exc}")
        else:
            result.problems.extend(found)
            result.notes.extend(getattr(found, "notes", []))
        results.append(result)
    return results


__all__ = ["CHECKS", "Check", "CheckResult", "run_checks"]
