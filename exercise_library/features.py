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
from typing import TYPE_CHECKING

from exercise_library.vocabulary import Impact, MovementFeature, Position, SpinalDemand

if TYPE_CHECKING:
    from exercise_library.schema import Exercise

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


def derived_features(ex: Exercise) -> frozenset[MovementFeature]:
    """The features the exercise's position, impact and spine demands already say."""
    out: set[MovementFeature] = set()
    if ex.position in _FROM_POSITION:
        out.add(_FROM_POSITION[ex.position])
    if ex.impact in _IMPACT_LEVELS:
        out.add(F.IMPACT)
    for direction, loaded, end_range in _SPINE:
        demand = getattr(ex.spine, direction)
        if demand is SpinalDemand.LOADED:
            out.add(loaded)
        elif demand is SpinalDemand.END_RANGE:
            out.add(end_range)
    return frozenset(out)


def _contradiction(ex: Exercise, feature: MovementFeature) -> str | None:
    """Why a listed feature disagrees with the exercise's other tags (None when it does not)."""
    for position, implied in _FROM_POSITION.items():
        if feature is implied and implied is not F.ASYMMETRIC_PELVIC_LOAD:
            return (
                f"'{feature.value}' comes from the position; set position = '{position.value}' "
                f"instead of listing it (position is '{ex.position.value}')"
            )
    if feature is F.IMPACT:
        return (
            f"'impact' means the feet leave the ground, but impact = '{ex.impact.value}'; "
            "set impact to 'moderate' or 'high' instead of listing it"
        )
    for direction, loaded, end_range in _SPINE:
        demand: SpinalDemand = getattr(ex.spine, direction)
        if feature is loaded:
            return (
                f"'{feature.value}' disagrees with spine.{direction} = '{demand.value}'; "
                f"set spine.{direction} = 'loaded' instead of listing it"
            )
        if feature is end_range and demand in (SpinalDemand.NONE, SpinalDemand.GENTLE):
            return (
                f"'{feature.value}' disagrees with spine.{direction} = '{demand.value}'; "
                f"set spine.{direction} = 'end_range' (or 'loaded') instead"
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
        why = _contradiction(ex, feature)
        if why is not None:
            problems.append(why)
    return problems
