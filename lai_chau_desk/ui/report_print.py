"""Printing the report: each PDF page is rendered at the printer's resolution (at most 300 dpi)
and painted over the whole sheet, so the report's own margins are the printed margins.

Painting runs on the worker thread (Qt allows QPainter on a QPrinter outside the GUI thread);
one page's pixels at a time are in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..domain.errors import DomainError
from ..services.report_pages import iter_pages
from .report_pages_view import to_qimage

PRINT_DPI_MAX = 300.0


class PrintFailed(DomainError):
    """The printer could not be started (message in Vietnamese)."""


def printers_available() -> bool:
    """True when the system knows at least one printer."""
    return bool(QPrinterInfo.availablePrinterNames())


def new_printer(doc_name: str) -> QPrinter:
    """A printer set up for the report: A4 portrait, no extra margins of its own."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(doc_name)
    return printer


def chosen_pages(printer: QPrinter, total: int) -> list[int]:
    """0-based pages the print dialog asked for (all when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        last = last if last >= first else total
        return [i - 1 for i in range(first, min(last, total) + 1)]
    return list(range(total))


def fit(image_w: float, image_h: float, area: QRectF) -> QRectF:
    """The largest rect of the image's aspect ratio centred in ``area``."""
    size = QSizeF(image_w, image_h).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRectF(
        area.x() + (area.width() - size.width()) / 2,
        area.y() + (area.height() - size.height()) / 2,
        size.width(),
        size.height(),
    )


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    pages: list[int],
    progress: Callable[[int, int], None],
    cancel: Callable[[], bool],
) -> int:
    """Paint ``pages`` of ``pdf`` on ``printer``; returns the number of pages printed. A cancel
    aborts the job (nothing reaches the printer from a PDF printer; a spooler drops it)."""
    dpi = float(min(max(printer.resolution(), 72), PRINT_DPI_MAX))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            "Không bắt đầu in được: máy in không sẵn sàng hoặc không ghi được "
            "tệp. Hãy kiểm tra máy in rồi thử lại."
        )
    done = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for page in iter_pages(pdf, dpi, pages, cancel):
            if done:
                printer.newPage()
            area = QRectF(painter.viewport())
            painter.drawImage(fit(page.width, page.height, area), to_qimage(page))
            done += 1
            progress(done, len(pages))
        if cancel():
            printer.abort()
    finally:
        painter.end()
    return done
