"""`physio-planner render` and `report` as a clinic's script uses them: files in, a PDF out,
and one clear line when something is wrong, with nothing half-written left behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reports.commands
from planner import cli
from planner.services import Services
from planner.settings import ClinicSettings
from tests.reports.conftest import ASSESSMENTS, RUNNER, TWELVE
from tests.reports.reading import read
from ui import launcher

SCRIPT = shutil.which("physio-planner", path=str(Path(sys.executable).parent)) or "physio-planner"
RUNNER_ASSESSMENT = ASSESSMENTS / "runner_left_glute_med.json"
FOLLOW_UP = ASSESSMENTS / "runner_follow_up.json"
URGENT = ASSESSMENTS / "red_flag_urgent.json"


@pytest.fixture(autouse=True)
def no_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workstation with no database of its own (the user data folder is empty)."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.delenv("PHYSIO_PLANNER_DB", raising=False)
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = launcher.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def clinic_file(tmp_path: Path, **values: object) -> Path:
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def test_render_prints_the_clinics_handout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zoe.pdf"
    settings = clinic_file(tmp_path, clinic_name="Ñandú Physiotherapy", phone="023 9200 0000")
    code, stdout, err = run(
        capsys, "render", str(TWELVE), "--out", str(out), "--paper", "letter",
        "--large-print", "--clinic", str(settings), "--condition", "pregnancy", "--trimester", "1",
    )  # fmt: skip
    assert code == 0, err
    pdf = read(out.read_bytes())
    assert stdout.startswith(f"Wrote {out}: home programme, {len(pdf.pages)} pages.")
    assert {(round(w), round(h)) for w, h in pdf.sizes} == {(612, 792)}
    assert "Ñandú Physiotherapy" in pdf.pages[0]
    assert "Take care:" in pdf.text
    assert min(size for size, _ in pdf.text_sizes(0, above_y=45)) >= 14
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_pregnancy_of_unknown_stage_is_judged_at_the_strictest_trimester(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """clinical-facts.md, pregnancy: no supine exercise after the first trimester. A file
    that does not say the trimester cannot print lying-on-the-back work unless it is given."""
    out = tmp_path / "zoe.pdf"
    code, _, err = run(capsys, "render", str(TWELVE), "--out", str(out), "--condition", "pregnancy")
    assert code == 2 and not out.exists()
    assert "not printed or exported" in err and "Bridge" in err
    code, _, err = run(capsys, "render", str(TWELVE), "--out", str(out), "--trimester", "2")
    assert code == 2 and "Bridge" in err


def test_without_a_clinic_phone_number_render_refuses_and_says_which_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_default_database: Path
) -> None:
    out = tmp_path / "ana.pdf"
    code, stdout, err = run(capsys, "render", str(RUNNER), "--out", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert 'phone number (setting "phone") is not set' in err and "--clinic FILE" in err
    assert stdout == "" and not out.exists()
    assert not no_default_database.exists(), "rendering must not create a database"
    # A clinic file without a phone names itself in the message.
    settings = clinic_file(tmp_path, clinic_name="Ñandú Physiotherapy")
    code, _, err = run(capsys, "render", str(RUNNER), "--clinic", str(settings), "--out", str(out))
    assert code == 2 and f"{settings}: the clinic's phone number" in err


def test_with_a_phone_in_the_clinic_file_the_handout_prints_it_on_page_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ana.pdf"
    settings = clinic_file(tmp_path, phone="555 0100")
    code, _, err = run(capsys, "render", str(RUNNER), "--clinic", str(settings), "--out", str(out))
    assert code == 0, err
    first = read(out.read_bytes()).pages[0]
    assert first.startswith("Phone: 555 0100 Back to running after a flare-up")
    assert "Stop and contact us: 555 0100" in first


def test_the_log_sheet_is_added_only_when_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = clinic_file(tmp_path, phone="555 0100")
    plain, with_log = tmp_path / "plain.pdf", tmp_path / "log.pdf"
    run(capsys, "render", str(RUNNER), "--clinic", str(settings), "--out", str(plain))
    code, _, err = run(
        capsys, "render", str(RUNNER), "--clinic", str(settings), "--out", str(with_log),
        "--log-sheet",
    )  # fmt: skip
    assert code == 0, err
    assert "Your log sheet" not in read(plain.read_bytes()).text
    assert "Your log sheet" in read(with_log.read_bytes()).text


@pytest.mark.storage
@pytest.mark.own_accounts  # starts from settings never saved
def test_render_takes_clinic_details_logo_and_photos_from_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], services: Services, db_url: str
) -> None:
    from PIL import Image

    version = services.settings.save(
        ClinicSettings(clinic_name="Søren Ødegård Physio", phone="555 0100"), expected_version=0
    )
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (30, 30, 30)).save(logo)
    services.settings.set_logo(logo.read_bytes(), version)
    photo = tmp_path / "clamshell.png"
    Image.new("RGB", (400, 300), (220, 220, 220)).save(photo)
    services.media.attach_photo("clamshell", photo)
    out = tmp_path / "ana.pdf"
    code, _, err = run(capsys, "render", str(RUNNER), "--db", db_url, "--out", str(out))
    assert code == 0, err
    pdf = read(out.read_bytes())
    assert "Søren Ødegård Physio" in pdf.pages[0]
    assert "Stop and contact us: 555 0100" in pdf.pages[0]
    assert pdf.images_on(0) >= 1  # the logo
    assert pdf.images_on(pdf.pages_with("Clamshell Weeks 1–8")[0]) >= 1  # the clinic's photo


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "missing.physio.json"], "missing.physio.json: no such file"),
        (
            ["render", str(TWELVE), "--condition", "pregnant"],
            "--condition: 'pregnant' is not a condition code",
        ),
        (
            ["report", "assessment", str(ASSESSMENTS / "nope.json")],
            "nope.json: no such file",
        ),
        (
            ["report", "progress", str(RUNNER_ASSESSMENT), str(URGENT)],
            "these assessments are of different clients",
        ),
    ],
)
def test_bad_input_gives_one_clear_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the previous handout")
    if args[0] == "render":
        args = [*args, "--clinic", str(clinic_file(tmp_path, phone="555 0100"))]
    code, _, err = run(capsys, *args, "--out", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert out.read_bytes() == b"the previous handout"


def test_a_wrong_value_in_clinic_settings_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = clinic_file(tmp_path, clinic_name="Ñandú", paper="a5")
    code, _, err = run(
        capsys, "render", str(TWELVE), "--clinic", str(settings), "--out", str(tmp_path / "x.pdf")
    )
    assert code == 2
    assert f"{settings}: paper:" in err and '"a5"' in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_wrong_session_log_names_its_entry_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs.json"
    logs.write_text(
        json.dumps([{"date": "2025-03-03", "item": "squat", "status": "done", "pain_during": 12}]),
        encoding="utf-8",
    )
    settings = clinic_file(tmp_path, phone="555 0100")
    code, _, err = run(
        capsys, "render", str(RUNNER), "--logs", str(logs), "--out", str(tmp_path / "x.pdf"),
        "--clinic", str(settings),
    )  # fmt: skip
    assert code == 2
    assert f"{logs}: [0].pain_during:" in err and "12" in err


def test_report_assessment_and_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.pdf"
    code, stdout, err = run(
        capsys, "report", "assessment", str(RUNNER_ASSESSMENT), "--out", str(summary),
        "--therapist", "Sam Lee",
    )  # fmt: skip
    assert code == 0, err
    assert "assessment summary" in stdout
    assert "Assessed by Sam Lee" in read(summary.read_bytes()).pages[0]

    logs = tmp_path / "logs.json"
    logs.write_text(
        json.dumps(
            {
                "logs": [
                    {"date": "2025-03-03", "item": "squat", "status": "done", "pain_during": 3},
                    {"date": "2025-03-05", "item": "squat", "status": "done", "pain_during": 2},
                ]
            }
        ),
        encoding="utf-8",
    )
    progress = tmp_path / "progress.pdf"
    code, stdout, err = run(
        capsys, "report", "progress", str(RUNNER_ASSESSMENT), str(FOLLOW_UP),
        "--programme", str(RUNNER), "--logs", str(logs), "--out", str(progress),
    )  # fmt: skip
    assert code == 0, err
    text = read(progress.read_bytes()).text
    assert "Changes since the first assessment" in text
    assert "Sessions planned and logged" in text


def test_planner_alone_does_not_know_the_report_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # planner never imports reports: the commands exist only when the launcher passes them in.
    with pytest.raises(SystemExit) as caught:
        cli.main(["render", str(RUNNER), "--out", "x.pdf"])
    assert caught.value.code == 2
    capsys.readouterr()
    parser = cli.build_parser([reports.commands])
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"render", "report", "plan", "assess"} <= set(commands)


def test_the_installed_script_renders(tmp_path: Path) -> None:
    out = tmp_path / "ana.pdf"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("PHYSIO_PLANNER_DB", None)
    settings = clinic_file(tmp_path, phone="555 0100")
    done = subprocess.run(
        [SCRIPT, "render", str(RUNNER), "--out", str(out), "--clinic", str(settings)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Ana Ribeiro" in read(out.read_bytes()).text
