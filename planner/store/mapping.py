"""Conversion between ORM rows and planner's domain objects, in one place.

Services never hand rows upward and the UI never sees a row: a detached row is a trap (lazy
loads after the session closed), a frozen domain object is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from planner.programme.model import Programme, SessionLog
from planner.records import (
    AssessmentRecord,
    AuditEntry,
    Client,
    ClientDetails,
    Clinician,
    ItemDoc,
    PhaseDoc,
    ProgrammeDoc,
    ProgrammeSummary,
    StoredProgramme,
    fold_name,
)
from planner.store.models import (
    AssessmentRow,
    AuditRow,
    ClientRow,
    ClinicianRow,
    ItemRow,
    PhaseRow,
    ProgrammeRow,
    SessionLogRow,
)


def aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes even for timezone columns; everything stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def client_from_row(row: ClientRow) -> Client:
    # Rows were validated on the way in; constructing without re-validating keeps the client
    # search (hundreds of rows per keystroke) fast.
    return Client.model_construct(
        id=row.id,
        version=row.version,
        name=row.name,
        birth_date=row.birth_date,
        sex=row.sex,
        phone=row.phone,
        email=row.email,
        notes=row.notes,
        archived=row.archived,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
    )


CLIENT_FIELDS = ("name", "birth_date", "sex", "phone", "email", "notes")


def apply_client_details(row: ClientRow, details: ClientDetails) -> list[str]:
    """Copy details onto the row; returns the names of the fields that changed."""
    changed = [f for f in CLIENT_FIELDS if getattr(row, f, None) != getattr(details, f)]
    for f in changed:
        setattr(row, f, getattr(details, f))
    row.name_key = fold_name(details.name)
    return changed


def clinician_from_row(row: ClinicianRow) -> Clinician:
    return Clinician(
        id=row.id,
        name=row.name,
        registration=row.registration,
        email=row.email,
        active=row.active,
    )


def audit_from_row(row: AuditRow, clinician: str = "") -> AuditEntry:
    return AuditEntry(
        at=aware(row.at),
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        version=row.version,
        fields=list(row.fields or []),
        clinician_id=row.clinician_id,
        workstation=row.workstation,
        seq=row.seq,
        client_id=row.client_id,
        clinician=clinician,
        hash=row.hash,
    )


def assessment_from_row(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        client_id=row.client_id,
        version=row.version,
        assessed_on=row.assessed_on,
        data=dict(row.data),
        clinician_id=row.clinician_id,
        updated_at=aware(row.updated_at),
    )


def programme_summary_from_row(row: ProgrammeRow) -> ProgrammeSummary:
    return ProgrammeSummary(
        id=row.id,
        client_id=row.client_id,
        title=row.title,
        status=row.status,
        start_date=row.start_date,
        version=row.version,
        updated_at=aware(row.updated_at),
    )


def stored_programme_from_row(row: ProgrammeRow) -> StoredProgramme:
    return StoredProgramme(
        id=row.id,
        version=row.version,
        updated_at=aware(row.updated_at),
        client_id=row.client_id,
        title=row.title,
        status=row.status,  # type: ignore[arg-type]
        start_date=row.start_date,
        data=dict(row.data or {}),
        phases=[PhaseDoc(name=p.name, weeks=p.weeks, data=dict(p.data or {})) for p in row.phases],
        items=[ItemDoc(exercise_code=i.exercise_code, data=dict(i.data or {})) for i in row.items],
    )


def apply_programme_doc(row: ProgrammeRow, doc: ProgrammeDoc) -> None:
    """Write the whole document onto the row; phases and items are replaced in order."""
    row.client_id = doc.client_id
    row.title = doc.title
    row.status = doc.status
    row.start_date = doc.start_date
    row.data = dict(doc.data)
    row.phases = [
        PhaseRow(position=n, name=p.name, weeks=p.weeks, data=dict(p.data))
        for n, p in enumerate(doc.phases)
    ]
    row.items = [
        ItemRow(position=n, exercise_code=i.exercise_code, data=dict(i.data))
        for n, i in enumerate(doc.items)
    ]


def programme_doc_changes(old: ProgrammeDoc, new: ProgrammeDoc) -> list[str]:
    """Names of the parts that differ, for the audit trail and conflict messages."""
    changed = [
        f
        for f in ("title", "status", "start_date", "client_id")
        if getattr(old, f) != getattr(new, f)
    ]
    changed += sorted(
        k for k in set(old.data) | set(new.data) if old.data.get(k) != new.data.get(k)
    )
    if old.phases != new.phases:
        changed.append("phases")
    if old.items != new.items:
        changed.append("exercises")
    return changed


# -- programmes: the rich model <-> the stored document ------------------------------------
_PROGRAMME_DATA = (
    "client", "goals", "therapist", "review_dates", "notes", "client_context", "given_on",
)  # fmt: skip
_PHASE_DATA = ("focus", "entry_criteria")


def programme_to_doc(programme: Programme, client_id: int | None) -> ProgrammeDoc:
    dumped = programme.model_dump(mode="json", exclude_none=True)
    return ProgrammeDoc(
        client_id=client_id,
        title=programme.title,
        status=programme.status.value,  # type: ignore[arg-type]
        start_date=programme.start,
        data={k: dumped[k] for k in _PROGRAMME_DATA if k in dumped},
        phases=[
            PhaseDoc(
                name=p["name"], weeks=p["weeks"], data={k: p[k] for k in _PHASE_DATA if k in p}
            )
            for p in dumped["phases"]
        ],
        items=[
            ItemDoc(exercise_code=i["code"], data={k: v for k, v in i.items() if k != "code"})
            for i in dumped["items"]
        ],
    )


def programme_from_doc(doc: ProgrammeDoc) -> Programme:
    return Programme.model_validate(
        {
            "title": doc.title,
            "status": doc.status,
            "start": doc.start_date.isoformat(),
            **doc.data,
            "phases": [{"name": p.name, "weeks": p.weeks, **p.data} for p in doc.phases],
            "items": [{"code": i.exercise_code, **i.data} for i in doc.items],
        }
    )


def session_log_from_row(row: SessionLogRow) -> SessionLog:
    return SessionLog.model_validate(
        {
            "date": row.day.isoformat(),
            "item": row.item_key,
            "status": row.status,
            "pain_during": row.pain_during,
            "pain_next_morning": row.pain_next_morning,
            "rpe": row.rpe,
            "note": row.note,
            **(row.data or {}),
        }
    )


def apply_session_log(row: SessionLogRow, log: SessionLog) -> None:
    row.item_key = log.item
    row.day = log.date
    row.status = log.status.value
    row.pain_during = log.pain_during
    row.pain_next_morning = log.pain_next_morning
    row.rpe = log.rpe
    row.note = log.note
    row.data = {"reps": log.reps, "reps_left": log.reps_left, "reps_right": log.reps_right}


# -- programmes: only what changed ----------------------------------------------------------
@dataclass(frozen=True)
class ProgrammeRowChanges:
    """The rows one edit touches: header columns, and phases and items by position.

    A position mapped to None is removed; positions past the old end are inserted. An edit of
    one dose touches one item row, so the database writes one row instead of the programme.
    """

    header: dict[str, Any]
    phases: dict[int, PhaseDoc | None]
    items: dict[int, ItemDoc | None]

    @property
    def empty(self) -> bool:
        return not (self.header or self.phases or self.items)


def _positions(old: list[Any], new: list[Any]) -> dict[int, Any]:
    out: dict[int, Any] = {n: v for n, v in enumerate(new) if n >= len(old) or old[n] != v}
    out.update({n: None for n in range(len(new), len(old))})
    return out


def programme_row_changes(old: ProgrammeDoc, new: ProgrammeDoc) -> ProgrammeRowChanges:
    header = {
        column: getattr(new, attr)
        for column, attr in (("title", "title"), ("status", "status"), ("start_date", "start_date"))
        if getattr(old, attr) != getattr(new, attr)
    }
    if old.data != new.data:
        header["data"] = dict(new.data)
    return ProgrammeRowChanges(
        header, _positions(old.phases, new.phases), _positions(old.items, new.items)
    )
