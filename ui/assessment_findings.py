"""What the assessment shows as it is typed: planner's findings, and the red-flag banner.

Nothing here judges anything. The referral level, each flag's message, the score bands and the
imbalances with their evidence all come from :func:`planner.assessment.analysis.analyse`; the
banner shows planner's :func:`~planner.assessment.recommend.blocked_reason`, the same rule and
sentence that stop recommendations and printing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from planner.assessment.analysis import Findings
from planner.assessment.model import AssessmentFile
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.assessment.view import (
    NERVE_REASON,
    NO_FINDINGS,
    NO_SCORES,
    care_pathway_line,
    finding_lines,
    nerve_lines,
    referral_headline,
    score_lines,
)

URGENT_RED = "#a00018"
PROMPT_RED = "#c62828"


def fmt_number(value: float, places: int = 1) -> str:
    """Whole numbers without a point, others to one decimal (22.5, not 22 or 23)."""
    rounded = round(value, places)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.{places}f}"


def findings_html(
    f: Findings, a: AssessmentFile, invalid: bool = False, left_out: list[str] | None = None
) -> str:
    parts: list[str] = []
    if invalid:
        skipped = (
            " The findings below ignore these sections until they are fixed: "
            + escape(", ".join(left_out))
            + "."
            if left_out
            else ""
        )
        parts.append(
            f"<p style='color:{PROMPT_RED}'><b>Kept as a draft: the fields marked in red are "
            f"not finished.</b>{skipped}</p>"
        )
    colour = {
        Referral.NONE: "#1b5e20",
        Referral.PROMPT: PROMPT_RED,
        Referral.SAME_DAY: URGENT_RED,
        Referral.URGENT: URGENT_RED,
    }
    referral = referral_headline(f, a)
    parts.append("<h3>Referral</h3>")
    parts.append(f"<p style='color:{colour[f.referral]}'><b>{escape(referral)}</b></p>")
    if f.red_flags:
        parts.append("<h3>Red flags</h3><ul>")
        for flag in f.red_flags:
            # The message ends with what the flag's level asks, in planner's words.
            parts.append(f"<li><b>{escape(flag.code.label)}</b>: {escape(flag.message)}</li>")
        parts.append("</ul>")
    for note in f.notes:
        parts.append(f"<p><i>{escape(note)}</i></p>")
    parts.extend(_nerve_html(nerve_lines(f)))

    parts.append("<h3>Scores</h3>")
    lines = score_lines(f.scores)
    if lines:
        parts.append("<table cellspacing='0' cellpadding='2'>")
        for line in lines:
            parts.append(
                f"<tr><td><b>{escape(line.name)}</b>&nbsp;&nbsp;</td>"
                f"<td>{escape(line.text)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append(f"<p>{escape(NO_SCORES)}</p>")
    pathway = care_pathway_line(f)
    if pathway:
        parts.append(f"<p><b>{escape(pathway)}</b></p>")

    parts.append("<h3>Imbalances</h3>")
    findings = finding_lines(f)
    for finding in findings:
        parts.append(f"<p><b>{escape(finding.title)}</b></p><ul>")
        parts.extend(f"<li>{escape(line)}</li>" for line in finding.evidence)
        parts.append("</ul>")
    if not findings:
        parts.append(f"<p>{escape(NO_FINDINGS)}</p>")
    return "".join(parts)


def _nerve_html(lines: list[str]) -> list[str]:
    """Planner's lines on the conditions the assessment shows and the directional
    preference; a line planner indents ("  - why") is a reason for the line above it."""
    if not lines:
        return []
    parts = ["<h3>Nerve and movement</h3>"]
    reasons: list[str] = []

    def close() -> None:
        if reasons:
            parts.append("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ul>")
            reasons.clear()

    for line in lines:
        if line.startswith(NERVE_REASON):
            reasons.append(line.removeprefix(NERVE_REASON))
        else:
            close()
            parts.append(f"<p>{escape(line)}</p>")
    close()
    return parts


class FindingsPanel(QTextBrowser):
    """Read-only findings beside the form, refreshed on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self.setOpenLinks(False)
        self.setMinimumWidth(280)
        self.show_nothing()

    def show_nothing(
        self, text: str = "Findings appear here as you fill in the assessment."
    ) -> None:
        self.setHtml(f"<p>{escape(text)}</p>")

    def show_findings(
        self,
        f: Findings,
        a: AssessmentFile,
        invalid: bool = False,
        left_out: list[str] | None = None,
    ) -> None:
        self.setHtml(findings_html(f, a, invalid, left_out))


class RedFlagBanner(QFrame):
    """Big, red, at the top: an urgent flag, or a referral flag without a doctor's clearance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("red_flag_banner")
        self.setAccessibleName("Red flag warning")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("color: white; font-size: 22px; font-weight: 700")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setStyleSheet("color: white; font-size: 15px")
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.level = Referral.NONE
        self.hide()

    def show_for(self, reason: str | None, referral: Referral) -> None:
        """``reason`` is planner's sentence for why no programme may be offered (None: none)."""
        if reason is None:
            self.level = Referral.NONE
            self.hide()
            return
        self.level = referral
        title = LEVEL_WORDS[referral].banner
        colour = PROMPT_RED if referral is Referral.PROMPT else URGENT_RED
        self.title.setText(title)
        self.body.setText(reason)
        self.setAccessibleDescription(f"{title} {reason}")
        self.setStyleSheet(
            f"QFrame#red_flag_banner {{ background: {colour}; border-radius: 6px; }}"
        )
        self.show()

    def text(self) -> str:
        return f"{self.title.text()}\n{self.body.text()}" if not self.isHidden() else ""
