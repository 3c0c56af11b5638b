"""The assessment file format: what the therapist recorded, as a versioned JSON document.

The same model is the domain object the reasoning reads, the record the database stores (as its
JSON form) and the file that travels between workstations, so there is one definition of what a
valid assessment is. Every model forbids unknown keys: a misspelt field in a file is reported,
never silently dropped. Ranges here are the instruments' own scales, not clinical thresholds;
those live in :mod:`planner.assessment.thresholds`.

Version 2 adds the nerve tests, thoracic rotation, who cleared the client and when, the explicit
"screened: none present" record, the pregnancy due date, a trained-athlete flag and a running
profile that compares like with like. Version 1 documents are upgraded as they are read
(:mod:`planner.assessment.upgrade`), keeping their meaning, so they give the same scores. The
draft form of the same format, where every field may be missing, is
:mod:`planner.assessment.draft`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from exercise_library.bounds import VISIBLE
from exercise_library.vocabulary import Condition, Equipment, RedFlag
from planner.assessment.pregnancy import fits_pregnancy, trimester_on
from planner.assessment.upgrade import upgrade, upgrade_json
from planner.dates import Day

FORMAT = "physio-planner/assessment"
VERSION = 2

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), VISIBLE
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), VISIBLE]
Nprs = Annotated[int, Field(ge=0, le=10)]
Seconds = Annotated[float, Field(ge=0, le=600)]
Degrees = Annotated[float, Field(ge=0, le=180)]
Strength = Annotated[float, Field(ge=0, le=10_000)]
Km = Annotated[float, Field(ge=0, le=1_000)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, serialize_by_alias=True
    )


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
    birth_date: Day
    # May be left unrecorded: sex-specific norms then use the set that flags less.
    sex: Sex | None = None
    height_cm: float | None = Field(default=None, ge=50, le=250)
    weight_kg: float | None = Field(default=None, ge=20, le=350)
    conditions: list[Condition] = Field(default_factory=list)
    # With the pregnancy condition, the due date (best: the trimester then follows every week
    # of a programme) or the trimester on the assessment date.
    pregnancy_trimester: Literal[1, 2, 3] | None = None
    pregnancy_due_date: Day | None = None
    equipment: list[Equipment] = Field(default_factory=list)
    experience: Experience = Experience.BEGINNER
    # Trains as an athlete: trunk endurance is then judged against athlete norms.
    trained_athlete: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _no_repeats(list(self.conditions), "conditions")
        _no_repeats(list(self.equipment), "equipment")
        pregnant = Condition.PREGNANCY in self.conditions
        if pregnant and self.pregnancy_trimester is None and self.pregnancy_due_date is None:
            raise ValueError(
                "pregnancy_due_date (or pregnancy_trimester, 1, 2 or 3) is needed when "
                "pregnancy is listed"
            )
        for name in ("pregnancy_trimester", "pregnancy_due_date"):
            if not pregnant and getattr(self, name) is not None:
                raise ValueError(f"{name} is given but pregnancy is not in conditions")
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
    """The running profile. Each comparison is like with like: this week against last week,
    this week against the week 4 weeks ago, the longest recent run against the longest of the
    30 days before it."""

    weekly_km: Km  # the last 7 days
    weekly_km_last_week: Km | None = None  # the 7 days before that
    weekly_km_4_weeks_ago: Km | None = None  # the week 4 weeks before the assessment
    longest_run_km: Km | None = None  # the longest run in the last 7 days
    longest_run_previous_30_days_km: Km | None = None  # the longest in the 30 days before
    shoe_km: float | None = Field(default=None, ge=0, le=10_000)
    surface: Surface | None = None
    warm_up: bool | None = None
    rest_days_per_week: int | None = Field(default=None, ge=0, le=7)
    cross_training: list[Text] = Field(default_factory=list)

    @property
    def weekly_km_previous(self) -> float | None:
        """Version 1's name for the week 4 weeks ago (kept for readers of the old name)."""
        return self.weekly_km_4_weeks_ago


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


class SlrSymptoms(StrEnum):
    """What a straight-leg raise brings on: the furthest the client's own symptoms reach."""

    NONE = "none"
    BACK = "back"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"

    @property
    def in_the_leg(self) -> bool:
        """Leg symptoms make the raise a positive nerve test (clinical-facts.md, Added: SLR)."""
        return self in (SlrSymptoms.THIGH, SlrSymptoms.BELOW_KNEE)


class SidedSlrSymptoms(_Sided):
    left: SlrSymptoms | None = None
    right: SlrSymptoms | None = None


class NeuroResult(StrEnum):
    """Power, sensation and reflexes of the leg: all normal, or any of them reduced."""

    NORMAL = "normal"
    REDUCED = "reduced"


class SidedNeuro(_Sided):
    left: NeuroResult | None = None
    right: NeuroResult | None = None


