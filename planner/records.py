"""Plain, typed objects for stored records: what services return and the UI shows.

They carry ``id`` and ``version`` so an edit can say which version it started from; the
services turn a mismatch into a :class:`planner.errors.ConflictError` instead of overwriting.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from exercise_library.bounds import refuse_hidden_controls

Sex = Literal["female", "male", "other", "unspecified"]


def fold_name(name: str) -> str:
    """Case- and accent-free form of a name for searching ("Zoë Ł" -> "zoe l")."""
    special = {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th"}
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(special.get(ch, ch) for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClientDetails(_Record):
    """What a clinician types about a client; validated before anything is written."""

    name: str = Field(min_length=1, max_length=200)
    birth_date: date | None = None
    sex: Sex | None = None
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)
    notes: str = Field(default="", max_length=20000)

    @field_validator("name", "notes")
    @classmethod
    def _visible(cls, value: str) -> str:
        return refuse_hidden_controls(value)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise ValueError("name cannot be blank")
        return value

    @field_validator("phone")
    @classmethod
    def _phone_characters(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not all(ch.isdigit() or ch in " +-()./" for ch in value) or not any(
            ch.isdigit() for ch in value
        ):
            raise ValueError(f"'{value}' is not a phone number (digits, spaces, + - ( ) only)")
        return value

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        local, _, domain = value.partition("@")
        if not local or "." not in domain or " " in value:
            raise ValueError(f"'{value}' is not an email address")
        return value

    @field_validator("birth_date")
    @classmethod
    def _born_in_the_past(cls, value: date | None) -> date | None:
        if value is not None and value > date.today():
            raise ValueError(f"birth date {value.isoformat()} is in the future")
        if value is not None and value.year < 1900:
            raise ValueError(f"birth date {value.isoformat()} is before 1900")
        return value


class Client(ClientDetails):
    id: int
    version: int
    archived: bool = False
    created_at: datetime
    updated_at: datetime

    @property
    def details(self) -> ClientDetails:
        return ClientDetails.model_validate(
            self.model_dump(include=set(ClientDetails.model_fields))
        )


class Clinician(_Record):
    id: int
    name: str
    registration: str | None = None
    email: str | None = None
    active: bool = True


class AuditEntry(_Record):
    """One row of the audit trail: ids and field names, never clinical values or names."""

    at: datetime
    entity: str
    entity_id: int
    action: str
    version: int | None
    fields: list[str]
    clinician_id: int | None = None
    workstation: str = ""
    seq: int = 0
    client_id: int | None = None
    clinician: str = ""  # who did it (user name, else name); "" when nobody had signed in
    hash: str = ""


class AssessmentRecord(_Record):
    """A stored assessment: the assessment document plus who/when/which version."""

    id: int
    client_id: int
    version: int
    assessed_on: date
    data: dict[str, Any]
    clinician_id: int | None = None
    updated_at: datetime


class ProgrammeSummary(_Record):
    id: int
    client_id: int | None
    title: str
    status: str
    start_date: date
    version: int
    updated_at: datetime


class PhaseDoc(_Record):
    name: str
    weeks: int = Field(ge=1, le=104)
    data: dict[str, Any] = Field(default_factory=dict)


class ItemDoc(_Record):
    exercise_code: str
    data: dict[str, Any] = Field(default_factory=dict)


class ProgrammeDoc(_Record):
    """A programme as storage sees it: header columns plus ordered phases and items.

    planner.programme converts its rich model to and from this shape, so storage does not need
    to change when a new dosage field or progression rule type is added.
    """

    client_id: int | None
    title: str = Field(min_length=1, max_length=200)
    status: Literal["draft", "active", "finished"] = "draft"
    start_date: date
    data: dict[str, Any] = Field(default_factory=dict)
    phases: list[PhaseDoc] = Field(default_factory=list)
    items: list[ItemDoc] = Field(default_factory=list)


class StoredProgramme(ProgrammeDoc):
    id: int
    version: int
    updated_at: datetime
