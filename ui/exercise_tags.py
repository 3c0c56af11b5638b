"""The movement feature tick list of the clinic exercise editor.

The condition matrix reads an exercise's movement features, so what a therapist ticks here
decides who may be offered the exercise. Some features follow from other fields (lying on the
back from the position, loaded bending from the spine demands, impact from the impact level;
:mod:`exercise_library.features`). Those rows are shown ticked and greyed, with the field they
come from, and cannot be unticked: the verdict is never weaker than derivation. A feature that
may only come from a field (the library refuses it listed by hand) is ticked by setting that
field, so ticking "Loaded forward bending" sets Spine flexion to Loaded and the row turns
derived. The rest are ticked by hand and saved in the exercise's ``features``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from exercise_library.features import Source, Tags, contradiction, feature_sources, implied_by
from exercise_library.vocabulary import MovementFeature
from ui.exercise_fields import FIELD_LABELS, CheckList, CheckListModel, _Index, _is_checked


def source_text(source: Source) -> str:
    """'Spine flexion: Loaded', as the form's own captions and choices say it."""
    field, value = source
    return f"{FIELD_LABELS[field]}: {value.label}"  # type: ignore[attr-defined]


class FeatureListModel(CheckListModel):
    """Every movement feature: derived ones ticked and disabled, the rest tickable."""

    # A feature that may only follow from a field was ticked: set that field (the form does).
    imply = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(list(MovementFeature), parent)
        self._derived: dict[MovementFeature, Source] = {}
        self._field_only: dict[MovementFeature, Source] = {}

    def set_tags(self, tags: Tags) -> None:
        """Work out again which features the form's position, impact and spine give."""
        self._derived = feature_sources(tags)
        self._field_only = {}
        for feature in MovementFeature:
            source = implied_by(feature)
            if feature not in self._derived and source and contradiction(tags, feature):
                self._field_only[feature] = source
        self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    @property
    def derived(self) -> Mapping[MovementFeature, Source]:
        return self._derived

    def _feature(self, index: _Index) -> MovementFeature | None:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        return list(MovementFeature)[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        feature = self._feature(index)
        if feature is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole and feature in self._derived:
            return Qt.CheckState.Checked
        if role == Qt.ItemDataRole.ToolTipRole:
            if feature in self._derived:
                return (
                    f"{feature.value}: follows from {source_text(self._derived[feature])}. "
                    "Change that field to remove it."
                )
            if feature in self._field_only and not self._is_ticked(feature):
                return f"{feature.value}: ticking it sets {source_text(self._field_only[feature])}."
        return super().data(index, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._feature(index) in self._derived:
            flags &= ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def _is_ticked(self, feature: MovementFeature) -> bool:
        return feature in self._ticked

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        feature = self._feature(index)
        if feature is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if feature in self._derived:
            return False  # never unticked here: change the field it follows from
        if _is_checked(value) and feature in self._field_only:
            self.imply.emit(feature)
            return True
        return super().setData(index, value, role)

    def value(self) -> list[Any]:
        """The features listed by hand (derived ones are said by their fields)."""
        return [f for f in super().value() if f not in self._derived]

    def shown_ticked(self) -> list[MovementFeature]:
        """Every feature the list shows ticked, derived or not."""
        return [f for f in MovementFeature if f in self._derived or self._is_ticked(f)]


def show_all_rows(ticks: CheckList) -> None:
    """Make the list tall enough for every row, by the rows' real height: nothing that decides
    who may do an exercise is hidden below a scroll bar."""
    rows = ticks.check_model.rowCount()
    ticks.setFixedHeight(ticks.sizeHintForRow(0) * rows + 2 * ticks.frameWidth() + 2)


class FeatureList(CheckList):
    """The tick list on screen (a click anywhere on a row ticks it, as in the other lists)."""

    def __init__(self) -> None:
        model = FeatureListModel()
        super().__init__(FIELD_LABELS["features"], list(MovementFeature), model=model)
        model.setParent(self)
        self.feature_model = model
        show_all_rows(self)
