"""The assessment form: every field of an assessment file, in the order a session runs.

The form knows how to show an :class:`AssessmentFile` and how to turn what is typed back into
the dictionary the file is made from; whether that dictionary is a valid assessment is for
planner's model to say. Each problem comes back with the place in the file it concerns, and
the form puts the message beside that field, naming it the way the label does.

Tab order follows the page from top to bottom, left column before right column in the
left/right test table, so a clinician can fill a whole session from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from exercise_library.vocabulary import Condition, Equipment, RedFlag, TestCode
from planner.assessment.model import (
    AssessmentFile,
    Bothersomeness,
    Experience,
    PosNeg,
    Sex,
    Surface,
)
from planner.assessment.model import Client as AssessedClient
from planner.assessment.thresholds import Referral
from planner.units import DistanceUnit, WeightUnit, is_stored_unit
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

Path = tuple[str | int, ...]
ERROR_COLOUR = "#b00020"

# Plain words for what each red flag looks like in the clinic room, shown beside the code's label.
FLAG_HINTS: dict[RedFlag, str] = {
    RedFlag.CAUDA_EQUINA_SIGNS: "saddle numbness, new bladder or bowel trouble",
    RedFlag.PROGRESSIVE_NEURO_DEFICIT: "strength in legs or arms getting worse",
    RedFlag.BILATERAL_LEG_SYMPTOMS: "pain, numbness or weakness in both legs",
    RedFlag.TRAUMA_ONSET: "pain began after an accident or fall",
    RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: "fever, chills, feeling generally unwell",
    RedFlag.UNEXPLAINED_WEIGHT_LOSS: "weight loss with no clear reason",
    RedFlag.HISTORY_OF_CANCER: "any past cancer",
    RedFlag.NIGHT_PAIN_UNRELIEVED: "night pain that rest or moving does not ease",
    RedFlag.BACK_SWELLING_OR_REDNESS: "swelling or redness on the back",
    RedFlag.NEW_LUMP: "a lump that is new",
    RedFlag.LEG_NUMBNESS_OR_WEAKNESS: "numbness or weakness in a leg",
    RedFlag.PAIN_RADIATING_BELOW_KNEE: "pain spreading below the knee",
    RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: "back pain that is new, in a young or older client",
    RedFlag.IMMUNOSUPPRESSION: "weak immune system, from illness or medicine",
    RedFlag.LONG_TERM_STEROID_USE: "steroid tablets for months or years",
}

ODI_SECTIONS = (
    "Pain intensity",
    "Personal care",
    "Lifting",
    "Walking",
    "Sitting",
    "Standing",
    "Sleeping",
    "Sex life",
    "Social life",
    "Travelling",
)

# Topics of STarT Back items 1-8, in our words, so the therapist finds the item on the paper form.
START_BACK_TOPICS = (
    "Pain spreads down a leg",
    "Shoulder or neck pain as well",
    "Walks only short distances",
    "Dresses more slowly",
    "Activity does not feel safe",
    "Worrying thoughts a lot of the time",
    "Feels it will never get better",
    "Enjoys things less",
)

BOTHER_LABELS = {
    Bothersomeness.NOT_AT_ALL: "Not at all",
    Bothersomeness.SLIGHTLY: "Slightly",
    Bothersomeness.MODERATELY: "Moderately",
    Bothersomeness.VERY_MUCH: "Very much",
    Bothersomeness.EXTREMELY: "Extremely",
}

PSFS_ROWS = 5
ROLAND_MORRIS_ITEMS = 24
ODI_ITEMS = len(ODI_SECTIONS)
START_BACK_ITEMS = len(START_BACK_TOPICS)

POS_NEG = [("Positive", PosNeg.POSITIVE), ("Negative", PosNeg.NEGATIVE)]
YES_NO = [("Yes", True), ("No", False)]
SQUAT = [("3 good", 3), ("2 shallow", 2), ("1 lost", 1)]


@dataclass(frozen=True)
class TestRow:
    code: TestCode
    label: str
    kind: str  # seconds | degrees | strength | posneg | squat | yesno
    hint: str = ""


SIDED_TESTS = (
    TestRow(TestCode.SIDE_BRIDGE_ENDURANCE_S, "Side bridge endurance (s)", "seconds"),
    TestRow(TestCode.THOMAS_TEST, "Thomas test", "posneg"),
    TestRow(
        TestCode.ACTIVE_KNEE_EXTENSION_DEFICIT_DEG,
        "Active knee extension deficit (°)",
        "degrees",
        "Degrees short of full knee extension, hip at 90°",
    ),
    TestRow(TestCode.STRAIGHT_LEG_RAISE_DEG, "Straight-leg raise (°)", "degrees"),
    TestRow(
        TestCode.TRENDELENBURG,
        "Trendelenburg (stance leg)",
        "posneg",
        "Record the result under the leg the client stands on",
    ),
    TestRow(
        TestCode.SINGLE_LEG_SQUAT,
        "Single-leg squat (1-3)",
        "squat",
        "3: alignment kept; 2: aligned but shallow; 1: alignment or balance lost",
    ),
    TestRow(
        TestCode.HIP_ABDUCTION_STRENGTH,
        "Hip abduction strength",
        "strength",
        "Any unit, the same on both sides: only the left/right ratio is used",
    ),
    TestRow(
        TestCode.HIP_EXTENSION_STRENGTH,
        "Hip extension strength",
        "strength",
        "Any unit, the same on both sides: only the left/right ratio is used",
    ),
)

SINGLE_TESTS = (
    TestRow(TestCode.TRUNK_FLEXOR_ENDURANCE_S, "Trunk flexor endurance (s)", "seconds"),
    TestRow(
        TestCode.TRUNK_EXTENSOR_ENDURANCE_S,
        "Back extensor endurance (s)",
        "seconds",
        "Biering-Sorensen hold, stopped at 240 s",
    ),
    TestRow(TestCode.PRONE_INSTABILITY_TEST, "Prone instability test", "posneg"),
    TestRow(TestCode.ABERRANT_MOVEMENT, "Aberrant movement", "yesno"),
    TestRow(TestCode.LUMBAR_FLEXION_DEG, "Lumbar flexion (°)", "degrees"),
    TestRow(TestCode.LUMBAR_EXTENSION_DEG, "Lumbar extension (°)", "degrees"),
)


# How a problem with a whole part of the file (not one field) is introduced.
GROUP_LABELS: dict[Path, str] = {
    (): "Assessment date",
    ("client",): "Client details",
    ("pain",): "Pain",
    ("running",): "Running profile",
    ("questionnaires",): "Questionnaires",
    ("questionnaires", "odi"): "Oswestry",
    ("questionnaires", "start_back"): "STarT Back",
    ("questionnaires", "psfs"): "PSFS",
    ("questionnaires", "roland_morris"): "Roland-Morris",
    ("tests",): "Objective tests",
}


@dataclass(frozen=True)
class FieldError:
    """One problem, where it is in the file, and the words shown beside the field."""

    path: Path
    label: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class Reading:
    """What the form holds: the file's dictionary, text that is not a value, and which widget
    each place in the file came from."""

    data: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)
    fields: dict[Path, tuple[str, QWidget]] = field(default_factory=dict)


@dataclass
class Outcome:
    assessment: AssessmentFile | None
    errors: list[FieldError]
    # Top-level parts of the file left out because they hold a problem.
    left_out: list[str] = field(default_factory=list)
    partial: AssessmentFile | None = None


class Section:
    def __init__(self, title: str, key: str) -> None:
        self.key = key
        self.title = title.replace("&", "")
        self.box = QGroupBox(title)
        self.box.setObjectName(f"section_{key}")
        self.layout = QVBoxLayout(self.box)
        self.error = QLabel()
        self.error.setObjectName(f"errors_{key}")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600")
        self.error.setAccessibleName(f"Problems in {self.title}")
        self.error.hide()

    def finish(self) -> None:
        self.layout.addWidget(self.error)

    def show_errors(self, errors: list[FieldError]) -> None:
        self.error.setText("\n".join(e.text for e in errors))
        self.error.setVisible(bool(errors))


def _friendly(err: Any) -> str:
    """Pydantic's message as a therapist would say it."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    got = f" (got {value})" if isinstance(value, int | float | str) and value != "" else ""
    if kind == "less_than_equal":
        return f"should be {ctx['le']} or less{got}"
    if kind == "greater_than_equal":
        return f"should be {ctx['ge']} or more{got}"
    if kind == "less_than":
        return f"should be less than {ctx['lt']}{got}"
    if kind == "greater_than":
        return f"should be more than {ctx['gt']}{got}"
    if kind in ("int_from_float", "int_parsing"):
        return f"should be a whole number{got}"
    if kind == "string_too_long":
        return f"is too long (at most {ctx['max_length']} characters)"
    if kind == "missing":
        return "is needed for the assessment"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return msg + got if kind != "value_error" else msg


