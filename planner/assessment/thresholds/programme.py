"""How the proposed starting programme is sized and filtered.

The 6-10 exercises come from the product brief (issue 5); the session length is a clinic setting
(planner.settings.ClinicSettings.session_minutes, its one home); the pregnancy
rule is clinical (shared/clinical-facts.md, "Contraindications and precautions"); the weekly
volume cap is the facts file's "Exercise volume progression"; the rest are clinic defaults with
no published source, kept here so a clinic can tune them.
"""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from planner.assessment.thresholds._base import ThresholdGroup, sourced

BRIEF = "product brief (issue 5)"
CLINIC = "clinic default (no published source)"


class ProgrammeSettings(ThresholdGroup):
    min_exercises: int = sourced(6, BRIEF, "Fewest exercises in a starting programme", ge=1)
    max_exercises: int = sourced(10, BRIEF, "Most exercises in a starting programme", ge=1, le=30)
    # No supine exercise after the first trimester. A clinic may make this stricter (1), never
    # looser.
    pregnancy_no_supine_from_trimester: int = sourced(
        2, "ACOG via clinical-facts.md (pregnancy)", "No supine work from trimester", ge=1, le=2
    )
    # Highest difficulty (1-5) offered at the start, by experience.
    max_difficulty_beginner: int = sourced(2, CLINIC, "Hardest start for a beginner", ge=1, le=5)
    max_difficulty_intermediate: int = sourced(
        3, CLINIC, "Hardest start for an intermediate client", ge=1, le=5
    )
    max_difficulty_advanced: int = sourced(5, CLINIC, "Hardest start, advanced", ge=1, le=5)
    # Time estimate from the dosage.
    seconds_per_rep: float = sourced(3, CLINIC, "Seconds per repetition", gt=0, le=30)
    transition_seconds: float = sourced(30, CLINIC, "Set-up time per exercise (s)", ge=0, le=300)
    # One exercise's weekly volume rising more than about 20% is a big step [U]
    # (clinical-facts.md, "Exercise volume progression").
    weekly_volume_rise_max_percent: float = sourced(
        20,
        "exercise volume progression [U]",
        "Weekly rise in one exercise's volume (%)",
        gt=0,
        le=100,
    )
    # STarT Back low risk: advice, reassurance and self-management (Hill 2011); the home
    # programme is kept short [U: how short is a clinic choice].
    low_risk_max_exercises: int = sourced(
        5,
        "Hill 2011 (low risk: self-management); size [U]",
        "Most exercises, low risk",
        ge=1,
        le=30,
    )

    @model_validator(mode="after")
    def _sizes(self) -> Self:
        if self.min_exercises > self.max_exercises:
            raise ValueError(
                f"min_exercises ({self.min_exercises}) is more than max_exercises "
                f"({self.max_exercises})"
            )
        return self
