"""`library search --safe-for` and `library list --json` answer with the single safety verdict.

Run in-process (the subprocess smoke tests live in test_cli.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exercise_library.catalogue import builtin_catalogue
from exercise_library.vocabulary import Condition
from planner.cli import main
from planner.safety import ClientContext, exercise_verdict
from planner.services import Services
from planner.store.database import open_database
from tests.policy import PUBLISHED

CAT = builtin_catalogue()
SUPINE_BRIDGES = {"bridge", "bridge_march", "single_leg_bridge", "yoga_bridge"}


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["library", "search", *argv, "--limit", "500", "--json"]) == 0
    return [hit["code"] for hit in json.loads(capsys.readouterr().out)]


def test_safe_for_pregnancy_without_a_trimester_judges_the_strictest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """clinical-facts.md, pregnancy: no supine exercise after the first trimester. Before,
    `library search bridge --safe-for pregnancy` called every supine bridge safe."""
    found = search(capsys, "bridge", "--safe-for", "pregnancy")
    assert SUPINE_BRIDGES.isdisjoint(found)
    assert set(search(capsys, "bridge", "--trimester", "3")) == set(found)


def test_a_trimester_implies_pregnancy_and_the_first_allows_the_bridge(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "bridge" in search(capsys, "bridge", "--trimester", "1")
    assert SUPINE_BRIDGES.isdisjoint(search(capsys, "bridge", "--trimester", "2"))
    assert main(["library", "search", "bridge", "--trimester", "1"]) == 0
    assert "safe for pregnancy (trimester 1)" in capsys.readouterr().out


def test_a_bad_trimester_is_refused_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["library", "search", "bridge", "--trimester", "4"])
    assert stop.value.code == 2
    assert "--trimester: invalid choice: 4 (choose from 1, 2, 3)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "conditions",
    [["disc_herniation"], ["osteoporosis", "spondylolisthesis"], ["pelvic_girdle_pain"]],
)
def test_safe_for_keeps_exactly_what_the_verdict_allows(
    capsys: pytest.CaptureFixture[str], conditions: list[str]
) -> None:
    ctx = ClientContext(conditions=frozenset(Condition(c) for c in conditions))
    expected = {ex.code for ex in CAT if not exercise_verdict(ex, ctx, PUBLISHED).excluded}
    assert set(search(capsys, "", "--safe-for", *conditions)) == expected


def test_the_clinics_policy_in_the_database_is_the_one_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    found = search(capsys, "bridge", "--trimester", "1", "--db", url)
    assert "bridge" in found
    services = Services(open_database(url))
    try:
        settings, version = services.settings.get()
        strict = {"programme": {"pregnancy_no_supine_from_trimester": 1}}
        services.settings.save(settings.model_copy(update={"clinical_overrides": strict}), version)
    finally:
        services.db.dispose()
    assert SUPINE_BRIDGES.isdisjoint(search(capsys, "bridge", "--trimester", "1", "--db", url))


def test_library_list_json_gives_every_movement_feature(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["library", "list", "--json"]) == 0
    listed = {e["code"]: e for e in json.loads(capsys.readouterr().out)}
    assert len(listed) == len(CAT)
    happy = listed["happy_baby"]
    # Derived from the position and the spine demand, though the file lists none.
    assert happy["features"] == ["end_range_flexion", "supine"]
    assert {"osteoporosis", "disc_herniation", "pregnancy"} <= set(happy["contraindications"])
    assert happy["condition_notes"]["osteoporosis"] == "It bends the spine fully forward."
    assert listed["straight_leg_march"]["features"] == ["asymmetric_pelvic_load", "neural_tension"]
    assert "radicular_pain" in listed["straight_leg_march"]["contraindications"]
