"""PDF pages as pixels, for the report preview and for printing (no Qt, no Pillow needed).

PDFium (through ``pypdfium2``) draws each page into a plain RGBX buffer; the GUI wraps the bytes
in a ``QImage`` and the tests may turn them into a Pillow image. PDFium is not thread-safe: call
these functions from one thread at a time (the app's single worker does so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

POINTS_PER_INCH = 72.0
MAX_DPI = 600.0  # an A4 page at 600 dpi is already 140 MB of pixels


class PdfUnreadable(ValueError):
    """The bytes are not a PDF that PDFium can open."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: ``height`` rows of ``stride`` bytes, 4 bytes a pixel (R, G, B, x)."""

    index: int  # 0-based page number
    width: int
    height: int
    stride: int
    pixels: bytes
    dpi: float
    mode: str = "RGBX"

    def to_pil(self):  # noqa: ANN201 - Pillow is optional, imported only here
        """The page as a Pillow image (RGB); needs Pillow."""
        from PIL import Image

        return Image.frombuffer(
            "RGBX", (self.width, self.height), self.pixels, "raw", "RGBX", self.stride, 1
        ).convert("RGB")


def _open(pdf: bytes):  # noqa: ANN202
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable(str(exc)) from exc


def page_count(pdf: bytes) -> int:
    """Number of pages of ``pdf``."""
    doc = _open(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in points (1/72 inch)."""
    doc = _open(pdf)
    try:
        return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


def iter_pages(
    pdf: bytes,
    dpi: float,
    pages: Iterable[int] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[PageImage]:
    """Yield the pages of ``pdf`` (all, or the 0-based ``pages``) rendered at ``dpi`` on white.
    Stops early when ``cancel()`` turns true."""
    if not 1 <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between 1 and {MAX_DPI:g}, not {dpi}")
    doc = _open(pdf)
    try:
        wanted = list(range(len(doc))) if pages is None else list(pages)
        for i in wanted:
            if cancel is not None and cancel():
                return
            page = doc[i]
            bitmap = page.render(
                scale=dpi / POINTS_PER_INCH,
                rev_byteorder=True,
                prefer_bgrx=True,
                fill_color=(255, 255, 255, 255),
                optimize_mode="print",
            )
            try:
                pixels = bytes(bitmap.buffer)
                yield PageImage(i, bitmap.width, bitmap.height, bitmap.stride, pixels, dpi)
            finally:
                bitmap.close()
                page.close()
    finally:
        doc.close()


def render_pages(
    pdf: bytes,
    dpi: float,
    pages: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[PageImage]:
    """All wanted pages as a list; ``progress(done, total)`` after each page."""
    total = page_count(pdf) if pages is None else len(list(pages))
    out: list[PageImage] = []
    for img in iter_pages(pdf, dpi, pages, cancel):
        out.append(img)
        if progress is not None:
            progress(len(out), total)
    return out
