"""Where an exercise goes next on its ladder, and which exercises count as running.

The library's progression links say what comes next (the clinic curates them; the walk/jog
steps link in the order of the return-to-run guidance), and an exercise's behaviour tags say
whether it is a run, so a clinic's copy of a walk/jog step climbs the same ladder.
"""

from __future__ import annotations

from collections.abc import Callable

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Behaviour

RUN_TAGS = frozenset({Behaviour.WALK_JOG, Behaviour.CONTINUOUS_RUN, Behaviour.RUNNING})


def next_on_ladder(
    code: str, catalogue: Catalogue, allowed: Callable[[str], bool] = lambda code: True
) -> str | None:
    """The next harder exercise that exists in this catalogue and that ``allowed`` lets the
    client do (the safety verdict and the kit at home), or None at the top."""
    exercise = catalogue.get(code)
    if exercise is not None:
        for nxt in exercise.progressions:
            if nxt in catalogue and allowed(nxt):
                return nxt
    return None


def is_running(exercise: Exercise) -> bool:
    """Running items get the weekly running-volume limit and a rest day between runs."""
    return not RUN_TAGS.isdisjoint(exercise.behaviours)


def walk_jog_stages(exercise: Exercise, catalogue: Catalogue) -> list[str]:
    """This walk/jog step and the walk/jog steps its links lead to, in order: the stages a
    ladder advances through before it reaches continuous running."""
    stages: list[str] = []
    current: Exercise | None = exercise
    while current is not None and current.does(Behaviour.WALK_JOG) and current.code not in stages:
        stages.append(current.code)
        nxt = next((c for c in current.progressions if c in catalogue), None)
        current = catalogue.get(nxt) if nxt is not None else None
    return stages
