"""The clinic exercise editor and the duplicate dialog: one exercise in a form, saved through the
library service, whose own words are shown when it refuses."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import (
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import tag_problems
from exercise_library.schema import Exercise
from exercise_library.search import SearchIndex
from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from ui.context import AppContext
from ui.exercise_fields import FIELD_LABELS, NOTE_COLOUR, describe_problem
from ui.exercise_form import ExerciseForm
from ui.form_base import no_enter, problems_label
from ui.library_model import THUMB_HEIGHT, THUMB_WIDTH, LibraryModel


# -- the editor -------------------------------------------------------------------------------
class ExerciseEditor(QDialog):
    """One exercise's form; Save checks it with the schema, then the service stores it."""

    saved = Signal(str)  # exercise code

    def __init__(
        self,
        ctx: AppContext,
        exercise: Exercise | None = None,
        version: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.new = exercise is None
        self.version = version
        self.setWindowTitle("New clinic exercise" if self.new else f"Edit {exercise.name}")  # type: ignore[union-attr]
        self.form = ExerciseForm(ctx.services.exercises.catalogue())
        self.form.set_exercise(exercise, new=self.new)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error = problems_label()
        self.hint = QLabel(
            "Fill in each field; the first problem is shown here as you type."
            if self.new
            else "Saved exercises are offered in every programme's library at once."
        )
        self.hint.setStyleSheet("color: #555")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.error.hide()
        no_enter(self)  # see keyPressEvent
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.edited.connect(self.check)
        hint = self.form.sizeHint()
        room = self.screen().availableGeometry()
        self.resize(
            min(hint.width() + 60, room.width() - 40), min(hint.height() + 120, room.height() - 60)
        )

    @property
    def code(self) -> str:
        return self.form.code.text().strip()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field never saves half a form (in a ladder picker it adds the exercise);
        # Ctrl+Enter saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
            return
        super().keyPressEvent(event)

    def check(self) -> Exercise | None:
        """The exercise on screen, or None with its first problem shown and its field marked."""
        try:
            exercise = Exercise.model_validate(self.form.data())
        except ValidationError as exc:
            loc, text = describe_problem(exc.errors()[0])
            self.show_problem(text, self.form.widget_for(loc))
            return None
        # Tags that repeat or contradict the others, and a dose of the wrong kind for a
        # behaviour: the library's own check, shown as typed rather than only on Save.
        for field, message in tag_problems(exercise):
            self.show_problem(f"{FIELD_LABELS[field]}: {message}", self.form.widget_for((field,)))
            return None
        self.show_problem("")
        return exercise

    def show_problem(self, text: str, widget: QWidget | None = None) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.hint.setVisible(not text)
        self.form.mark(widget)

    def save(self) -> bool:
        exercise = self.check()
        if exercise is None:
            widget = self.form.marked
            if widget is not None:
                widget.setFocus()
            return False
        services = self.ctx.services.exercises
        try:
            if self.new:
                _, self.version = services.create(exercise)
            else:
                _, self.version = services.update(exercise, self.version)
        except ConflictError as exc:
            self.show_problem(str(exc))
            if self.ask_reload(str(exc)):
                self.reload()
            return False
        except PlannerError as exc:
            field = exc.field
            self.show_problem(str(exc), self.form.widget_for((field,)) if field else None)
            return False
        self.ctx.announce(Changes(library=True))
        self.ctx.events.status.emit(f"Saved clinic exercise '{exercise.name}'")
        self.saved.emit(exercise.code)
        self.accept()
        return True

    def reload(self) -> None:
        """Show the version stored now (after another workstation saved it)."""
        try:
            exercise, self.version = self.ctx.services.exercises.get(self.code)
        except PlannerError as exc:
            self.show_problem(str(exc))
            return
        self.form.set_exercise(exercise, new=False)
        self.show_problem("")
        self.hint.setText("Reloaded the version saved elsewhere; make your change again.")
        self.hint.setStyleSheet(f"color: {NOTE_COLOUR}")

    def ask_reload(self, message: str) -> bool:
        """Offer the stored version after a conflict (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Changed elsewhere",
            f"{message}\n\nReload the saved version now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


# -- duplicating a library exercise ------------------------------------------------------------
def suggest_code(source: str, taken: set[str]) -> str:
    base = f"clinic_{source}"[:64]
    code, n = base, 2
    while code in taken:
        tail = f"_{n}"
        code, n = base[: 64 - len(tail)] + tail, n + 1
    return code


class DuplicateDialog(QDialog):
    """Pick any library exercise, give the copy a code and a name."""

    duplicated = Signal(str)  # the new code

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Duplicate a library exercise")
        self.catalogue = ctx.services.exercises.catalogue()
        self.index = SearchIndex(self.catalogue)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the library: bridge, glute, hamstring...")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library for the exercise to copy")
        self.model = LibraryModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Library exercises")
        self.list.setIconSize(QSize(THUMB_WIDTH, THUMB_HEIGHT))
        self.list.setUniformItemSizes(True)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555")
        self.code = QLineEdit()
        self.code.setAccessibleName("Code of the copy")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name of the copy")
        self.error = problems_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Duplicate", QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow("New &code", self.code)
        form.addRow("New &name", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.error.hide()
        self._suggested = ("", "")
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.list.selectionModel().currentChanged.connect(lambda _c, _p: self._source_changed())
        self.list.doubleClicked.connect(lambda _i: self.code.setFocus())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 620)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the search box or the list moves on to the new code; in the code or name
        # it duplicates (the dialog's default button).
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() in (self.search, self.list):
            self.code.setFocus()
            self.code.selectAll()
            event.accept()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        result = self.index.search(self.search.text(), limit=len(self.index))
        self.model.set_hits(result.hits)
        self.count.setText(f"{result.total} exercise{'' if result.total == 1 else 's'}")
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        self._source_changed()

    def source(self) -> Exercise | None:
        index = self.list.currentIndex()
        return self.model.exercise_at(index.row()) if index.isValid() else None

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))

    def _source_changed(self) -> None:
        source = self.source()
        self.ok.setEnabled(source is not None)
        if source is None:
            return
        code = suggest_code(source.code, set(self.catalogue.exercises))
        name = f"{source.name} (clinic)"
        # A suggestion follows the pick until the clinician types their own.
        if self.code.text() in ("", self._suggested[0]):
            self.code.setText(code)
        if self.name.text() in ("", self._suggested[1]):
            self.name.setText(name)
        self._suggested = (code, name)

    def save(self) -> bool:
        source = self.source()
        if source is None:
            return False
        code, name = self.code.text().strip(), self.name.text().strip()
        try:
            self.ctx.services.exercises.duplicate(source.code, code, name)
        except PlannerError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.ctx.announce(Changes(library=True))
        self.ctx.events.status.emit(f"Copied '{source.name}' as '{name}'")
        self.duplicated.emit(code)
        self.accept()
        return True


# -- the window -------------------------------------------------------------------------------
