"""A scrollable column of report pages with zoom and "page n of N" (the preview's centre).

Pages arrive as :class:`~lai_chau_desk.services.report_pages.PageImage` pixels rendered off the
GUI thread; this widget only turns them into pixmaps and keeps track of the page in view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..services.report_pages import PageImage

SCREEN_DPI = 96.0  # 100 % zoom shows an A4 page about as large as the paper
PAGE_GAP = 14


def to_qimage(page: PageImage) -> QImage:
    """A QImage owning a copy of the page's pixels (safe to create on any thread)."""
    img = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
    return img.copy()


class PagesView(QScrollArea):
    """Pages stacked vertically on a grey desk, each centred with a thin border."""

    current_changed = Signal(int)  # 0-based page at the top of the view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.desk = QWidget(self)
        self.desk.setObjectName("desk")
        self.desk.setStyleSheet("QWidget#desk { background: #8a8f96; }")
        self.column = QVBoxLayout(self.desk)
        self.column.setSpacing(PAGE_GAP)
        self.column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.desk)
        self.labels: list[QLabel] = []
        self._current = 0
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --- pages ---------------------------------------------------------------------------
    def set_page_sizes(self, sizes: list[tuple[float, float]], zoom: float) -> None:
        """Blank pages of the right size (points) for ``zoom``; pixels follow with set_page."""
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        for i in range(len(sizes)):
            label = QLabel(self.desk)
            label.setObjectName(f"page_{i + 1}")
            label.setFrameShape(QFrame.Shape.Box)
            label.setStyleSheet("QLabel { background: white; border: 1px solid #55595e; }")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.resize_pages(sizes, zoom)

    def resize_pages(self, sizes: list[tuple[float, float]], zoom: float) -> None:
        """Give every page its size at ``zoom`` so the scroll range is right before pixels."""
        for label, (w, h) in zip(self.labels, sizes, strict=True):
            label.setFixedSize(self.page_size((w, h), zoom))

    @staticmethod
    def page_size(size_pt: tuple[float, float], zoom: float) -> QSize:
        """Logical pixels of a page of ``size_pt`` points at ``zoom``."""
        scale = SCREEN_DPI * zoom / 72.0
        return QSize(round(size_pt[0] * scale) + 2, round(size_pt[1] * scale) + 2)

    def set_page(self, index: int, image: QImage) -> None:
        """Show rendered ``image`` as page ``index`` (scaled for the screen's pixel ratio)."""
        if not 0 <= index < len(self.labels):
            return
        pix = QPixmap.fromImage(image)
        pix.setDevicePixelRatio(self.devicePixelRatioF())
        self.labels[index].setPixmap(pix)

    def page_count(self) -> int:
        return len(self.labels)

    def pixmap_count(self) -> int:
        """How many pages already show their pixels."""
        return sum(1 for label in self.labels if not label.pixmap().isNull())

    # --- position ------------------------------------------------------------------------
    def current(self) -> int:
        return self._current

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.verticalScrollBar().setValue(self.labels[index].y() - PAGE_GAP // 2)
            self._set_current(index)

    def _scrolled(self, value: int) -> None:
        probe = value + self.viewport().height() // 3
        index = 0
        for i, label in enumerate(self.labels):
            if label.y() <= probe:
                index = i
        self._set_current(index)

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.current_changed.emit(index)
