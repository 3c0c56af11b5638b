"""Conditions the assessment shows though they are not listed: they count in the safety verdict.

A radicular presentation behaves as radicular leg pain (:mod:`planner.assessment.nerve`), and
sacroiliac joint pain in pregnancy is pregnancy-related pelvic girdle pain (POGP guidance;
the European guidelines, Vleeming 2008, place pelvic girdle pain between the posterior iliac
crest and the gluteal fold, around the sacroiliac joints). Each comes with the reasons, so the
therapist sees why the rules for it apply.
"""

from __future__ import annotations

from exercise_library.vocabulary import Condition
from planner.assessment.model import AssessmentFile
from planner.assessment.nerve import radicular_evidence


def inferred_conditions(a: AssessmentFile) -> dict[Condition, list[str]]:
    """Conditions not listed on the client that the assessment shows, each with why."""
    listed = set(a.client.conditions)
    out: dict[Condition, list[str]] = {}
    if Condition.RADICULAR_PAIN not in listed:
        radicular = radicular_evidence(a)
        if radicular:
            out[Condition.RADICULAR_PAIN] = radicular
    if (
        Condition.PELVIC_GIRDLE_PAIN not in listed
        and Condition.PREGNANCY in listed
        and Condition.SACROILIAC_JOINT_PAIN in listed
    ):
        out[Condition.PELVIC_GIRDLE_PAIN] = [
            "Sacroiliac joint pain in pregnancy is pregnancy-related pelvic girdle pain "
            "(POGP guidance; Vleeming 2008)."
        ]
    return out
