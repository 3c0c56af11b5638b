"""The input widgets the clinic exercise editor is built from: tick lists, condition notes, code
lists, and the words a schema problem is shown in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from exercise_library.schema import ConditionNote
from exercise_library.vocabulary import (
    Condition,
)
from ui.widgets import ValueCombo

CodeRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex

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
    "spine.flexion": "Spine flexion",
    "spine.extension": "Spine extension",
    "spine.rotation": "Spine rotation",
    "features": "Movement features",
    "behaviours": "Behaviours",
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
TICK_LISTS = ("targets", "imbalances", "equipment", "features", "behaviours")


# -- models --------------------------------------------------------------------------------


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

    def __init__(
        self,
        name: str,
        values: Sequence[StrEnum],
        rows: int = 7,
        model: CheckListModel | None = None,
    ) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.check_model = model if model is not None else CheckListModel(values, self)
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
def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def spin_box(lo: float, hi: float, name: str, blank: str | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(int(lo), int(hi))
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMaximumWidth(110)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


def combo_of(name: str, values: Iterable[StrEnum], blank: bool = True) -> ValueCombo:
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
