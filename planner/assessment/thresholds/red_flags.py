"""Red flags: the referral level each one triggers, and the age cut-offs for new-onset pain.

Levels from shared/clinical-facts.md, "Red flags -> referral level" (UK BASS 2018 pathway for
the urgent ones, as quoted by the Cornwall NHS low back pain guideline; prompt ones from the
same guideline, NHS GGC and Greenhalgh & Selfe 2006). A clinic may raise a flag's level but
never lower it below the published one: under-referring cauda equina is the harm this screen
exists to prevent.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self

from pydantic import Field, field_validator, model_validator

from exercise_library.vocabulary import RedFlag
from planner.assessment.thresholds._base import ThresholdGroup, sourced


class Referral(StrEnum):
    """How soon a doctor must see the client, least to most urgent (the order is the rank):
    prompt (the GP before treatment), same day (a medical review today), urgent (the
    emergency department now)."""

    NONE = "none"
    PROMPT = "prompt"
    SAME_DAY = "same_day"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return list(Referral).index(self)


BASS = "UK BASS 2018 pathway (Cornwall NHS LBP guideline); GIRFT 2023 national pathway"
PROMPT_SOURCES = "Cornwall NHS LBP guideline; NHS GGC; Greenhalgh & Selfe 2006"
INFECTION = "NICE CKS: suspected spinal infection is a same-day medical review"

PUBLISHED_LEVELS: dict[RedFlag, Referral] = {
    # urgent: the emergency department now (BASS 2018; GIRFT 2023: emergency MRI in 4 hours)
    RedFlag.CAUDA_EQUINA_SIGNS: Referral.URGENT,
    RedFlag.PROGRESSIVE_NEURO_DEFICIT: Referral.URGENT,
    RedFlag.BILATERAL_LEG_SYMPTOMS: Referral.URGENT,
    # "severe or progressive neurological deficit in the legs, weakness across >1 nerve root,
    # gait disturbance" (BASS 2018)
    RedFlag.SEVERE_NEURO_DEFICIT: Referral.URGENT,
    RedFlag.GAIT_DISTURBANCE: Referral.URGENT,
    # same day: fever with back pain may be a spinal infection
    RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: Referral.SAME_DAY,
    # prompt: refer to the GP or a specialist before treating
    RedFlag.TRAUMA_ONSET: Referral.PROMPT,
    RedFlag.UNEXPLAINED_WEIGHT_LOSS: Referral.PROMPT,
    RedFlag.HISTORY_OF_CANCER: Referral.PROMPT,
    RedFlag.NIGHT_PAIN_UNRELIEVED: Referral.PROMPT,
    RedFlag.BACK_SWELLING_OR_REDNESS: Referral.PROMPT,
    RedFlag.NEW_LUMP: Referral.PROMPT,
    RedFlag.LEG_NUMBNESS_OR_WEAKNESS: Referral.PROMPT,
    RedFlag.PAIN_RADIATING_BELOW_KNEE: Referral.PROMPT,
    RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: Referral.PROMPT,
    RedFlag.IMMUNOSUPPRESSION: Referral.PROMPT,
    RedFlag.LONG_TERM_STEROID_USE: Referral.PROMPT,
    # "fever, chills, systemically unwell, IV drug use, immunosuppression, recent infection or
    # surgery"; "thoracic pain, structural deformity, widespread neurology" (Cornwall NHS)
    RedFlag.IV_DRUG_USE: Referral.PROMPT,
    RedFlag.RECENT_INFECTION_OR_SURGERY: Referral.PROMPT,
    RedFlag.THORACIC_PAIN: Referral.PROMPT,
    RedFlag.STRUCTURAL_DEFORMITY: Referral.PROMPT,
    RedFlag.WIDESPREAD_NEUROLOGY: Referral.PROMPT,
}


class RedFlagThresholds(ThresholdGroup):
    levels: dict[RedFlag, Referral] = Field(
        default_factory=lambda: dict(PUBLISHED_LEVELS),
        description="Referral level for each red flag (may be raised, never lowered)",
        json_schema_extra={"source": f"{BASS}; {INFECTION}; {PROMPT_SOURCES}"},
    )
    # New onset under 20 or over 55 is the UK figure; some US sources use <18 / >50 [U].
    new_onset_age_under: int = sourced(
        20, "Cornwall NHS LBP guideline (UK)", "New-onset pain: age below this is a red flag"
    )
    new_onset_age_over: int = sourced(
        55, "Cornwall NHS LBP guideline (UK)", "New-onset pain: age above this is a red flag"
    )

    # Greenhalgh & Selfe 2006: age over 50 with a past cancer, weight loss with no clear reason
    # and no improvement in a month together raise the suspicion of cancer-related back pain.
    cancer_cluster_age_over: int = sourced(
        50, "Greenhalgh & Selfe 2006", "Cancer cluster: age above this counts", ge=0, le=120
    )

    @field_validator("levels", mode="before")
    @classmethod
    def _merge_with_published(cls, value: Any) -> Any:
        """Settings name only the flags they change; the rest keep their published level."""
        if isinstance(value, dict):
            return {**{k.value: v for k, v in PUBLISHED_LEVELS.items()}, **value}
        return value

    @model_validator(mode="after")
    def _never_lower(self) -> Self:
        for flag, published in PUBLISHED_LEVELS.items():
            level = self.levels[flag]
            if level.rank < published.rank:
                raise ValueError(
                    f"red flag {flag.value} must stay at least '{published.value}' "
                    f"(got '{level.value}')"
                )
        return self

    def level(self, flag: RedFlag) -> Referral:
        return self.levels[flag]
