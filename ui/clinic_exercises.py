"""Clinic exercises: the clinic's own exercises, made, edited, copied, exchanged and deleted.

Every field of :class:`exercise_library.schema.Exercise` has an input here. What is on screen
becomes a dictionary that the schema itself validates; its first problem is shown under the
form, naming the field, and the field is marked. The safety rules (which conditions an exercise
must name) and the read-only built-ins are the service's to enforce, so its own words are
shown when it refuses. Each change is announced as ``Changes(library=True)``, so the
Programme tab's library browser offers the new version at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from exercise_library.figures.pose import Figure
from exercise_library.schema import ConditionNote, Dosage, Exercise
from exercise_library.search import SearchIndex
from exercise_library.vocabulary import (
    Behaviour,
    Condition,
    Equipment,
    Imbalance,
    Impact,
    Modality,
    MovementFeature,
    Position,
    SpinalDemand,
    Target,
)
from planner.errors import ConflictError, PlannerError
from planner.operations import Changes
from planner.programme.edits import field_bounds
from ui.context import AppContext
from ui.library_browser import ExerciseDetail
from ui.library_model import THUMB_HEIGHT, THUMB_WIDTH, LibraryModel, ThumbnailCache
from ui.widgets import ValueCombo

CodeRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
ERROR_COLOUR = "#b00020"
NOTE_COLOUR = "#1d4f2a"
CHOOSE = "— choose —"
FILE_FILTER = "Exercise files (*.toml)"

# How the form and its messages name each field of the schema (one place, so a message names
# the field exactly as its caption does).
FIELD_LABELS: dict[str, str] = {
    "code": "Code",
    "name": "Name",
    "aliases": "Other names",
    "modality": "Kind",
    "purpose": "Purpose",
    "steps": "Steps",
    "cues": "Cues",
    "mistakes": "Common mistakes",
    "targets": "Works",
    "imbalances": "Treats",
    "equipment": "Equipment",
    "position": "Position",
    "difficulty": "Level",
    "impact": "Impact",
    "unilateral": "One side at a time",
    "spine": "Spine",
    "dosage": "Dose",
    "contraindications": "Contraindications",
    "precautions": "Precautions",
    "progressions": "Progressions",
    "regressions": "Regressions",
}
PART_LABELS: dict[str, str] = {
    "sets": "sets",
    "reps": "reps",
    "hold_s": "hold",
    "duration_min": "minutes",
    "rest_s": "rest",
    "sessions_per_week": "sessions a week",
    "per_side": "per side",
    "flexion": "flexion",
    "extension": "extension",
    "rotation": "rotation",
    "condition": "condition",
    "reason": "reason",
}
TEXT_LISTS = ("steps", "cues", "mistakes")
TICK_LISTS = ("targets", "imbalances", "equipment")


# -- models --------------------------------------------------------------------------------
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


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return int(value) == Qt.CheckState.Checked.value
    except (TypeError, ValueError):
        return False


class CheckListModel(QAbstractListModel):
    """One tickable row per code of a vocabulary."""

    changed = Signal()

    def __init__(self, values: Sequence[StrEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = list(values)
        self._ticked: set[StrEnum] = set()
        self._loaded: list[StrEnum] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        value = self._values[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return value.label  # type: ignore[attr-defined]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return value.value
        if role == CodeRole:
            return value.value
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._values):
            return False
        code = self._values[index.row()]
        if _is_checked(value):
            self._ticked.add(code)
        else:
            self._ticked.discard(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.changed.emit()
        return True

    def set_checked(self, code: StrEnum, on: bool) -> None:
        row = self._values.index(code)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.setData(self.index(row), state, Qt.ItemDataRole.CheckStateRole)

    def value(self) -> list[StrEnum]:
        """Ticked codes in the order they were loaded, then new ticks in list order, so showing
        an exercise and reading it back changes nothing."""
        kept = [code for code in self._loaded if code in self._ticked]
        return kept + [code for code in self._values if code in self._ticked and code not in kept]

    def set_value(self, codes: Iterable[StrEnum]) -> None:
        self._loaded = [c for c in codes if c in self._values]
        self._ticked = set(self._loaded)
        if self._values:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._values) - 1), [Qt.ItemDataRole.CheckStateRole]
            )


class CheckList(QListView):
    """A short scrolling list of tick boxes (a vocabulary is too long for a grid of them)."""

    def __init__(self, name: str, values: Sequence[StrEnum], rows: int = 7) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.check_model = CheckListModel(values, self)
        self.setModel(self.check_model)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        line = self.fontMetrics().height() + 6
        self.setFixedHeight(line * rows + 2 * self.frameWidth())
        self.setMinimumWidth(150)
        self._pressed = QPersistentModelIndex()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = QPersistentModelIndex(self.indexAt(event.position().toPoint()))
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A double click ticks once, as it does on the box itself.
        self._pressed = QPersistentModelIndex()
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A click anywhere on the row ticks it, not only on the little box (which the
        # delegate ticks by itself).
        index = self.indexAt(event.position().toPoint())
        before = self.check_model.value()
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and index.isValid()
            and QPersistentModelIndex(index) == self._pressed
            and self.check_model.value() == before
        ):
            on = _is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
            self.check_model.setData(
                index,
                Qt.CheckState.Unchecked if on else Qt.CheckState.Checked,
                Qt.ItemDataRole.CheckStateRole,
            )

    def value(self) -> list[Any]:
        return self.check_model.value()

    def set_value(self, codes: Iterable[StrEnum]) -> None:
        self.check_model.set_value(codes)


class ConditionNotes(QWidget):
    """Condition and reason rows (contraindications or precautions)."""

    edited = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.setAccessibleName(name)
        self.rows: list[tuple[QWidget, ValueCombo, QLineEdit]] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(2)
        self.add_button = QPushButton("Add condition")
        self.add_button.setAccessibleName(f"Add a row to {name}")
        self.empty = QLabel("None")
        self.empty.setStyleSheet("color: #555")
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty)
        bottom.addStretch(1)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addLayout(bottom)
        self.add_button.clicked.connect(lambda: self._add_and_focus())

    def _add_and_focus(self) -> None:
        self.add_row()
        self.rows[-1][1].setFocus()
        self.edited.emit()

    def add_row(self, condition: Condition | None = None, reason: str = "") -> None:
        n = len(self.rows) + 1
        row = QWidget()
        combo = ValueCombo()
        combo.setAccessibleName(f"{self.name}, row {n}: condition")
        combo.add(CHOOSE, None)
        for c in Condition:
            combo.add(c.label, c)
        combo.set_value(condition)
        text = QLineEdit(reason)
        text.setCursorPosition(0)  # the start of a long reason, not its end
        text.setAccessibleName(f"{self.name}, row {n}: reason")
        text.setPlaceholderText("Why, in words the client understands")
        remove = QToolButton()
        remove.setText("Remove")
        remove.setAccessibleName(f"Remove row {n} of {self.name}")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(combo)
        line.addWidget(text, 1)
        line.addWidget(remove)
        self._rows_layout.addWidget(row)
        self.rows.append((row, combo, text))
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        text.textChanged.connect(lambda _t: self.edited.emit())
        remove.clicked.connect(lambda: self.remove_row(self._row_of(row)))
        self.empty.setVisible(False)

    def _row_of(self, row: QWidget) -> int:
        return next(n for n, (w, _c, _t) in enumerate(self.rows) if w is row)

    def remove_row(self, n: int) -> None:
        row, _combo, _text = self.rows.pop(n)
        row.hide()
        row.setParent(None)  # type: ignore[call-overload]
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.edited.emit()

    def value(self) -> list[dict[str, Any]]:
        """Every row as typed; a row left wholly blank is not a note."""
        out = []
        for _row, combo, text in self.rows:
            condition, reason = combo.value(), text.text()
            if condition is None and not reason.strip():
                continue
            out.append({"condition": condition, "reason": reason})
        return out

    def set_value(self, notes: Iterable[ConditionNote]) -> None:
        while self.rows:
            row, _c, _t = self.rows.pop()
            row.setParent(None)  # type: ignore[call-overload]
            row.deleteLater()
        for note in notes:
            self.add_row(note.condition, note.reason)
        self.empty.setVisible(not self.rows)

    def widget_for(self, row: int, part: str) -> QWidget:
        """The widget of a value-row reported by validation (blank rows are skipped there)."""
        filled = [r for r in self.rows if r[1].value() is not None or r[2].text().strip()]
        if 0 <= row < len(filled):
            return filled[row][1] if part == "condition" else filled[row][2]
        return self


class CodeList(QWidget):
    """Exercise codes chosen from the library (progressions or regressions), in order."""

    edited = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.setAccessibleName(name)
        self.names: dict[str, str] = {}
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        line = self.list.fontMetrics().height() + 6
        self.list.setFixedHeight(line * 3 + 2 * self.list.frameWidth())
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setAccessibleName(f"Exercise to add to {name}")
        self.picker.lineEdit().setPlaceholderText("Type a name or code...")
        self.picker.setMinimumContentsLength(18)
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        completer = self.picker.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName(f"Add to {name}")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove from {name}")
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self._add_picked())
        self.picker.lineEdit().returnPressed.connect(lambda: self._add_picked())
        # Enter (or a click) on a suggestion adds it at once, as Enter on typed text does.
        completer.activated[str].connect(self._add_picked)
        self.remove_button.clicked.connect(self._remove_selected)

    def set_catalogue(self, catalogue: Catalogue) -> None:
        self.names = {ex.code: ex.name for ex in catalogue}
        self.picker.clear()
        for ex in sorted(catalogue, key=lambda e: (e.name.casefold(), e.code)):
            self.picker.addItem(f"{ex.name} ({ex.code})", ex.code)
        self.picker.setCurrentIndex(-1)
        self.picker.clearEditText()

    def _label(self, code: str) -> str:
        name = self.names.get(code)
        return f"{name} ({code})" if name else f"{code} (not in the library)"

    def add_code(self, code: str) -> None:
        if code in self.value():
            return
        item = QListWidgetItem(self._label(code))
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.list.addItem(item)
        self.edited.emit()

    def _add_picked(self, chosen: str | None = None) -> None:
        text = (self.picker.currentText() if chosen is None else chosen).strip()
        at = self.picker.findText(text)
        code = self.picker.itemData(at) if at >= 0 else text
        if code in self.names:
            self.add_code(code)
            # Cleared once the key press is over: clearing now would reset the completer, which
            # is still finishing the same Enter and would then pick its first row.
            QTimer.singleShot(0, self, self._clear_picker)

    def _clear_picker(self) -> None:
        self.picker.setCurrentIndex(-1)
        self.picker.clearEditText()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems() or [self.list.currentItem()]:
            if item is not None:
                self.list.takeItem(self.list.row(item))
        self.edited.emit()

    def value(self) -> list[str]:
        return [
            str(self.list.item(n).data(Qt.ItemDataRole.UserRole)) for n in range(self.list.count())
        ]

    def set_value(self, codes: Iterable[str]) -> None:
        self.list.clear()
        for code in codes:
            item = QListWidgetItem(self._label(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)


# -- reading the form back -----------------------------------------------------------------
def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _spin(lo: float, hi: float, name: str, blank: str | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(int(lo), int(hi))
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMaximumWidth(110)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


def _combo(name: str, values: Iterable[StrEnum], blank: bool = True) -> ValueCombo:
    combo = ValueCombo()
    combo.setAccessibleName(name)
    if blank:
        combo.add(CHOOSE, None)
    for value in values:
        combo.add(value.label, value)  # type: ignore[attr-defined]
    return combo


def _friendly(err: Any, top: str) -> str:
    """Pydantic's message as a clinician would say it."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is needed"
    if kind == "enum":
        return "choose one"
    if kind == "string_pattern_mismatch":
        return "use 2 to 64 lower-case letters, digits and _, starting with a letter"
    if kind == "string_too_short":
        if not err.get("input"):
            return "is empty"
        return f"needs at least {ctx['min_length']} characters"
    if kind == "string_too_long":
        return f"is too long (at most {ctx['max_length']} characters)"
    if kind in ("too_short", "too_long"):
        have = ctx.get("actual_length")
        if top in TICK_LISTS:
            return f"tick at least {ctx['min_length']}"
        unit = "lines" if top in TEXT_LISTS else "entries"
        bound = (
            f"at least {ctx['min_length']}"
            if kind == "too_short"
            else f"at most {ctx['max_length']}"
        )
        return f"needs {bound} {unit} (has {have})"
    if kind == "greater_than_equal":
        return f"should be {ctx['ge']} or more"
    if kind == "less_than_equal":
        return f"should be {ctx['le']} or less"
    if kind == "greater_than":
        return f"should be more than {ctx['gt']}"
    return str(err["msg"]).removeprefix("Value error, ")


