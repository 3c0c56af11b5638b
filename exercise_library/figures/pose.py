"""The ``[figure]`` table of an exercise file: key poses and the props around them.

Validated with the rest of the exercise (``Exercise.figure``), so a misspelt joint or a knee bent
past its limit is reported at load time with the file, the field and the value, like any other
mistake in the file. The format is described for authors in README.md beside this module.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from exercise_library.figures.body import GROUPS, JOINT_LIMITS
from exercise_library.figures.presets import PRESETS

PoseName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,19}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class View(StrEnum):
    SIDE = "side"
    FRONT = "front"
    ABOVE = "above"


class PropKind(StrEnum):
    MAT = "mat"
    WALL = "wall"
    CHAIR = "chair"
    BENCH = "bench"
    STEP = "step"
    BALL = "ball"
    SMALL_BALL = "small_ball"
    FOAM_ROLLER = "foam_roller"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    BAND = "band"
    CABLE = "cable"
    BIKE = "bike"
    RECUMBENT_BIKE = "recumbent_bike"
    LEG_PRESS = "leg_press"
    LEG_CURL = "leg_curl"
    WATER = "water"
    ROPE = "rope"


# The props a figure seen from above can show: it is for work on the floor.
SEEN_FROM_ABOVE: Final = frozenset(
    {PropKind.MAT, PropKind.BAND, PropKind.DUMBBELL, PropKind.KETTLEBELL, PropKind.SMALL_BALL}
)

# Where a post or pulley sits for a band or cable that is not tied to the body.
Mount = Literal["front_low", "front_mid", "front_high", "back_low", "back_mid", "back_high"]


def _check_group(value: str | None, what: str) -> str | None:
    if value is not None and value not in GROUPS:
        raise ValueError(f"unknown body part {value!r} for {what}; see figures/README.md")
    return value


class Prop(_Strict):
    """One piece of equipment. ``at`` is the body part it touches or is held by; sizes adapt
    to the body unless ``height`` fixes them; ``moves`` props (a ball that rolls, a foam
    roller) are placed again under ``at`` in every pose instead of staying put."""

    kind: PropKind
    at: str | None = None
    to: str | None = None
    height: float | None = Field(default=None, gt=0, le=2.5)
    moves: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"kind": data} if isinstance(data, str) else data

    @field_validator("at")
    @classmethod
    def _known_at(cls, v: str | None) -> str | None:
        return _check_group(v, "at")

    @field_validator("to")
    @classmethod
    def _known_to(cls, v: str | None) -> str | None:
        mounts = Mount.__args__  # type: ignore[attr-defined]
        if v is not None and v not in GROUPS and v not in mounts:
            raise ValueError(
                f"unknown anchor {v!r} for to; use a body part or one of {', '.join(mounts)}"
            )
        return v


class KeyPose(_Strict):
    """One key position of the movement: a preset plus the joints that differ from it.

    ``travel`` moves the body along the floor from where it would otherwise be drawn (a hop
    forward, a step off a box; metres, positive the way a side-view figure faces); ``lift``
    raises it off its support (the flight of a jump)."""

    name: PoseName
    preset: str
    joints: dict[str, float] = Field(default_factory=dict)
    contacts: list[str] | None = Field(default=None, max_length=2)
    on: PropKind | None = None
    fixed: str | None = None
    travel: float = Field(default=0.0, ge=-3.0, le=3.0)
    lift: float = Field(default=0.0, ge=0.0, le=1.0)

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, v: str) -> str:
        if v not in PRESETS:
            raise ValueError(f"unknown preset {v!r}; presets: {', '.join(sorted(PRESETS))}")
        return v

    @field_validator("joints")
    @classmethod
    def _joints_in_range(cls, joints: dict[str, float]) -> dict[str, float]:
        for name, value in joints.items():
            if name not in JOINT_LIMITS:
                raise ValueError(f"unknown joint {name!r}; see figures/README.md")
            lo, hi = JOINT_LIMITS[name]
            if not lo <= value <= hi:
                raise ValueError(f"{name} = {value:g} degrees is outside {lo:g}..{hi:g}")
        return joints

    @field_validator("contacts")
    @classmethod
    def _known_contacts(cls, v: list[str] | None) -> list[str] | None:
        for group in v or ():
            _check_group(group, "contacts")
        return v

    @field_validator("fixed")
    @classmethod
    def _known_fixed(cls, v: str | None) -> str | None:
        return _check_group(v, "fixed")

    def resolved_joints(self) -> dict[str, float]:
        return {**PRESETS[self.preset].joints, **self.joints}

    def resolved_contacts(self) -> tuple[str, ...]:
        return tuple(self.contacts) if self.contacts is not None else PRESETS[self.preset].contacts


class Figure(_Strict):
    """The whole illustration: two to four key poses drawn side by side, in one view."""

    view: View | None = None
    facing: Literal["right", "left"] = "right"
    props: list[Prop] = Field(default_factory=list)
    arrow: str = "auto"
    poses: list[KeyPose] = Field(min_length=2, max_length=4)

    @field_validator("arrow")
    @classmethod
    def _known_arrow(cls, v: str) -> str:
        if v not in ("auto", "none"):
            _check_group(v, "arrow")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        names = [p.name for p in self.poses]
        if len(set(names)) != len(names):
            raise ValueError(f"pose names must differ: {', '.join(names)}")
        kinds = {p.kind for p in self.props}
        if self.effective_view is View.ABOVE and not kinds <= SEEN_FROM_ABOVE:
            names = ", ".join(sorted(k.value for k in kinds - SEEN_FROM_ABOVE))
            raise ValueError(
                f"seen from above only a mat, a band or what the hands hold is drawn, not {names}"
            )
        for pose in self.poses:
            if pose.on is not None and pose.on not in kinds:
                raise ValueError(f"pose {pose.name!r} rests on {pose.on.value!r}, not in props")
        return self

    @property
    def effective_view(self) -> View:
        return self.view or View(PRESETS[self.poses[0].preset].view)
