"""Parity: the window's operations and the command line give the same answer for one client.

For every assessment fixture and three clinic policies (the published one and two a clinic
might set), the operation the window runs and the commands a script runs must reach the same
recommendation, the same block-or-allow decision, and print the same handout, read back from
the two PDFs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from planner.assessment.io import load_assessment
from planner.assessment.recommend import recommend
from planner.assessment.report import recommendation_json
from planner.errors import Refused
from planner.operations.documents import HANDOUT, Blocked, prepare_document
from planner.operations.programmes import plan_programme
from planner.records import ClientDetails
from planner.services import Services
from reports.render import render_plan
from ui import launcher

pytestmark = pytest.mark.storage

ASSESSMENTS = sorted((Path(__file__).parent / "fixtures" / "assessments").glob("*.json"))
START = dt.date(2026, 12, 7)
WEEKS = 6
POLICIES: dict[str, dict[str, Any]] = {
    "published": {},
    "strict referral": {
        "red_flags": {"levels": {"history_of_cancer": "urgent", "new_lump": "urgent"}},
        "objective": {"lsi_min_percent": 85},
    },
    "short sessions": {
        "programme": {"pregnancy_no_supine_from_trimester": 1, "max_difficulty_beginner": 1},
    },
}
SESSION_MINUTES = {"published": 30, "strict referral": 30, "short sessions": 20}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = launcher.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(data: bytes) -> str:
    """The handout's words, without the window's record reference (P12) and page numbers."""
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    text = re.sub(r"Ref\. \S+", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize("policy_name", list(POLICIES))
@pytest.mark.parametrize("assessment_path", ASSESSMENTS, ids=lambda p: p.stem)
def test_the_window_and_the_command_line_agree(
    assessment_path: Path,
    policy_name: str,
    services: Services,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assessment = load_assessment(assessment_path)
    # The clinic's settings, set on the command line; the window reads the same database.
    overrides = json.dumps(POLICIES[policy_name])
    (tmp_path / "overrides.json").write_text(overrides, encoding="utf-8")
    code, _, err = run(
        capsys, "clinic", "set", "phone=0123 456 789", "clinic_name=Harbour Physio",
        f"session_minutes={SESSION_MINUTES[policy_name]}",
        "--overrides", str(tmp_path / "overrides.json"), "--db", db_url,
    )  # fmt: skip
    assert code == 0, err

    # -- the window's operations --------------------------------------------------------
    client = services.clients.create(ClientDetails(name=assessment.client.name))
    services.assessments.import_file(assessment_path, client.id)
    window_rec = recommendation_json(
        recommend(assessment, services.settings.policy(), services.exercises.catalogue())
    )
    try:
        stored = plan_programme(
            services, client.id, start=START, weeks=WEEKS,
            title=f"Home programme for {assessment.client.name}",
        ).value  # fmt: skip
        plan = prepare_document(services, HANDOUT, client.id, stored.id)
        window_blocked = plan.reason if isinstance(plan, Blocked) else None
    except Refused as exc:
        window_blocked, plan = str(exc), None

    # -- the command line -------------------------------------------------------------
    code, out, err = run(capsys, "recommend", str(assessment_path), "--json", "--db", db_url)
    assert code == 0, err
    assert json.loads(out) == window_rec

    made = tmp_path / "p.physio.json"
    code, _, plan_err = run(
        capsys, "plan", str(assessment_path), "--weeks", str(WEEKS), "--start",
        START.isoformat(), "--out", str(made), "--db", db_url,
    )  # fmt: skip
    if code == 0:
        pdf = tmp_path / "p.pdf"
        code, _, render_err = run(capsys, "render", str(made), "--out", str(pdf), "--db", db_url)
        cli_blocked = render_err.strip() if code else None
    else:
        cli_blocked = plan_err.strip()

    # -- the same decision, in the same words ------------------------------------------
    assert (window_blocked is None) == (cli_blocked is None), (window_blocked, cli_blocked)
    if window_blocked is not None:
        assert cli_blocked is not None
        reason = window_rec["blocked_reason"] or window_blocked
        assert reason in window_blocked and reason in cli_blocked
        return
    assert isinstance(plan, type(plan)) and not isinstance(plan, Blocked) and plan is not None
    window_text = pdf_text(render_plan(plan))
    cli_text = pdf_text(pdf.read_bytes())
    assert window_text == cli_text
    for name in (e["name"] for e in window_rec["exercises"]):
        assert name.split(" (")[0][:18] in window_text
