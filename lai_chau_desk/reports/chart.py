"""The report's chart: participants by directive, drawn with reportlab.graphics (vector, so it
prints sharply and its labels stay searchable text)."""

from __future__ import annotations

from ..domain.text import nfc
from ..i18n import format_int
from .fonts import REGULAR


def participants_chart(by_directive: dict[str, int], order: list[str], width: float, height: float):  # noqa: ANN201 - reportlab Drawing, imported lazily
    """A bar chart of participants per directive code (in catalogue order), or None when there
    is nothing to draw."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    codes = [c for c in order if by_directive.get(c)] + sorted(
        c for c in by_directive if c not in order and by_directive[c]
    )
    if not codes:
        return None
    values = [by_directive[c] for c in codes]
    d = Drawing(width, height, initialFontName=REGULAR, initialFontSize=9)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 28
    chart.width, chart.height = width - 55, height - 45
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor("#4a6fa5")
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 12
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = lambda v: format_int(v)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#cccccc")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = [nfc(c) for c in codes]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.dy = -4
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 6
    chart.barLabelFormat = lambda v: format_int(v)
    d.add(chart)
    return d
