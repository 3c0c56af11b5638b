"""The answer to "what is wrong and is it safe": red flags, scores and imbalances together.

:func:`analyse` is pure: the same assessment and clinic policy always give the same findings, so
the command line, the desktop app and the PDF summary all show one answer. Given the client's
previous assessment too, it also sees neurology that has got worse since (an urgent flag).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exercise_library.vocabulary import Condition, Imbalance
from planner.assessment.imbalances import ImbalanceFinding, find_imbalances
from planner.assessment.inferred import inferred_conditions
from planner.assessment.model import AssessmentFile, DirectionalPreference
from planner.assessment.pathway import CarePathway, care_pathway
from planner.assessment.red_flags import RedFlagFinding, referral_level, screen, screening_notes
from planner.assessment.rules.legs import slr_notes
from planner.assessment.rules.trunk import extensor_risk_note
from planner.assessment.scores import Scores, compute_scores
from planner.assessment.thresholds import Referral
from planner.policy import ClinicPolicy


@dataclass(frozen=True)
class Findings:
    referral: Referral
    red_flags: list[RedFlagFinding]
    scores: Scores
    imbalances: list[ImbalanceFinding]
    notes: list[str] = field(default_factory=list)
    # STarT Back's risk group as a care pathway (None: STarT Back not done).
    care_pathway: CarePathway | None = None
    # Conditions the assessment shows though they are not listed (a radicular presentation,
    # pelvic girdle pain in pregnancy), each with why; the safety verdict counts them.
    inferred_conditions: dict[Condition, list[str]] = field(default_factory=dict)
    # The direction of repeated movement that eases or centralises the symptoms, if recorded.
    directional_preference: DirectionalPreference | None = None
    centralises: bool | None = None

    def imbalance(self, code: Imbalance | str) -> ImbalanceFinding | None:
        return next((i for i in self.imbalances if i.code == code), None)


def analyse(
    a: AssessmentFile, policy: ClinicPolicy, previous: AssessmentFile | None = None
) -> Findings:
    """The findings of ``a``; ``previous`` is the client's assessment before it, if any."""
    flags = screen(a, policy, previous)
    scores = compute_scores(a, policy)
    notes = screening_notes(a, policy) + slr_notes(a, policy.thresholds)
    risk = extensor_risk_note(a, policy.thresholds)
    if risk is not None:
        notes.append(risk)
    preference = a.tests.directional_preference
    return Findings(
        referral=referral_level(flags),
        red_flags=flags,
        scores=scores,
        imbalances=find_imbalances(a, policy),
        notes=notes,
        care_pathway=care_pathway(scores.start_back),
        inferred_conditions=inferred_conditions(a),
        directional_preference=(
            preference if preference is not DirectionalPreference.NONE else None
        ),
        centralises=a.tests.centralises,
    )
