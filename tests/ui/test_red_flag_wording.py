"""The red-flag screen says what each level asks in planner's one wording, grouped by level."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from exercise_library.vocabulary import RedFlag
from planner.assessment.draft import AssessmentDraft
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.records import Client, ClientDetails
from planner.services import Services
from ui.assessment_inputs import CheckSet
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _screen(win: MainWindow) -> list[tuple[str, list[RedFlag]]]:
    """The red-flag section as it reads from top to bottom: each caption and the flags
    listed under it."""
    form = win.assessment_tab.form
    section = next(s for s in form.sections if s.key == "red_flags")
    out: list[tuple[str, list[RedFlag]]] = []
    for i in range(section.layout.count()):
        w = section.layout.itemAt(i).widget()
        if isinstance(w, QLabel) and not isinstance(w, CheckSet):
            out.append((w.text(), []))
        elif isinstance(w, CheckSet):
            out[-1][1].extend(w.boxes)
    return out


def test_flags_sit_under_what_their_level_asks_in_planners_words(
    main_window: MainWindow, ana: Client
) -> None:
    main_window.select_client(ana.id)
    screen = _screen(main_window)
    captions = [text for text, flags in screen if flags]
    assert captions == [
        LEVEL_WORDS[Referral.URGENT].headline,
        LEVEL_WORDS[Referral.SAME_DAY].headline,
        LEVEL_WORDS[Referral.PROMPT].headline,
    ]
    under = {flag: text for text, flags in screen for flag in flags}
    assert under[RedFlag.CAUDA_EQUINA_SIGNS] == (
        "Urgent: go to the emergency department now, do not wait."
    )
    # Suspected infection is a same-day review, not a referral to the GP before treating.
    assert under[RedFlag.FEVER_OR_SYSTEMIC_ILLNESS].startswith("Same-day medical review")
    assert under[RedFlag.HISTORY_OF_CANCER] == "Refer to the GP before treating."
    assert not any("same-day medical referral" in text for text, _ in screen)
    hint = main_window.assessment_tab.form.flags.boxes[RedFlag.CAUDA_EQUINA_SIGNS].text()
    assert "bladder, bowel or sexual function" in hint


def test_a_same_day_flag_reads_see_a_doctor_today_on_every_tab(
    main_window: MainWindow, ana: Client
) -> None:
    main_window.select_client(ana.id)
    tab = main_window.assessment_tab
    tab.form.flags.boxes[RedFlag.FEVER_OR_SYSTEMIC_ILLNESS].setChecked(True)
    tab.flush()
    strip = main_window.red_flags.text()
    assert strip.startswith("SEE A DOCTOR TODAY: Same-day medical review needed (fever")
    assert tab.banner.title.text() == LEVEL_WORDS[Referral.SAME_DAY].banner


def test_a_drafts_red_flag_comes_back_even_if_the_screen_was_worded_otherwise(
    qtbot: QtBot, main_window: MainWindow, services: Services
) -> None:
    """A draft kept by an earlier version named its tick boxes differently; its flag stands."""
    kai = services.clients.create(ClientDetails(name="Kai Brennan", sex="unspecified"))
    old_name = "Urgent red flag: Cauda equina signs: saddle numbness, new bladder or bowel trouble"
    draft = AssessmentDraft.model_validate({"draft": True, "red_flags": ["cauda_equina_signs"]})
    services.assessments.save_draft(kai.id, None, draft, {old_name: True})
    main_window.refresh_clients()
    main_window.select_client(kai.id)
    tab = main_window.assessment_tab
    main_window.tabs.setCurrentWidget(tab)
    assert tab.form.flags.boxes[RedFlag.CAUDA_EQUINA_SIGNS].isChecked()
    assert tab.banner.isVisible() and tab.banner.title.text().startswith("STOP")
    tab.form.pain_area.setText("low back")
    tab.flush()
    found = services.assessments.draft(kai.id)
    assert found is not None and found.draft.flags == [RedFlag.CAUDA_EQUINA_SIGNS]
