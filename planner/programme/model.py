"""The programme as the therapist writes it: phases, items, dosage and progression rules.

These are plain pydantic models so one definition serves the window, the database (the store
keeps ``model_dump(mode="json")`` of dosage and rules) and the ``*.physio.json`` files. They
refuse contradictions early (a rule for a phase that does not exist, a percent step on a band
colour) because a programme that cannot be scheduled is worse than one that cannot be saved.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from exercise_library.bounds import VISIBLE
from exercise_library.schema import Code, FieldProblem
from planner.dates import LATEST, Day
from planner.errors import Refused
from planner.safety.context import ClientContextRecord

ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), VISIBLE
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), VISIBLE]
Tempo = Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2}){2,3}$")]
Pain = Annotated[int, Field(ge=0, le=10)]
# An item's stable name inside its programme; session logs point at it, so it survives
# reordering and edits.
ItemKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weekday(StrEnum):
    """Named training days; the order is Python's ``date.weekday()`` order."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:
        return list(Weekday).index(self)

    @property
    def label(self) -> str:
        return _DAY_NAMES[self.index]

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        return list(cls)[day.weekday()]


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class LoadUnit(StrEnum):
    KG = "kg"
    LB = "lb"
    BAND = "band"
    RPE = "rpe"  # rate of perceived exertion, 1-10
    RIR = "rir"  # reps in reserve


class BandColour(StrEnum):
    """Resistance band colours from lightest to heaviest (the common colour-coded order)."""

    YELLOW = "yellow"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    BLACK = "black"
    SILVER = "silver"
    GOLD = "gold"

    @property
    def rank(self) -> int:
        return list(BandColour).index(self)


class Load(_Model):
    """External load: an amount in kg or lb, a band colour, or an effort target."""

    unit: LoadUnit
    amount: float | None = Field(default=None, ge=0, le=500)
    band: BandColour | None = None

    @model_validator(mode="after")
    def _fits_unit(self) -> Self:
        if self.unit is LoadUnit.BAND:
            if self.band is None or self.amount is not None:
                raise ValueError("a band load names its colour (band) and no amount")
            return self
        if self.band is not None or self.amount is None:
            raise ValueError(f"a load in {self.unit.value} needs an amount and no band colour")
        if self.unit is LoadUnit.RPE and not 1 <= self.amount <= 10:
            raise ValueError(f"RPE runs from 1 to 10 (got {self.amount:g})")
        if self.unit is LoadUnit.RIR and self.amount > 10:
            raise ValueError(f"reps in reserve runs from 0 to 10 (got {self.amount:g})")
        return self


class SideDosage(_Model):
    """What one side does when it differs from the other (e.g. 3x12 left, 2x12 right).

    Only the fields given here differ; the rest come from the shared dosage.
    """

    sets: int | None = Field(default=None, ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=200)
    hold_s: int | None = Field(default=None, ge=1, le=600)
    load: Load | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Self:
        if self.sets is None and self.reps is None and self.hold_s is None and self.load is None:
            raise ValueError("a side-specific dosage must change sets, reps, hold_s or load")
        return self


class Dosage(_Model):
    """One exercise's dose for one week: the amount, how hard, and per side or not."""

    sets: int = Field(default=1, ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=200)
    hold_s: int | None = Field(default=None, ge=1, le=600)
    duration_min: float | None = Field(default=None, gt=0, le=600)
    distance_km: float | None = Field(default=None, gt=0, le=200)
    load: Load | None = None
    rest_s: int | None = Field(default=None, ge=0, le=900)
    tempo: Tempo | None = None
    per_side: bool = False
    left: SideDosage | None = None
    right: SideDosage | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (
            self.reps is None
            and self.hold_s is None
            and self.duration_min is None
            and self.distance_km is None
        ):
            raise ValueError("dosage needs reps, hold_s, duration_min or distance_km")
        if (self.left or self.right) and not self.per_side:
            raise ValueError("left/right dosage needs per_side = true")
        for side in (self.left, self.right):
            if side is None:
                continue
            if side.reps is not None and self.reps is None:
                raise ValueError("a side sets reps but the dosage has no reps")
            if side.hold_s is not None and self.hold_s is None:
                raise ValueError("a side sets hold_s but the dosage has no hold")
            if side.load is not None and (self.load is None or side.load.unit != self.load.unit):
                raise ValueError("a side's load must use the same unit as the dosage's load")
        return self

    def for_side(self, side: str) -> Dosage:
        """The full dose one side does, with that side's differences applied."""
        extra = self.left if side == "left" else self.right
        if extra is None:
            return self.model_copy(update={"left": None, "right": None})
        update = {k: v for k, v in extra.model_dump(exclude_none=True).items() if k != "load"}
        if extra.load is not None:
            update["load"] = extra.load
        return self.model_copy(update={**update, "left": None, "right": None})

    @property
    def sides_differ(self) -> bool:
        return self.per_side and self.for_side("left") != self.for_side("right")


