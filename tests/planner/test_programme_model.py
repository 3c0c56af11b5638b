"""A programme that cannot be scheduled is refused when it is written, with the reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from planner.programme.model import Dosage, Item, Load, Programme, ProgressionRule


def make_item(**fields: Any) -> dict[str, Any]:
    base = {"code": "squat", "order": 1, "dosage": {"sets": 3, "reps": 10}, "days": ["mon"]}
    return {**base, **fields}


def make_programme(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Plan",
        "start": "2025-03-03",
        "phases": [{"name": "One", "weeks": 2}, {"name": "Two", "weeks": 2}],
        "items": [make_item()],
        **fields,
    }


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"field": "reps", "step": 2}, "needs from_week"),
        ({"field": "reps", "from_week": 2}, "either step or percent"),
        ({"field": "reps", "from_week": 2, "step": 1, "percent": 5}, "either step or percent"),
        ({"field": "reps", "from_week": 2, "step": 1.5}, "whole numbers"),
        ({"field": "reps", "from_week": 2, "step": 0}, "changes nothing"),
        ({"step": 2, "from_week": 2}, "needs a field"),
        ({"action": "advance"}, "either at_phase or from_week"),
        ({"action": "advance", "at_phase": 2, "field": "reps"}, "takes no field"),
        ({"field": "reps", "step": 1, "from_week": 1}, "greater than or equal to 2"),
    ],
)
def test_malformed_rules_say_what_is_wrong(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProgressionRule.model_validate(rule)


def test_a_band_load_cannot_rise_by_a_percent() -> None:
    with pytest.raises(ValidationError, match="changes by steps"):
        Item.model_validate(
            make_item(
                dosage={"sets": 3, "reps": 10, "load": {"unit": "band", "band": "red"}},
                rules=[{"field": "load", "percent": 5, "from_week": 2}],
            )
        )


def test_two_for_two_needs_reps_to_count() -> None:
    with pytest.raises(ValidationError, match="counts reps"):
        Item.model_validate(
            make_item(
                dosage={"sets": 3, "hold_s": 20},
                rules=[{"field": "hold", "step": 5, "from_week": 2, "condition": "two_for_two"}],
            )
        )


@pytest.mark.parametrize(
    ("load", "message"),
    [
        ({"unit": "kg"}, "needs an amount"),
        ({"unit": "band", "amount": 3}, "names its colour"),
        ({"unit": "rpe", "amount": 11}, "RPE runs from 1 to 10"),
    ],
)
def test_loads_fit_their_unit(load: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Load.model_validate(load)


def test_a_dose_needs_an_amount_and_sides_need_per_side() -> None:
    with pytest.raises(ValidationError, match="needs reps, hold_s"):
        Dosage(sets=3)
    with pytest.raises(ValidationError, match="needs per_side"):
        Dosage.model_validate({"sets": 3, "reps": 10, "left": {"sets": 2}})


def test_an_item_cannot_run_past_the_last_phase() -> None:
    with pytest.raises(ValidationError, match="runs to phase 3"):
        Programme.model_validate(make_programme(items=[make_item(phases={"first": 1, "last": 3})]))


def test_an_advance_must_fall_in_a_later_phase_of_the_item() -> None:
    bad = make_item(rules=[{"action": "advance", "at_phase": 1}])
    with pytest.raises(ValidationError, match="cannot advance in its first"):
        Programme.model_validate(make_programme(items=[bad]))


def test_item_keys_default_from_code_and_order_and_must_be_unique() -> None:
    p = Programme.model_validate(make_programme())
    assert p.items[0].key == "squat-1"
    twice = [make_item(key="a"), make_item(key="a", order=2)]
    with pytest.raises(ValidationError, match="share the key 'a'"):
        Programme.model_validate(make_programme(items=twice))


def test_weeks_and_end_date_follow_the_phases() -> None:
    p = Programme.model_validate(make_programme())
    assert p.total_weeks == 4
    assert p.end == dt.date(2025, 3, 30)
    assert p.phase_weeks() == [(1, 2), (3, 4)]
    assert p.phase_of_week(3) == 2
