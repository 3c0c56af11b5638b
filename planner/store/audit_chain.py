"""The tamper-evident audit trail: each row carries a hash of itself and of the row before.

Appending costs three statements on the audit tables and nothing elsewhere: an UPDATE of the
chain's head row (which takes its write lock, so additions from every workstation queue up, and
returns the previous hash), the INSERT of the row, and the head's new hash. Because they touch
only ``audit_event`` and ``audit_chain``, statement counters can set them apart
(:data:`AUDIT_TABLES`).

The hash covers ids, action and field names only, the same things the row holds, so erasing a
client (whose rows stay) leaves the chain whole. A clinic that can rewrite its own database can
rewrite the whole chain too; what this catches is a row edited, deleted or reordered after the
fact, by hand or by a tool that does not know about the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from planner.errors import StorageError
from planner.store.models import TABLE_AUDIT, TABLE_AUDIT_CHAIN, AuditChainRow, AuditRow

GENESIS = "0" * 64
HEAD_ID = 1
AUDIT_TABLES = (TABLE_AUDIT, TABLE_AUDIT_CHAIN)
# db check stops listing after this many broken links; one is enough to know.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class AuditEvent:
    """What an audited action records, before it is chained."""

    at: datetime
    clinician_id: int | None
    workstation: str
    entity: str
    entity_id: int
    action: str
    version: int | None
    fields: list[str]
    client_id: int | None = None


def _when(at: datetime) -> str:
    """One spelling of a time on every engine (SQLite hands back naive UTC, PostgreSQL aware)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def row_hash(seq: int, prev_hash: str, event: AuditEvent | Any) -> str:
    """SHA-256 of the row's content and the previous row's hash (stable across engines)."""
    content = [
        seq,
        prev_hash,
        _when(event.at),
        event.clinician_id,
        event.workstation,
        event.entity,
        event.entity_id,
        event.action,
        event.version,
        list(event.fields or []),
        event.client_id,
    ]
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(session: Session | Connection, event: AuditEvent) -> int:
    """Add ``event`` at the end of the chain inside the caller's transaction; returns its seq."""
    head = session.execute(
        update(AuditChainRow)
        .where(AuditChainRow.id == HEAD_ID)
        .values(seq=AuditChainRow.seq + 1)
        .returning(AuditChainRow.seq, AuditChainRow.last_hash)
    ).one_or_none()
    if head is None:
        raise StorageError("the audit trail's head row is missing; run 'physio-planner db check'")
    seq, prev = int(head[0]), str(head[1])
    digest = row_hash(seq, prev, event)
    session.execute(
        insert(AuditRow).values(
            at=event.at,
            clinician_id=event.clinician_id,
            workstation=event.workstation,
            entity=event.entity,
            entity_id=event.entity_id,
            action=event.action,
            version=event.version,
            fields=list(event.fields),
            client_id=event.client_id,
            seq=seq,
            prev_hash=prev,
            hash=digest,
        )
    )
    session.execute(
        update(AuditChainRow).where(AuditChainRow.id == HEAD_ID).values(last_hash=digest)
    )
    return seq


def _missing(first: int, last: int) -> str:
    if first >= last:
        return f"audit entry {first} is missing (deleted?)"
    return f"audit entries {first} to {last} are missing (deleted?)"


def chain_problems(rows: Iterable[Any], head: tuple[int, str] | None) -> list[str]:
    """Broken links in ``rows`` (ordered by seq) against the chain's head (seq, last hash)."""
    problems: list[str] = []
    expected_seq, prev = 1, GENESIS
    for row in rows:
        if row.seq != expected_seq:
            problems.append(_missing(expected_seq, row.seq - 1))
        elif row.prev_hash != prev:
            problems.append(f"audit entry {row.seq} does not follow entry {row.seq - 1}")
        if row_hash(row.seq, row.prev_hash, row) != row.hash:
            problems.append(f"audit entry {row.seq} was changed after it was written")
        expected_seq, prev = row.seq + 1, row.hash
        if len(problems) >= MAX_PROBLEMS:
            problems.append("(more problems not listed)")
            return problems
    last_seq = expected_seq - 1
    if head is None:
        problems.append("the audit trail's head row is missing")
    elif head[0] != last_seq:
        if head[0] > last_seq:
            problems.append(_missing(last_seq + 1, head[0]))
        else:
            problems.append(f"the audit trail has {last_seq} entries but its head says {head[0]}")
    elif head[1] != prev:
        problems.append(f"the audit trail's head does not match entry {last_seq}")
    return problems


def verify(conn: Connection) -> list[str]:
    """Every problem with the stored chain (empty when whole)."""
    head_row = conn.execute(
        select(AuditChainRow.seq, AuditChainRow.last_hash).where(AuditChainRow.id == HEAD_ID)
    ).one_or_none()
    head = (int(head_row[0]), str(head_row[1])) if head_row is not None else None
    table = AuditRow.__table__
    rows = conn.execute(select(table).order_by(table.c.seq).execution_options(yield_per=2000))
    return chain_problems(rows, head)


def is_audit_statement(sql: str) -> bool:
    """True for the statements :func:`append` runs (for statement counters)."""
    return sql.lstrip().lower().startswith(("insert into audit_event", "update audit_chain"))
