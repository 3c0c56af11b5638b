"""Assessment format version 2: the nerve tests, who cleared the client and when, the explicit
"screened: none present", the due date, a running profile that compares like with like, and the
draft form in which nothing typed is lost. Version 1 files keep loading, with the same scores.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from exercise_library.vocabulary import RedFlag
from exercise_library.vocabulary import TestCode as Code
from planner.assessment.draft import AssessmentDraft, keep_valid
from planner.assessment.io import (
    assessment_json_schema,
    dumps_assessment,
    load_assessment,
    parse_assessment,
)
from planner.assessment.model import AssessmentFile, SlrSymptoms
from planner.assessment.scores import compute_scores
from planner.errors import UserError
from planner.safety import ClientContext, client_block
from tests.policy import PUBLISHED

HERE = Path(__file__).resolve().parents[1] / "fixtures"
REVIEW = HERE / "review_cases"
VERSION_1 = sorted((HERE / "assessments").glob("*.json")) + sorted(REVIEW.glob("*.json"))


def _v2(**extra: Any) -> dict[str, Any]:
    return {
        "format": "physio-planner/assessment",
        "version": 2,
        "client": {"name": "Lena Moss", "birth_date": "1990-02-01", "sex": "female"},
        "date": "2026-01-05",
        **extra,
    }


def _parse(data: dict[str, Any]) -> AssessmentFile:
    return parse_assessment(json.dumps(data), "lena.json")


# --- version 1 keeps working ------------------------------------------------------------------


@pytest.mark.parametrize("path", VERSION_1, ids=lambda p: p.stem)
def test_version_1_files_load_as_version_2_and_round_trip(path: Path) -> None:
    a = load_assessment(path)
    assert a.version == 2
    again = parse_assessment(dumps_assessment(a), "again.json")
    assert again == a
    assert json.loads(dumps_assessment(a))["version"] == 2


# Scores worked out by hand from the review cases (clinical-facts.md, Questionnaires: ODI percent
# = sum / (5 x answered) x 100; STarT Back total and psychosocial items 5-9).
HAND_SCORED = {
    "a_recreational_left_glute_med": (20.0, 3, 1, "low"),
    "b_marathoner_hamstrings_load_spike": (16.0, 1, 0, "low"),
    "c_58yo_osteoporosis": (26.0, 4, 2, "medium"),
    "d_pregnant_24wk": (18.0, 4, 2, "medium"),
    "e_radicular_below_knee_slr": (44.44, 8, 4, "high"),
    "f_cauda_equina": (60.0, None, None, None),
}


@pytest.mark.parametrize("stem", sorted(HAND_SCORED))
def test_version_1_review_cases_give_the_scores_worked_out_by_hand(stem: str) -> None:
    odi, total, psychosocial, risk = HAND_SCORED[stem]
    s = compute_scores(load_assessment(REVIEW / f"{stem}.json"), PUBLISHED)
    assert s.odi is not None and round(s.odi.percent, 2) == odi
    if total is None:
        assert s.start_back is None
    else:
        assert s.start_back is not None
        assert (s.start_back.total, s.start_back.psychosocial, s.start_back.risk.value) == (
            total,
            psychosocial,
            risk,
        )


def test_version_1_clearance_reads_as_cleared_with_who_and_when_unknown() -> None:
    a = load_assessment(REVIEW / "e2_radicular_gp_cleared.json")
    assert a.medical_clearance is True
    assert a.clearance is not None and a.clearance.by is None and a.clearance.date is None
    assert load_assessment(REVIEW / "e_radicular_below_knee_slr.json").clearance is None


def test_version_1_previous_week_was_four_weeks_ago() -> None:
    a = load_assessment(REVIEW / "b_marathoner_hamstrings_load_spike.json")
    assert a.running is not None
    assert a.running.weekly_km_4_weeks_ago == 60
    assert a.running.weekly_km_last_week is None


def test_version_2_spells_things_its_own_way(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        _parse(_v2(medical_clearance=True, running={"weekly_km": 20, "weekly_km_previous": 10}))
    msg = str(err.value)
    assert "lena.json" in msg and "medical_clearance" in msg
    assert "running.weekly_km_previous: unknown field" in msg


def test_a_file_must_say_its_version() -> None:
    data = _v2()
    del data["version"]
    with pytest.raises(UserError, match="version: required field is missing"):
        _parse(data)


# --- what version 2 records -------------------------------------------------------------------


def test_clearance_records_who_and_when() -> None:
    a = _parse(
        _v2(
            red_flags=["history_of_cancer"],
            medical_clearance={"by": "Dr Shah", "date": "2026-01-07"},
        )
    )
    assert a.clearance is not None and a.clearance.by == "Dr Shah"
    assert a.clearance.date == dt.date(2026, 1, 7)
    assert client_block(ClientContext.from_assessment(a), PUBLISHED) is None
    assert json.loads(dumps_assessment(a))["medical_clearance"] == {
        "by": "Dr Shah",
        "date": "2026-01-07",
    }


def test_screened_none_present_is_recorded_with_its_date() -> None:
    a = _parse(_v2(red_flag_screen={"screened_on": "2026-01-05", "none_present": True}))
    assert a.red_flag_screen is not None and a.red_flag_screen.none_present
    assert parse_assessment(dumps_assessment(a), "x.json") == a


def test_a_screen_cannot_say_none_present_beside_a_ticked_flag() -> None:
    with pytest.raises(UserError, match="none present, but red_flags lists new_lump"):
        _parse(
            _v2(
                red_flags=["new_lump"],
                red_flag_screen={"screened_on": "2026-01-05", "none_present": True},
            )
        )


def test_nerve_and_thoracic_tests_are_read() -> None:
    tests = {
        "straight_leg_raise_deg": {"left": 38, "right": 82},
        "slr_reproduces": {"left": "below_knee", "right": "none"},
        "slump_test": {"left": "positive"},
        "crossed_slr": {"left": "negative"},
        "neuro_exam": {"left": "reduced", "right": "normal"},
        "directional_preference": "extension",
        "centralises": True,
        "thoracic_rotation_deg": {"left": 30, "right": 50},
    }
    a = _parse(_v2(tests=tests))
    assert a.tests.slr_reproduces is not None
    assert a.tests.slr_reproduces.left is SlrSymptoms.BELOW_KNEE
    assert a.tests.slr_reproduces.left.in_the_leg and not SlrSymptoms.BUTTOCK.in_the_leg
    assert a.tests.centralises is True
    # Every test code in the vocabulary is a field of the file, and no other.
    assert {c.value for c in Code} == set(type(a.tests).model_fields)


def test_unknown_slr_symptom_is_named() -> None:
    with pytest.raises(UserError) as err:
        _parse(_v2(tests={"slr_reproduces": {"left": "calf"}}))
    assert "tests.slr_reproduces.left" in str(err.value) and '"calf"' in str(err.value)


def test_running_profile_names_each_week_it_compares() -> None:
    running = {
        "weekly_km": 40,
        "weekly_km_last_week": 35,
        "weekly_km_4_weeks_ago": 30,
        "longest_run_km": 14,
        "longest_run_previous_30_days_km": 12,
    }
    a = _parse(_v2(running=running))
    assert a.running is not None and a.running.weekly_km_last_week == 35
    assert a.running.longest_run_previous_30_days_km == 12


def test_trained_athlete_is_recorded_on_the_client() -> None:
    data = _v2()
    data["client"]["trained_athlete"] = True
    assert _parse(data).client.trained_athlete is True
    assert _parse(_v2()).client.trained_athlete is False


# --- pregnancy by due date --------------------------------------------------------------------


def _pregnant(due: str, **client: Any) -> dict[str, Any]:
    data = _v2()
    data["client"].update(conditions=["pregnancy"], pregnancy_due_date=due, **client)
    return data


def test_the_trimester_follows_the_due_date_week_by_week() -> None:
    # Due 2026-07-17: on 2026-01-05 she is 12 weeks 3 days pregnant (280 - 193 = 87 days).
    a = _parse(_pregnant("2026-07-17"))
    assert a.trimester_on(a.date) == 1
    assert a.trimester_on(dt.date(2026, 1, 8)) == 1  # 12 weeks 6 days
    assert a.trimester_on(dt.date(2026, 1, 9)) == 2  # 13 weeks
    assert a.trimester_on(dt.date(2026, 4, 23)) == 2  # 27 weeks 6 days
    assert a.trimester_on(dt.date(2026, 4, 24)) == 3  # 28 weeks
    ctx = ClientContext.from_assessment(a)
    assert ctx.pregnancy_trimester == 1
    assert ctx.on(dt.date(2026, 1, 12)).pregnancy_trimester == 2
    assert ClientContext.from_record(ctx.record()).on(dt.date(2026, 5, 1)).pregnancy_trimester == 3


def test_a_due_date_must_fit_the_assessment_date() -> None:
    with pytest.raises(UserError, match="does not fit a pregnancy"):
        _parse(_pregnant("2027-03-01"))


def test_trimester_and_due_date_must_agree() -> None:
    with pytest.raises(UserError, match="pregnancy_trimester 3 does not match the due date"):
        _parse(_pregnant("2026-07-17", pregnancy_trimester=3))


def test_pregnancy_needs_a_due_date_or_a_trimester() -> None:
    data = _v2()
    data["client"]["conditions"] = ["pregnancy"]
    with pytest.raises(UserError, match="pregnancy_due_date"):
        _parse(data)


# --- drafts -----------------------------------------------------------------------------------


def _half_typed() -> dict[str, Any]:
    data = json.loads((HERE / "assessments" / "runner_left_glute_med.json").read_text())
    data["red_flags"] = ["cauda_equina_signs", "not_a_flag"]
    data["client"].pop("birth_date")
    data["pain"]["now"] = 14
    data["pain"]["best"] = 9  # above worst: a rule between fields, checked when finished
    data["questionnaires"]["start_back"] = {
        "answers": [1, None, 0, 0, 1, 0, 0, 0],
        "bothersomeness": "slightly",
    }
    return data


def test_a_draft_keeps_every_valid_value_and_lists_the_rest() -> None:
    draft = keep_valid(_half_typed())
    assert draft.flags == [RedFlag.CAUDA_EQUINA_SIGNS]
    assert draft.pain is not None and draft.pain.now is None and draft.pain.best == 9
    assert draft.questionnaires.start_back.answers[:3] == [1, None, 0]
    assert draft.running is not None and draft.running.weekly_km == 42
    left = {item.field: (item.value, item.problem) for item in draft.left_out}
    assert left["pain.now"][0] == 14 and "10" in left["pain.now"][1]
    assert left["red_flags.1"][0] == "not_a_flag"


def test_a_drafts_red_flags_count_in_the_safety_verdict_at_once() -> None:
    block = client_block(ClientContext.from_draft(keep_valid(_half_typed())), PUBLISHED)
    assert block is not None and block.referral.value == "urgent"


def test_a_draft_round_trips_and_finishes_only_when_complete() -> None:
    draft = keep_valid(_half_typed())
    text = draft.model_dump_json(exclude_none=True)
    assert json.loads(text)["draft"] is True
    assert AssessmentDraft.model_validate_json(text) == draft
    with pytest.raises(ValidationError) as err:
        draft.complete()
    where = {tuple(e["loc"]) for e in err.value.errors()}
    assert ("client", "birth_date") in where and ("pain",) in where
    fixed = json.loads(text)
    fixed["client"]["birth_date"] = "1988-03-14"
    fixed["pain"]["best"] = 1
    fixed["questionnaires"]["start_back"]["answers"][1] = 0
    finished = AssessmentDraft.model_validate(fixed).complete()
    assert finished.red_flags == [RedFlag.CAUDA_EQUINA_SIGNS]
    assert AssessmentDraft.of(finished).complete() == finished


def test_a_draft_file_is_not_taken_for_an_assessment() -> None:
    text = keep_valid(_half_typed()).model_dump_json(exclude_none=True)
    with pytest.raises(UserError, match="unfinished"):
        parse_assessment(text, "draft.json")


def test_the_schema_publishes_version_2() -> None:
    schema = assessment_json_schema()
    assert schema["properties"]["version"]["const"] == 2
    assert "medical_clearance" in schema["properties"]
    assert "red_flag_screen" in schema["properties"]
    assert "version 2" in schema["title"]
