"""Clinic exercises: the clinic's own exercises, made, edited, copied, exchanged and deleted.

Every field of :class:`exercise_library.schema.Exercise` has an input here. What is on screen
becomes a dictionary that the schema itself validates; its first problem is shown under the
form, naming the field, and the field is marked. The safety rules (which conditions an exercise
must name) and the read-only built-ins are the service's to enforce, so its own words are
shown when it refuses. Each change is announced as ``Changes(library=True)``, so the
Programme tab's library browser offers the new version at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from exercise_library.schema import Exercise
from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from ui import conflict
from ui.context import AppContext
from ui.exercise_editor import DuplicateDialog, ExerciseEditor
from ui.exercise_fields import FILE_FILTER, NOTE_COLOUR, CodeRole, _Index
from ui.form_base import no_enter
from ui.library_browser import ExerciseDetail
from ui.library_model import THUMB_HEIGHT, THUMB_WIDTH, ThumbnailCache
from ui.style import ERROR_COLOUR


class ClinicExerciseModel(QAbstractListModel):
    """The clinic's own exercises, as the service lists them (by code), each with a thumbnail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Exercise, int]] = []
        self._thumbs = ThumbnailCache()

    def set_exercises(self, rows: Iterable[tuple[Exercise, int]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._thumbs = ThumbnailCache()  # a code may now hold another exercise's figure
        self.endResetModel()

    def exercise_at(self, row: int) -> Exercise:
        return self._rows[row][0]

    def version_at(self, row: int) -> int:
        return self._rows[row][1]

    def codes(self) -> list[str]:
        return [ex.code for ex, _ in self._rows]

    def row_of(self, code: str) -> int | None:
        return next((n for n, (ex, _) in enumerate(self._rows) if ex.code == code), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ex = self._rows[index.row()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{ex.name}\n{ex.code} · {ex.modality.label}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{ex.name}, code {ex.code}, {ex.modality.label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{ex.name}\n{ex.purpose}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbs.icon(ex)
        if role == CodeRole:
            return ex.code
        return None


class ClinicExercisesDialog(QDialog):
    """The clinic's own exercises: a list, what to do with them, and the one picked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Clinic exercises")
        self.editor: ExerciseEditor | None = None
        self.picker: DuplicateDialog | None = None

        self.model = ClinicExerciseModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Clinic exercises")
        self.list.setIconSize(QSize(THUMB_WIDTH, THUMB_HEIGHT))
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        self.list.setMinimumWidth(300)
        self.empty = QLabel(
            "The clinic has no exercises of its own yet. Duplicate a library exercise to make "
            "your version of it, start a new one, or import an exercise file."
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555")

        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            b = QPushButton(text)
            b.setAccessibleName(name)
            b.clicked.connect(lambda: slot())
            return b

        self.new_button = button("&New...", "New clinic exercise", self.new_exercise)
        self.duplicate_button = button(
            "&Duplicate built-in...", "Duplicate a library exercise", self.duplicate_builtin
        )
        self.edit_button = button("&Edit...", "Edit the selected exercise", self.edit)
        self.delete_button = button("De&lete", "Delete the selected exercise", self.delete)
        self.export_button = button("E&xport...", "Export the selected exercise", self.export)
        self.import_button = button("&Import...", "Import an exercise file", self.import_file)
        actions = QVBoxLayout()
        for b in (self.new_button, self.duplicate_button, self.edit_button):
            actions.addWidget(b)
        actions.addSpacing(12)
        actions.addWidget(self.delete_button)
        actions.addSpacing(12)
        for b in (self.export_button, self.import_button):
            actions.addWidget(b)
        actions.addStretch(1)

        self.detail = ExerciseDetail()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Messages")
        self.message.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        rows = QHBoxLayout()
        listing = QVBoxLayout()
        listing.addWidget(self.list, 1)
        listing.addWidget(self.empty)
        rows.addLayout(listing, 1)
        rows.addLayout(actions)
        left_layout.addLayout(rows)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        no_enter(self)  # Enter in the list edits the exercise picked
        self.resize(980, 620)
        self.splitter.setSizes([480, 500])

        self.list.selectionModel().currentChanged.connect(lambda _c, _p: self._current_changed())
        self.list.doubleClicked.connect(lambda _i: self.edit())
        open_action = QAction("Edit", self.list)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self.edit())
        self.list.addAction(open_action)
        ctx.events.changed.connect(lambda c: self.refresh() if c.library else None)
        self.refresh()

    @classmethod
    def open_for(cls, ctx: AppContext, parent: QWidget) -> ClinicExercisesDialog:
        """Show the window beside the main window (one at a time), so the Programme tab stays
        usable while the clinic's exercises change."""
        dialog = parent.findChild(cls)
        if dialog is None:
            dialog = cls(ctx, parent)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- the list ----------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        current = select or self.current_code()
        try:
            rows = self.ctx.services.exercises.list()
        except PlannerError as exc:
            self.say(str(exc), error=True)
            return
        self.model.set_exercises(rows)
        self.empty.setVisible(not rows)
        row = self.model.row_of(current) if current else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        self._current_changed()

    def current_code(self) -> str | None:
        index = self.list.currentIndex()
        return self.model.exercise_at(index.row()).code if index.isValid() else None

    def current(self) -> tuple[Exercise, int] | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.model.exercise_at(index.row()), self.model.version_at(index.row())

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))

    def _current_changed(self) -> None:
        picked = self.current()
        self.detail.show_exercise(picked[0] if picked else None)
        for b in (self.edit_button, self.delete_button, self.export_button):
            b.setEnabled(picked is not None)

    def say(self, text: str, *, error: bool = False) -> None:
        colour = ERROR_COLOUR if error else NOTE_COLOUR
        self.message.setStyleSheet(f"color: {colour}")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------------
    def _open_editor(self, exercise: Exercise | None, version: int = 0) -> ExerciseEditor:
        editor = ExerciseEditor(self.ctx, exercise, version, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(lambda code: (self.select(code), self.say(f"Saved '{code}'")))
        editor.finished.connect(lambda _r: self._forget(editor))
        self.editor = editor
        editor.open()
        return editor

    def _forget(self, closed: QDialog) -> None:
        """Drop a closed editor or picker (it deletes itself)."""
        if self.editor is closed:
            self.editor = None
        if self.picker is closed:
            self.picker = None

    def new_exercise(self) -> ExerciseEditor:
        return self._open_editor(None)

    def edit(self) -> ExerciseEditor | None:
        picked = self.current()
        if picked is None:
            return None
        # The stored version, not the one listed when the window opened.
        try:
            exercise, version = self.ctx.services.exercises.get(picked[0].code)
        except PlannerError as exc:
            self.say(str(exc), error=True)
            self.refresh()
            return None
        return self._open_editor(exercise, version)

    def duplicate_builtin(self) -> DuplicateDialog:
        picker = DuplicateDialog(self.ctx, self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.duplicated.connect(self._duplicated)
        picker.finished.connect(lambda _r: self._forget(picker))
        self.picker = picker
        picker.open()
        return picker

    def _duplicated(self, code: str) -> None:
        self.select(code)
        self.say(f"Added '{code}'; change what your version does differently and save.")
        self.edit()

    def delete(self) -> bool:
        """Delete the chosen exercise, or archive it when programmes use it."""
        picked = self.current()
        if picked is None:
            return False
        ex, version = picked
        services = self.ctx.services.exercises
        used = services.used_by(ex.code)
        if used:
            shown = ", ".join(used[:3]) + (" and more" if len(used) > 3 else "")
            title, done = "Archive exercise", "Archived"
            question = (
                f"'{ex.name}' ({ex.code}) is used by {shown}, so deleting it would break them."
                "\n\nArchive it instead? It leaves the library; what uses it keeps it."
            )
        else:
            title, done = "Delete exercise", "Deleted"
            question = (
                f"Delete the clinic exercise '{ex.name}' ({ex.code})?\n\nNo programme uses it. "
                "The library will no longer offer it. Export it first if you may want it back."
            )
        if not self.confirm(title, question):
            return False
        try:
            if used:
                services.archive(ex.code, version)
            else:
                services.delete(ex.code, version)
        except PlannerError as exc:
            self.say(str(exc), error=True)
            if isinstance(exc, ConflictError):
                conflict.offer_reload(self, f"the exercise '{ex.name}'", str(exc))
            self.refresh()
            return False
        self.ctx.announce(Changes(library=True))
        self.ctx.events.status.emit(f"{done} clinic exercise '{ex.name}'")
        self.say(f"{done} '{ex.name}'")
        return True

    def export(self) -> Path | None:
        """Write the picked exercise's file off the GUI thread; the path chosen (None: none)."""
        picked = self.current()
        if picked is None:
            return None
        exercise = picked[0]
        path = self.ask_export_path(self, f"{exercise.code}.toml")
        if path is None:
            return None
        self.say(f"Exporting '{exercise.name}'...")
        self.ctx.runner.run(
            lambda _p: self.ctx.services.exercises.export(exercise.code, path),
            lambda _r: self.say(f"Exported '{exercise.name}' to {path}"),
            lambda exc: self.say(f"Cannot export to {path.name}: {exc}", error=True),
        )
        return path

    def import_file(self) -> str | None:
        """Read and add an exercise file off the GUI thread; its code once it is in (at once
        when work runs immediately, as in tests; else None and the list follows)."""
        path = self.ask_import_path(self)
        if path is None:
            return None
        added: list[str] = []

        def done(exercise: Exercise) -> None:
            self.ctx.announce(Changes(library=True))
            self.select(exercise.code)
            self.ctx.events.status.emit(f"Imported clinic exercise '{exercise.name}'")
            self.say(f"Added '{exercise.name}' ({exercise.code}) from {path.name}")
            added.append(exercise.code)

        self.say(f"Importing {path.name}...")
        self.ctx.runner.run(
            lambda _p: self.ctx.services.exercises.import_file(path),
            done,
            lambda exc: self.say(str(exc), error=True),
        )
        return added[0] if added else None

    # -- questions (tests replace these) ---------------------------------------------------
    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask_export_path(cls, parent: QWidget, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Export exercise", suggested, FILE_FILTER)
        return Path(name) if name else None

    @classmethod
    def ask_import_path(cls, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Import exercise", "", FILE_FILTER)
        return Path(name) if name else None
