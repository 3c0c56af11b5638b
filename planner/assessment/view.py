"""Findings as words, built once: the window, the PDFs and the command line show these.

Each output lays them out its own way (a table, a panel, lines in a terminal), but the
sentences, the maxima beside each score and the referral headline are written here only, so
the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise_library.vocabulary import Condition
from planner.assessment.analysis import Findings
from planner.assessment.compare import Direction, ScoreChange
from planner.assessment.model import AssessmentFile
from planner.assessment.pathway import PLANS
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.scores import Scores
from planner.assessment.thresholds import Referral
from planner.safety.block import screen_words
from planner.units import plain_number

REFERRAL_HEADLINE: dict[Referral, str] = {level: w.headline for level, w in LEVEL_WORDS.items()}


def referral_headline(f: Findings, a: AssessmentFile) -> str:
    if f.referral is Referral.NONE:
        # Nothing ticked is "none present" only once the screen was done.
        screen = a.red_flag_screen
        return screen_words(screen.screened_on if screen is not None else None)
    text = REFERRAL_HEADLINE[f.referral]
    if f.referral in (Referral.PROMPT, Referral.SAME_DAY):
        text += " " + clearance_words(a)
    return text


def clearance_words(a: AssessmentFile) -> str:
    """Who cleared the client and when, as far as it is recorded."""
    c = a.clearance
    if c is None:
        return "No medical clearance is recorded yet."
    who = f" by {c.by}" if c.by else ""
    when = f" on {c.date:%d %b %Y}" if c.date else ""
    return f"A doctor has cleared the client{who}{when} (medical clearance recorded)."


def _one_decimal(value: float) -> str:
    return plain_number(round(value, 1))


@dataclass(frozen=True)
class ScoreLine:
    """One instrument's result: its name, the score with its maximum, and its band."""

    key: str
    name: str
    score: str
    band: str | None = None

    @property
    def text(self) -> str:
        return f"{self.score}; {self.band}" if self.band else self.score


def score_lines(s: Scores) -> list[ScoreLine]:
    out: list[ScoreLine] = []
    if s.nprs is not None:
        parts = [
            f"{name} {value}/10"
            for name, value in (("now", s.nprs.now), ("best", s.nprs.best), ("worst", s.nprs.worst))
            if value is not None
        ]
        out.append(ScoreLine("nprs", "Pain (NPRS 0-10)", ", ".join(parts)))
    if s.odi is not None:
        out.append(
            ScoreLine(
                "odi",
                "Oswestry Disability Index",
                f"{_one_decimal(s.odi.percent)}% ({s.odi.answered} of 10 sections answered)",
                s.odi.band.label.lower(),
            )
        )
    if s.roland_morris is not None:
        out.append(ScoreLine("roland_morris", "Roland-Morris", f"{s.roland_morris.total} of 24"))
    if s.start_back is not None:
        sb = s.start_back
        out.append(
            ScoreLine(
                "start_back",
                "STarT Back",
                f"{sb.total} of 9 (psychosocial {sb.psychosocial} of 5)",
                f"{sb.risk.value} risk",
            )
        )
    if s.psfs is not None:
        activities = f"{s.psfs.items} activit{'ies' if s.psfs.items != 1 else 'y'}"
        out.append(
            ScoreLine(
                "psfs",
                "Patient-Specific Functional Scale",
                f"mean {_one_decimal(s.psfs.mean)} of 10 ({activities})",
            )
        )
    return out


@dataclass(frozen=True)
class FindingLine:
    title: str
    evidence: tuple[str, ...]


def finding_lines(f: Findings) -> list[FindingLine]:
    """Each imbalance as a heading ("Weak gluteus medius, left") with its evidence."""
    return [
        FindingLine(
            f"{i.code.label}, {i.side.value}" if i.side is not None else i.code.label,
            tuple(i.evidence),
        )
        for i in f.imbalances
    ]


def care_pathway_line(f: Findings) -> str | None:
    """The STarT Back care pathway and what it asks for (None: STarT Back not done)."""
    return f"Care pathway: {PLANS[f.care_pathway].summary}" if f.care_pathway else None


_INFERRED_INTRO = {
    Condition.RADICULAR_PAIN: (
        "Radicular presentation: the safety rules treat it as radicular leg pain (no "
        "sustained hamstring stretch, nerve stretch or loaded or full forward bending while "
        "the nerve is sensitive; nerve sliders instead)."
    ),
    Condition.PELVIC_GIRDLE_PAIN: (
        "Pelvic girdle pain in pregnancy: the safety rules keep the pelvis loaded evenly (no "
        "one-legged or wide-stance work)."
    ),
}


# How a reason under a condition line starts, so each output can set it out its own way.
NERVE_REASON = "  - "


def nerve_lines(f: Findings) -> list[str]:
    """Conditions the assessment shows (with why) and the directional preference, if any."""
    out = []
    for code, why in f.inferred_conditions.items():
        out.append(_INFERRED_INTRO.get(code, f"{code.label}: the safety rules treat it so."))
        out.extend(f"{NERVE_REASON}{e}" for e in why)
    if f.directional_preference:
        eases = "centralises the pain" if f.centralises else "eases the symptoms"
        direction = f.directional_preference.value.replace("_", " ")
        out.append(
            f"Directional preference: {direction} ({eases}); offer exercises in that direction."
        )
    return out


NO_SCORES = "No pain ratings or questionnaires recorded yet."
NO_FINDINGS = "No imbalance found in the tests recorded."


def change_judgement(c: ScoreChange) -> str:
    """How a change between two assessments reads against its minimal important change."""
    if c.direction is Direction.SAME:
        return "No change"
    if c.important is None:
        return "No published minimal important change"
    if c.important:
        return "Important improvement" if c.direction is Direction.BETTER else "Important worsening"
    return "Smaller than the minimal important change"
