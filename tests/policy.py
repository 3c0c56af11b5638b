"""The published clinic policy for tests that do not set one of their own.

Planner functions take a policy and never fall back to defaults; tests say which one they mean.
"""

from __future__ import annotations

from typing import Any

from planner.operations.documents import handout_block
from planner.policy import ClinicPolicy
from planner.services import Services
from planner.settings import ClinicSettings

PUBLISHED = ClinicPolicy.published()


def policy_with(overrides: dict[str, Any] | None = None, **settings: Any) -> ClinicPolicy:
    """A policy from clinic settings with these clinical overrides."""
    return ClinicPolicy.from_settings(
        ClinicSettings(clinical_overrides=overrides or {}, **settings)
    )


def handout_reason(
    services: Services, client_id: int, programme_id: int | None = None
) -> str | None:
    """Why the client's home programme is held back, as the window and commands say it."""
    blocked = handout_block(services, client_id, programme_id)
    return blocked.reason if blocked else None


def set_clinic(services: Services, **fields: Any) -> ClinicSettings:
    """Change clinic fields on top of what is stored (CI may have turned sign-in on)."""
    current, version = services.settings.get()
    settings = current.model_copy(update=fields)
    services.settings.save(settings, version)
    return settings
