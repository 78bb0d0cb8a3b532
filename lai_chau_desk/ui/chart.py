"""A bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import _, format_int

BAR = QColor("#2f6f9f")
BAR2 = QColor("#e39b3c")


class BarChart(QWidget):
    """Vertical bars with a value above each and a label below; two series side by side."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float], QColor]] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 260)

    def set_data(self, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
        colors = [BAR, BAR2]
        self.labels = labels
        self.series = [(name, values, colors[i % 2]) for i, (name, values) in enumerate(series)]
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().base())
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(8, 4, w - 16, line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        # legend on the title line's right
        x = w - 8
        for name, _values, color in reversed(self.series):
            tw = fm.horizontalAdvance(name)
            x -= tw
            p.drawText(QRectF(x, 4, tw + 2, line + 4), Qt.AlignmentFlag.AlignLeft, name)
            x -= 14
            p.fillRect(QRectF(x, 4 + line / 2 - 4, 10, 10), color)
            x -= 12
        top, bottom = line * 2 + 14, h - line * 2 - 8
        if not self.labels or not self.series:
            p.drawText(QRectF(0, top, w, bottom - top), Qt.AlignmentFlag.AlignCenter,
                       _("No data in this period yet."))
            return
        n, k = len(self.labels), len(self.series)
        slot = (w - 16) / n
        bar_w = max(4.0, min(36.0, slot * 0.7 / k))
        for si, (_name, values, color) in enumerate(self.series):
            peak = max(values) or 1
            for i, v in enumerate(values):
                bh = (bottom - top) * v / peak
                x0 = 8 + slot * i + (slot - bar_w * k) / 2 + bar_w * si
                p.fillRect(QRectF(x0, bottom - bh, bar_w - 2, bh), color)
                p.drawText(QRectF(x0 - 20, bottom - bh - line - 2, bar_w + 40, line),
                           Qt.AlignmentFlag.AlignHCenter, format_int(v))
        p.setPen(self.palette().mid().color())
        p.drawLine(8, int(bottom), w - 8, int(bottom))
        p.setPen(self.palette().text().color())
        for i, label in enumerate(self.labels):
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(QRectF(8 + slot * i, bottom + 4, slot, line * 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
