"""The machine-readable shapes of findings and recommendations.

These dictionaries are the ``--json`` contract of ``physio-planner assess`` and ``recommend``:
scripts depend on the keys, so they are built here, once, and never renamed.
"""

from __future__ import annotations

from typing import Any

from planner.assessment.analysis import Findings
from planner.assessment.compare import ScoreChange
from planner.assessment.recommend import Recommendation, RecommendedExercise
from planner.assessment.scores import Scores


def _round(value: float, places: int = 2) -> float | int:
    r = round(value, places)
    return int(r) if r == int(r) else r


def scores_json(s: Scores) -> dict[str, Any]:
    return {
        "odi": ({"percent": _round(s.odi.percent, 1), "band": s.odi.band.value} if s.odi else None),
        "start_back": (
            {
                "total": s.start_back.total,
                "psychosocial": s.start_back.psychosocial,
                "risk": s.start_back.risk.value,
            }
            if s.start_back
            else None
        ),
        "psfs": {"mean": _round(s.psfs.mean)} if s.psfs else None,
        "roland_morris": {"total": s.roland_morris.total} if s.roland_morris else None,
        "nprs": {"now": s.nprs.now, "worst": s.nprs.worst} if s.nprs else None,
    }


def findings_json(f: Findings) -> dict[str, Any]:
    return {
        "referral": f.referral.value,
        "red_flags": [
            {"code": r.code.value, "level": r.level.value, "message": r.message}
            for r in f.red_flags
        ],
        "scores": scores_json(f.scores),
        "imbalances": [
            {
                "code": i.code.value,
                "side": i.side.value if i.side else None,
                "evidence": list(i.evidence),
                "norm_set": i.norm_set.value if i.norm_set else None,
            }
            for i in f.imbalances
        ],
        "care_pathway": _pathway(f),
        "inferred_conditions": [
            {"code": code.value, "evidence": list(why)}
            for code, why in f.inferred_conditions.items()
        ],
        "directional_preference": (
            f.directional_preference.value if f.directional_preference else None
        ),
        "notes": list(f.notes),
    }


def _pathway(f: Findings) -> str | None:
    return f.care_pathway.value if f.care_pathway else None


def _item_json(e: RecommendedExercise) -> dict[str, Any]:
    return {
        "code": e.code,
        "name": e.exercise.name,
        "modality": e.exercise.modality.value,
        "imbalances": [i.value for i in e.imbalances],
        "reason": e.reason,
        "cautions": list(e.cautions),
        "primary_for": [i.value for i in e.primary_for],
        "dosage": e.dose.model_dump(mode="json"),
        "days": [d.value for d in e.days],
        "role": e.role,
    }


def recommendation_json(r: Recommendation) -> dict[str, Any]:
    """The session's exercises and, apart, the runs of a running plan with the warm-up before
    them; each with the findings it is the main exercise for and its dose (the schedule's
    dosage shape)."""
    return {
        "referral": r.referral.value,
        "blocked_reason": r.blocked_reason,
        "exercises": [_item_json(e) for e in r.exercises],
        "excluded": [{"code": x.code, "reason": x.reason} for x in r.excluded],
        "care_pathway": _pathway(r.findings),
        "runs": [_item_json(e) for e in r.runs],
        "findings_ranked": [
            {"code": f.code.value, "rank": f.rank, "tests": list(f.tests), "goals": list(f.goals)}
            for f in r.ranked
        ],
        "uncovered": {code.value: why for code, why in r.uncovered.items()},
        "advice": list(r.advice),
        "notes": list(r.notes),
    }


def changes_json(changes: list[ScoreChange]) -> list[dict[str, Any]]:
    return [
        {
            "score": c.score,
            "old": _round(c.old),
            "new": _round(c.new),
            "change": _round(c.change),
            "direction": c.direction.value,
            "mic": c.mic,
            "important": c.important,
        }
        for c in changes
    ]
