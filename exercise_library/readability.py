"""Reading level of client-facing text, measured as a Flesch-Kincaid grade.

Clients read the steps at home with nobody to ask, so the library aims at a 6th-grade level
(mean <= 6, no exercise above 8). textstat is pinned to a release that counts syllables with
pyphen alone, so this works offline.
"""

from __future__ import annotations

from exercise_library.schema import Exercise

TARGET_MEAN_GRADE = 6.0
MAX_GRADE = 8.0


def steps_text(exercise: Exercise) -> str:
    return " ".join(s if s.rstrip().endswith((".", "!", "?")) else s + "." for s in exercise.steps)


def steps_grade(exercise: Exercise) -> float:
    import textstat  # imported lazily: only checks and tests need it

    return float(textstat.flesch_kincaid_grade(steps_text(exercise)))
