"""`python -m exercise_library.check [DIR]`: validate data files and report reading level.

Used while writing exercise files; `physio-planner library check` runs the same validation.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from exercise_library.catalogue import DATA_DIR, load_directory
from exercise_library.readability import MAX_GRADE, steps_grade


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DATA_DIR
    cat = load_directory(data_dir)
    for problem in cat.problems:
        print(f"PROBLEM {problem}")
    try:
        grades = {ex.code: steps_grade(ex) for ex in cat}
    except ImportError:
        grades = {}
    for code, grade in sorted(grades.items(), key=lambda kv: -kv[1]):
        if grade > MAX_GRADE - 1.5:
            print(f"READING {code}: grade {grade:.1f}")
    counts = Counter(ex.modality.value for ex in cat)
    print("exercises:", len(cat), dict(sorted(counts.items())))
    if grades:
        print(f"mean grade {sum(grades.values()) / len(grades):.2f}")
    return 1 if cat.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
