"""The assessment file format: what the therapist recorded, as a versioned JSON document.

The same model is the domain object the reasoning reads, the record the database stores (as its
JSON form) and the file that travels between workstations, so there is one definition of what a
valid assessment is. Every model forbids unknown keys: a misspelt field in a file is reported,
never silently dropped. Ranges here are the instruments' own scales, not clinical thresholds;
those live in :mod:`planner.assessment.thresholds`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from exercise_library.vocabulary import Condition, Equipment, RedFlag

FORMAT = "physio-planner/assessment"
VERSION = 1

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Nprs = Annotated[int, Field(ge=0, le=10)]
Seconds = Annotated[float, Field(ge=0, le=600)]
Degrees = Annotated[float, Field(ge=0, le=180)]
Strength = Annotated[float, Field(ge=0, le=10_000)]
Km = Annotated[float, Field(ge=0, le=1_000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _no_repeats(values: list[object], field: str) -> None:
    seen: set[object] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{field} lists '{v}' twice")
        seen.add(v)


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class Experience(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Client(_Model):
    name: Text
    birth_date: date
    sex: Sex
    height_cm: float | None = Field(default=None, ge=50, le=250)
    weight_kg: float | None = Field(default=None, ge=20, le=350)
    conditions: list[Condition] = Field(default_factory=list)
    # Required with the pregnancy condition: from the second trimester supine work is unsafe.
    pregnancy_trimester: Literal[1, 2, 3] | None = None
    equipment: list[Equipment] = Field(default_factory=list)
    experience: Experience = Experience.BEGINNER

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _no_repeats(list(self.conditions), "conditions")
        _no_repeats(list(self.equipment), "equipment")
        pregnant = Condition.PREGNANCY in self.conditions
        if pregnant and self.pregnancy_trimester is None:
            raise ValueError("pregnancy_trimester (1, 2 or 3) is needed when pregnancy is listed")
        if not pregnant and self.pregnancy_trimester is not None:
            raise ValueError("pregnancy_trimester is given but pregnancy is not in conditions")
        return self

    def age_on(self, day: date) -> int:
        """Whole years on ``day``: age cut-offs (red flags, Hicks rule) use completed years."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)


class Pain(_Model):
    """Numeric pain rating scale (NPRS 0-10) and the therapist's notes on the pain."""

    now: Nprs | None = None
    best: Nprs | None = None
    worst: Nprs | None = None
    area: Text | None = None
    pattern: Text | None = None
    aggravating: list[Text] = Field(default_factory=list)
    easing: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.best is not None and self.worst is not None and self.best > self.worst:
            raise ValueError(f"best pain ({self.best}) cannot be higher than worst ({self.worst})")
        return self


class Surface(StrEnum):
    ROAD = "road"
    TRAIL = "trail"
    TRACK = "track"
    TREADMILL = "treadmill"
    GRASS = "grass"
    MIXED = "mixed"


class Running(_Model):
    weekly_km: Km
    weekly_km_previous: Km | None = None  # four weeks before the assessment
    longest_run_km: Km | None = None
    shoe_km: float | None = Field(default=None, ge=0, le=10_000)
    surface: Surface | None = None
    warm_up: bool | None = None
    rest_days_per_week: int | None = Field(default=None, ge=0, le=7)
    cross_training: list[Text] = Field(default_factory=list)


class Bothersomeness(StrEnum):
    NOT_AT_ALL = "not_at_all"
    SLIGHTLY = "slightly"
    MODERATELY = "moderately"
    VERY_MUCH = "very_much"
    EXTREMELY = "extremely"


class StartBack(_Model):
    """STarT Back Screening Tool: items 1-8 agree (1) / disagree (0), item 9 bothersomeness."""

    answers: list[Literal[0, 1]] = Field(min_length=8, max_length=8)
    bothersomeness: Bothersomeness


class PsfsItem(_Model):
    activity: Text
    score: float = Field(ge=0, le=10)


OdiAnswer = Annotated[int, Field(ge=0, le=5)]


class Questionnaires(_Model):
    # Oswestry: one answer 0-5 per section, null for a section the client left blank.
    odi: list[OdiAnswer | None] | None = Field(default=None, min_length=10, max_length=10)
    start_back: StartBack | None = None
    psfs: list[PsfsItem] | None = Field(default=None, min_length=1, max_length=5)
    roland_morris: list[bool] | None = Field(default=None, min_length=24, max_length=24)


class PosNeg(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class _Sided(_Model):
    """A test done on each leg or side; one side may be missing when it could not be tested."""

    @model_validator(mode="after")
    def _one_side(self) -> Self:
        if getattr(self, "left", None) is None and getattr(self, "right", None) is None:
            raise ValueError("give a value for left, right or both")
        return self


class SidedSeconds(_Sided):
    left: Seconds | None = None
    right: Seconds | None = None


class SidedDegrees(_Sided):
    left: Degrees | None = None
    right: Degrees | None = None


class SidedPosNeg(_Sided):
    left: PosNeg | None = None
    right: PosNeg | None = None


class SidedSquat(_Sided):
    """Frohm/Kivlan single-leg squat score: 3 good, 2 aligned but shallow, 1 alignment lost."""

    left: Literal[1, 2, 3] | None = None
    right: Literal[1, 2, 3] | None = None


class SidedStrength(_Sided):
    """Any unit (dynamometer kg, N, or a scale): only the left/right ratio is used."""

    left: Strength | None = None
    right: Strength | None = None


class Tests(_Model):
    """Objective tests keyed by the vocabulary's test codes; every test is optional."""

    trunk_flexor_endurance_s: Seconds | None = None
    # The Biering-Sorensen test is stopped at 240 s (clinical-facts.md, McGill torso endurance).
    trunk_extensor_endurance_s: float | None = Field(default=None, ge=0, le=240)
    side_bridge_endurance_s: SidedSeconds | None = None
    thomas_test: SidedPosNeg | None = None
    active_knee_extension_deficit_deg: SidedDegrees | None = None
    straight_leg_raise_deg: SidedDegrees | None = None
    trendelenburg: SidedPosNeg | None = None
    single_leg_squat: SidedSquat | None = None
    hip_abduction_strength: SidedStrength | None = None
    hip_extension_strength: SidedStrength | None = None
    prone_instability_test: PosNeg | None = None
    aberrant_movement: bool | None = None
    lumbar_flexion_deg: Degrees | None = None
    lumbar_extension_deg: Degrees | None = None


class AssessmentFile(_Model):
    """One assessment of one client on one day (``physio-planner/assessment`` version 1)."""

    format: Literal["physio-planner/assessment"] = FORMAT
    version: Literal[1] = VERSION
    client: Client
    date: date
    pain: Pain | None = None
    red_flags: list[RedFlag] = Field(default_factory=list)
    # True once a doctor has cleared the client after a prompt-level red flag.
    medical_clearance: bool = False
    running: Running | None = None
    questionnaires: Questionnaires = Field(default_factory=Questionnaires)
    tests: Tests = Field(default_factory=Tests)
    notes: LongText | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _no_repeats(list(self.red_flags), "red_flags")
        if self.date < self.client.birth_date:
            raise ValueError(
                f"assessment date {self.date} is before the birth date {self.client.birth_date}"
            )
        return self

    @property
    def age(self) -> int:
        return self.client.age_on(self.date)
