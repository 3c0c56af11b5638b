"""The assessment tab's file and comparison actions: import and export an assessment file, and
compare with the assessment before.

A mixin of :class:`ui.assessment_tab.AssessmentTab`, kept apart so the tab's module is about
what is on screen; reading and writing files runs off the GUI thread.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from planner.assessment.compare import compare
from planner.assessment.io import load_assessment, save_assessment
from planner.assessment.model import AssessmentFile
from planner.errors import PlannerError
from planner.operations import Changes
from planner.records import AssessmentRecord
from ui.assessment_compare import CompareDialog

if TYPE_CHECKING:
    from ui.assessment_tab import AssessmentTab

    _Base = AssessmentTab
else:
    _Base = object


def _day(d: date) -> str:
    return d.strftime("%d %b %Y")


def _file_name(a: AssessmentFile) -> str:
    slug = re.sub(r"[^\w]+", "-", a.client.name.casefold()).strip("-") or "client"
    return f"{slug}-{a.date.isoformat()}.assessment.json"


class AssessmentFileActions(_Base):
    # -- files ---------------------------------------------------------------------------
    def import_file(self) -> None:
        if self.client is None:
            return
        path = self.choose_import_path()
        if not path:
            return
        self.ctx.runner.run(
            lambda _progress: load_assessment(path),
            self._imported,
            lambda exc: self.tell("Cannot import assessment", str(exc)),
        )

    def _imported(self, a: AssessmentFile) -> None:
        client = self.client
        if client is None:
            return
        other_name = a.client.name.casefold() != client.name.casefold()
        other_birth = client.birth_date is not None and a.client.birth_date != client.birth_date
        if (other_name or other_birth) and not self.confirm(
            "Different client?",
            f"The file is an assessment of {a.client.name}, born {_day(a.client.birth_date)}, "
            f"but the open client is {client.name}. Import it into {client.name}'s record "
            "anyway?",
        ):
            return
        self.flush()
        try:
            record = self.ctx.services.assessments.save_new(client.id, a)
        except PlannerError as exc:
            self.tell("Cannot import assessment", str(exc))
            return
        self.ctx.announce(Changes(client_id=client.id, assessment=True))
        self.open_assessment(record.id)
        self._status(f"Imported the assessment of {_day(a.date)}")

    def export_file(self) -> None:
        self.flush()
        a = self.current if self.outcome is None or self.outcome.assessment else None
        if a is None or self.client is None:
            self.tell("Cannot export", "Fix the fields marked in red first; then export.")
            return
        path = self.choose_export_path(_file_name(a))
        if not path:
            return
        self.ctx.runner.run(
            lambda _progress: save_assessment(a, path),
            lambda _r: self._status(f"Exported to {Path(path).name}"),
            lambda exc: self.tell("Cannot export", f"{Path(path).name}: {exc}"),
        )

    # -- re-assessment -------------------------------------------------------------------
    def _previous_record(self) -> AssessmentRecord | None:
        records = self._records()
        if self.record is None:
            return records[-1] if records else None
        ids = [r.id for r in records]
        if self.record.id not in ids:
            return None
        at = ids.index(self.record.id)
        return records[at - 1] if at > 0 else None

    def _load_previous(self) -> AssessmentFile | None:
        """The assessment before the one shown, so neurology worse since then is found as
        the command line's `assess --previous` finds it (None: there is none, or unreadable)."""
        record = self._previous_record()
        if record is None:
            return None
        try:
            return self.ctx.services.assessments.load(record.id)[0]
        except (PlannerError, ValueError):
            return None

    def compare_with_previous(self) -> CompareDialog | None:
        self.flush()
        previous = self._previous_record()
        if previous is None or self.current is None:
            self.tell("Nothing to compare", "This client has no earlier assessment to compare.")
            return None
        try:
            before, _ = self.ctx.services.assessments.load(previous.id)
            changes = compare(before, self.current, self.policy)
        except (PlannerError, ValueError) as exc:
            self.tell("Cannot compare", str(exc))
            return None
        self.compare_dialog = CompareDialog(changes, before.date, self.current.date, self)
        self.compare_dialog.open()
        return self.compare_dialog

    def choose_import_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import assessment file", "", "Assessment files (*.json);;All files (*)"
        )
        return path

    def choose_export_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export assessment file", suggested, "Assessment files (*.json)"
        )
        return path
