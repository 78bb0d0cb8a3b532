"""A bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import _, format_int

BAR = QColor("#2f6f9f")
BAR2 = QColor("#e39b3c")


class BarChart(QWidget):
    """Vertical bars with a value above each and a label below; with two series, one band
    each, named and scaled on its own."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float], QColor]] = []
        self.has_data = False  # until set_data: an empty panel (the dashboard's frame)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 260)

    def set_data(self, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
        colors = [BAR, BAR2]
        self.labels = labels
        self.series = [(name, values, colors[i % 2]) for i, (name, values) in enumerate(series)]
        self.has_data = True
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        if not self.has_data:  # before the data: the panel only, its background filled by
            return  # Qt (no ``Qt`` namespace, whose ~90 enums take 0.05-0.1 s to build)
        from PySide6.QtCore import Qt

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
        top, bottom = line * 2 + 6, h - line * 2 - 8
        if not self.labels or not self.series:
            p.drawText(
                QRectF(0, top, w, bottom - top),
                Qt.AlignmentFlag.AlignCenter,
                _("No data in this period yet."),
            )
            return
        # One band per series, each with its own name and scale: sessions (tens) and
        # participants (hundreds) never share an unlabelled axis.
        n, k = len(self.labels), len(self.series)
        slot = (w - 16) / n
        bar_w = max(4.0, min(36.0, slot * 0.6))
        band = (bottom - top) / k
        for si, (name, values, color) in enumerate(self.series):
            b_top, b_bottom = top + band * si, top + band * (si + 1) - (6 if si < k - 1 else 0)
            p.setPen(color.darker(130))
            p.drawText(QRectF(8, b_top, w - 16, line), Qt.AlignmentFlag.AlignLeft, name)
            p.setPen(self.palette().text().color())
            area_top = b_top + line * 2
            peak = max(values) or 1
            for i, v in enumerate(values):
                bh = max(0.0, (b_bottom - area_top) * v / peak)
                x0 = 8 + slot * i + (slot - bar_w) / 2
                p.fillRect(QRectF(x0, b_bottom - bh, bar_w - 2, bh), color)
                p.drawText(
                    QRectF(x0 - 20, b_bottom - bh - line - 1, bar_w + 40, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    format_int(v),
                )
            if si < k - 1:
                p.setPen(self.palette().midlight().color())
                p.drawLine(8, int(b_bottom + 3), w - 8, int(b_bottom + 3))
                p.setPen(self.palette().text().color())
        p.setPen(self.palette().mid().color())
        p.drawLine(8, int(bottom), w - 8, int(bottom))
        p.setPen(self.palette().text().color())
        for i, label in enumerate(self.labels):
            text = fitted_label(fm, label, int(slot) - 2)
            p.drawText(
                QRectF(8 + slot * i, bottom + 4, slot, line * 2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                text,
            )


def fitted_label(fm: QFontMetrics, label: str, width: int) -> str:
    """``label`` on one line when it fits ``width``; else on two, broken after its last "/",
    "-" or space whose halves both fit (a directive's "334-KH/TU" read "334-KH/…" under its bar
    on a 1024-px screen); else elided."""
    from PySide6.QtCore import Qt  # as in paintEvent: the Qt namespace costs start-up time

    if fm.horizontalAdvance(label) <= width:
        return label
    for i in range(len(label) - 1, 0, -1):
        if label[i - 1] in "/- ":
            first, second = label[:i].rstrip(), label[i:]
            if fm.horizontalAdvance(first) <= width and fm.horizontalAdvance(second) <= width:
                return f"{first}\n{second}"
    return fm.elidedText(label, Qt.TextElideMode.ElideRight, width)
