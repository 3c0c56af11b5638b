"""The exercise data format: one TOML file per exercise, validated by these models.

The same models validate built-in files, clinician-made exercises stored in the database and
exercise files exchanged between clinics, so every path into the library meets one schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)

from exercise_library.bounds import VISIBLE
from exercise_library.features import derived_features
from exercise_library.figures.pose import Figure
from exercise_library.vocabulary import (
    Behaviour,
    Condition,
    Equipment,
    Imbalance,
    Impact,
    Modality,
    MovementFeature,
    Position,
    SpinalDemand,
    Target,
)

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,63}$")]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200), VISIBLE
]
Sentence = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=160), VISIBLE
]


class FieldProblem(ValueError):
    """A problem found by a check across fields, naming the field a form should mark.

    pydantic keeps the raised error in ``errors()[n]["ctx"]["error"]``, so an editor marks the
    field from ``field`` instead of reading the message.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Dosage(_Strict):
    """A default dose; the programme copies and then progresses it.

    Facts behind typical values: shared/clinical-facts.md (ACSM 2009 for resistance and
    stretching, McGill for the big three).
    """

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    hold_s: int | None = Field(default=None, ge=1, le=600)
    duration_min: float | None = Field(default=None, gt=0, le=180)
    rest_s: int = Field(default=30, ge=0, le=600)
    sessions_per_week: int = Field(ge=1, le=14)
    per_side: bool = False

    @model_validator(mode="after")
    def _needs_an_amount(self) -> Self:
        if self.reps is None and self.hold_s is None and self.duration_min is None:
            raise ValueError("dosage needs at least one of reps, hold_s or duration_min")
        return self


class ConditionNote(_Strict):
    condition: Condition
    reason: Sentence


class SpineDemands(_Strict):
    """Where the exercise takes the spine; drives the required contraindication rules."""

    flexion: SpinalDemand = SpinalDemand.NONE
    extension: SpinalDemand = SpinalDemand.NONE
    rotation: SpinalDemand = SpinalDemand.NONE


# Tag lists added after the first files were written; left out when empty.
_OPTIONAL_TAGS = ("features", "behaviours")


class Exercise(_Strict):
    code: Code
    name: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    modality: Modality
    purpose: ShortText
    steps: list[Sentence] = Field(min_length=3, max_length=12)
    cues: list[Sentence] = Field(min_length=2, max_length=4)
    mistakes: list[Sentence] = Field(min_length=1, max_length=6)
    targets: list[Target] = Field(min_length=1)
    imbalances: list[Imbalance] = Field(default_factory=list)
    equipment: list[Equipment] = Field(min_length=1)
    position: Position
    difficulty: int = Field(ge=1, le=5)
    impact: Impact
    unilateral: bool
    spine: SpineDemands = Field(default_factory=SpineDemands)
    # Only what the other tags do not already say (see exercise_library.features).
    features: list[MovementFeature] = Field(default_factory=list)
    # How planner doses and schedules it (see exercise_library.vocabulary.Behaviour).
    behaviours: list[Behaviour] = Field(default_factory=list)
    dosage: Dosage
    contraindications: list[ConditionNote] = Field(default_factory=list)
    precautions: list[ConditionNote] = Field(default_factory=list)
    progressions: list[Code] = Field(default_factory=list)
    regressions: list[Code] = Field(default_factory=list)
    figure: Figure | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        contra = {n.condition for n in self.contraindications}
        prec = {n.condition for n in self.precautions}
        both = contra & prec
        if both:
            names = ", ".join(sorted(c.value for c in both))
            raise FieldProblem(
                "contraindications",
                f"condition listed as both contraindication and precaution: {names}",
            )
        if self.code in self.progressions or self.code in self.regressions:
            raise FieldProblem("progressions", "an exercise cannot progress or regress to itself")
        if Equipment.NONE in self.equipment and len(self.equipment) > 1:
            raise FieldProblem(
                "equipment", "equipment 'none' cannot be combined with other equipment"
            )
        if self.unilateral != self.dosage.per_side:
            raise FieldProblem(
                "unilateral", "unilateral exercises need dosage.per_side = true, and only they"
            )
        return self

    @model_serializer(mode="wrap")
    def _without_empty_tags(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Leave out tag lists a file need not have, so files written before they existed
        (programme files carrying clinic exercises) read and write back byte for byte."""
        data: dict[str, Any] = handler(self)
        for key in _OPTIONAL_TAGS:
            if not data.get(key, True):
                del data[key]
        return data

    @property
    def contraindicated_for(self) -> frozenset[Condition]:
        return frozenset(n.condition for n in self.contraindications)

    @property
    def precaution_for(self) -> frozenset[Condition]:
        return frozenset(n.condition for n in self.precautions)

    def does(self, behaviour: Behaviour) -> bool:
        return behaviour in self.behaviours

    @property
    def movement_features(self) -> frozenset[MovementFeature]:
        """Every feature: those listed and those the position, impact and spine imply."""
        return frozenset(self.features) | derived_features(self)
