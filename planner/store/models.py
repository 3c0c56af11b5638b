"""The database tables as typed SQLAlchemy 2.0 models.

Table names are constants so migrations and raw checks never spell them twice. Structured
clinical content (assessment answers, dosage, progression rules, settings) is kept as JSON
validated by planner's pydantic models on the way in and out; the columns the app searches,
sorts or joins on are real columns. ``version`` columns carry optimistic locking: every update
must name the version it started from (see :func:`planner.services.check_version`).

Clinical ranges and codes are CHECK constraints as well, taken from the pydantic models that
define them, so a row written around the app (a script, another tool) cannot hold a pain score
of 11 either. Dates are held to their range (planner.dates) by the models and by `db check`
rather than by constraints: older releases let some through, and a constraint an existing
database cannot take would stop it from opening at all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from planner.programme.model import ProgrammeStatus, SessionLog, SessionStatus
from planner.records import PhaseDoc, Sex

TABLE_SETTINGS = "clinic_settings"
TABLE_CLINICIAN = "clinician"
TABLE_CLIENT = "client"
TABLE_ASSESSMENT = "assessment"
TABLE_ASSESSMENT_DRAFT = "assessment_draft"
TABLE_PROGRAMME = "programme"
TABLE_PHASE = "programme_phase"
TABLE_ITEM = "programme_item"
TABLE_SESSION_LOG = "session_log"
TABLE_AUDIT = "audit_event"
TABLE_AUDIT_CHAIN = "audit_chain"
TABLE_ACCESS_TOKEN = "access_token"
TABLE_CUSTOM_EXERCISE = "custom_exercise"
TABLE_EXERCISE_MEDIA = "exercise_media"

# Explicit constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _range_of(model: type[BaseModel], field: str) -> tuple[int, int]:
    """The (minimum, maximum) the pydantic model allows for an integer field."""
    prop = model.model_json_schema()["properties"][field]
    for option in prop.get("anyOf", [prop]):
        if "minimum" in option:
            return int(option["minimum"]), int(option["maximum"])
    raise LookupError(f"{model.__name__}.{field} has no range")


def in_range(column: str, model: type[BaseModel], field: str, *, nullable: bool) -> CheckConstraint:
    lo, hi = _range_of(model, field)
    test = f"{column} BETWEEN {lo} AND {hi}"
    return CheckConstraint(f"{column} IS NULL OR {test}" if nullable else test, name=column)


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    test = f"{column} IN ({listed})"
    return CheckConstraint(f"{column} IS NULL OR {test}" if nullable else test, name=column)


def positive_version() -> CheckConstraint:
    return CheckConstraint("version >= 1", name="version")


def not_negative(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} >= 0", name=column)


PHOTO_TYPES = ("image/png", "image/jpeg")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class SettingsRow(Base):
    """One row (id 1) holding the clinic's settings document and logo."""

    __tablename__ = TABLE_SETTINGS
    __table_args__ = (CheckConstraint("id = 1", name="one_row"), positive_version())

    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"version_id_col": version}


