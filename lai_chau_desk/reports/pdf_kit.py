"""Page geometry, paragraph styles and small flowables of the official report.

Decree 30/2020/NĐ-CP Appendix I: A4 portrait, margins top 20–25 mm, bottom 20–25 mm, left
30–35 mm, right 15–20 mm; body 13–14 pt; page numbers centred in the top margin from page 2.
Imports ReportLab: import this module lazily (from inside functions).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from ..domain.text import nfc
from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from .pdf_fasttable import FastTable

PAGE_W, PAGE_H = A4
TOP, BOTTOM, LEFT, RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
BODY_W = PAGE_W - LEFT - RIGHT
BODY_SIZE = 13
TABLE_SIZE = 11
APPENDIX_SIZE = 10
PAGE_NUMBER_Y = PAGE_H - 12 * mm  # baseline of the page number, inside the top margin

register_fonts()


def _style(
    name: str,
    font: str = REGULAR,
    size: float = BODY_SIZE,
    align: int = TA_JUSTIFY,
    indent: float = 0,
    before: float = 0,
    after: float = 6,
    leading: float | None = None,
    keep: bool = False,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.25,
        alignment=align,
        firstLineIndent=indent,
        spaceBefore=before,
        spaceAfter=after,
        keepWithNext=int(keep),
        spaceShrinkage=0,
    )  # no line wider than the body, even justified


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", indent=10 * mm),
    # headings and captions stay with what follows them (never alone at a page's foot)
    "heading": _style("heading", BOLD, indent=10 * mm, align=TA_LEFT, before=4, after=4, keep=True),
    "subheading": _style("subheading", BOLD, indent=10 * mm, align=TA_LEFT, after=4, keep=True),
    "bullet": _style("bullet", indent=10 * mm, after=3),
    "head_regular": _style("head_regular", align=TA_CENTER, after=0, size=13),
    "head_bold": _style("head_bold", BOLD, align=TA_CENTER, after=0, size=13),
    "nation": _style("nation", BOLD, align=TA_CENTER, after=0, size=12),
    "motto": _style("motto", BOLD, align=TA_CENTER, after=0, size=13),
    "number": _style("number", align=TA_CENTER, after=0, size=13),
    "dateline": _style("dateline", ITALIC, align=TA_CENTER, after=0, size=13),
    "title": _style("title", BOLD, align=TA_CENTER, after=0, size=14),
    "summary": _style("summary", BOLD, align=TA_CENTER, after=0, size=14),
    "caption": _style("caption", BOLD, align=TA_CENTER, before=4, after=4, size=12, keep=True),
    "caption_table": _style("caption_table", BOLD, align=TA_CENTER, before=4, after=4, size=12),
    "subcaption": _style("subcaption", ITALIC, align=TA_CENTER, after=6, size=12),
    "recipients_head": _style("recipients_head", BOLD_ITALIC, align=TA_LEFT, after=0, size=12),
    "recipients": _style("recipients", align=TA_LEFT, after=0, size=11, leading=13),
    "sign": _style("sign", BOLD, align=TA_CENTER, after=0, size=13),
    "fingerprint": _style("fingerprint", ITALIC, align=TA_CENTER, after=0, size=9, leading=11),
    "paper_label": _style("paper_label", ITALIC, align=TA_LEFT, after=1, size=9, leading=11),
    "paper_code": _style("paper_code", BOLD, align=TA_LEFT, after=0, size=11, leading=13),
}


def sized(name: str, size: float) -> ParagraphStyle:
    """Style ``name`` at another font size (leading scaled with it)."""
    base = STYLES[name]
    return ParagraphStyle(
        f"{name}@{size}", parent=base, fontSize=size, leading=base.leading * size / base.fontSize
    )


def para_style(text: str, style: ParagraphStyle) -> Paragraph:
    """Like :func:`para` with a style object."""
    return Paragraph(escape(nfc(text)), style)


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
    widest = max(
        stringWidth(line, font, size) for line in simpleSplit(text, font, size, col_w) or [""]
    )
    return Rule(max(widest * share, 20 * mm))


def cap(text: str) -> str:
    """Upper-case the first letter only ("giáo dục và đào tạo" -> "Giáo dục và đào tạo")."""
    return text[:1].upper() + text[1:]


def data_table(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    numeric_from: int,
    size: float = TABLE_SIZE,
    total_row: bool = False,
) -> Flowable:
    """A ruled table of plain strings with a bold, centred header repeated on every page.
    Columns from ``numeric_from`` on are right-aligned, the first column centred; cells too long
    for their column wrap inside it (see :class:`.pdf_fasttable.FastTable`)."""
    aligns = ["CENTER"] + ["LEFT"] * (numeric_from - 1) + ["RIGHT"] * (len(widths) - numeric_from)
    return FastTable(header, rows, widths, aligns, REGULAR, BOLD, size, bold_last=total_row)


def draw_page_number(canvas, doc) -> None:  # noqa: ANN001 - ReportLab callback
    """Page numbers centred at the top, from page 2 on (page 1 carries none)."""
    canvas.saveState()
    canvas.setFont(REGULAR, BODY_SIZE)
    canvas.drawCentredString(LEFT + BODY_W / 2, PAGE_NUMBER_Y, str(doc.page))
    canvas.restoreState()


def no_page_number(canvas, doc) -> None:  # noqa: ANN001 - ReportLab callback
    return None
