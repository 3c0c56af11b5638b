"""The Exercises page of the Programme tab: the client's exercises, their doses and rules.

Every change goes through the tab's ``edit`` (one undoable, saved step checked by planner's
operations); this page only arranges the widgets and turns clicks into planner edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.operations import Result
from planner.operations.programmes import add_recommended, add_to_programme
from planner.programme.edits import (
    default_rules_for,
    move_items,
    remove_items,
    set_days,
    set_dosage,
    set_rules,
    set_span,
    shift_item,
)
from planner.programme.model import Item, Weekday
from ui.dose_editor import DoseEditor
from ui.programme_models import ItemsModel
from ui.rule_dialog import RuleDialog, rule_text

if TYPE_CHECKING:
    from ui.programme_tab import ProgrammeTab


VISIBLE_ROWS = 8


class ExercisesPage(QWidget):
    def __init__(self, host: ProgrammeTab) -> None:
        super().__init__()
        self.host = host
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
        for b in (self.up_button, self.down_button, self.remove_button):
            item_buttons.addWidget(b)
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

        layout = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("programme_items_splitter")
        table_part = QWidget()
        table_layout = QVBoxLayout(table_part)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.items, 1)
        table_layout.addLayout(item_buttons)
        # At least 8 exercises stay in sight (a 1280 x 800 screen); the editor below scrolls.
        rows = self.items.verticalHeader().defaultSectionSize() * VISIBLE_ROWS
        head = self.items.horizontalHeader().sizeHint().height()
        bar = self.items.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.items.setMinimumHeight(rows + head + bar + 2 * self.items.frameWidth())
        editor = QScrollArea()
        editor.setWidgetResizable(True)
        editor.setFrameShape(QFrame.Shape.NoFrame)
        editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor.setWidget(self.item_box)
        split.addWidget(table_part)
        split.addWidget(editor)
        split.setCollapsible(0, False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split)

        self.up_action = self._table_action("Move up", "Ctrl+Up", lambda: self.shift(-1))
        self.down_action = self._table_action("Move down", "Ctrl+Down", lambda: self.shift(1))
        self.remove_action = self._table_action(
            "Remove", QKeySequence.StandardKey.Delete, self.remove_selected
        )

        self.items_model.move_requested.connect(self._drop_move)
        self.items_model.add_requested.connect(self._drop_add)
        self.items.selectionModel().currentRowChanged.connect(self.item_changed)
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

    def _table_action(
        self, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self.items)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.items.addAction(action)
        return action

    # -- selection -----------------------------------------------------------------------
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
        programme = self.host.programme
        return programme.item(key) if key and programme else None

    def select_keys(self, keys: list[str], current: str | None) -> None:
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
            index = (
                self.items_model.index(current_row, 0) if current_row is not None else QModelIndex()
            )
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.items.viewport().update()
        index = self.items_model.index(current_row, 0) if current_row is not None else None
        self.item_changed(index or QModelIndex(), QModelIndex())

    def item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.current_item() if current.isValid() else None
        p = self.host.programme
        phases = len(p.phases) if p is not None else 1
        self.dose.show_item(item.dosage if item else None, item.days if item else None, phases)
        self.dose.show_span(
            item.phases.first if item and item.phases else None,
            item.phases.last if item and item.phases else None,
        )
        self.rules.clear()
        for rule in item.rules if item else []:
            self.rules.addItem(rule_text(rule, p, self.host.exercise_name))
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
            self.host.browser.show_detail(
                self.host.catalogue.get(item.code),
                dose=self.items_model.dose_of(item),
                why=item.reason,
            )
        else:
            self.item_box.setTitle("Selected exercise")

    # -- adding --------------------------------------------------------------------------
    def add_codes(self, codes: list[str], row: int | None = None) -> None:
        host = self.host
        if not codes or host.programme is None:
            return
        names = ", ".join(host.exercise_name(c) for c in codes)
        before = {i.key for i in host.programme.items}
        client_id = host.client.id if host.client else None
        result = host.run_op(
            lambda p, version: add_to_programme(
                host.services, host.programme_id or 0, version, p, codes,
                client_id=client_id, row=row,
            ),
            f"Add {names}",
        )  # fmt: skip
        if result is not None and host.programme is not None:
            added = [i.key for i in host.programme.items if i.key not in before]
            self.select_keys(added, added[0] if added else None)
            host.say(f"Added {names} with the library's dose and default progression.")

    def add_recommended(self) -> None:
        host = self.host
        if host.programme is None:
            return
        if host.assessment is None:
            host.say(
                "There is no assessment for this client yet. Record one in the Assessment tab "
                "first; the recommendation comes from its findings.",
                error=True,
            )
            return
        assessment = host.assessment
        client_id = host.client.id if host.client else None
        result = host.run_op(
            lambda p, version: _merged(
                add_recommended(
                    host.services, host.programme_id or 0, version, p, assessment,
                    client_id=client_id,
                )
            ),
            "Add recommended exercises",
        )  # fmt: skip
        if result is None:
            host.ctx.events.status.emit("Nothing added")
            return
        added = list(result.value[2])
        self.select_keys(added, added[0] if added else None)
        host.say(" ".join(result.notes))

    # -- moving and removing -------------------------------------------------------------
    def _drop_add(self, codes: list[str], row: int) -> None:
        self.host.add_codes(codes, row)

    def _drop_move(self, keys: list[str], row: int) -> None:
        self.host.edit("Reorder exercises", lambda p: move_items(p, keys, row))

    def shift(self, delta: int) -> None:
        key = self.current_key()
        if key is None:
            return
        word = "up" if delta < 0 else "down"
        self.host.edit(
            f"Move {self.host.item_name(key)} {word}", lambda p: shift_item(p, key, delta)
        )

    def remove_selected(self) -> None:
        current = self.current_key()
        keys = self.selected_keys() or ([current] if current else [])
        if not keys:
            return
        names = ", ".join(self.host.item_name(k) for k in keys)
        row = self.items.currentIndex().row()
        if self.host.edit(f"Remove {names}", lambda p: remove_items(p, keys)):
            remaining = self.items_model.rowCount()
            if remaining:
                key = self.items_model.item_at(min(max(row, 0), remaining - 1)).key
                self.select_keys([key], key)

    # -- dose, days, phases of one item ------------------------------------------------
    def _dose_edited(self, dosage: object) -> None:
        key = self.current_key()
        if key is not None:
            self.host.edit(
                f"Change dose of {self.host.item_name(key)}",
                lambda p: set_dosage(p, key, dosage),  # type: ignore[arg-type]
            )

    def _days_edited(self, days: list[Weekday]) -> None:
        key = self.current_key()
        if key is not None:
            self.host.edit(
                f"Change days of {self.host.item_name(key)}", lambda p: set_days(p, key, days)
            )

    def _span_edited(self, first: int | None, last: int | None) -> None:
        key = self.current_key()
        if key is not None:
            self.host.edit(
                f"Change phases of {self.host.item_name(key)}",
                lambda p: set_span(p, key, first, last),
            )

    # -- progression rules -------------------------------------------------------------
    def _rule_context(self) -> tuple[Item, int] | None:
        item = self.current_item()
        programme = self.host.programme
        if item is None or programme is None:
            return None
        return item, len(programme.phases)

    def add_rule(self) -> None:
        found = self._rule_context()
        if found is None:
            return
        item, phases = found
        unit = item.dosage.load.unit if item.dosage.load else None
        rule = RuleDialog.ask(self, None, phases, unit)
        if rule is not None:
            self.host.edit(
                f"Add a rule to {self.host.item_name(item.key)}",
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
            self.host.edit(
                f"Change a rule of {self.host.item_name(item.key)}",
                lambda p: set_rules(p, item.key, rules),
            )

    def remove_rule(self) -> None:
        found = self._rule_context()
        row = self.rules.currentRow()
        if found is None or not 0 <= row < len(found[0].rules):
            return
        item = found[0]
        rules = [r for n, r in enumerate(item.rules) if n != row]
        self.host.edit(
            f"Remove a rule of {self.host.item_name(item.key)}",
            lambda p: set_rules(p, item.key, rules),
        )

    def use_default_rules(self) -> None:
        item = self.current_item()
        if item is not None:
            catalogue = self.host.catalogue
            self.host.edit(
                f"Default rules for {self.host.item_name(item.key)}",
                lambda p: default_rules_for(p, item.key, catalogue),
            )


def _merged(result: Result) -> Result:  # type: ignore[type-arg]
    """An add-recommended result in the (programme, version, added keys) shape run_op reads."""
    merged = result.value
    return Result((merged.programme, merged.version, merged.added), result.changes, result.notes)
