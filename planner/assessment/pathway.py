"""Stratified care: the STarT Back risk group decides the care pathway.

Hill 2011 (Lancet; clinical-facts.md, Added: STarT Back stratified care): low risk -> advice,
reassurance and self-management; medium -> physiotherapist-led exercise; high ->
psychologically informed physiotherapy (fear of movement and unhelpful beliefs addressed,
graded exposure to feared movements) alongside exercise. The pathway is data: the recommender
and the programme read what it asks for (fewer exercises, education, graded exposure), and the
words here are what the therapist reads beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planner.assessment.scores import StartBackRisk, StartBackScore

HILL = "Hill 2011"


class CarePathway(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class PathwayPlan:
    pathway: CarePathway
    # What the therapist reads: the pathway and what it means for this client's care.
    summary: str
    # What a programme on this pathway asks for.
    self_management: bool
    fewer_exercises: bool
    physiotherapist_led: bool
    pain_education: bool
    graded_exposure: bool


PLANS: dict[CarePathway, PathwayPlan] = {
    CarePathway.LOW: PathwayPlan(
        CarePathway.LOW,
        "Low-risk pathway (STarT Back): advice, reassurance and self-management; keep the "
        f"home programme short ({HILL}).",
        self_management=True,
        fewer_exercises=True,
        physiotherapist_led=False,
        pain_education=False,
        graded_exposure=False,
    ),
    CarePathway.MEDIUM: PathwayPlan(
        CarePathway.MEDIUM,
        f"Medium-risk pathway (STarT Back): physiotherapist-led exercise ({HILL}).",
        self_management=False,
        fewer_exercises=False,
        physiotherapist_led=True,
        pain_education=False,
        graded_exposure=False,
    ),
    CarePathway.HIGH: PathwayPlan(
        CarePathway.HIGH,
        "High-risk pathway (STarT Back): psychologically informed physiotherapy. Explain "
        "pain, address fear of movement and unhelpful beliefs, and build up the movements "
        f"the client fears step by step, alongside exercise ({HILL}).",
        self_management=False,
        fewer_exercises=False,
        physiotherapist_led=True,
        pain_education=True,
        graded_exposure=True,
    ),
}

_BY_RISK = {
    StartBackRisk.LOW: CarePathway.LOW,
    StartBackRisk.MEDIUM: CarePathway.MEDIUM,
    StartBackRisk.HIGH: CarePathway.HIGH,
}


def pathway_for(risk: StartBackRisk) -> CarePathway:
    return _BY_RISK[risk]


def care_pathway(start_back: StartBackScore | None) -> CarePathway | None:
    """The pathway for the risk group (None when STarT Back was not done)."""
    return pathway_for(start_back.risk) if start_back is not None else None
