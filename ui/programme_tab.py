"""The Programme tab: the exercise library beside the client's programme.

Every change is one undoable step on the tab's QUndoStack (registered in the window's undo
group, so Edit > Undo and Ctrl+Z work) and is saved at once with the version the tab loaded;
if another workstation saved first, planner refuses and the tab offers to reload instead of
overwriting. What an exercise starts at, how it progresses and what is recommended all come
from planner; the tab arranges and records the therapist's choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QHideEvent,
    QKeySequence,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import Recommendation, recommend
from planner.errors import ConflictError, PlannerError
from planner.policy import ClinicPolicy
from planner.programme.conflicts import UnsafeItem, unsafe_items, unsafe_summary
from planner.programme.model import Item, LoadUnit, Phase, Programme, ProgrammeStatus, Weekday
from planner.programme.plan import programme_from_recommendation
from planner.programme.templates import (
    Template,
    apply_template,
    builtin_templates,
    read_template_file,
    template_from_programme,
    write_template_file,
)
from planner.records import Client
from planner.safety import ClientContext
from planner.store.database import default_data_dir
from ui.context import AppContext
from ui.library_browser import LibraryBrowser
from ui.programme_editors import (
    Ask,
    DoseEditor,
    NewProgrammeDialog,
    RuleDialog,
    SaveTemplateDialog,
    ValueCombo,
    default_phase,
    rule_text,
    to_date,
    to_qdate,
)
from ui.programme_models import ItemsModel, PhasesModel
from ui.programme_ops import (
    EditRefused,
    add_exercises,
    add_phase,
    add_review,
    default_rules_for,
    insert_items,
    move_items,
    rebuild,
    remove_items,
    remove_phase,
    remove_review,
    set_days,
    set_dosage,
    set_header,
    set_phase,
    set_rules,
    set_span,
    shift_item,
)

STATUS_LABELS = {
    ProgrammeStatus.DRAFT: "Draft",
    ProgrammeStatus.ACTIVE: "Active",
    ProgrammeStatus.FINISHED: "Finished",
}


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


class CommitTextEdit(QPlainTextEdit):
    """A text box that reports its text when the therapist leaves it."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


