"""The command line as a user meets it: exit status, stdout and stderr.

Most tests run the commands in-process (tests/cli.py); two run the installed script itself, so
the entry point and a real pipe are covered too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner import __version__
from tests.cli import run

SCRIPT = shutil.which("physio-planner", path=str(Path(sys.executable).parent)) or "physio-planner"


def run_installed(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PHYSIO_PLANNER_DB"}
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_version() -> None:
    out = run_installed("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"physio-planner {__version__}"


def test_demo_then_check_reports_the_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    demo = run("demo", "--db", url, "--json")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["clients"] >= 5
    check = run("--db", url, "db", "check", "--json")
    report = json.loads(check.stdout)
    assert check.returncode == 0
    assert report["up_to_date"] is True and report["integrity"] == "ok"
    assert report["revision"] == report["head"]


def test_db_upgrade_on_a_new_file_says_what_it_did(tmp_path: Path) -> None:
    out = run("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert out.returncode == 0
    assert "upgraded from empty" in out.stdout


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not-a-url", "is not a database URL"),
        ("mysql://u@h/x", "unsupported database 'mysql'"),
        ("postgresql://nobody@127.0.0.1:1/nothing", "cannot reach the PostgreSQL database"),
    ],
)
def test_bad_database_urls_give_one_clear_line(url: str, expected: str) -> None:
    out = run("db", "check", "--db", url)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("shopping list: milk, eggs\n" * 100)
    out = run("demo", "--db", f"sqlite:///{fake}")
    assert out.returncode == 2
    assert (
        out.stderr.strip()
        == f"physio-planner: {fake} is not a Physio Planner database (not an SQLite file)"
    )
    assert fake.read_text().startswith("shopping list"), "the file is left untouched"


def test_password_never_printed() -> None:
    out = run("db", "check", "--db", "postgresql://clinic:s3cret@127.0.0.1:1/x")
    assert out.returncode == 2
    assert "s3cret" not in out.stderr


def test_library_check_and_figures_commands(tmp_path: Path) -> None:
    check = run("library", "check", "--json")
    assert check.returncode == 0, check.stdout
    report = json.loads(check.stdout)
    assert report["exercises"] >= 180 and report["problems"] == []

    out = run("library", "figures", "--out", str(tmp_path / "figs"))
    assert out.returncode == 0, out.stderr
    svgs = list((tmp_path / "figs").glob("*.svg"))
    assert len(svgs) == report["exercises"]
    assert (tmp_path / "figs" / "contact-sheet.png").read_bytes()[:4] == b"\x89PNG"


def test_library_check_names_the_broken_file(tmp_path: Path) -> None:
    data = tmp_path / "data" / "pilates"
    data.mkdir(parents=True)
    (data / "bad.toml").write_text('code = "bad"\nname = 5\n')
    out = run("library", "check", "--dir", str(tmp_path / "data"))
    assert out.returncode == 1
    assert "data/pilates/bad.toml: name: Input should be a valid string (got 5)" in out.stderr


def test_library_check_names_equipment_the_figure_does_not_show(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "exercise_library" / "data" / "warm_up"
    text = (source / "banded_squat.toml").read_text(encoding="utf-8")
    data = tmp_path / "data" / "warm_up"
    data.mkdir(parents=True)
    (data / "banded_squat.toml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("props =")),
        encoding="utf-8",
    )
    out = run("library", "check", "--dir", str(tmp_path / "data"))
    assert out.returncode == 1
    assert "banded_squat.toml: equipment: resistance_band: add a band prop" in out.stderr


def test_library_search_json_contract() -> None:
    out = run("library", "search", "RDL", "--json")
    hits = json.loads(out.stdout)
    assert hits[0]["code"] == "romanian_deadlift"
    assert set(hits[0]) == {"code", "name", "why"} and hits[0]["why"]


def test_output_piped_into_a_reader_that_stops_early_ends_quietly() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PHYSIO_PLANNER_DB"}
    proc = subprocess.Popen(
        [SCRIPT, "library", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err


def test_library_import_replace_updates_an_edited_export(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    made = run("library", "duplicate", "bridge", "clinic_bridge_ball", "--name", "Ball bridge",
               "--db", url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    exported = tmp_path / "clinic_bridge_ball.toml"
    assert run("library", "export", "clinic_bridge_ball", "--out", str(exported),
               "--db", url).returncode == 0  # fmt: skip
    squeeze = "Breathe out, squeeze the ball between your knees and lift your hips."
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("Breathe out and squeeze your buttocks.", squeeze), "utf-8")

    plain = run("library", "import", str(exported), "--db", url)
    assert plain.returncode == 2
    assert "already has an exercise with code 'clinic_bridge_ball'" in plain.stderr

    replaced = run("library", "import", str(exported), "--replace", "--db", url)
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout.strip() == (
        "replaced clinic exercise 'clinic_bridge_ball' (Ball bridge), now version 2"
    )
    listed = json.loads(run("library", "list", "--with-clinic", "--json", "--db", url).stdout)
    mine = next(ex for ex in listed if ex["code"] == "clinic_bridge_ball")
    assert mine["steps"][3] == squeeze

    again = run("library", "import", str(exported), "--replace", "--db", url)
    assert again.stdout.strip() == "clinic exercise 'clinic_bridge_ball' is unchanged"
    other = tmp_path / "other.toml"
    other.write_text(text.replace('code = "clinic_bridge_ball"', 'code = "clinic_bridge_two"'))
    added = run("library", "import", str(other), "--replace", "--db", url)
    assert added.stdout.strip() == "added clinic exercise 'clinic_bridge_two' (Ball bridge)"

    builtin = tmp_path / "bridge.toml"
    assert run("library", "export", "bridge", "--out", str(builtin), "--db", url).returncode == 0
    refused = run("library", "import", str(builtin), "--replace", "--db", url)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "physio-planner: 'bridge' is a built-in exercise and cannot be changed; "
        "duplicate it to make your own"
    )
