"""The pieces the assessment form is built from: test rows, problems and where they belong,
sections, and the small layout helpers every part of the form shares.

Problems come back from planner's model with the place in the file they concern; a
:class:`FieldError` carries that place and the words shown beside the field, named the way the
label names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from exercise_library.vocabulary import RedFlag, TestCode
from planner.assessment.model import (
    AssessmentFile,
    DirectionalPreference,
    NeuroResult,
    PosNeg,
    SlrSymptoms,
)
from planner.units import is_stored_unit
from ui.assessment_inputs import ChoiceInput, MeasureInput, NumberInput

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
