"""The official report as PDF: a unit's period report and an upper level's consolidated report,
laid out per Decree 30/2020/NĐ-CP Appendix I (see :mod:`.pdf_kit` for the page geometry)."""

from __future__ import annotations

import io

from .model import ConsolidatedData, ReportData


def render_pdf(data: ReportData) -> bytes:
    """The PDF bytes of ``data`` (a :class:`ConsolidatedData` adds the per-unit table and the
    list of units that reported late or not at all). Deterministic: same data, same bytes."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from . import pdf_appendix, pdf_body
    from .fonts import REGULAR
    from .pdf_kit import BOTTOM, LEFT, PAGE_H, PAGE_W, RIGHT, TOP, draw_page_number, no_page_number

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"{data.doc_number} {data.unit_name} {data.period_code}",
        author=data.unit_name,
        subject=data.period_label,
        creator="Lai Châu Desk",
        invariant=1,
        initialFontName=REGULAR,
        lang="vi-VN" if data.language != "en" else "en-GB",
    )

    def frame() -> Frame:
        # no frame padding: text, tables and "Nơi nhận" share the margin's left edge
        return Frame(
            LEFT,
            BOTTOM,
            PAGE_W - LEFT - RIGHT,
            PAGE_H - TOP - BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    doc.addPageTemplates(
        [
            PageTemplate("first", [frame()], onPage=no_page_number, autoNextPageTemplate="later"),
            PageTemplate("later", [frame()], onPage=draw_page_number),
        ]
    )
    story = pdf_body.body(data) + pdf_appendix.appendix(data)
    doc.build(story)
    return buf.getvalue()


__all__ = ["ConsolidatedData", "ReportData", "render_pdf"]
