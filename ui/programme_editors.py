"""Editors for one programme item: its dose (per side when it differs), days, phases and rules.

The dose editor builds a :class:`~planner.programme.model.Dosage` from what is on screen and
lets planner's model accept or refuse it; a refusal is shown beside the fields in planner's
words and nothing is saved. Every accepted change leaves through a signal at once, so the tab
can save it and put it on the undo stack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.programme import text as wording
from planner.programme.edits import explain, field_bounds
from planner.programme.model import (
    BandColour,
    Dosage,
    Load,
    LoadUnit,
    Phase,
    Programme,
    ProgressField,
    ProgressionRule,
    RuleAction,
    RuleCondition,
    SideDosage,
    Weekday,
)
from planner.programme.templates import Template

# How a load is given. A weight is in kg or lb, chosen beside it: a new weight starts in the
# clinic's weight unit, and a weight already given keeps its own unit.
WEIGHT = "weight"
LOAD_KINDS: tuple[tuple[LoadUnit | str | None, str], ...] = (
    (None, "No load"),
    (WEIGHT, "Weight"),
    (LoadUnit.BAND, "Band"),
    (LoadUnit.RPE, "Effort (RPE 1-10)"),
    (LoadUnit.RIR, "Reps in reserve"),
)
WEIGHT_UNITS: tuple[LoadUnit, ...] = (LoadUnit.KG, LoadUnit.LB)
FIELD_LABELS: dict[ProgressField, str] = {
    ProgressField.SETS: "Sets",
    ProgressField.REPS: "Reps",
    ProgressField.HOLD: "Hold (seconds)",
    ProgressField.DURATION: "Time (minutes)",
    ProgressField.DISTANCE: "Distance (km)",
    ProgressField.LOAD: "Load",
}
CONDITION_LABELS: dict[RuleCondition | None, str] = {
    None: "No condition",
    RuleCondition.TWO_FOR_TWO: "2-for-2 (extra reps two sessions running)",
    RuleCondition.PAIN_OK: "Pain settled",
}


class ValueCombo(QComboBox):
    """A combo box that hands back the Python value of each entry.

    Qt item data would turn a StrEnum into a plain string (and None into nothing), so the
    values are kept here, in entry order.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []

    def add(self, label: str, value: Any) -> None:
        self._values.append(value)
        self.addItem(label)

    def value(self) -> Any:
        row = self.currentIndex()
        return self._values[row] if 0 <= row < len(self._values) else None

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


def _high(model: type[BaseModel], name: str) -> int:
    return int(field_bounds(model, name)[1])


def _top(model: type[BaseModel], name: str, low: int | None = None) -> tuple[int, int]:
    lo, hi = field_bounds(model, name)
    return (int(lo) if low is None else low), int(hi)


def _spin(lo: int, hi: int, name: str, blank: str | None = None) -> QSpinBox:
    """A spin box that reports only finished edits (Enter, focus out or an arrow step)."""
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setKeyboardTracking(False)
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


