"""The report's pages as pixels for the GUI's preview and printing.

The GUI reaches rendering only through services (see ``tests/test_architecture.py``); this is
that door to :mod:`lai_chau_desk.reports.raster`, plus the default file names of the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ..reports.raster import PageImage, PdfUnreadable, page_count, page_sizes

__all__ = [
    "PageImage",
    "PdfUnreadable",
    "page_count",
    "page_sizes",
    "iter_pages",
    "render_pages",
    "report_file_name",
]


def iter_pages(
    pdf: bytes,
    dpi: float,
    pages: Iterable[int] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[PageImage]:
    """Yield rendered pages (see :func:`lai_chau_desk.reports.raster.iter_pages`)."""
    from ..reports import raster

    return raster.iter_pages(pdf, dpi, pages, cancel)


def render_pages(
    pdf: bytes,
    dpi: float,
    pages: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[PageImage]:
    """Rendered pages as a list (see :func:`lai_chau_desk.reports.raster.render_pages`)."""
    from ..reports import raster

    return raster.render_pages(pdf, dpi, pages, progress, cancel)


def report_file_name(period_code: str, unit_code: str, suffix: str, lang: str = "vi") -> str:
    """``BaoCao_2026S2_CDCS-THCS-TN.pdf`` (``Report_…`` in English): only letters, digits,
    ``-`` and ``_``, so the name is valid on every file system and survives e-mail."""

    def safe(s: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]+", "", s) or "X"

    stem = "Report" if lang == "en" else "BaoCao"
    return f"{stem}_{safe(period_code)}_{safe(unit_code)}.{suffix.lstrip('.')}"
