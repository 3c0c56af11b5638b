"""Clinical thresholds: each value once, with its source, and open to the clinic's settings."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from planner.assessment.analysis import analyse
from planner.assessment.model import AssessmentFile
from planner.assessment.thresholds import (
    CLINIC_SETTING,
    DEFAULT,
    ClinicalThresholds,
    ThresholdGroup,
)
from planner.errors import UserError
from planner.policy import ClinicPolicy
from tests.policy import PUBLISHED

GROUPS = [
    (name, getattr(DEFAULT, name))
    for name in ClinicalThresholds.model_fields
    if isinstance(getattr(DEFAULT, name), ThresholdGroup)
]


@pytest.mark.parametrize(("area", "group"), GROUPS, ids=[g[0] for g in GROUPS])
def test_every_threshold_names_its_source_and_a_settings_label(
    area: str, group: ThresholdGroup
) -> None:
    for name, field in type(group).model_fields.items():
        assert field.description, f"{area}.{name} has no label"
        source = group.source(name)
        assert source and source != CLINIC_SETTING, f"{area}.{name} has no source"


def test_threshold_names_are_unique_across_areas_so_flat_settings_are_unambiguous() -> None:
    names = [n for _, g in GROUPS for n in type(g).model_fields]
    assert len(names) == len(set(names))


def test_defaults_survive_a_round_trip_through_stored_settings() -> None:
    stored = DEFAULT.model_dump(mode="json")
    assert ClinicalThresholds.model_validate(stored) == DEFAULT


def test_nested_and_flat_overrides_mean_the_same() -> None:
    nested = ClinicalThresholds.model_validate({"objective": {"lsi_min_percent": 85}})
    flat = ClinicalThresholds.model_validate({"lsi_min_percent": 85})
    assert nested == flat
    assert flat.objective.lsi_min_percent == 85
    assert flat.running == DEFAULT.running


def test_an_overridden_value_is_cited_as_a_clinic_setting() -> None:
    t = ClinicalThresholds.model_validate({"slr_min_deg": 60})
    assert t.objective.source("slr_min_deg") == CLINIC_SETTING
    assert t.objective.source("lsi_min_percent") == DEFAULT.objective.source("lsi_min_percent")


def test_misspelt_setting_is_refused_by_name() -> None:
    with pytest.raises(UserError, match="lsi_min_pct: no such clinical threshold"):
        ClinicalThresholds.from_overrides({"lsi_min_pct": 85})


def test_wrong_type_in_settings_names_the_threshold() -> None:
    with pytest.raises(UserError, match=r"objective\.slr_min_deg"):
        ClinicalThresholds.from_overrides({"slr_min_deg": "seventy"})


def test_programme_cannot_be_set_smaller_than_it_is_allowed_to_grow() -> None:
    with pytest.raises(UserError, match="min_exercises"):
        ClinicalThresholds.from_overrides({"min_exercises": 8, "max_exercises": 6})


def test_clinic_cannot_allow_supine_work_later_in_pregnancy() -> None:
    with pytest.raises(UserError, match="pregnancy_no_supine_from_trimester"):
        ClinicalThresholds.from_overrides({"pregnancy_no_supine_from_trimester": 3})


def test_an_override_changes_the_finding_and_the_evidence_says_so() -> None:
    a = AssessmentFile.model_validate(
        {
            "client": {"name": "Test", "birth_date": "1980-01-01", "sex": "male"},
            "date": "2024-03-01",
            "tests": {"hip_abduction_strength": {"left": 87, "right": 100}},
        }
    )
    default = analyse(a, PUBLISHED)
    assert default.imbalance("hip_strength_asymmetry") is not None
    relaxed = analyse(
        a, ClinicPolicy(thresholds=ClinicalThresholds.model_validate({"lsi_min_percent": 85}))
    )
    assert relaxed.imbalance("hip_strength_asymmetry") is None
    strict = analyse(
        a, ClinicPolicy(thresholds=ClinicalThresholds.model_validate({"lsi_min_percent": 95}))
    )
    assert strict.imbalance("hip_strength_asymmetry") is not None
    finding = strict.imbalance("weak_glute_med")  # the measurement's own finding
    assert finding is not None
    assert "95%" in finding.evidence[0] and CLINIC_SETTING in finding.evidence[0]


def test_groups_are_pydantic_models_the_settings_screen_can_describe() -> None:
    for _, group in GROUPS:
        assert isinstance(group, BaseModel)
        schema = type(group).model_json_schema()
        assert all("source" in p for p in schema["properties"].values())
