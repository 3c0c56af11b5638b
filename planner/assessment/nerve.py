"""The nerve before the muscle: what the assessment says about an irritated nerve root.

A straight-leg raise is a nerve test first (clinical-facts.md, Added: SLR; Devillé 2000): when
it brings on the client's own leg symptoms, the nerve is sensitive, and the angle says nothing
about hamstring length. The same goes for a positive slump test (Majlesi 2008) and a crossed
straight-leg raise. A radicular presentation (a sensitive nerve, pain below the knee, a reduced
neurological exam) changes what is safe: it reaches the safety verdict as the condition
``radicular_pain`` (see :meth:`planner.safety.ClientContext.from_assessment`). Neurology that
gets worse between two assessments is a red flag (progressive neurological deficit, urgent).
"""

from __future__ import annotations

from exercise_library.vocabulary import Condition, RedFlag, Side
from planner.assessment.model import AssessmentFile, NeuroResult, PosNeg, SlrSymptoms

_SIDES = (Side.LEFT, Side.RIGHT)


def _on(pair: object, side: Side) -> object:
    return getattr(pair, side.value) if pair is not None else None


def nerve_signs(a: AssessmentFile, side: Side) -> list[str]:
    """The tests that show a sensitive nerve on this side (empty: none do)."""
    t = a.tests
    signs = []
    symptoms = _on(t.slr_reproduces, side)
    if isinstance(symptoms, SlrSymptoms) and symptoms.in_the_leg:
        signs.append("slr")
    if _on(t.slump_test, side) == PosNeg.POSITIVE:
        signs.append("slump")
    if _on(t.crossed_slr, side) == PosNeg.POSITIVE:
        signs.append("crossed_slr")
    return signs


# Red flags that report symptoms in a leg: while the straight-leg raise's symptoms are not
# recorded, its angle cannot be read as hamstring length.
_LEG_FLAGS = (
    RedFlag.PAIN_RADIATING_BELOW_KNEE,
    RedFlag.LEG_NUMBNESS_OR_WEAKNESS,
    RedFlag.BILATERAL_LEG_SYMPTOMS,
    RedFlag.CAUDA_EQUINA_SIGNS,
    RedFlag.PROGRESSIVE_NEURO_DEFICIT,
    RedFlag.SEVERE_NEURO_DEFICIT,
    RedFlag.GAIT_DISTURBANCE,
    RedFlag.WIDESPREAD_NEUROLOGY,
)


def leg_symptoms_reported(a: AssessmentFile) -> list[str]:
    """Where the assessment reports leg symptoms or nerve involvement, in words."""
    out = [f.label.lower() for f in _LEG_FLAGS if f in a.red_flags]
    if Condition.RADICULAR_PAIN in a.client.conditions:
        out.append("radicular leg pain recorded as a condition")
    for side in _SIDES:
        if nerve_signs(a, side):
            out.append(f"a positive nerve test on the {side.value}")
        if _on(a.tests.neuro_exam, side) == NeuroResult.REDUCED:
            out.append(f"a reduced neurological exam on the {side.value}")
    return out


def radicular_evidence(a: AssessmentFile) -> list[str]:
    """Why this is a radicular presentation (empty: it is not).

    Any one sign is enough: a sensitive nerve, pain spreading below the knee, or a reduced
    neurological exam (clinical-facts.md, Added: radicular presentation). The safety rules
    then hold back what stretches or loads the nerve while it is sensitive.
    """
    t = a.tests
    out = []
    if Condition.RADICULAR_PAIN in a.client.conditions:
        out.append("Radicular leg pain is recorded as a condition.")
    for side in _SIDES:
        signs = nerve_signs(a, side)
        if signs:
            names = {"slr": "straight-leg raise", "slump": "slump test", "crossed_slr":
                     "crossed straight-leg raise"}  # fmt: skip
            tests = " and ".join(names[s] for s in signs)
            verb = "shows" if len(signs) == 1 else "show"
            out.append(f"The {tests} {verb} a sensitive nerve on the {side.value}.")
        if _on(t.slr_reproduces, side) is SlrSymptoms.BELOW_KNEE:
            out.append(f"The straight-leg raise brings pain below the {side.value} knee.")
        if _on(t.neuro_exam, side) == NeuroResult.REDUCED:
            out.append(f"The neurological exam of the {side.value} leg is reduced.")
    if RedFlag.PAIN_RADIATING_BELOW_KNEE in a.red_flags:
        out.append("Pain spreads below the knee.")
    if RedFlag.LEG_NUMBNESS_OR_WEAKNESS in a.red_flags:
        out.append("A leg is numb or weak.")
    return out


def neuro_worsened(previous: AssessmentFile, current: AssessmentFile) -> list[str]:
    """Legs whose neurological exam was normal before and is reduced now, in words.

    Worsening neurology is a progressive neurological deficit, an urgent red flag
    (clinical-facts.md, Red flags: severe or progressive neurological deficit; Added: radicular
    presentation, worsening neurology -> referral).
    """
    if current.date < previous.date:
        return []
    out = []
    for side in _SIDES:
        before = _on(previous.tests.neuro_exam, side)
        now = _on(current.tests.neuro_exam, side)
        if before == NeuroResult.NORMAL and now == NeuroResult.REDUCED:
            out.append(
                f"The {side.value} leg's neurological exam was normal on {previous.date} and is "
                f"reduced on {current.date}."
            )
    return out


def flags_found(previous: AssessmentFile | None, current: AssessmentFile) -> dict[RedFlag, str]:
    """Red flags the assessments show though nobody ticked them, each with why."""
    if previous is None or RedFlag.PROGRESSIVE_NEURO_DEFICIT in current.red_flags:
        return {}
    worse = neuro_worsened(previous, current)
    return {RedFlag.PROGRESSIVE_NEURO_DEFICIT: " ".join(worse)} if worse else {}
