"""The pieces the assessment form is built from: test rows, problems and where they belong,
sections, and the small layout helpers every part of the form shares.

Problems come back from planner's model with the place in the file they concern; a
:class:`FieldError` carries that place and the words shown beside the field, named the way the
label names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from exercise_library.vocabulary import RedFlag, TestCode
from planner.assessment.model import (
    AssessmentFile,
    DirectionalPreference,
    NeuroResult,
    PosNeg,
    SlrSymptoms,
)
from planner.assessment.red_flags import FLAG_SIGNS, LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.units import is_stored_unit
from ui.assessment_inputs import CheckSet, ChoiceInput, MeasureInput, NumberInput
from ui.style import ERROR_COLOUR

Path = tuple[str | int, ...]


POS_NEG = [("Positive", PosNeg.POSITIVE), ("Negative", PosNeg.NEGATIVE)]
YES_NO = [("Yes", True), ("No", False)]
CHOICES: dict[str, list[tuple[str, Any]]] = {
    "slr": [
        ("Nothing", SlrSymptoms.NONE),
        ("Back pain", SlrSymptoms.BACK),
        ("Buttock", SlrSymptoms.BUTTOCK),
        ("Thigh", SlrSymptoms.THIGH),
        ("Below the knee", SlrSymptoms.BELOW_KNEE),
    ],
    "neuro": [("Normal", NeuroResult.NORMAL), ("Reduced", NeuroResult.REDUCED)],
    "direction": [
        ("Extension", DirectionalPreference.EXTENSION),
        ("Flexion", DirectionalPreference.FLEXION),
        ("Shift to the left", DirectionalPreference.LATERAL_SHIFT_LEFT),
        ("Shift to the right", DirectionalPreference.LATERAL_SHIFT_RIGHT),
        ("No direction", DirectionalPreference.NONE),
    ],
}
SQUAT = [("3 good", 3), ("2 shallow", 2), ("1 lost", 1)]


@dataclass(frozen=True)
class TestRow:
    code: TestCode
    label: str
    kind: str  # seconds | degrees | strength | posneg | squat | yesno | slr | neuro | direction
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
    TestRow(
        TestCode.SLR_REPRODUCES,
        "Straight-leg raise brings on",
        "slr",
        "How far the client's own symptoms reach during the raise; thigh or below the knee "
        "makes it a positive nerve test",
    ),
    TestRow(
        TestCode.SLUMP_TEST,
        "Slump test",
        "posneg",
        "Positive: the client's leg symptoms come on and ease when the neck is lifted",
    ),
    TestRow(
        TestCode.CROSSED_SLR,
        "Crossed straight-leg raise",
        "posneg",
        "Record it under the painful leg: raising the other leg brings its symptoms on",
    ),
    TestRow(
        TestCode.NEURO_EXAM,
        "Leg nerves: power, feeling, reflexes",
        "neuro",
        "Reduced: any of strength, sensation or reflexes is less than normal",
    ),
    TestRow(TestCode.THORACIC_ROTATION_DEG, "Seated thoracic rotation (°)", "degrees"),
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
    TestRow(
        TestCode.DIRECTIONAL_PREFERENCE,
        "Repeated movements: eases with",
        "direction",
        "The repeated movement that eases the symptoms or moves them towards the spine",
    ),
    TestRow(
        TestCode.CENTRALISES,
        "Symptoms move towards the spine",
        "yesno",
        "Yes when repeated movements bring leg symptoms back towards the back",
    ),
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


def friendly(err: Any) -> str:
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


def in_field_unit(err: Any, w: MeasureInput) -> Any:
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


def mark(w: QWidget, invalid: bool, tip: str) -> None:
    if w.property("plainTip") is None:
        w.setProperty("plainTip", w.toolTip())
    w.setProperty("invalid", "true" if invalid else "false")
    w.setToolTip(tip if invalid else str(w.property("plainTip")))
    w.style().unpolish(w)
    w.style().polish(w)


def pairs_grid(
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


class FlagGroups:
    """The red-flag tick boxes, one group per referral level, most urgent first, each headed
    by what that level asks in planner's words, so a ticked flag sits under what to do."""

    def __init__(self, levels: dict[RedFlag, Referral]) -> None:
        def group(flag: RedFlag) -> Referral:
            level = levels.get(flag, Referral.PROMPT)
            return level if level.rank >= Referral.PROMPT.rank else Referral.PROMPT

        self.sets: dict[Referral, CheckSet[RedFlag]] = {}
        for level in sorted({group(f) for f in RedFlag}, key=lambda r: -r.rank):
            items = [(f"{f.label}: {FLAG_SIGNS[f]}", f) for f in RedFlag if group(f) is level]
            # One accessible name for every group: a flag keeps its name when a clinic
            # raises its level, so the screen regroups without losing a tick.
            self.sets[level] = CheckSet("Red flag", items, columns=1)

    def add_to(self, layout: QVBoxLayout) -> None:
        for level, checks in self.sets.items():
            layout.addWidget(caption(LEVEL_WORDS[level].headline))
            layout.addWidget(checks)

    @property
    def boxes(self) -> dict[RedFlag, QCheckBox]:
        """Every flag's tick box, whichever group it sits in."""
        return {f: box for checks in self.sets.values() for f, box in checks.boxes.items()}

    def ticked(self) -> list[RedFlag]:
        boxes = self.boxes
        return [f for f in RedFlag if boxes[f].isChecked()]

    def tick(self, flags: Iterable[RedFlag]) -> None:
        wanted = list(flags)
        for checks in self.sets.values():
            checks.set_value(wanted)


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #444; font-weight: 600")
    return label


def test_input(t: TestRow, name: str) -> QWidget:
    if t.kind == "posneg":
        return ChoiceInput(name, POS_NEG, width=100)
    if t.kind == "squat":
        return ChoiceInput(name, SQUAT, width=100)
    if t.kind == "yesno":
        return ChoiceInput(name, YES_NO, width=100)
    if t.kind in CHOICES:
        return ChoiceInput(name, CHOICES[t.kind], width=130)
    return NumberInput(name, width=100)


def set_value(w: QWidget, value: Any) -> None:
    w.set_value(value)  # type: ignore[attr-defined]
