"""The document preview: pages as they will print, with zoom, fit page or width, and page by
page navigation (as a PDF reader does)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from shiboken6 import isValid

ZOOM_STEP = 1.25


class PdfPreview(QWidget):
    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = QPdfView()
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Document preview")

        def button(text: str, tip: str) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            bar.addWidget(b)
            return b

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.previous_button = button("◀", "Previous page")
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Page shown")
        bar.addWidget(self.page_label)
        self.next_button = button("▶", "Next page")
        bar.addSpacing(16)
        self.zoom_out_button = button("−", "Zoom out")
        self.zoom_label = QLabel()
        bar.addWidget(self.zoom_label)
        self.zoom_in_button = button("+", "Zoom in")
        self.fit_width_button = button("Fit width", "Fit the page width")
        self.fit_page_button = button("Whole page", "Fit the whole page")
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.previous_button.clicked.connect(lambda: self.go_to(self.page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.page() + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(lambda: self._fit(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self._fit(QPdfView.ZoomMode.FitInView))
        self.view.pageNavigator().currentPageChanged.connect(self._show_state)
        self.view.zoomFactorChanged.connect(self._show_state)
        document.pageCountChanged.connect(self._show_state)
        self._show_state()

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        pages = self.document.pageCount()
        if pages:
            self.view.pageNavigator().jump(max(0, min(page, pages - 1)), QPointF(), 0)
        self._show_state()

    def zoom_by(self, factor: float) -> None:
        zoom = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(zoom * factor, 5.0)))
        self._show_state()

    def _fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self._show_state()

    def _show_state(self, *_changed: object) -> None:
        if not isValid(self.document) or not isValid(self):
            return  # the window is closing
        pages = self.document.pageCount()
        page = self.page()
        self.page_label.setText(f"Page {page + 1} of {pages}" if pages else "No pages")
        self.previous_button.setEnabled(pages > 0 and page > 0)
        self.next_button.setEnabled(pages > 0 and page < pages - 1)
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText("Width")
        elif mode == QPdfView.ZoomMode.FitInView:
            self.zoom_label.setText("Page")
        else:
            self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)}%")
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_width_button,
                  self.fit_page_button):  # fmt: skip
            b.setEnabled(pages > 0)