def _short(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class ProgrammeTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.client: Client | None = None
        self.assessment: AssessmentFile | None = None
        self.unsafe: list[UnsafeItem] = []
        self.programme_id: int | None = None
        self.programme: Programme | None = None
        self.version = 0
        self.catalogue: Catalogue = self.services.exercises.catalogue()
        self.undo_stack = QUndoStack(self)
        ctx.undo.addStack(self.undo_stack)
        self._in_undo = False

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
        self.template_menu.aboutToShow.connect(self._fill_template_menu)
        self.template_button.setMenu(self.template_menu)
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

        # -- header -----------------------------------------------------------------------
        self.title = QLineEdit()
        self.title.setAccessibleName("Programme title")
        self.status = ValueCombo()
        self.status.setAccessibleName("Programme status")
        for status, label in STATUS_LABELS.items():
            self.status.add(label, status)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setKeyboardTracking(False)
        self.start.setAccessibleName("First day of the programme")
        self.length = QLabel()
        self.length.setStyleSheet("color: #555")
        header = QGridLayout()
        header.setHorizontalSpacing(6)
        title_label = QLabel("T&itle")
        title_label.setBuddy(self.title)
        header.addWidget(title_label, 0, 0)
        header.addWidget(self.title, 0, 1, 1, 2)
        status_label = QLabel("Stat&us")
        status_label.setBuddy(self.status)
        header.addWidget(status_label, 0, 3)
        header.addWidget(self.status, 0, 4)
        start_label = QLabel("&Starts")
        start_label.setBuddy(self.start)
        header.addWidget(start_label, 1, 0)
        header.addWidget(self.start, 1, 1)
        header.addWidget(self.length, 1, 2, 1, 3)
        header.setColumnStretch(2, 1)

        # -- library ----------------------------------------------------------------------
        self.browser = LibraryBrowser()
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

        # -- exercises page ---------------------------------------------------------------
        self.items_model = ItemsModel(self)
        self.items = QTableView()
        self.items.setModel(self.items_model)
        self.items.setAccessibleName("Exercises in the programme")
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.items.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.items.setDragEnabled(True)
        self.items.setAcceptDrops(True)
        self.items.setDropIndicatorShown(True)
        self.items.setWordWrap(True)
        self.items.setAlternatingRowColors(True)
        self.items.verticalHeader().setVisible(False)
        head = self.items.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        self.items.setColumnWidth(1, 170)
        self.items.setColumnWidth(2, 230)
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setToolTip("Ctrl+Down")
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setToolTip("Delete")
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.up_button)
        item_buttons.addWidget(self.down_button)
        item_buttons.addWidget(self.remove_button)
        item_buttons.addStretch(1)

        self.dose = DoseEditor()
        self.rules = QListWidget()
        self.rules.setAccessibleName("Progression rules")
        self.rules.setMaximumHeight(96)
        self.rules.setWordWrap(True)
        self.add_rule_button = QPushButton("Add rule...")
        self.edit_rule_button = QPushButton("Edit rule...")
        self.remove_rule_button = QPushButton("Remove rule")
        self.default_rules_button = QPushButton("Use default rules")
        self.default_rules_button.setToolTip(
            "Replace this exercise's rules with the clinic's defaults for its kind of exercise"
        )
        rule_buttons = QHBoxLayout()
        for b in (
            self.add_rule_button,
            self.edit_rule_button,
            self.remove_rule_button,
            self.default_rules_button,
        ):
            rule_buttons.addWidget(b)
        rule_buttons.addStretch(1)
        self.item_box = QGroupBox("Selected exercise")
        box = QVBoxLayout(self.item_box)
        box.addWidget(self.dose)
        rules_label = QLabel("Progression")
        rules_label.setStyleSheet("font-weight: 600")
        box.addWidget(rules_label)
        box.addWidget(self.rules)
        box.addLayout(rule_buttons)

        exercises_page = QWidget()
        ex_layout = QVBoxLayout(exercises_page)
        ex_split = QSplitter(Qt.Orientation.Vertical)
        ex_split.setObjectName("programme_items_splitter")
        table_part = QWidget()
        table_layout = QVBoxLayout(table_part)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.items, 1)
        table_layout.addLayout(item_buttons)
        ex_split.addWidget(table_part)
        ex_split.addWidget(self.item_box)
        ex_split.setStretchFactor(0, 3)
        ex_split.setStretchFactor(1, 2)
        ex_layout.addWidget(ex_split)

        # -- phases page ------------------------------------------------------------------
        self.phases_model = PhasesModel(self._phase_edited, self)
        self.phases = QTableView()
        self.phases.setModel(self.phases_model)
        self.phases.setAccessibleName("Phases")
        self.phases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.phases.setWordWrap(True)
        self.phases.verticalHeader().setVisible(False)
        phase_head = self.phases.horizontalHeader()
        phase_head.setStretchLastSection(True)
        for col in (1, 2):
            phase_head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.phases.setColumnWidth(0, 150)
        self.phases.setColumnWidth(3, 240)
        self.phases.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_phase_button = QPushButton("Add phase")
        self.remove_phase_button = QPushButton("Remove phase")
        phase_buttons = QHBoxLayout()
        phase_buttons.addWidget(self.add_phase_button)
        phase_buttons.addWidget(self.remove_phase_button)
        phase_buttons.addStretch(1)
        phase_hint = QLabel(
            "Double-click a cell to change a phase's name, length, focus or entry criteria."
        )
        phase_hint.setStyleSheet("color: #555")
        phases_page = QWidget()
        ph_layout = QVBoxLayout(phases_page)
        ph_layout.addWidget(self.phases, 1)
        ph_layout.addWidget(phase_hint)
        ph_layout.addLayout(phase_buttons)

        # -- details page -----------------------------------------------------------------
        self.goals = CommitTextEdit()
        self.goals.setAccessibleName("Goals, one per line")
        self.goals.setPlaceholderText("One goal per line, e.g. Run 10 km without pain")
        self.notes = CommitTextEdit()
        self.notes.setAccessibleName("Programme notes")
        self.reviews = QListWidget()
        self.reviews.setAccessibleName("Review dates")
        self.review_date = QDateEdit(QDate.currentDate())
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("ddd d MMM yyyy")
        self.review_date.setAccessibleName("Review date to add")
        self.add_review_button = QPushButton("Add review")
        self.remove_review_button = QPushButton("Remove review")
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_date)
        review_row.addWidget(self.add_review_button)
        review_row.addWidget(self.remove_review_button)
        review_row.addStretch(1)
        details_page = QWidget()
        form = QFormLayout(details_page)
        form.addRow("&Goals", self.goals)
        form.addRow("Reviews", self.reviews)
        form.addRow("", review_row)
        form.addRow("N&otes", self.notes)

        self.pages = QTabWidget()
        self.pages.setAccessibleName("Programme parts")
        self.pages.addTab(exercises_page, "Exercises")
        self.pages.addTab(phases_page, "Phases")
        self.pages.addTab(details_page, "Goals and reviews")

        programme_side = QWidget()
        right = QVBoxLayout(programme_side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(header)
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

        # -- keyboard ---------------------------------------------------------------------
        self.add_action = QAction("Add to programme", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add_selected_library)
        self.addAction(self.add_action)
        self.up_action = self._table_action("Move up", "Ctrl+Up", lambda: self.shift(-1))
        self.down_action = self._table_action("Move down", "Ctrl+Down", lambda: self.shift(1))
        self.remove_action = self._table_action(
            "Remove", QKeySequence.StandardKey.Delete, self.remove_selected
        )
        QWidget.setTabOrder(self.browser.search, self.browser.list)
        QWidget.setTabOrder(self.browser.list, self.add_button)
        QWidget.setTabOrder(self.add_button, self.title)
        QWidget.setTabOrder(self.title, self.status)
        QWidget.setTabOrder(self.status, self.start)
        QWidget.setTabOrder(self.start, self.items)
        QWidget.setTabOrder(self.items, self.dose.both.sets)

        # -- signals ----------------------------------------------------------------------
        self.chooser.activated.connect(self._chosen)
        self.new_button.clicked.connect(self.new_programme)
        self.recommend_button.clicked.connect(self.add_recommended)
        self.add_button.clicked.connect(self.add_selected_library)
        self.browser.add_requested.connect(self.add_codes)
        self.browser.exercise_selected.connect(lambda _ex: None)
        self.items_model.move_requested.connect(self._drop_move)
        self.items_model.add_requested.connect(self._drop_add)
        self.items.selectionModel().currentRowChanged.connect(self._item_changed)
        self.items.doubleClicked.connect(lambda _i: self.dose.both.sets.setFocus())
        self.up_button.clicked.connect(lambda: self.shift(-1))
        self.down_button.clicked.connect(lambda: self.shift(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.dose.dosage_edited.connect(self._dose_edited)
        self.dose.days_edited.connect(self._days_edited)
        self.dose.span_edited.connect(self._span_edited)
        self.add_rule_button.clicked.connect(self.add_rule)
        self.edit_rule_button.clicked.connect(self.edit_rule)
        self.rules.itemDoubleClicked.connect(lambda _i: self.edit_rule())
        self.remove_rule_button.clicked.connect(self.remove_rule)
        self.default_rules_button.clicked.connect(self.use_default_rules)
        self.add_phase_button.clicked.connect(self.add_phase)
        self.remove_phase_button.clicked.connect(self.remove_phase)
        self.title.editingFinished.connect(self._title_edited)
        self.status.activated.connect(self._status_edited)
        self.start.dateChanged.connect(self._start_edited)
        self.goals.committed.connect(self._goals_edited)
        self.notes.committed.connect(self._notes_edited)
        self.add_review_button.clicked.connect(self._add_review)
        self.remove_review_button.clicked.connect(self._remove_review)
        ctx.events.assessment_saved.connect(self._assessment_saved)
        ctx.events.programme_opened.connect(self._opened_elsewhere)
        ctx.events.programme_changed.connect(self._changed_elsewhere)
        ctx.events.settings_changed.connect(self._settings_changed)
        ctx.events.library_changed.connect(self._library_changed)
        self._saving = False
        self._use_clinic_units()
        self._show()

    def _table_action(
        self, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self.items)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.items.addAction(action)
        return action

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
        if self.client is not None:
            try:
                records = self.services.assessments.for_client(self.client.id)
                if records:
                    self.assessment, _ = self.services.assessments.load(records[-1].id)
            except (PlannerError, ValidationError) as exc:
                self._say(f"The latest assessment could not be read: {exc}", error=True)
        a = self.assessment
        self.browser.set_client_context(
            a.client.conditions if a else (), a.client.equipment if a else ()
        )

    def _assessment_saved(self, client_id: int, _assessment_id: int) -> None:
        if self.client is not None and client_id == self.client.id:
            self._load_assessment()
            self._show()  # a new condition may rule out exercises already in the programme

    def _load_programmes(self, open_id: int | None = None) -> None:
        summaries = (
            self.services.programmes.for_client(self.client.id) if self.client is not None else []
        )
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for s in summaries:
            self.chooser.addItem(f"{s.title} · from {_short(s.start_date)} · {s.status}", s.id)
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

    def _changed_elsewhere(self, programme_id: int) -> None:
        """Someone else's save of the open programme: reload rather than conflict later."""
        if self._saving or programme_id != self.programme_id:
            return
        try:
            current = self.services.programmes.get(programme_id).version
        except PlannerError:
            return
        if current != self.version:
            self._load_programmes(programme_id)

    def _refresh_chooser(self) -> None:
        if self.client is None:
            return
        for s in self.services.programmes.for_client(self.client.id):
            row = self.chooser.findData(s.id)
            if row >= 0:
                self.chooser.setItemText(
                    row, f"{s.title} · from {_short(s.start_date)} · {s.status}"
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
                self._say(f"Programme {programme_id} could not be opened: {exc}", error=True)
            else:
                self.programme_id, self.programme, self.version = (
                    programme_id,
                    programme,
                    stored.version,
                )
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
        answer = NewProgrammeDialog.ask(self, self.client.name, self.templates())
        if answer is None:
            return
        try:
            if answer.template is not None:
                self._bring_exercises(answer.template)
                programme = apply_template(
                    answer.template, answer.start, client=self.client.name, title=answer.title
                )
            else:
                programme = Programme(
                    title=answer.title,
                    client=self.client.name,
                    start=answer.start,
                    phases=[default_phase(answer.weeks)],
                )
            stored = self.services.programmes.create_programme(programme, self.client.id)
        except (PlannerError, ValidationError, EditRefused) as exc:
            self._say(f"The programme was not created: {exc}", error=True)
            return
        self._load_programmes(stored.id)
        self.ctx.events.status.emit(f"Saved new programme '{programme.title}'")

    # -- editing: every change is saved and undoable --------------------------------------
    def edit(self, text: str, change: Callable[[Programme], Programme]) -> bool:
        """Apply one change, save it, and put it on the undo stack; False if not made."""
        if self.programme is None or self.programme_id is None:
            return False
        before = self.programme
        try:
            after = change(before)
        except EditRefused as exc:
            self._say(f"Not saved: {exc}", error=True)
            self._show()
            return False
        if after == before:
            return False
        if not self._save(after):
            self._show()
            return False
        self.undo_stack.push(ProgrammeEdit(self, before, after, text))
        return True

    def store(self, programme: Programme) -> None:
        """Save a programme from the undo stack (undo or redo)."""
        self._in_undo = True
        try:
            self._save(programme)
        finally:
            self._in_undo = False

    def _save(self, programme: Programme) -> bool:
        assert self.programme_id is not None
        try:
            stored = self.services.programmes.save_programme(
                self.programme_id, self.version, programme
            )
        except ConflictError as exc:
            if self._in_undo:
                # Not from inside the undo stack's own call: the reload clears the stack.
                QTimer.singleShot(0, lambda err=exc: self._conflict(err))
            else:
                self._conflict(exc)
            return False
        except PlannerError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return False
        self.version = stored.version
        self.programme = programme
        self._show()
        self._refresh_chooser()
        self._saving = True
        try:
            self.ctx.events.programme_changed.emit(self.programme_id)
        finally:
            self._saving = False
        self.ctx.events.status.emit("Saved")
        return True

    def _conflict(self, exc: ConflictError) -> None:
        self._say(str(exc), error=True)
        if Ask.reload_after_conflict(self, str(exc)):
            self.reload()
        else:
            # The history no longer matches what is stored; keep the screen, drop the steps.
            self.undo_stack.clear()
            self.ctx.events.status.emit("Not saved: the programme changed elsewhere")

    # -- showing ------------------------------------------------------------------------
    def _use_clinic_units(self) -> None:
        """Distances in dose text, and a new weight's unit, follow the clinic's settings."""
        try:
            settings, _ = self.services.settings.get()
        except PlannerError as exc:
            self.ctx.events.status.emit(f"Using km and kg: {exc}")
            return
        self.items_model.set_distance_unit(settings.distance_unit)
        self.dose.set_weight_unit(LoadUnit(settings.weight_unit))

    def _settings_changed(self) -> None:
        self._use_clinic_units()
        self._show()

    def _library_changed(self) -> None:
        self.catalogue = self.services.exercises.catalogue()
        self.browser.set_catalogue(self.catalogue)
        self._show()

    def _policy(self) -> ClinicPolicy:
        return self.ctx.policy()

    def _say(self, message: str, *, error: bool = False) -> None:
        self.banner.setStyleSheet(
            "color: #b00020; padding: 4px" if error else "color: #1d4f2a; padding: 4px"
        )
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    def _show(self) -> None:
        p = self.programme
        keys = self.selected_keys()
        current = self.current_key()
        self.unsafe = (
            unsafe_items(
                p,
                self.catalogue,
                ClientContext.from_assessment(self.assessment) if self.assessment else None,
                self._policy(),
            )
            if p is not None
            else []
        )
        self.items_model.set_programme(
            p, self.catalogue, {u.key: "; ".join(u.reasons) for u in self.unsafe}
        )
        warning = unsafe_summary(self.unsafe)
        if warning:
            self._say(warning, error=True)
        self.phases_model.set_programme(p)
        has = p is not None
        self.programme_side.setEnabled(has)
        self.recommend_button.setEnabled(has)
        self.add_button.setEnabled(has)
        self.add_action.setEnabled(has)
        self.new_button.setEnabled(self.client is not None)
        self.chooser.setEnabled(self.chooser.count() > 0)
        self.template_button.setEnabled(self.client is not None)
        if p is None:
            if self.client is None:
                self._say("Open a client to plan their programme.")
            elif not self.banner.text():
                self._say(
                    f"{self.client.name} has no programme yet. Click 'New programme' to start "
                    "one; 'Add recommended' then fills it from the latest assessment."
                )
            self.title.clear()
            self.length.clear()
            self.goals.clear()
            self.notes.clear()
            self.reviews.clear()
            self._item_changed(QModelIndex(), QModelIndex())
            return
        for widget in (self.title, self.status, self.start):
            widget.blockSignals(True)
        try:
            if not self.title.hasFocus() or self.title.text() != p.title:
                self.title.setText(p.title)
            self.status.set_value(p.status)
            self.start.setDate(to_qdate(p.start))
        finally:
            for widget in (self.title, self.status, self.start):
                widget.blockSignals(False)
        self.length.setText(f"{p.total_weeks} weeks, to {_short(p.end)}")
        goals = "\n".join(p.goals)
        if self.goals.toPlainText() != goals:
            self.goals.setPlainText(goals)
        if self.notes.toPlainText() != p.notes:
            self.notes.setPlainText(p.notes)
        self.reviews.clear()
        for day in sorted(p.review_dates):
            entry = QListWidgetItem(_short(day))
            entry.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            self.reviews.addItem(entry)
        self._select_keys(keys, current)

    def selected_keys(self) -> list[str]:
        rows = sorted({i.row() for i in self.items.selectionModel().selectedRows()})
        return [self.items_model.item_at(r).key for r in rows if r < self.items_model.rowCount()]

    def current_key(self) -> str | None:
        index = self.items.currentIndex()
        if not index.isValid() or index.row() >= self.items_model.rowCount():
            return None
        return self.items_model.item_at(index.row()).key

    def current_item(self) -> Item | None:
        key = self.current_key()
        return self.programme.item(key) if key and self.programme else None

    def _select_keys(self, keys: list[str], current: str | None) -> None:
        selection = self.items.selectionModel()
        rows = [r for r in (self.items_model.row_of(k) for k in keys) if r is not None]
        current_row = self.items_model.row_of(current) if current else None
        if current_row is None and rows:
            current_row = rows[0]
        selection.blockSignals(True)
        try:
            selection.clearSelection()
            flags = QItemSelectionModel.SelectionFlag.Select | (
                QItemSelectionModel.SelectionFlag.Rows
            )
            for r in rows:
                selection.select(self.items_model.index(r, 0), flags)
            if current_row is not None:
                selection.setCurrentIndex(
                    self.items_model.index(current_row, 0),
                    QItemSelectionModel.SelectionFlag.NoUpdate,
                )
            else:
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.items.viewport().update()
        index = self.items_model.index(current_row, 0) if current_row is not None else None
        self._item_changed(index or QModelIndex(), QModelIndex())

    def select_item(self, key: str) -> None:
        self._select_keys([key], key)

    def _item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.current_item() if current.isValid() else None
        p = self.programme
        phases = len(p.phases) if p is not None else 1
        self.dose.show_item(item.dosage if item else None, item.days if item else None, phases)
        self.dose.show_span(
            item.phases.first if item and item.phases else None,
            item.phases.last if item and item.phases else None,
        )
        self.rules.clear()
        for rule in item.rules if item else []:
            self.rules.addItem(rule_text(rule, p, self._name))
        if item is not None and not item.rules:
            placeholder = QListWidgetItem("No progression: the dose stays the same every week.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.rules.addItem(placeholder)
        for b in (self.add_rule_button, self.default_rules_button):
            b.setEnabled(item is not None)
        has_rules = bool(item and item.rules)
        self.edit_rule_button.setEnabled(has_rules)
        self.remove_rule_button.setEnabled(has_rules)
        for b in (self.up_button, self.down_button, self.remove_button):
            b.setEnabled(item is not None)
        if item is not None:
            self.item_box.setTitle(f"Selected exercise: {self.items_model.name_of(item)}")
            self.browser.show_detail(
                self.catalogue.get(item.code),
                dose=self.items_model.dose_of(item),
                why=item.reason,
            )
        else:
            self.item_box.setTitle("Selected exercise")

    # -- adding, moving, removing ---------------------------------------------------------
    def add_selected_library(self) -> None:
        self.add_codes(self.browser.selected_codes())

    def add_codes(self, codes: list[str], row: int | None = None) -> None:
        if not codes or self.programme is None:
            return
        names = ", ".join(self._name(c) for c in codes)
        before = {i.key for i in self.programme.items}
        if self.edit(f"Add {names}", lambda p: add_exercises(p, codes, self.catalogue, row)):
            assert self.programme is not None
            added = [i.key for i in self.programme.items if i.key not in before]
            self._select_keys(added, added[0] if added else None)
            self._say(f"Added {names} with the library's dose and default progression.")

    def _drop_add(self, codes: list[str], row: int) -> None:
        self.add_codes(codes, row)

    def _drop_move(self, keys: list[str], row: int) -> None:
        self.edit("Reorder exercises", lambda p: move_items(p, keys, row))

    def shift(self, delta: int) -> None:
        key = self.current_key()
        if key is None:
            return
        word = "up" if delta < 0 else "down"
        self.edit(f"Move {self._item_name(key)} {word}", lambda p: shift_item(p, key, delta))

    def remove_selected(self) -> None:
        keys = self.selected_keys() or ([self.current_key()] if self.current_key() else [])
        if not keys:
            return
        names = ", ".join(self._item_name(k) for k in keys if k)
        row = self.items.currentIndex().row()
        if self.edit(f"Remove {names}", lambda p: remove_items(p, [k for k in keys if k])):
            remaining = self.items_model.rowCount()
            if remaining:
                key = self.items_model.item_at(min(max(row, 0), remaining - 1)).key
                self.select_item(key)

    def _name(self, code: str) -> str:
        ex = self.catalogue.get(code)
        return ex.name if ex is not None else code

    def _item_name(self, key: str) -> str:
        item = self.programme.item(key) if self.programme else None
        return self._name(item.code) if item else key

    # -- recommendation -----------------------------------------------------------------
    def add_recommended(self) -> None:
        if self.programme is None:
            return
        if self.assessment is None:
            self._say(
                "There is no assessment for this client yet. Record one in the Assessment tab "
                "first; the recommendation comes from its findings.",
                error=True,
            )
            return
        try:
            policy = self._policy()
        except PlannerError as exc:
            self._say(str(exc), error=True)
            return
        assessment, catalogue = self.assessment, self.catalogue
        self.recommend_button.setEnabled(False)
        asked_for = self.programme_id
        self.ctx.runner.run(
            lambda _progress: recommend(assessment, policy, catalogue),
            lambda rec: self._recommended(rec, asked_for),
            self._recommend_failed,
        )

    def _recommend_failed(self, exc: Exception) -> None:
        self.recommend_button.setEnabled(self.programme is not None)
        self._say(f"No recommendation: {exc}", error=True)

    def _recommended(self, rec: Recommendation, programme_id: int | None = None) -> None:
        self.recommend_button.setEnabled(self.programme is not None)
        if self.programme is None or programme_id != self.programme_id:
            return  # another programme (or client) was opened while it was worked out
        if rec.blocked_reason:
            self._say(rec.blocked_reason, error=True)
            self.ctx.events.status.emit("Nothing added: the assessment needs a referral first")
            return
        present = {i.code for i in self.programme.items}
        fresh = [e for e in rec.exercises if e.code not in present]
        lines: list[str] = []
        if fresh:
            p = self.programme
            draft = programme_from_recommendation(fresh, start=p.start, weeks=p.total_weeks)
            n = len(self.programme.items)
            if not self.edit(
                "Add recommended exercises", lambda prog: insert_items(prog, draft.items)
            ):
                return
            added = [i.key for i in sorted(self.programme.items, key=lambda i: i.order)][n:]
            self._select_keys(added, added[0] if added else None)
            lines.append(
                f"Added {len(fresh)} recommended exercises; the reason for each is under "
                "'Why it is here'."
            )
        else:
            lines.append("Every recommended exercise is already in the programme.")
        lines.extend(rec.notes)
        for imbalance, why in rec.uncovered.items():
            lines.append(f"Not covered: {imbalance.label.lower()} ({why}).")
        self._say(" ".join(lines))

    # -- dose, days, phases of one item ------------------------------------------------
    def _dose_edited(self, dosage: object) -> None:
        key = self.current_key()
        if key is None:
            return
        self.edit(
            f"Change dose of {self._item_name(key)}",
            lambda p: set_dosage(p, key, dosage),  # type: ignore[arg-type]
        )

    def _days_edited(self, days: list[Weekday]) -> None:
        key = self.current_key()
        if key is not None:
            self.edit(f"Change days of {self._item_name(key)}", lambda p: set_days(p, key, days))

    def _span_edited(self, first: int | None, last: int | None) -> None:
        key = self.current_key()
        if key is not None:
            self.edit(
                f"Change phases of {self._item_name(key)}",
                lambda p: set_span(p, key, first, last),
            )

    # -- progression rules -------------------------------------------------------------
    def _rule_context(self) -> tuple[Item, int] | None:
        item = self.current_item()
        if item is None or self.programme is None:
            return None
        return item, len(self.programme.phases)

    def add_rule(self) -> None:
        found = self._rule_context()
        if found is None:
            return
        item, phases = found
        unit = item.dosage.load.unit if item.dosage.load else None
        rule = RuleDialog.ask(self, None, phases, unit)
        if rule is not None:
            self.edit(
                f"Add a rule to {self._item_name(item.key)}",
                lambda p: set_rules(p, item.key, [*item.rules, rule]),
            )

    def edit_rule(self) -> None:
        found = self._rule_context()
        row = self.rules.currentRow()
        if found is None or not 0 <= row < len(found[0].rules):
            return
        item, phases = found
        unit = item.dosage.load.unit if item.dosage.load else None
        rule = RuleDialog.ask(self, item.rules[row], phases, unit)
        if rule is not None:
            rules = list(item.rules)
            rules[row] = rule
            self.edit(
                f"Change a rule of {self._item_name(item.key)}",
                lambda p: set_rules(p, item.key, rules),
            )

    def remove_rule(self) -> None:
        found = self._rule_context()
        row = self.rules.currentRow()
        if found is None or not 0 <= row < len(found[0].rules):
            return
        item = found[0]
        rules = [r for n, r in enumerate(item.rules) if n != row]
        self.edit(
            f"Remove a rule of {self._item_name(item.key)}",
            lambda p: set_rules(p, item.key, rules),
        )

    def use_default_rules(self) -> None:
        item = self.current_item()
        if item is not None:
            self.edit(
                f"Default rules for {self._item_name(item.key)}",
                lambda p: default_rules_for(p, item.key, self.catalogue),
            )

    # -- phases --------------------------------------------------------------------------
    def _phase_edited(self, row: int, field: str, value: object) -> bool:
        if isinstance(value, str):
            value = value.strip()
        return self.edit(f"Change phase {row + 1}", lambda p: set_phase(p, row, **{field: value}))

    def add_phase(self) -> None:
        p = self.programme
        if p is None:
            return
        n = len(p.phases) + 1
        phase = Phase(name=f"Phase {n}", weeks=p.phases[-1].weeks)
        if self.edit(f"Add phase {n}", lambda prog: add_phase(prog, phase)):
            self.phases.selectRow(n - 1)

    def remove_phase(self) -> None:
        row = self.phases.currentIndex().row()
        if self.programme is None or not 0 <= row < len(self.programme.phases):
            return
        name = self.programme.phases[row].name
        self.edit(f"Remove phase '{name}'", lambda p: remove_phase(p, row))

    # -- header and details --------------------------------------------------------------
    def _title_edited(self) -> None:
        if self.programme is not None and self.title.text().strip() != self.programme.title:
            self.edit("Rename programme", lambda p: set_header(p, title=self.title.text()))

    def _status_edited(self, _row: int) -> None:
        status = self.status.value()
        if self.programme is not None and status != self.programme.status:
            self.edit(
                f"Mark programme {STATUS_LABELS[status].lower()}",
                lambda p: set_header(p, status=status),
            )

    def _start_edited(self, qdate: QDate) -> None:
        day = to_date(qdate)
        if self.programme is not None and day != self.programme.start:
            self.edit("Change start date", lambda p: set_header(p, start=day))

    def _goals_edited(self, text: str) -> None:
        goals = [line.strip() for line in text.splitlines() if line.strip()]
        if self.programme is not None and goals != self.programme.goals:
            self.edit("Change goals", lambda p: set_header(p, goals=goals))

    def _notes_edited(self, text: str) -> None:
        if self.programme is not None and text.strip() != self.programme.notes:
            self.edit("Change notes", lambda p: set_header(p, notes=text))

    def _add_review(self) -> None:
        day = to_date(self.review_date.date())
        self.edit(f"Add review on {_short(day)}", lambda p: add_review(p, day))

    def _remove_review(self) -> None:
        entry = self.reviews.currentItem()
        if entry is None:
            return
        day = dt.date.fromisoformat(entry.data(Qt.ItemDataRole.UserRole))
        self.edit(f"Remove review on {_short(day)}", lambda p: remove_review(p, day))

    # -- templates -----------------------------------------------------------------------
    def templates_folder(self) -> Path:
        """Where saved templates live (a setting; by default beside the local database)."""
        folder = self.ctx.state().value("templates/folder")
        return Path(str(folder)) if folder else default_data_dir() / "templates"

    def saved_templates(self) -> list[Template]:
        found = []
        folder = self.templates_folder()
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                found.append(read_template_file(path))
            except PlannerError as exc:
                self.ctx.events.status.emit(f"Skipped a template: {exc}")
        return found

    def templates(self) -> list[Template]:
        return [*builtin_templates(), *self.saved_templates()]

    def _fill_template_menu(self) -> None:
        menu = self.template_menu
        menu.clear()
        has = self.programme is not None
        header = menu.addAction("Apply a template to this programme:")
        header.setEnabled(False)
        for template in builtin_templates():
            act = menu.addAction(f"{template.title} ({template.total_weeks} weeks)")
            act.setToolTip(template.description)
            act.setEnabled(has)
            act.triggered.connect(lambda _c=False, t=template: self.apply_template(t))
        saved = self.saved_templates()
        if saved:
            menu.addSeparator()
            for template in saved:
                act = menu.addAction(f"Saved: {template.title} ({template.total_weeks} weeks)")
                act.setEnabled(has)
                act.triggered.connect(lambda _c=False, t=template: self.apply_template(t))
        menu.addSeparator()
        from_file = menu.addAction("Apply a template file...")
        from_file.setEnabled(has)
        from_file.triggered.connect(self._apply_template_file)
        save = menu.addAction("Save this programme as a template...")
        save.setEnabled(has)
        save.triggered.connect(self.save_as_template)

    def _apply_template_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Apply a template", str(self.templates_folder()), "Templates (*.json)"
        )
        if not path:
            return
        try:
            template = read_template_file(path)
        except PlannerError as exc:
            self._say(str(exc), error=True)
            return
        self.apply_template(template)

    def _bring_exercises(self, template: Template) -> None:
        """Clinic exercises a template carries join this clinic's library first."""
        added = False
        for exercise in template.exercises:
            if exercise.code not in self.catalogue:
                self.services.exercises.create(exercise)
                added = True
        if added:
            self.catalogue = self.services.exercises.catalogue()
            self.browser.set_catalogue(self.catalogue)
        missing = [i.code for i in template.items if i.code not in self.catalogue]
        if missing:
            raise EditRefused(
                f"template '{template.title}' uses exercises this library does not have: "
                + ", ".join(sorted(set(missing)))
            )

    def apply_template(self, template: Template) -> None:
        p = self.programme
        if p is None:
            return
        if p.items and not Ask.confirm(
            self,
            "Apply template",
            f"Replace the {len(p.items)} exercises and {len(p.phases)} phase(s) of "
            f"'{p.title}' with template '{template.title}'?\n\nYou can undo this (Ctrl+Z).",
        ):
            return
        try:
            self._bring_exercises(template)
        except (PlannerError, EditRefused) as exc:
            self._say(f"Not applied: {exc}", error=True)
            return
        applied = apply_template(
            template, p.start, client=p.client, therapist=p.therapist, title=p.title
        )

        def change(prog: Programme) -> Programme:
            return rebuild(
                prog,
                phases=[ph.model_dump() for ph in applied.phases],
                items=[i.model_dump() for i in applied.items],
                review_dates=applied.review_dates,
                goals=prog.goals or applied.goals,
                notes=prog.notes or applied.notes,
            )

        if self.edit(f"Apply template '{template.title}'", change):
            self._say(
                f"Applied template '{template.title}': {len(applied.phases)} phase(s), "
                f"{len(applied.items)} exercises, reviews at each phase change."
            )

    def save_as_template(self) -> None:
        p = self.programme
        if p is None:
            return
        answer = SaveTemplateDialog.ask(self, p.title)
        if answer is None:
            return
        code, title, description = answer
        path = self.templates_folder() / f"{code}.json"
        if path.exists() and not Ask.confirm(
            self, "Save as template", f"A saved template '{code}' exists. Replace it?"
        ):
            return
        try:
            template = template_from_programme(
                p, code, self.catalogue, title=title, description=description
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            write_template_file(path, template)
        except (PlannerError, ValidationError, OSError) as exc:
            self._say(f"The template was not saved: {exc}", error=True)
            return
        self.ctx.events.status.emit(f"Saved template '{title}'")
        self._say(f"Saved template '{title}' to {path}.")

    # -- undo group --------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ctx.undo.setActiveStack(self.undo_stack)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.ctx.undo.activeStack() is self.undo_stack:
            self.ctx.undo.setActiveStack(None)  # type: ignore[arg-type]
