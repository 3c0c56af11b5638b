"""Movement features: the ones other tags already imply, and the check that the rest agree.

A data file lists only the features nothing else says (a fall risk, a stretched nerve, a wide
stance...). Lying on the back or face down follows from the position, loaded or full-range
bending, arching and twisting from the spine demands, impact from the impact level, and a
one-sided load on the pelvis from half-kneeling: those are derived here, so an author cannot
forget them and two tags cannot disagree. :func:`feature_problems` refuses a file that lists a
derived feature (say it once) or one its other tags contradict; ``library check``, the clinic
exercise editor and programme files all apply it.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from exercise_library.vocabulary import Impact, MovementFeature, Position, SpinalDemand

if TYPE_CHECKING:
    from exercise_library.schema import Exercise, SpineDemands

F = MovementFeature

_FROM_POSITION: dict[Position, MovementFeature] = {
    Position.SUPINE: F.SUPINE,
    Position.PRONE: F.PRONE,
    # One knee down, the other foot forward: the legs work apart by definition.
    Position.HALF_KNEELING: F.ASYMMETRIC_PELVIC_LOAD,
}
# Feet leave the ground or land (jogging, jumping); walking and stepping are low impact.
_IMPACT_LEVELS = frozenset({Impact.MODERATE, Impact.HIGH})
# For each spine direction: (its field, the loaded feature, the full-range feature).
_SPINE: tuple[tuple[str, MovementFeature, MovementFeature], ...] = (
    ("flexion", F.LOADED_FLEXION, F.END_RANGE_FLEXION),
    ("extension", F.LOADED_EXTENSION, F.END_RANGE_EXTENSION),
    ("rotation", F.LOADED_ROTATION, F.END_RANGE_ROTATION),
)


class Tags(Protocol):
    """What derivation reads: an exercise, or an editor's half-filled form (no position or
    impact chosen yet is None)."""

    @property
    def position(self) -> Position | None: ...
    @property
    def impact(self) -> Impact | None: ...
    @property
    def spine(self) -> SpineDemands: ...


# Where a derivable feature comes from: the field (as the data file names it) and its value.
Source = tuple[str, StrEnum]


def feature_sources(ex: Tags) -> dict[MovementFeature, Source]:
    """Each feature the exercise's position, impact and spine demands already say, with the
    field and value it follows from (the editor shows it ticked, and why)."""
    out: dict[MovementFeature, Source] = {}
    if ex.position in _FROM_POSITION:
        out[_FROM_POSITION[ex.position]] = ("position", ex.position)
    if ex.impact in _IMPACT_LEVELS:
        out[F.IMPACT] = ("impact", ex.impact)
    for direction, loaded, end_range in _SPINE:
        demand = getattr(ex.spine, direction)
        if demand is SpinalDemand.LOADED:
            out[loaded] = (f"spine.{direction}", demand)
        elif demand is SpinalDemand.END_RANGE:
            out[end_range] = (f"spine.{direction}", demand)
    return out


def derived_features(ex: Tags) -> frozenset[MovementFeature]:
    """The features the exercise's position, impact and spine demands already say."""
    return frozenset(feature_sources(ex))


def implied_by(feature: MovementFeature) -> Source | None:
    """The field and the least value of it that make ``feature`` follow (the way to give an
    exercise a feature that may not be listed by hand), or None for a feature listed by hand."""
    for position, implied in _FROM_POSITION.items():
        if feature is implied and implied is not F.ASYMMETRIC_PELVIC_LOAD:
            return ("position", position)
    if feature is F.IMPACT:
        return ("impact", Impact.MODERATE)
    for direction, loaded, end_range in _SPINE:
        if feature is loaded:
            return (f"spine.{direction}", SpinalDemand.LOADED)
        if feature is end_range:
            return (f"spine.{direction}", SpinalDemand.END_RANGE)
    return None


def contradiction(ex: Tags, feature: MovementFeature) -> str | None:
    """Why listing ``feature`` by hand disagrees with the other tags (None when it does not)."""
    source = implied_by(feature)
    if source is None:
        return None
    field, value = source
    if field == "position":
        where = ex.position.value if ex.position is not None else "not chosen"
        return (
            f"'{feature.value}' comes from the position; set position = '{value.value}' "
            f"instead of listing it (position is '{where}')"
        )
    if field == "impact":
        impact = ex.impact.value if ex.impact is not None else "not chosen"
        return (
            f"'impact' means the feet leave the ground, but impact = '{impact}'; "
            "set impact to 'moderate' or 'high' instead of listing it"
        )
    direction = field.removeprefix("spine.")
    demand: SpinalDemand = getattr(ex.spine, direction)
    if value is SpinalDemand.LOADED:
        return (
            f"'{feature.value}' disagrees with {field} = '{demand.value}'; "
            f"set {field} = 'loaded' instead of listing it"
        )
    if demand in (SpinalDemand.NONE, SpinalDemand.GENTLE):
        return (
            f"'{feature.value}' disagrees with {field} = '{demand.value}'; "
            f"set {field} = 'end_range' (or 'loaded') instead"
        )
    return None


def feature_problems(ex: Exercise) -> list[str]:
    """One line per listed feature that repeats a derived one or contradicts another tag.

    A full-range feature may be listed beside a loaded spine demand (a roll-up curls up
    against gravity *and* ends fully bent): that says something the demand alone cannot.
    """
    problems: list[str] = []
    counts = Counter(ex.features)
    for feature, n in counts.items():
        if n > 1:
            problems.append(f"'{feature.value}' is listed {n} times")
    derived = derived_features(ex)
    for feature in counts:
        if feature in derived:
            problems.append(
                f"'{feature.value}' already follows from the exercise's other tags; "
                "leave it out of features"
            )
            continue
        why = contradiction(ex, feature)
        if why is not None:
            problems.append(why)
    return problems
