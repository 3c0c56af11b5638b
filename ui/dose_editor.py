"""The dose editor: sets, reps, hold, time, distance and load, per side when they differ, with
the days and the phases of one programme item.

It builds a :class:`~planner.programme.model.Dosage` from what is on screen and lets planner's
model accept or refuse it; a refusal is shown beside the fields in planner's words and nothing
is saved. Every accepted change leaves through a signal at once, so the tab can save it and put
it on the undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.programme.edits import explain, field_bounds
from planner.programme.model import (
    BandColour,
    Dosage,
    Load,
    LoadUnit,
    SideDosage,
    Weekday,
)
from ui.style import ERROR_COLOUR
from ui.widgets import (
    ValueCombo,
    decimal_spin,
    model_range,
    upper_bound,
    whole_spin,
)

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


class _SideRow:
    """Sets, reps, hold and load for one row of the dose grid (both sides, left or right)."""

    def __init__(self, label: str) -> None:
        self.label = QLabel(label)
        who = label.lower()
        self.sets = whole_spin(*model_range(SideDosage, "sets", 1), f"Sets, {who}")
        self.reps = whole_spin(0, upper_bound(SideDosage, "reps"), f"Reps, {who}", "–")
        self.hold = whole_spin(0, upper_bound(SideDosage, "hold_s"), f"Hold in seconds, {who}", "–")
        self.hold.setSuffix(" s")
        self.amount = decimal_spin(*field_bounds(Load, "amount"), 0.5, f"Load amount, {who}")
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
        self.duration = decimal_spin(
            0, upper_bound(Dosage, "duration_min"), 0.5, "Time in minutes", "–"
        )
        self.duration.setSuffix(" min")
        self.rest = whole_spin(
            0, upper_bound(Dosage, "rest_s"), "Rest between sets in seconds", "–"
        )
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
        self.first_phase = whole_spin(1, 1, "First phase")
        self.last_phase = whole_spin(1, 1, "Last phase")
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
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
