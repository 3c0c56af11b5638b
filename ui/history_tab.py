"""The history tab: the client's assessments and programmes, newest first.

Each assessment row shows what planner found in it (ODI, pain, referral level, how many
imbalances), so a therapist sees the course of treatment at a glance. Double-clicking (or
pressing Enter on) an assessment opens it in the Assessment tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.assessment.analysis import Findings, analyse
from planner.assessment.imbalances import ImbalanceFinding
from planner.assessment.model import AssessmentFile
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.errors import PlannerError
from planner.operations import Changes
from planner.policy import ClinicPolicy
from planner.records import AssessmentRecord, Client, ProgrammeSummary
from ui.assessment_findings import fmt_number
from ui.assessment_tab import AssessmentTab
from ui.context import AppContext
from ui.table_models import RowsTableModel

_Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1

REFERRAL_WORDS = {level: words.short for level, words in LEVEL_WORDS.items()}
REFERRAL_COLOUR = {
    Referral.PROMPT: "#c62828",
    Referral.SAME_DAY: "#a00018",
    Referral.URGENT: "#a00018",
}


def _day(d: Any) -> str:
    return str(d.strftime("%d %b %Y"))


@dataclass(frozen=True)
class AssessmentRow:
    """One stored assessment and what planner made of it (None: the stored file is unreadable)."""

    record: AssessmentRecord
    assessment: AssessmentFile | None
    findings: Findings | None
    problem: str = ""


class AssessmentHistoryModel(RowsTableModel[AssessmentRow]):
    COLUMNS = ("Date", "ODI %", "Pain now / worst", "Referral", "Imbalances", "Found")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        f = row.findings
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return _day(row.record.assessed_on)
            if f is None:
                return "cannot be read" if col == 1 else ""
            if col == 1:
                return f"{fmt_number(f.scores.odi.percent)}%" if f.scores.odi else "—"
            if col == 2:
                n = f.scores.nprs
                if n is None:
                    return "—"
                return f"{_dash(n.now)} / {_dash(n.worst)}"
            if col == 3:
                return REFERRAL_WORDS[f.referral]
            if col == 4:
                return str(len(f.imbalances))
            if col == 5:
                return "; ".join(_imbalance(i) for i in f.imbalances) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if f is None:
                return row.problem
            if col in (4, 5) and f.imbalances:
                return "\n".join(_imbalance(i) for i in f.imbalances)
            if col == 3 and f.red_flags:
                return "\n".join(r.code.label for r in f.red_flags)
            return "Double-click to open this assessment"
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and f is not None:
            colour = REFERRAL_COLOUR.get(f.referral)
            return QColor(colour) if colour else None
        if role == IdRole:
            return row.record.id
        return None


def _imbalance(i: ImbalanceFinding) -> str:
    return i.code.label + (f" ({i.side.value})" if i.side else "")


def _dash(value: int | None) -> str:
    return "—" if value is None else str(value)


class ProgrammeHistoryModel(RowsTableModel[ProgrammeSummary]):
    COLUMNS = ("Programme", "Start", "Status")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.title, _day(p.start_date), p.status.capitalize())[index.column()]
        if role == IdRole:
            return p.id
        return None


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class HistoryTab(QWidget):
    """Emits ``open_assessment_requested`` and, when it sits in the main window's tabs, shows
    the assessment in the Assessment tab itself."""

    open_assessment_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: Client | None = None
        self.assessments = AssessmentHistoryModel(self)
        self.programmes = ProgrammeHistoryModel(self)

        self.assessment_view = _table("Assessments")
        self.assessment_view.setModel(self.assessments)
        self.assessment_view.activated.connect(self._assessment_activated)
        self.programme_view = _table("Programmes")
        self.programme_view.setModel(self.programmes)
        self.programme_view.activated.connect(self._programme_activated)
        self.programme_view.horizontalHeader().setStretchLastSection(False)
        self.programme_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.assessment_hint = QLabel()
        self.assessment_hint.setStyleSheet("color: #555")
        self.assessment_hint.setWordWrap(True)
        self.programme_hint = QLabel()
        self.programme_hint.setStyleSheet("color: #555")
        self.programme_hint.setWordWrap(True)

        a_box = QGroupBox("Assessments")
        a_layout = QVBoxLayout(a_box)
        a_layout.addWidget(self.assessment_view)
        a_layout.addWidget(self.assessment_hint)
        p_box = QGroupBox("Programmes")
        p_layout = QVBoxLayout(p_box)
        p_layout.addWidget(self.programme_view)
        p_layout.addWidget(self.programme_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(a_box, 3)
        layout.addWidget(p_box, 2)

        self._stale = False
        self.ctx.events.changed.connect(self._changed)
        self.refresh()

    def set_client(self, client: Client | None) -> None:
        self.client = client
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        mine = self.client is not None and changes.client_id in (None, self.client.id)
        # A programme's title or status shows in the list, so its edits count too.
        if (
            changes.settings
            or changes.programme
            or (mine and (changes.assessment or changes.programme_list))
        ):
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        if self.client is None:
            self.assessments.set_rows([])
            self.programmes.set_rows([])
            self.message.setText("Open a client on the left to see their history.")
            self.assessment_hint.setText("")
            self.programme_hint.setText("")
            return
        try:
            policy = self.ctx.policy()
            records = self.ctx.services.assessments.for_client(self.client.id)
            programmes = self.ctx.services.programmes.for_client(self.client.id)
        except PlannerError as exc:
            self.message.setText(f"The history could not be read: {exc}")
            return
        rows = [_row(r, policy) for r in reversed(records)]
        self.assessments.set_rows(rows)
        self.programmes.set_rows(programmes)
        self.message.setText("")
        self.assessment_hint.setText(
            "Double-click an assessment (or press Enter) to open it."
            if rows
            else "No assessments yet. Start one with Client > New assessment (Ctrl+Shift+A)."
        )
        self.programme_hint.setText("" if programmes else "No programmes yet.")

    # -- opening -------------------------------------------------------------------------
    def _assessment_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_assessment(self.assessments.row_at(index.row()).record.id)

    def open_assessment(self, assessment_id: int) -> None:
        self.open_assessment_requested.emit(assessment_id)
        tabs = self._tab_widget()
        if tabs is None:
            return
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if isinstance(page, AssessmentTab):
                page.open_assessment(assessment_id)
                tabs.setCurrentIndex(i)
                return

    def _programme_activated(self, index: QModelIndex) -> None:
        """Show the programme in the tab that edits programmes, when there is one."""
        if not index.isValid():
            return
        programme_id = self.programmes.row_at(index.row()).id
        tabs = self._tab_widget()
        pages = [tabs.widget(i) for i in range(tabs.count())] if tabs is not None else []
        editor = next((p for p in pages if callable(getattr(p, "open_programme", None))), None)
        if tabs is None or editor is None:
            self.ctx.events.programme_opened.emit(programme_id)
            return
        editor.open_programme(programme_id)  # type: ignore[attr-defined]
        tabs.setCurrentWidget(editor)

    def _tab_widget(self) -> QTabWidget | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        return parent


def _row(record: AssessmentRecord, policy: ClinicPolicy) -> AssessmentRow:
    try:
        a = AssessmentFile.model_validate(record.data)
    except ValueError as exc:
        return AssessmentRow(record, None, None, f"This stored assessment cannot be read: {exc}")
    return AssessmentRow(record, a, analyse(a, policy))
