"""The rasteriser: PDF pages become pixel buffers of the right size and content."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lai_chau_desk.reports import raster


def test_every_page_is_rendered_at_the_asked_resolution(demo_pdf: bytes) -> None:
    n = len(PdfReader(io.BytesIO(demo_pdf)).pages)
    assert raster.page_count(demo_pdf) == n >= 2
    seen = []
    pages = raster.render_pages(demo_pdf, 72, progress=lambda d, t: seen.append((d, t)))
    assert [p.index for p in pages] == list(range(n))
    assert seen[-1] == (n, n)
    a4 = raster.page_sizes(demo_pdf)[0]
    assert a4 == pytest.approx((595.3, 841.9), abs=0.5)
    p = pages[0]
    assert abs(p.width - a4[0]) <= 1 and abs(p.height - a4[1]) <= 1
    assert p.stride >= p.width * 4 and len(p.pixels) == p.stride * p.height
    big = next(raster.iter_pages(demo_pdf, 144, pages=[0]))
    assert abs(big.width - 2 * p.width) <= 1


def test_pixels_show_text_on_white(demo_pdf: bytes) -> None:
    page = next(raster.iter_pages(demo_pdf, 50, pages=[0]))
    img = page.to_pil()
    corner = img.getpixel((2, 2))
    assert corner == (255, 255, 255)  # the margin is white paper
    # the title block has dark pixels (text), the bottom margin none
    dark = [
        img.getpixel((x, y))
        for y in range(page.height // 10, page.height // 3)
        for x in range(0, page.width, 2)
    ]
    assert sum(1 for px in dark if max(px) < 100) > 50
    bottom = [img.getpixel((x, page.height - 3)) for x in range(page.width)]
    assert all(px == (255, 255, 255) for px in bottom)


def test_cancel_stops_and_garbage_is_refused(demo_pdf: bytes) -> None:
    assert raster.render_pages(demo_pdf, 30, cancel=lambda: True) == []
    with pytest.raises(raster.PdfUnreadable):
        raster.page_count(b"not a pdf")
    with pytest.raises(ValueError):
        next(raster.iter_pages(demo_pdf, 0))
