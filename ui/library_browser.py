"""The library browser beside the programme: search as you type, facet filters, details.

Search and filters are :class:`exercise_library.search.SearchIndex` and
:class:`~exercise_library.search.Facets`; "safe for" keeps only the exercises planner's single
safety verdict allows for the client of the latest assessment (conditions, trimester, red
flags) under the clinic's policy, so the list shows exactly what the recommender would: an
excluded exercise drops out unless the therapist deliberately turns the filter off, and one
allowed with a caution is marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.search import Facets, SearchIndex, SearchResult
from exercise_library.vocabulary import (
    Condition,
    Equipment,
    Imbalance,
    Impact,
    Modality,
    Position,
)
from planner.errors import PlannerError
from planner.policy import ClinicPolicy
from planner.programme.edits import field_bounds
from planner.safety import ClientContext, Verdict
from planner.safety.listing import condition_notes, verdicts_for
from planner.services.media import MediaService
from ui import conflict
from ui.figure_widget import FigureWidget
from ui.form_base import problems_label
from ui.library_model import THUMB_HEIGHT, THUMB_WIDTH, LibraryModel, exercise_facts
from ui.style import ERROR_COLOUR
from ui.tasks import LatestOnly, TaskRunner

# The library's own difficulty scale, as its schema defines it.
DIFFICULTY_RANGE = tuple(int(v) for v in field_bounds(Exercise, "difficulty"))


class FacetButton(QToolButton):
    """A drop-down of checkable values; nothing ticked means "any"."""

    changed = Signal()

    def __init__(
        self, title: str, values: Sequence[StrEnum], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(f"{title} filter")
        self.menu_ = QMenu(self)
        self.actions_: dict[StrEnum, QAction] = {}
        clear = self.menu_.addAction("Any")
        clear.triggered.connect(self.clear)
        self.menu_.addSeparator()
        for value in values:
            act = self.menu_.addAction(value.label)  # type: ignore[attr-defined]
            act.setCheckable(True)
            act.toggled.connect(self._toggled)
            self.actions_[value] = act
        self.setMenu(self.menu_)
        self._quiet = False
        self._update_text()

    def extra_action(self, text: str) -> QAction:
        """An action shown above the values (e.g. "The client's equipment")."""
        act = QAction(text, self.menu_)
        first = self.menu_.actions()[1]
        self.menu_.insertAction(first, act)
        return act

    def selected(self) -> frozenset[StrEnum]:
        return frozenset(v for v, a in self.actions_.items() if a.isChecked())

    def set_selected(self, values: Iterable[StrEnum]) -> None:
        wanted = set(values)
        self._quiet = True
        try:
            for value, act in self.actions_.items():
                act.setChecked(value in wanted)
        finally:
            self._quiet = False
        self._update_text()
        self.changed.emit()

    def clear(self) -> None:
        self.set_selected(())

    def _toggled(self, _on: bool) -> None:
        if self._quiet:
            return
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [v.label for v in self.actions_ if self.actions_[v].isChecked()]  # type: ignore[attr-defined]
        if not chosen:
            shown = "any"
        elif len(chosen) == 1:
            shown = chosen[0]
        else:
            shown = f"{chosen[0]} +{len(chosen) - 1}"
        self.setText(f"{self.title}: {shown}")
        self.setToolTip(f"{self.title}: {', '.join(chosen) if chosen else 'any'}")


class _AddOnEnter(QObject):
    """Enter in the library list adds the selected exercise (the view would only edit)."""

    def __init__(self, browser: LibraryBrowser) -> None:
        super().__init__(browser)
        self.browser = browser

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.browser.request_add()
                return True
        return False


class ExerciseDetail(QWidget):
    """The whole exercise: picture, purpose, numbered steps, cues, mistakes and cautions.

    When the clinic has attached its own photo and chosen it, the photo replaces the drawing,
    as it does on the printed handout.
    """

    photo_changed = Signal(str)  # exercise code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.media: MediaService | None = None
        self.figure = FigureWidget()
        self.figure.setMinimumHeight(90)
        self.figure.setMaximumHeight(140)
        self.figure.setAccessibleName("Exercise picture")
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedHeight(140)
        self.photo.setAccessibleName("Clinic photo")
        self.photo.hide()
        self.attach_button = QPushButton("Clinic photo...")
        self.attach_button.setAccessibleName("Attach a clinic photo to this exercise")
        self.use_photo = QCheckBox("Use the photo instead of the drawing")
        self.use_photo.setAccessibleName("Use the clinic photo instead of the drawing")
        self.photo_error = problems_label()
        self.photo_error.hide()
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.attach_button)
        photo_row.addWidget(self.use_photo, 1)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Exercise details")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.figure)
        layout.addWidget(self.photo)
        layout.addLayout(photo_row)
        layout.addWidget(self.photo_error)
        layout.addWidget(self.text, 1)
        self.exercise: Exercise | None = None
        # Words the general notes quote (the trimester from which lying on the back is out).
        self.policy = ClinicPolicy.published()
        self.attach_button.clicked.connect(self._choose_photo)
        self.use_photo.toggled.connect(self._use_photo_toggled)
        self.show_exercise(None)

    def set_media(self, media: MediaService | None) -> None:
        """Clinic photos come from the database; without it the pane shows drawings only."""
        self.media = media
        self._show_picture()

    @classmethod
    def ask_photo_path(cls, parent: QWidget) -> Path | None:
        """The image file chosen, or None (tests replace this)."""
        name, _ = QFileDialog.getOpenFileName(
            parent, "Clinic photo", "", "Photos (*.png *.jpg *.jpeg)"
        )
        return Path(name) if name else None

    def attach_photo(self, path: Path) -> None:
        if self.media is None or self.exercise is None:
            return
        try:
            self.media.attach_photo(self.exercise.code, path, expected_version=self._photo_version)
        except PlannerError as exc:
            conflict.show_refusal(self, self.photo_error, exc, "this photo", self._show_picture)
            return
        self.photo_error.hide()
        self._show_picture()
        self.photo_changed.emit(self.exercise.code)

    def _choose_photo(self) -> None:
        path = self.ask_photo_path(self)
        if path is not None:
            self.attach_photo(path)

    def _use_photo_toggled(self, on: bool) -> None:
        if self.media is None or self.exercise is None or self._updating:
            return
        try:
            self.media.set_use_instead(self.exercise.code, on, self._photo_version)
        except PlannerError as exc:
            conflict.show_refusal(self, self.photo_error, exc, "this photo", self._show_picture)
            return
        self._show_picture()
        self.photo_changed.emit(self.exercise.code)

    _updating, _photo_version = False, 0

    def _show_picture(self) -> None:
        ex = self.exercise
        found = self.media.photo(ex.code) if self.media is not None and ex is not None else None
        self._photo_version = self.media.photo_version(ex.code) if self.media and ex else 0
        self._updating = True
        self.use_photo.setChecked(bool(found and found[2]))
        self._updating = False
        self.attach_button.setVisible(self.media is not None and ex is not None)
        self.use_photo.setVisible(found is not None)
        if found is not None and found[2]:
            pixmap = QPixmap()
            pixmap.loadFromData(found[0])
            smooth = Qt.TransformationMode.SmoothTransformation
            self.photo.setPixmap(pixmap.scaledToHeight(136, smooth))
            self.photo.show()
            self.figure.hide()
        else:
            self.photo.hide()
            self.figure.setVisible(ex is not None and ex.figure is not None)

    def show_exercise(
        self,
        ex: Exercise | None,
        verdict: Verdict | None = None,
        *,
        dose: str = "",
        why: str = "",
    ) -> None:
        same = ex is not None and self.exercise is not None and ex.code == self.exercise.code
        self.exercise = ex
        self.figure.set_exercise(ex)
        self.photo_error.hide()
        if not same:  # the same exercise shown again (its dose changed): its picture has not
            self._show_picture()
        if ex is None:
            self.text.setHtml(
                "<p style='color:#555'>Pick an exercise in the library or the programme to see "
                "how it is done.</p>"
            )
            return
        self.text.setHtml(exercise_html(ex, verdict, self.policy, dose=dose, why=why))

    def plain_text(self) -> str:
        return self.text.toPlainText()


def _list(tag: str, lines: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<{tag} style='margin-top:2px'>{items}</{tag}>"


def exercise_html(
    ex: Exercise,
    verdict: Verdict | None,
    policy: ClinicPolicy,
    *,
    dose: str = "",
    why: str = "",
) -> str:
    """The detail pane's text; every piece of library or user text is escaped.

    The client's own verdict comes first (planner's words), then what each other condition
    would mean for the exercise.
    """
    kit = ", ".join(e.label.lower() for e in ex.equipment if e is not Equipment.NONE)
    parts = [
        f"<h3 style='margin-bottom:0'>{escape(ex.name)}</h3>",
        f"<p style='color:#555;margin-top:2px'>{escape(exercise_facts(ex))}"
        f"{' · needs ' + escape(kit) if kit else ' · no equipment'}"
        f"{' · one side at a time' if ex.unilateral else ''}</p>",
    ]
    if dose:
        parts.append(f"<p><b>Dose in this programme:</b> {escape(dose)}</p>")
    if why:
        parts.append(f"<p><b>Why it is here:</b> {escape(why)}</p>")
    parts.append(f"<p>{escape(ex.purpose)}</p>")
    parts.append("<h4>Steps</h4>" + _list("ol", ex.steps))
    parts.append("<h4>Cues</h4>" + _list("ul", ex.cues))
    parts.append("<h4>Common mistakes</h4>" + _list("ul", ex.mistakes))
    warnings = []
    if verdict is not None and verdict.excluded:
        reasons = "; ".join(verdict.reasons)
        warnings.append(
            f"<li style='color:{ERROR_COLOUR}'>Not safe for this client: {escape(reasons)}</li>"
        )
    elif verdict is not None:
        for caution in verdict.cautions:
            warnings.append(
                f"<li style='color:#8a5a00'>Caution for this client: {escape(caution)}</li>"
            )
    for note in condition_notes(ex, policy):
        lead = "Not for" if note.excluded else "Take care with"
        warnings.append(
            f"<li>{lead} {escape(note.condition.label.lower())}: {escape(note.text)}</li>"
        )
    if warnings:
        parts.append("<h4>Cautions</h4><ul>" + "".join(warnings) + "</ul>")
    else:
        parts.append("<h4>Cautions</h4><p>None recorded in the library.</p>")
    return "".join(parts)


VISIBLE_ROWS = 6


class LibraryBrowser(QWidget):
    """Search box, filters, results and the detail of the exercise picked."""

    add_requested = Signal(list)  # exercise codes, in the list's order
    exercise_selected = Signal(object)  # Exercise | None

    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._searches = LatestOnly(runner)  # on the runner's worker thread when given
        self.index: SearchIndex | None = None
        self.catalogue: Catalogue | None = None
        self.client: ClientContext | None = None
        self.policy = ClinicPolicy.published()
        # The safety verdict for every exercise, for the client and policy shown.
        self.verdicts: dict[str, Verdict] = {}
        self.client_equipment: frozenset[Equipment] = frozenset()

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search exercises: bridge, glute, hamstring...")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the exercise library")

        self.modality = FacetButton("Kind", list(Modality))
        self.imbalance = FacetButton("Treats", list(Imbalance))
        self.equipment = FacetButton("Equipment", [e for e in Equipment if e is not Equipment.NONE])
        self.client_kit_action = self.equipment.extra_action("Only what the client has at home")
        self.client_kit_action.triggered.connect(
            lambda: self.equipment.set_selected(self.client_equipment)
        )
        self.position = FacetButton("Position", list(Position))
        self.impact = FacetButton("Impact", list(Impact))
        for button in (self.modality, self.imbalance, self.equipment, self.position, self.impact):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.changed.connect(self.refresh)

        self.level_from = QSpinBox()
        self.level_to = QSpinBox()
        for spin, name in ((self.level_from, "lowest"), (self.level_to, "highest")):
            spin.setRange(*DIFFICULTY_RANGE)
            spin.setAccessibleName(f"{name.capitalize()} difficulty level")
            spin.valueChanged.connect(self._levels_changed)
        self.level_from.setValue(DIFFICULTY_RANGE[0])
        self.level_to.setValue(DIFFICULTY_RANGE[1])
        self.safe = QCheckBox()
        self.safe.setAccessibleName("Only exercises safe for the client's conditions")
        self.safe.toggled.connect(lambda _on: self.refresh())

        self.model = LibraryModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Exercise library")
        self.list.setIconSize(QSize(THUMB_WIDTH, THUMB_HEIGHT))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        # At least 6 exercises stay in sight (a 1280 x 800 screen): two text lines or the
        # thumbnail, whichever is taller, a row.
        row = max(THUMB_HEIGHT, 2 * self.list.fontMetrics().lineSpacing()) + 2
        row += 2 * self.list.spacing()
        self.list.setMinimumHeight(row * VISIBLE_ROWS + 2 * self.list.frameWidth())
        self.list.installEventFilter(_AddOnEnter(self))
        self.list.doubleClicked.connect(lambda _i: self.request_add())
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555")
        self.count.setWordWrap(True)

        self.detail = ExerciseDetail()

        facets = QWidget()
        grid = QVBoxLayout(facets)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        row1 = QHBoxLayout()
        row1.addWidget(self.modality)
        row1.addWidget(self.imbalance)
        row1.addWidget(self.equipment)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.position)
        row2.addWidget(self.impact)
        level = QLabel("&Level")
        level.setBuddy(self.level_from)
        row2.addWidget(level)
        row2.addWidget(self.level_from)
        row2.addWidget(QLabel("to"))
        row2.addWidget(self.level_to)
        row2.addStretch(1)
        grid.addLayout(row1)
        grid.addLayout(row2)
        grid.addWidget(self.safe)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(facets)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("library_splitter")
        self.splitter.addWidget(top)
        # The details scroll when the list takes the room (6 rows on a 1280 x 800 screen).
        detail_area = QScrollArea()
        detail_area.setWidgetResizable(True)
        detail_area.setFrameShape(QFrame.Shape.NoFrame)
        detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_area.setWidget(self.detail)
        self.splitter.addWidget(detail_area)
        self.splitter.setCollapsible(0, False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.returnPressed.connect(self._focus_results)
        self.set_client_context(None, self.policy)

    # -- inputs ------------------------------------------------------------------------
    def set_catalogue(self, catalogue: Catalogue) -> None:
        """A new index over the library (built in milliseconds, so simply rebuilt)."""
        self.catalogue = catalogue
        self.index = SearchIndex(catalogue)
        self._judge()
        self.refresh()

    def set_client_context(self, client: ClientContext | None, policy: ClinicPolicy) -> None:
        """The client of the latest assessment (None: no assessment) and the clinic's policy:
        what "safe for the client" judges by, and the kit at home."""
        self.client = client
        self.policy = policy
        self.detail.policy = policy
        kit = client.equipment if client is not None and client.equipment else frozenset()
        self.client_equipment = frozenset(kit) - {Equipment.NONE}
        self._judge()
        blocked = any(v.block is not None for v in self.verdicts.values())
        names = ", ".join(
            c.label.lower() + _trimester(client) if c is Condition.PREGNANCY else c.label.lower()
            for c in Condition
            if client is not None and client.has(c)
        )
        if blocked:
            self.safe.setText("Safe for the client: none until the referral is dealt with")
        elif names:
            self.safe.setText(f"Safe for the client: {names}")
        else:
            self.safe.setText("Safe for the client's conditions (none recorded)")
        self.safe.setEnabled(blocked or bool(names))
        self.safe.setChecked(blocked or bool(names))
        self.client_kit_action.setEnabled(bool(self.client_equipment))
        self.refresh()

    def _judge(self) -> None:
        """One safety verdict per exercise, from planner; the list and the pane show these."""
        if self.catalogue is None or self.client is None:
            self.verdicts = {}
            return
        self.verdicts = verdicts_for(self.catalogue, self.client, self.policy)

    def facets(self) -> Facets:
        kit = self.equipment.selected()
        return Facets(
            modalities=self.modality.selected(),  # type: ignore[arg-type]
            imbalances=self.imbalance.selected(),  # type: ignore[arg-type]
            equipment_available=kit or None,  # type: ignore[arg-type]
            positions=self.position.selected(),  # type: ignore[arg-type]
            difficulty=(self.level_from.value(), self.level_to.value()),
            impacts=self.impact.selected(),  # type: ignore[arg-type]
            safe_codes=self.safe_codes() if self.safe.isChecked() else None,
        )

    def safe_codes(self) -> frozenset[str]:
        return frozenset(code for code, v in self.verdicts.items() if not v.excluded)

    # -- results -----------------------------------------------------------------------
    def refresh(self) -> None:
        if self.index is None:  # searches run off the window's thread when there is a runner
            return
        index = self.index
        search = partial(index.search, self.search.text(), self.facets(), limit=len(index))
        self._searches.run(search, self._show_result, lambda e: self.count.setText(f"{e}"))

    def _show_result(self, result: SearchResult) -> None:
        current = self.current_exercise()
        self.model.set_hits(result.hits, self.verdicts)
        noun = "exercise" if result.total == 1 else "exercises"
        text = f"{result.total} {noun}"
        block = next((v.block for v in self.verdicts.values() if v.block is not None), None)
        if block is not None and self.safe.isChecked():
            text += f". {block.reason}"
        if result.corrections:
            read = ", ".join(f"'{a}' as '{b}'" for a, b in result.corrections.items())
            text += f" (read {read})"
        self.count.setText(text)
        row = self.model.row_of(current.code) if current is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.detail.show_exercise(None)
            self.exercise_selected.emit(None)

    def current_exercise(self) -> Exercise | None:
        index = self.list.currentIndex()
        return self.model.exercise_at(index.row()) if index.isValid() else None

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedIndexes()})
        if not rows and self.list.currentIndex().isValid():
            rows = [self.list.currentIndex().row()]
        return [self.model.exercise_at(r).code for r in rows]

    def request_add(self) -> None:
        codes = self.selected_codes()
        if codes:
            self.add_requested.emit(codes)

    def show_detail(self, ex: Exercise | None, *, dose: str = "", why: str = "") -> None:
        verdict = self.verdicts.get(ex.code) if ex is not None else None
        self.detail.show_exercise(ex, verdict, dose=dose, why=why)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ex = self.model.exercise_at(current.row()) if current.isValid() else None
        self.show_detail(ex)
        self.exercise_selected.emit(ex)

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.list.setFocus()

    def _levels_changed(self, _value: int) -> None:
        # Each end keeps the other in range, so the range never runs backwards.
        self.level_to.setMinimum(self.level_from.value())
        self.level_from.setMaximum(self.level_to.value())
        self.refresh()


def _trimester(client: ClientContext | None) -> str:
    if client is None or client.pregnancy_trimester is None:
        return ""
    return f" (trimester {client.pregnancy_trimester})"
