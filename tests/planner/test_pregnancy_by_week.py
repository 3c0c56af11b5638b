"""A pregnancy recorded with its due date moves on while a programme runs.

No supine exercise after the first trimester (clinical-facts.md, "Contraindications and
precautions"): a bridge that is fine in week 1 of a programme is ruled out from the week the
second trimester starts, without waiting for a re-assessment, and the programme file carries the
due date so another clinic checks it the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.model import AssessmentFile
from planner.operations.programmes import add_recommended, create_programme, plan_from_assessment
from planner.programme.conflicts import end_before_exclusion, unsafe_items
from planner.programme.model import Dosage, Item, Phase, PhaseSpan, Programme
from planner.records import ClientDetails
from planner.safety import ClientContext, exercise_verdict
from planner.safety.weeks import first_exclusion, week_ends
from planner.services import Services
from tests.cli import run
from tests.policy import PUBLISHED

CAT = builtin_catalogue()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
START = dt.date(2026, 1, 5)
# On 2026-01-05 she is 10 weeks 3 days pregnant (due 2026-07-31: 280 - 207 = 73 days).
DUE = "2026-07-31"


def _pregnant(due: str = DUE) -> AssessmentFile:
    return AssessmentFile.model_validate(
        {
            "format": "physio-planner/assessment",
            "version": 2,
            "client": {
                "name": "Ines Duarte",
                "birth_date": "1992-03-03",
                "sex": "female",
                "conditions": ["pregnancy"],
                "pregnancy_due_date": due,
            },
            "date": "2026-01-05",
        }
    )


def _programme(weeks: int = 8) -> Programme:
    bridge = Item(
        key="bridge", code="bridge", order=1, dosage=Dosage(sets=2, reps=10), days=["mon", "thu"]
    )
    return Programme(
        title="Strong back", start=START, phases=[Phase(name="One", weeks=weeks)], items=[bridge]
    )


def test_the_bridge_is_fine_now_and_ruled_out_from_the_second_trimester() -> None:
    ctx = ClientContext.from_assessment(_pregnant())
    assert ctx.pregnancy_trimester == 1
    assert not exercise_verdict(CAT["bridge"], ctx, PUBLISHED).excluded
    # Week 2 ends on 2026-01-18 (12 w 2 d); week 3 ends on 2026-01-25 (13 w 2 d).
    found = first_exclusion(CAT["bridge"], ctx, PUBLISHED, week_ends(START, range(1, 9)))
    assert found is not None
    day, verdict = found
    assert day == dt.date(2026, 1, 25)
    assert any("lying on the back" in r for r in verdict.exercise_reasons)


def test_the_programme_check_says_from_which_week() -> None:
    ctx = ClientContext.from_assessment(_pregnant())
    flagged = unsafe_items(_programme(), CAT, ctx, PUBLISHED)
    assert [f.code for f in flagged] == ["bridge"]
    assert flagged[0].reasons[0].startswith("from week 3 of the programme (25 Jan 2026)")


def test_a_programme_that_ends_before_the_second_trimester_is_fine() -> None:
    ctx = ClientContext.from_assessment(_pregnant())
    assert unsafe_items(_programme(weeks=2), CAT, ctx, PUBLISHED) == []


def test_the_file_context_carries_the_due_date_so_it_moves_on_elsewhere() -> None:
    record = ClientContext.from_assessment(_pregnant()).record()
    assert record is not None and record.pregnancy_due_date == dt.date(2026, 7, 31)
    elsewhere = ClientContext.from_record(record)
    assert [f.code for f in unsafe_items(_programme(), CAT, elsewhere, PUBLISHED)] == ["bridge"]


def test_without_a_due_date_the_recorded_trimester_holds() -> None:
    a = AssessmentFile.model_validate(
        {
            "format": "physio-planner/assessment",
            "version": 2,
            "client": {
                "name": "Ines Duarte",
                "birth_date": "1992-03-03",
                "sex": "female",
                "conditions": ["pregnancy"],
                "pregnancy_trimester": 1,
            },
            "date": "2026-01-05",
        }
    )
    ctx = ClientContext.from_assessment(a)
    assert unsafe_items(_programme(weeks=20), CAT, ctx, PUBLISHED) == []


def test_a_planned_exercise_stops_the_week_the_second_trimester_rules_it_out() -> None:
    """Week 3 of this programme is the first in the second trimester: the bridge stops after
    week 2, in a phase of its own, so the plan prints as it is; other items keep all weeks."""
    ctx = ClientContext.from_assessment(_pregnant())
    squat = Item(key="squat", code="squat", order=2, dosage=Dosage(sets=2, reps=10), days=["tue"])
    programme = _programme()
    programme = programme.model_copy(update={"items": [*programme.items, squat]})

    planned, notes = end_before_exclusion(programme, CAT, ctx, PUBLISHED)

    assert [(p.name, p.weeks) for p in planned.phases] == [("One", 2), ("One (from week 3)", 6)]
    bridge, kept = planned.items
    assert list(planned.item_weeks(bridge)) == [1, 2]
    assert list(planned.item_weeks(kept)) == list(range(1, 9)) and kept.phases is None
    assert unsafe_items(planned, CAT, ctx, PUBLISHED) == []
    assert notes == [
        "Bridge stops after week 2: from week 3, not safe with pregnancy: it is done lying on "
        "the back, which is not advised from trimester 2 of pregnancy."
    ]


def test_an_item_in_a_later_phase_keeps_its_phases_and_one_ruled_out_at_once_is_left_out() -> None:
    ctx = ClientContext.from_assessment(_pregnant())
    later = Item(
        key="bridge", code="bridge", order=1, dosage=Dosage(sets=2, reps=10), days=["mon"],
        phases=PhaseSpan(first=2, last=2),
    )  # fmt: skip
    early = Item(
        key="squat", code="squat", order=2, dosage=Dosage(sets=2, reps=10), days=["mon"],
        phases=PhaseSpan(first=1, last=1),
    )  # fmt: skip
    programme = Programme(
        title="Two phases", start=START,
        phases=[Phase(name="Settle", weeks=4), Phase(name="Build", weeks=4)],
        items=[later, early],
    )  # fmt: skip

    planned, notes = end_before_exclusion(programme, CAT, ctx, PUBLISHED)

    assert [i.key for i in planned.items] == ["squat"]  # the bridge's phase starts in week 5
    assert list(planned.item_weeks(planned.items[0])) == [1, 2, 3, 4]
    assert notes[0].startswith("Bridge is left out: not safe with pregnancy")


def test_plan_then_render_prints_for_a_pregnancy_that_reaches_the_second_trimester(
    tmp_path: Path, db_url: str
) -> None:
    """Ten weeks pregnant by her due date, with a weak glute: the plan offers a face-down leg
    lift. Before, `plan` wrote it for all 8 weeks and `render` then refused the file ("rule
    out Prone leg lift"); now it stops before the second trimester and the handout prints."""
    data = json.loads((FIXTURES / "pregnant_t2_disc_herniation.json").read_text())
    data["client"].pop("pregnancy_trimester")
    day = dt.date.fromisoformat(data["date"])
    data["client"]["pregnancy_due_date"] = (day + dt.timedelta(weeks=30)).isoformat()
    assessment = tmp_path / "sofia.json"
    assessment.write_text(json.dumps(data))
    out = tmp_path / "sofia.physio.json"
    assert run("clinic", "set", "phone=0123 456 789", "--db", db_url).returncode == 0
    plan = run("plan", str(assessment), "--weeks", "8", "--start", day.isoformat(),
               "--out", str(out), "--db", db_url)  # fmt: skip
    assert plan.returncode == 0, plan.stderr

    rendered = run("render", str(out), "--out", str(tmp_path / "sofia.pdf"), "--db", db_url)

    assert rendered.returncode == 0, rendered.stderr
    assert "Prone leg lift stops after week 3: from week 4, not safe with pregnancy" in plan.stdout


@pytest.mark.storage
def test_add_recommended_stops_an_exercise_as_plan_does(services: Services) -> None:
    """The window builds a plan with New programme then Add recommended: the face-down leg lift
    stops after week 3 there too, so window and command line print the same programme."""
    data = json.loads((FIXTURES / "pregnant_t2_disc_herniation.json").read_text())
    data["client"].pop("pregnancy_trimester")
    day = dt.date.fromisoformat(data["date"])
    data["client"]["pregnancy_due_date"] = (day + dt.timedelta(weeks=30)).isoformat()
    assessment = AssessmentFile.model_validate(data)
    client = services.clients.create(ClientDetails(name="Sofia Lind"))
    services.assessments.save_new(client.id, assessment)
    stored = create_programme(services, client.id, title="Home", start=day, weeks=8).value
    empty, _ = services.programmes.load(stored.id)

    merged = add_recommended(
        services, stored.id, stored.version, empty, assessment, client_id=client.id
    )

    programme = merged.value.programme
    lift = next(i for i in programme.items if i.code == "prone_leg_lift")
    assert list(programme.item_weeks(lift)) == [1, 2, 3]
    assert any(n.startswith("Prone leg lift stops after week 3") for n in merged.notes)
    ctx = services.assessments.context(client.id)
    assert unsafe_items(programme, CAT, ctx, PUBLISHED) == []
    planned = plan_from_assessment(assessment, PUBLISHED, CAT, start=day, weeks=8)
    assert [(p.name, p.weeks) for p in programme.phases] == [
        (p.name, p.weeks) for p in planned.phases
    ]
