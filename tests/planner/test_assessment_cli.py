"""`physio-planner assess`, `recommend` and `schema` as a script or a therapist uses them.

The --json keys are a contract; these tests pin them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.cli import EXIT_USER_ERROR, main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
RUNNER = str(FIXTURES / "runner_left_glute_med.json")
SCRIPT = shutil.which("physio-planner", path=str(Path(sys.executable).parent)) or "physio-planner"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


# --- assess ---------------------------------------------------------------------------------


def test_assess_json_has_the_published_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", RUNNER)
    assert list(data) == [
        "referral",
        "red_flags",
        "scores",
        "imbalances",
        "care_pathway",
        "inferred_conditions",
        "directional_preference",
        "notes",
    ]
    assert data["care_pathway"] is None  # no STarT Back in this file
    assert data["referral"] == "none" and data["red_flags"] == []
    assert list(data["scores"]) == ["odi", "start_back", "psfs", "roland_morris", "nprs"]
    assert data["scores"]["odi"] == {"percent": 14, "band": "minimal"}
    assert data["scores"]["psfs"] == {"mean": 6.33}
    assert data["scores"]["nprs"] == {"now": 3, "worst": 6}
    assert data["scores"]["start_back"] is None and data["scores"]["roland_morris"] is None
    for item in data["imbalances"]:
        assert list(item) == ["code", "side", "evidence", "norm_set"]
    by_code = {i["code"]: i for i in data["imbalances"]}
    assert by_code["weak_glute_med"]["side"] == "left"
    assert by_code["tight_hamstrings"]["side"] == "both"
    assert by_code["load_management"]["side"] is None
    # 42 km against 30 km four weeks ago is within the 4-week limit; the shoes are worn out.
    assert not any("Nielsen 2014" in e for e in by_code["load_management"]["evidence"])
    assert any("640-800 km" in e for e in by_code["load_management"]["evidence"])


def test_assess_json_for_an_urgent_case(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", str(FIXTURES / "red_flag_urgent.json"))
    assert data["referral"] == "urgent"
    assert data["red_flags"][0] == {
        "code": "cauda_equina_signs",
        "level": "urgent",
        "message": data["red_flags"][0]["message"],
    }
    assert data["red_flags"][1]["level"] == "prompt"
    assert data["scores"]["odi"]["band"] == "crippled"


def test_assess_json_for_questionnaire_scores(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "assess", str(FIXTURES / "pregnant_t2_disc_herniation.json"))
    assert data["scores"]["start_back"] == {"total": 6, "psychosocial": 4, "risk": "high"}
    assert data["scores"]["roland_morris"] == {"total": 10}


def test_assess_text_reads_like_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", RUNNER)
    assert code == 0
    assert "Assessment of Ana Ribeiro" in out
    assert "Referral: none" in out
    assert "Weak gluteus medius, left" in out
    assert "Oswestry Disability Index: 14% (10 of 10 sections answered); minimal disability" in out


def test_assess_text_puts_the_red_flags_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(FIXTURES / "red_flag_urgent.json"))
    assert code == 0
    assert out.index("Referral: urgent") < out.index("Scores") < out.index("Imbalances")


def test_assess_with_clinic_thresholds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    overrides = tmp_path / "clinic.json"
    overrides.write_text(json.dumps({"ake_deficit_max_deg": 35, "slr_min_deg": 60}))
    data = run_json(capsys, "assess", RUNNER, "--thresholds", str(overrides))
    assert "tight_hamstrings" not in {i["code"] for i in data["imbalances"]}


def test_bad_thresholds_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    overrides = tmp_path / "clinic.json"
    overrides.write_text(json.dumps({"slr_minimum": 60}))
    code, _, err = run(capsys, "assess", RUNNER, "--thresholds", str(overrides))
    assert code == EXIT_USER_ERROR
    assert "clinic.json" in err and "slr_minimum" in err


def test_bad_assessment_file_ends_in_one_line_naming_field_and_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    raw = json.loads(Path(RUNNER).read_text())
    raw["pain"]["now"] = 12
    bad = tmp_path / "ana.json"
    bad.write_text(json.dumps(raw))
    code, out, err = run(capsys, "assess", str(bad), "--json")
    assert code == EXIT_USER_ERROR and out == ""
    assert err.count("\n") == 1
    assert "ana.json" in err and "pain.now" in err and "12" in err


# --- recommend ------------------------------------------------------------------------------


def test_recommend_json_has_the_published_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "recommend", RUNNER)
    assert list(data)[:5] == ["referral", "blocked_reason", "exercises", "excluded", "care_pathway"]
    assert list(data)[5:] == ["runs", "findings_ranked", "uncovered", "advice", "notes"]
    assert data["referral"] == "none" and data["blocked_reason"] is None
    assert 6 <= len(data["exercises"]) <= 10
    for item in [*data["exercises"], *data["runs"]]:
        assert list(item) == [
            "code", "name", "modality", "imbalances", "reason", "cautions",
            "primary_for", "dosage", "days", "role",
        ]  # fmt: skip
    assert data["exercises"][0]["modality"] == "warm_up"
    for item in data["excluded"]:
        assert list(item) == ["code", "reason"]


def test_recommend_json_blocked_by_a_referral(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "recommend", str(FIXTURES / "prompt_flag_not_cleared.json"))
    assert data["referral"] == "prompt"
    assert data["exercises"] == [] and data["excluded"] == []
    assert "clearance" in data["blocked_reason"]


def test_recommend_json_shows_cautions_for_a_pregnant_client(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, "recommend", str(FIXTURES / "pregnant_t2_disc_herniation.json"))
    assert data["exercises"]
    excluded = {x["code"]: x["reason"] for x in data["excluded"]}
    assert "lying on the back" in excluded["bridge"]


def test_recommend_session_length(capsys: pytest.CaptureFixture[str]) -> None:
    long = run_json(capsys, "recommend", RUNNER, "--minutes", "45")
    short = run_json(capsys, "recommend", RUNNER, "--minutes", "10")
    assert len(short["exercises"]) < len(long["exercises"])


def test_recommend_refuses_an_impossible_session(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "recommend", RUNNER, "--minutes", "0")
    assert code == EXIT_USER_ERROR and "--minutes" in err


def test_recommend_text_lists_the_programme_with_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "recommend", RUNNER)
    assert code == 0
    assert "Starting programme:" in out and "of 30 minutes" in out
    assert "  1. " in out and "Why: " in out
    assert "Not offered" in out


def test_recommend_text_when_blocked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", str(FIXTURES / "red_flag_urgent.json"))
    assert code == 0
    assert "No exercise recommended." in out and "Urgent" in out


# --- schema ---------------------------------------------------------------------------------


def test_schema_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "assessment")
    schema = json.loads(out)
    assert code == 0
    assert "format" in schema["required"] and schema["additionalProperties"] is False


def test_schema_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "exercise")
    schema = json.loads(out)
    assert code == 0
    assert {"code", "name", "modality", "dosage"} <= set(schema["properties"])


def test_schema_programme_or_a_clear_not_yet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema", "programme")
    if code == 0:
        assert isinstance(json.loads(out), dict)
    else:
        assert code == EXIT_USER_ERROR and "not available yet" in err


def test_installed_script_assesses_a_file() -> None:
    done = subprocess.run(
        [SCRIPT, "assess", RUNNER, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["referral"] == "none"
