"""The window's findings say what `physio-planner assess` says for the same assessment: the
nerve and directional-preference lines, the care pathway, and neurology worse than at the
client's previous assessment (the urgent `progressive_neuro_deficit`)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exercise_library.vocabulary import RedFlag
from planner.assessment.io import load_assessment, save_assessment
from planner.assessment.model import AssessmentFile
from planner.records import Client, ClientDetails
from planner.services import Services
from tests.cli import run
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

RADICULAR = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "review_cases"
    / "e3_radicular_disc_condition_cleared.json"
)


def _visit(on: str, neuro: str) -> AssessmentFile:
    """The radicular review case, recorded with the version-2 nerve tests."""
    data: dict[str, Any] = load_assessment(RADICULAR).model_dump(mode="json", exclude_none=True)
    data["date"] = on
    data["tests"] |= {
        "slr_reproduces": {"left": "below_knee", "right": "none"},
        "neuro_exam": {"left": neuro},
        "directional_preference": "extension",
        "centralises": True,
    }
    return AssessmentFile.model_validate(data)


def _daniel(services: Services) -> Client:
    return services.clients.create(
        ClientDetails(name="Daniel Okafor", birth_date=date(1988, 7, 30), sex="male")
    )


def _cli_lines(
    db_url: str, tmp_path: Path, a: AssessmentFile, *previous: AssessmentFile
) -> list[str]:
    """What `assess` prints, line by line, without the layout it gives them (the indent, the
    "- " before a reason, the "[level]" before a flag)."""
    argv = ["--db", db_url, "assess", str(tmp_path / "now.json")]
    save_assessment(a, tmp_path / "now.json")
    for before in previous:
        save_assessment(before, tmp_path / "before.json")
        argv += ["--previous", str(tmp_path / "before.json")]
    out = run(*argv)
    assert out.returncode == 0, out.stderr
    lines = []
    for line in out.stdout.splitlines()[1:]:
        text = re.sub(r"^\s*(- |\[[^]]+\] )?", "", line).strip()
        if text.startswith("Referral: "):
            text = text.split(". ", 1)[1]  # "Referral: urgent. <headline>": the headline
        if text and text not in {"Scores", "Imbalances"}:
            lines.append(text)
    return lines


def _window_text(win: MainWindow, client: Client) -> str:
    win.refresh_clients()
    win.select_client(client.id)
    win.tabs.setCurrentWidget(win.assessment_tab)
    return " ".join(win.assessment_tab.findings.toPlainText().split())


def _missing(lines: list[str], shown: str) -> list[str]:
    """CLI lines the window does not show. A score line "name: text" is a table row there."""
    return [
        line
        for line in lines
        if " ".join(line.split()) not in shown
        and " ".join(line.replace(": ", " ", 1).split()) not in shown
    ]


def test_the_window_shows_every_line_assess_prints(
    main_window: MainWindow, services: Services, db_url: str, tmp_path: Path
) -> None:
    daniel = _daniel(services)
    first = _visit("2026-01-02", "normal")
    services.assessments.save_new(daniel.id, first)
    lines = _cli_lines(db_url, tmp_path, first)
    assert any(line.startswith("Radicular presentation") for line in lines)
    assert any(line.startswith("Directional preference: extension") for line in lines)
    assert any(line.startswith("Care pathway: ") for line in lines)
    shown = _window_text(main_window, daniel)
    assert _missing(lines, shown) == []


def test_worse_neurology_since_the_last_visit_is_urgent_in_the_window_as_on_the_cli(
    main_window: MainWindow, services: Services, db_url: str, tmp_path: Path
) -> None:
    daniel = _daniel(services)
    first, second = _visit("2026-01-02", "normal"), _visit("2026-01-16", "reduced")
    services.assessments.save_new(daniel.id, first)
    services.assessments.save_new(daniel.id, second)
    lines = _cli_lines(db_url, tmp_path, second, first)
    assert "Urgent: go to the emergency department now, do not wait." in lines
    shown = _window_text(main_window, daniel)
    assert _missing(lines, shown) == []
    tab = main_window.assessment_tab
    assert tab.findings_shown is not None
    assert RedFlag.PROGRESSIVE_NEURO_DEFICIT in [f.code for f in tab.findings_shown.red_flags]
    assert tab.banner.isVisible() and tab.banner.title.text().startswith("STOP")
    # The first visit, opened again, has nothing before it: no worsening to find.
    records = services.assessments.for_client(daniel.id)
    tab.open_assessment(records[0].id)
    assert "Progressive" not in tab.findings.toPlainText()
