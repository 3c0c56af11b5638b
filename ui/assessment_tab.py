"""The assessment tab: the form, the findings beside it, and the red-flag banner above both.

Every change is checked by planner's model a moment after the key is pressed; a valid
assessment is saved at once (there is no Save button), and one that is not valid yet is kept as
a draft at once, with the reasons beside the fields: nothing typed is lost. A draft's red flags
count in the safety verdict straight away, and leaving a client or closing the window with a
draft asks whether to keep it. The findings and the banner follow the form as it is typed, so a
ticked red flag stops the session on screen before anything is planned. Undo and redo step
through the changes (Ctrl+Z, Ctrl+Y), each one saved as it was.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from exercise_library.vocabulary import RedFlag
from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile, Sex
from planner.assessment.model import Client as AssessedClient
from planner.assessment.recommend import blocked_reason
from planner.assessment.thresholds import Referral
from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from planner.policy import ClinicPolicy
from planner.records import AssessmentRecord, Client
from planner.services.assessments import StoredDraft
from planner.settings import ClinicSettings
from ui.assessment_compare import CompareDialog
from ui.assessment_files import AssessmentFileActions, _day
from ui.assessment_findings import FindingsPanel, RedFlagBanner
from ui.assessment_form import AssessmentForm
from ui.assessment_parts import Outcome
from ui.assessment_state import (
    FormEdit,
    ask_about_draft,
    ask_reload,
    form_state,
    load_state,
    make_draft,
)
from ui.context import AppContext
from ui.style import ERROR_COLOUR

DEBOUNCE_MS = 150
NEW_ITEM = "New assessment (saved as soon as you enter something)"
SECTION_NAMES = {
    "pain": "Pain",
    "running": "Running profile",
    "questionnaires": "Questionnaires",
    "tests": "Objective tests",
    "notes": "Notes",
    "red_flags": "Red-flag screen",
}
# Only the ticked flags and the clearance decide the banner; this stands in for the rest of the
# file when another part of the form still holds a problem, so the banner never waits for it.
_SCREEN_DAY = date(2000, 1, 1)
_SCREEN_CLIENT = AssessedClient(name="red-flag screen", birth_date=_SCREEN_DAY, sex=Sex.OTHER)


class AssessmentTab(AssessmentFileActions, QWidget):
    edit_client = Signal()  # the therapist asks to edit the client record

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: Client | None = None
        self.record: AssessmentRecord | None = None  # None: a new assessment, not saved yet
        self.saved: AssessmentFile | None = None  # what the database holds for ``record``
        self.current: AssessmentFile | None = None  # the form's last valid content
        self.previous: AssessmentFile | None = None  # the one before it, for its neurology
        self.findings_shown: Findings | None = None
        self.outcome: Outcome | None = None
        self.compare_dialog: CompareDialog | None = None
        self._saving = False
        self.settings = self._load_settings()
        self.policy = self._policy()

        self.banner = RedFlagBanner()

        self.picker = QComboBox()
        self.picker.setAccessibleName("Assessment shown")
        self.picker.setMinimumWidth(260)
        self.picker.setToolTip("The client's assessments, newest first")
        self.new_button = QPushButton("New assessment")
        self.new_button.setAccessibleName("New assessment")
        self.new_button.setToolTip("Start a new assessment for this client (Ctrl+Shift+A)")
        self.import_button = QPushButton("&Import assessment file...")
        self.import_button.setAccessibleName("Import assessment file")
        self.export_button = QPushButton("E&xport assessment file...")
        self.export_button.setAccessibleName("Export assessment file")
        self.compare_button = QPushButton("Co&mpare with previous")
        self.compare_button.setAccessibleName("Compare with previous assessment")
        bar = QHBoxLayout()
        shown = QLabel("Assessment")
        shown.setBuddy(self.picker)
        bar.addWidget(shown)
        bar.addWidget(self.picker)
        for b in (self.new_button, self.compare_button, self.import_button, self.export_button):
            bar.addWidget(b)
        bar.addStretch(1)

        self.state_label = QLabel()
        self.state_label.setAccessibleName("Save state")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)

        self.form = AssessmentForm(dict(self.policy.thresholds.red_flags.levels))
        self.undo_stack = QUndoStack(self)
        self.ctx.own_undo(self, self.undo_stack)
        self._shown_state: dict[str, object] = {}
        self._restoring = False
        self.has_draft = False
        self.form.set_units(self.settings.distance_unit, self.settings.weight_unit)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        # The form scrolls down, never sideways (issue 15: it must fit a 1280 x 800 screen).
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.form)
        self.scroll.setAccessibleName("Assessment form")
        self.findings = FindingsPanel()
        # The banner heads the findings column, beside the form: ticking a flag never moves
        # the form under the pointer.
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.banner)
        side_layout.addWidget(self.findings, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([660, 340])

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.state_label)
        content_layout.addWidget(self.splitter, 1)
        self.empty = QLabel("Open a client on the left to see or start their assessment.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._wire_form()
        self.picker.activated.connect(self._picked)
        self.new_button.clicked.connect(self.new_assessment)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.compare_button.clicked.connect(self.compare_with_previous)
        self.ctx.events.changed.connect(self._changed)
        self._show_client_page()

    # -- the open client ---------------------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        if client is not None and self.client is not None and client.id == self.client.id:
            self.client = client  # same person, details refreshed: show them, keep the rest
            self._show_facts()
            self.refresh()
            return
        self.flush()
        self.client = client
        self.has_draft = False  # the last client's draft stays stored; it was asked about
        self.undo_stack.clear()
        self._show_client_page()
        if client is None:
            return
        self._show_facts()
        found = self._draft()
        if found is not None:
            self._restore_draft(found)
            return
        records = self._records()
        if records:
            self.open_assessment(records[-1].id)
        else:
            self.new_assessment()

    def _show_facts(self) -> None:
        c = self.client
        if c is None:
            return
        sex = Sex(c.sex) if c.sex in {s.value for s in Sex} else None
        self.form.set_client_facts(c.name, c.birth_date, sex)

    def _show_client_page(self) -> None:
        self.pages.setCurrentIndex(1 if self.client is not None else 0)
        if self.client is None:
            self.banner.hide()
            self.record = self.saved = self.current = None
        for b in (self.new_button, self.import_button):
            b.setEnabled(self.client is not None)

    def _records(self) -> list[AssessmentRecord]:
        """The client's assessments, oldest first (planner's order)."""
        if self.client is None:
            return []
        try:
            return self.ctx.services.assessments.for_client(self.client.id)
        except PlannerError as exc:
            self._status(f"Assessments could not be read: {exc}")
            return []

    def _load_settings(self) -> ClinicSettings:
        try:
            settings, _version = self.ctx.services.settings.get()
            return settings
        except PlannerError as exc:
            self._status(f"Using the default settings: {exc}")
            return ClinicSettings()

    def _policy(self) -> ClinicPolicy:
        """The clinic's policy, so the findings match the command line and the PDF."""
        return ClinicPolicy.from_settings(self.settings)

    def _settings_changed(self) -> None:
        self.settings = self._load_settings()
        self.policy = self._policy()
        # Distances and weights now show in the clinic's units; the values stay as stored.
        levels = dict(self.policy.thresholds.red_flags.levels)
        if levels != self.form.flag_levels:
            self._regroup_flags(levels)
        self.form.set_units(self.settings.distance_unit, self.settings.weight_unit)
        self.refresh(save=False)

    def _wire_form(self) -> None:
        self.form.edited.connect(self._timer.start)
        self.form.edit_client.connect(self.edit_client.emit)

    def _regroup_flags(self, levels: dict[RedFlag, Referral]) -> None:
        """The clinic changed a flag's referral level: the screen regroups its flags now,
        keeping everything on screen as it was."""
        shown = form_state(self.form)
        facts = self.form.facts
        old = self.form
        self.form = AssessmentForm(levels)
        self.form.set_client_facts(*facts)
        load_state(self.form, shown)
        self.scroll.takeWidget()
        self.scroll.setWidget(self.form)
        self._wire_form()
        old.deleteLater()

    # -- choosing what to edit ---------------------------------------------------------
    def new_assessment(self) -> None:
        """Start a blank assessment for the open client (Ctrl+Shift+A in the main window)."""
        if self.client is None or not self.may_leave_draft():
            return
        self.flush()
        previous: AssessedClient | None = None
        records = self._records()
        if records:
            try:
                previous = self.ctx.services.assessments.load(records[-1].id)[0].client
            except (PlannerError, ValueError):
                previous = None
        self.record = self.saved = self.current = None
        self.has_draft = False
        self.form.load_new(date.today(), previous)
        self._loaded()
        self._fill_picker()
        self.refresh(save=False)
        missing = [what for what, value in (("birth date", self.form.facts[1]),
                   ("sex", self.form.facts[2])) if value is None]  # fmt: skip
        if missing:
            self._state(
                f"New assessment. The client record has no {' or '.join(missing)}: use Edit "
                "client details. Everything typed is kept as a draft until then."
            )
            start: QWidget = self.form.edit_client_button
        else:
            self._state("New assessment: it is saved as soon as you enter something.")
            start = self.form.pain_now  # the client's details carry over; the session starts here
        start.setFocus()
        self.scroll.ensureWidgetVisible(start)

    def open_assessment(self, assessment_id: int) -> None:
        """Show a stored assessment (the latest one, or one picked in the History tab)."""
        if self.record is not None and self.record.id == assessment_id and self.has_draft:
            return  # it is on screen already, with the draft's changes
        if not self.may_leave_draft():
            self._fill_picker()
            return
        self.flush()
        try:
            a, record = self.ctx.services.assessments.load(assessment_id)
        except (PlannerError, ValueError) as exc:
            self.tell("Cannot open assessment", f"Assessment {assessment_id}: {exc}")
            if self.client is not None and (
                self.record is None or self.record.client_id != self.client.id
            ):
                self.new_assessment()  # never leave another client's assessment on screen
            return
        self.record, self.saved, self.current = record, a, a
        self.has_draft = False
        self.form.load(a)
        self._loaded()
        self._fill_picker()
        self.refresh(save=False)
        self._state(f"Assessment of {_day(a.date)}. Changes are saved as you type.")

    def _loaded(self) -> None:
        """A new starting point for undo: what the form shows now."""
        self.previous = self._load_previous()
        self.undo_stack.clear()
        self._shown_state = form_state(self.form)

    # -- drafts ------------------------------------------------------------------------
    def _draft(self) -> StoredDraft | None:
        if self.client is None:
            return None
        try:
            return self.ctx.services.assessments.draft(self.client.id)
        except (PlannerError, ValueError) as exc:
            self._status(f"The unfinished assessment could not be read: {exc}")
            return None

    def _restore_draft(self, stored: StoredDraft) -> None:
        """Bring back an unfinished assessment exactly as it was typed."""
        assessment_id = stored.assessment_id
        self.record = self.saved = self.current = None
        if assessment_id is not None:
            try:
                self.saved, self.record = self.ctx.services.assessments.load(assessment_id)
                self.current = self.saved
            except (PlannerError, ValueError):
                self.record = self.saved = self.current = None
        load_state(self.form, stored.shown)
        # Red flags first: the draft's own flags stand even if the screen has changed since.
        self.form.keep_flags(stored.draft.flags)
        self.has_draft = True
        self._loaded()
        self._fill_picker()
        self.refresh(save=False)
        problems = self.outcome.errors if self.outcome is not None else []
        first = problems[0].text if problems else "not finished yet"
        self._state(f"Unfinished assessment kept as a draft: {first}", error=True)

    def may_leave_draft(self) -> bool:
        """Before the form shows something else: keep, discard or go back to a draft."""
        self.flush()
        if not self.has_draft or self.client is None:
            return True
        answer = self.ask_about_draft()
        if answer == "back":
            return False
        if answer == "discard":
            try:
                self.ctx.services.assessments.discard_draft(self.client.id)
            except PlannerError as exc:
                self.tell("Draft not discarded", str(exc))
                return False
            self.has_draft = False
            self.ctx.announce(Changes(client_id=self.client.id, assessment=True))
        return True

    def _fill_picker(self) -> None:
        self.picker.blockSignals(True)
        try:
            self.picker.clear()
            if self.record is None:
                self.picker.addItem(NEW_ITEM, None)
            for r in reversed(self._records()):
                self.picker.addItem(_day(r.assessed_on), r.id)
            if self.record is not None:
                index = self.picker.findData(self.record.id)
                self.picker.setCurrentIndex(max(index, 0))
        finally:
            self.picker.blockSignals(False)
        self.export_button.setEnabled(self.client is not None)
        self.compare_button.setEnabled(self._previous_record() is not None)

    def _picked(self, index: int) -> None:
        wanted = self.picker.itemData(index)
        if wanted is not None and (self.record is None or wanted != self.record.id):
            self.open_assessment(int(wanted))

    def _changed(self, changes: Changes) -> None:
        if changes.settings:
            self._settings_changed()
        if changes.assessment and changes.client_id is not None:
            self._saved_elsewhere(changes.client_id)

    def _saved_elsewhere(self, client_id: int) -> None:
        if not self._saving and self.client is not None and client_id == self.client.id:
            self._fill_picker()

    # -- checking and saving as the therapist types ------------------------------------
    def flush(self) -> None:
        """Save now whatever is waiting for the typing pause."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

    def refresh(self, save: bool = True) -> None:
        if self.client is None:
            return
        outcome = self.form.validate()
        self.outcome = outcome
        self.form.show_errors(outcome.errors)
        self._update_banner(outcome.assessment)
        if save:
            self._remember_for_undo()
        if outcome.assessment is not None:
            a = outcome.assessment
            self.current = a
            self.findings_shown = analyse(a, self.policy, self.previous)
            self.findings.show_findings(self.findings_shown, a)
            if save or (self.has_draft and self.record is not None and a == self.saved):
                self._save(a)
            return
        base = outcome.partial or self.current
        left_out = [SECTION_NAMES.get(k, k) for k in outcome.left_out]
        if base is not None:
            self.findings_shown = analyse(base, self.policy, self.previous)
            self.findings.show_findings(self.findings_shown, base, True, left_out)
        else:
            self.findings_shown = None
            self.findings.show_nothing("Findings appear once the client details are complete.")
        if save:
            self._save_draft()
        first = outcome.errors[0].text
        more = len(outcome.errors) - 1
        extra = f" (and {more} more)" if more else ""
        kept = "Kept as a draft" if self.has_draft else "Not an assessment yet"
        self._state(f"{kept}: {first}{extra}", error=True)

    def _save_draft(self) -> None:
        """Every value, red flags first, stored at once; the problems listed on screen."""
        if self.client is None:
            return
        draft = make_draft(self.form)
        record_id = self.record.id if self.record is not None else None
        shown = form_state(self.form)
        try:
            self.ctx.services.assessments.save_draft(self.client.id, record_id, draft, shown)
        except PlannerError as exc:
            self.tell("Draft not kept", str(exc))
            return
        self.has_draft = True
        self._status(f"Kept as a draft at {datetime.now().strftime('%H:%M')}")
        self._announce()

    def _announce(self) -> None:
        assert self.client is not None
        self._saving = True
        try:
            self.ctx.announce(Changes(client_id=self.client.id, assessment=True))
        finally:
            self._saving = False

    def _remember_for_undo(self) -> None:
        if self._restoring:
            return
        now = form_state(self.form)
        if now != self._shown_state:
            self.undo_stack.push(FormEdit(self, self._shown_state, now))
            self._shown_state = now

    def show_state(self, state: dict[str, object]) -> None:
        """Undo and redo: show an earlier form and save it as it was then."""
        self._restoring = True
        try:
            load_state(self.form, state)
            self._shown_state = state
            self.refresh()
        finally:
            self._restoring = False

    def _update_banner(self, a: AssessmentFile | None) -> None:
        previous = self.previous if a is not None else None
        if a is None:
            a = AssessmentFile.model_validate(
                {
                    "client": _SCREEN_CLIENT,
                    "date": _SCREEN_DAY,
                    "red_flags": self.form._ticked_flags(),
                    **({"medical_clearance": {}} if self.form.clearance.isChecked() else {}),
                }
            )
        referral = analyse(a, self.policy, previous).referral
        self.banner.show_for(blocked_reason(a, self.policy, previous), referral)

    def _save(self, a: AssessmentFile) -> None:
        if self.client is None or (
            self.record is not None and a == self.saved and not self.has_draft
        ):
            return
        service = self.ctx.services.assessments
        try:
            if self.record is None:
                record = service.save_new(self.client.id, a)
            else:
                record = service.save_existing(self.record.id, self.record.version, a)
        except ConflictError as exc:
            self._state("Not saved: this assessment was changed on another workstation.", True)
            self._status("Not saved: changed on another workstation")
            if self.ask_reload(str(exc)) and self.record is not None:
                self.open_assessment(self.record.id)
            return
        except PlannerError as exc:
            self._state(f"Not saved: {exc}", error=True)
            self.tell("Not saved", str(exc))
            return
        new = self.record is None
        self.record, self.saved = record, a
        self.has_draft = False
        self._state(f"Saved at {datetime.now().strftime('%H:%M')}.")
        self._status("Saved")
        self._announce()
        if new or self.picker.currentText() != _day(a.date):
            self._fill_picker()

    # -- talking to the therapist (tests replace these) ----------------------------------
    def _state(self, text: str, error: bool = False) -> None:
        self.state_label.setText(text)
        self.state_label.setStyleSheet(
            f"color: {ERROR_COLOUR}; font-weight: 600" if error else "color: #1b5e20"
        )

    def _status(self, text: str) -> None:
        self.ctx.events.status.emit(text)

    def tell(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_about_draft(self) -> str:
        """Keep the draft, discard it, or go back to it: "keep", "discard" or "back"."""
        return ask_about_draft(self, self.client.name if self.client is not None else "")

    def ask_reload(self, message: str) -> bool:
        """Say what changed elsewhere and offer to load it; never overwrite."""
        return ask_reload(self, message)
