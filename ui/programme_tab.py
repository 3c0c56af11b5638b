"""The Programme tab: the exercise library beside the client's programme.

Every change is one undoable step on the tab's QUndoStack (registered in the window's undo
group, so Edit > Undo and Ctrl+Z work) and is saved at once, through planner's operations,
with the version the tab loaded; if another workstation saved first, planner refuses and the
tab offers to reload instead of overwriting. What is safe, what an exercise starts at, how it
progresses and what is recommended all come from planner; the tab arranges and records the
therapist's choices. The pages live in :mod:`ui.programme_items`, :mod:`ui.programme_phases`
and :mod:`ui.programme_templates`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from planner.assessment.model import AssessmentFile
from planner.errors import ConflictError, PlannerError, Refused
from planner.operations import Changes, Result
from planner.operations.programmes import (
    create_programme,
    plan_programme,
    save_programme,
)
from planner.programme.conflicts import UnsafeItem, unsafe_items, unsafe_summary
from planner.programme.model import Item, LoadUnit, Programme
from planner.records import Client
from planner.safety import ClientContext, client_block
from ui.context import AppContext
from ui.library_browser import LibraryBrowser
from ui.programme_dialogs import Ask, NewProgrammeDialog
from ui.programme_items import ExercisesPage
from ui.programme_phases import DetailsPage, PhasesPage, ProgrammeHeader, short_date
from ui.programme_templates import TemplatesMenu
from ui.style import ERROR_COLOUR

T = TypeVar("T")


class ProgrammeEdit(QUndoCommand):
    """One saved change: the programme before and after it.

    The change is saved before the command is pushed, so the first redo (which QUndoStack
    runs on push) does nothing; later undo and redo save the stored programme again.
    """

    def __init__(self, tab: ProgrammeTab, before: Programme, after: Programme, text: str) -> None:
        super().__init__(text)
        self.tab = tab
        self.before = before
        self.after = after
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.tab.store(self.after)

    def undo(self) -> None:
        self.tab.store(self.before)


NO_PROGRAMME = "has no programme yet"


class ProgrammeTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.client: Client | None = None
        self.assessment: AssessmentFile | None = None
        self.context: ClientContext | None = None
        # The client's referral block (words from planner), None when they may exercise.
        self.block: str | None = None
        self.unsafe: list[UnsafeItem] = []
        self.programme_id: int | None = None
        self.programme: Programme | None = None
        self.version = 0
        self.catalogue: Catalogue = self.services.exercises.catalogue()
        self.undo_stack = QUndoStack(self)
        ctx.own_undo(self, self.undo_stack)
        self._in_undo = False
        self._announcing = False

        # -- top bar ----------------------------------------------------------------------
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Programme")
        self.chooser.setMinimumContentsLength(28)
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        chooser_label = QLabel("&Programme")
        chooser_label.setBuddy(self.chooser)
        self.new_button = QPushButton("&New programme...")
        self.new_button.setAccessibleName("New programme")
        self.recommend_button = QPushButton("Add &recommended")
        self.recommend_button.setAccessibleName("Add the recommended exercises")
        self.recommend_button.setToolTip(
            "Add the exercises the latest assessment recommends, each with the reason it was chosen"
        )
        self.template_button = QToolButton()
        self.template_button.setText("&Templates")
        self.template_button.setAccessibleName("Templates")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_menu = QMenu(self.template_button)
        self.template_button.setMenu(self.template_menu)
        self.templates = TemplatesMenu(self, self.template_menu)
        top = QHBoxLayout()
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.recommend_button)
        top.addWidget(self.template_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setAccessibleName("Programme messages")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header = ProgrammeHeader(self)
        self.title, self.status = self.header.title, self.header.status
        self.start, self.length = self.header.start, self.header.length

        # -- library ----------------------------------------------------------------------
        self.browser = LibraryBrowser(runner=self.ctx.runner)
        self.browser.set_catalogue(self.catalogue)
        self.browser.detail.set_media(ctx.services.media)
        self.add_button = QPushButton("&Add to programme  ▸")
        self.add_button.setAccessibleName("Add the selected library exercise to the programme")
        self.add_button.setToolTip("Ctrl+Return, Enter in the list, double-click, or drag it")
        library = QWidget()
        library_layout = QVBoxLayout(library)
        library_layout.setContentsMargins(0, 0, 0, 0)
        library_layout.addWidget(self.browser, 1)
        library_layout.addWidget(self.add_button)

        # -- pages ------------------------------------------------------------------------
        self.exercises = ExercisesPage(self)
        self.phases_page = PhasesPage(self)
        self.details = DetailsPage(self)
        # The widgets tests and keyboard users reach directly.
        self.items, self.items_model = self.exercises.items, self.exercises.items_model
        self.dose, self.rules = self.exercises.dose, self.exercises.rules
        self.add_rule_button = self.exercises.add_rule_button
        self.remove_rule_button = self.exercises.remove_rule_button
        self.default_rules_button = self.exercises.default_rules_button
        self.phases, self.phases_model = self.phases_page.phases, self.phases_page.phases_model
        self.add_phase_button = self.phases_page.add_phase_button
        self.remove_phase_button = self.phases_page.remove_phase_button
        self.goals, self.notes = self.details.goals, self.details.notes
        self.reviews, self.review_date = self.details.reviews, self.details.review_date
        self.add_review_button = self.details.add_review_button
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Programme parts")
        self.pages.addTab(self.exercises, "Exercises")
        self.pages.addTab(self.phases_page, "Phases")
        self.pages.addTab(self.details, "Goals and reviews")

        programme_side = QWidget()
        right = QVBoxLayout(programme_side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.header)
        right.addWidget(self.pages, 1)
        self.programme_side = programme_side

        self.splitter = QSplitter()
        self.splitter.setObjectName("programme_splitter")
        self.splitter.addWidget(library)
        self.splitter.addWidget(programme_side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([360, 640])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.add_action = QAction("Add to programme", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add_selected_library)
        self.addAction(self.add_action)
        QWidget.setTabOrder(self.browser.search, self.browser.list)
        QWidget.setTabOrder(self.browser.list, self.add_button)
        QWidget.setTabOrder(self.add_button, self.title)
        QWidget.setTabOrder(self.title, self.status)
        QWidget.setTabOrder(self.status, self.start)
        QWidget.setTabOrder(self.start, self.items)
        QWidget.setTabOrder(self.items, self.dose.both.sets)

        self.chooser.activated.connect(self._chosen)
        self.new_button.clicked.connect(self.new_programme)
        self.recommend_button.clicked.connect(self.add_recommended)
        self.add_button.clicked.connect(self.add_selected_library)
        self.browser.add_requested.connect(self.add_codes)
        ctx.events.programme_opened.connect(self._opened_elsewhere)
        ctx.events.changed.connect(self._changed)
        self._use_clinic_units()
        self._show()

    # -- what other views need ---------------------------------------------------------
    def current_key(self) -> str | None:
        return self.exercises.current_key()

    def current_item(self) -> Item | None:
        return self.exercises.current_item()

    def selected_keys(self) -> list[str]:
        return self.exercises.selected_keys()

    def select_item(self, key: str) -> None:
        self.exercises.select_keys([key], key)

    def exercise_name(self, code: str) -> str:
        ex = self.catalogue.get(code)
        return ex.name if ex is not None else code

    def item_name(self, key: str) -> str:
        item = self.programme.item(key) if self.programme else None
        return self.exercise_name(item.code) if item else key

    def saved_templates(self) -> list:  # type: ignore[type-arg]
        return self.templates.saved()

    def apply_template(self, template: object) -> None:
        self.templates.apply(template)  # type: ignore[arg-type]

    def save_as_template(self) -> None:
        self.templates.save_as_template()

    def _fill_template_menu(self) -> None:
        self.templates.fill()

    # -- the open client and programme --------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        same = client is not None and self.client is not None and client.id == self.client.id
        self.client = client
        if same:
            return
        self.catalogue = self.services.exercises.catalogue()
        self.browser.set_catalogue(self.catalogue)
        self._load_assessment()
        self.banner.clear()
        self._load_programmes()

    def _load_assessment(self) -> None:
        self.assessment = None
        self.context = None
        if self.client is not None:
            try:
                self.assessment = self.services.assessments.latest(self.client.id)
                # With a draft's red flags: a flag ticked in an unfinished assessment blocks.
                self.context = self.services.assessments.context(self.client.id)
            except (PlannerError, ValidationError) as exc:
                self.say(f"The latest assessment could not be read: {exc}", error=True)
        self.browser.set_client_context(self._context(), self.ctx.policy())

    def _context(self) -> ClientContext | None:
        return self.context

    def _load_programmes(self, open_id: int | None = None) -> None:
        summaries = (
            self.services.programmes.for_client(self.client.id) if self.client is not None else []
        )
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for s in summaries:
            self.chooser.addItem(f"{s.title} · from {short_date(s.start_date)} · {s.status}", s.id)
        self.chooser.blockSignals(False)
        target = open_id if open_id is not None else (summaries[0].id if summaries else None)
        self.open_programme(target)

    def _opened_elsewhere(self, programme_id: object) -> None:
        """Another view opened (or imported) one of this client's programmes: show it too."""
        if not isinstance(programme_id, int) or programme_id == self.programme_id:
            return
        if self.client is None:
            return
        ids = [s.id for s in self.services.programmes.for_client(self.client.id)]
        if programme_id in ids:
            self._load_programmes(programme_id)

    def _changed(self, changes: Changes) -> None:
        """Refresh from what another view's operation changed (our own are shown already)."""
        if self._announcing:
            return
        if changes.library:
            self.catalogue = self.services.exercises.catalogue()
            self.browser.set_catalogue(self.catalogue)
        if changes.settings:
            self._use_clinic_units()
            # A new policy may rule more in or out of the library's "safe for the client".
            self.browser.set_client_context(self.browser.client, self.ctx.policy())
        if changes.assessment and self.client is not None and changes.client_id == self.client.id:
            self._load_assessment()  # a new condition may rule out exercises already chosen
        if (
            changes.programme_list
            and self.client is not None
            and changes.client_id == self.client.id
            and changes.programme_id != self.programme_id
        ):
            self._load_programmes(changes.programme_id)
            return
        if changes.programme and changes.programme_id == self.programme_id:
            try:
                current = self.services.programmes.get(changes.programme_id).version
            except PlannerError:
                current = self.version
            if current != self.version:
                self._load_programmes(self.programme_id)
                return
        if changes.library or changes.settings or changes.assessment:
            self._show()

    def _refresh_chooser(self) -> None:
        """The open programme's entry, from what was just saved (no need to ask storage)."""
        p, row = self.programme, self.chooser.findData(self.programme_id)
        if p is not None and row >= 0:
            self.chooser.setItemText(
                row, f"{p.title} · from {short_date(p.start)} · {p.status.value}"
            )

    def _chosen(self, row: int) -> None:
        pid = self.chooser.itemData(row)
        if pid is not None and pid != self.programme_id:
            self.open_programme(int(pid))

    def open_programme(self, programme_id: int | None) -> None:
        """Show a stored programme (None: the client has none yet); history starts afresh."""
        self.undo_stack.clear()
        self.programme_id, self.programme, self.version = None, None, 0
        if programme_id is not None:
            try:
                programme, stored = self.services.programmes.load(programme_id)
            except (PlannerError, ValidationError) as exc:
                self.say(f"Programme {programme_id} could not be opened: {exc}", error=True)
            else:
                self.programme_id, self.programme = programme_id, programme
                self.version = stored.version
                row = self.chooser.findData(programme_id)
                if row >= 0:
                    self.chooser.setCurrentIndex(row)
        self._show()
        self.ctx.events.programme_opened.emit(self.programme_id)

    def reload(self) -> None:
        if self.programme_id is not None:
            self._load_programmes(self.programme_id)
            self.ctx.events.status.emit("Reloaded the programme")

    def new_programme(self) -> None:
        if self.client is None:
            return
        answer = NewProgrammeDialog.ask(self, self.client.name, self.templates.all())
        if answer is None:
            return
        try:
            if answer.from_recommendation:
                result = plan_programme(
                    self.services, self.client.id, title=answer.title, start=answer.start,
                    weeks=answer.weeks,
                )  # fmt: skip
            else:
                result = create_programme(
                    self.services, self.client.id, title=answer.title, start=answer.start,
                    weeks=answer.weeks, template=answer.template,
                )  # fmt: skip
        except (PlannerError, ValidationError) as exc:
            self.say(f"The programme was not created: {exc}", error=True)
            return
        self._load_programmes(result.value.id)
        self.ctx.announce(result.changes)
        if result.notes:
            self.say(" ".join(result.notes))
        self.ctx.events.status.emit(f"Saved new programme '{result.value.title}'")

    # -- editing: every change is saved and undoable --------------------------------------
    def edit(self, text: str, change: Callable[[Programme], Programme]) -> bool:
        """Apply one change, save it, and put it on the undo stack; False if not made."""
        if self.programme is None or self.programme_id is None:
            return False
        before = self.programme
        try:
            after = change(before)
        except Refused as exc:
            self.say(f"Not saved: {exc}", error=True)
            self._show()
            return False
        if after == before:
            return False
        if not self._save(after):
            self._show()
            return False
        self.undo_stack.push(ProgrammeEdit(self, before, after, text))
        return True

    def run_op(self, op: Callable[[Programme, int], Result[T]], text: str) -> Result[T] | None:
        """Run a planner operation on the open programme whose value starts with the
        programme after it and the new version; it becomes one undoable step."""
        if self.programme is None or self.programme_id is None:
            return None
        before = self.programme
        try:
            result = op(before, self.version)
        except ConflictError as exc:
            self._conflict(exc)
            return None
        except (PlannerError, ValidationError) as exc:
            self.say(str(exc), error=True)
            return None
        after, version = result.value[0], result.value[1]  # type: ignore[index]
        self._stored(after, version, result.changes)
        if after != before:
            self.undo_stack.push(ProgrammeEdit(self, before, after, text))
        return result

    def store(self, programme: Programme) -> None:
        """Save a programme from the undo stack (undo or redo)."""
        self._in_undo = True
        try:
            self._save(programme)
        finally:
            self._in_undo = False
        self._announcing = False

    def _save(self, programme: Programme) -> bool:
        assert self.programme_id is not None and self.programme is not None
        try:
            result = save_programme(
                self.services, self.programme_id, self.version, self.programme, programme,
                client_id=self.client.id if self.client else None,
            )  # fmt: skip
        except ConflictError as exc:
            if self._in_undo:
                # Not from inside the undo stack's own call: the reload clears the stack.
                QTimer.singleShot(0, lambda err=exc: self._conflict(err))
            else:
                self._conflict(exc)
            return False
        except PlannerError as exc:
            self.say(f"Not saved: {exc}", error=True)
            return False
        self._stored(programme, result.value, result.changes)
        return True

    def _stored(self, programme: Programme, version: int, changes: Changes) -> None:
        self.version = version
        self.programme = programme
        self._show()
        self._refresh_chooser()
        self._announcing = True
        try:
            self.ctx.announce(changes)
        finally:
            self._announcing = False
        self.ctx.events.status.emit("Saved")

    def _conflict(self, exc: ConflictError) -> None:
        self.say(str(exc), error=True)
        if Ask.reload_after_conflict(self, str(exc)):
            self.reload()
        else:
            # The history no longer matches what is stored; keep the screen, drop the steps.
            self.undo_stack.clear()
            self.ctx.events.status.emit("Not saved: the programme changed elsewhere")

    # -- adding --------------------------------------------------------------------------
    def add_selected_library(self) -> None:
        self.add_codes(self.browser.selected_codes())

    def add_codes(self, codes: list[str], row: int | None = None) -> None:
        self.exercises.add_codes(codes, row)

    def add_recommended(self) -> None:
        self.exercises.add_recommended()

    # -- showing ------------------------------------------------------------------------
    def _use_clinic_units(self) -> None:
        """Distances in dose text, and a new weight's unit, follow the clinic's settings."""
        try:
            policy = self.ctx.policy()
        except PlannerError as exc:
            self.ctx.events.status.emit(f"Using km and kg: {exc}")
            return
        self.items_model.set_distance_unit(policy.distance_unit)
        self.dose.set_weight_unit(LoadUnit(policy.weight_unit))

    def say(self, message: str, *, error: bool = False) -> None:
        self.banner.setStyleSheet(
            f"color: {ERROR_COLOUR}; padding: 4px" if error else "color: #1d4f2a; padding: 4px"
        )
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    _say = say

    def _show(self) -> None:
        p = self.programme
        keys = self.selected_keys()
        current = self.current_key()
        context = self._context()
        policy = self.ctx.policy()
        block = client_block(context, policy) if context is not None else None
        self.block = block.reason if block else None
        self.unsafe = unsafe_items(p, self.catalogue, context, policy) if p is not None else []
        self.items_model.set_programme(
            p, self.catalogue, {u.key: "; ".join(u.reasons) for u in self.unsafe}
        )
        if self.block:
            self.say(f"No exercise may be added or printed. {self.block}", error=True)
        elif warning := unsafe_summary(self.unsafe):
            self.say(warning, error=True)
        elif p is not None and NO_PROGRAMME in self.banner.text():
            self.say("")  # the programme exists now: the invitation to make one is stale
        self.phases_page.show_programme(p)
        self.details.show_programme(p)
        has = p is not None
        may_add = has and self.block is None
        self.programme_side.setEnabled(has)
        self.recommend_button.setEnabled(may_add)
        self.add_button.setEnabled(may_add)
        self.add_action.setEnabled(may_add)
        self.new_button.setEnabled(self.client is not None and self.block is None)
        self.chooser.setEnabled(self.chooser.count() > 0)
        self.template_button.setEnabled(self.client is not None)
        if p is None:
            if self.client is None:
                self.say("Open a client to plan their programme.")
            elif not self.banner.text():
                self.say(
                    f"{self.client.name} {NO_PROGRAMME}. Click 'New programme' to start "
                    "one; 'Add recommended' then fills it from the latest assessment."
                )
            self.header.show_programme(None)
            self.exercises.item_changed(QModelIndex(), QModelIndex())
            return
        self.header.show_programme(p)
        self.exercises.select_keys(keys, current)
