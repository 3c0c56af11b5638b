"""The assessment file: what a clinic exchanges, and how a bad file is reported.

A therapist who opens a broken file must learn which file, which field and which value is wrong,
and nothing may be half-read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercise_library.vocabulary import Condition, RedFlag
from planner.assessment.io import (
    assessment_json_schema,
    dumps_assessment,
    load_assessment,
    parse_assessment,
    save_assessment,
)
from planner.assessment.model import AssessmentFile
from planner.errors import UserError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
ALL_FIXTURES = sorted(FIXTURES.glob("*.json"))


def _runner_raw() -> dict:
    return json.loads((FIXTURES / "runner_left_glute_med.json").read_text())


def _write(tmp_path: Path, data: dict | str, name: str = "client.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _error(tmp_path: Path, data: dict | str, name: str = "client.json") -> str:
    with pytest.raises(UserError) as err:
        load_assessment(_write(tmp_path, data, name))
    return str(err.value)


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.stem)
def test_every_sample_file_loads(path: Path) -> None:
    a = load_assessment(path)
    assert a.format == "physio-planner/assessment"
    assert a.version == 2  # version 1 files are read as version 2, their meaning kept


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.stem)
def test_stored_json_form_reloads_unchanged(path: Path) -> None:
    """The database keeps the model's JSON form; reading it back must give the same record."""
    a = load_assessment(path)
    assert AssessmentFile.model_validate(a.model_dump(mode="json")) == a
    assert AssessmentFile.model_validate_json(a.model_dump_json()) == a


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.stem)
def test_export_then_import_gives_the_same_assessment(path: Path, tmp_path: Path) -> None:
    a = load_assessment(path)
    out = tmp_path / "exported.json"
    save_assessment(a, out)
    assert load_assessment(out) == a
    assert json.loads(out.read_text())["format"] == "physio-planner/assessment"


def test_runner_file_reads_as_the_therapist_wrote_it() -> None:
    a = load_assessment(FIXTURES / "runner_left_glute_med.json")
    assert a.client.name == "Ana Ribeiro"
    assert a.age == 36
    assert a.running is not None and a.running.weekly_km == 42
    assert a.tests.trendelenburg is not None and a.tests.trendelenburg.left == "positive"
    assert a.questionnaires.psfs is not None and len(a.questionnaires.psfs) == 3


def test_pregnant_client_carries_her_trimester() -> None:
    a = load_assessment(FIXTURES / "pregnant_t2_disc_herniation.json")
    assert set(a.client.conditions) == {Condition.PREGNANCY, Condition.DISC_HERNIATION}
    assert a.client.pregnancy_trimester == 2


def test_exported_file_leaves_out_blank_fields_but_keeps_blank_odi_sections() -> None:
    a = load_assessment(FIXTURES / "red_flag_urgent.json")
    data = json.loads(dumps_assessment(a))
    assert "running" not in data
    assert data["questionnaires"]["odi"][7] is None
    assert data["red_flags"] == [RedFlag.LEG_NUMBNESS_OR_WEAKNESS, RedFlag.CAUDA_EQUINA_SIGNS]


# --- what a clinician sees when a file is wrong ---------------------------------------------


def test_truncated_file_names_the_file_and_says_it_is_cut_short(tmp_path: Path) -> None:
    text = (FIXTURES / "runner_left_glute_med.json").read_text()[:300]
    msg = _error(tmp_path, text, "ana.json")
    assert msg.startswith("ana.json: not valid JSON")
    assert "line" in msg and "cut short" in msg


