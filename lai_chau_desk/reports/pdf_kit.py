"""Page geometry, paragraph styles and small flowables of the official report.

Decree 30/2020/NĐ-CP Appendix I: A4 portrait, margins top 20–25 mm, bottom 20–25 mm, left
30–35 mm, right 15–20 mm; body 13–14 pt; page numbers centred in the top margin from page 2.
Imports ReportLab: import this module lazily (from inside functions).
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..domain.text import nfc
from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

PAGE_W, PAGE_H = A4
TOP, BOTTOM, LEFT, RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
BODY_W = PAGE_W - LEFT - RIGHT
BODY_SIZE = 13
TABLE_SIZE = 11
APPENDIX_SIZE = 10
PAGE_NUMBER_Y = PAGE_H - 12 * mm  # baseline of the page number, inside the top margin

register_fonts()


def _style(name: str, font: str = REGULAR, size: float = BODY_SIZE, align: int = TA_JUSTIFY,
           indent: float = 0, before: float = 0, after: float = 6, leading: float | None = None
           ) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          alignment=align, firstLineIndent=indent, spaceBefore=before,
                          spaceAfter=after)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", indent=10 * mm),
    "heading": _style("heading", BOLD, indent=10 * mm, align=TA_LEFT, before=4, after=4),
    "subheading": _style("subheading", BOLD, indent=10 * mm, align=TA_LEFT, after=4),
    "head_regular": _style("head_regular", align=TA_CENTER, after=0, size=13),
    "head_bold": _style("head_bold", BOLD, align=TA_CENTER, after=0, size=13),
    "nation": _style("nation", BOLD, align=TA_CENTER, after=0, size=12),
    "motto": _style("motto", BOLD, align=TA_CENTER, after=0, size=13),
    "number": _style("number", align=TA_CENTER, after=0, size=13),
    "dateline": _style("dateline", ITALIC, align=TA_CENTER, after=0, size=13),
    "title": _style("title", BOLD, align=TA_CENTER, after=0, size=14),
    "summary": _style("summary", BOLD, align=TA_CENTER, after=0, size=14),
    "caption": _style("caption", BOLD, align=TA_CENTER, before=4, after=4, size=12),
    "subcaption": _style("subcaption", ITALIC, align=TA_CENTER, after=6, size=12),
    "recipients_head": _style("recipients_head", BOLD_ITALIC, align=TA_LEFT, after=0, size=12),
    "recipients": _style("recipients", align=TA_LEFT, after=0, size=11, leading=13),
    "sign": _style("sign", BOLD, align=TA_CENTER, after=0, size=13),
    "fingerprint": _style("fingerprint", ITALIC, align=TA_CENTER, after=0, size=9, leading=11),
}


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of literal text: ``<``, ``>`` and ``&`` typed by a user never become markup."""
    return Paragraph(escape(nfc(text)), STYLES[style])


def paras(text: str, style: str = "body") -> list[Paragraph]:
    """One paragraph per non-empty line of a multi-line user text."""
    return [para(line.strip(), style) for line in nfc(text).split("\n") if line.strip()]


class Rule(Flowable):
    """A short horizontal rule centred in the available width (the header's underlines)."""

    def __init__(self, length: float, gap: float = 2) -> None:
        super().__init__()
        self.length, self.gap = length, gap

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.avail_w = avail_w
        return avail_w, self.gap + 1

    def draw(self) -> None:
        x = (self.avail_w - self.length) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 1, x + self.length, 1)


def rule_under(text: str, font: str, size: float, col_w: float, share: float) -> Rule:
    """A rule ``share`` of the width of the widest line ``text`` takes in a column."""
    widest = max(stringWidth(line, font, size) for line in simpleSplit(text, font, size, col_w)
                 or [""])
    return Rule(max(widest * share, 20 * mm))


@lru_cache(maxsize=4096)
def wrap_cell(text: str, width: float, font: str = REGULAR, size: float = TABLE_SIZE) -> str:
    """Pre-wrap a table cell into lines (plain strings draw much faster than Paragraphs and are
    always literal). ``width`` excludes the cell padding."""
    text = nfc(text)
    if stringWidth(text, font, size) <= width:
        return text
    return "\n".join(simpleSplit(text, font, size, width))


def cap(text: str) -> str:
    """Upper-case the first letter only ("giáo dục và đào tạo" -> "Giáo dục và đào tạo")."""
    return text[:1].upper() + text[1:]


PAD = 3  # cell padding, points


class TextTable(Table):
    """A Table whose plain-string cells are drawn with one text object per cell instead of one
    per line (the long appendix tables spend most of their time here)."""

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: ANN001, ANN202, N802
        if not isinstance(cellval, str) or cellstyle.valign != "MIDDLE" or cellstyle.direction \
                or cellstyle.href or cellstyle.destination:
            return super()._drawCell(cellval, cellstyle, pos, size)
        canv = self.canv
        if self._curcellstyle is not cellstyle:
            self._curcellstyle = None  # let ReportLab reset colour and font for the next cell
            canv.setFillColor(cellstyle.color)
        (x0, y0), (w, h) = pos, size
        lines = cellval.split("\n")
        lead, fs = cellstyle.leading, cellstyle.fontsize
        y = y0 + (cellstyle.bottomPadding + h - cellstyle.topPadding + len(lines) * lead) / 2 - fs
        just = cellstyle.alignment
        t = canv.beginText()
        t.setFont(cellstyle.fontname, fs, lead)
        for line in lines:
            if just == "LEFT":
                x = x0 + cellstyle.leftPadding
            else:
                lw = stringWidth(line, cellstyle.fontname, fs)
                x = (x0 + w - cellstyle.rightPadding - lw if just == "RIGHT"
                     else x0 + (w + cellstyle.leftPadding - cellstyle.rightPadding - lw) / 2)
            t.setTextOrigin(x, y)
            t.textOut(line)
            y -= lead
        canv.drawText(t)
        return None


def data_table(header: list[str], rows: list[list[str]], widths: list[float],
               numeric_from: int, size: float = TABLE_SIZE, total_row: bool = False) -> Table:
    """A ruled table of plain strings with a bold header repeated on every page. Columns from
    ``numeric_from`` on are right-aligned; text columns are wrapped to their width."""
    head = [wrap_cell(h, w - 2 * PAD, BOLD, size) for h, w in zip(header, widths, strict=True)]
    body = []
    for r in rows:
        body.append([c if i >= numeric_from else wrap_cell(c, widths[i] - 2 * PAD, REGULAR, size)
                     for i, c in enumerate(r)])
    t = TextTable([head, *body], colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, size, size * 1.2),
        ("FONT", (0, 0), (-1, 0), BOLD, size, size * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row:
        style.append(("FONT", (0, -1), (-1, -1), BOLD, size, size * 1.2))
    t.setStyle(TableStyle(style))
    return t


def draw_page_number(canvas, doc) -> None:  # noqa: ANN001 - ReportLab callback
    """Page numbers centred at the top, from page 2 on (page 1 carries none)."""
    canvas.saveState()
    canvas.setFont(REGULAR, BODY_SIZE)
    canvas.drawCentredString(LEFT + BODY_W / 2, PAGE_NUMBER_Y, str(doc.page))
    canvas.restoreState()


def no_page_number(canvas, doc) -> None:  # noqa: ANN001 - ReportLab callback
    return None
