"""Programmes, logs and assessments in the database, and the files that carry them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.assessment.io import load_assessment
from planner.errors import ConflictError, PlannerError
from planner.programme.files import read_programme_file
from planner.programme.model import SessionLog, SessionStatus
from planner.programme.schedule import materialise
from planner.records import ClientDetails
from planner.services import Services
from planner.store.models import Base
from tests.policy import handout_reason

pytestmark = pytest.mark.storage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROGRAMME = FIXTURES / "programmes" / "runner_back_to_running.physio.json"
ASSESSMENT = FIXTURES / "assessments" / "runner_left_glute_med.json"


def row_counts(services: Services) -> dict[str, int]:
    with services.db.transaction() as session:
        return {
            t.name: session.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


def test_programme_round_trips_through_the_database(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Søren Ødegård"))
    pf = read_programme_file(PROGRAMME, services.exercises.catalogue().with_extra([]))
    stored = services.programmes.create_programme(pf.programme, client.id)
    loaded, record = services.programmes.load(stored.id)
    assert loaded == pf.programme.model_copy(update={"client": client.name})
    assert record.client_id == client.id


def test_export_import_export_is_byte_identical(services: Services, tmp_path: Path) -> None:
    first_id = services.programmes.import_file(PROGRAMME)
    one, two = tmp_path / "one.physio.json", tmp_path / "two.physio.json"
    services.programmes.export_file(first_id, one)
    second_id = services.programmes.import_file(one)
    services.programmes.export_file(second_id, two)
    assert one.read_bytes() == two.read_bytes()
    # The clinic exercise the file carried is now part of this clinic's library.
    carried = json.loads(one.read_text())["exercises"]
    assert carried and all(ex["code"] in services.exercises.catalogue() for ex in carried)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("truncated.physio.json", "cut short"),
        ("newer_version.physio.json", "version"),
        ("wrong_type.physio.json", "three"),
        ("missing_exercise.physio.json", "clinic_incline_walk"),
        ("not_a_programme.physio.json", "physio-planner/assessment"),
    ],
)
def test_bad_programme_files_leave_the_database_untouched(
    services: Services, name: str, expected: str
) -> None:
    services.clients.create(ClientDetails(name="Someone"))
    before = row_counts(services)
    with pytest.raises(PlannerError) as err:
        services.programmes.import_file(FIXTURES / "programmes" / name)
    assert name in str(err.value) and expected in str(err.value)
    assert row_counts(services) == before


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    noise=_json,
    mutate=st.sampled_from(["replace", "programme", "item", "exercise"]),
)
def test_random_json_never_half_imports(
    services: Services, tmp_path: Path, noise: object, mutate: str
) -> None:
    good = json.loads(PROGRAMME.read_text())
    if mutate == "replace":
        data: object = noise
    elif mutate == "programme":
        data = {**good, "programme": noise}
    elif mutate == "item":
        good["programme"]["items"][0] = noise
        data = good
    else:
        good["exercises"] = [noise]
        data = good
    path = tmp_path / "random.physio.json"
    path.write_text(json.dumps(data))
    before = row_counts(services)
    try:
        services.programmes.import_file(path)
    except PlannerError:
        assert row_counts(services) == before
    else:  # the noise happened to be valid: then exactly one programme was added
        assert row_counts(services)["programme"] == before["programme"] + 1


def test_stale_programme_save_conflicts(services: Services) -> None:
    pid = services.programmes.import_file(PROGRAMME)
    programme, record = services.programmes.load(pid)
    services.programmes.save_programme(
        pid, record.version, programme.model_copy(update={"title": "A"})
    )
    with pytest.raises(ConflictError, match="title"):
        services.programmes.save_programme(
            pid, record.version, programme.model_copy(update={"notes": "B"})
        )


def test_logged_pain_holds_the_progression_stored_in_the_database(services: Services) -> None:
    pid = services.programmes.import_file(PROGRAMME)
    programme, _ = services.programmes.load(pid)
    cat = services.exercises.catalogue()
    plain = materialise(programme, cat)
    by_week = {(iw.key, iw.week): iw for iw in plain.item_weeks}
    # An item that would progress in week 2 if week 1 went well.
    key = next(k for (k, w), iw in by_week.items() if w == 2 and iw.changes)
    for day in plain.days:
        if day.week == 1 and any(s.key == key for s in day.items):
            services.programmes.record_log(
                pid, SessionLog(date=day.date, item=key, status=SessionStatus.DONE, pain_during=6)
            )
    logs = services.programmes.logs(pid)
    assert logs and {log.pain_during for log in logs} == {6}
    held = {(iw.key, iw.week): iw for iw in materialise(programme, cat, logs).item_weeks}
    assert held[(key, 2)].dosage == held[(key, 1)].dosage
    assert any("6/10" in reason for reason in held[(key, 2)].held)


def test_a_log_for_an_unknown_item_or_day_is_refused(services: Services) -> None:
    pid = services.programmes.import_file(PROGRAMME)
    with pytest.raises(PlannerError, match="no item"):
        services.programmes.record_log(
            pid, SessionLog(date=date(2026, 1, 6), item="nope-1", status=SessionStatus.DONE)
        )


def test_assessment_saved_reloaded_unchanged_and_exchanged_as_a_file(
    services: Services, tmp_path: Path
) -> None:
    client = services.clients.create(ClientDetails(name="Zoë Łukasiewicz"))
    record = services.assessments.import_file(ASSESSMENT, client.id)
    loaded, _ = services.assessments.load(record.id)
    assert loaded == load_assessment(ASSESSMENT)
    out = tmp_path / "out.json"
    services.assessments.export_file(record.id, out)
    assert load_assessment(out) == loaded
    again = services.assessments.import_file(out, client.id)
    assert services.assessments.load(again.id)[0] == loaded


def test_printing_is_blocked_while_the_latest_assessment_needs_referral(
    services: Services,
) -> None:
    client = services.clients.create(ClientDetails(name="Red Flag"))
    assert handout_reason(services, client.id) is None
    services.assessments.import_file(FIXTURES / "assessments" / "red_flag_urgent.json", client.id)
    assert "Urgent referral" in (handout_reason(services, client.id) or "")
    # The newest assessment decides (both files below are dated after the urgent one).
    services.assessments.import_file(
        FIXTURES / "assessments" / "prompt_flag_not_cleared.json", client.id
    )
    assert "Referral needed" in (handout_reason(services, client.id) or "")
    services.assessments.import_file(
        FIXTURES / "assessments" / "prompt_flag_cleared.json", client.id
    )
    assert handout_reason(services, client.id) is None


def test_a_programme_imported_for_another_client_and_a_rename_print_the_right_name(
    services: Services,
) -> None:
    kid = services.clients.create(ClientDetails(name="Test Kid"))
    pid = services.programmes.import_file(PROGRAMME, kid.id)
    assert services.programmes.load(pid)[0].client == "Test Kid"
    renamed = services.clients.update(
        kid.id, kid.version, kid.details.model_copy(update={"name": "Tess Kidd"})
    )
    assert renamed.name == "Tess Kidd"
    assert services.programmes.load(pid)[0].client == "Tess Kidd"


def test_exercises_a_new_condition_rules_out_are_flagged_in_the_programme(
    services: Services, tmp_path: Path
) -> None:
    import json

    client = services.clients.create(ClientDetails(name="Amara Okafor"))
    pid = services.programmes.import_file(PROGRAMME, client.id)
    services.assessments.import_file(ASSESSMENT, client.id)
    assert services.programmes.unsafe_items(pid) == []
    data = json.loads(ASSESSMENT.read_text())
    data["client"]["conditions"] = ["pregnancy"]
    data["client"]["pregnancy_trimester"] = 2
    data["date"] = "2030-01-01"
    later = tmp_path / "later.json"
    later.write_text(json.dumps(data))
    services.assessments.import_file(later, client.id)
    flagged = services.programmes.unsafe_items(pid)
    programme, _ = services.programmes.load(pid)
    catalogue = services.exercises.catalogue()
    supine = [i.code for i in programme.items if catalogue[i.code].position.value == "supine"]
    assert supine and {f.code for f in flagged} >= set(supine)
    assert all(
        "trimester 2" in " ".join(f.reasons) or "pregnancy" in " ".join(f.reasons) for f in flagged
    )


def test_a_session_cannot_be_logged_before_it_has_happened(services: Services) -> None:
    from planner.programme.model import Phase, Programme

    programme = Programme(
        title="Later", start=date.today(), phases=[Phase(name="One", weeks=2)], items=[]
    )
    pf = read_programme_file(PROGRAMME)
    programme = programme.model_copy(update={"items": pf.programme.items[:1]})
    stored = services.programmes.create_programme(programme, None)
    tomorrow = date.fromordinal(date.today().toordinal() + 1)
    with pytest.raises(PlannerError, match="has not happened yet"):
        services.programmes.record_log(
            stored.id,
            SessionLog(date=tomorrow, item=programme.items[0].key, status=SessionStatus.DONE),
        )


def test_many_first_logs_are_stored_together_or_not_at_all(services: Services) -> None:
    """The demo stores weeks of sessions in one go: a bad entry or one already stored leaves
    nothing of the batch behind."""
    pid = services.programmes.import_file(PROGRAMME)
    key = read_programme_file(PROGRAMME).programme.items[0].key
    days = [date(2025, 3, 4), date(2025, 3, 5), date(2025, 3, 6)]
    logs = [SessionLog(date=d, item=key, status=SessionStatus.DONE) for d in days]
    before = row_counts(services)

    with pytest.raises(PlannerError, match="no item"):
        services.programmes.record_new_logs(
            pid, [*logs, SessionLog(date=days[0], item="nope-1", status=SessionStatus.DONE)]
        )
    services.programmes.record_log(pid, logs[1])
    with pytest.raises(ConflictError):
        services.programmes.record_new_logs(pid, logs)
    assert row_counts(services)["session_log"] == before["session_log"] + 1

    services.programmes.record_new_logs(pid, [logs[0], logs[2]])
    assert [log.date for log in services.programmes.logs(pid)] == days
