"""The assessment form: every field of an assessment, in the order a session runs.

The form knows how to show an :class:`AssessmentFile` and how to turn what is typed back into
the dictionary the file is made from; whether that dictionary is a valid assessment is for
planner's model to say. Each problem comes back with the place in the file it concerns, and
the form puts the message beside that field, naming it the way the label does. What cannot be
an assessment yet is kept as a draft (:meth:`AssessmentForm.draft`), and a draft comes back
exactly as it was typed (:meth:`AssessmentForm.load_draft`).

Name, sex and birth date belong to the client record: the form shows them and offers to edit
the record, so there is one record of who the client is.

Tab order follows the page from top to bottom, left column before right column in the
left/right test table, so a clinician can fill a whole session from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.vocabulary import Condition, Equipment, RedFlag, TestCode
from planner.assessment.model import AssessmentFile, Experience, Sex, Surface
from planner.assessment.model import Client as AssessedClient
from planner.assessment.thresholds import Referral
from planner.units import DistanceUnit, WeightUnit
from ui.assessment_inputs import (
    CheckSet,
    ChoiceInput,
    DateInput,
    ListInput,
    MeasureInput,
    NumberInput,
    ParseError,
    TextInput,
)
from ui.assessment_parts import (
    SIDED_TESTS,
    SINGLE_TESTS,
    YES_NO,
    FieldError,
    FlagGroups,
    Outcome,
    Path,
    Reading,
    Section,
    caption,
    mark,
    pairs_grid,
    set_value,
    test_input,
)
from ui.assessment_questionnaires import QuestionnaireInputs
from ui.assessment_reading import read_form, validate_form
from ui.form_base import INVALID_STYLE


class AssessmentForm(QWidget):
    """All the inputs, grouped in sections; ``edited`` fires on every change the user makes."""

    edited = Signal()
    edit_client = Signal()  # the therapist asks to edit the client record

    def __init__(self, flag_levels: dict[RedFlag, Referral], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag_levels = dict(flag_levels)  # how the red-flag screen is grouped
        self._loading = False
        self._order: list[QWidget] = []
        self._marked: list[QWidget] = []
        self.sections: list[Section] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for build in (
            self._build_details,
            self._build_pain,
            lambda: self._build_flags(flag_levels),
            self._build_running,
            self._build_questionnaires,
            self._build_tests,
            self._build_notes,
        ):
            section = build()
            section.finish()
            self.sections.append(section)
            layout.addWidget(section.box)
        layout.addStretch(1)
        for first, second in zip(self._order, self._order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.setStyleSheet(INVALID_STYLE)

    # -- building ------------------------------------------------------------------------
    def _track(self, *widgets: QWidget) -> None:
        for w in widgets:
            self._order.append(w)
            if isinstance(w, QLineEdit):
                w.textChanged.connect(self._changed)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._changed)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._changed)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._changed)

    def _track_set(self, checks: CheckSet[Any]) -> None:
        checks.changed.connect(self._changed)
        self._order.extend(checks.focus_order())

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def _build_details(self) -> Section:
        s = Section("&Details: client and assessment", "details")
        self.date = DateInput("Assessment date")
        # Name, birth date and sex belong to the client record: shown here, edited there.
        self.facts: tuple[str, date | None, Sex | None] = ("", None, None)
        self.client_facts = QLabel()
        self.client_facts.setAccessibleName("Client")
        self.client_facts.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_client_button = QPushButton("Edit client details...")
        self.edit_client_button.setAccessibleName("Edit client details")
        self.edit_client_button.setToolTip("Name, birth date and sex are kept in the client record")
        self.edit_client_button.clicked.connect(self.edit_client.emit)
        self.height = NumberInput("Height (cm)")
        self.weight = MeasureInput("weight", "Weight ({unit})", "Weight ({unit})")
        self.experience = ChoiceInput(
            "Exercise experience", [(x.value.capitalize(), x) for x in Experience], blank=False
        )
        self.conditions = CheckSet("Conditions", [(c.label, c) for c in Condition], columns=3)
        self.trimester = ChoiceInput(
            "Pregnancy trimester", [("First", 1), ("Second", 2), ("Third", 3)], width=110
        )
        self.equipment = CheckSet("Equipment at home", [(e.label, e) for e in Equipment], columns=3)
        self.date.setToolTip("The day of this assessment")

        facts_row = QHBoxLayout()
        facts_row.addWidget(self.client_facts, 1)
        facts_row.addWidget(self.edit_client_button)
        s.layout.addLayout(facts_row)
        self.due_date = DateInput("Pregnancy due date", optional=True)
        self.due_date.setToolTip("With the due date, each week of a programme gets its trimester")
        self.athlete = QCheckBox("Trains as an athlete")
        self.athlete.setAccessibleName("Trains as an athlete")
        self.athlete.setToolTip("Trunk endurance is then compared with athletes' results")
        grid = pairs_grid(
            [
                ("Assessment date", self.date),
                ("Experience", self.experience),
                ("Height (cm)", self.height),
                (self.weight.caption, self.weight),
                ("Due date", self.due_date),
                ("Or trimester now", self.trimester),
            ]
        )
        s.layout.addLayout(grid)
        s.layout.addWidget(self.athlete)
        self.pregnancy_rows = [
            w
            for w in (grid.itemAt(n).widget() for n in range(grid.count()))
            if isinstance(w, QLabel) and w.buddy() in (self.trimester, self.due_date)
        ] + [self.trimester, self.due_date]
        # Asked only where it applies: trimester once pregnancy is ticked; pregnancy not for a
        # male client.
        self.conditions.boxes[Condition.PREGNANCY].toggled.connect(self._show_relevant)
        s.layout.addWidget(caption("Conditions (tick every one that applies)"))
        s.layout.addWidget(self.conditions)
        s.layout.addWidget(caption("Equipment at home"))
        s.layout.addWidget(self.equipment)
        self._track(
            self.date, self.experience, self.height, self.weight, self.due_date, self.trimester,
            self.athlete,
        )  # fmt: skip
        self._track_set(self.conditions)
        self._track_set(self.equipment)
        return s

    def _build_pain(self) -> Section:
        s = Section("&Pain (subjective)", "pain")
        self.pain_now = NumberInput("Pain now (NPRS 0-10)", whole=True, width=56)
        self.pain_best = NumberInput("Best pain (NPRS 0-10)", whole=True, width=56)
        self.pain_worst = NumberInput("Worst pain (NPRS 0-10)", whole=True, width=56)
        self.pain_area = TextInput("Pain area", "e.g. left low back and buttock")
        self.pain_pattern = TextInput("Pain pattern", "e.g. builds after 8 km, settles overnight")
        self.aggravating = ListInput("Aggravating", "e.g. sitting, running downhill")
        self.easing = ListInput("Easing", "e.g. walking, lying down")
        row = QHBoxLayout()
        for text, w in (
            ("Now", self.pain_now),
            ("Best", self.pain_best),
            ("Worst", self.pain_worst),
        ):
            label = QLabel(text)
            label.setBuddy(w)
            row.addWidget(label)
            row.addWidget(w)
            row.addSpacing(12)
        row.addWidget(QLabel("NPRS, 0 = no pain, 10 = worst imaginable"))
        row.addStretch(1)
        s.layout.addLayout(row)
        form = QFormLayout()
        form.addRow("Area", self.pain_area)
        form.addRow("Pattern", self.pain_pattern)
        form.addRow("Aggravating", self.aggravating)
        form.addRow("Easing", self.easing)
        s.layout.addLayout(form)
        self._track(
            self.pain_now, self.pain_best, self.pain_worst, self.pain_area, self.pain_pattern,
            self.aggravating, self.easing,
        )  # fmt: skip
        return s

    def _build_flags(self, levels: dict[RedFlag, Referral]) -> Section:
        """One group of tick boxes per referral level, most urgent first, each headed by
        what that level asks (planner's words), so a ticked flag sits under what to do."""
        s = Section("&Red-flag screen", "red_flags")

        self.flags = FlagGroups(levels)
        self.clearance = QCheckBox(
            "Medical clearance: a doctor has seen the client and cleared them for exercise"
        )
        self.clearance.setAccessibleName("Medical clearance")
        self.cleared_by = TextInput("Cleared by", "the doctor's name, if known")
        self.cleared_on = DateInput("Cleared on", optional=True)
        self.clearance.toggled.connect(self._show_relevant)
        self.flags.add_to(s.layout)
        self.screened_none = QCheckBox("Screened today: none of these present")
        self.screened_none.setAccessibleName("Red-flag screen: none present")
        self.screened_none.setToolTip(
            "Tick once you have asked about every flag and none applies; the date is recorded"
        )
        self.screened_on: date | None = None
        s.layout.addWidget(self.screened_none)
        s.layout.addWidget(self.clearance)
        cleared_row = QHBoxLayout()
        for text, w in (("by", self.cleared_by), ("on", self.cleared_on)):
            label = QLabel(text)
            label.setBuddy(w)
            cleared_row.addWidget(label)
            cleared_row.addWidget(w)
        cleared_row.addStretch(1)
        s.layout.addLayout(cleared_row)
        for checks in self.flags.sets.values():
            self._track_set(checks)
            checks.changed.connect(self._show_relevant)
        self._track(self.screened_none, self.clearance, self.cleared_by, self.cleared_on)
        return s

    def _ticked_flags(self) -> list[RedFlag]:
        return self.flags.ticked()

    def keep_flags(self, flags: Iterable[RedFlag]) -> None:
        """Tick ``flags`` too (a stored draft's flags, whatever its screen looked like then);
        nothing counts as an edit."""
        loading, self._loading = self._loading, True
        try:
            self.flags.tick([*self._ticked_flags(), *flags])
        finally:
            self._loading = loading
        self._show_relevant()

    def _show_relevant(self, *_args: object) -> None:
        """Hide what does not apply: trimester until pregnancy is ticked, pregnancy for a male
        client, 'none present' while a flag is ticked."""
        male = self.facts[2] is Sex.MALE
        pregnancy = self.conditions.boxes[Condition.PREGNANCY]
        pregnancy.setVisible(not male or pregnancy.isChecked())
        shown = pregnancy.isChecked()
        for w in self.pregnancy_rows:
            w.setVisible(shown)
        cleared = self.clearance.isChecked()
        for w in (self.cleared_by, self.cleared_on):
            w.setEnabled(cleared)
        flagged = bool(self._ticked_flags())
        if flagged and self.screened_none.isChecked():
            self.screened_none.setChecked(False)
        self.screened_none.setEnabled(not flagged)
        day = self.screened_on or self._date_or_today()
        self.screened_none.setText(f"Screened on {day.strftime('%d %b %Y')}: none of these present")

    def _date_or_today(self) -> date:
        try:
            return self.date.value() or date.today()
        except ParseError:
            return date.today()

    def set_client_facts(self, name: str, birth_date: date | None, sex: Sex | None) -> None:
        """Who the client is, from the client record (the assessment never edits these)."""
        self.facts = (name, birth_date, sex)
        born = birth_date.strftime("%d %b %Y") if birth_date else "birth date not recorded"
        said = sex.value if sex else "sex not recorded"
        self.client_facts.setText(f"{name} · born {born} · {said}")
        self._show_relevant()

    def _build_running(self) -> Section:
        s = Section("R&unning profile", "running")
        # Typed in the clinic's distance unit, stored in km.
        self.weekly_km = MeasureInput(
            "distance",
            "Distance in the last 7 days ({unit})",
            "Last 7 days ({unit})",
            "Distance in the last 7 days ({unit})",
        )
        self.weekly_km_last_week = MeasureInput(
            "distance", "Distance in the 7 days before ({unit})", "The 7 days before ({unit})"
        )
        self.weekly_km_4_weeks_ago = MeasureInput(
            "distance", "Weekly distance 4 weeks ago ({unit})", "A week 4 weeks ago ({unit})"
        )
        self.longest_run = MeasureInput(
            "distance",
            "Longest run in the last 7 days ({unit})",
            "Longest run, last 7 days ({unit})",
            "Longest run",
        )
        self.longest_before = MeasureInput(
            "distance",
            "Longest run in the 30 days before ({unit})",
            "Longest, 30 days before ({unit})",
            "Longest run before",
        )
        self.shoe_km = MeasureInput(
            "distance", "Shoe distance ({unit})", "Shoes used for ({unit})", "Shoe distance"
        )
        self.surface = ChoiceInput(
            "Running surface", [(x.value.capitalize(), x) for x in Surface], width=110
        )
        self.warm_up = ChoiceInput("Warms up before runs", YES_NO, width=80)
        self.rest_days = NumberInput("Rest days a week", whole=True, width=56)
        self.cross_training = ListInput("Cross-training", "e.g. cycling, swimming")
        grid = pairs_grid(
            [
                (self.weekly_km.caption, self.weekly_km),
                (self.weekly_km_last_week.caption, self.weekly_km_last_week),
                (self.weekly_km_4_weeks_ago.caption, self.weekly_km_4_weeks_ago),
                (self.longest_run.caption, self.longest_run),
                (self.longest_before.caption, self.longest_before),
                (self.shoe_km.caption, self.shoe_km),
                ("Surface", self.surface),
                ("Warms up", self.warm_up),
                ("Rest days a week", self.rest_days),
            ],
            columns=1,  # one pair a row: the form never scrolls sideways on a small screen
        )
        s.layout.addWidget(caption("Leave blank if the client does not run."))
        s.layout.addLayout(grid)
        form = QFormLayout()
        form.addRow("Cross-training", self.cross_training)
        s.layout.addLayout(form)
        self._track(
            self.weekly_km, self.weekly_km_last_week, self.weekly_km_4_weeks_ago,
            self.longest_run, self.longest_before, self.shoe_km,
            self.surface, self.warm_up, self.rest_days, self.cross_training,
        )  # fmt: skip
        return s

    def _build_questionnaires(self) -> Section:
        self.questionnaires = QuestionnaireInputs()
        s = self.questionnaires.build(self._track)
        q = self.questionnaires
        self.odi, self.start_back, self.bother = q.odi, q.start_back, q.bother
        self.psfs, self.rm_done, self.roland_morris = q.psfs, q.rm_done, q.roland_morris
        return s

    def _build_tests(self) -> Section:
        s = Section("&Objective tests", "tests")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for col, text in enumerate(("Left and right tests", "Left", "Right")):
            grid.addWidget(caption(text), 0, col)
        self.sided: dict[TestCode, tuple[QWidget, QWidget]] = {}
        for row, t in enumerate(SIDED_TESTS, start=1):
            label = QLabel(t.label)
            label.setToolTip(t.hint)
            left = test_input(t, f"{t.label}, left")
            right = test_input(t, f"{t.label}, right")
            left.setObjectName(f"{t.code.value}.left")
            right.setObjectName(f"{t.code.value}.right")
            for w in (left, right):
                w.setToolTip(t.hint)
            label.setBuddy(left)
            grid.addWidget(label, row, 0)
            grid.addWidget(left, row, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(right, row, 2, Qt.AlignmentFlag.AlignLeft)
            self.sided[t.code] = (left, right)
            self._track(left, right)
        top = len(SIDED_TESTS) + 1
        grid.addWidget(caption("Trunk and spine"), top, 0)
        grid.addWidget(caption("Result"), top, 1)
        self.single: dict[TestCode, QWidget] = {}
        for row, t in enumerate(SINGLE_TESTS, start=top + 1):
            label = QLabel(t.label)
            label.setToolTip(t.hint)
            w = test_input(t, t.label)
            w.setObjectName(t.code.value)
            w.setToolTip(t.hint)
            label.setBuddy(w)
            grid.addWidget(label, row, 0)
            grid.addWidget(w, row, 1, Qt.AlignmentFlag.AlignLeft)
            self.single[t.code] = w
            self._track(w)
        grid.setColumnStretch(3, 1)
        s.layout.addLayout(grid)
        return s

    def _build_notes(self) -> Section:
        s = Section("No&tes", "notes")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Anything else from the session (letters, goals, plans)")
        self.notes.setFixedHeight(90)
        s.layout.addWidget(self.notes)
        self._track(self.notes)
        return s

    # -- showing a file ------------------------------------------------------------------
    def clear(self) -> None:
        self._loading = True
        try:
            for w in self._order:
                if isinstance(w, QLineEdit):
                    w.clear()
                elif isinstance(w, QComboBox):
                    w.setCurrentIndex(0)
                elif isinstance(w, QCheckBox):
                    w.setChecked(False)
                elif isinstance(w, QPlainTextEdit):
                    w.clear()
            self.date.set_value(date.today())
            self.experience.set_value(Experience.BEGINNER)
            self.screened_on = None
        finally:
            self._loading = False
        self.show_errors([])
        self._show_relevant()

    def load_new(self, on: date, previous: AssessedClient | None = None) -> None:
        """A blank assessment for the client; what rarely changes comes from the last one."""
        self.clear()
        self._loading = True
        try:
            if previous is not None:
                self._load_client(previous)
            self.date.set_value(on)
        finally:
            self._loading = False
        self._show_relevant()

    def _load_client(self, c: AssessedClient) -> None:
        self.height.set_value(c.height_cm)
        self.weight.set_value(c.weight_kg)
        self.experience.set_value(c.experience)
        self.conditions.set_value(c.conditions)
        self.trimester.set_value(c.pregnancy_trimester)
        self.due_date.set_value(c.pregnancy_due_date)
        self.athlete.setChecked(c.trained_athlete)
        self.equipment.set_value(c.equipment)

    def load(self, a: AssessmentFile) -> None:
        self.clear()
        self._loading = True
        try:
            self._load_client(a.client)
            self.date.set_value(a.date)
            if a.pain is not None:
                p = a.pain
                self.pain_now.set_value(p.now)
                self.pain_best.set_value(p.best)
                self.pain_worst.set_value(p.worst)
                self.pain_area.set_value(p.area)
                self.pain_pattern.set_value(p.pattern)
                self.aggravating.set_value(p.aggravating)
                self.easing.set_value(p.easing)
            self.flags.tick(a.red_flags)
            cleared = a.clearance
            self.clearance.setChecked(cleared is not None)
            self.cleared_by.set_value(cleared.by if cleared else None)
            self.cleared_on.set_value(cleared.date if cleared else None)
            screen = a.red_flag_screen
            self.screened_on = screen.screened_on if screen is not None else None
            self.screened_none.setChecked(screen is not None and screen.none_present)
            if a.running is not None:
                r = a.running
                self.weekly_km.set_value(r.weekly_km)
                self.weekly_km_last_week.set_value(r.weekly_km_last_week)
                self.weekly_km_4_weeks_ago.set_value(r.weekly_km_4_weeks_ago)
                self.longest_before.set_value(r.longest_run_previous_30_days_km)
                self.longest_run.set_value(r.longest_run_km)
                self.shoe_km.set_value(r.shoe_km)
                self.surface.set_value(r.surface)
                self.warm_up.set_value(r.warm_up)
                self.rest_days.set_value(r.rest_days_per_week)
                self.cross_training.set_value(r.cross_training)
            self.questionnaires.load(a.questionnaires)
            for code, (left, right) in self.sided.items():
                pair = getattr(a.tests, code.value)
                set_value(left, pair.left if pair else None)
                set_value(right, pair.right if pair else None)
            for code, w in self.single.items():
                set_value(w, getattr(a.tests, code.value))
            self.notes.setPlainText(a.notes or "")
        finally:
            self._loading = False

    # -- reading it back -----------------------------------------------------------------
    # -- reading it back -----------------------------------------------------------------
    def read(self) -> Reading:
        return read_form(self)

    def validate(self) -> Outcome:
        """Read the form and ask planner's model whether it is a valid assessment."""
        return validate_form(self)

    def _section_for(self, path: Path) -> Section:
        key = path[0] if path else "details"
        by_key = {
            "client": "details",
            "date": "details",
            "medical_clearance": "red_flags",
            "red_flag_screen": "red_flags",
        }
        wanted = by_key.get(str(key), str(key))
        return next((s for s in self.sections if s.key == wanted), self.sections[0])

    def show_errors(self, errors: list[FieldError]) -> None:
        """Messages beside their section; the fields themselves outlined in red."""
        for w in self._marked:
            mark(w, False, "")
        self._marked = []
        fields = self.read().fields if errors else {}
        by_section: dict[str, list[FieldError]] = {}
        for e in errors:
            by_section.setdefault(self._section_for(e.path).key, []).append(e)
            path = e.path
            while path:
                if path in fields:
                    w = fields[path][1]
                    if isinstance(w, QLineEdit | QComboBox):
                        mark(w, True, e.text)
                        self._marked.append(w)
                    break
                path = path[:-1]
        for s in self.sections:
            s.show_errors(by_section.get(s.key, []))

    def measures(self) -> list[MeasureInput]:
        """The distance and weight fields, typed in the clinic's units."""
        return [w for w in self._order if isinstance(w, MeasureInput)]

    def set_units(self, distance: DistanceUnit, weight: WeightUnit) -> None:
        """Show and take distances and weights in the clinic's units; values keep their
        stored km and kg, and nothing counts as an edit."""
        self._loading = True
        try:
            for w in self.measures():
                w.set_unit(distance if w.kind == "distance" else weight)
        finally:
            self._loading = False

    def first_input(self) -> QWidget:
        return self._order[0]

    def inputs(self) -> Iterable[QWidget]:
        return list(self._order)
