"""How a threshold carries its source, so evidence text can cite it.

Each threshold is declared once with :func:`sourced`; the citation is kept beside the value (in
the field's schema metadata) so the sentence a clinician reads names the rule behind a finding.
When a clinic overrides a value in its settings the citation no longer applies, and
:meth:`ThresholdGroup.source` says "clinic setting" instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

CLINIC_SETTING = "clinic setting"


def sourced(default: Any, source: str, label: str, **constraints: Any) -> Any:
    """A threshold field: its default, where the default comes from, and a settings label."""
    return Field(
        default=default, description=label, json_schema_extra={"source": source}, **constraints
    )


class ThresholdGroup(BaseModel):
    """One assessment area's thresholds; unknown keys in clinic settings are typos, so refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    def source(self, name: str) -> str:
        field = type(self).model_fields[name]
        default = field.get_default(call_default_factory=True)
        if getattr(self, name) != default:
            return CLINIC_SETTING
        extra = field.json_schema_extra
        assert isinstance(extra, dict), f"threshold {name} has no source"
        return str(extra["source"])
