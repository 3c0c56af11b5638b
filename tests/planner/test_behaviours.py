"""Behaviours come from an exercise's tags, not its code: a clinic's copy behaves like its
source (issue 11: "a clinic copy of the side plank gets the McGill rules"); and doses are of
the kind the exercise is (issue 13: carries and walks by the time walked).

Facts (shared/clinical-facts.md, Dosage and progression): McGill big three, 10 s holds in a
descending pyramid; stretching, 10-30 s holds to about 60 s per muscle; return to run, walk/jog
intervals progressed only while pain settles, with a rest day between runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exercise_library.catalogue import builtin_catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Behaviour
from planner.assessment.io import load_assessment
from planner.assessment.recommend import recommend
from planner.assessment.targeting import is_nerve_slider
from planner.cli import main
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme import facts
from planner.programme.defaults import default_days, default_item, default_rules, is_stretch
from planner.programme.edits import add_exercises
from planner.programme.ladder import is_running
from planner.programme.model import Phase, Programme, ProgressField, RuleAction
from planner.programme.schedule import materialise
from planner.programme.text import dosage_text
from planner.services import Services
from planner.store.database import open_database

CAT = builtin_catalogue()
MONDAY = dt.date(2025, 3, 3)


@pytest.fixture
def clinic(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'clinic.db'}"


def duplicate(url: str, code: str, new_code: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["library", "duplicate", code, new_code, "--name", f"{code} at the clinic"]
    assert main([*argv, "--db", url]) == 0
    assert f"added clinic exercise '{new_code}'" in capsys.readouterr().out


def clinic_catalogue(url: str):  # type: ignore[no-untyped-def]
    services = Services(open_database(url))
    try:
        return services.exercises.catalogue()
    finally:
        services.db.dispose()


def test_a_clinic_copy_of_the_side_plank_gets_the_mcgill_rules(
    clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    duplicate(clinic, "side_plank", "clinic_side_bridge", capsys)
    catalogue = clinic_catalogue(clinic)
    copy = catalogue["clinic_side_bridge"]
    assert copy.does(Behaviour.MCGILL_BIG_THREE)
    programme = Programme(title="Back", start=MONDAY, phases=[Phase(name="P", weeks=8)], items=[])
    (item,) = add_exercises(programme, ["clinic_side_bridge"], catalogue).items
    assert item.rules == default_rules(CAT["side_plank"])
    reps = [r for r in item.rules if r.field is ProgressField.REPS]
    assert [(r.step, r.cap) for r in reps] == [
        (facts.BIG_THREE_REPS_STEP, facts.BIG_THREE_REPS_MAX)
    ]
    schedule = materialise(programme.model_copy(update={"items": [item]}), catalogue)
    holds = {iw.dosage.hold_s for iw in schedule.item_weeks}
    assert holds == {facts.BIG_THREE_HOLD_S}, "the 10 s hold stays, week after week"


def test_a_clinic_copy_of_a_walk_jog_step_climbs_the_same_ladder(
    clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    duplicate(clinic, "walk_jog_4_2", "clinic_walk_jog", capsys)
    catalogue = clinic_catalogue(clinic)
    copy = catalogue["clinic_walk_jog"]
    assert is_running(copy)
    advances = [r.exercise for r in default_rules(copy, catalogue)]
    assert advances == ["clinic_walk_jog", *facts.RUN_LADDER[1:-1]]
    days = [d.index for d in default_days(copy)]
    assert min((b - a) % 7 for a, b in zip(days, days[1:] + days[:1], strict=True)) >= 2


def test_a_clinic_stretch_by_any_name_builds_to_sixty_seconds(
    clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    duplicate(clinic, "couch_stretch", "clinic_quad_opener", capsys)
    copy = clinic_catalogue(clinic)["clinic_quad_opener"]
    assert is_stretch(copy)
    assert default_rules(copy) == default_rules(CAT["couch_stretch"])


def test_a_code_alone_no_longer_makes_a_behaviour() -> None:
    """Before, any code with 'jog' in it counted as running and 'side_bridge' as one of the
    big three; now only the tags count."""
    data = CAT["side_plank"].model_dump(mode="json")
    plank = Exercise.model_validate({**data, "code": "side_bridge", "behaviours": []})
    assert default_rules(plank) != default_rules(CAT["side_plank"])
    jog = CAT["aqua_jogging"]
    assert "jogging" in jog.code and not is_running(jog)


def test_held_strength_poses_grow_by_the_seconds_held_not_by_piling_up_reps() -> None:
    boat = CAT["boat_pose"]
    assert boat.does(Behaviour.HOLD) and not is_stretch(boat)
    rules = default_rules(boat)
    assert [r.field for r in rules] == [ProgressField.HOLD]
    assert rules[0].cap == facts.HOLD_MAX_S


@pytest.mark.parametrize(
    ("tags", "says"),
    [
        (["walk_jog", "continuous_run"], "a run is one kind of run"),
        (["stretch"], "'stretch' needs a dose held for seconds"),
        (["mcgill_big_three"], "'mcgill_big_three' needs a dose held for seconds"),
        (["nerve_slider", "hold"], "a nerve slider keeps moving"),
    ],
)
def test_tags_the_dose_cannot_bear_are_refused_for_a_clinic_exercise(
    clinic: str, tags: list[str], says: str
) -> None:
    data = CAT["squat"].model_dump(mode="json")
    squat = Exercise.model_validate({**data, "code": "clinic_squat", "behaviours": tags})
    services = Services(open_database(clinic))
    try:
        with pytest.raises(UserError, match=says):
            services.exercises.create(squat)
    finally:
        services.db.dispose()


def test_the_library_ladder_follows_the_return_to_run_guidance() -> None:
    first = CAT[facts.RUN_LADDER[0]]
    stages = [r.exercise for r in default_rules(first) if r.action is RuleAction.ADVANCE]
    assert stages == list(facts.RUN_LADDER[:-1])
    assert CAT[facts.RUN_LADDER[-1]].does(Behaviour.CONTINUOUS_RUN)
    assert all(CAT[code].does(Behaviour.WALK_JOG) for code in facts.RUN_LADDER[:-1])


def test_carries_and_walks_are_dosed_by_the_time_walked_and_say_so() -> None:
    """Issue 13: a farmer carry was dosed as '3 holds of 30 seconds' while its steps say walk."""
    walks = [ex for ex in CAT if ex.does(Behaviour.WALK)]
    assert {"farmer_carry", "suitcase_carry", "brisk_walking"} <= {ex.code for ex in walks}
    for ex in walks:
        assert ex.dosage.duration_min is not None and ex.dosage.hold_s is None, ex.code
    carry = CAT["farmer_carry"]
    words = dosage_text(default_item(carry, 1).dosage, carry)
    # With how heavy to go, as every loaded dose says (issue 13, point 4).
    assert words == (
        "3 rounds of 30 seconds, with a weight that feels hard by the end of each round, "
        "rest 60 seconds between rounds"
    )


def test_a_clinic_carry_dosed_as_holds_is_refused_at_the_dose(clinic: str) -> None:
    data = CAT["farmer_carry"].model_dump(mode="json")
    data["dosage"] = {**data["dosage"], "duration_min": None, "hold_s": 30}
    carry = Exercise.model_validate({**data, "code": "clinic_carry"})
    services = Services(open_database(clinic))
    try:
        with pytest.raises(UserError, match="dosed by the time walked") as refused:
            services.exercises.create(carry)
    finally:
        services.db.dispose()
    assert refused.value.field == "dosage"


def test_a_clinic_nerve_slider_by_any_name_is_offered_for_an_irritated_nerve(
    clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sliders were once found by the words 'nerve' and 'glide' in a name; a clinic that calls
    its own 'Leg flossing in sitting' must get it offered all the same, by its tag."""

    argv = ["library", "duplicate", "sciatic_nerve_glide", "leg_flossing"]
    assert main([*argv, "--name", "Leg flossing in sitting", "--db", clinic]) == 0
    catalogue = clinic_catalogue(clinic)
    assert catalogue["leg_flossing"].does(Behaviour.NERVE_SLIDER)
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
    radicular = load_assessment(fixture / "radicular_v2_cleared.json")

    r = recommend(radicular, ClinicPolicy.published(), catalogue)

    sliders = [e for e in r.all_items if e.role == "nerve_slider"]
    assert len(sliders) == 1 and sliders[0].exercise.does(Behaviour.NERVE_SLIDER)
    # Untagged, a glide is a plain exercise, whatever its name says.
    data = CAT["sciatic_nerve_glide"].model_dump(mode="json")
    untagged = Exercise.model_validate({**data, "behaviours": []})
    assert not is_nerve_slider(untagged)
