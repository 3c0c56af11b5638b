"""Templates: the shipped plans for runners with low back pain, and saving a client's
programme as a template without taking the client along.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.errors import NotFoundError, UserError
from planner.programme.files import read_programme_file
from planner.programme.model import ProgrammeStatus, RuleAction
from planner.programme.schedule import materialise
from planner.programme.templates import (
    BUILTIN_ORDER,
    TEMPLATES_DIR,
    apply_template,
    builtin_templates,
    dumps_template,
    load_template,
    read_template_file,
    template_from_programme,
    write_template_file,
)

CAT = builtin_catalogue()
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "programmes"
START = dt.date(2025, 3, 3)


def test_four_builtin_templates_in_the_order_a_runner_moves_through_them() -> None:
    assert [t.code for t in builtin_templates()] == list(BUILTIN_ORDER)


@pytest.mark.parametrize("code", BUILTIN_ORDER)
def test_each_template_uses_real_library_exercises_and_schedules(code: str) -> None:
    template = load_template(code)
    for item in template.items:
        assert item.code in CAT, f"{code}: {item.code} is not in the library"
    programme = apply_template(template, START, client="Ana Ribeiro", therapist="Sam Lee")
    schedule = materialise(programme, CAT)
    assert len(schedule.days) == 7 * template.total_weeks
    assert all(day.items for day in schedule.days if day.date.weekday() in {0, 2, 4})
    assert all(iw.text for iw in schedule.item_weeks)


@pytest.mark.parametrize("code", BUILTIN_ORDER)
def test_template_files_are_written_the_way_the_app_writes_them(code: str) -> None:
    path = TEMPLATES_DIR / f"{code}.json"
    assert dumps_template(read_template_file(path)) == path.read_text(encoding="utf-8")


def test_applying_a_template_gives_a_draft_with_reviews_at_each_phase_change_and_the_end() -> None:
    template = load_template("settle_and_activate")  # phases of 2 and 2 weeks
    programme = apply_template(template, START, client="Ana Ribeiro")
    assert programme.status is ProgrammeStatus.DRAFT
    assert programme.client == "Ana Ribeiro"
    assert programme.review_dates == [dt.date(2025, 3, 17), dt.date(2025, 3, 31)]
    assert programme.items == template.items


def test_return_to_run_waits_for_low_pain_before_each_running_step() -> None:
    template = load_template("return_to_run")
    run = next(i for i in template.items if i.code == "walk_jog_4_2")
    advances = [r for r in run.rules if r.action is RuleAction.ADVANCE]
    assert advances and all(r.condition == "pain_ok" for r in advances)
    schedule = materialise(apply_template(template, START), CAT)
    codes = [iw.code for iw in schedule.weeks_of(run.key)]
    assert codes[0] == "walk_jog_4_2" and codes[-1] == "continuous_jog_30"
    # Running days keep a rest day between them.
    assert run.days == ["mon", "wed", "fri"]


def test_settle_and_activate_moves_side_plank_off_the_knees_in_phase_two() -> None:
    schedule = materialise(apply_template(load_template("settle_and_activate"), START), CAT)
    assert [iw.code for iw in schedule.weeks_of("side_plank")] == [
        "knee_side_plank",
        "knee_side_plank",
        "side_plank",
        "side_plank",
    ]


def test_saving_a_programme_as_a_template_leaves_the_client_behind(tmp_path: Path) -> None:
    pf = read_programme_file(FIXTURE / "runner_back_to_running.physio.json")
    lib = CAT.with_extra(pf.exercises)
    template = template_from_programme(
        pf.programme, "flare_up_runner", lib, description="Walk, then run."
    )
    text = dumps_template(template)
    for private in ("Ana Ribeiro", "Sam Lee", "2025-03-03", "Trendelenburg", "Run 5 km"):
        assert private not in text
    assert [e.code for e in template.exercises] == ["clinic_incline_walk"]
    # Written and read back, then applied to a new client.
    path = tmp_path / "flare_up_runner.json"
    write_template_file(path, template)
    again = read_template_file(path)
    assert again == template
    programme = apply_template(again, dt.date(2025, 6, 2), client="Ben Okafor")
    schedule = materialise(programme, lib)
    assert schedule.start == dt.date(2025, 6, 2)
    assert programme.client == "Ben Okafor"


def test_unknown_and_broken_templates() -> None:
    with pytest.raises(NotFoundError, match="no built-in template 'yoga_for_all'"):
        load_template("yoga_for_all")


def test_a_broken_template_file_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"format": "physio-planner/template", "version": 1, "code": "xy"}', "utf-8")
    with pytest.raises(UserError, match="title"):
        read_template_file(path)
    path.write_text('{"format": "physio-planner/template", "version": 3}', "utf-8")
    with pytest.raises(UserError, match="version 1 templates, not 3"):
        read_template_file(path)