class ProgressField(StrEnum):
    SETS = "sets"
    REPS = "reps"
    HOLD = "hold"
    DURATION = "duration"
    DISTANCE = "distance"
    LOAD = "load"

    @property
    def dosage_attr(self) -> str:
        return _DOSAGE_ATTR[self]


_DOSAGE_ATTR = {
    ProgressField.SETS: "sets",
    ProgressField.REPS: "reps",
    ProgressField.HOLD: "hold_s",
    ProgressField.DURATION: "duration_min",
    ProgressField.DISTANCE: "distance_km",
    ProgressField.LOAD: "load",
}


def field_magnitude(field: ProgressField, dosage: Dosage) -> float | None:
    """How hard one part of a dose is, as a number that grows with difficulty.

    Band colours count by rank and reps in reserve count downwards, so 'up' always means
    harder whatever the unit.
    """
    value = getattr(dosage, field.dosage_attr)
    if value is None or not isinstance(value, Load):
        return None if value is None else float(value)
    if value.unit is LoadUnit.BAND:
        return float(value.band.rank) if value.band else None
    amount = value.amount or 0.0
    return -amount if value.unit is LoadUnit.RIR else amount


WHOLE_NUMBER_FIELDS = frozenset({ProgressField.SETS, ProgressField.REPS, ProgressField.HOLD})


class RuleAction(StrEnum):
    CHANGE = "change"  # change one part of the dose by a step or a percent
    ADVANCE = "advance"  # move on to the next exercise on the exercise's ladder


class RuleCondition(StrEnum):
    # Two sessions in a row with 2 extra reps in the last set (ACSM 2009 2-for-2 rule).
    TWO_FOR_TWO = "two_for_two"
    # Pain during <= 3/10 and no worse the next morning (Silbernagel 2007); a running step
    # needs <= 2/10 (return to run: progress only if pain < 3/10). Numbers in facts.
    PAIN_OK = "pain_ok"


class ProgressionRule(_Model):
    """How one part of an item's dose grows, or when it moves up its exercise ladder.

    A change rule is first due in week ``from_week`` and again every ``every_weeks`` weeks after
    each time it is applied, so a rule held back by pain is retried the next week rather than
    lost. An advance rule is due at the start of phase ``at_phase`` or, like a change rule, from
    ``from_week``. ``exercise`` limits a rule to the weeks the item is at that exercise, which
    lets one item carry rules for later steps of its ladder.
    """

    action: RuleAction = RuleAction.CHANGE
    field: ProgressField | None = None
    step: float | None = None
    percent: float | None = Field(default=None, gt=-100, le=100)
    cap: float | BandColour | None = None
    from_week: int | None = Field(default=None, ge=2, le=104)
    every_weeks: int = Field(default=1, ge=1, le=52)
    at_phase: int | None = Field(default=None, ge=1, le=20)
    condition: RuleCondition | None = None
    exercise: Code | None = None

    @model_validator(mode="after")
    def _well_formed(self) -> Self:
        # Each check names the field a form should mark (FieldProblem), so an editor points at
        # the input to fix without reading the message.
        if self.action is RuleAction.ADVANCE:
            if self.field or self.step is not None or self.percent is not None or self.cap:
                raise FieldProblem("action", "an advance rule takes no field, step, percent or cap")
            if (self.at_phase is None) == (self.from_week is None):
                raise FieldProblem("at_phase", "an advance rule needs either at_phase or from_week")
            return self
        if self.field is None:
            raise FieldProblem(
                "field", "a change rule needs a field (sets, reps, hold, duration, ...)"
            )
        if self.from_week is None:
            raise FieldProblem(
                "from_week", "a change rule needs from_week (the first week it is due)"
            )
        if self.at_phase is not None:
            raise FieldProblem(
                "at_phase", "at_phase is for advance rules; change rules use from_week"
            )
        if (self.step is None) == (self.percent is None):
            raise FieldProblem("step", "a change rule needs either step or percent, not both")
        if self.step == 0 or self.percent == 0:
            raise FieldProblem(
                "step" if self.step == 0 else "percent", "a step or percent of 0 changes nothing"
            )
        if (
            self.step is not None
            and self.field in WHOLE_NUMBER_FIELDS
            and self.step != int(self.step)
        ):
            raise FieldProblem(
                "step", f"{self.field.value} changes by whole numbers (got {self.step:g})"
            )
        if isinstance(self.cap, BandColour) and self.field is not ProgressField.LOAD:
            raise FieldProblem("cap", "a band colour cap only fits a load rule")
        return self


