"""Behaviour tags that contradict each other, and doses of the wrong kind.

Planner recognises McGill's big three, stretches, holds and running steps by these tags
(:class:`exercise_library.vocabulary.Behaviour`), so a tag that cannot be true would give the
exercise the wrong progression. The dose must be of the kind the exercise is: walks and carries
by the time walked, holds by the seconds held, reps by the count; a step that says "for the
time you were given" needs a time to be given. ``library check``, the clinic exercise editor
and programme files refuse a mismatch with one line each.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from exercise_library.vocabulary import Behaviour

if TYPE_CHECKING:
    from exercise_library.schema import Exercise

B = Behaviour

RUNS = frozenset({B.WALK_JOG, B.CONTINUOUS_RUN, B.RUNNING})
# Tags whose progression works on the seconds held: the dose must hold for seconds.
HELD = (B.MCGILL_BIG_THREE, B.STRETCH, B.HOLD)
# Moving on foot: dosed by the time (or distance) covered, never as holds or reps.
ON_FOOT = RUNS | {B.WALK}
# What a step promises the client will be given.
_FOR_THE = re.compile(r"\bfor the (time|distance|count|number)\b", re.IGNORECASE)


def behaviour_problems(ex: Exercise) -> list[str]:
    tags = list(ex.behaviours)
    problems = [f"'{t.value}' is listed {tags.count(t)} times" for t in dict.fromkeys(tags)
                if tags.count(t) > 1]  # fmt: skip
    runs = [t.value for t in RUNS if t in tags]
    if len(runs) > 1:
        problems.append(f"a run is one kind of run: {' and '.join(sorted(runs))} together")
    held = [t.value for t in HELD if t in tags]
    if B.NERVE_SLIDER in tags and held:
        problems.append(f"a nerve slider keeps moving, so it is not '{held[0]}' as well")
    return problems


def dose_kind_problems(ex: Exercise) -> list[str]:
    """Where the dose is not the kind of amount the exercise's tags and steps say."""
    d = ex.dosage
    tags = set(ex.behaviours)
    held = any(tag in tags for tag in HELD)
    problems = []
    for tag in HELD:
        if tag in tags and d.hold_s is None:
            problems.append(f"'{tag.value}' needs a dose held for seconds (dosage.hold_s)")
    if B.NERVE_SLIDER in tags and (d.reps is None or d.hold_s is not None):
        problems.append(
            "'nerve_slider' is dosed as moving repetitions (dosage.reps), never held "
            "(no dosage.hold_s)"
        )
    for tag in sorted(ON_FOOT & tags):
        if d.duration_min is None or d.hold_s is not None or d.reps is not None:
            problems.append(
                f"'{tag.value}' is dosed by the time walked or run (dosage.duration_min), "
                "not by holds or reps"
            )
    if d.hold_s is not None and d.reps is None and d.duration_min is None and not held:
        problems.append(
            f"dosed as holds of {d.hold_s} seconds, but not tagged as a hold, a stretch or one "
            "of McGill's big three: tag what is held, or give a walk or carry a time "
            "(dosage.duration_min)"
        )
    for step in ex.steps:
        m = _FOR_THE.search(step)
        if m is None:
            continue
        kind = m.group(1).lower()
        if kind == "time" and d.duration_min is None and not (held and d.hold_s is not None):
            problems.append(f"a step says '{m.group(0)}' but the dose gives no time: '{step}'")
        elif kind == "distance":
            problems.append(
                f"a step says '{m.group(0)}' but library doses give a time or a count, "
                f"not a distance: '{step}'"
            )
        elif kind in ("count", "number") and d.reps is None and d.hold_s is None:
            problems.append(f"a step says '{m.group(0)}' but the dose gives no count: '{step}'")
    return problems
