"""The official report as PDF: a unit's period report and an upper level's consolidated report,
laid out per Decree 30/2020/NĐ-CP Appendix I (see :mod:`.pdf_kit` for the page geometry)."""

from __future__ import annotations

import io

from .model import ConsolidatedData, ReportData


def render_pdf(data: ReportData) -> bytes:
    """The PDF bytes of ``data`` (a :class:`ConsolidatedData` adds the per-unit table and the
    list of units that reported late or not at all). Deterministic: same data, same bytes."""
    from reportlab.platypus import SimpleDocTemplate

    from . import pdf_appendix, pdf_body
    from .fonts import REGULAR
    from .pdf_kit import BOTTOM, LEFT, RIGHT, TOP, draw_page_number, no_page_number

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
        title=f"{data.doc_number} {data.unit_name} {data.period_code}", author=data.unit_name,
        subject=data.period_label, creator="Lai Châu Desk", invariant=1,
        initialFontName=REGULAR, lang="vi-VN" if data.language != "en" else "en-GB",
    )
    story = pdf_body.body(data) + pdf_appendix.appendix(data)
    doc.build(story, onFirstPage=no_page_number, onLaterPages=draw_page_number)
    return buf.getvalue()


__all__ = ["ConsolidatedData", "ReportData", "render_pdf"]
