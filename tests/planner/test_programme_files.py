"""Programme files as they travel between clinics: the same bytes back out, clinician-made
exercises carried along, and every broken file refused with a message naming the problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercise_library.catalogue import builtin_catalogue
from planner.errors import UserError
from planner.programme.files import (
    FORMAT,
    ProgrammeFile,
    file_catalogue,
    parse_programme_file,
    programme_file,
    programme_json_schema,
    read_programme_file,
    write_programme_file,
)
from planner.programme.schedule import materialise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "programmes"
GOOD = FIXTURES / "runner_back_to_running.physio.json"


def test_read_then_write_gives_the_same_bytes(tmp_path: Path) -> None:
    pf = read_programme_file(GOOD)
    out = tmp_path / "again.physio.json"
    write_programme_file(out, pf)
    assert out.read_bytes() == GOOD.read_bytes()
    # And once more, from the copy: the format is a fixed point.
    write_programme_file(tmp_path / "third.physio.json", read_programme_file(out))
    assert (tmp_path / "third.physio.json").read_bytes() == GOOD.read_bytes()


def test_the_file_carries_the_clinics_own_exercise_and_schedules_without_it_installed() -> None:
    pf = read_programme_file(GOOD)
    assert [e.code for e in pf.exercises] == ["clinic_incline_walk"]
    assert "clinic_incline_walk" not in builtin_catalogue()
    schedule = materialise(pf.programme, file_catalogue(pf))
    walk = schedule.week_of("walk", 2)
    assert walk is not None and walk.name == "Incline treadmill walk"
    assert walk.text == "24 minutes"  # +5 minutes asked; 20% of 20 minutes is the most a week


def test_programme_file_lists_only_clinician_made_exercises() -> None:
    pf = read_programme_file(GOOD)
    again = programme_file(pf.programme, file_catalogue(pf))
    assert again == pf


def test_per_side_dosage_survives_the_file() -> None:
    pf = read_programme_file(GOOD)
    clamshell = pf.programme.item("clamshell")
    assert clamshell is not None
    assert (clamshell.dosage.for_side("left").sets, clamshell.dosage.for_side("right").sets) == (
        3,
        2,
    )


def test_writing_replaces_the_file_whole_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "p.physio.json"
    out.write_text("old content", encoding="utf-8")
    write_programme_file(out, read_programme_file(GOOD))
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == FORMAT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.physio.json"]


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot be written"):
        write_programme_file(tmp_path / "nope" / "p.physio.json", read_programme_file(GOOD))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "newer_version.physio.json",
            "version: this app reads version 1 and 2 programme files, not version 3 "
            "(written by a newer Physio Planner)",
        ),
        (
            "wrong_type.physio.json",
            'programme.items[3].dosage.sets: should be a valid integer (got "three")',
        ),
        (
            "missing_exercise.physio.json",
            "programme.items[0].code: exercise 'clinic_incline_walk' is neither in the library "
            "nor among the file's exercises",
        ),
        ("truncated.physio.json", "the file looks cut short"),
        (
            "not_a_programme.physio.json",
            "format: expected 'physio-planner/programme', got \"physio-planner/assessment\"",
        ),
    ],
)
def test_malformed_files_name_the_file_field_and_value(name: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        read_programme_file(FIXTURES / name)
    message = str(caught.value)
    assert message.startswith(str(FIXTURES / name) + ": ")
    assert expected in message


def good_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOOD.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version="1"), 'version: expected a whole number, got "1"'),
        (lambda d: d.update(version=True), "version: expected a whole number, got true"),
        (lambda d: d.update(surprise=1), "surprise: unknown field"),
        (
            lambda d: d["programme"]["items"][0]["rules"][0].update(exercise="moon_walk"),
            "programme.items[0].rules[0].exercise: exercise 'moon_walk' is neither",
        ),
        (
            lambda d: d["programme"].update(start="2025-02-30"),
            "programme.start: should be a valid date",
        ),
        (
            lambda d: d["exercises"][0].update(code="bridge"),
            "exercises[0].code: 'bridge' is a built-in exercise",
        ),
        (
            lambda d: d["exercises"].append(d["exercises"][0]),
            "exercises[1].code: 'clinic_incline_walk' is in the file twice",
        ),
    ],
)
def test_each_kind_of_bad_content_is_named(change: Any, expected: str) -> None:
    data = good_data()
    change(data)
    with pytest.raises(UserError, match=expected.replace("[", r"\[").replace("(", r"\(")):
        parse_programme_file(data, "shared.physio.json")


def test_not_json_at_all_and_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.physio.json"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="the file is empty"):
        read_programme_file(empty)
    binary = tmp_path / "photo.physio.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0")
    with pytest.raises(UserError, match="not UTF-8"):
        read_programme_file(binary)
    nan = tmp_path / "nan.physio.json"
    nan.write_text('{"format": NaN}', encoding="utf-8")
    with pytest.raises(UserError, match="not valid JSON"):
        read_programme_file(nan)
    with pytest.raises(UserError, match="no such file"):
        read_programme_file(tmp_path / "missing.physio.json")


def test_the_published_schema_describes_the_file() -> None:
    schema = programme_json_schema()
    assert schema["title"] == "Physio Planner programme file"
    assert set(schema["required"]) >= {"programme"}
    assert schema["properties"]["format"]["const"] == FORMAT
    # The schema is itself plain JSON.
    json.dumps(schema)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def mutated_programme() -> st.SearchStrategy[Any]:
    """Valid files with one value somewhere replaced by random JSON."""

    def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        out = [prefix]
        if isinstance(node, dict):
            for k, v in node.items():
                out.extend(paths(v, (*prefix, k)))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                out.extend(paths(v, (*prefix, i)))
        return out

    base = good_data()
    all_paths = [p for p in paths(base) if p]

    def mutate(path: tuple[Any, ...], value: Any) -> Any:
        data = good_data()
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return data

    return st.builds(mutate, st.sampled_from(all_paths), json_values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, mutated_programme()))
def test_random_json_is_either_a_valid_programme_or_a_user_error(data: Any) -> None:
    try:
        pf = parse_programme_file(data, "random.physio.json")
    except UserError as exc:
        assert str(exc).startswith("random.physio.json")
        return
    assert isinstance(pf, ProgrammeFile)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_on_disk_never_escape_as_anything_but_a_user_error(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("random") / "r.physio.json"
    path.write_bytes(raw)
    with pytest.raises(UserError):
        read_programme_file(path)


def test_a_file_written_here_is_private_to_its_owner_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "shared.physio.json"
    write_programme_file(out, read_programme_file(GOOD))
    # It names the client and their health: other users of the machine may not read it.
    assert out.stat().st_mode & 0o777 == 0o600
    assert read_programme_file(out).programme.title


def test_a_version_2_file_carries_the_client_context_and_round_trips_byte_for_byte(
    tmp_path: Path,
) -> None:
    pf = read_programme_file(GOOD)
    assert pf.version == 2
    context = pf.programme.client_context
    assert context is not None and context.experience == "intermediate"
    out = tmp_path / "again.physio.json"
    write_programme_file(out, read_programme_file(GOOD))
    assert out.read_bytes() == GOOD.read_bytes()


def test_a_version_1_file_still_opens_with_its_context_unknown() -> None:
    old = read_programme_file(FIXTURES / "runner_back_to_running_v1.physio.json")
    assert old.version == 1 and old.programme.client_context is None
    assert old.programme.items == read_programme_file(GOOD).programme.items


def test_a_version_1_file_cannot_smuggle_a_client_context(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "runner_back_to_running_v1.physio.json").read_text("utf-8"))
    data["programme"]["client_context"] = {"conditions": []}
    bad = tmp_path / "bad.physio.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match="version 1 file carries no client context"):
        read_programme_file(bad)