def _dspin(
    lo: float, hi: float, step: float, name: str, blank: str | None = None
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setDecimals(1)
    spin.setSingleStep(step)
    spin.setKeyboardTracking(False)
    spin.setAccessibleName(name)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    if blank is not None:
        spin.setSpecialValueText(blank)
    return spin


class _SideRow:
    """Sets, reps, hold and load for one row of the dose grid (both sides, left or right)."""

    def __init__(self, label: str) -> None:
        self.label = QLabel(label)
        who = label.lower()
        self.sets = _spin(*_top(SideDosage, "sets", 1), f"Sets, {who}")
        self.reps = _spin(0, _high(SideDosage, "reps"), f"Reps, {who}", "–")
        self.hold = _spin(0, _high(SideDosage, "hold_s"), f"Hold in seconds, {who}", "–")
        self.hold.setSuffix(" s")
        self.amount = _dspin(*field_bounds(Load, "amount"), 0.5, f"Load amount, {who}")
        self.band = ValueCombo()
        self.band.setAccessibleName(f"Band colour, {who}")
        for colour in BandColour:
            self.band.add(colour.value.capitalize(), colour)
        for widget, text in (
            (self.sets, "Sets"),
            (self.reps, "Reps per set"),
            (self.hold, "Hold in seconds"),
        ):
            widget.setToolTip(f"{text} ({who})")
        self.label.setBuddy(self.sets)

    def widgets(self) -> list[QWidget]:
        return [self.label, self.sets, self.reps, self.hold, self.amount, self.band]

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets():
            w.setVisible(visible)

    def show_dose(self, dose: Dosage) -> None:
        self.sets.setValue(dose.sets)
        self.reps.setValue(dose.reps or 0)
        self.hold.setValue(dose.hold_s or 0)
        load = dose.load
        self.amount.setValue(load.amount if load is not None and load.amount is not None else 0)
        if load is not None and load.band is not None:
            self.band.set_value(load.band)

    def load(self, unit: LoadUnit | None) -> Load | None:
        if unit is None:
            return None
        if unit is LoadUnit.BAND:
            return Load(unit=unit, band=self.band.value())
        return Load(unit=unit, amount=self.amount.value())

    def values(self, unit: LoadUnit | None) -> dict[str, Any]:
        return {
            "sets": self.sets.value(),
            "reps": self.reps.value() or None,
            "hold_s": self.hold.value() or None,
            "load": self.load(unit),
        }


class DoseEditor(QWidget):
    """The selected item's dose, days and phases, edited in place and saved as each changes."""

    dosage_edited = Signal(object)  # Dosage
    days_edited = Signal(object)  # list[Weekday] (a list signal would turn them into str)
    span_edited = Signal(object, object)  # first, last (None, None: every phase)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._dosage: Dosage | None = None
        self.both = _SideRow("Each set")
        self.left = _SideRow("Left")
        self.right = _SideRow("Right")
        self.differ = QCheckBox("Left and right &differ")
        self.differ.setAccessibleName("Left and right sides have different doses")
        self.unit = ValueCombo()
        self.unit.setAccessibleName("Load unit")
        for kind, label in LOAD_KINDS:
            self.unit.add(label, kind)
        self._clinic_weight = LoadUnit.KG
        self.weight_unit = ValueCombo()
        self.weight_unit.setAccessibleName("Weight unit")
        self.weight_unit.setToolTip("The unit this exercise's weight is given in")
        for unit in WEIGHT_UNITS:
            self.weight_unit.add(unit.value, unit)
        self.duration = _dspin(0, _high(Dosage, "duration_min"), 0.5, "Time in minutes", "–")
        self.duration.setSuffix(" min")
        self.rest = _spin(0, _high(Dosage, "rest_s"), "Rest between sets in seconds", "–")
        self.rest.setSuffix(" s")
        self.day_buttons: dict[Weekday, QToolButton] = {}
        days = QHBoxLayout()
        days.setSpacing(2)
        for day in Weekday:
            button = QToolButton()
            button.setText(day.label[:3])
            button.setCheckable(True)
            button.setAccessibleName(f"Train on {day.label}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.toggled.connect(self._days_changed)
            days.addWidget(button)
            self.day_buttons[day] = button
        days.addStretch(1)
        self.all_phases = QCheckBox("All phases")
        self.all_phases.setAccessibleName("Done in every phase")
        self.first_phase = _spin(1, 1, "First phase")
        self.last_phase = _spin(1, 1, "Last phase")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Dose problem")

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for col, head in enumerate(("", "Sets", "Reps", "Hold")):
            if head:
                title = QLabel(head)
                title.setStyleSheet("color: #555")
                grid.addWidget(title, 0, col)
        # The load unit heads the load column: the amounts (or band colours) sit under it.
        self.unit.setToolTip("How the load is given: weight, band colour or effort")
        grid.addWidget(self.unit, 0, 4, 1, 2)
        grid.addWidget(self.weight_unit, 0, 6)
        for r, row in enumerate((self.both, self.left, self.right), start=1):
            for col, widget in enumerate(row.widgets()):
                grid.addWidget(widget, r, col)
        grid.setColumnStretch(7, 1)

        extra = QHBoxLayout()
        extra.addWidget(self.differ)
        extra.addSpacing(12)
        time_label = QLabel("&Time")
        time_label.setBuddy(self.duration)
        extra.addWidget(time_label)
        extra.addWidget(self.duration)
        rest_label = QLabel("R&est")
        rest_label.setBuddy(self.rest)
        extra.addWidget(rest_label)
        extra.addWidget(self.rest)
        extra.addStretch(1)

        when = QHBoxLayout()
        days_label = QLabel("Days")
        when.addWidget(days_label)
        when.addLayout(days)
        when.addSpacing(12)
        when.addWidget(QLabel("Phases"))
        when.addWidget(self.all_phases)
        when.addWidget(self.first_phase)
        when.addWidget(QLabel("to"))
        when.addWidget(self.last_phase)
        when.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(grid)
        layout.addLayout(extra)
        layout.addLayout(when)
        layout.addWidget(self.error)

        for row in (self.both, self.left, self.right):
            for spin in (row.sets, row.reps, row.hold):
                spin.valueChanged.connect(self._dose_changed)
            row.amount.valueChanged.connect(self._dose_changed)
            row.band.activated.connect(self._dose_changed)
        self.unit.activated.connect(self._unit_changed)
        self.weight_unit.activated.connect(self._unit_changed)
        self.duration.valueChanged.connect(self._dose_changed)
        self.rest.valueChanged.connect(self._dose_changed)
        self.differ.toggled.connect(self._differ_toggled)
        self.all_phases.toggled.connect(self._span_changed)
        self.first_phase.valueChanged.connect(self._span_changed)
        self.last_phase.valueChanged.connect(self._span_changed)
        self.show_item(None, None, 1)

    # -- showing -----------------------------------------------------------------------
    def show_item(self, dosage: Dosage | None, days: Sequence[Weekday] | None, phases: int) -> None:
        """The dose of the selected item (None: nothing selected) and the programme's phases."""
        self._loading = True
        try:
            self._dosage = dosage
            self.setEnabled(dosage is not None)
            self.error.clear()
            dose = dosage or Dosage(reps=1)
            unit = dose.load.unit if dose.load is not None else None
            # A weight shows its own unit; anything else leaves the clinic's ready for a new one.
            self.unit.set_value(WEIGHT if unit in WEIGHT_UNITS else unit)
            self.weight_unit.set_value(unit if unit in WEIGHT_UNITS else self._clinic_weight)
            self.both.show_dose(dose)
            self.left.show_dose(dose.for_side("left"))
            self.right.show_dose(dose.for_side("right"))
            self.differ.setEnabled(dose.per_side)
            self.differ.setChecked(
                dose.per_side and (dose.left is not None or dose.right is not None)
            )
            self.duration.setValue(dose.duration_min or 0)
            self.rest.setValue(dose.rest_s or 0)
            wanted = set(days or ())
            for day, button in self.day_buttons.items():
                button.setChecked(day in wanted)
            for spin in (self.first_phase, self.last_phase):
                spin.setRange(1, max(1, phases))
            self._layout_rows(dose.per_side)
        finally:
            self._loading = False

    def set_weight_unit(self, unit: LoadUnit) -> None:
        """The clinic's weight unit: what a weight starts in when an item is first given one."""
        self._clinic_weight = unit
        load = self._dosage.load if self._dosage is not None else None
        if load is None or load.unit not in WEIGHT_UNITS:
            self.weight_unit.set_value(unit)
            self._layout_rows(self._dosage.per_side if self._dosage else False)

    def load_unit(self) -> LoadUnit | None:
        """The unit the fields give the load in (None: no load)."""
        kind = self.unit.value()
        return self.weight_unit.value() if kind == WEIGHT else kind

    def show_span(self, first: int | None, last: int | None) -> None:
        self._loading = True
        try:
            every = first is None or last is None
            self.all_phases.setChecked(every)
            self.first_phase.setValue(first or 1)
            self.last_phase.setValue(last or self.last_phase.maximum())
            self.first_phase.setEnabled(not every)
            self.last_phase.setEnabled(not every)
        finally:
            self._loading = False

    def _layout_rows(self, per_side: bool) -> None:
        split = self.differ.isChecked()
        self.both.set_visible(not split)
        self.both.label.setText("Each side" if per_side else "Each set")
        self.left.set_visible(split)
        self.right.set_visible(split)
        unit = self.load_unit()
        weight = unit in WEIGHT_UNITS
        self.weight_unit.setVisible(weight)
        for row in (self.both, self.left, self.right):
            visible = not split if row is self.both else split
            row.amount.setVisible(visible and unit is not None and unit is not LoadUnit.BAND)
            row.amount.setSuffix(f" {unit.value}" if weight and unit is not None else "")
            row.band.setVisible(visible and unit is LoadUnit.BAND)

    # -- building the dose -------------------------------------------------------------
    def current_dosage(self) -> Dosage:
        """What the fields say, checked by planner (raises ValueError with its reason)."""
        base = self._dosage or Dosage(reps=1)
        unit = self.load_unit()
        shared: dict[str, Any] = {
            "duration_min": self.duration.value() or None,
            "rest_s": self.rest.value() or None,
            "distance_km": base.distance_km,
            "tempo": base.tempo,
            "per_side": base.per_side,
        }
        try:
            if self.differ.isChecked() and base.per_side:
                left = self.left.values(unit)
                right = self.right.values(unit)
                diff = {k: v for k, v in right.items() if v != left[k] and v is not None}
                shared.update(left)
                shared["right"] = SideDosage(**diff) if diff else None
            else:
                shared.update(self.both.values(unit))
            return Dosage(**shared)
        except ValidationError as exc:
            raise ValueError(explain(exc)) from None

    def _dose_changed(self, *_args: object) -> None:
        if self._loading or self._dosage is None:
            return
        try:
            dosage = self.current_dosage()
        except ValueError as exc:
            self.error.setText(f"Not saved: {exc}")
            return
        self.error.clear()
        if dosage != self._dosage:
            self._dosage = dosage
            self.dosage_edited.emit(dosage)

    def _unit_changed(self, _index: int) -> None:
        self._layout_rows(self._dosage.per_side if self._dosage else False)
        self._dose_changed()

    def _differ_toggled(self, on: bool) -> None:
        if self._loading or self._dosage is None:
            return
        self._loading = True
        try:
            if on:
                # Each side starts from what it does now; nothing changes until one is edited.
                self.left.show_dose(self._dosage.for_side("left"))
                self.right.show_dose(self._dosage.for_side("right"))
            else:
                self.both.show_dose(self._dosage.for_side("left"))
        finally:
            self._loading = False
        self._layout_rows(True)
        if not on:
            self._dose_changed()

    def _days_changed(self, _on: bool) -> None:
        if self._loading or self._dosage is None:
            return
        chosen = [d for d, b in self.day_buttons.items() if b.isChecked()]
        if not chosen:
            self.error.setText("Not saved: an exercise needs at least one day of the week.")
            return
        self.error.clear()
        self.days_edited.emit(chosen)

    def _span_changed(self, *_args: object) -> None:
        if self._loading or self._dosage is None:
            return
        every = self.all_phases.isChecked()
        self.first_phase.setEnabled(not every)
        self.last_phase.setEnabled(not every)
        if every:
            self.span_edited.emit(None, None)
            return
        first, last = self.first_phase.value(), self.last_phase.value()
        if first > last:
            self.error.setText("Not saved: the first phase comes after the last.")
            return
        self.error.clear()
        self.span_edited.emit(first, last)


# -- progression rules ---------------------------------------------------------------------


def _num(value: float) -> str:
    return wording.number(value)


def rule_text(
    rule: ProgressionRule,
    programme: Programme | None = None,
    name_of: Callable[[str], str] | None = None,
) -> str:
    """A rule in one line, as the therapist set it (``name_of`` names exercises by code)."""
    when = ""
    if rule.condition is not None:
        when = f", only when {CONDITION_LABELS[rule.condition].lower()}"
    only = ""
    if rule.exercise:
        name = name_of(rule.exercise) if name_of else rule.exercise.replace("_", " ")
        only = f" (while at {name})"
    if rule.action is RuleAction.ADVANCE:
        if rule.at_phase is not None:
            name = ""
            if programme is not None and rule.at_phase <= len(programme.phases):
                name = f" '{programme.phases[rule.at_phase - 1].name}'"
            start = f"at the start of phase {rule.at_phase}{name}"
        else:
            every = "" if rule.every_weeks == 1 else f" every {rule.every_weeks} weeks"
            start = f"from week {rule.from_week}{every}"
        return f"Move on to the next exercise on its ladder {start}{when}{only}"
    assert rule.field is not None
    label = FIELD_LABELS[rule.field].split(" (")[0]
    if rule.step is not None:
        sign = "+" if rule.step > 0 else "−"
        by = f"{sign}{_num(abs(rule.step))}"
    else:
        assert rule.percent is not None
        sign = "+" if rule.percent > 0 else "−"
        by = f"{sign}{_num(abs(rule.percent))}%"
    every = "every week" if rule.every_weeks == 1 else f"every {rule.every_weeks} weeks"
    cap = ""
    if isinstance(rule.cap, BandColour):
        cap = f", up to the {rule.cap.value} band"
    elif rule.cap is not None:
        cap = f", up to {_num(rule.cap)}"
    return f"{label} {by} {every} from week {rule.from_week}{cap}{when}{only}"


class RuleDialog(QDialog):
    """A small editor for one progression rule; planner's model checks it before it closes."""

    def __init__(
        self,
        parent: QWidget | None = None,
        rule: ProgressionRule | None = None,
        phases: int = 1,
        load_unit: LoadUnit | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Progression rule" if rule else "New progression rule")
        self.result_rule: ProgressionRule | None = None
        self._exercise = rule.exercise if rule else None
        self.action = ValueCombo()
        self.action.add("Change part of the dose", RuleAction.CHANGE)
        self.action.add("Move on to the next exercise on its ladder", RuleAction.ADVANCE)
        self.action.setAccessibleName("What the rule does")
        self.field = ValueCombo()
        for field, label in FIELD_LABELS.items():
            self.field.add(label, field)
        self.field.setAccessibleName("Part of the dose")
        self.by_step = QRadioButton("By a step of")
        self.by_percent = QRadioButton("By a percent of")
        group = QButtonGroup(self)
        group.addButton(self.by_step)
        group.addButton(self.by_percent)
        self.step = _dspin(-500, 500, 1, "Step")
        low, high = field_bounds(ProgressionRule, "percent")
        self.percent = _dspin(low + 1, high, 1, "Percent")
        self.percent.setSuffix(" %")
        self.has_cap = QCheckBox("Up to")
        self.has_cap.setAccessibleName("Stop at a top value")
        self.cap = _dspin(0, 1000, 1, "Top value")
        self.cap_band = ValueCombo()
        self.cap_band.setAccessibleName("Top band colour")
        for colour in BandColour:
            self.cap_band.add(colour.value.capitalize(), colour)
        self.start_at_phase = QRadioButton("At the start of phase")
        self.start_from_week = QRadioButton("From week")
        starts = QButtonGroup(self)
        starts.addButton(self.start_at_phase)
        starts.addButton(self.start_from_week)
        self.at_phase = _spin(2, max(2, phases), "Phase to move on at")
        self.from_week = _spin(*_top(ProgressionRule, "from_week"), "First week the rule is due")
        self.every = _spin(*_top(ProgressionRule, "every_weeks"), "Every so many weeks")
        self.every.setSuffix(" week(s)")
        self.condition = ValueCombo()
        for condition, label in CONDITION_LABELS.items():
            self.condition.add(label, condition)
        self.condition.setAccessibleName("Condition")
        self.condition_hint = QLabel()
        self.condition_hint.setWordWrap(True)
        self.condition_hint.setStyleSheet("color: #555")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self._phases = phases
        self._load_unit = load_unit

        step_row = QHBoxLayout()
        step_row.addWidget(self.by_step)
        step_row.addWidget(self.step)
        step_row.addWidget(self.by_percent)
        step_row.addWidget(self.percent)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.has_cap)
        cap_row.addWidget(self.cap)
        cap_row.addWidget(self.cap_band)
        cap_row.addStretch(1)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_from_week)
        start_row.addWidget(self.from_week)
        start_row.addWidget(self.start_at_phase)
        start_row.addWidget(self.at_phase)
        start_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("&Rule", self.action)
        form.addRow("&Change", self.field)
        form.addRow("By", step_row)
        form.addRow("Limit", cap_row)
        form.addRow("When", start_row)
        every_row = QHBoxLayout()
        every_row.addWidget(self.every)
        every_row.addStretch(1)
        every_label = QLabel("Then &every")
        every_label.setBuddy(self.every)
        form.addRow(every_label, every_row)
        form.addRow("C&ondition", self.condition)
        form.addRow(self.condition_hint)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._form = form

        for signal in (
            self.action.currentIndexChanged,
            self.field.currentIndexChanged,
            self.condition.currentIndexChanged,
        ):
            signal.connect(lambda _i: self._update())
        for button in (self.by_step, self.start_at_phase, self.has_cap):
            button.toggled.connect(lambda _on: self._update())
        self._show(rule)

    def _show(self, rule: ProgressionRule | None) -> None:
        rule = rule or ProgressionRule(field=ProgressField.REPS, step=2, from_week=2)
        self.action.set_value(rule.action)
        if rule.field is not None:
            self.field.set_value(rule.field)
        self.by_step.setChecked(rule.percent is None)
        self.by_percent.setChecked(rule.percent is not None)
        self.step.setValue(rule.step if rule.step is not None else 1)
        self.percent.setValue(rule.percent if rule.percent is not None else 5)
        self.has_cap.setChecked(rule.cap is not None)
        if isinstance(rule.cap, BandColour):
            self.cap_band.set_value(rule.cap)
        elif rule.cap is not None:
            self.cap.setValue(rule.cap)
        at_phase = rule.at_phase is not None
        self.start_at_phase.setChecked(at_phase)
        self.start_from_week.setChecked(not at_phase)
        self.at_phase.setValue(rule.at_phase or 2)
        self.from_week.setValue(rule.from_week or 2)
        self.every.setValue(rule.every_weeks)
        self.condition.set_value(rule.condition)
        self._update()

    def _update(self) -> None:
        change = self.action.value() is RuleAction.CHANGE
        field = self.field.value()
        band = field is ProgressField.LOAD and self._load_unit is LoadUnit.BAND
        for w in (self.field, self.by_step, self.by_percent, self.has_cap):
            w.setEnabled(change)
        self.step.setEnabled(change and self.by_step.isChecked())
        self.percent.setEnabled(change and self.by_percent.isChecked())
        self.cap.setVisible(not band)
        self.cap_band.setVisible(band)
        self.cap.setEnabled(change and self.has_cap.isChecked())
        self.cap_band.setEnabled(change and self.has_cap.isChecked())
        can_phase = not change and self._phases >= 2
        self.start_at_phase.setEnabled(can_phase)
        if not can_phase and self.start_at_phase.isChecked():
            self.start_from_week.setChecked(True)
        self.at_phase.setEnabled(can_phase and self.start_at_phase.isChecked())
        self.from_week.setEnabled(self.start_from_week.isChecked())
        condition = self.condition.value()
        self.condition_hint.setText(wording.condition_hint(condition) if condition else "")

    def rule(self) -> ProgressionRule:
        """The rule as the dialog shows it (raises ValueError with planner's reason)."""
        change = self.action.value() is RuleAction.CHANGE
        data: dict[str, Any] = {
            "action": self.action.value(),
            "condition": self.condition.value(),
            "every_weeks": self.every.value(),
            "exercise": self._exercise,
        }
        if self.start_at_phase.isChecked() and not change:
            data["at_phase"] = self.at_phase.value()
        else:
            data["from_week"] = self.from_week.value()
        if change:
            field = self.field.value()
            data["field"] = field
            if self.by_step.isChecked():
                data["step"] = self.step.value()
            else:
                data["percent"] = self.percent.value()
            if self.has_cap.isChecked():
                band = field is ProgressField.LOAD and self._load_unit is LoadUnit.BAND
                data["cap"] = self.cap_band.value() if band else self.cap.value()
        try:
            return ProgressionRule(**data)
        except ValidationError as exc:
            raise ValueError(explain(exc)) from None

    def _try_accept(self) -> None:
        try:
            self.result_rule = self.rule()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None = None,
        rule: ProgressionRule | None = None,
        phases: int = 1,
        load_unit: LoadUnit | None = None,
    ) -> ProgressionRule | None:
        """Show the dialog; the rule, or None if cancelled (tests replace this)."""
        dialog = cls(parent, rule, phases, load_unit)
        return dialog.result_rule if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- small dialogs -------------------------------------------------------------------------


