"""A broken data file is reported precisely and does not take the library down."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exercise_library.catalogue import DATA_DIR, load_directory
from exercise_library.files import exercise_to_toml


def _library_with(tmp_path: Path, broken_name: str, broken_text: str) -> Path:
    data = tmp_path / "data"
    (data / "pilates").mkdir(parents=True)
    shutil.copy(DATA_DIR / "pilates" / "bridge.toml", data / "pilates" / "bridge.toml")
    shutil.copy(DATA_DIR / "pilates" / "pelvic_tilt.toml", data / "pilates" / "pelvic_tilt.toml")
    (data / "pilates" / broken_name).write_text(broken_text, encoding="utf-8")
    return data


def _bridge_text(**replace: str) -> str:
    text = (DATA_DIR / "pilates" / "bridge.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text.replace('code = "bridge"', 'code = "bridge_copy"')


def test_wrong_type_names_file_field_and_value(tmp_path: Path) -> None:
    data = _library_with(
        tmp_path, "bridge_copy.toml", _bridge_text(**{"difficulty = 1": 'difficulty = "easy"'})
    )
    cat = load_directory(data)
    assert "bridge" in cat and "pelvic_tilt" in cat, "the rest of the library still loads"
    assert "bridge_copy" not in cat
    [problem] = [p for p in cat.problems if "bridge_copy" in p.path]
    assert problem.path == "data/pilates/bridge_copy.toml"
    assert problem.field == "difficulty"
    assert '"easy"' in problem.message


def test_unknown_code_in_a_list_names_the_item(tmp_path: Path) -> None:
    text = _bridge_text(**{'targets = ["glute_max"': 'targets = ["glutes"'})
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    [problem] = [p for p in cat.problems if "bridge_copy" in p.path]
    assert problem.field == "targets[0]"
    assert '"glutes"' in problem.message


def test_unknown_field_and_bad_toml_are_reported(tmp_path: Path) -> None:
    text = _bridge_text(**{"difficulty = 1": "difficulty = 1\ncolour = 'red'"})
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    assert any(p.field == "colour" and p.message == "unknown field" for p in cat.problems)

    cat = load_directory(_library_with(tmp_path / "b", "bridge_copy.toml", 'code = "x\nname ='))
    [problem] = [p for p in cat.problems if "bridge_copy" in p.path]
    assert problem.message.startswith("not valid TOML")


@pytest.mark.parametrize(
    ("features", "says"),
    [
        # Lying on the back comes from the position: saying it again is refused...
        ('["supine"]', "already follows"),
        # ...and so is a feature the other tags contradict (the bridge arches only gently).
        ('["loaded_extension"]', "spine.extension = 'gentle'"),
        ('["end_range_flexion"]', "spine.flexion = 'none'"),
        ('["impact"]', "impact = 'none'"),
        ('["fall_risk", "fall_risk"]', "listed 2 times"),
    ],
)
def test_a_feature_repeated_or_contradicted_is_a_problem(
    tmp_path: Path, features: str, says: str
) -> None:
    text = _bridge_text(**{"unilateral = false": f"unilateral = false\nfeatures = {features}"})
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    [problem] = [p for p in cat.problems if "bridge_copy" in p.path and p.field == "features"]
    assert says in problem.message, problem


def test_a_prone_feature_on_a_supine_exercise_names_the_position(tmp_path: Path) -> None:
    text = _bridge_text(**{"unilateral = false": 'unilateral = false\nfeatures = ["prone"]'})
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    [problem] = [p for p in cat.problems if "bridge_copy" in p.path and p.field == "features"]
    assert "set position = 'prone'" in problem.message


def test_features_the_tags_cannot_say_are_accepted(tmp_path: Path) -> None:
    text = _bridge_text(
        **{"unilateral = false": 'unilateral = false\nfeatures = ["asymmetric_pelvic_load"]'}
    )
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    assert [p for p in cat.problems if p.field == "features"] == []
    assert {f.value for f in cat["bridge_copy"].movement_features} == {
        "asymmetric_pelvic_load",
        "supine",
    }


def test_broken_link_is_reported(tmp_path: Path) -> None:
    text = _bridge_text(**{'progressions = ["bridge_march"': 'progressions = ["flying_bridge"'})
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    assert any("unknown exercise 'flying_bridge'" in p.message for p in cat.problems)


def test_written_file_reads_back_identically(tmp_path: Path) -> None:
    from exercise_library.catalogue import builtin_catalogue
    from exercise_library.files import read_exercise_file, write_exercise_file

    for ex in list(builtin_catalogue())[:20]:
        path = tmp_path / f"{ex.code}.toml"
        write_exercise_file(path, ex)
        assert read_exercise_file(path) == ex
        assert exercise_to_toml(read_exercise_file(path)) == path.read_text(encoding="utf-8")


def test_the_start_up_cache_gives_the_same_library_and_notices_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exercise_library import catalogue as catalogue_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = _library_with(tmp_path, "bridge_copy.toml", _bridge_text())
    first = catalogue_module.load_cached(data)
    assert sorted(first.exercises) == ["bridge", "bridge_copy", "pelvic_tilt"]
    cached = list((tmp_path / "cache").rglob("catalogue-*.pickle"))
    assert len(cached) == 1
    again = catalogue_module.load_cached(data)
    assert again.exercises == first.exercises

    copy = data / "pilates" / "bridge_copy.toml"
    copy.write_text(copy.read_text().replace('name = "Bridge"', 'name = "Bridge again"'))
    edited = catalogue_module.load_cached(data)
    assert edited["bridge_copy"].name == "Bridge again", "an edited file is read afresh"
    assert len(list((tmp_path / "cache").rglob("catalogue-*.pickle"))) == 1


# --- dose kinds: walks and carries by time walked, holds by seconds, reps by count ----------


def _carry_text(**replace: str) -> str:
    text = (DATA_DIR / "cross_training" / "farmer_carry.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text.replace('code = "farmer_carry"', 'code = "bridge_copy"')


def _dose_problems(tmp_path: Path, text: str) -> list[str]:
    cat = load_directory(_library_with(tmp_path, "bridge_copy.toml", text))
    return [p.message for p in cat.problems if p.field in ("dosage", "behaviours")]


def test_the_farmer_carry_dosed_as_holds_while_its_steps_say_walk_is_refused(
    tmp_path: Path,
) -> None:
    """The review's finding: '3 holds of 30 seconds' for an exercise whose steps say walk."""
    text = _carry_text(**{"duration_min = 0.5": "hold_s = 30"})
    problems = _dose_problems(tmp_path, text)
    assert any("'walk' is dosed by the time walked" in p for p in problems), problems
    untagged = text.replace('behaviours = ["walk"]\n', "")
    problems = _dose_problems(tmp_path / "b", untagged)
    assert any("dosed as holds of 30 seconds, but not tagged" in p for p in problems), problems
    assert any("'for the time' but the dose gives no time" in p for p in problems), problems


def test_the_shipped_carry_is_dosed_by_the_time_walked(tmp_path: Path) -> None:
    assert _dose_problems(tmp_path, _carry_text()) == []


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        # Reps by count: a step may not promise a distance the dose cannot give.
        ("Hold still for the count you were given.", "Hold still for the distance given.",
         "not a distance"),
        # Holds by seconds: a stretch tag on a dose with no hold.
        ("unilateral = false", 'unilateral = false\nbehaviours = ["stretch"]',
         "'stretch' needs a dose held for seconds"),
    ],
)  # fmt: skip
def test_a_dose_of_the_wrong_kind_is_refused(tmp_path: Path, old: str, new: str, says: str) -> None:
    text = _bridge_text(**{"hold_s = 3\n": ""})
    text = text.replace(old, new)
    problems = _dose_problems(tmp_path, text)
    assert any(says in p for p in problems), problems
