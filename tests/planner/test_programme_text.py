"""The dose in the words a client reads at home: short, concrete, left and right kept apart."""

from __future__ import annotations

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.programme.model import Dosage, Load, SideDosage
from planner.programme.text import dosage_text

CAT = builtin_catalogue()


@pytest.mark.parametrize(
    ("dosage", "expected"),
    [
        (Dosage(sets=3, reps=10, hold_s=5, per_side=True),
         "3 sets of 10 on each side, hold 5 seconds"),
        (Dosage(sets=3, reps=12, per_side=True, left=SideDosage(sets=3), right=SideDosage(sets=2)),
         "Left: 3 sets of 12. Right: 2 sets of 12."),
        (Dosage(sets=1, reps=10), "1 set of 10"),
        (Dosage(sets=2, hold_s=30, per_side=True), "2 holds of 30 seconds on each side"),
        (Dosage(sets=1, reps=2, hold_s=30), "2 holds of 30 seconds"),
        (Dosage(sets=3, reps=8, load=Load(unit="kg", amount=12.5), rest_s=90),
         "3 sets of 8 with 12.5 kg, rest 90 seconds between sets"),
        (Dosage(sets=3, reps=10, load=Load(unit="lb", amount=25)), "3 sets of 10 with 25 lb"),
        (Dosage(sets=3, reps=10, per_side=True, load=Load(unit="band", band="green")),
         "3 sets of 10 on each side with the green band"),
        (Dosage(sets=3, reps=8, load=Load(unit="rpe", amount=7)),
         "3 sets of 8 at an effort of 7 out of 10"),
        (Dosage(sets=3, reps=8, load=Load(unit="rir", amount=2)),
         "3 sets of 8, stopping when you could still do 2 more reps"),
        (Dosage(sets=3, reps=8, tempo="3-1-1"), "3 sets of 8, tempo 3-1-1"),
        (Dosage(duration_min=30), "30 minutes"),
        (Dosage(distance_km=5.5), "5.5 km"),
        (Dosage(sets=1, hold_s=150), "1 hold of 2 minutes 30 seconds"),
    ],
)  # fmt: skip
def test_dosage_in_plain_words(dosage: Dosage, expected: str) -> None:
    assert dosage_text(dosage) == expected


def test_side_specific_holds_and_loads_stay_with_their_side() -> None:
    dosage = Dosage(
        sets=3,
        reps=10,
        hold_s=5,
        load=Load(unit="kg", amount=8),
        rest_s=60,
        per_side=True,
        left=SideDosage(load=Load(unit="kg", amount=6), hold_s=3),
    )
    assert dosage_text(dosage) == (
        "Left: 3 sets of 10 with 6 kg, hold 3 seconds. "
        "Right: 3 sets of 10 with 8 kg, hold 5 seconds. "
        "Rest 60 seconds between sets."
    )


def test_interval_runs_are_counted_in_rounds() -> None:
    walk_jog = CAT["walk_jog_4_2"]
    assert dosage_text(Dosage(sets=5, duration_min=6, rest_s=60), walk_jog) == (
        "5 rounds of 6 minutes, rest 60 seconds between rounds"
    )


def test_per_side_that_is_the_same_on_both_sides_reads_as_each_side() -> None:
    same = Dosage(sets=2, reps=8, per_side=True, left=SideDosage(sets=2), right=SideDosage(sets=2))
    assert dosage_text(same) == "2 sets of 8 on each side"
