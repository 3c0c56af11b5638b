"""The Clinic exercises window as a clinician uses it, on a real database.

The clinic wants its own bridge, with a ball squeezed between the knees: it copies the built-in
bridge, changes one step and finds its version in the Programme tab's library at once. A new
exercise that forgets a safety note is refused in the service's words; an edit that lost a race
with another workstation says so and reloads; files go out and come back unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import Equipment, Target
from planner.services import Services
from planner.store.database import open_database
from tests.ui.builders import fill_new_lying_exercise, save_editor
from ui.clinic_exercises import ClinicExerciseModel, ClinicExercisesDialog
from ui.context import AppContext
from ui.exercise_editor import ExerciseEditor
from ui.exercise_fields import CheckList, CheckListModel
from ui.main_window import MainWindow
from ui.programme_tab import ProgrammeTab

pytestmark = pytest.mark.gui

SQUEEZE = "Breathe out, squeeze the ball between your knees and lift your hips."


def _listed(dialog: ClinicExercisesDialog) -> list[str]:
    return dialog.model.codes()


def _browser_names(tab: ProgrammeTab) -> list[str]:
    model = tab.browser.model
    return [model.exercise_at(r).name for r in range(model.rowCount())]


def test_duplicate_the_bridge_change_a_step_and_find_it_in_the_programme_library(
    qtbot: QtBot, ctx: AppContext, dialog: ClinicExercisesDialog, services: Services
) -> None:
    tab = ProgrammeTab(ctx)  # open before the exercise exists: it must hear of the change
    qtbot.addWidget(tab)
    assert dialog.empty.isVisible() and not dialog.edit_button.isEnabled()

    picker = dialog.duplicate_builtin()
    qtbot.keyClicks(picker.search, "bridge")
    picker.select("bridge")
    assert picker.code.text() == "clinic_bridge", "a code is suggested from the source"
    picker.code.setText("clinic_bridge_ball")
    picker.name.setText("Bridge with ball squeeze")
    with qtbot.waitSignal(ctx.events.changed, raising=True, check_params_cb=lambda c: c.library):
        picker.ok.click()

    editor = dialog.editor
    assert editor is not None and editor.isVisible()
    assert editor.form.code.text() == "clinic_bridge_ball"
    assert editor.form.code.isReadOnly(), "the code is fixed once the exercise exists"
    steps = editor.form.steps.toPlainText().splitlines()
    assert steps == builtin_catalogue()["bridge"].steps
    steps[3] = SQUEEZE
    editor.form.steps.setPlainText("\n".join(steps))
    with qtbot.waitSignal(ctx.events.changed, raising=True, check_params_cb=lambda c: c.library):
        save_editor(editor)
    assert not editor.isVisible() and dialog.editor is None

    saved = services.exercises.catalogue()["clinic_bridge_ball"]
    assert saved.steps[3] == SQUEEZE
    assert saved.figure == builtin_catalogue()["bridge"].figure, "the copy keeps the drawing"
    assert _listed(dialog) == ["clinic_bridge_ball"]
    assert dialog.current_code() == "clinic_bridge_ball"
    assert SQUEEZE in dialog.detail.plain_text()

    qtbot.keyClicks(tab.browser.search, "ball squeeze")
    assert _browser_names(tab)[0] == "Bridge with ball squeeze"
    assert tab.browser.current_exercise() == saved
    assert SQUEEZE in tab.browser.detail.plain_text()


def _fill_new_supine_exercise(editor: ExerciseEditor, qtbot: QtBot) -> None:
    words = {
        "purpose": "Gently wakes up the buttocks after a long day sitting.",
        "steps": "Lie on your back with a rolled towel under your knees.\n"
        "Breathe out and squeeze your buttocks.\n"
        "Lift your hips a hand's width, then lower them slowly.",
        "cues": "Keep your ribs soft.\nPress through your heels.",
        "mistakes": "Arching the low back.",
    }
    fill_new_lying_exercise(
        editor, qtbot, "clinic_pelvic_lift", "Pelvic lift on a towel", words, "glute_max"
    )


def test_a_new_supine_exercise_needs_no_pregnancy_note_the_matrix_rules_it_out(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    """clinical-facts.md, pregnancy: no supine exercise after the first trimester. The rule
    keys on the position, so a clinic exercise cannot forget it."""
    editor = dialog.new_exercise()
    assert not editor.form.code.isReadOnly()
    _fill_new_supine_exercise(editor, qtbot)
    save_editor(editor)
    assert not editor.isVisible()
    assert [ex.code for ex, _ in services.exercises.list()] == ["clinic_pelvic_lift"]
    assert _listed(dialog) == ["clinic_pelvic_lift"]
    assert dialog.detail.figure.isHidden(), "a new exercise has no drawing"
    shown = " ".join(dialog.detail.plain_text().split())
    assert "Not for pregnancy: It is done lying on the back" in shown


def test_an_edited_copy_keeps_the_movement_features_of_its_source(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    """The roll-up stretches the sciatic nerve (clinical-facts.md, Added: radicular
    presentation); a clinic copy edited in the window still says so."""
    services.exercises.duplicate("roll_up", "clinic_roll_up", "Roll-up at the clinic")
    dialog.refresh()
    editor = dialog.edit()
    assert editor is not None
    editor.form.name.clear()
    qtbot.keyClicks(editor.form.name, "Slow roll-up")
    save_editor(editor)
    saved = services.exercises.catalogue()["clinic_roll_up"]
    assert saved.name == "Slow roll-up"
    assert saved.movement_features == services.exercises.catalogue()["roll_up"].movement_features


def test_the_first_problem_is_shown_as_typed_naming_the_field(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    editor = dialog.new_exercise()
    _fill_new_supine_exercise(editor, qtbot)
    editor.form.steps.setPlainText("Lie on your back.\nLift your hips.")
    assert editor.error.text() == "Steps: needs at least 3 lines (has 2)"
    assert editor.form.steps.property("invalid") == "true"

    editor.form.steps.setPlainText("Lie on your back.\nOk\nLift your hips.")
    assert editor.error.text() == "Steps, line 2: needs at least 3 characters"

    editor.form.steps.setPlainText("Lie on your back.\nBreathe out.\nLift your hips.")
    editor.form.reps.setValue(0)  # "–": no reps, no hold, no time
    assert editor.error.text() == (
        "Dose: dosage needs at least one of reps, hold_s or duration_min"
    )
    assert editor.form.steps.property("invalid") == "false"

    editor.form.reps.setValue(8)
    editor.form.unilateral.setChecked(True)
    assert editor.form.per_side.isChecked(), "the dose follows 'one side at a time'"
    editor.form.per_side.setChecked(False)
    assert editor.error.text().startswith("One side at a time: unilateral exercises need")

    editor.form.per_side.setChecked(True)
    editor.form.precautions.add_button.click()
    assert editor.error.text() == "", "a blank row is no note yet"
    qtbot.keyClicks(editor.form.precautions.rows[0][2], "Not after the first 3 months.")
    assert editor.error.text() == "Precautions, row 1, condition: choose one"
    assert editor.form.precautions.rows[0][1].property("invalid") == "true"
    save_editor(editor)
    assert services.exercises.list() == []


def test_an_edit_that_lost_to_another_workstation_shows_the_conflict_and_reloads(
    qtbot: QtBot,
    dialog: ClinicExercisesDialog,
    services: Services,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.exercises.duplicate("bridge", "clinic_bridge_ball", "Bridge with ball")
    dialog.refresh()
    editor = dialog.edit()
    assert editor is not None

    other_db = open_database(db_url)
    try:
        other = Services(other_db)
        theirs, version = other.exercises.get("clinic_bridge_ball")
        other.exercises.update(theirs.model_copy(update={"name": "Bridge, ball squeeze"}), version)
    finally:
        other_db.dispose()

    asked: list[str] = []
    monkeypatch.setattr(editor, "ask_reload", lambda message: asked.append(message) or True)
    editor.form.name.setText("Bridge with a soft ball")
    save_editor(editor)
    assert len(asked) == 1
    assert "changed on another workstation since you opened it" in asked[0]
    assert "Your edit was not saved" in asked[0]
    assert editor.isVisible()
    assert editor.form.name.text() == "Bridge, ball squeeze", "the saved version is shown"
    assert services.exercises.get("clinic_bridge_ball")[0].name == "Bridge, ball squeeze"

    editor.form.name.setText("Bridge with a soft ball")
    save_editor(editor)
    assert not editor.isVisible()
    mine, version = services.exercises.get("clinic_bridge_ball")
    assert (mine.name, version) == ("Bridge with a soft ball", 3)


def test_export_then_import_gives_back_the_same_exercise(
    qtbot: QtBot,
    dialog: ClinicExercisesDialog,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original, _ = services.exercises.duplicate("clamshell", "clinic_clamshell", "Clinic clamshell")
    dialog.refresh()
    target = tmp_path / "shared" / "clinic_clamshell.toml"
    suggested: list[str] = []

    def ask_export(cls: type, parent: object, name: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(ClinicExercisesDialog, "ask_export_path", classmethod(ask_export))
    monkeypatch.setattr(
        ClinicExercisesDialog, "ask_import_path", classmethod(lambda cls, parent: target)
    )
    monkeypatch.setattr(dialog, "confirm", lambda title, question: True)

    dialog.export_button.click()
    assert suggested == ["clinic_clamshell.toml"]
    assert target.read_text(encoding="utf-8").startswith('code = "clinic_clamshell"')
    dialog.delete_button.click()
    assert services.exercises.list() == []

    dialog.import_button.click()
    assert [(ex, v) for ex, v in services.exercises.list()] == [(original, 1)]
    assert _listed(dialog) == ["clinic_clamshell"]
    assert "from clinic_clamshell.toml" in dialog.message.text()

    dialog.import_button.click()  # once more: the code is taken
    taken = "the clinic already has an exercise with code 'clinic_clamshell'"
    assert dialog.message.text() == taken
    assert len(services.exercises.list()) == 1


def test_delete_asks_first_and_the_library_forgets_the_exercise(
    qtbot: QtBot,
    ctx: AppContext,
    dialog: ClinicExercisesDialog,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.exercises.duplicate("bridge", "clinic_bridge_ball", "Bridge with ball squeeze")
    tab = ProgrammeTab(ctx)
    qtbot.addWidget(tab)
    dialog.refresh()
    questions: list[str] = []

    def answer(reply: bool):  # type: ignore[no-untyped-def]
        return lambda title, question: questions.append(question) or reply

    monkeypatch.setattr(dialog, "confirm", answer(False))
    dialog.delete_button.click()
    assert "Delete the clinic exercise 'Bridge with ball squeeze'" in questions[0]
    assert _listed(dialog) == ["clinic_bridge_ball"], "saying no deletes nothing"

    monkeypatch.setattr(dialog, "confirm", answer(True))
    with qtbot.waitSignal(ctx.events.changed, raising=True, check_params_cb=lambda c: c.library):
        dialog.delete_button.click()
    assert len(questions) == 2
    assert services.exercises.list() == [] and _listed(dialog) == []
    qtbot.keyClicks(tab.browser.search, "ball squeeze")
    assert "Bridge with ball squeeze" not in _browser_names(tab)


# The completer's popup asks for both, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_enter_edits_the_exercise_picked_adds_a_ladder_step_and_never_saves_half_a_form(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    services.exercises.duplicate("bridge", "clinic_bridge_ball", "Ball bridge")
    dialog.refresh()
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    editor = dialog.editor
    assert editor is not None and editor.isVisible()

    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.form.name.setFocus()
    qtbot.keyClick(editor.form.name, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.form.contraindications.rows == []
    picker = editor.form.progressions.picker
    picker.lineEdit().setFocus()
    qtbot.keyClicks(picker.lineEdit(), "clamshell (")
    popup = picker.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.form.progressions.value()[-2:] == ["yoga_bridge", "clamshell"]
    qtbot.waitUntil(lambda: picker.currentText() == "")
    qtbot.keyClicks(picker.lineEdit(), "pelvic_tilt")  # a code typed whole
    picker.completer().popup().hide()
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert editor.form.progressions.value()[-1] == "pelvic_tilt"
    assert editor.isVisible()
    assert services.exercises.get("clinic_bridge_ball")[1] == 1, "nothing saved yet"
    assert dialog.editor is editor and len(dialog.findChildren(ExerciseEditor)) == 1


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_enter_in_the_copy_dialog_moves_from_search_to_code_then_duplicates(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    picker = dialog.duplicate_builtin()
    picker.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "clamshell")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert services.exercises.list() == [] and picker.isVisible()
    assert picker.focusWidget() is picker.code
    assert picker.source() is not None and picker.source().code == "clamshell"
    qtbot.keyClick(picker.code, Qt.Key.Key_Return)
    assert [ex.code for ex, _ in services.exercises.list()] == ["clinic_clamshell"]
    assert not picker.isVisible()
    assert dialog.editor is not None and dialog.editor.form.code.text() == "clinic_clamshell"


def test_built_in_codes_are_refused_in_the_services_words(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    picker = dialog.duplicate_builtin()
    picker.select("bridge")
    picker.code.setText("clamshell")
    picker.ok.click()
    assert picker.isVisible()
    assert picker.error.text() == (
        "'clamshell' is a built-in exercise and cannot be changed; choose another code"
    )
    assert services.exercises.list() == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_file_menu_opens_the_window(qtbot: QtBot, ctx: AppContext) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert "Clinic e&xercises..." in [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    win.clinic_exercises_action.trigger()
    opened = win.findChild(ClinicExercisesDialog)
    assert opened is not None and opened.isVisible()
    win.clinic_exercises_action.trigger()
    assert len(win.findChildren(ClinicExercisesDialog)) == 1, "one window, brought forward"


def test_a_click_anywhere_on_a_row_ticks_it_once(qtbot: QtBot) -> None:
    ticks = CheckList("Works", list(Target))
    qtbot.addWidget(ticks)
    ticks.show()
    rect = ticks.visualRect(ticks.check_model.index(1))
    qtbot.mouseClick(ticks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ticks.value() == [Target.OBLIQUES]
    box_x = rect.left() + rect.height() // 2  # the tick box sits at the start of the row
    qtbot.mouseClick(
        ticks.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box_x, rect.center().y())
    )
    assert ticks.value() == []
    # A double click as a mouse sends it: press, release, press with double click, release.
    qtbot.mouseClick(ticks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(ticks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(ticks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ticks.value() == [Target.OBLIQUES], "a double click ticks once"
    ticks.setFocus()
    ticks.setCurrentIndex(ticks.check_model.index(0))
    qtbot.keyClick(ticks, Qt.Key.Key_Space)
    assert ticks.value() == [Target.TRUNK_FLEXORS, Target.OBLIQUES], "new ticks in list order"


def test_models_pass_the_model_tester(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.exercises.duplicate("bridge", "clinic_bridge_ball", "Bridge with ball")
    services.exercises.duplicate("clamshell", "clinic_clamshell", "Clinic clamshell")
    model = ClinicExerciseModel()
    model.set_exercises(services.exercises.list())
    qtmodeltester.check(model)
    ticks = CheckListModel(list(Equipment))
    ticks.set_value([Equipment.MAT, Equipment.SWISS_BALL])
    qtmodeltester.check(ticks)
    assert ticks.value() == [Equipment.MAT, Equipment.SWISS_BALL]


def test_an_exercise_a_programme_uses_is_archived_instead_of_deleted(
    dialog: ClinicExercisesDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from planner.records import ClientDetails, ItemDoc, PhaseDoc, ProgrammeDoc

    services.exercises.duplicate("bridge", "clinic_bridge_ball", "Bridge with ball squeeze")
    client = services.clients.create(ClientDetails(name="Ana"))
    services.programmes.create(
        ProgrammeDoc(
            client_id=client.id,
            title="Home",
            start_date=date(2026, 1, 5),
            phases=[PhaseDoc(name="Settle", weeks=2)],
            items=[
                ItemDoc(
                    exercise_code="clinic_bridge_ball",
                    data={"key": "k1", "order": 1, "days": ["mon"], "dosage": {"reps": 8}},
                )
            ],
        )
    )
    dialog.refresh()
    questions: list[str] = []
    monkeypatch.setattr(dialog, "confirm", lambda title, q: questions.append(q) or True)
    dialog.delete_button.click()
    assert "is used by programme" in questions[0] and "Archive it instead?" in questions[0]
    assert _listed(dialog) == [] and services.exercises.list() == []
    assert [ex.code for ex, _ in services.exercises.list(archived=True)] == ["clinic_bridge_ball"]
