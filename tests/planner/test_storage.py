"""Storage behaviour a clinic relies on, run on SQLite and (in CI) on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from planner.errors import ConflictError, NotFoundError
from planner.policy import ClinicPolicy
from planner.records import ClientDetails, ItemDoc, PhaseDoc, ProgrammeDoc
from planner.services import Services
from planner.settings import ClinicSettings
from planner.store.database import open_database
from planner.store.models import AuditRow, ProgrammeRow

pytestmark = pytest.mark.storage

NAMES = ["Zoë Łukasiewicz", "Søren Ødegård", "Ñandú Pérez", "Chloé O'Brien-Müller", "李小龍"]


def test_non_ascii_names_round_trip_exactly_across_reopen(db_url: str) -> None:
    first = open_database(db_url)
    ids = [Services(first).clients.create(ClientDetails(name=n)).id for n in NAMES]
    first.dispose()

    again = open_database(db_url)
    try:
        services = Services(again)
        assert [services.clients.get(i).name for i in ids] == NAMES
        # Typed without accents or capitals, the clinician still finds them.
        assert [c.name for c in services.clients.search("zoe lukas")] == ["Zoë Łukasiewicz"]
        assert [c.name for c in services.clients.search("SOREN ode")] == ["Søren Ødegård"]
        assert [c.name for c in services.clients.search("nandu")] == ["Ñandú Pérez"]
    finally:
        again.dispose()


def test_search_treats_like_wildcards_as_plain_text(services: Services) -> None:
    services.clients.create(ClientDetails(name="Ann 100% Fit"))
    services.clients.create(ClientDetails(name="Anna Smith"))
    assert [c.name for c in services.clients.search("100%")] == ["Ann 100% Fit"]
    assert [c.name for c in services.clients.search("_")] == []


def test_archived_clients_leave_the_list_and_come_back_on_restore(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Jo Bloggs"))
    archived = services.clients.set_archived(client.id, client.version, True)
    assert services.clients.search("jo") == []
    assert [c.id for c in services.clients.search("jo", archived=True)] == [client.id]
    services.clients.set_archived(archived.id, archived.version, False)
    assert [c.id for c in services.clients.search("jo")] == [client.id]


def test_a_stale_client_edit_is_refused_and_names_the_change(db_url: str) -> None:
    desk_a, desk_b = open_database(db_url), open_database(db_url)
    try:
        a, b = Services(desk_a), Services(desk_b)
        client = a.clients.create(ClientDetails(name="Sam Lee", phone="111"))
        seen_by_b = b.clients.get(client.id)
        a.clients.update(
            client.id, client.version, client.details.model_copy(update={"phone": "222"})
        )
        with pytest.raises(ConflictError) as err:
            b.clients.update(
                seen_by_b.id, seen_by_b.version, seen_by_b.details.model_copy(update={"notes": "x"})
            )
        assert "phone" in str(err.value)
        stored = a.clients.get(client.id)
        assert (stored.phone, stored.notes) == ("222", "")
    finally:
        desk_a.dispose()
        desk_b.dispose()


def _programme(client_id: int, title: str = "Settle and activate") -> ProgrammeDoc:
    return ProgrammeDoc(
        client_id=client_id,
        title=title,
        start_date=date(2026, 1, 5),
        data={"goals": ["Run 5 km without back pain"]},
        phases=[PhaseDoc(name="Settle", weeks=2), PhaseDoc(name="Build", weeks=4)],
        items=[
            ItemDoc(exercise_code="bridge", data={"dosage": {"sets": 2, "reps": 10}}),
            ItemDoc(exercise_code="clamshell", data={"dosage": {"sets": 2, "reps": 12}}),
        ],
    )


def test_two_workstations_editing_one_programme_second_save_conflicts_nothing_lost(
    db_url: str,
) -> None:
    desk_a, desk_b = open_database(db_url), open_database(db_url)
    try:
        a, b = Services(desk_a), Services(desk_b)
        client = a.clients.create(ClientDetails(name="Priya Raman"))
        created = a.programmes.create(_programme(client.id))
        open_in_a = a.programmes.get(created.id)
        open_in_b = b.programmes.get(created.id)

        edit_a = open_in_a.model_copy(update={"title": "Settle, activate and walk"})
        saved_a = a.programmes.save(created.id, open_in_a.version, edit_a)
        edit_b = open_in_b.model_copy(
            update={"items": [*open_in_b.items, ItemDoc(exercise_code="bird_dog")]}
        )
        with pytest.raises(ConflictError) as err:
            b.programmes.save(created.id, open_in_b.version, edit_b)
        assert "title" in str(err.value)
        assert "not saved" in str(err.value)

        # A's edit is stored; B's edit is still in B's hands and lands after a reload.
        now = b.programmes.get(created.id)
        assert now.title == "Settle, activate and walk" and now.version == saved_a.version
        assert [i.exercise_code for i in now.items] == ["bridge", "clamshell"]
        merged = now.model_copy(update={"items": edit_b.items})
        final = b.programmes.save(created.id, now.version, merged)
        assert final.title == "Settle, activate and walk"
        assert [i.exercise_code for i in final.items] == ["bridge", "clamshell", "bird_dog"]
    finally:
        desk_a.dispose()
        desk_b.dispose()


def test_programme_phases_and_items_keep_their_order(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Order Test"))
    doc = _programme(client.id)
    reversed_items = doc.model_copy(update={"items": list(reversed(doc.items))})
    stored = services.programmes.create(reversed_items)
    assert [i.exercise_code for i in services.programmes.get(stored.id).items] == [
        "clamshell",
        "bridge",
    ]
    assert [p.name for p in services.programmes.get(stored.id).phases] == ["Settle", "Build"]


def test_failed_action_writes_nothing(services: Services) -> None:
    with services.db.transaction() as session:
        audited = len(session.scalars(select(AuditRow)).all())
    with pytest.raises(NotFoundError):
        services.programmes.create(_programme(client_id=9999))
    with services.db.transaction() as session:
        assert session.scalars(select(ProgrammeRow)).all() == []
        assert len(session.scalars(select(AuditRow)).all()) == audited


def test_assessment_is_stored_and_reloaded_unchanged(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Søren Ødegård"))
    data = {"pain": {"now": 4, "worst": 7}, "red_flags": [], "note": "Łódź → Ærø"}
    record = services.assessments.create(client.id, date(2026, 3, 2), data)
    assert services.assessments.get(record.id).data == data
    updated = services.assessments.update(
        record.id, record.version, date(2026, 3, 2), {**data, "pain": {"now": 2, "worst": 5}}
    )
    with pytest.raises(ConflictError) as err:
        services.assessments.update(record.id, record.version, date(2026, 3, 2), data)
    assert "pain" in str(err.value)
    assert services.assessments.for_client(client.id)[0].data["pain"]["now"] == 2
    assert updated.version == record.version + 1


def test_audit_trail_names_fields_but_holds_no_clinical_values(services: Services) -> None:
    client = services.clients.create(ClientDetails(name="Private Person", notes="secret"))
    services.clients.update(
        client.id, client.version, client.details.model_copy(update={"notes": "very secret"})
    )
    with services.db.transaction() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.entity == "client")).all()
        dumped = repr([(r.action, r.fields, r.workstation) for r in rows])
    assert [r for r in dumped.split("'") if r in {"create", "edit"}] == ["create", "edit"]
    assert "secret" not in dumped and "Private" not in dumped


@pytest.mark.own_accounts  # starts from settings never saved
def test_clinic_settings_save_and_stale_save_conflicts(services: Services) -> None:
    settings, version = services.settings.get()
    assert settings == ClinicSettings() and version == 0
    v1 = services.settings.save(settings.model_copy(update={"clinic_name": "Ærø Physio"}), 0)
    assert services.settings.get()[0].clinic_name == "Ærø Physio"
    with pytest.raises(ConflictError):
        services.settings.save(settings, 0)
    with pytest.raises(ConflictError):
        services.settings.set_logo(b"\x89PNG fake", 0)
    v2 = services.settings.set_logo(b"\x89PNG fake", v1)
    assert services.settings.logo() == b"\x89PNG fake"
    assert services.settings.get()[1] == v2 > v1


def test_settings_and_logo_from_one_save_are_stored_together_or_not_at_all(
    services: Services,
) -> None:
    """The settings window's Save changes fields and the logo at once: one transaction, one
    new version, so a workstation that saved in between cannot leave half of it stored."""
    settings, version = services.settings.get()
    named = settings.model_copy(update={"clinic_name": "Riverside"})
    v1 = services.settings.save(named, version, logo=b"\x89PNG one")
    assert v1 == version + 1
    assert services.settings.logo() == b"\x89PNG one"

    other = services.settings.save(named.model_copy(update={"phone": "0123"}), v1)
    with pytest.raises(ConflictError):
        services.settings.save(settings.model_copy(update={"clinic_name": "Lost"}), v1, logo=None)
    assert services.settings.get() == (named.model_copy(update={"phone": "0123"}), other)
    assert services.settings.logo() == b"\x89PNG one"  # the losing save removed nothing

    services.settings.save(named, other, logo=None)
    assert services.settings.logo() is None


def test_clinic_threshold_overrides_are_checked_by_name() -> None:
    from pydantic import ValidationError

    policy = ClinicPolicy.from_settings(ClinicSettings(clinical_overrides={"lsi_min_percent": 85}))
    assert policy.thresholds.objective.lsi_min_percent == 85
    with pytest.raises(ValidationError, match="lsi_pct: no such clinical threshold"):
        ClinicSettings(clinical_overrides={"lsi_pct": 85})


def test_a_client_search_of_any_length_answers_without_an_error(services: Services) -> None:
    """SQLite refuses a LIKE pattern over 50,000 characters and a query with thousands of them;
    a name holds at most 200, so such a search simply finds nobody (issue 16, problem 7)."""
    services.clients.create(ClientDetails(name="Zoë Łukasiewicz"))
    assert services.clients.search("a" * 50_000) == []
    assert services.clients.search(" ".join(f"w{n}" for n in range(3000))) == []
    key = "lukasiewicz"
    pieces = sorted({key[i : i + n] for n in (2, 3) for i in range(len(key) - n + 1)})
    assert len(pieces) > 16  # more words than go into one query: the rest are checked after
    typed = "zoe " * 2000 + " ".join(pieces)
    assert [c.name for c in services.clients.search(typed)] == ["Zoë Łukasiewicz"]
    assert services.clients.search(typed + " zz") == []