def test_unknown_key_is_named_with_its_place_in_the_file(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["tests"]["trendelenberg"] = {"left": "positive"}
    msg = _error(tmp_path, raw, "ana.json")
    assert "ana.json" in msg
    assert "tests.trendelenberg: unknown field" in msg


def test_wrong_type_names_field_and_value(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["running"]["weekly_km"] = "42"
    msg = _error(tmp_path, raw)
    assert "running.weekly_km" in msg
    assert '"42"' in msg


def test_yes_no_answer_must_be_true_or_false_not_a_number(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["running"]["warm_up"] = 0
    msg = _error(tmp_path, raw)
    assert "running.warm_up" in msg and "(got 0)" in msg


def test_out_of_range_pain_score_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["pain"]["worst"] = 11
    msg = _error(tmp_path, raw)
    assert "pain.worst" in msg and "10" in msg and "(got 11)" in msg


def test_out_of_range_odi_answer_names_the_section(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["questionnaires"]["odi"][3] = 6
    msg = _error(tmp_path, raw)
    assert "questionnaires.odi[3]" in msg and "(got 6)" in msg


def test_odi_needs_all_ten_sections_even_if_some_are_blank(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["questionnaires"]["odi"] = [1, 2, 3]
    assert "questionnaires.odi" in _error(tmp_path, raw)


def test_unknown_test_result_word_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["tests"]["thomas_test"]["left"] = "pos"
    msg = _error(tmp_path, raw)
    assert "tests.thomas_test.left" in msg and '"pos"' in msg


def test_single_leg_squat_score_is_one_to_three(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["tests"]["single_leg_squat"]["right"] = 4
    assert "tests.single_leg_squat.right" in _error(tmp_path, raw)


def test_extensor_test_cannot_exceed_its_240_second_stop(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["tests"]["trunk_extensor_endurance_s"] = 300
    assert "tests.trunk_extensor_endurance_s" in _error(tmp_path, raw)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["pain"]["now"] = -1
    raw["client"]["experience"] = "expert"
    msg = _error(tmp_path, raw)
    assert "pain.now" in msg and "client.experience" in msg


def test_pregnancy_without_trimester_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["client"]["conditions"] = ["pregnancy"]
    msg = _error(tmp_path, raw)
    assert "client" in msg and "pregnancy_trimester" in msg


def test_trimester_without_pregnancy_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["client"]["pregnancy_trimester"] = 2
    assert "pregnancy_trimester" in _error(tmp_path, raw)


def test_a_condition_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["client"]["conditions"] = ["sciatica"]
    msg = _error(tmp_path, raw)
    assert "client.conditions[0]" in msg and '"sciatica"' in msg


def test_a_red_flag_ticked_twice_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["red_flags"] = ["new_lump", "new_lump"]
    assert "new_lump" in _error(tmp_path, raw)


def test_a_side_test_needs_at_least_one_side(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["tests"]["trendelenburg"] = {}
    assert "tests.trendelenburg" in _error(tmp_path, raw)


def test_assessment_before_birth_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["date"] = "1980-01-01"
    assert "birth date" in _error(tmp_path, raw)


def test_programme_file_is_not_taken_for_an_assessment(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["format"] = "physio-planner/programme"
    msg = _error(tmp_path, raw, "plan.json")
    assert msg.startswith("plan.json: format:")
    assert '"physio-planner/programme"' in msg


def test_file_without_format_is_refused(tmp_path: Path) -> None:
    raw = _runner_raw()
    del raw["format"]
    assert "no format field" in _error(tmp_path, raw)


def test_newer_file_version_asks_for_an_update(tmp_path: Path) -> None:
    raw = _runner_raw()
    raw["version"] = 3
    msg = _error(tmp_path, raw)
    assert "version 3" in msg and "update" in msg


def test_a_json_list_is_not_an_assessment(tmp_path: Path) -> None:
    assert "JSON object" in _error(tmp_path, "[1, 2]")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"nothere\.json"):
        load_assessment(tmp_path / "nothere.json")


def test_parse_names_the_source_it_was_given() -> None:
    with pytest.raises(UserError, match=r"^from the clipboard: "):
        parse_assessment("{", "from the clipboard")


# --- the published schema -------------------------------------------------------------------


def test_schema_requires_format_and_version_and_refuses_unknown_keys() -> None:
    schema = assessment_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"format", "version", "client", "date"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    tests = schema["$defs"]["Tests"]
    assert tests["additionalProperties"] is False
    assert "single_leg_squat" in tests["properties"]


def test_schema_lists_every_vocabulary_code() -> None:
    schema = assessment_json_schema()
    assert set(schema["$defs"]["RedFlag"]["enum"]) == {f.value for f in RedFlag}
    assert set(schema["$defs"]["Condition"]["enum"]) == {c.value for c in Condition}
