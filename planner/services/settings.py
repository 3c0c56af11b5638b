"""The clinic's settings document and logo: one row, one version for both.

Every write names the version it started from; a save or a logo change another workstation
made first turns the later one into a :class:`planner.errors.ConflictError`, whichever way the
race is lost (the version check, the UPDATE, or two first saves inserting the row at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sqlalchemy.orm import Session

from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.services import check_version, flush_or_lose, utcnow
from planner.settings import ADMIN_FIELDS, ClinicSettings, upgrade_settings
from planner.store.models import SettingsRow

if TYPE_CHECKING:
    from planner.services import Services

ENTITY = "settings"
ROW_ID = 1
_DEFAULTS = ClinicSettings().model_dump(mode="json")
# ``save(..., logo=KEEP)`` leaves the stored logo as it is (None removes it).
KEEP: Final = object()


class SettingsService:
    def __init__(self, services: Services) -> None:
        self._s = services

    def get(self) -> tuple[ClinicSettings, int]:
        """The settings and their version (0 when never saved)."""
        with self._s.db.transaction() as session:
            row = session.get(SettingsRow, ROW_ID)
            if row is None:
                return ClinicSettings(), 0
            return ClinicSettings.model_validate(upgrade_settings(row.data)), row.version

    def policy(self) -> ClinicPolicy:
        """The clinic policy every clinical decision of this database takes."""
        return ClinicPolicy.from_settings(self.get()[0])

    def _row(self, session: Session, expected_version: int) -> SettingsRow:
        """The settings row at ``expected_version`` (a new one when 0 and none is stored)."""
        row = session.get(SettingsRow, ROW_ID)
        if row is None:
            check_version(session, ENTITY, ROW_ID, 0, expected_version)
            row = SettingsRow(id=ROW_ID, data=dict(_DEFAULTS), updated_at=utcnow())
            session.add(row)
        else:
            check_version(session, ENTITY, ROW_ID, row.version, expected_version)
        return row

    def save(self, settings: ClinicSettings, expected_version: int, *, logo: object = KEEP) -> int:
        """Store the settings, and the logo when one is given (None removes it), in one
        transaction, so a Save in the window is all or nothing; returns the new version."""
        with self._s.guarded(ENTITY, ROW_ID, expected_version), self._s.db.transaction() as session:
            row = self._row(session, expected_version)
            new = settings.model_dump(mode="json")
            changed = sorted(k for k in new if row.data.get(k, _DEFAULTS.get(k)) != new[k])
            if logo is not KEEP:
                if logo is not None and not isinstance(logo, bytes):
                    raise TypeError("logo is PNG bytes, None or KEEP")
                row.logo_png = logo
                changed.append("logo")
            guarded = ADMIN_FIELDS.intersection(changed)
            if guarded and not self._s.accounts.may_administer(session):
                titles = ", ".join(
                    str(ClinicSettings.model_fields[k].title).lower() for k in sorted(guarded)
                )
                raise UserError(f"only an administrator can change {titles}")
            row.data = new
            row.updated_at = utcnow()
            flush_or_lose(session)
            self._s.audit(session, ENTITY, ROW_ID, "edit", row.version, changed)
            return row.version

    def logo(self) -> bytes | None:
        with self._s.db.transaction() as session:
            row = session.get(SettingsRow, ROW_ID)
            return row.logo_png if row else None

    def set_logo(self, png: bytes | None, expected_version: int) -> int:
        """Store (or, with None, remove) the logo; returns the new settings version."""
        with self._s.guarded(ENTITY, ROW_ID, expected_version), self._s.db.transaction() as session:
            row = self._row(session, expected_version)
            row.logo_png = png
            row.updated_at = utcnow()
            flush_or_lose(session)
            self._s.audit(session, ENTITY, ROW_ID, "logo", row.version, ["logo"])
            return row.version