def to_date(qd: QDate) -> dt.date:
    return dt.date(qd.year(), qd.month(), qd.day())


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NewProgramme:
    """What the new-programme dialog returns."""

    def __init__(
        self,
        title: str,
        start: dt.date,
        weeks: int,
        template: Template | None = None,
        from_recommendation: bool = False,
    ) -> None:
        self.title = title
        self.start = start
        self.weeks = weeks
        self.from_recommendation = from_recommendation
        self.template = template


# A first programme's length before the therapist changes it: planner's review interval
# makes a natural first block (planner.programme.plan.REVIEW_EVERY_WEEKS).
def _default_weeks() -> int:
    from planner.programme.plan import REVIEW_EVERY_WEEKS

    return REVIEW_EVERY_WEEKS


# The new-programme dialog's choice of starting from the assessment's recommendation.
RECOMMENDED = "recommended"


class NewProgrammeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        client_name: str = "",
        templates: Sequence[Template] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New programme")
        self.result_value: NewProgramme | None = None
        self.title = QLineEdit(f"Home programme for {client_name}" if client_name else "")
        self.title.setAccessibleName("Programme title")
        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setAccessibleName("First day")
        self.weeks = _spin(*_top(Phase, "weeks"), "Weeks")
        self.weeks.setValue(_default_weeks())
        self.template = ValueCombo()
        self.template.setAccessibleName("Start from")
        self.template.add("An empty programme (one phase)", None)
        self.template.add("The recommendation for the latest assessment", RECOMMENDED)
        for t in templates:
            self.template.add(f"Template: {t.title} ({t.total_weeks} weeks)", t)
        self.template.currentIndexChanged.connect(
            lambda _i: self.weeks.setEnabled(not isinstance(self.template.value(), Template))
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&First day", self.start)
        form.addRow("&Weeks", self.weeks)
        form.addRow("Start &from", self.template)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _try_accept(self) -> None:
        title = self.title.text().strip()
        if not title:
            self.error.setText("Give the programme a title.")
            return
        chosen = self.template.value()
        self.result_value = NewProgramme(
            title,
            to_date(self.start.date()),
            self.weeks.value(),
            chosen if isinstance(chosen, Template) else None,
            from_recommendation=chosen == RECOMMENDED,
        )
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None = None,
        client_name: str = "",
        templates: Sequence[Template] = (),
    ) -> NewProgramme | None:
        dialog = cls(parent, client_name, templates)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class SaveTemplateDialog(QDialog):
    """Name a template made from the open programme."""

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Save as template")
        self.result_value: tuple[str, str, str] | None = None
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Template title")
        self.code = QLineEdit(_code_from(title))
        self.code.setAccessibleName("Template code")
        self.code.setToolTip("Lower-case letters, digits and underscores; names the file")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Template description")
        self.description.setPlaceholderText("Who it suits and how it builds up")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.title.textEdited.connect(lambda t: self.code.setText(_code_from(t)))
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Code", self.code)
        form.addRow("&Description", self.description)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _try_accept(self) -> None:
        code = self.code.text().strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]{1,63}", code):
            self.error.setText(
                f"Code '{code}': use 2 to 64 lower-case letters, digits or underscores, "
                "starting with a letter."
            )
            return
        if not self.title.text().strip():
            self.error.setText("Give the template a title.")
            return
        self.result_value = (code, self.title.text().strip(), self.description.toPlainText())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, title: str = "") -> tuple[str, str, str] | None:
        dialog = cls(parent, title)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def _code_from(title: str) -> str:
    code = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    if not code or not code[0].isalpha():
        code = "t_" + code
    return code[:64]


class Ask:
    """Yes/no questions and the conflict choice (tests replace these)."""

    @staticmethod
    def reload_after_conflict(parent: QWidget | None, message: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Changed on another workstation")
        box.setText("This programme was changed elsewhere since you opened it.")
        box.setInformativeText(message)
        reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(reload)
        box.exec()
        return box.clickedButton() is reload

    @staticmethod
    def confirm(parent: QWidget | None, title: str, question: str) -> bool:
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    @staticmethod
    def tell(parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)
