"""Every clinical threshold the assessment uses, grouped by assessment area.

One module per area holds each value once with its source. :class:`ClinicalThresholds` gathers
them; clinic settings override any part with ``ClinicalThresholds.model_validate(overrides)``
(nested by area, ``{"objective": {"lsi_min_percent": 85}}``, or flat by threshold name,
``{"lsi_min_percent": 85}``; unknown keys are refused so a typo never silently keeps the
default). ``DEFAULT`` is what a new clinic starts with.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.assessment.thresholds._base import CLINIC_SETTING, ThresholdGroup
from planner.assessment.thresholds.objective import ObjectiveThresholds
from planner.assessment.thresholds.programme import ProgrammeSettings
from planner.assessment.thresholds.questionnaires import QuestionnaireThresholds
from planner.assessment.thresholds.red_flags import RedFlagThresholds, Referral
from planner.assessment.thresholds.running import RunningThresholds
from planner.errors import UserError


class ClinicalThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    red_flags: RedFlagThresholds = Field(default_factory=RedFlagThresholds)
    questionnaires: QuestionnaireThresholds = Field(default_factory=QuestionnaireThresholds)
    objective: ObjectiveThresholds = Field(default_factory=ObjectiveThresholds)
    running: RunningThresholds = Field(default_factory=RunningThresholds)
    programme: ProgrammeSettings = Field(default_factory=ProgrammeSettings)

    @model_validator(mode="before")
    @classmethod
    def _route_flat_names(cls, data: Any) -> Any:
        """Settings screens store one value per threshold name; put each in its area."""
        return cls.nest(data)

    @classmethod
    def nest(cls, data: Any) -> Any:
        """Overrides given flat by threshold name (``lsi_min_percent``) or nested by area
        (``{"objective": {...}}``), as one nested dictionary; unknown names are kept so
        validation can name them."""
        if not isinstance(data, dict):
            return data
        groups = {
            name: info.annotation
            for name, info in cls.model_fields.items()
            if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)
        }
        routed: dict[str, Any] = {}
        for key, value in data.items():
            if key in groups:
                routed.setdefault(key, {})
                if isinstance(value, dict) and isinstance(routed[key], dict):
                    routed[key] = {**routed[key], **value}
                else:
                    routed[key] = value
                continue
            home = next((g for g, m in groups.items() if key in m.model_fields), None)
            if home is None:
                routed[key] = value  # refused below as an unknown setting, by name
                continue
            bucket = routed.setdefault(home, {})
            if isinstance(bucket, dict):
                bucket[key] = value
        return routed

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any], where: str = "clinic settings") -> Self:
        """Thresholds with a clinic's overrides, or a UserError naming each bad setting."""
        try:
            return cls.model_validate(overrides)
        except ValidationError as exc:
            problems = []
            for err in exc.errors():
                name = ".".join(str(p) for p in err["loc"]) or "(all)"
                msg = str(err["msg"]).removeprefix("Value error, ")
                if err["type"] == "extra_forbidden":
                    msg = "no such clinical threshold"
                value = err.get("input")
                shown = "" if isinstance(value, dict) else f" (got {value!r})"
                problems.append(f"{name}: {msg}{shown}")
            raise UserError(f"{where}: " + "; ".join(problems)) from None


DEFAULT = ClinicalThresholds()

__all__ = [
    "CLINIC_SETTING",
    "DEFAULT",
    "ClinicalThresholds",
    "ObjectiveThresholds",
    "ProgrammeSettings",
    "QuestionnaireThresholds",
    "RedFlagThresholds",
    "Referral",
    "RunningThresholds",
    "ThresholdGroup",
]