class PhaseSpan(_Model):
    """Which phases (1-based, inclusive) an item belongs to."""

    first: int = Field(ge=1, le=20)
    last: int = Field(ge=1, le=20)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.first > self.last:
            raise ValueError(f"phase span runs backwards ({self.first} to {self.last})")
        return self


class Phase(_Model):
    name: ShortText
    weeks: int = Field(ge=1, le=52)
    focus: LongText = ""
    entry_criteria: LongText = ""


class Item(_Model):
    """One exercise in the programme.

    ``key`` names the item for session logs and never changes once given (it defaults to the
    code and order the item was created with), so logs stay attached when items move.
    """

    key: ItemKey
    code: Code
    order: int = Field(ge=1, le=999)
    phases: PhaseSpan | None = None  # None: every phase
    dosage: Dosage
    days: list[Weekday] = Field(min_length=1, max_length=7)
    # For the client: printed on the exercise's card.
    notes: LongText = ""
    # For the therapist: why the exercise was chosen (the recommendation's reason). Shown in
    # the app, never printed on the client's handout.
    reason: LongText | None = None
    rules: list[ProgressionRule] = Field(default_factory=list, max_length=20)

    @model_validator(mode="before")
    @classmethod
    def _default_key(cls, data: object) -> object:
        if isinstance(data, dict) and "key" not in data:
            code, order = data.get("code"), data.get("order")
            if isinstance(code, str) and isinstance(order, int):
                return {"key": f"{code}-{order}", **data}
        return data

    @model_validator(mode="after")
    def _rules_fit_dosage(self) -> Self:
        if len(set(self.days)) != len(self.days):
            raise ValueError("a day of the week is listed twice")
        unit = self.dosage.load.unit if self.dosage.load else None
        for rule in self.rules:
            if rule.condition is RuleCondition.TWO_FOR_TWO and self.dosage.reps is None:
                raise ValueError("the 2-for-2 condition counts reps, but this dosage has none")
            if rule.field is not ProgressField.LOAD:
                continue
            if rule.percent is not None and unit in {LoadUnit.BAND, LoadUnit.RPE, LoadUnit.RIR}:
                raise ValueError(f"a load in {unit.value} changes by steps, not by a percent")
            if rule.step is not None and unit is LoadUnit.BAND and rule.step != int(rule.step):
                raise ValueError("a band load changes by whole colours")
            if isinstance(rule.cap, BandColour) and unit is not LoadUnit.BAND:
                raise ValueError("a band colour cap needs a band load")
        return self


def refuse_past_latest(start: dt.date, last_review: dt.date) -> None:
    """A new programme's reviews are dates too: a start within range can still put the review
    after its last week past the last date the app works with (2200-12-20 and 8 weeks), and
    such a programme could be stored but never read back."""
    if last_review > LATEST:
        raise Refused(
            f"start: a programme from {start.isoformat()} would be reviewed on "
            f"{last_review.isoformat()}, after {LATEST.isoformat()}, the last date this app "
            "works with",
            field="start",
        )


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    FINISHED = "finished"


