"""The client's red-flag state, on every tab: one strip under the client's name.

A client whose red flags stop exercise must look stopped wherever the therapist is: on the
Programme, Schedule and Documents tabs as much as on the Assessment tab. The strip shows
planner's words (the same sentence that refuses a programme or a print), counts the red flags
of an unfinished draft at once, and says when the screen was done and found nothing, or that it
has not been done. Its height never changes, so nothing below it moves when a flag is ticked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.errors import PlannerError
from planner.policy import ClinicPolicy
from planner.safety import client_block
from planner.safety.block import screen_words
from planner.services import Services

STOP_RED = "#a00018"
CLEAR_GREEN = "#1b5e20"
UNKNOWN_AMBER = "#8a5a00"


class RedFlagStrip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("red_flag_strip")
        self.setAccessibleName("Red-flag state")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        lines = 2
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.blocked = False
        self.level = Referral.NONE

    def show_for(self, services: Services, policy: ClinicPolicy, client_id: int | None) -> None:
        if client_id is None:
            self.setText("")
            self.setStyleSheet("")
            self.blocked = False
            return
        try:
            context = services.assessments.context(client_id)
            latest = services.assessments.latest(client_id)
        except (PlannerError, ValueError) as exc:
            self._paint(f"Red-flag state unknown: {exc}", UNKNOWN_AMBER, False)
            return
        block = client_block(context, policy) if context is not None else None
        self.blocked = block is not None
        self.level = block.referral if block is not None else Referral.NONE
        if block is not None:
            self._paint(f"{LEVEL_WORDS[block.referral].title}: {block.reason}", STOP_RED, True)
            return
        screen = latest.red_flag_screen if latest is not None else None
        screened = screen.screened_on if screen is not None and screen.none_present else None
        flagged = bool(context is not None and context.red_flags)
        if flagged:
            self._paint("Red flags recorded; a doctor has cleared the client.", CLEAR_GREEN, False)
        elif screened is not None:
            self._paint(screen_words(screened), CLEAR_GREEN, False)
        else:
            self._paint(screen_words(None), UNKNOWN_AMBER, False)

    def _paint(self, text: str, colour: str, strong: bool) -> None:
        self.setText(text)
        self.setToolTip(text)
        if strong:
            style = f"background: {colour}; color: white; font-weight: 700; padding: 4px 8px"
        else:
            style = f"color: {colour}; font-weight: 600; padding: 4px 8px"
        self.setStyleSheet(f"QLabel#red_flag_strip {{ {style}; border-radius: 4px }}")
