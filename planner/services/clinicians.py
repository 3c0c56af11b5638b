"""Clinicians of the clinic (who assessed, who wrote a programme)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from planner.records import Clinician
from planner.services import utcnow
from planner.store.mapping import clinician_from_row
from planner.store.models import ClinicianRow

if TYPE_CHECKING:
    from planner.services import Services


class ClinicianService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def create(
        self, name: str, registration: str | None = None, email: str | None = None
    ) -> Clinician:
        with self._s.db.transaction() as session:
            row = ClinicianRow(
                name=name.strip(),
                registration=registration,
                email=email,
                active=True,
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            self._s.audit(session, "clinician", row.id, "create", None, ["name"])
            return clinician_from_row(row)

    def list(self) -> list[Clinician]:
        with self._s.db.transaction() as session:
            rows = session.scalars(select(ClinicianRow).order_by(ClinicianRow.name))
            return [clinician_from_row(r) for r in rows]
