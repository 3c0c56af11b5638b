"""Movement features and behaviours in the clinic exercise editor, on a real database.

A clinic makes its own curl-up on a wedge in the window. It ticks "McGill big three" so plans
keep its 10-second holds, and "Loaded forward bending" so the condition matrix keeps it from a
client with osteoporosis (clinical-facts.md, Added: osteoporosis, Giangregorio 2014: avoid
loaded spinal flexion). Features that follow from other fields show ticked and greyed, and no
click takes them away. Both survive saving, reopening, export and import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exercise_library.files import read_exercise_file
from exercise_library.vocabulary import (
    Behaviour,
    Condition,
    Impact,
    MovementFeature,
    Position,
    SpinalDemand,
)
from planner.policy import ClinicPolicy
from planner.programme.defaults import default_item
from planner.programme.model import Phase, Programme
from planner.programme.schedule import materialise
from planner.safety import ClientContext, Status, exercise_verdict
from planner.services import Services
from tests.ui.builders import fill_new_lying_exercise, save_editor
from ui.clinic_exercises import ClinicExercisesDialog
from ui.exercise_editor import ExerciseEditor
from ui.exercise_tags import FeatureList, FeatureListModel

pytestmark = pytest.mark.gui

F = MovementFeature
CODE = "clinic_wedge_curl_up"


def _click_row(qtbot: QtBot, ticks: FeatureList, feature: MovementFeature) -> None:
    """A click on the row's words, as a therapist ticks it."""
    ticks.scrollTo(ticks.check_model.index(list(F).index(feature)))
    rect = ticks.visualRect(ticks.check_model.index(list(F).index(feature)))
    qtbot.mouseClick(ticks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row(ticks: FeatureList, feature: MovementFeature) -> tuple[bool, bool, str]:
    """(shown ticked, can be changed, tooltip) of one feature's row."""
    index = ticks.check_model.index(list(F).index(feature))
    ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    enabled = bool(ticks.check_model.flags(index) & Qt.ItemFlag.ItemIsEnabled)
    return ticked, enabled, index.data(Qt.ItemDataRole.ToolTipRole)


def _fill_wedge_curl_up(editor: ExerciseEditor, qtbot: QtBot) -> None:
    words = {
        "purpose": "Builds trunk endurance with the low back kept still.",
        "steps": "Lie on your back on the wedge, one knee bent.\n"
        "Put your hands under the small of your back.\n"
        "Lift your head and shoulders a little and hold.",
        "cues": "Keep your chin tucked.\nBreathe while you hold.",
        "mistakes": "Pulling on the neck.",
    }
    fill_new_lying_exercise(editor, qtbot, CODE, "Curl-up on a wedge", words, "trunk_flexors")
    editor.form.sets.setValue(3)
    editor.form.reps.setValue(5)
    editor.form.hold_s.setValue(10)


def test_a_new_curl_up_ticked_as_big_three_and_loaded_bending_is_saved_and_judged_by_them(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    editor = dialog.new_exercise()
    _fill_wedge_curl_up(editor, qtbot)
    form = editor.form
    # Lying on the back follows from the position: ticked, greyed, and why.
    assert _row(form.features, F.SUPINE) == (
        True,
        False,
        "supine: follows from Position: Supine. Change that field to remove it.",
    )
    assert _row(form.features, F.LOADED_FLEXION) == (
        False,
        True,
        "loaded_flexion: ticking it sets Spine flexion: Loaded.",
    )
    _click_row(qtbot, form.features, F.LOADED_FLEXION)
    assert form.flexion.value() is SpinalDemand.LOADED, "the tick sets the field it follows from"
    assert _row(form.features, F.LOADED_FLEXION)[:2] == (True, False)
    _click_row(qtbot, form.features, F.LOADED_FLEXION)  # a click on a greyed row changes nothing
    assert form.flexion.value() is SpinalDemand.LOADED
    _click_row(qtbot, form.features, F.BREATH_HOLDING_STRAIN)  # one a therapist lists by hand
    form.behaviours.check_model.set_checked(Behaviour.MCGILL_BIG_THREE, True)
    assert editor.error.text() == ""
    save_editor(editor)
    assert not editor.isVisible()

    saved = services.exercises.catalogue()[CODE]
    assert saved.features == [F.BREATH_HOLDING_STRAIN]
    assert saved.spine.flexion is SpinalDemand.LOADED
    assert saved.behaviours == [Behaviour.MCGILL_BIG_THREE]
    assert {F.LOADED_FLEXION, F.SUPINE, F.BREATH_HOLDING_STRAIN} <= saved.movement_features

    reopened = dialog.edit()
    assert reopened is not None
    ticks = reopened.form.features.feature_model
    assert set(ticks.shown_ticked()) == {F.LOADED_FLEXION, F.SUPINE, F.BREATH_HOLDING_STRAIN}
    assert reopened.form.behaviours.value() == [Behaviour.MCGILL_BIG_THREE]
    assert "Spine flexion: Loaded" in _row(reopened.form.features, F.LOADED_FLEXION)[2]
    reopened.reject()

    # The safety verdict reads the features: loaded bending is out for osteoporosis.
    policy = ClinicPolicy.published()
    osteoporosis = ClientContext(conditions=frozenset({Condition.OSTEOPOROSIS}))
    verdict = exercise_verdict(saved, osteoporosis, policy)
    assert verdict.status is Status.EXCLUDED
    assert exercise_verdict(saved, ClientContext(), policy).status is not Status.EXCLUDED

    # Plans treat it as one of McGill's big three: the 10-second hold is kept every week.
    catalogue = services.exercises.catalogue()
    item = default_item(saved, 1, catalogue=catalogue)
    plan = Programme(title="Core", client="Jo", start=dt.date(2026, 1, 5),
                     phases=[Phase(name="B", weeks=8)], items=[item])  # fmt: skip
    weeks = materialise(plan, catalogue, policy=policy).weeks_of(item.key)
    assert {w.dosage.hold_s for w in weeks} == {10}
    assert weeks[-1].dosage.reps > weeks[0].dosage.reps  # type: ignore[operator]


def test_export_and_import_keep_the_features_and_behaviours(
    qtbot: QtBot,
    dialog: ClinicExercisesDialog,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = dialog.new_exercise()
    _fill_wedge_curl_up(editor, qtbot)
    _click_row(qtbot, editor.form.features, F.LOADED_FLEXION)
    _click_row(qtbot, editor.form.features, F.FALL_RISK)
    editor.form.behaviours.check_model.set_checked(Behaviour.MCGILL_BIG_THREE, True)
    save_editor(editor)
    original, _ = services.exercises.get(CODE)

    target = tmp_path / "out" / f"{CODE}.toml"
    monkeypatch.setattr(
        ClinicExercisesDialog, "ask_export_path", classmethod(lambda cls, parent, name: target)
    )
    monkeypatch.setattr(
        ClinicExercisesDialog, "ask_import_path", classmethod(lambda cls, parent: target)
    )
    monkeypatch.setattr(dialog, "confirm", lambda title, question: True)
    dialog.export_button.click()
    text = target.read_text(encoding="utf-8")
    assert 'features = [\n    "fall_risk",\n]' in text
    assert 'behaviours = [\n    "mcgill_big_three",\n]' in text
    assert read_exercise_file(target) == original
    dialog.delete_button.click()
    assert services.exercises.list() == []
    dialog.import_button.click()
    back, _ = services.exercises.get(CODE)
    assert back == original
    assert F.LOADED_FLEXION in back.movement_features


def test_a_tag_that_contradicts_the_fields_is_named_as_typed(
    qtbot: QtBot, dialog: ClinicExercisesDialog, services: Services
) -> None:
    editor = dialog.new_exercise()
    _fill_wedge_curl_up(editor, qtbot)
    form = editor.form
    # Full bending may be listed beside a loaded curl (it curls up *and* ends fully bent)...
    form.flexion.set_value(SpinalDemand.LOADED)
    _click_row(qtbot, form.features, F.END_RANGE_FLEXION)
    assert form.features.value() == [F.END_RANGE_FLEXION] and editor.error.text() == ""
    # ...but not once the spine does not bend at all: the editor says so and Save refuses.
    form.flexion.set_value(SpinalDemand.NONE)
    assert editor.error.text().startswith(
        "Movement features: 'end_range_flexion' disagrees with spine.flexion = 'none'"
    )
    assert form.features.property("invalid") == "true"
    save_editor(editor)
    assert services.exercises.list() == []
    # A behaviour the dose cannot bear is named too.
    _click_row(qtbot, form.features, F.END_RANGE_FLEXION)  # unticked by hand
    form.hold_s.setValue(0)
    form.behaviours.check_model.set_checked(Behaviour.STRETCH, True)
    assert editor.error.text() == ("Dose: 'stretch' needs a dose held for seconds (dosage.hold_s)")


def test_the_feature_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from exercise_library.schema import SpineDemands

    class Tags:
        position = Position.PRONE
        impact = Impact.HIGH
        spine = SpineDemands(rotation=SpinalDemand.END_RANGE)

    model = FeatureListModel()
    model.set_tags(Tags())
    model.set_value([F.FALL_RISK])
    qtmodeltester.check(model)
    assert set(model.shown_ticked()) == {F.PRONE, F.IMPACT, F.END_RANGE_ROTATION, F.FALL_RISK}
    assert model.value() == [F.FALL_RISK]