class Programme(_Model):
    title: ShortText
    client: ShortText | None = None
    goals: list[ShortText] = Field(default_factory=list, max_length=20)
    start: Day
    status: ProgrammeStatus = ProgrammeStatus.DRAFT
    # The day the handout was given to the client (printed or exported and handed over).
    given_on: Day | None = None
    therapist: ShortText | None = None
    review_dates: list[Day] = Field(default_factory=list, max_length=100)
    notes: LongText = ""
    phases: list[Phase] = Field(min_length=1, max_length=20)
    items: list[Item] = Field(default_factory=list, max_length=200)
    # What the safety rules know of the client (programme files from version 2 on): set when a
    # file is written, kept for a programme imported without a client. None: not known.
    client_context: ClientContextRecord | None = None

    @model_validator(mode="after")
    def _fits_together(self) -> Self:
        if self.total_weeks > 104:
            raise ValueError(f"a programme runs at most 104 weeks (got {self.total_weeks})")
        orders = [item.order for item in self.items]
        doubled = sorted({o for o in orders if orders.count(o) > 1})
        if doubled:
            raise ValueError(f"two items share the order {doubled[0]}")
        keys = [item.key for item in self.items]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"two items share the key '{twice[0]}'")
        n = len(self.phases)
        for item in self.items:
            span = item.phases
            if span is not None and span.last > n:
                raise ValueError(
                    f"item {item.order} ({item.code}) runs to phase {span.last}, "
                    f"but the programme has {n} phase(s)"
                )
            first, last = (span.first, span.last) if span else (1, n)
            for rule in item.rules:
                if rule.at_phase is not None and not first < rule.at_phase <= last:
                    raise ValueError(
                        f"item {item.order} ({item.code}) advances at phase {rule.at_phase}, "
                        f"but it is only in phases {first}-{last} and cannot advance in its first"
                    )
        return self

    @property
    def total_weeks(self) -> int:
        return sum(p.weeks for p in self.phases)

    @property
    def end(self) -> dt.date:
        """The last day of the programme."""
        return self.start + dt.timedelta(days=7 * self.total_weeks - 1)

    def phase_weeks(self) -> list[tuple[int, int]]:
        """(first week, last week) of each phase, 1-based and inclusive."""
        out, week = [], 1
        for phase in self.phases:
            out.append((week, week + phase.weeks - 1))
            week += phase.weeks
        return out

    def phase_of_week(self, week: int) -> int:
        """The 1-based phase that holds a 1-based programme week."""
        for number, (first, last) in enumerate(self.phase_weeks(), start=1):
            if first <= week <= last:
                return number
        raise ValueError(f"week {week} is outside the programme")

    def item_weeks(self, item: Item) -> range:
        """The programme weeks an item is done in."""
        spans = self.phase_weeks()
        first, last = (item.phases.first, item.phases.last) if item.phases else (1, len(spans))
        return range(spans[first - 1][0], spans[last - 1][1] + 1)

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


class SessionStatus(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"


# Reps done in one set, as logged: no more than a dose can prescribe (Dosage.reps), so a slip
# of the keyboard (500) is refused instead of driving progression.
LoggedReps = Annotated[int, Field(ge=0, le=200)]


class SessionLog(_Model):
    """What the client did with one item on one day, and how it felt.

    Reps are per set, in order; ``reps`` is for items done on both sides together, and
    ``reps_left``/``reps_right`` for items done per side.
    """

    date: Day
    item: ItemKey
    status: SessionStatus
    pain_during: Pain | None = None
    pain_next_morning: Pain | None = None
    rpe: int | None = Field(default=None, ge=0, le=10)
    reps: list[LoggedReps] = Field(default_factory=list, max_length=20)
    reps_left: list[LoggedReps] = Field(default_factory=list, max_length=20)
    reps_right: list[LoggedReps] = Field(default_factory=list, max_length=20)
    note: LongText = ""
