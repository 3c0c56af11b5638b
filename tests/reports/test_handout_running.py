"""The handout of a planned programme: the running plan and the care pathway print with it.

Review case b (a marathoner after a 58% rise, 870 km shoes, no warm-up, STarT Back low risk) is
planned as the window and the command line plan it, then printed the way both print it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.io import load_assessment
from planner.operations.documents import HANDOUT, DocumentPlan, handout_sections
from planner.operations.programmes import plan_from_assessment
from planner.policy import ClinicPolicy
from planner.safety import ClientContext
from planner.settings import ClinicSettings
from reports.render import render_plan
from tests.reports.reading import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessments"
START = dt.date(2026, 1, 5)


def test_a_planned_running_plan_and_low_risk_advice_print_in_the_handout() -> None:
    a = load_assessment(FIXTURES / "review_b_marathoner_hamstrings_load_spike.json")
    policy = ClinicPolicy.from_settings(ClinicSettings(phone="023 9200 0000"))
    catalogue = builtin_catalogue()
    programme = plan_from_assessment(a, policy, catalogue, start=START, weeks=8)
    running, care = handout_sections(programme, catalogue, policy)
    plan = DocumentPlan(
        kind=HANDOUT,
        policy=policy,
        catalogue=catalogue,
        context=ClientContext.from_assessment(a),
        programme=programme,
        running_plan=running,
        care_pathway=care,
    )
    pdf = read(render_plan(plan))
    running = pdf.text[pdf.text.index("Your running plan") :]
    assert "Week 1 5 days a week: Mon Tue Wed Fri Sat: Easy run: 7.5 km" in running
    assert "1 day a week: Sun: Long run: 20 km" in running
    assert "Your running shoes have done about 870 km." in running
    assert "Do your warm-up before every run." in running
    # STarT Back low risk: self-management advice, once.
    assert pdf.text.count("Looking after your back") == 1
    assert "Keep moving and keep up your usual day as much as you can." in pdf.text
    # The runs are items: one card each, and this week's table lists each run once.
    assert pdf.text.count("The longest run of your week") == 1
    glance = pdf.text[
        pdf.text.index("This week at a glance") : pdf.text.index("How to do your exercises")
    ]
    assert len(re.findall(r"Long run: \d", glance)) == 1
