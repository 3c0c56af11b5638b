"""Every file is read strictly and within bounds, and its errors are short lines that name the
file and field (issue 16, problems 2, 5 and 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from exercise_library.files import ExerciseFileError, read_exercise_file
from planner.assessment.io import load_assessment
from planner.cli import main
from planner.errors import UserError
from planner.images import prepare_photo
from planner.programme.files import read_programme_file
from planner.records import ClientDetails
from planner.services import Services
from reports.commands import read_clinic_file, read_logs_file
from tests.planner.storage_helpers import cli, png_claiming
from ui import launcher

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROGRAMME = FIXTURES / "programmes" / "runner_back_to_running.physio.json"
ASSESSMENT = FIXTURES / "assessments" / "runner_left_glute_med.json"
RLO = "\u202e"  # right-to-left override: reverses the rest of a line on screen


LIBRARY = Path(__file__).resolve().parents[2] / "exercise_library" / "data"


def _toml_escape(text: str) -> str:
    return "".join(f"\\u{ord(ch):04x}" for ch in text)


def _one_short_line(message: str) -> str:
    assert len(message) < 300, f"{len(message)} characters: {message[:120]}"
    assert "\n" not in message and RLO not in message
    return message


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# -- 5. bounded, strict reading ---------------------------------------------------------------

READERS = {
    "assessment": lambda p: load_assessment(p),
    "programme": lambda p: read_programme_file(p),
    "clinic": lambda p: read_clinic_file(p),
    "logs": lambda p: read_logs_file(p),
}


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize(
    "content",
    [
        '{"format": ' + _nested(1000) + "}",
        '{"version": ' + "9" * 5000 + "}",
        '[{"date": "2025-01-01", "item": "a", "status": ' + _nested(1000) + "}]",
    ],
    ids=["nested 1000 deep", "5000-digit number", "nested in a list"],
)
def test_deep_nesting_and_huge_numbers_are_refused_in_words(
    tmp_path: Path, kind: str, content: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(UserError) as err:
        READERS[kind](path)
    message = _one_short_line(str(err.value))
    assert message.startswith(("bad.json: ", f"{path}: "))
    assert "nested more than 32 levels" in message or "longer than 15 digits" in message


def test_exercise_toml_nested_500_deep_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('code = "deep"\nsteps = ' + _nested(500) + "\n")
    with pytest.raises(ExerciseFileError) as err:
        read_exercise_file(path)
    assert "nested more than 32 levels" in _one_short_line(str(err.value))


def test_a_huge_or_hostile_value_is_quoted_short_and_escaped(tmp_path: Path) -> None:
    data = json.loads(ASSESSMENT.read_text())
    data["client"]["sex"] = RLO + "x" * 10_000_000
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError) as err:
        load_assessment(path)
    message = _one_short_line(str(err.value))
    assert "text longer than 20,000 characters" in message
    data["client"]["sex"] = RLO + "evil"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError) as err:
        load_assessment(path)
    assert "client.sex" in _one_short_line(str(err.value)) and "\\u202eevil" in str(err.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["programme"]["items"][0]["dosage"].update(reps=True), "dosage.reps"),
        (lambda d: d["programme"]["phases"][0].update(weeks="8"), "phases[0].weeks"),
        (lambda d: d["programme"].update(review_dates=[0]), "review_dates[0]"),
    ],
    ids=["true is not 1", "'8' is not 8", "0 is not a date"],
)
def test_programme_files_guess_no_types(tmp_path: Path, change, field: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(PROGRAMME.read_text())
    change(data)
    path = tmp_path / "p.physio.json"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError, match=field.replace("[", r"\[").replace("]", r"\]")):
        read_programme_file(path)


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    text = PROGRAMME.read_text().replace('"title":', '"title": "First", "title":', 1)
    path = tmp_path / "p.physio.json"
    path.write_text(text)
    with pytest.raises(UserError, match='field "title" is written twice in one object'):
        read_programme_file(path)


# -- 2. far-future dates are refused, never stored -----------------------------------------


def test_plan_with_a_far_future_start_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.physio.json"
    with pytest.raises(SystemExit) as exit_:
        main(["plan", str(ASSESSMENT), "--weeks", "8", "--start", "9999-12-20", "--out", str(out)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "9999-12-20 is outside the dates this app works with (1900-2200)" in err
    assert "Traceback" not in err and not out.exists()


def test_a_programme_file_starting_in_9999_is_not_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], services: Services
) -> None:
    data = json.loads(PROGRAMME.read_text())
    data["programme"]["start"] = "9999-12-01"
    path = tmp_path / "far.physio.json"
    path.write_text(json.dumps(data))
    for command in (["schedule", str(path)], ["import", str(path), "--db", str(services.db.url)]):
        code, _, err = cli(capsys, *command)
        assert code == 2
        assert "programme.start: 9999-12-01 is outside the dates" in _one_short_line(err.strip())
    assert services.programmes.most_recent() is None


# -- 6. images: an allow-list of formats and a pixel count checked before decoding ----------


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (12_000, 12_000)])
def test_a_picture_with_too_many_pixels_is_refused_before_decoding(width: int, height: int) -> None:
    with pytest.raises(UserError, match="too many pixels") as err:
        prepare_photo(png_claiming(width, height), "logo.png")
    _one_short_line(str(err.value))


def test_render_logo_takes_png_or_jpeg_only_and_says_so_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    gif, empty, broken = tmp_path / "logo.gif", tmp_path / "empty.png", tmp_path / "broken.png"
    Image.new("RGB", (40, 40)).save(gif, "GIF")
    empty.write_bytes(b"")
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    expected = {
        gif: "a GIF image; use a PNG or JPEG",
        empty: "the file is empty",
        broken: "a damaged PNG image that cannot be read",
    }
    for logo, words in expected.items():
        out = tmp_path / "handout.pdf"
        code = launcher.main(["render", str(PROGRAMME), "--logo", str(logo), "--out", str(out)])
        err = capsys.readouterr().err.strip()
        assert code == 2 and err == f"physio-planner: {logo}: {words}"
        assert "<" not in err and not out.exists()


@pytest.mark.parametrize("weeks", ["2", "52"])
def test_a_plan_whose_reviews_run_past_2200_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], weeks: str
) -> None:
    """The start is within range, but the review after the last week is not: such a programme
    could be written but never read back (it was a traceback)."""
    out = tmp_path / "p.physio.json"
    argv = ["plan", str(ASSESSMENT), "--weeks", weeks, "--start", "2200-12-20", "--out", str(out)]
    code, _, err = cli(capsys, *argv)
    assert code == 2
    message = _one_short_line(err.strip())
    assert message.startswith("physio-planner: start: a programme from 2200-12-20 would be")
    assert "after 2200-12-31, the last date this app works with" in message
    assert not out.exists()


@pytest.mark.storage
def test_a_template_whose_reviews_run_past_2200_is_refused_and_nothing_stored(
    services: Services,
) -> None:
    from datetime import date

    from planner.errors import Refused
    from planner.operations.programmes import create_programme
    from planner.programme.templates import builtin_templates

    client = services.clients.create(ClientDetails(name="Ana Late"))
    template = builtin_templates()[0]
    with pytest.raises(Refused, match="would be reviewed on 2201-") as err:
        create_programme(
            services, client.id, title="Late", start=date(2200, 12, 20), weeks=4, template=template
        )
    assert err.value.field == "start"
    assert services.programmes.for_client(client.id) == []


# -- valid text that would read differently from what it holds ---------------------------------

HIDDEN = [RLO, "\u2066", "\x1b[31m", "\x00"]  # an override, an isolate, a terminal colour, NUL


def _programme_with_title(tmp_path: Path, title: str) -> Path:
    data = json.loads(PROGRAMME.read_text())
    data["programme"]["title"] = title
    path = tmp_path / "titled.physio.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("hidden", HIDDEN, ids=["override", "isolate", "escape", "nul"])
def test_text_with_a_hidden_control_character_is_refused_by_every_reader(
    tmp_path: Path, hidden: str
) -> None:
    """A title holding a right-to-left override shows reversed in the window, the handout and a
    terminal; such characters have no use in a clinic's text, so they are refused by name."""
    with pytest.raises(UserError) as err:
        read_programme_file(_programme_with_title(tmp_path, f"Home {hidden}evitca plan"))
    message = _one_short_line(str(err.value))
    assert "programme.title: holds a hidden control character (U+" in message

    data = json.loads(ASSESSMENT.read_text())
    data["pain"]["area"] = f"low {hidden}back"
    path = tmp_path / "hidden.json"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError, match=r"pain\.area: holds a hidden control character"):
        load_assessment(path)

    with pytest.raises(ValueError, match="hidden control character"):
        ClientDetails(name=f"Zo{hidden}e")

    toml = (LIBRARY / "strength" / "squat.toml").read_text()
    exercise = tmp_path / "squat.toml"
    exercise.write_text(toml.replace('name = "Squat"', f'name = "Sq{_toml_escape(hidden)}uat"'))
    with pytest.raises(ExerciseFileError, match="hidden control character"):
        read_exercise_file(exercise)


def test_mixed_direction_names_and_line_breaks_are_kept(tmp_path: Path) -> None:
    """Arabic or Hebrew beside Latin text, with the marks that order them, and notes over
    several lines are ordinary text."""
    from planner.records import ClientDetails

    name = "Layla \u200fليلى\u200f Haddad"
    assert ClientDetails(name=name, notes="First line\nSecond line\ttabbed").name == name
    title = "Plan for שרה\u200e (week 1)"
    assert read_programme_file(_programme_with_title(tmp_path, title)).programme.title == title
