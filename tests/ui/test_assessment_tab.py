"""The assessment tab as a therapist uses it: typed from the keyboard, on a real database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from exercise_library.vocabulary import RedFlag
from exercise_library.vocabulary import TestCode as Code
from planner.assessment.io import load_assessment
from planner.assessment.model import Tests as ObjectiveTests
from planner.demo import create_demo
from planner.operations import Changes
from planner.records import Client, ClientDetails
from planner.services import Services
from tests.ui.builders import make_context
from ui.assessment_form import SIDED_TESTS, SINGLE_TESTS
from ui.assessment_tab import NEW_ITEM, AssessmentTab
from ui.context import AppContext
from ui.history_tab import HistoryTab
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
WAIT_MS = 3000


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext, ana: Client) -> AssessmentTab:
    widget = AssessmentTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    widget.set_client(ana)
    return widget


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def wait_saved(qtbot: QtBot, tab: AssessmentTab) -> None:
    qtbot.waitUntil(lambda: tab.state_label.text().startswith("Saved"), timeout=WAIT_MS)


def flag_box(tab: AssessmentTab, flag: RedFlag) -> QCheckBox:
    boxes = tab.form.flags.boxes
    return boxes[flag]


def test_a_left_weak_glute_med_and_tight_hamstrings_appear_with_their_evidence(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client
) -> None:
    form = tab.form
    left, right = form.sided[Code.TRENDELENBURG]
    type_into(qtbot, left, "P")  # positive standing on the left leg
    type_into(qtbot, right, "N")
    type_into(qtbot, form.sided[Code.SINGLE_LEG_SQUAT][0], "1")
    type_into(qtbot, form.sided[Code.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG][0], "32")
    type_into(qtbot, form.sided[Code.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG][1], "30")
    wait_saved(qtbot, tab)

    shown = tab.findings.toPlainText()
    assert "Weak gluteus medius, left" in shown
    assert "Trendelenburg test is positive standing on the left leg" in shown
    assert "Left single-leg squat scores 1 of 3" in shown
    assert "Tight hamstrings, both" in shown
    assert "Left active knee extension lacks 32 deg" in shown
    assert "Right active knee extension lacks 30 deg" in shown
    assert not tab.banner.isVisible(), "no red flag, no banner"
    assert len(services.assessments.for_client(ana.id)) == 1


def test_ticking_an_urgent_red_flag_puts_a_banner_at_the_top(
    qtbot: QtBot, tab: AssessmentTab
) -> None:
    qtbot.mouseClick(flag_box(tab, RedFlag.CAUDA_EQUINA_SIGNS), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.banner.isVisible, timeout=WAIT_MS)
    assert "urgent" in tab.banner.text().lower()
    assert "go to the emergency department now, do not wait" in tab.banner.text().lower()
    assert tab.banner.geometry().top() < tab.pages.geometry().top(), "above the form"
    shown = tab.findings.toPlainText()
    assert "Urgent: go to the emergency department now, do not wait." in shown
    assert "sexual function" in shown, "planner's message for the flag"

    qtbot.mouseClick(flag_box(tab, RedFlag.CAUDA_EQUINA_SIGNS), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.banner.isVisible(), timeout=WAIT_MS)


def test_a_prompt_flag_shows_the_banner_until_a_doctor_clears_the_client(
    qtbot: QtBot, tab: AssessmentTab
) -> None:
    qtbot.mouseClick(flag_box(tab, RedFlag.HISTORY_OF_CANCER), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.banner.isVisible, timeout=WAIT_MS)
    assert "GP" in tab.banner.text()
    qtbot.mouseClick(tab.form.clearance, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.banner.isVisible(), timeout=WAIT_MS)
    assert "medical clearance recorded" in tab.findings.toPlainText()


def test_the_banner_does_not_wait_for_other_fields_to_be_fixed(
    qtbot: QtBot, tab: AssessmentTab
) -> None:
    type_into(qtbot, tab.form.pain_now, "12")
    qtbot.mouseClick(flag_box(tab, RedFlag.BILATERAL_LEG_SYMPTOMS), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.banner.isVisible, timeout=WAIT_MS)
    assert "Kept as a draft" in tab.state_label.text()


def test_pain_of_11_is_refused_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client
) -> None:
    pain_errors = tab.form.findChild(QWidget, "errors_pain")
    type_into(qtbot, tab.form.pain_now, "11")
    qtbot.waitUntil(pain_errors.isVisible, timeout=WAIT_MS)
    assert pain_errors.text() == "Pain now: should be 10 or less (got 11)"
    assert tab.state_label.text().startswith("Kept as a draft: Pain now")
    assert tab.form.pain_now.property("invalid") == "true"
    assert services.assessments.for_client(ana.id) == []

    qtbot.keyClick(tab.form.pain_now, Qt.Key.Key_Backspace)  # now "1"
    wait_saved(qtbot, tab)
    assert not pain_errors.isVisible()
    [record] = services.assessments.for_client(ana.id)
    assert record.data["pain"]["now"] == 1


def test_text_in_a_number_field_and_best_above_worst_are_named(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client
) -> None:
    type_into(qtbot, tab.form.weekly_km, "forty")
    type_into(qtbot, tab.form.pain_best, "6")
    type_into(qtbot, tab.form.pain_worst, "4")
    running = tab.form.findChild(QWidget, "errors_running")
    pain = tab.form.findChild(QWidget, "errors_pain")
    qtbot.waitUntil(running.isVisible, timeout=WAIT_MS)
    assert running.text() == "Distance in the last 7 days (km): 'forty' is not a number"
    assert pain.text() == "Pain: best pain (6) cannot be higher than worst (4)"
    assert services.assessments.for_client(ana.id) == []


def fill_a_whole_session(qtbot: QtBot, tab: AssessmentTab) -> None:
    f = tab.form
    type_into(qtbot, f.height, "168")
    type_into(qtbot, f.weight, "61.5")
    qtbot.mouseClick(f.equipment.boxes["mat"], Qt.MouseButton.LeftButton)  # type: ignore[index]
    qtbot.mouseClick(f.equipment.boxes["resistance_band"], Qt.MouseButton.LeftButton)  # type: ignore[index]
    type_into(qtbot, f.experience, "I")
    type_into(qtbot, f.pain_now, "3")
    type_into(qtbot, f.pain_best, "1")
    type_into(qtbot, f.pain_worst, "6")
    type_into(qtbot, f.pain_area, "left outer hip, low back")
    type_into(qtbot, f.aggravating, "running downhill, stairs")
    type_into(qtbot, f.weekly_km, "42")
    type_into(qtbot, f.weekly_km_4_weeks_ago, "30")
    type_into(qtbot, f.shoe_km, "850")
    type_into(qtbot, f.warm_up, "N")
    for box, answer in zip(f.odi, "1101011020", strict=True):
        type_into(qtbot, box, answer)
    for combo, answer in zip(f.start_back, "AADDAADA", strict=True):
        type_into(qtbot, combo, answer)
    type_into(qtbot, f.bother, "V")
    type_into(qtbot, f.psfs[0][0], "running 10 km")
    type_into(qtbot, f.psfs[0][1], "4")
    type_into(qtbot, f.psfs[1][0], "climbing stairs")
    type_into(qtbot, f.psfs[1][1], "7.5")
    qtbot.mouseClick(f.rm_done, Qt.MouseButton.LeftButton)
    for n in (0, 4, 20):
        qtbot.mouseClick(f.roland_morris[n], Qt.MouseButton.LeftButton)
    type_into(qtbot, f.sided[Code.HIP_ABDUCTION_STRENGTH][0], "18")
    type_into(qtbot, f.sided[Code.HIP_ABDUCTION_STRENGTH][1], "24")
    type_into(qtbot, f.single[Code.ABERRANT_MOVEMENT], "Y")
    type_into(qtbot, f.notes, "Half-marathon in 10 weeks.")


def test_a_whole_session_is_saved_as_typed_and_reloads_identical(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client, tmp_path: Path
) -> None:
    fill_a_whole_session(qtbot, tab)
    wait_saved(qtbot, tab)
    [record] = services.assessments.for_client(ana.id)
    stored, _ = services.assessments.load(record.id)
    assert stored == tab.current
    assert stored.client.equipment == ["mat", "resistance_band"]
    assert stored.pain is not None and stored.pain.aggravating == ["running downhill", "stairs"]
    assert stored.questionnaires.start_back is not None
    assert stored.questionnaires.start_back.answers == [1, 1, 0, 0, 1, 1, 0, 1]
    assert stored.questionnaires.roland_morris is not None
    assert sum(stored.questionnaires.roland_morris) == 3
    assert stored.tests.aberrant_movement is True
    shown = tab.findings.toPlainText()
    assert "STarT Back" in shown and "high risk" in shown
    assert "Roland-Morris" in shown and "3 of 24" in shown
    assert "Patient-Specific Functional Scale" in shown and "mean 5.8 of 10" in shown

    # Another workstation opens the same client: the form shows exactly what was saved.
    again = AssessmentTab(make_context(services, tmp_path / "other"))
    qtbot.addWidget(again)
    again.set_client(ana)
    assert again.record is not None and again.record.id == record.id
    assert again.form.validate().assessment == stored
    assert again.form.weight.text() == "61.5"
    assert again.form.psfs[1][1].text() == "7.5"


def use_units(services: Services, distance: str, weight: str) -> None:
    settings, version = services.settings.get()
    update = {"distance_unit": distance, "weight_unit": weight}
    services.settings.save(settings.model_copy(update=update), version)


def test_a_mile_clinic_types_miles_and_the_record_keeps_km(
    qtbot: QtBot, services: Services, ana: Client, tmp_path: Path
) -> None:
    use_units(services, "mi", "lb")
    tab = AssessmentTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_client(ana)
    f = tab.form
    assert f.weekly_km.caption_label is not None
    assert f.weekly_km.caption_label.text() == "Last 7 days (miles)"
    assert f.weekly_km.accessibleName() == "Distance in the last 7 days (miles)"
    assert f.longest_run.caption_label.text() == "Longest run, last 7 days (miles)"  # type: ignore[union-attr]
    assert f.weight.caption_label.text() == "Weight (lb)"  # type: ignore[union-attr]

    type_into(qtbot, f.weekly_km, "20")
    type_into(qtbot, f.weight, "150")
    wait_saved(qtbot, tab)
    [record] = services.assessments.for_client(ana.id)
    assert record.data["running"]["weekly_km"] == 32.19  # 20 x 1.609344 = 32.18688 km
    assert record.data["client"]["weight_kg"] == 68.04  # 150 x 0.45359237 = 68.0389 kg

    # Opened again (another workstation), the same numbers are shown, and reading the form
    # back gives exactly what was stored: nothing drifts by rounding.
    again = AssessmentTab(make_context(services, tmp_path / "other"))
    qtbot.addWidget(again)
    again.set_client(ana)
    assert again.form.weekly_km.text() == "20"
    assert again.form.weight.text() == "150"
    stored, _ = services.assessments.load(record.id)
    assert again.form.validate().assessment == stored


def test_a_distance_over_the_limit_is_refused_in_the_clinics_unit(
    qtbot: QtBot, services: Services, ana: Client, tmp_path: Path
) -> None:
    use_units(services, "mi", "kg")
    tab = AssessmentTab(make_context(services, tmp_path))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_client(ana)
    running = tab.form.findChild(QWidget, "errors_running")
    type_into(qtbot, tab.form.weekly_km, "700")  # 1126.5 km, over the model's 1000 km
    qtbot.waitUntil(running.isVisible, timeout=WAIT_MS)
    assert running.text() == (
        "Distance in the last 7 days (miles): should be 621.4 or less (got 700)"
    )
    assert services.assessments.for_client(ana.id) == []


def test_changing_the_clinics_unit_relabels_the_form_and_keeps_the_values(
    qtbot: QtBot, tab: AssessmentTab, ctx: AppContext, services: Services, ana: Client
) -> None:
    type_into(qtbot, tab.form.weekly_km, "35")
    wait_saved(qtbot, tab)
    [before] = services.assessments.for_client(ana.id)

    use_units(services, "mi", "kg")
    ctx.announce(Changes(settings=True))
    assert tab.form.weekly_km.caption_label.text() == "Last 7 days (miles)"  # type: ignore[union-attr]
    assert tab.form.weekly_km.text() == "21.75"
    [after] = services.assessments.for_client(ana.id)
    assert after.version == before.version, "showing another unit is not an edit"
    assert tab.form.validate().assessment == tab.current

    use_units(services, "km", "kg")
    ctx.announce(Changes(settings=True))
    assert tab.form.weekly_km.text() == "35"
    assert tab.form.weekly_km.caption_label.text() == "Last 7 days (km)"  # type: ignore[union-attr]


def test_every_change_saves_the_same_record_with_a_new_version(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client, ctx: AppContext
) -> None:
    saved: list[int | None] = []
    statuses: list[str] = []
    ctx.events.changed.connect(lambda c: saved.append(c.client_id) if c.assessment else None)
    ctx.events.status.connect(statuses.append)
    type_into(qtbot, tab.form.pain_now, "4")
    wait_saved(qtbot, tab)
    type_into(qtbot, tab.form.pain_area, "low back")
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=WAIT_MS)
    [record] = services.assessments.for_client(ana.id)
    assert saved == [ana.id, ana.id]
    assert record.version == 2
    assert statuses[-1] == "Saved"


def test_a_client_record_without_birth_date_or_sex_is_asked_for_them(
    qtbot: QtBot, ctx: AppContext, services: Services
) -> None:
    """Issue 15 point 5: name, sex and birth date live in the client record only."""
    client = services.clients.create(ClientDetails(name="Kai Brennan", sex="unspecified"))
    tab = AssessmentTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_client(client)
    assert "no birth date or sex" in tab.state_label.text()
    assert tab.focusWidget() is tab.form.edit_client_button
    type_into(qtbot, tab.form.pain_now, "5")
    details = tab.form.findChild(QWidget, "errors_details")
    qtbot.waitUntil(details.isVisible, timeout=WAIT_MS)
    assert "Birth date: is not in the client record" in details.text()
    assert "Sex: is not in the client record" in details.text()
    assert services.assessments.for_client(client.id) == []
    qtbot.waitUntil(lambda: services.assessments.draft(client.id) is not None, timeout=WAIT_MS)
    found = services.assessments.draft(client.id)
    assert found is not None and found.draft.pain.now == 5, "kept as a draft"

    # The record is edited (as the Edit client details button does): the draft becomes an
    # assessment that carries the record's facts.
    saved = services.clients.update(
        client.id,
        client.version,
        ClientDetails(name="Kai Brennan", birth_date=date(1990, 5, 1), sex="male"),
    )
    tab.set_client(saved)
    wait_saved(qtbot, tab)
    [record] = services.assessments.for_client(client.id)
    assert record.data["client"]["birth_date"] == "1990-05-01"
    assert record.data["client"]["sex"] == "male"
    assert record.data["pain"]["now"] == 5
    assert services.assessments.draft(client.id) is None


def test_importing_a_file_stores_it_and_history_lists_it(
    qtbot: QtBot,
    tab: AssessmentTab,
    ctx: AppContext,
    services: Services,
    ana: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    history = HistoryTab(ctx)
    qtbot.addWidget(history)
    history.set_client(ana)
    history.show()  # a hidden history refreshes when it is next shown
    fixture = FIXTURES / "runner_left_glute_med.json"
    monkeypatch.setattr(tab, "choose_import_path", lambda: str(fixture))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)

    [record] = services.assessments.for_client(ana.id)
    assert services.assessments.load(record.id)[0] == load_assessment(fixture)
    assert tab.record is not None and tab.record.id == record.id
    assert tab.form.pain_area.text() == "left outer hip and low back"
    assert tab.picker.currentText() == "10 Apr 2024"
    assert "Weak gluteus medius, left" in tab.findings.toPlainText()

    model = history.assessments
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells[:5] == ["10 Apr 2024", "14%", "3 / 6", "None", "4"]


def test_a_broken_file_is_refused_naming_the_file_field_and_value(
    qtbot: QtBot,
    tab: AssessmentTab,
    services: Services,
    ana: Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = json.loads((FIXTURES / "runner_left_glute_med.json").read_text(encoding="utf-8"))
    data["pain"]["now"] = 11
    broken = tmp_path / "ana-april.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(tab, "choose_import_path", lambda: str(broken))
    monkeypatch.setattr(tab, "tell", lambda title, text: told.append(text))
    tab.import_button.click()
    assert len(told) == 1
    assert "ana-april.json" in told[0] and "pain.now" in told[0] and "11" in told[0]
    assert services.assessments.for_client(ana.id) == []


def test_a_file_of_another_client_needs_confirmation(
    tab: AssessmentTab, services: Services, ana: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(tab, "choose_import_path", lambda: str(FIXTURES / "red_flag_urgent.json"))
    monkeypatch.setattr(tab, "confirm", lambda t, q: questions.append(q) or False)
    tab.import_button.click()
    assert "Mark Doyle" in questions[0] and "Ana Ribeiro" in questions[0]
    assert services.assessments.for_client(ana.id) == []


def test_export_writes_a_file_that_reads_back_the_same(
    qtbot: QtBot, tab: AssessmentTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_a_whole_session(qtbot, tab)
    wait_saved(qtbot, tab)
    target = tmp_path / "out.json"
    suggested: list[str] = []
    monkeypatch.setattr(tab, "choose_export_path", lambda s: suggested.append(s) or str(target))
    tab.export_button.click()
    assert suggested == [f"ana-ribeiro-{date.today().isoformat()}.assessment.json"]
    assert load_assessment(target) == tab.current


def test_compare_with_previous_shows_each_change_against_its_threshold(
    qtbot: QtBot,
    tab: AssessmentTab,
    services: Services,
    ana: Client,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    for name in ("runner_left_glute_med.json", "runner_follow_up.json"):
        monkeypatch.setattr(tab, "choose_import_path", lambda n=name: str(FIXTURES / n))
        tab.import_button.click()
    assert tab.picker.currentText() == "22 May 2024"
    assert tab.compare_button.isEnabled()
    dialog = tab.compare_with_previous()
    assert dialog is not None
    qtmodeltester.check(dialog.model)
    rows = {
        dialog.model.data(dialog.model.index(r, 0)): [
            dialog.model.data(dialog.model.index(r, c)) for c in range(1, 6)
        ]
        for r in range(dialog.model.rowCount())
    }
    assert rows["Pain now (0-10)"] == ["3", "1", "-2", "better", "Important improvement"]
    odi = rows["Oswestry Disability Index (%)"]
    assert odi[:2] == ["14", "4"] and odi[3:] == ["better", "Important improvement"]
    assert rows["Patient-Specific Functional Scale (mean)"][3:] == [
        "better",
        "Important improvement",
    ]
    dialog.close()

    # The older one has nothing before it.
    tab.picker.setCurrentIndex(tab.picker.findText("10 Apr 2024"))
    tab.picker.activated.emit(tab.picker.currentIndex())
    assert not tab.compare_button.isEnabled()


def test_a_save_that_lost_a_race_offers_reload_and_never_overwrites(
    qtbot: QtBot,
    tab: AssessmentTab,
    services: Services,
    ana: Client,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    type_into(qtbot, tab.form.pain_now, "4")
    wait_saved(qtbot, tab)
    assert tab.record is not None
    theirs = tab.current.model_copy(update={"notes": "Seen by Sam at the front desk."})  # type: ignore[union-attr]
    services.assessments.save_existing(tab.record.id, tab.record.version, theirs)

    asked: list[str] = []
    monkeypatch.setattr(tab, "ask_reload", lambda message: asked.append(message) or True)
    type_into(qtbot, tab.form.pain_area, "low back")
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert "changed on another workstation" in asked[0]
    assert "notes" in asked[0], "says what changed"
    stored, _ = services.assessments.load(tab.record.id)
    assert stored.notes == "Seen by Sam at the front desk." and stored.pain is not None
    assert stored.pain.area is None, "our edit did not overwrite theirs"
    assert tab.form.notes.toPlainText() == "Seen by Sam at the front desk.", "reloaded"


def test_new_assessment_keeps_the_client_details_and_starts_blank(
    qtbot: QtBot, tab: AssessmentTab, services: Services, ana: Client
) -> None:
    qtbot.mouseClick(tab.form.conditions.boxes["disc_herniation"], Qt.MouseButton.LeftButton)  # type: ignore[index]
    type_into(qtbot, tab.form.pain_now, "6")
    wait_saved(qtbot, tab)
    tab.new_assessment()
    assert tab.record is None and tab.picker.currentText() == NEW_ITEM
    assert tab.form.pain_now.text() == ""
    assert tab.form.conditions.value() == ["disc_herniation"]
    assert len(services.assessments.for_client(ana.id)) == 1, "nothing saved until typed"
    type_into(qtbot, tab.form.pain_now, "2")
    wait_saved(qtbot, tab)
    assert len(services.assessments.for_client(ana.id)) == 2


def test_ctrl_shift_a_in_the_main_window_starts_a_new_assessment(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    create_demo(services)
    win = MainWindow(make_context(services, tmp_path))
    qtbot.addWidget(win)
    win.show()
    client = win.model.client_at(0)
    win.select_client(client.id)
    win.tabs.setCurrentIndex(0)
    win.new_assessment_action.trigger()  # Ctrl+Shift+A
    assert win.tabs.currentWidget() is win.assessment_tab
    assert win.assessment_tab.picker.currentText() == NEW_ITEM
    assert win.assessment_tab.form.client_facts.text().startswith(client.name)
    assert win.focusWidget() is win.assessment_tab.form.pain_now, "the session starts at pain"


def test_tab_moves_through_the_form_in_reading_order(qtbot: QtBot, tab: AssessmentTab) -> None:
    f = tab.form

    def tab_from(start: QWidget, count: int) -> list[QWidget]:
        start.setFocus()
        seen = []
        for _ in range(count):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget())
        return seen

    assert tab_from(f.pain_now, 3) == [f.pain_best, f.pain_worst, f.pain_area]
    ake_left, ake_right = f.sided[Code.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG]
    slr_left, _ = f.sided[Code.STRAIGHT_LEG_RAISE_DEG]
    assert tab_from(ake_left, 2) == [ake_right, slr_left]
    assert tab_from(f.odi[0], 2) == [f.odi[1], f.odi[2]]


def test_every_test_code_and_field_has_a_labelled_control(tab: AssessmentTab) -> None:
    on_form = [t.code for t in SIDED_TESTS + SINGLE_TESTS]
    assert sorted(on_form) == sorted(Code)
    assert {c.value for c in on_form} == set(ObjectiveTests.model_fields)
    for w in tab.form.inputs():
        if isinstance(w, QLineEdit | QComboBox | QCheckBox):
            assert w.accessibleName(), f"{type(w).__name__} without an accessible name"
    assert set(RedFlag) == set(tab.form.flags.boxes)


def test_alt_and_a_section_letter_jumps_to_that_section(qtbot: QtBot, tab: AssessmentTab) -> None:
    tab.activateWindow()
    for key, first in (
        (Qt.Key.Key_P, tab.form.pain_now),
        (Qt.Key.Key_Q, tab.form.odi[0]),
        (Qt.Key.Key_D, tab.form.edit_client_button),
    ):
        qtbot.keyClick(tab.form, key, Qt.KeyboardModifier.AltModifier)
        assert tab.focusWidget() is first


def test_a_stored_assessment_that_cannot_be_read_is_reported_not_shown(
    qtbot: QtBot, ctx: AppContext, services: Services, ana: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.assessments.create(ana.id, date(2024, 4, 1), {"format": "something else"})
    tab = AssessmentTab(ctx)
    qtbot.addWidget(tab)
    told: list[str] = []
    monkeypatch.setattr(tab, "tell", lambda title, text: told.append(text))
    tab.set_client(ana)
    assert told and "Assessment 1" in told[0]
    assert tab.record is None and tab.picker.currentText() == NEW_ITEM
    assert tab.form.client_facts.text().startswith("Ana Ribeiro")
