"""The answer to "what is wrong and is it safe": red flags, scores and imbalances together.

:func:`analyse` is pure: the same assessment and clinic policy always give the same findings, so the
command line, the desktop app and the PDF summary all show one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exercise_library.vocabulary import Imbalance
from planner.assessment.imbalances import ImbalanceFinding, find_imbalances
from planner.assessment.model import AssessmentFile
from planner.assessment.red_flags import RedFlagFinding, referral_level, screen, screening_notes
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

    def imbalance(self, code: Imbalance | str) -> ImbalanceFinding | None:
        return next((i for i in self.imbalances if i.code == code), None)


def analyse(a: AssessmentFile, policy: ClinicPolicy) -> Findings:
    flags = screen(a, policy)
    return Findings(
        referral=referral_level(flags),
        red_flags=flags,
        scores=compute_scores(a, policy),
        imbalances=find_imbalances(a, policy),
        notes=screening_notes(a, policy),
    )