def _in_field_unit(err: Any, w: MeasureInput) -> Any:
    """A model error about a stored km or kg value, with its numbers in the field's unit, so
    the limit reads in miles or pounds where that is what was typed."""
    if is_stored_unit(w.unit):
        return err
    ctx = {
        k: w.in_unit(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in (err.get("ctx") or {}).items()
    }
    value = err.get("input")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = w.in_unit(value)
    return {**err, "ctx": ctx, "input": value}


class AssessmentForm(QWidget):
    """All the inputs, grouped in sections; ``edited`` fires on every change the user makes."""

    edited = Signal()

    def __init__(self, flag_levels: dict[RedFlag, Referral], parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.setStyleSheet(
            f'QLineEdit[invalid="true"], QComboBox[invalid="true"] '
            f"{{ border: 2px solid {ERROR_COLOUR}; }}"
        )

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
        self.name = TextInput("Client name")
        self.birth_date = DateInput("Birth date", optional=True)
        self.sex = ChoiceInput("Sex", [(x.value.capitalize(), x) for x in Sex], width=110)
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

        name_row = QFormLayout()
        name_row.addRow("Name", self.name)
        s.layout.addLayout(name_row)
        s.layout.addLayout(
            _pairs_grid(
                [
                    ("Assessment date", self.date),
                    ("Birth date", self.birth_date),
                    ("Sex", self.sex),
                    ("Experience", self.experience),
                    ("Height (cm)", self.height),
                    (self.weight.caption, self.weight),
                    ("Pregnancy trimester", self.trimester),
                ]
            )
        )
        s.layout.addWidget(_caption("Conditions (tick every one that applies)"))
        s.layout.addWidget(self.conditions)
        s.layout.addWidget(_caption("Equipment at home"))
        s.layout.addWidget(self.equipment)
        self._track(
            self.name, self.date, self.birth_date, self.sex, self.experience, self.height,
            self.weight, self.trimester,
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
        s = Section("&Red-flag screen", "red_flags")
        urgent = [f for f in RedFlag if levels.get(f) is Referral.URGENT]
        prompt = [f for f in RedFlag if f not in urgent]

        def items(flags: list[RedFlag]) -> list[tuple[str, RedFlag]]:
            return [(f"{f.label}: {FLAG_HINTS.get(f, '')}".rstrip(": "), f) for f in flags]

        self.urgent_flags = CheckSet("Urgent red flag", items(urgent), columns=1)
        self.prompt_flags = CheckSet("Red flag", items(prompt), columns=1)
        self.clearance = QCheckBox(
            "Medical clearance: a doctor has seen the client and cleared them for exercise"
        )
        self.clearance.setAccessibleName("Medical clearance")
        s.layout.addWidget(_caption("Urgent: same-day medical referral"))
        s.layout.addWidget(self.urgent_flags)
        s.layout.addWidget(_caption("Refer to the GP before treating"))
        s.layout.addWidget(self.prompt_flags)
        s.layout.addWidget(self.clearance)
        self._track_set(self.urgent_flags)
        self._track_set(self.prompt_flags)
        self._track(self.clearance)
        return s

    def _build_running(self) -> Section:
        s = Section("R&unning profile", "running")
        # Typed in the clinic's distance unit, stored in km.
        self.weekly_km = MeasureInput("distance", "Weekly distance ({unit})", "Weekly {unit} now")
        self.weekly_km_previous = MeasureInput(
            "distance", "Weekly distance 4 weeks ago ({unit})", "Weekly {unit} 4 weeks ago"
        )
        self.longest_run = MeasureInput(
            "distance", "Longest run ({unit})", "Longest run ({unit})", "Longest run"
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
        grid = _pairs_grid(
            [
                (self.weekly_km.caption, self.weekly_km),
                (self.weekly_km_previous.caption, self.weekly_km_previous),
                (self.longest_run.caption, self.longest_run),
                (self.shoe_km.caption, self.shoe_km),
                ("Surface", self.surface),
                ("Warms up", self.warm_up),
                ("Rest days a week", self.rest_days),
            ]
        )
        s.layout.addWidget(_caption("Leave blank if the client does not run."))
        s.layout.addLayout(grid)
        form = QFormLayout()
        form.addRow("Cross-training", self.cross_training)
        s.layout.addLayout(form)
        self._track(
            self.weekly_km, self.weekly_km_previous, self.longest_run, self.shoe_km,
            self.surface, self.warm_up, self.rest_days, self.cross_training,
        )  # fmt: skip
        return s

    def _build_questionnaires(self) -> Section:
        s = Section("&Questionnaires", "questionnaires")

        # Oswestry: ten sections, 0-5 each; a blank section is one the client skipped.
        odi_box = QGroupBox("Oswestry Disability Index: each section 0-5, blank if skipped")
        odi_box.setObjectName("section_odi")
        self.odi: list[NumberInput] = [
            NumberInput(f"ODI section {n + 1}: {name}", whole=True, width=48)
            for n, name in enumerate(ODI_SECTIONS)
        ]
        odi_box.setLayout(
            _pairs_grid(
                [
                    (f"{n + 1}. {name}", w)
                    for n, (name, w) in enumerate(zip(ODI_SECTIONS, self.odi, strict=True))
                ],
                down=True,
            )
        )
        self._track(*self.odi)

        sb_box = QGroupBox("STarT Back: items 1-8 agree or disagree, item 9 bothersomeness")
        sb_box.setObjectName("section_start_back")
        self.start_back: list[ChoiceInput[int]] = [
            ChoiceInput(
                f"STarT Back item {n + 1}: {topic}", [("Agree", 1), ("Disagree", 0)], width=96
            )
            for n, topic in enumerate(START_BACK_TOPICS)
        ]
        self.bother = ChoiceInput(
            "STarT Back item 9: bothersomeness",
            [(text, code) for code, text in BOTHER_LABELS.items()],
            width=110,
        )
        sb_items: list[tuple[str, QWidget]] = [
            (f"{n + 1}. {topic}", w)
            for n, (topic, w) in enumerate(zip(START_BACK_TOPICS, self.start_back, strict=True))
        ]
        sb_items.append(("9. How bothersome in the last 2 weeks", self.bother))
        sb_box.setLayout(_pairs_grid(sb_items, columns=1))
        self._track(*self.start_back, self.bother)

        psfs_box = QGroupBox("Patient-Specific Functional Scale: up to 5 activities, 0-10")
        psfs_box.setObjectName("section_psfs")
        psfs_grid = QGridLayout(psfs_box)
        psfs_grid.addWidget(_caption("Activity the client finds hard"), 0, 1)
        psfs_grid.addWidget(_caption("Score (0 = unable, 10 = as before)"), 0, 2)
        self.psfs: list[tuple[TextInput, NumberInput]] = []
        for n in range(PSFS_ROWS):
            act = TextInput(f"PSFS activity {n + 1}")
            score = NumberInput(f"PSFS score {n + 1}", width=56)
            psfs_grid.addWidget(QLabel(f"{n + 1}."), n + 1, 0)
            psfs_grid.addWidget(act, n + 1, 1)
            psfs_grid.addWidget(score, n + 1, 2)
            self.psfs.append((act, score))
            self._track(act, score)
        psfs_grid.setColumnStretch(1, 1)

        rm_box = QGroupBox("Roland-Morris: tick each statement the client marked")
        rm_box.setObjectName("section_roland_morris")
        rm_layout = QVBoxLayout(rm_box)
        self.rm_done = QCheckBox("Roland-Morris completed (leave unticked if not given)")
        self.rm_done.setAccessibleName("Roland-Morris completed")
        rm_grid = QGridLayout()
        self.roland_morris: list[QCheckBox] = []
        columns = 8
        for n in range(ROLAND_MORRIS_ITEMS):
            box = QCheckBox(str(n + 1))
            box.setAccessibleName(f"Roland-Morris statement {n + 1}")
            box.setEnabled(False)
            rm_grid.addWidget(box, n // columns, n % columns, Qt.AlignmentFlag.AlignLeft)
            self.roland_morris.append(box)
        self.rm_done.toggled.connect(self._rm_enabled)
        rm_layout.addWidget(self.rm_done)
        rm_layout.addLayout(rm_grid)
        self._track(self.rm_done, *self.roland_morris)

        s.layout.addWidget(odi_box)
        s.layout.addWidget(sb_box)
        s.layout.addWidget(psfs_box)
        s.layout.addWidget(rm_box)
        return s

    def _rm_enabled(self, on: bool) -> None:
        for box in self.roland_morris:
            box.setEnabled(on)

    def _build_tests(self) -> Section:
        s = Section("&Objective tests", "tests")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for col, text in enumerate(("Left and right tests", "Left", "Right")):
            grid.addWidget(_caption(text), 0, col)
        self.sided: dict[TestCode, tuple[QWidget, QWidget]] = {}
        for row, t in enumerate(SIDED_TESTS, start=1):
            label = QLabel(t.label)
            label.setToolTip(t.hint)
            left = _test_input(t, f"{t.label}, left")
            right = _test_input(t, f"{t.label}, right")
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
        grid.addWidget(_caption("Trunk and spine"), top, 0)
        grid.addWidget(_caption("Result"), top, 1)
        self.single: dict[TestCode, QWidget] = {}
        for row, t in enumerate(SINGLE_TESTS, start=top + 1):
            label = QLabel(t.label)
            label.setToolTip(t.hint)
            w = _test_input(t, t.label)
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
        finally:
            self._loading = False
        self.show_errors([])

    def load_new(
        self,
        name: str,
        birth_date: date | None,
        sex: Sex | None,
        on: date,
        previous: AssessedClient | None = None,
    ) -> None:
        """A blank assessment for the client; what rarely changes comes from the last one."""
        self.clear()
        self._loading = True
        try:
            if previous is not None:
                self._load_client(previous)
            self.name.set_value(name or (previous.name if previous else ""))
            self.birth_date.set_value(birth_date or (previous.birth_date if previous else None))
            self.sex.set_value(sex or (previous.sex if previous else None))
            self.date.set_value(on)
        finally:
            self._loading = False

    def _load_client(self, c: AssessedClient) -> None:
        self.name.set_value(c.name)
        self.birth_date.set_value(c.birth_date)
        self.sex.set_value(c.sex)
        self.height.set_value(c.height_cm)
        self.weight.set_value(c.weight_kg)
        self.experience.set_value(c.experience)
        self.conditions.set_value(c.conditions)
        self.trimester.set_value(c.pregnancy_trimester)
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
            self.urgent_flags.set_value(a.red_flags)
            self.prompt_flags.set_value(a.red_flags)
            self.clearance.setChecked(a.medical_clearance)
            if a.running is not None:
                r = a.running
                self.weekly_km.set_value(r.weekly_km)
                self.weekly_km_previous.set_value(r.weekly_km_previous)
                self.longest_run.set_value(r.longest_run_km)
                self.shoe_km.set_value(r.shoe_km)
                self.surface.set_value(r.surface)
                self.warm_up.set_value(r.warm_up)
                self.rest_days.set_value(r.rest_days_per_week)
                self.cross_training.set_value(r.cross_training)
            q = a.questionnaires
            for w, odi_value in zip(self.odi, q.odi or [], strict=False):
                w.set_value(odi_value)
            if q.start_back is not None:
                for w, sb_value in zip(self.start_back, q.start_back.answers, strict=True):
                    w.set_value(sb_value)
                self.bother.set_value(q.start_back.bothersomeness)
            for (act, score), item in zip(self.psfs, q.psfs or [], strict=False):
                act.set_value(item.activity)
                score.set_value(item.score)
            self.rm_done.setChecked(q.roland_morris is not None)
            for box, ticked in zip(self.roland_morris, q.roland_morris or [], strict=False):
                box.setChecked(ticked)
            for code, (left, right) in self.sided.items():
                pair = getattr(a.tests, code.value)
                _set(left, pair.left if pair else None)
                _set(right, pair.right if pair else None)
            for code, w in self.single.items():
                _set(w, getattr(a.tests, code.value))
            self.notes.setPlainText(a.notes or "")
        finally:
            self._loading = False

    # -- reading it back -----------------------------------------------------------------
    def read(self) -> Reading:
        r = Reading(data={})

        def get(path: Path, label: str, w: QWidget) -> Any:
            r.fields[path] = (label, w)
            try:
                return w.value()  # type: ignore[attr-defined]
            except ParseError as exc:
                r.errors.append(FieldError(path, label, str(exc)))
                return None

        def put(target: dict[str, Any], key: str, value: Any) -> None:
            if value is not None and value != []:
                target[key] = value

        client: dict[str, Any] = {}
        c = ("client",)
        put(client, "name", get((*c, "name"), "Client name", self.name))
        put(client, "birth_date", get((*c, "birth_date"), "Birth date", self.birth_date))
        put(client, "sex", get((*c, "sex"), "Sex", self.sex))
        put(client, "height_cm", get((*c, "height_cm"), "Height (cm)", self.height))
        put(client, "weight_kg", get((*c, "weight_kg"), self.weight.label, self.weight))
        put(client, "conditions", get((*c, "conditions"), "Conditions", self.conditions))
        put(
            client,
            "pregnancy_trimester",
            get((*c, "pregnancy_trimester"), "Pregnancy trimester", self.trimester),
        )
        put(client, "equipment", get((*c, "equipment"), "Equipment at home", self.equipment))
        put(client, "experience", get((*c, "experience"), "Experience", self.experience))
        r.data["client"] = client
        put(r.data, "date", get(("date",), "Assessment date", self.date))

        pain: dict[str, Any] = {}
        for key, label, w in (
            ("now", "Pain now", self.pain_now),
            ("best", "Best pain", self.pain_best),
            ("worst", "Worst pain", self.pain_worst),
            ("area", "Pain area", self.pain_area),
            ("pattern", "Pain pattern", self.pain_pattern),
            ("aggravating", "Aggravating", self.aggravating),
            ("easing", "Easing", self.easing),
        ):
            put(pain, key, get(("pain", key), label, w))
        if pain:
            r.data["pain"] = pain

        flags = set(self.urgent_flags.value()) | set(self.prompt_flags.value())
        r.fields[("red_flags",)] = ("Red flags", self.prompt_flags)
        r.data["red_flags"] = [f for f in RedFlag if f in flags]
        r.data["medical_clearance"] = self.clearance.isChecked()
        r.fields[("medical_clearance",)] = ("Medical clearance", self.clearance)

        running: dict[str, Any] = {}
        for key, label, w in (
            ("weekly_km", self.weekly_km.label, self.weekly_km),
            ("weekly_km_previous", self.weekly_km_previous.label, self.weekly_km_previous),
            ("longest_run_km", self.longest_run.label, self.longest_run),
            ("shoe_km", self.shoe_km.label, self.shoe_km),
            ("surface", "Surface", self.surface),
            ("warm_up", "Warms up", self.warm_up),
            ("rest_days_per_week", "Rest days a week", self.rest_days),
            ("cross_training", "Cross-training", self.cross_training),
        ):
            put(running, key, get(("running", key), label, w))
        if running:
            r.data["running"] = running

        q: dict[str, Any] = {}
        odi = [
            get(("questionnaires", "odi", n), f"ODI section {n + 1} ({ODI_SECTIONS[n]})", w)
            for n, w in enumerate(self.odi)
        ]
        if any(v is not None for v in odi):
            q["odi"] = odi
        answers = [
            get(("questionnaires", "start_back", "answers", n), f"STarT Back item {n + 1}", w)
            for n, w in enumerate(self.start_back)
        ]
        bother = get(
            ("questionnaires", "start_back", "bothersomeness"), "STarT Back item 9", self.bother
        )
        given = [a for a in answers if a is not None] + ([bother] if bother else [])
        if given:
            blank = START_BACK_ITEMS + 1 - len(given)
            if blank:
                r.errors.append(
                    FieldError(
                        ("questionnaires", "start_back"),
                        "STarT Back",
                        f"{blank} of the 9 items {'is' if blank == 1 else 'are'} blank; answer "
                        "every item, or clear them all if the client did not fill it in",
                    )
                )
            else:
                q["start_back"] = {"answers": answers, "bothersomeness": bother}
        psfs = []
        for n, (act, score) in enumerate(self.psfs):
            place = ("questionnaires", "psfs", len(psfs))
            activity = get((*place, "activity"), f"PSFS activity {n + 1}", act)
            value = get((*place, "score"), f"PSFS score {n + 1}", score)
            if activity is None and value is None:
                continue
            if activity is None or value is None:
                missing = "the activity" if activity is None else "a score (0-10)"
                r.errors.append(
                    FieldError(place, f"PSFS activity {n + 1}", f"give {missing} as well")
                )
                continue
            psfs.append({"activity": activity, "score": value})
        if psfs:
            q["psfs"] = psfs
        if self.rm_done.isChecked():
            q["roland_morris"] = [box.isChecked() for box in self.roland_morris]
        r.data["questionnaires"] = q

        tests: dict[str, Any] = {}
        for t in SIDED_TESTS:
            left, right = self.sided[t.code]
            pair = {
                "left": get(("tests", t.code.value, "left"), f"{t.label}, left", left),
                "right": get(("tests", t.code.value, "right"), f"{t.label}, right", right),
            }
            pair = {k: v for k, v in pair.items() if v is not None}
            if pair:
                tests[t.code.value] = pair
        for t in SINGLE_TESTS:
            put(tests, t.code.value, get(("tests", t.code.value), t.label, self.single[t.code]))
        r.data["tests"] = tests

        notes = self.notes.toPlainText().strip()
        r.fields[("notes",)] = ("Notes", self.notes)
        if notes:
            r.data["notes"] = notes
        return r

    def validate(self) -> Outcome:
        """Read the form and ask planner's model whether it is a valid assessment."""
        reading = self.read()
        errors = list(reading.errors)
        try:
            assessment = AssessmentFile.model_validate(reading.data)
        except ValidationError as exc:
            assessment = None
            for err in exc.errors():
                loc = tuple(err["loc"])
                widget = reading.fields.get(loc, ("", None))[1]
                if isinstance(widget, MeasureInput):
                    err = _in_field_unit(err, widget)
                errors.append(self._locate(loc, _friendly(err), reading))
        if not errors:
            return Outcome(assessment, [])
        # Findings can still be shown for the parts that are fine.
        bad = {e.path[0] if e.path else "client" for e in errors}
        left_out = sorted(bad - {"client", "date"})
        partial = None
        if not bad & {"client", "date"}:
            data = {k: v for k, v in reading.data.items() if k not in bad}
            try:
                partial = AssessmentFile.model_validate(data)
            except ValidationError:
                partial = None
        return Outcome(None, errors, left_out, partial)

    def _locate(self, loc: Path, message: str, reading: Reading) -> FieldError:
        path = loc
        while True:
            if path in reading.fields:
                return FieldError(loc or ("client",), reading.fields[path][0], message)
            if path in GROUP_LABELS:
                return FieldError(loc or ("client",), GROUP_LABELS[path], message)
            if not path:
                return FieldError(loc or ("client",), "Assessment", message)
            path = path[:-1]

    def _section_for(self, path: Path) -> Section:
        key = path[0] if path else "details"
        by_key = {
            "client": "details",
            "date": "details",
            "medical_clearance": "red_flags",
        }
        wanted = by_key.get(str(key), str(key))
        return next((s for s in self.sections if s.key == wanted), self.sections[0])

    def show_errors(self, errors: list[FieldError]) -> None:
        """Messages beside their section; the fields themselves outlined in red."""
        for w in self._marked:
            _mark(w, False, "")
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
                        _mark(w, True, e.text)
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


def _mark(w: QWidget, invalid: bool, tip: str) -> None:
    if w.property("plainTip") is None:
        w.setProperty("plainTip", w.toolTip())
    w.setProperty("invalid", "true" if invalid else "false")
    w.setToolTip(tip if invalid else str(w.property("plainTip")))
    w.style().unpolish(w)
    w.style().polish(w)


def _pairs_grid(
    pairs: list[tuple[str, QWidget]], columns: int = 2, down: bool = False
) -> QGridLayout:
    """Label and field side by side, ``columns`` pairs a row, fields kept to their own width.

    ``down`` fills the first column top to bottom before the second (numbered items), matching
    the order tab moves in.
    """
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    rows = (len(pairs) + columns - 1) // columns
    for n, (text, w) in enumerate(pairs):
        row, col = (n % rows, n // rows) if down else (n // columns, n % columns)
        label = QLabel(text)
        label.setBuddy(w)
        if isinstance(w, MeasureInput):
            w.caption_label = label  # renamed when the clinic's unit changes
        grid.addWidget(label, row, col * 3)
        grid.addWidget(w, row, col * 3 + 1, Qt.AlignmentFlag.AlignLeft)
        if col + 1 < columns:
            grid.setColumnMinimumWidth(col * 3 + 2, 24)
    grid.setColumnStretch(columns * 3 - 1, 1)
    return grid


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #444; font-weight: 600")
    return label


def _test_input(t: TestRow, name: str) -> QWidget:
    if t.kind == "posneg":
        return ChoiceInput(name, POS_NEG, width=100)
    if t.kind == "squat":
        return ChoiceInput(name, SQUAT, width=100)
    if t.kind == "yesno":
        return ChoiceInput(name, YES_NO, width=100)
    return NumberInput(name, width=100)


def _set(w: QWidget, value: Any) -> None:
    w.set_value(value)  # type: ignore[attr-defined]
