"""Issue 15 point 10: the demo shows everything, and leaves when asked."""

from __future__ import annotations

import io
import itertools
from datetime import date

from pypdf import PdfReader

from planner.assessment.compare import compare
from planner.demo import DEMO_CLIENTS, create_demo, remove_demo
from planner.operations.documents import PROGRESS, Blocked, prepare_document
from planner.records import ClientDetails
from planner.services import Services
from reports.render import render_plan

TODAY = date(2026, 3, 2)


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_each_demo_client_has_assessments_weeks_apart_with_changing_scores(
    services: Services,
) -> None:
    ids = create_demo(services, today=TODAY)
    assert len(ids) == len(DEMO_CLIENTS)
    policy = services.settings.policy()
    for client_id in ids:
        records = services.assessments.for_client(client_id)
        assert len(records) == 3
        days = [r.assessed_on for r in records]
        assert all((b - a).days >= 14 for a, b in itertools.pairwise(days))
        first, _ = services.assessments.load(records[0].id)
        last, _ = services.assessments.load(records[-1].id)
        assert first.pain is not None and last.pain is not None
        assert last.pain.now is not None and first.pain.now is not None
        assert last.pain.now < first.pain.now, "the pain eases"
        assert compare(first, last, policy), "Compare has changes to show"


def test_the_progress_report_and_a_given_programme_with_logs(services: Services) -> None:
    ids = create_demo(services, today=TODAY)
    shown = 0
    for client_id in ids:
        programmes = services.programmes.for_client(client_id)
        if not programmes:
            continue  # a client whose red flags stop exercise gets none
        programme, _ = services.programmes.load(programmes[0].id)
        assert programme.status == "active" and programme.given_on is not None
        assert len(services.programmes.logs(programmes[0].id)) > 10
        plan = prepare_document(services, PROGRESS, client_id, programmes[0].id)
        assert not isinstance(plan, Blocked)
        text = pdf_text(render_plan(plan))
        assert "Oswestry" in text or "ODI" in text
        shown += 1
    assert shown >= 3


def test_demo_remove_takes_exactly_the_demo_clients(services: Services) -> None:
    create_demo(services, today=TODAY)
    namesake = DEMO_CLIENTS[0].details
    real = services.clients.create(ClientDetails(name=namesake.name, notes="A real client"))
    other = services.clients.create(ClientDetails(name="Jo Bloggs"))
    removed = remove_demo(services)
    assert sorted(removed) == sorted(d.details.name for d in DEMO_CLIENTS)
    left = {c.id for c in services.clients.search("", limit=1000)}
    assert left == {real.id, other.id}
    assert remove_demo(services) == []
