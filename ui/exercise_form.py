"""The clinic exercise form: every field of :class:`exercise_library.schema.Exercise` has an
input here; what is on screen becomes a dictionary the schema itself validates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
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

from exercise_library.catalogue import Catalogue
from exercise_library.features import implied_by
from exercise_library.figures.pose import Figure
from exercise_library.schema import Dosage, Exercise, SpineDemands
from exercise_library.vocabulary import (
    Behaviour,
    Equipment,
    Imbalance,
    Impact,
    Modality,
    MovementFeature,
    Position,
    SpinalDemand,
    Target,
)
from planner.programme.edits import field_bounds
from ui.exercise_fields import (
    FIELD_LABELS,
    TEXT_LISTS,
    CheckList,
    CodeList,
    ConditionNotes,
    combo_of,
    lines_of,
    spin_box,
)
from ui.exercise_tags import FeatureList, show_all_rows
from ui.form_base import INVALID_STYLE, outline
from ui.widgets import ValueCombo


@dataclass(frozen=True)
class _OnScreen:
    """The fields movement features follow from, as the form holds them now."""

    position: Position | None
    impact: Impact | None
    spine: SpineDemands


class ExerciseForm(QWidget):
    """Every field of an exercise, grouped as a therapist thinks about them."""

    edited = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.figure: Figure | None = None
        self.marked: QWidget | None = None

        # -- what it is -----------------------------------------------------------------
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. clinic_bridge_ball")
        self.code.setToolTip("A stable code: lower-case letters, digits and _. Cannot change.")
        self.name = QLineEdit()
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("Other names clinicians search by, separated by commas")
        self.modality = combo_of("Kind", Modality)
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

        # -- movement features and behaviours ------------------------------------------------
        # The condition matrix reads the features (greyed ones follow from Position and load);
        # plans progress an exercise by its behaviours (McGill's big three, a stretch, a run).
        self.features = FeatureList()
        self.behaviours = CheckList(FIELD_LABELS["behaviours"], list(Behaviour))
        show_all_rows(self.behaviours)
        moves = QGroupBox("How it moves and progresses")
        mgrid = QGridLayout(moves)
        for col, (key, caption) in enumerate(
            (
                ("features", "Movement features: who may do it"),
                ("behaviours", "Behaviours: how a plan builds it up"),
            )
        ):
            label = QLabel(caption)
            label.setWordWrap(True)
            label.setBuddy(getattr(self, key))
            mgrid.addWidget(label, 0, col)
            mgrid.addWidget(getattr(self, key), 1, col, Qt.AlignmentFlag.AlignTop)
        mgrid.addWidget(
            _caption(
                "Greyed ticks follow from Position and load; change those to remove them. "
                "Ticking bending, twisting, impact or a lying position sets that field."
            ),
            2,
            0,
            1,
            2,
        )

        # -- how it loads the body ---------------------------------------------------------
        self.position = combo_of("Position", Position)
        self.difficulty = spin_box(*field_bounds(Exercise, "difficulty"), "Level")
        self.impact = combo_of("Impact", Impact)
        self.unilateral = QCheckBox("One side at a time")
        self.unilateral.setAccessibleName(FIELD_LABELS["unilateral"])
        self.flexion = combo_of(FIELD_LABELS["spine.flexion"], SpinalDemand, blank=False)
        self.extension = combo_of(FIELD_LABELS["spine.extension"], SpinalDemand, blank=False)
        self.rotation = combo_of(FIELD_LABELS["spine.rotation"], SpinalDemand, blank=False)
        body = QGroupBox("Position and load")
        bgrid = QGridLayout(body)
        bgrid.setHorizontalSpacing(8)
        for n, (caption, widget) in enumerate(
            (
                ("Position", self.position),
                ("Level", self.difficulty),
                ("Impact", self.impact),
                (FIELD_LABELS["spine.flexion"], self.flexion),
                (FIELD_LABELS["spine.extension"], self.extension),
                (FIELD_LABELS["spine.rotation"], self.rotation),
            )
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bgrid.addWidget(label, n % 3, (n // 3) * 2)
            bgrid.addWidget(widget, n % 3, (n // 3) * 2 + 1)
        bgrid.addWidget(self.unilateral, 3, 0, 1, 4)
        bgrid.setColumnStretch(4, 1)

        # -- default dose ---------------------------------------------------------------
        self.sets = spin_box(*field_bounds(Dosage, "sets"), "Sets")
        self.reps = spin_box(0, field_bounds(Dosage, "reps")[1], "Reps", "–")
        self.hold_s = spin_box(0, field_bounds(Dosage, "hold_s")[1], "Hold in seconds", "–")
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
        self.rest_s = spin_box(*field_bounds(Dosage, "rest_s"), "Rest in seconds")
        self.rest_s.setSuffix(" s")
        self.sessions = spin_box(*field_bounds(Dosage, "sessions_per_week"), "Sessions a week")
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
        left.addWidget(moves)
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
        self.setStyleSheet(INVALID_STYLE)

        for line in (self.code, self.name, self.aliases):
            line.textChanged.connect(self._changed)
        for text in (self.purpose, self.steps, self.cues, self.mistakes):
            text.textChanged.connect(self._changed)
        for combo in (
            self.modality, self.position, self.impact, self.flexion, self.extension, self.rotation,
        ):  # fmt: skip
            combo.currentIndexChanged.connect(self._changed)
        for combo in self._sources().values():
            combo.currentIndexChanged.connect(self._tags_changed)
        self.features.feature_model.imply.connect(self._imply)
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
        for ticks in (
            self.targets,
            self.imbalances,
            self.equipment,
            self.features,
            self.behaviours,
        ):
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

    def _sources(self) -> dict[str, ValueCombo]:
        """The fields movement features follow from, by their names in the data file."""
        return {
            "position": self.position,
            "impact": self.impact,
            "spine.flexion": self.flexion,
            "spine.extension": self.extension,
            "spine.rotation": self.rotation,
        }

    def _tags_changed(self, *_args: object) -> None:
        spine = SpineDemands(
            flexion=self.flexion.value(),
            extension=self.extension.value(),
            rotation=self.rotation.value(),
        )
        on_screen = _OnScreen(self.position.value(), self.impact.value(), spine)
        self.features.feature_model.set_tags(on_screen)

    def _imply(self, feature: MovementFeature) -> None:
        """A feature that only a field may give was ticked: set that field, so the feature
        follows from it (and shows ticked, greyed, with why)."""
        source = implied_by(feature)
        if source is not None:
            field, value = source
            self._sources()[field].set_value(value)

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
            self.features.set_value(ex.features if ex is not None else ())
            self.behaviours.set_value(ex.behaviours if ex is not None else ())
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
            self._tags_changed()
            self._loading = False

    def data(self) -> dict[str, Any]:
        """What the form holds, in the schema's shape, as typed (blank lines left out)."""
        return {
            "code": self.code.text().strip(),
            "name": self.name.text(),
            "aliases": [a.strip() for a in self.aliases.text().split(",") if a.strip()],
            "modality": self.modality.value(),
            "purpose": " ".join(self.purpose.toPlainText().split()),
            "steps": lines_of(self.steps.toPlainText()),
            "cues": lines_of(self.cues.toPlainText()),
            "mistakes": lines_of(self.mistakes.toPlainText()),
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
            "features": self.features.value(),
            "behaviours": self.behaviours.value(),
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
            if w is not None:
                outline(w, on)
        self.marked = widget


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #444")
    label.setWordWrap(True)
    return label
