"""Clinic-made exercises: created, edited, duplicated, exchanged; built-ins stay read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise_library.catalogue import DATA_DIR, builtin_catalogue
from exercise_library.files import read_exercise_file
from exercise_library.vocabulary import Condition, MovementFeature
from planner.errors import ConflictError, UserError
from planner.safety import ClientContext, exercise_verdict
from planner.services import Services
from tests.policy import PUBLISHED

pytestmark = pytest.mark.storage


def test_duplicate_a_builtin_edit_it_and_see_it_in_the_library(services: Services) -> None:
    ex, version = services.exercises.duplicate("bridge", "bridge_with_ball", "Bridge with ball")
    assert ex.steps == builtin_catalogue()["bridge"].steps
    edited = ex.model_copy(update={"steps": [*ex.steps, "Squeeze the ball between your knees."]})
    _, v2 = services.exercises.update(edited, version)
    assert v2 == version + 1
    assert services.exercises.catalogue()["bridge_with_ball"].steps[-1].startswith("Squeeze")
    with pytest.raises(ConflictError):
        services.exercises.update(ex, version)


def test_builtins_are_read_only(services: Services) -> None:
    bridge = builtin_catalogue()["bridge"]
    with pytest.raises(UserError, match="built-in exercise and cannot be changed"):
        services.exercises.update(bridge.model_copy(update={"name": "My bridge"}), 1)
    with pytest.raises(UserError, match="built-in"):
        services.exercises.create(bridge)


def test_a_clinic_exercise_is_judged_by_the_condition_matrix_without_notes_of_its_own(
    services: Services,
) -> None:
    """clinical-facts.md, pregnancy: no supine exercise after the first trimester. A clinic
    bridge that names no condition at all is still ruled out lying on the back, because the
    rule keys on its position, not on a note someone might forget."""
    bridge = builtin_catalogue()["bridge"]
    services.exercises.create(
        bridge.model_copy(update={"code": "my_bridge", "precautions": [], "contraindications": []})
    )
    mine = services.exercises.catalogue()["my_bridge"]
    ctx = ClientContext(conditions=frozenset({Condition.PREGNANCY}), pregnancy_trimester=2)
    verdict = exercise_verdict(mine, ctx, PUBLISHED)
    assert verdict.excluded and "lying on the back" in verdict.reasons[0]


def test_a_clinic_exercise_whose_features_contradict_its_tags_is_refused(
    services: Services,
) -> None:
    bridge = builtin_catalogue()["bridge"]
    wrong = bridge.model_copy(update={"code": "my_bridge", "features": [MovementFeature.PRONE]})
    with pytest.raises(UserError, match="features: 'prone' comes from the position"):
        services.exercises.create(wrong)
    assert "my_bridge" not in services.exercises.catalogue()


def test_export_import_uses_the_builtin_file_format(services: Services, tmp_path: Path) -> None:
    services.exercises.duplicate("clamshell", "clinic_clamshell", "Clamshell at the clinic")
    out = tmp_path / "clinic_clamshell.toml"
    services.exercises.export("clinic_clamshell", out)
    exported = read_exercise_file(out)
    assert exported.name == "Clamshell at the clinic"
    # Same format as the shipped files: the same keys at the top level.
    assert out.read_text().splitlines()[0].startswith("code = ")
    services.exercises.delete("clinic_clamshell", services.exercises.get("clinic_clamshell")[1])
    imported = services.exercises.import_file(out)
    assert imported == exported
    assert (DATA_DIR / "pilates" / "clamshell.toml").exists()


def test_importing_a_broken_file_names_the_problem_and_adds_nothing(
    services: Services, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        (DATA_DIR / "pilates" / "bridge.toml")
        .read_text()
        .replace('code = "bridge"', 'code = "clinic_bridge"')
        .replace("difficulty = 1", "difficulty = 9")
    )
    with pytest.raises(UserError) as err:
        services.exercises.import_file(bad)
    assert "bad.toml" in str(err.value) and "difficulty" in str(err.value)
    assert services.exercises.list() == []


def _programme_using(services: Services, code: str) -> int:
    from datetime import date

    from planner.records import ClientDetails, ItemDoc, PhaseDoc, ProgrammeDoc

    client = services.clients.create(ClientDetails(name="Ana Uses"))
    doc = ProgrammeDoc(
        client_id=client.id,
        title="Home programme",
        start_date=date(2026, 1, 5),
        phases=[PhaseDoc(name="Settle", weeks=2)],
        items=[
            ItemDoc(
                exercise_code=code,
                data={"key": "k1", "order": 1, "days": ["mon"], "dosage": {"reps": 10}},
            )
        ],
    )
    return services.programmes.create(doc).id


def test_an_exercise_programmes_use_is_archived_not_deleted(
    services: Services, tmp_path: Path
) -> None:
    from planner.programme.files import read_programme_file
    from planner.programme.schedule import materialise

    _, version = services.exercises.duplicate("clamshell", "clinic_clamshell", "Clinic clamshell")
    pid = _programme_using(services, "clinic_clamshell")
    with pytest.raises(UserError, match=f"'clinic_clamshell' is used by programme {pid}"):
        services.exercises.delete("clinic_clamshell", version)
    assert services.exercises.get("clinic_clamshell")[1] == version, "nothing deleted"

    version = services.exercises.archive("clinic_clamshell", version)
    catalogue = services.exercises.catalogue()
    assert "clinic_clamshell" not in [ex.code for ex in catalogue], "no longer offered"
    assert [ex.code for ex, _ in services.exercises.list()] == []
    # The programme that uses it still schedules, and its file carries it to another clinic.
    programme, _ = services.programmes.load(pid)
    assert materialise(programme, catalogue).sessions()
    out = tmp_path / "plan.physio.json"
    services.programmes.export_file(pid, out)
    assert [ex.code for ex in read_programme_file(out).exercises] == ["clinic_clamshell"]

    services.exercises.archive("clinic_clamshell", version, archived=False)
    assert "clinic_clamshell" in [ex.code for ex in services.exercises.catalogue()]


def test_deleting_an_exercise_edited_elsewhere_is_a_conflict(services: Services) -> None:
    ex, version = services.exercises.duplicate("clamshell", "clinic_clamshell", "Clamshell")
    services.exercises.update(ex.model_copy(update={"name": "Clamshell, banded"}), version)
    with pytest.raises(ConflictError, match="name"):
        services.exercises.delete("clinic_clamshell", version)
    assert services.exercises.get("clinic_clamshell")[0].name == "Clamshell, banded"
