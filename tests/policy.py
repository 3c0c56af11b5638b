"""The published clinic policy for tests that do not set one of their own.

Planner functions take a policy and never fall back to defaults; tests say which one they mean.
"""

from __future__ import annotations

from typing import Any

from planner.policy import ClinicPolicy
from planner.settings import ClinicSettings

PUBLISHED = ClinicPolicy.published()


def policy_with(overrides: dict[str, Any] | None = None, **settings: Any) -> ClinicPolicy:
    """A policy from clinic settings with these clinical overrides."""
    return ClinicPolicy.from_settings(
        ClinicSettings(clinical_overrides=overrides or {}, **settings)
    )