def describe_problem(err: Any) -> tuple[tuple[str | int, ...], str]:
    """Where one pydantic problem is (its location) and the sentence that names the field."""
    loc = tuple(err["loc"])
    if not loc:
        # A check across fields names its field on the error itself (FieldProblem).
        field = getattr((err.get("ctx") or {}).get("error"), "field", "")
        loc = (field,) if field else ()
    if not loc:
        return loc, _friendly(err, "")
    top = str(loc[0])
    label = FIELD_LABELS.get(top, top)
    rest = loc[1:]
    if rest and isinstance(rest[0], int):
        n = rest[0] + 1
        if top in TEXT_LISTS:
            label += f", line {n}"
        elif top in ("contraindications", "precautions"):
            label += f", row {n}"
        else:
            label += f", entry {n}"
        rest = rest[1:]
    if rest:
        label += ", " + " ".join(PART_LABELS.get(str(p), str(p)) for p in rest)
    return loc, f"{label}: {_friendly(err, top)}"


class ExerciseForm(QWidget):
    """Every field of an exercise, grouped as a therapist thinks about them."""

    edited = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.figure: Figure | None = None
        # Movement features the other fields do not imply (a fall risk, a stretched nerve) and
        # behaviour tags (McGill's big three, a stretch, a walk/jog step): kept as loaded, like
        # the drawing, so an edited copy stays as safe as its source and progresses like it.
        self.features: list[MovementFeature] = []
        self.behaviours: list[Behaviour] = []
        self.marked: QWidget | None = None

        # -- what it is -----------------------------------------------------------------
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. clinic_bridge_ball")
        self.code.setToolTip("A stable code: lower-case letters, digits and _. Cannot change.")
        self.name = QLineEdit()
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("Other names clinicians search by, separated by commas")
        self.modality = _combo("Kind", Modality)
        self.purpose = QPlainTextEdit()
        self.purpose.setTabChangesFocus(True)
        self.purpose.setPlaceholderText("What it does, in one sentence the client understands")
        self.purpose.setFixedHeight(self.purpose.fontMetrics().height() * 2 + 14)
        identity = QGroupBox("Exercise")
        form = QFormLayout(identity)
        for key, widget in (
            ("code", self.code),
            ("name", self.name),
            ("aliases", self.aliases),
            ("modality", self.modality),
            ("purpose", self.purpose),
        ):
            widget.setAccessibleName(FIELD_LABELS[key])
            form.addRow(FIELD_LABELS[key], widget)
        self.picture = QLabel()
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("color: #555")
        form.addRow("Picture", self.picture)

        # -- instructions ------------------------------------------------------------------
        self.steps = self._text_list("steps", 9, "Lie on your back on a mat.")
        self.cues = self._text_list("cues", 3, "Push the floor away through your heels.")
        self.mistakes = self._text_list("mistakes", 3, "Arching the low back at the top.")
        words = QGroupBox("What the client reads (one per line)")
        wform = QFormLayout(words)
        for key in TEXT_LISTS:
            wform.addRow(FIELD_LABELS[key], getattr(self, key))

        # -- tags -------------------------------------------------------------------------
        self.targets = CheckList(FIELD_LABELS["targets"], list(Target))
        self.imbalances = CheckList(FIELD_LABELS["imbalances"], list(Imbalance))
        self.equipment = CheckList(FIELD_LABELS["equipment"], list(Equipment))
        tags = QGroupBox("Tags")
        tgrid = QGridLayout(tags)
        for col, (key, caption) in enumerate(
            (
                ("targets", "Works (muscles, regions)"),
                ("imbalances", "Treats (imbalances)"),
                ("equipment", "Equipment"),
            )
        ):
            label = QLabel(caption)
            label.setBuddy(getattr(self, key))
            tgrid.addWidget(label, 0, col)
            tgrid.addWidget(getattr(self, key), 1, col)

        # -- how it loads the body ---------------------------------------------------------
        self.position = _combo("Position", Position)
        self.difficulty = _spin(*field_bounds(Exercise, "difficulty"), "Level")
        self.impact = _combo("Impact", Impact)
        self.unilateral = QCheckBox("One side at a time")
        self.unilateral.setAccessibleName(FIELD_LABELS["unilateral"])
        self.flexion = _combo("Spine flexion", SpinalDemand, blank=False)
        self.extension = _combo("Spine extension", SpinalDemand, blank=False)
        self.rotation = _combo("Spine rotation", SpinalDemand, blank=False)
        body = QGroupBox("Position and load")
        bgrid = QGridLayout(body)
        bgrid.setHorizontalSpacing(8)
        for n, (caption, widget) in enumerate(
            (
                ("Position", self.position),
                ("Level", self.difficulty),
                ("Impact", self.impact),
                ("Spine flexion", self.flexion),
                ("Spine extension", self.extension),
                ("Spine rotation", self.rotation),
            )
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bgrid.addWidget(label, n % 3, (n // 3) * 2)
            bgrid.addWidget(widget, n % 3, (n // 3) * 2 + 1)
        bgrid.addWidget(self.unilateral, 3, 0, 1, 4)
        bgrid.setColumnStretch(4, 1)

        # -- default dose ---------------------------------------------------------------
        self.sets = _spin(*field_bounds(Dosage, "sets"), "Sets")
        self.reps = _spin(0, field_bounds(Dosage, "reps")[1], "Reps", "–")
        self.hold_s = _spin(0, field_bounds(Dosage, "hold_s")[1], "Hold in seconds", "–")
        self.hold_s.setSuffix(" s")
        self.duration_min = QDoubleSpinBox()
        self.duration_min.setRange(0, field_bounds(Dosage, "duration_min")[1])
        self.duration_min.setDecimals(1)
        self.duration_min.setSingleStep(0.5)
        self.duration_min.setSpecialValueText("–")
        self.duration_min.setSuffix(" min")
        self.duration_min.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.duration_min.setAccessibleName("Minutes")
        self.duration_min.setMaximumWidth(110)
        self.rest_s = _spin(*field_bounds(Dosage, "rest_s"), "Rest in seconds")
        self.rest_s.setSuffix(" s")
        self.sessions = _spin(*field_bounds(Dosage, "sessions_per_week"), "Sessions a week")
        self.per_side = QCheckBox("Per side")
        self.per_side.setAccessibleName("Dose per side")
        self.per_side.setToolTip("The dose is done on each side (one-side-at-a-time exercises)")
        dose = QGroupBox("Default dose (– means not used)")
        dgrid = QGridLayout(dose)
        dgrid.setHorizontalSpacing(8)
        for n, (caption, widget) in enumerate(
            (
                ("Sets", self.sets),
                ("Reps", self.reps),
                ("Hold", self.hold_s),
                ("Time", self.duration_min),
                ("Rest", self.rest_s),
                ("Times a week", self.sessions),
            )
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            dgrid.addWidget(label, n % 2, (n // 2) * 2)
            dgrid.addWidget(widget, n % 2, (n // 2) * 2 + 1)
        dgrid.addWidget(self.per_side, 2, 0, 1, 6)
        dgrid.setColumnStretch(6, 1)

        # -- safety ---------------------------------------------------------------------
        self.contraindications = ConditionNotes(FIELD_LABELS["contraindications"])
        self.precautions = ConditionNotes(FIELD_LABELS["precautions"])
        safety = QGroupBox("Safety")
        sform = QFormLayout(safety)
        sform.addRow(_caption("Contraindications: never offered to a client with"))
        sform.addRow(self.contraindications)
        sform.addRow(_caption("Precautions: offered, with this caution, to a client with"))
        sform.addRow(self.precautions)

        # -- ladder -------------------------------------------------------------------------
        self.progressions = CodeList(FIELD_LABELS["progressions"])
        self.regressions = CodeList(FIELD_LABELS["regressions"])
        for codes in (self.progressions, self.regressions):
            codes.set_catalogue(catalogue)
        ladder = QGroupBox("Ladder")
        lform = QFormLayout(ladder)
        lform.addRow("Progressions\n(harder)", self.progressions)
        lform.addRow("Regressions\n(easier)", self.regressions)

        left = QVBoxLayout()
        left.addWidget(identity)
        left.addWidget(words)
        left.addWidget(safety)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(tags)
        right.addWidget(body)
        right.addWidget(dose)
        right.addWidget(ladder)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.setStyleSheet(
            f'QLineEdit[invalid="true"], QComboBox[invalid="true"], '
            f'QPlainTextEdit[invalid="true"], QListView[invalid="true"], '
            f'QAbstractSpinBox[invalid="true"] {{ border: 2px solid {ERROR_COLOUR}; }}'
        )

        for line in (self.code, self.name, self.aliases):
            line.textChanged.connect(self._changed)
        for text in (self.purpose, self.steps, self.cues, self.mistakes):
            text.textChanged.connect(self._changed)
        for combo in (
            self.modality, self.position, self.impact, self.flexion, self.extension, self.rotation,
        ):  # fmt: skip
            combo.currentIndexChanged.connect(self._changed)
        for spin in (
            self.difficulty,
            self.sets,
            self.reps,
            self.hold_s,
            self.rest_s,
            self.sessions,
        ):
            spin.valueChanged.connect(self._changed)
        self.duration_min.valueChanged.connect(self._changed)
        self.per_side.toggled.connect(self._changed)
        self.unilateral.toggled.connect(self._unilateral_toggled)
        for ticks in (self.targets, self.imbalances, self.equipment):
            ticks.check_model.changed.connect(self._changed)
        for edited in (
            self.contraindications,
            self.precautions,
            self.progressions,
            self.regressions,
        ):
            edited.edited.connect(self._changed)

    def _text_list(self, key: str, rows: int, example: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(FIELD_LABELS[key])
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(f"e.g. {example}")
        edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * rows + 12)
        return edit

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _unilateral_toggled(self, on: bool) -> None:
        # The schema needs the two to agree; the dose follows, and stays editable.
        if not self._loading:
            self.per_side.setChecked(on)
        self._changed()

    # -- in and out ----------------------------------------------------------------------
    def set_exercise(self, ex: Exercise | None, *, new: bool) -> None:
        self._loading = True
        try:
            self.code.setReadOnly(not new)
            self.code.setEnabled(new)
            self.figure = ex.figure if ex is not None else None
            self.features = list(ex.features) if ex is not None else []
            self.behaviours = list(ex.behaviours) if ex is not None else []
            self.picture.setText(
                "Has a drawing, kept as it is (drawings are not edited here)"
                if self.figure is not None
                else "No drawing: the handout shows the steps without a picture"
            )
            if ex is None:
                for line in (self.code, self.name, self.aliases):
                    line.clear()
                for text in (self.purpose, self.steps, self.cues, self.mistakes):
                    text.clear()
                for combo in (self.modality, self.position, self.impact):
                    combo.setCurrentIndex(0)
                for combo in (self.flexion, self.extension, self.rotation):
                    combo.set_value(SpinalDemand.NONE)
                for ticks in (self.targets, self.imbalances, self.equipment):
                    ticks.set_value(())
                self.difficulty.setValue(self.difficulty.minimum())
                self.unilateral.setChecked(False)
                self.sets.setValue(2)
                self.reps.setValue(10)
                self.hold_s.setValue(0)
                self.duration_min.setValue(0)
                self.rest_s.setValue(30)
                self.sessions.setValue(3)
                self.per_side.setChecked(False)
                for notes in (self.contraindications, self.precautions):
                    notes.set_value(())
                for codes in (self.progressions, self.regressions):
                    codes.set_value(())
                return
            self.code.setText(ex.code)
            self.name.setText(ex.name)
            self.aliases.setText(", ".join(ex.aliases))
            self.modality.set_value(ex.modality)
            self.purpose.setPlainText(ex.purpose)
            self.steps.setPlainText("\n".join(ex.steps))
            self.cues.setPlainText("\n".join(ex.cues))
            self.mistakes.setPlainText("\n".join(ex.mistakes))
            self.targets.set_value(ex.targets)
            self.imbalances.set_value(ex.imbalances)
            self.equipment.set_value(ex.equipment)
            self.position.set_value(ex.position)
            self.difficulty.setValue(ex.difficulty)
            self.impact.set_value(ex.impact)
            self.unilateral.setChecked(ex.unilateral)
            self.flexion.set_value(ex.spine.flexion)
            self.extension.set_value(ex.spine.extension)
            self.rotation.set_value(ex.spine.rotation)
            d = ex.dosage
            self.sets.setValue(d.sets)
            self.reps.setValue(d.reps or 0)
            self.hold_s.setValue(d.hold_s or 0)
            self.duration_min.setValue(d.duration_min or 0)
            self.rest_s.setValue(d.rest_s)
            self.sessions.setValue(d.sessions_per_week)
            self.per_side.setChecked(d.per_side)
            self.contraindications.set_value(ex.contraindications)
            self.precautions.set_value(ex.precautions)
            self.progressions.set_value(ex.progressions)
            self.regressions.set_value(ex.regressions)
        finally:
            self._loading = False

    def data(self) -> dict[str, Any]:
        """What the form holds, in the schema's shape, as typed (blank lines left out)."""
        return {
            "code": self.code.text().strip(),
            "name": self.name.text(),
            "aliases": [a.strip() for a in self.aliases.text().split(",") if a.strip()],
            "modality": self.modality.value(),
            "purpose": " ".join(self.purpose.toPlainText().split()),
            "steps": _lines(self.steps.toPlainText()),
            "cues": _lines(self.cues.toPlainText()),
            "mistakes": _lines(self.mistakes.toPlainText()),
            "targets": self.targets.value(),
            "imbalances": self.imbalances.value(),
            "equipment": self.equipment.value(),
            "position": self.position.value(),
            "difficulty": self.difficulty.value(),
            "impact": self.impact.value(),
            "unilateral": self.unilateral.isChecked(),
            "spine": {
                "flexion": self.flexion.value(),
                "extension": self.extension.value(),
                "rotation": self.rotation.value(),
            },
            "dosage": {
                "sets": self.sets.value(),
                "reps": self.reps.value() or None,
                "hold_s": self.hold_s.value() or None,
                "duration_min": self.duration_min.value() or None,
                "rest_s": self.rest_s.value(),
                "sessions_per_week": self.sessions.value(),
                "per_side": self.per_side.isChecked(),
            },
            "contraindications": self.contraindications.value(),
            "precautions": self.precautions.value(),
            "progressions": self.progressions.value(),
            "regressions": self.regressions.value(),
            "features": self.features,
            "behaviours": self.behaviours,
            "figure": self.figure,
        }

    def widget_for(self, loc: Sequence[str | int]) -> QWidget | None:
        """The input behind a problem's location."""
        if not loc:
            return None
        top = str(loc[0])
        if top in ("contraindications", "precautions"):
            notes: ConditionNotes = getattr(self, top)
            if len(loc) >= 2 and isinstance(loc[1], int):
                return notes.widget_for(loc[1], str(loc[2]) if len(loc) > 2 else "condition")
            return notes.add_button
        if top in ("dosage", "spine"):
            part = str(loc[1]) if len(loc) > 1 else ""
            named = {"sessions_per_week": "sessions"}.get(part, part)
            widget = getattr(self, named, None)
            return widget if isinstance(widget, QWidget) else self.sets
        if top in ("progressions", "regressions"):
            return getattr(self, top).list  # type: ignore[no-any-return]
        widget = getattr(self, top, None)
        return widget if isinstance(widget, QWidget) else None

    def mark(self, widget: QWidget | None) -> None:
        """Outline the input a problem is about (and only that one)."""
        if self.marked is widget:
            return
        for w, on in ((self.marked, False), (widget, True)):
            if w is None:
                continue
            w.setProperty("invalid", "true" if on else "false")
            w.style().unpolish(w)
            w.style().polish(w)
        self.marked = widget


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #444")
    label.setWordWrap(True)
    return label


def _no_enter(dialog: QDialog) -> None:
    """Enter in a field presses no button of the dialog (a dialog makes each one a default)."""
    for b in dialog.findChildren(QPushButton):
        b.setAutoDefault(False)
        b.setDefault(False)


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600")
    label.setAccessibleName("Problems")
    return label


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
        self.error = _error_label()
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
        _no_enter(self)  # see keyPressEvent
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
        self.error = _error_label()
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
        _no_enter(self)  # Enter in the list edits the exercise picked
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
        picked = self.current()
        if picked is None:
            return False
        ex = picked[0]
        question = (
            f"Delete the clinic exercise '{ex.name}' ({ex.code})?\n\nThe library will no longer "
            "offer it. Programmes that already include it keep the item under its code. Export "
            "it first if you may want it back."
        )
        if not self.confirm("Delete exercise", question):
            return False
        try:
            self.ctx.services.exercises.delete(ex.code)
        except PlannerError as exc:
            self.say(str(exc), error=True)
            self.refresh()
            return False
        self.ctx.announce(Changes(library=True))
        self.ctx.events.status.emit(f"Deleted clinic exercise '{ex.name}'")
        self.say(f"Deleted '{ex.name}'")
        return True

    def export(self) -> Path | None:
        picked = self.current()
        if picked is None:
            return None
        path = self.ask_export_path(self, f"{picked[0].code}.toml")
        if path is None:
            return None
        try:
            self.ctx.services.exercises.export(picked[0].code, path)
        except (PlannerError, OSError) as exc:
            self.say(f"Cannot export to {path.name}: {exc}", error=True)
            return None
        self.say(f"Exported '{picked[0].name}' to {path}")
        return path

    def import_file(self) -> str | None:
        path = self.ask_import_path(self)
        if path is None:
            return None
        try:
            exercise = self.ctx.services.exercises.import_file(path)
        except PlannerError as exc:
            self.say(str(exc), error=True)
            return None
        self.ctx.announce(Changes(library=True))
        self.select(exercise.code)
        self.ctx.events.status.emit(f"Imported clinic exercise '{exercise.name}'")
        self.say(f"Added '{exercise.name}' ({exercise.code}) from {path.name}")
        return exercise.code

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
