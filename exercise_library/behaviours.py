"""Behaviour tags that contradict each other or the exercise's own dose.

Planner recognises McGill's big three, stretches, holds and running steps by these tags
(:class:`exercise_library.vocabulary.Behaviour`), so a tag that cannot be true would give the
exercise the wrong progression. ``library check``, the clinic exercise editor and programme
files refuse them with one line each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercise_library.vocabulary import Behaviour

if TYPE_CHECKING:
    from exercise_library.schema import Exercise

B = Behaviour

RUNS = frozenset({B.WALK_JOG, B.CONTINUOUS_RUN, B.RUNNING})
# Tags whose progression works on the seconds held: the dose must hold for seconds.
HELD = (B.MCGILL_BIG_THREE, B.STRETCH, B.HOLD)


def behaviour_problems(ex: Exercise) -> list[str]:
    tags = list(ex.behaviours)
    problems = [f"'{t.value}' is listed {tags.count(t)} times" for t in dict.fromkeys(tags)
                if tags.count(t) > 1]  # fmt: skip
    runs = [t.value for t in RUNS if t in tags]
    if len(runs) > 1:
        problems.append(f"a run is one kind of run: {' and '.join(sorted(runs))} together")
    d = ex.dosage
    for tag in HELD:
        if tag in tags and d.hold_s is None:
            problems.append(f"'{tag.value}' needs a dose held for seconds (dosage.hold_s)")
    for tag in RUNS & set(tags):
        if d.duration_min is None:
            problems.append(f"'{tag.value}' needs a dose in minutes (dosage.duration_min)")
    return problems