class ClinicianRow(Base):
    """A clinician; with a user name and password hash it is also an account that signs in."""

    __tablename__ = TABLE_CLINICIAN
    __table_args__ = (Index("ix_clinician_username", "username", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    registration: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str | None] = mapped_column(String(100))
    # argon2id hash (argon2-cffi's encoded form: parameters and salt travel with it).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class AccessTokenRow(Base):
    """A token an administrator issued for commands; only its SHA-256 is kept.

    Tokens are 256 random bits, so a fast hash is enough (argon2 is for guessable passwords).
    """

    __tablename__ = TABLE_ACCESS_TOKEN

    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_CLINICIAN}.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClientRow(Base):
    __tablename__ = TABLE_CLIENT
    __table_args__ = (
        one_of("sex", tuple(Sex.__args__), nullable=True),
        positive_version(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Case- and accent-folded name, so "zoe" finds "Zoë" on every engine (SQLite's lower() only
    # folds ASCII).
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    assessments: Mapped[list[AssessmentRow]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )
    programmes: Mapped[list[ProgrammeRow]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class AssessmentRow(Base):
    __tablename__ = TABLE_ASSESSMENT
    __table_args__ = (positive_version(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_CLIENT}.id", ondelete="CASCADE"), index=True
    )
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey(f"{TABLE_CLINICIAN}.id", ondelete="SET NULL")
    )
    assessed_on: Mapped[date] = mapped_column(Date)
    # The assessment document (planner.assessment.model.AssessmentFile as JSON).
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    client: Mapped[ClientRow] = relationship(back_populates="assessments")

    __mapper_args__ = {"version_id_col": version}


class AssessmentDraftRow(Base):
    """One unfinished assessment per client (planner.assessment.draft.AssessmentDraft)."""

    __tablename__ = TABLE_ASSESSMENT_DRAFT

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_CLIENT}.id", ondelete="CASCADE"), unique=True
    )
    # The stored assessment the draft edits; None for a new assessment.
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey(f"{TABLE_ASSESSMENT}.id", ondelete="CASCADE")
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProgrammeRow(Base):
    __tablename__ = TABLE_PROGRAMME
    __table_args__ = (
        one_of("status", tuple(s.value for s in ProgrammeStatus)),
        positive_version(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey(f"{TABLE_CLIENT}.id", ondelete="CASCADE"), index=True
    )
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey(f"{TABLE_CLINICIAN}.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    start_date: Mapped[date] = mapped_column(Date)
    # Everything else of the programme (goals, therapist, review dates, notes, ...).
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    client: Mapped[ClientRow | None] = relationship(back_populates="programmes")
    phases: Mapped[list[PhaseRow]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="PhaseRow.position",
        passive_deletes=True,
    )
    items: Mapped[list[ItemRow]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="ItemRow.position",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}


class PhaseRow(Base):
    __tablename__ = TABLE_PHASE
    __table_args__ = (
        in_range("weeks", PhaseDoc, "weeks", nullable=False),
        not_negative("position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_PROGRAMME}.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    weeks: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    programme: Mapped[ProgrammeRow] = relationship(back_populates="phases")


class ItemRow(Base):
    __tablename__ = TABLE_ITEM
    __table_args__ = (not_negative("position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_PROGRAMME}.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_code: Mapped[str] = mapped_column(String(64), index=True)
    # Dosage, days, rules, notes as the programme model dumps them.
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    programme: Mapped[ProgrammeRow] = relationship(back_populates="items")


class SessionLogRow(Base):
    """Adherence: what the client did for one item on one day."""

    __tablename__ = TABLE_SESSION_LOG
    __table_args__ = (
        UniqueConstraint("programme_id", "item_key", "day", name="uq_session_log_day"),
        one_of("status", tuple(s.value for s in SessionStatus)),
        in_range("pain_during", SessionLog, "pain_during", nullable=True),
        in_range("pain_next_morning", SessionLog, "pain_next_morning", nullable=True),
        in_range("rpe", SessionLog, "rpe", nullable=True),
        positive_version(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey(f"{TABLE_PROGRAMME}.id", ondelete="CASCADE"), index=True
    )
    # The programme item's stable key (items are rewritten on save, their keys are not).
    item_key: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # done | partial | skipped
    pain_during: Mapped[int | None] = mapped_column(Integer)
    pain_next_morning: Mapped[int | None] = mapped_column(Integer)
    rpe: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class AuditRow(Base):
    """Who changed or opened what and when. Ids and field names only: no clinical values or
    names are copied here, so the rows can outlive an erased client and keep the chain whole.

    ``seq`` orders the chain; ``hash`` covers the row and ``prev_hash`` (the row before's hash),
    so an edited, deleted or reordered row shows in `db check` (:mod:`planner.store.audit_chain`).
    """

    __tablename__ = TABLE_AUDIT
    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id"),
        Index("ix_audit_event_seq", "seq", unique=True),
        Index("ix_audit_event_client_id", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey(f"{TABLE_CLINICIAN}.id", ondelete="SET NULL")
    )
    workstation: Mapped[str] = mapped_column(String(100), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    version: Mapped[int | None] = mapped_column(Integer)
    fields: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # The client the event concerns (no foreign key: the row stays when the client is erased).
    client_id: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainRow(Base):
    """The chain's head (one row, id 1): the last sequence number and hash.

    Updating it takes the row's write lock, which serialises additions from every workstation,
    and it lets `db check` notice rows cut off the end of the trail.
    """

    __tablename__ = TABLE_AUDIT_CHAIN

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class CustomExerciseRow(Base):
    """A clinician-made exercise: the same document as a built-in data file."""

    __tablename__ = TABLE_CUSTOM_EXERCISE
    __table_args__ = (positive_version(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Out of the library and the recommendations; programmes that use it still find it.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __mapper_args__ = {"version_id_col": version}


class ExerciseMediaRow(Base):
    """A clinic's own photo for an exercise, used instead of the drawn figure when chosen."""

    __tablename__ = TABLE_EXERCISE_MEDIA
    __table_args__ = (one_of("mime", PHOTO_TYPES), positive_version())

    id: Mapped[int] = mapped_column(primary_key=True)
    exercise_code: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(30))
    image: Mapped[bytes] = mapped_column(LargeBinary)
    use_instead_of_figure: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}
