"""Clinic settings, declared once: each with its default and the label the settings screen shows.

Stored as one JSON document in the database (so every workstation of a clinic sees the same
clinic details) with ``settings_version``; :func:`upgrade_settings` brings documents written by
older releases forward, so a field can be renamed without losing a clinic's choices.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from planner.units import DistanceUnit, WeightUnit

SETTINGS_VERSION = 2


class ClinicSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    settings_version: int = SETTINGS_VERSION
    clinic_name: str = Field(default="", max_length=200, title="Clinic name")
    address: str = Field(default="", max_length=500, title="Address")
    phone: str = Field(default="", max_length=50, title="Phone")
    email: str = Field(default="", max_length=200, title="Email")
    qr_url: str = Field(default="", max_length=300, title="Web address for the QR code")
    paper: Literal["a4", "letter"] = Field(default="a4", title="Paper size")
    # What people see and type; stored data keeps its own unit (planner/units.py).
    weight_unit: WeightUnit = Field(default="kg", title="Weight unit")
    distance_unit: DistanceUnit = Field(default="km", title="Distance unit")
    large_print: bool = Field(default=False, title="Large print by default")
    session_minutes: int = Field(default=30, ge=5, le=180, title="Default session length (min)")
    # Overrides of clinical thresholds by name (planner/assessment/thresholds/), e.g.
    # {"lsi_min_percent": 85}; checked against the thresholds model when saved.
    clinical_overrides: dict[str, Any] = Field(default_factory=dict, title="Clinical thresholds")
    # Privacy and safety of the data; only an administrator may change these (ADMIN_FIELDS).
    sign_in_required: bool = Field(default=False, title="Clinicians sign in")
    idle_lock_minutes: int = Field(default=10, ge=1, le=240, title="Lock after idle (min)")
    backups_kept: int = Field(default=14, ge=1, le=365, title="Daily backups kept")
    # Adult health records: 8 years after the last contact (NHS England, Records Management
    # Code of Practice 2023, retention schedule). Clinics elsewhere set their own law's period.
    retention_years: int = Field(default=8, ge=0, le=100, title="Keep records for (years)")

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        value = value.strip()
        local, _, domain = value.partition("@")
        if value and (not local or "." not in domain or " " in value):
            raise ValueError(f"'{value}' is not an email address")
        return value

    @field_validator("qr_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        value = value.strip()
        if value:
            HttpUrl(value)  # raises with a clear message when it is not a web address
            if not value.startswith(("https://", "http://")):
                raise ValueError("the QR web address must start with https:// or http://")
        return value

    @field_validator("clinical_overrides")
    @classmethod
    def _known_thresholds(cls, value: dict[str, Any]) -> dict[str, Any]:
        from planner.assessment.thresholds import ClinicalThresholds
        from planner.errors import UserError

        if value:
            try:
                ClinicalThresholds.from_overrides(value, where="clinical thresholds")
            except UserError as exc:  # pydantic reports ValueErrors against the field
                raise ValueError(str(exc)) from None
        return value


# Settings that guard the data itself: changing them needs an administrator once one exists.
ADMIN_FIELDS = frozenset(
    {"sign_in_required", "idle_lock_minutes", "backups_kept", "retention_years"}
)


def upgrade_settings(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored settings document up to SETTINGS_VERSION.

    Version 2: the session length has one home, ``session_minutes``. Version 1 also accepted it
    among the clinical overrides (flat or under ``programme``); such a value moves here, since it
    was the one the recommender used.
    """
    data = dict(raw)
    version = data.get("settings_version", 1)
    if isinstance(version, int) and version < 2:
        overrides = data.get("clinical_overrides")
        if isinstance(overrides, dict):
            overrides = dict(overrides)
            moved = overrides.pop("session_minutes", None)
            programme = overrides.get("programme")
            if isinstance(programme, dict) and "session_minutes" in programme:
                programme = dict(programme)
                moved = programme.pop("session_minutes")
                if programme:
                    overrides["programme"] = programme
                else:
                    del overrides["programme"]
            if isinstance(moved, int | float) and not isinstance(moved, bool):
                data["session_minutes"] = max(5, min(180, round(moved)))
            data["clinical_overrides"] = overrides
    data["settings_version"] = SETTINGS_VERSION
    return data
