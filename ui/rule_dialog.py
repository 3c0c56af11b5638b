"""Progression rules in words, and the dialog that makes or changes one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from planner.programme import text as wording
from planner.programme.edits import field_bounds, problem_field
from planner.programme.model import (
    BandColour,
    LoadUnit,
    Programme,
    ProgressField,
    ProgressionRule,
    RuleAction,
    RuleCondition,
)
from ui.form_base import FormDialog
from ui.widgets import (
    ValueCombo,
    decimal_spin,
    model_range,
    whole_spin,
)

FIELD_LABELS: dict[ProgressField, str] = {
    ProgressField.SETS: "Sets",
    ProgressField.REPS: "Reps",
    ProgressField.HOLD: "Hold (seconds)",
    ProgressField.DURATION: "Time (minutes)",
    ProgressField.DISTANCE: "Distance (km)",
    ProgressField.LOAD: "Load",
}
# What the dialog calls each of the rule's fields when it names a problem.
PROBLEM_LABELS = {
    "action": "Rule",
    "field": "Change",
    "step": "Step",
    "percent": "Percent",
    "cap": "Top value",
    "from_week": "From week",
    "every_weeks": "Every",
    "at_phase": "Phase",
    "condition": "Condition",
}
CONDITION_LABELS: dict[RuleCondition | None, str] = {
    None: "No condition",
    RuleCondition.TWO_FOR_TWO: "2-for-2 (extra reps two sessions running)",
    RuleCondition.PAIN_OK: "Pain settled",
}


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


class RuleDialog(FormDialog[ProgressionRule]):
    """A small editor for one progression rule; planner's model checks it before it closes,
    and a problem outlines the input its field names."""

    def __init__(
        self,
        parent: QWidget | None = None,
        rule: ProgressionRule | None = None,
        phases: int = 1,
        load_unit: LoadUnit | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Progression rule" if rule else "New progression rule")
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
        self.step = decimal_spin(-500, 500, 1, "Step")
        low, high = field_bounds(ProgressionRule, "percent")
        self.percent = decimal_spin(low + 1, high, 1, "Percent")
        self.percent.setSuffix(" %")
        self.has_cap = QCheckBox("Up to")
        self.has_cap.setAccessibleName("Stop at a top value")
        self.cap = decimal_spin(0, 1000, 1, "Top value")
        self.cap_band = ValueCombo()
        self.cap_band.setAccessibleName("Top band colour")
        for colour in BandColour:
            self.cap_band.add(colour.value.capitalize(), colour)
        self.start_at_phase = QRadioButton("At the start of phase")
        self.start_from_week = QRadioButton("From week")
        starts = QButtonGroup(self)
        starts.addButton(self.start_at_phase)
        starts.addButton(self.start_from_week)
        self.at_phase = whole_spin(2, max(2, phases), "Phase to move on at")
        self.from_week = whole_spin(
            *model_range(ProgressionRule, "from_week"), "First week the rule is due"
        )
        self.every = whole_spin(*model_range(ProgressionRule, "every_weeks"), "Every so many weeks")
        self.every.setSuffix(" week(s)")
        self.condition = ValueCombo()
        for condition, label in CONDITION_LABELS.items():
            self.condition.add(label, condition)
        self.condition.setAccessibleName("Condition")
        self.condition_hint = QLabel()
        self.condition_hint.setWordWrap(True)
        self.condition_hint.setStyleSheet("color: #555")
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
        form.addRow(self.buttons)
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

    def _widgets(self) -> dict[str, QWidget]:
        """The input showing each of the rule's fields (the cap as the unit shows it)."""
        band = self.field.value() is ProgressField.LOAD and self._load_unit is LoadUnit.BAND
        return {
            "action": self.action,
            "field": self.field,
            "step": self.step,
            "percent": self.percent,
            "cap": self.cap_band if band else self.cap,
            "from_week": self.from_week,
            "every_weeks": self.every,
            "at_phase": self.at_phase,
            "condition": self.condition,
        }

    def read(self) -> ProgressionRule:
        """The rule as the dialog shows it (ValidationError with planner's reason)."""
        self.fields = self._widgets()
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
        return ProgressionRule(**data)

    def describe(self, exc: ValidationError) -> str:
        """Planner's reason, headed by the dialog's own name for the input it is about."""
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        label = PROBLEM_LABELS.get(problem_field(exc) or "")
        return f"{label}: {message}" if label else message[:1].upper() + message[1:]

    @property
    def result_rule(self) -> ProgressionRule | None:
        return self.result_value

    @classmethod
    def ask(  # type: ignore[override]
        cls,
        parent: QWidget | None = None,
        rule: ProgressionRule | None = None,
        phases: int = 1,
        load_unit: LoadUnit | None = None,
    ) -> ProgressionRule | None:
        """Show the dialog; the rule, or None if cancelled (tests replace this)."""
        return super().ask(parent, rule, phases, load_unit)
