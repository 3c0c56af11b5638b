"""Every clinical threshold the assessment uses, grouped by assessment area.

One module per area holds each value once with its source. :class:`ClinicalThresholds` gathers
them; clinic settings override any part with ``ClinicalThresholds.model_validate(overrides)``
(nested, partial dictionaries; unknown keys are refused so a typo never silently keeps the
default). ``DEFAULT`` is what a new clinic starts with.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from planner.assessment.thresholds._base import CLINIC_SETTING, ThresholdGroup
from planner.assessment.thresholds.objective import ObjectiveThresholds
from planner.assessment.thresholds.programme import ProgrammeSettings
from planner.assessment.thresholds.questionnaires import QuestionnaireThresholds
from planner.assessment.thresholds.red_flags import Referral, RedFlagThresholds
from planner.assessment.thresholds.running import RunningThresholds


class ClinicalThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    red_flags: RedFlagThresholds = Field(default_factory=RedFlagThresholds)
    questionnaires: QuestionnaireThresholds = Field(default_factory=QuestionnaireThresholds)
    objective: ObjectiveThresholds = Field(default_factory=ObjectiveThresholds)
    running: RunningThresholds = Field(default_factory=RunningThresholds)
    programme: ProgrammeSettings = Field(default_factory=ProgrammeSettings)


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
