"""`physio-planner plan`, `schedule`, `export-ics` and `export-csv` as a clinic's script uses
them: files in, files and JSON out, and one clear line when something is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from planner.assessment.io import load_assessment
from planner.assessment.recommend import recommend
from planner.cli import main
from planner.programme.files import read_programme_file
from tests.policy import PUBLISHED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RUNNER = FIXTURES / "assessments" / "runner_left_glute_med.json"
URGENT = FIXTURES / "assessments" / "red_flag_urgent.json"
PROGRAMME = FIXTURES / "programmes" / "runner_back_to_running.physio.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_builds_a_programme_from_the_recommendation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "ana.physio.json"
    code, out, err = run(
        capsys,
        "plan", str(RUNNER), "--weeks", "8", "--start", "2025-03-03", "--out", str(out_file),
        "--therapist", "Sam Lee", "--json",
    )  # fmt: skip
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["start"], summary["end"], summary["weeks"]) == ("2025-03-03", "2025-04-27", 8)
    pf = read_programme_file(out_file)
    recommended = [e.code for e in recommend(load_assessment(RUNNER), PUBLISHED).all_items]
    assert [i.code for i in pf.programme.items] == recommended == summary["items"]
    assert pf.programme.client == load_assessment(RUNNER).client.name
    assert pf.programme.therapist == "Sam Lee"
    assert pf.programme.review_dates == [dt.date(2025, 3, 31), dt.date(2025, 4, 28)]
    # Every item says why it was chosen, and anything that progresses has its rules.
    assert all(item.reason for item in pf.programme.items)
    for item in pf.programme.items:
        assert item.reason and item.reason not in item.notes, "reasons are not client notes"
    # The running plan's runs carry their client notes (rest days, shoes); the rest none.
    noted = [i.code for i in pf.programme.items if i.notes]
    assert noted == ["dynamic_running_warm_up", "easy_run", "long_run"]


def test_plan_refuses_when_the_assessment_needs_a_referral(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "x.physio.json"
    code, _, err = run(
        capsys, "plan", str(URGENT), "--weeks", "6", "--start", "2025-03-03", "--out", str(out_file)
    )
    assert code == 2
    assert err.startswith("physio-planner: red_flag_urgent.json: no programme can be planned")
    assert len(err.strip().splitlines()) == 1
    assert not out_file.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0", "--start", "2025-03-03"], "weeks must be 1 to 104"),
        (["--weeks", "6", "--start", "3/3/2025"], "is not a date like 2025-03-03"),
    ],
)
def test_plan_arguments_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plan", str(RUNNER), *args, "--out", str(tmp_path / "p.physio.json")])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_schedule_json_lists_every_date_with_each_items_dose_and_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "schedule", str(PROGRAMME), "--json")
    assert code == 0, err
    days = json.loads(out)
    assert len(days) == 56
    assert days[0]["date"] == "2025-03-03" and days[-1]["date"] == "2025-04-27"
    monday = days[0]["items"]
    keys = {"code", "name", "kind", "dosage", "text", "volume"}
    assert [set(i) for i in monday] == [keys] * len(monday)
    assert {i["kind"] for i in monday} == {"exercise"}
    clamshell = next(i for i in monday if i["code"] == "clamshell")
    assert clamshell["text"] == (
        "Left: 3 sets of 12 with the yellow band. Right: 2 sets of 12 with the yellow band. "
        "Rest 30 seconds between sets."
    )
    assert (clamshell["dosage"]["left"]["sets"], clamshell["dosage"]["right"]["sets"]) == (3, 2)
    # Running starts with phase 2 (week 5) on its own days.
    week5_monday = next(d for d in days if d["date"] == "2025-03-31")
    assert "walk_jog_4_2" in [i["code"] for i in week5_monday["items"]]
    assert all(i["code"] != "walk_jog_4_2" for d in days[:28] for i in d["items"])


def test_schedule_text_reads_like_a_diary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schedule", str(PROGRAMME))
    assert code == 0
    assert "Mon 3 March (week 1, Settle and strengthen)" in out
    assert "  Incline treadmill walk: 20 minutes" in out
    assert "Review with your physio" in out


def test_export_ics_parses_back_one_event_per_session_day_and_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "ana.ics"
    code, _out, err = run(capsys, "export-ics", str(PROGRAMME), "--out", str(ics))
    assert code == 0, err
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    sessions = [e for e in events if str(e["summary"]).startswith("Home exercises")]
    reviews = [e for e in events if str(e["summary"]).startswith("Physio review")]
    schedule_days = json.loads(_schedule_json(capsys))
    session_days = [d for d in schedule_days if d["items"]]
    assert len(sessions) == len(session_days)
    assert [r.decoded("dtstart") for r in reviews] == [dt.date(2025, 3, 31), dt.date(2025, 4, 28)]
    assert str(reviews[0]["summary"]) == (
        "Physio review with Sam Lee: Back to running after a flare-up"
    )
    first = sessions[0]
    assert first.decoded("dtstart") == dt.date(2025, 3, 3)
    lines = str(first["description"]).split("\n")
    assert lines == [f"{i['name']}: {i['text']}" for i in session_days[0]["items"]]
    assert len({str(e["uid"]) for e in events}) == len(events)


def _schedule_json(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["schedule", str(PROGRAMME), "--json"]) == 0
    return capsys.readouterr().out


def test_export_csv_parses_back_with_one_row_per_exercise_per_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_csv = tmp_path / "ana.csv"
    code, _, err = run(capsys, "export-csv", str(PROGRAMME), "--out", str(out_csv))
    assert code == 0, err
    with out_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    schedule_days = json.loads(_schedule_json(capsys))
    sessions = [r for r in rows if r["kind"] in ("session", "run")]
    runs = {r["code"] for r in rows if r["kind"] == "run"}
    assert runs and all(code.startswith(("walk_jog", "jog_", "continuous_jog")) for code in runs)
    assert len(sessions) == sum(len(d["items"]) for d in schedule_days)
    assert [r["date"] for r in rows if r["kind"] == "review"] == ["2025-03-31", "2025-04-28"]
    clamshell = next(r for r in sessions if r["code"] == "clamshell")
    assert (clamshell["left"], clamshell["right"]) == (
        "3 sets of 12 with the yellow band",
        "2 sets of 12 with the yellow band",
    )
    assert clamshell["per_side"] == "yes" and clamshell["load"] == "yellow band"
    squat_week2 = next(r for r in sessions if r["code"] == "squat" and r["week"] == "2")
    # 8 -> 10 reps would be a quarter more work in one week; the plan keeps to 20%.
    assert (squat_week2["reps"], squat_week2["load"], squat_week2["tempo"]) == (
        "9",
        "16 kg",
        "3-1-1",
    )
    # The dose column is the same wording as everywhere else.
    day1 = schedule_days[0]["items"]
    assert [r["dose"] for r in sessions if r["date"] == "2025-03-03"] == [i["text"] for i in day1]


@pytest.mark.parametrize("command", ["schedule", "export-ics", "export-csv"])
def test_a_broken_programme_file_gives_one_line_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    broken = FIXTURES / "programmes" / "truncated.physio.json"
    extra = [] if command == "schedule" else ["--out", str(tmp_path / "out")]
    code, _out, err = run(capsys, command, str(broken), *extra)
    assert code == 2
    assert "the file looks cut short" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
