"""`physio-planner clinic show` and `clinic set`: a clinic configured from the command line.

Every call merges into what is stored; a bad key, a bad value or a referral level below the
published one exits 2 with one line naming it, and nothing is saved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import Ran, run

pytestmark = pytest.mark.storage


def clinic(db_url: str, *argv: str) -> Ran:
    return run("clinic", *argv, "--db", db_url)


def shown(db_url: str) -> dict:
    ran = clinic(db_url, "show", "--json")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def test_set_merges_fields_and_thresholds_into_what_is_stored(db_url: str) -> None:
    ran = clinic(db_url, "set", "clinic_name=Riverside Physio", "session_minutes=25")
    assert ran.returncode == 0, ran.stderr
    assert "clinic_name, session_minutes" in ran.stdout
    ran = clinic(db_url, "set", "red_flags.levels.history_of_cancer=urgent", "distance_unit=mi")
    assert ran.returncode == 0, ran.stderr

    stored = shown(db_url)
    assert stored["clinic_name"] == "Riverside Physio"
    assert stored["session_minutes"] == 25
    assert stored["distance_unit"] == "mi"
    levels = stored["clinical_overrides"]["red_flags"]["levels"]
    assert levels == {"history_of_cancer": "urgent"}

    words = clinic(db_url, "show").stdout
    assert "Default session length (min) (session_minutes): 25" in words
    assert "red_flags.levels.history_of_cancer = urgent" in words


def test_overrides_from_a_file_merge_with_those_already_set(db_url: str, tmp_path: Path) -> None:
    clinic(db_url, "set", "red_flags.levels.history_of_cancer=urgent")
    file = tmp_path / "overrides.json"
    file.write_text(json.dumps({"red_flags": {"levels": {"new_lump": "urgent"}}}))

    ran = clinic(db_url, "set", "--overrides", str(file))

    assert ran.returncode == 0, ran.stderr
    levels = shown(db_url)["clinical_overrides"]["red_flags"]["levels"]
    assert levels == {"history_of_cancer": "urgent", "new_lump": "urgent"}


@pytest.mark.parametrize(
    ("argument", "named"),
    [
        ("nonsense=1", "nonsense"),
        ("session_minutes=abc", "session_minutes"),
        ("distance_unit=furlongs", "distance_unit"),
        ("red_flags.levels.history_of_cancer=banana", "banana"),
        ("red_flags.levels.no_such_flag=urgent", "no_such_flag"),
        ("red_flags.bogus.x=1", "red_flags.bogus"),
        ("phone", "KEY=VALUE"),
    ],
)
def test_a_bad_key_or_value_exits_2_naming_it_and_saves_nothing(
    db_url: str, argument: str, named: str
) -> None:
    clinic(db_url, "set", "phone=0123 456 789")

    ran = clinic(db_url, "set", "clinic_name=Not saved", argument)

    assert ran.returncode == 2
    message = ran.stderr.strip()
    assert named in message and "\n" not in message and "Traceback" not in message
    assert shown(db_url)["clinic_name"] == ""  # the good key in the same call is not saved


def test_a_level_below_the_published_one_is_refused_as_in_the_window(db_url: str) -> None:
    ran = clinic(db_url, "set", "red_flags.levels.cauda_equina_signs=prompt")

    assert ran.returncode == 2
    assert "cauda_equina_signs must stay at least 'urgent'" in ran.stderr
    assert shown(db_url)["clinical_overrides"] == {}


def test_a_broken_overrides_file_is_named(db_url: str, tmp_path: Path) -> None:
    file = tmp_path / "overrides.json"
    file.write_text("{bad")

    ran = clinic(db_url, "set", "--overrides", str(file))

    assert ran.returncode == 2
    assert "overrides.json: not valid JSON at line 1" in ran.stderr
