"""A pregnancy recorded with its due date moves on while a programme runs.

No supine exercise after the first trimester (clinical-facts.md, "Contraindications and
precautions"): a bridge that is fine in week 1 of a programme is ruled out from the week the
second trimester starts, without waiting for a re-assessment, and the programme file carries the
due date so another clinic checks it the same way.
"""

from __future__ import annotations

import datetime as dt

from exercise_library.catalogue import builtin_catalogue
from planner.assessment.model import AssessmentFile
from planner.programme.conflicts import unsafe_items
from planner.programme.model import Dosage, Item, Phase, Programme
from planner.safety import ClientContext, exercise_verdict
from planner.safety.weeks import first_exclusion, week_ends
from tests.policy import PUBLISHED

CAT = builtin_catalogue()
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
