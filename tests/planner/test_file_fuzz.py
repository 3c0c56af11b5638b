"""Generated and mutated files of every format, fed to the readers the app uses (issue 16):
a file is read or refused with one short line, never a traceback, and a refused import writes
nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import func, select

from exercise_library.catalogue import DATA_DIR
from exercise_library.files import ExerciseFileError, read_exercise_file
from planner.assessment.io import load_assessment
from planner.errors import PlannerError
from planner.images import prepare_photo
from planner.programme.files import read_programme_file
from planner.programme.templates import TEMPLATES_DIR, read_template_file
from planner.records import ClientDetails
from planner.services import Services
from planner.store.models import AssessmentRow, CustomExerciseRow, ExerciseMediaRow, ProgrammeRow
from reports.commands import read_clinic_file, read_logs_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS: dict[str, bytes] = {
    "programme": (FIXTURES / "programmes" / "runner_back_to_running.physio.json").read_bytes(),
    "assessment": (FIXTURES / "assessments" / "runner_left_glute_med.json").read_bytes(),
    "clinic": json.dumps(
        {"clinic_name": "Ærø Physio", "paper": "a4", "session_minutes": 30, "phone": "555"}
    ).encode(),
    "logs": json.dumps(
        [{"date": "2026-01-06", "item": "bridge-1", "status": "done", "pain_during": 2}]
    ).encode(),
    "template": sorted(TEMPLATES_DIR.glob("*.json"))[0].read_bytes(),
    "exercise": (DATA_DIR / "pilates" / "clamshell.toml").read_bytes(),
}

# Values known to break naive readers: deep nesting, huge numbers, long and hostile text.
NASTY: list[Any] = [
    "9" * 5000,
    10**40,
    1e308,
    -1,
    0,
    True,
    None,
    "",
    "\u202e\u0000\u2028",
    "x" * 30_000,
    "9999-12-31",
    "0001-01-01",
    json.loads("[" * 40 + "]" * 40),
    {"": {}},
    [None] * 3,
]

# Raw text spliced in where a value was: what json.dumps cannot write. Nesting is far deeper
# than any stack (hypothesis raises the recursion limit while it runs a test).
RAW = [
    "9" * 5000,
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    "1e999",
    "NaN",
    '"\\ud800"',
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(NASTY),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*here, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out += _paths(item, (*here, n))
    return out


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return data


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """The seed file of ``kind`` with a few structural or byte-level changes."""
    seed = SEEDS[kind]
    how = draw(st.sampled_from(["value", "duplicate", "bytes", "cut", "whole"]))
    if how == "whole":
        value = draw(json_values)
        return json.dumps(value).encode() if kind != "exercise" else str(value).encode()
    if how == "cut":
        return seed[: draw(st.integers(0, len(seed)))]
    if how == "bytes":
        out = bytearray(seed)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(out) - 1))
            out[at] = draw(st.integers(0, 255))
        return bytes(out)
    if kind == "exercise":
        lines = seed.decode().splitlines()
        at = draw(st.integers(0, len(lines) - 1))
        key = lines[at].split("=")[0].strip() or "name"
        new = draw(
            st.sampled_from(['"x"', "1" * 5000, "true", "[" * 200 + "]" * 200, "1979-05-27"])
        )
        extra = f"{key} = {new}" if how == "duplicate" else lines[at].split("=")[0] + f"= {new}"
        lines.insert(at, extra) if how == "duplicate" else lines.__setitem__(at, extra)
        return "\n".join(lines).encode()
    data = json.loads(seed)
    if how == "duplicate":
        text = seed.decode()
        return text.replace('": ', '": 1, "version": ', 1).encode()
    path = draw(st.sampled_from(_paths(data)))
    return json.dumps(_replace(data, path, draw(json_values))).encode()


@st.composite
def spliced(draw: st.DrawFn, kind: str, hazard: str) -> bytes:
    """The seed file with ``hazard`` (raw text) where one of its values was."""
    seed = SEEDS[kind]
    if kind == "exercise":
        lines = seed.decode().splitlines()
        at = draw(st.sampled_from([n for n, line in enumerate(lines) if " = " in line]))
        lines[at] = lines[at].split(" = ")[0] + " = " + hazard
        return "\n".join(lines).encode()
    data = json.loads(seed)
    path = draw(st.sampled_from(_paths(data)))
    text = json.dumps(_replace(data, path, "__SPLICE__"))
    return text.replace('"__SPLICE__"', hazard).encode()


def _check_message(exc: BaseException) -> None:
    message = str(exc)
    assert len(message) < 300, f"{len(message)} characters: {message[:100]}"
    assert "\n" not in message and "\u202e" not in message and "\u2028" not in message


READ: dict[str, Callable[[Path], object]] = {
    "programme": read_programme_file,
    "assessment": load_assessment,
    "clinic": read_clinic_file,
    "logs": read_logs_file,
    "template": read_template_file,
    "exercise": read_exercise_file,
}
SUFFIX = {"exercise": ".toml"}


@pytest.mark.parametrize("kind", sorted(READ))
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_reader_refuses_in_one_short_line(
    kind: str, data: st.DataObject, tmp_path: Path
) -> None:
    content = data.draw(mutated(kind))
    path = tmp_path / f"file{SUFFIX.get(kind, '.json')}"
    path.write_bytes(content)
    try:
        READ[kind](path)
    except (PlannerError, ExerciseFileError) as exc:
        _check_message(exc)


@pytest.mark.parametrize(
    "hazard",
    RAW,
    ids=["5000 digits", "deep lists", "deep objects", "1e999", "NaN", "lone surrogate"],
)
@pytest.mark.parametrize("kind", sorted(READ))
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_what_broke_readers_before_is_refused_anywhere_in_a_file(
    kind: str, hazard: str, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / f"file{SUFFIX.get(kind, '.json')}"
    path.write_bytes(data.draw(spliced(kind, hazard)))
    try:
        READ[kind](path)
    except (PlannerError, ExerciseFileError) as exc:
        _check_message(exc)


def _counts(services: Services) -> tuple[int, ...]:
    with services.db.transaction() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(row)) or 0
            for row in (ProgrammeRow, AssessmentRow, CustomExerciseRow, ExerciseMediaRow)
        )


@pytest.mark.storage
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_refused_import_writes_nothing(
    data: st.DataObject, services: Services, tmp_path: Path
) -> None:
    kind = data.draw(st.sampled_from(["programme", "assessment", "exercise", "photo"]))
    path = tmp_path / f"import{SUFFIX.get(kind, '.json')}"
    path.write_bytes(data.draw(images() if kind == "photo" else mutated(kind)))
    found = services.clients.search("", limit=1)
    client_id = found[0].id if found else services.clients.create(ClientDetails(name="Fuzz")).id
    before = _counts(services)
    try:
        if kind == "programme":
            services.programmes.import_file(path, client_id)
        elif kind == "assessment":
            services.assessments.import_file(path, client_id)
        elif kind == "photo":
            services.media.attach_photo("bridge", path)
        else:
            services.exercises.import_file(path)
    except PlannerError as exc:
        _check_message(exc)
        assert _counts(services) == before, "a refused import wrote something"


@st.composite
def images(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["PNG", "JPEG"]))
    size = (draw(st.integers(1, 60)), draw(st.integers(1, 60)))
    buffer = io.BytesIO()
    Image.new(draw(st.sampled_from(["RGB", "L", "RGBA" if kind == "PNG" else "CMYK"])), size).save(
        buffer, kind
    )
    out = bytearray(buffer.getvalue())
    how = draw(st.sampled_from(["keep", "flip", "cut", "junk"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 6))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    elif how == "cut":
        out = out[: draw(st.integers(0, len(out)))]
    elif how == "junk":
        out = bytearray(draw(st.binary(max_size=200)))
    return bytes(out)


@settings(max_examples=150, deadline=None)
@given(image=images())
def test_every_image_is_taken_or_refused_in_one_short_line(image: bytes) -> None:
    try:
        prepare_photo(image, "photo.png")
    except PlannerError as exc:
        _check_message(exc)
