"""The exercise library as a Qt list model: search hits with figure thumbnails, draggable.

The rows are exactly what :class:`exercise_library.search.SearchIndex` returned, in its order;
the model never filters or ranks on its own. Where the browser has a client, each row shows the
safety verdict planner gave it: "not safe for this client" or "take care", with the reasons in
the tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from exercise_library.figures.geometry import exercise_scene
from exercise_library.schema import Exercise
from exercise_library.search import Hit
from exercise_library.vocabulary import Impact
from planner.safety import Verdict
from ui.figure_widget import scene_image

# Drag and drop carries exercise codes, one per line, under this type.
EXERCISE_MIME = "application/x-physio-planner-exercises"
CodeRole = Qt.ItemDataRole.UserRole + 1
ExerciseRole = Qt.ItemDataRole.UserRole + 2
THUMB_HEIGHT = 44
THUMB_WIDTH = 64
_Index = QModelIndex | QPersistentModelIndex


def encode_codes(codes: list[str]) -> QMimeData:
    data = QMimeData()
    data.setData(EXERCISE_MIME, "\n".join(codes).encode("utf-8"))
    data.setText(", ".join(codes))
    return data


def decode_codes(data: QMimeData) -> list[str]:
    if not data.hasFormat(EXERCISE_MIME):
        return []
    raw = bytes(data.data(EXERCISE_MIME).data()).decode("utf-8")
    return [c for c in raw.splitlines() if c]


def exercise_facts(ex: Exercise) -> str:
    """The line a therapist scans under the name: kind, position, level, impact."""
    impact = "no impact" if ex.impact is Impact.NONE else f"{ex.impact.label.lower()} impact"
    return f"{ex.modality.label} · {ex.position.label.lower()} · level {ex.difficulty} · {impact}"


class ThumbnailCache:
    """Figure thumbnails, drawn once per exercise (they are the same for every search)."""

    def __init__(self) -> None:
        self._icons: dict[str, QIcon] = {}
        self._blank: QIcon | None = None

    def icon(self, ex: Exercise) -> QIcon:
        cached = self._icons.get(ex.code)
        if cached is not None:
            return cached
        if ex.figure is None:
            icon = self._placeholder()
        else:
            image = scene_image(exercise_scene(ex.figure), THUMB_WIDTH * 2)
            scaled = QPixmap.fromImage(image).scaled(
                THUMB_WIDTH,
                THUMB_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            # Every thumbnail fills the same box, so rows line up whatever the figure's shape.
            pix = QPixmap(THUMB_WIDTH, THUMB_HEIGHT)
            pix.fill(QColor(255, 255, 255))
            painter = QPainter(pix)
            painter.drawPixmap(
                (THUMB_WIDTH - scaled.width()) // 2, (THUMB_HEIGHT - scaled.height()) // 2, scaled
            )
            painter.end()
            icon = QIcon(pix)
        self._icons[ex.code] = icon
        return icon

    def _placeholder(self) -> QIcon:
        if self._blank is None:
            pix = QPixmap(THUMB_WIDTH, THUMB_HEIGHT)
            pix.fill(QColor(242, 242, 242))
            self._blank = QIcon(pix)
        return self._blank


class LibraryModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._verdicts: Mapping[str, Verdict] = {}
        self._thumbs = ThumbnailCache()

    def set_hits(self, hits: list[Hit], verdicts: Mapping[str, Verdict] | None = None) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._verdicts = verdicts or {}
        self.endResetModel()

    def verdict_at(self, row: int) -> Verdict | None:
        return self._verdicts.get(self._hits[row].exercise.code)

    def _safety_words(self, ex: Exercise) -> tuple[str, str]:
        """(a few words for the row, the reasons for the tooltip) from the client's verdict."""
        verdict = self._verdicts.get(ex.code)
        if verdict is None:
            return "", ""
        if verdict.excluded:
            return " · not safe for this client", "; ".join(verdict.reasons)
        if verdict.cautions:
            return " · take care", "; ".join(verdict.cautions)
        return "", ""

    def exercise_at(self, row: int) -> Exercise:
        return self._hits[row].exercise

    def codes(self) -> list[str]:
        return [h.exercise.code for h in self._hits]

    def row_of(self, code: str) -> int | None:
        return next((n for n, h in enumerate(self._hits) if h.exercise.code == code), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        ex = hit.exercise
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{ex.name}\n{exercise_facts(ex)}{self._safety_words(ex)[0]}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{ex.name}, {exercise_facts(ex)}{self._safety_words(ex)[0]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            why = "; ".join(hit.why)
            mark, safety = self._safety_words(ex)
            return (
                f"{ex.name}\n{ex.purpose}"
                + (f"\nFound because: {why}" if why else "")
                + (f"\n{mark.strip(' ·').capitalize()}: {safety}" if safety else "")
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbs.icon(ex)
        if role == CodeRole:
            return ex.code
        if role == ExerciseRole:
            return ex
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def mimeTypes(self) -> list[str]:
        return [EXERCISE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_codes([self._hits[r].exercise.code for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