class DirectionalPreference(StrEnum):
    """The repeated movement that eases or centralises the symptoms (McKenzie)."""

    EXTENSION = "extension"
    FLEXION = "flexion"
    LATERAL_SHIFT_LEFT = "lateral_shift_left"
    LATERAL_SHIFT_RIGHT = "lateral_shift_right"
    NONE = "none"


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
    # Nerve tests (version 2): what the straight-leg raise brings on, slump, crossed SLR (the
    # side is the leg whose symptoms it brings on), and the neurological exam of each leg.
    slr_reproduces: SidedSlrSymptoms | None = None
    slump_test: SidedPosNeg | None = None
    crossed_slr: SidedPosNeg | None = None
    neuro_exam: SidedNeuro | None = None
    # Repeated movements (McKenzie): the direction that eases the symptoms, and whether they
    # move towards the spine.
    directional_preference: DirectionalPreference | None = None
    centralises: bool | None = None
    # Seated thoracic rotation to each side.
    thoracic_rotation_deg: SidedDegrees | None = None


class MedicalClearance(_Model):
    """A doctor has seen the client after a referral flag and cleared them for exercise.

    Who and when may be unknown: a version 1 file only said "cleared".
    """

    by: Text | None = None
    date: Day | None = None


class RedFlagScreen(_Model):
    """The red-flag questions were asked on this day, so an empty list means "none present"
    rather than "not asked"."""

    screened_on: Day
    none_present: bool


class AssessmentFile(_Model):
    """One assessment of one client on one day (``physio-planner/assessment`` version 2)."""

    format: Literal["physio-planner/assessment"] = FORMAT
    version: Literal[2] = VERSION
    client: Client
    date: Day
    pain: Pain | None = None
    red_flags: list[RedFlag] = Field(default_factory=list)
    red_flag_screen: RedFlagScreen | None = None
    # Recorded once a doctor has cleared the client after a referral flag. In Python it is
    # ``clearance``; ``medical_clearance`` answers yes or no.
    clearance: MedicalClearance | None = Field(default=None, alias="medical_clearance")
    running: Running | None = None
    questionnaires: Questionnaires = Field(default_factory=Questionnaires)
    tests: Tests = Field(default_factory=Tests)
    notes: LongText | None = None

    # Version 1 documents are upgraded before validation on every way in. Not a "before"
    # validator: that would turn strict JSON reading into strict Python reading, where a date
    # string is refused. The flag keeps pydantic's own validation from routing through this
    # __init__ (it then counts as the base one), for the same reason.
    def __init__(self, **data: Any) -> None:
        super().__init__(**upgrade(data))

    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        return super().model_validate(upgrade(obj), **kwargs)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        return super().model_validate_json(upgrade_json(json_data), **kwargs)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _no_repeats(list(self.red_flags), "red_flags")
        born = self.client.birth_date
        if self.date < born:
            raise ValueError(f"assessment date {self.date} is before the birth date {born}")
        screen = self.red_flag_screen
        if screen is not None:
            if screen.screened_on < born:
                raise ValueError(
                    f"red_flag_screen.screened_on {screen.screened_on} is before the birth "
                    f"date {born}"
                )
            if screen.none_present and self.red_flags:
                raise ValueError(
                    "red_flag_screen says none present, but red_flags lists "
                    + ", ".join(f.value for f in self.red_flags)
                )
            if not screen.none_present and not self.red_flags:
                raise ValueError(
                    "red_flag_screen says a red flag is present, but red_flags is empty"
                )
        cleared_on = self.clearance.date if self.clearance is not None else None
        if cleared_on is not None and cleared_on < born:
            raise ValueError(f"medical_clearance.date {cleared_on} is before the birth date {born}")
        _pregnancy_dates(self.client, self.date)
        return self

    @property
    def age(self) -> int:
        return self.client.age_on(self.date)

    @property
    def medical_clearance(self) -> bool:
        """Has a doctor cleared the client (whoever and whenever)?"""
        return self.clearance is not None

    def trimester_on(self, day: date) -> int | None:
        """The pregnancy trimester on ``day`` (None when not pregnant): from the due date when
        it is recorded, else the trimester recorded on the assessment date."""
        c = self.client
        if Condition.PREGNANCY not in c.conditions:
            return None
        if c.pregnancy_due_date is not None:
            return trimester_on(c.pregnancy_due_date, day)
        return c.pregnancy_trimester


def _pregnancy_dates(c: Client, on: date) -> None:
    """A due date must fit a pregnancy on the assessment date, and agree with a trimester."""
    due = c.pregnancy_due_date
    if due is None:
        return
    if not fits_pregnancy(due, on):
        raise ValueError(
            f"client.pregnancy_due_date {due} does not fit a pregnancy on the assessment date "
            f"{on} (it should be at most 40 weeks later and at most 2 weeks earlier)"
        )
    trimester = trimester_on(due, on)
    if c.pregnancy_trimester is not None and c.pregnancy_trimester != trimester:
        raise ValueError(
            f"client.pregnancy_trimester {c.pregnancy_trimester} does not match the due date "
            f"{due} (trimester {trimester} on {on})"
        )
