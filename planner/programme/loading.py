"""Which exercises carry a load, and how heavy to go when the dose names no weight.

Every loaded dose says how heavy: the weight or band the therapist set, or else an effort guide
in plain words ("with a weight you could lift 2 or 3 more times"), printed with the dose
wherever the dose is printed. The guide's numbers are in :mod:`planner.programme.facts` and its
words in :mod:`planner.programme.step_text`.
"""

from __future__ import annotations

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Equipment, Modality
from planner.programme import step_text
from planner.programme.model import Dosage

# Kit that adds resistance (a strap or a mat does not).
LOAD_KIT = frozenset(
    {
        Equipment.DUMBBELLS,
        Equipment.KETTLEBELL,
        Equipment.BARBELL,
        Equipment.CABLE_MACHINE,
        Equipment.LEG_PRESS_MACHINE,
        Equipment.LEG_CURL_MACHINE,
        Equipment.RESISTANCE_BAND,
    }
)
# A band in a stretch or a yoga pose is a strap to reach the foot, not a load.
_UNLOADED = frozenset({Modality.MOBILITY, Modality.YOGA})


def is_loaded(exercise: Exercise) -> bool:
    """Does the exercise work against a weight, a band or a machine?"""
    return exercise.modality not in _UNLOADED and bool(set(exercise.equipment) & LOAD_KIT)


def uses_band(exercise: Exercise) -> bool:
    """Loaded by a band alone (the heavier step is the next band colour)."""
    kit = set(exercise.equipment) & LOAD_KIT
    return kit == {Equipment.RESISTANCE_BAND}


def load_guide(exercise: Exercise | None, dosage: Dosage) -> str | None:
    """The effort guide for a loaded dose that names no load; None when none is needed."""
    if exercise is None or dosage.load is not None or not is_loaded(exercise):
        return None
    if dosage.reps is not None:
        return step_text.effort_guide(band=uses_band(exercise), holds=False)
    rounds = dosage.hold_s is None  # timed or walked, as a carry is
    return step_text.effort_guide(band=uses_band(exercise), holds=not rounds, rounds=rounds)
