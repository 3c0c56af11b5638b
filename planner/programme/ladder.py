"""Where an exercise goes next on its ladder, and which exercises count as running.

The library's own progression links come first, because the clinic curates them; the
walk/jog ladder from the return-to-run guidance fills in when a running step has no link.
"""

from __future__ import annotations

from exercise_library.catalogue import Catalogue
from planner.programme import facts


def next_on_ladder(code: str, catalogue: Catalogue) -> str | None:
    """The next harder exercise that exists in this catalogue, or None at the top."""
    exercise = catalogue.get(code)
    if exercise is not None:
        for nxt in exercise.progressions:
            if nxt in catalogue:
                return nxt
    if code in facts.RUN_LADDER:
        later = facts.RUN_LADDER[facts.RUN_LADDER.index(code) + 1 :]
        if later and later[0] in catalogue:
            return later[0]
    return None


def is_running(code: str) -> bool:
    """Running items get the weekly running-volume limit and a rest day between runs."""
    return code in facts.RUN_LADDER or "jog" in code.split("_") or code.startswith("run")
