"""The report's ruled table (FastTable): wrapping, splitting across pages, drawing in the frame."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from lai_chau_desk.reports.fonts import BOLD, REGULAR, register_fonts
from lai_chau_desk.reports.pdf_fasttable import FastTable, wrap_text

from .fixtures import BOTTOM, LEFT, MM, PAGE_H, RIGHT, TOP, check_margins, page_texts, text_runs

register_fonts()
SIZE = 10
WIDTHS = [8 * MM, 40 * MM, 0, 16 * MM]
WIDTHS[2] = 210 * MM - LEFT - RIGHT - sum(WIDTHS)
HEADER = ["TT", "Đơn vị", "Tên buổi, nội dung", "Lượt người"]
WORDS = st.sampled_from(
    [
        "Hội",
        "nghị",
        "quán",
        "triệt",
        "Kết",
        "luận",
        "số",
        "50-KL/TW",
        "tại",
        "điểm",
        "trường",
        "vùng",
        "cao",
        "Pa",
        "Vệ",
        "Sử",
        "<b>&",
        "a",
        "Nậm",
        "Nhùn",
        "Mường",
        "Tè",
    ]
)


def _width(text: str, font: str = REGULAR) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, SIZE)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40), st.floats(min_value=30, max_value=300))
def test_wrapping_keeps_every_word_in_order_and_inside_the_width(words, width):
    text = " ".join(words)
    lines = wrap_text(text, width, REGULAR, SIZE)
    assert "".join(lines).replace(" ", "") == "".join(words)  # every letter, in order
    if all(_width(w) <= width for w in words):  # no word had to break: the words are intact
        assert " ".join(lines).split() == words
    for line in lines:
        assert line == line.strip() and line
        assert _width(line) <= width + 1e-6 or len(line) == 1  # only a lone letter may overflow


def test_a_word_wider_than_the_column_breaks_between_letters():
    word = "Công-đoàn-cơ-sở-Trường-Phổ-thông-dân-tộc-nội-trú"
    lines = wrap_text(f"Tên {word} mới", 60, REGULAR, SIZE)
    assert "".join(lines).replace(" ", "") == f"Tên{word}mới"
    assert len(lines) >= 3
    assert all(_width(line) <= 60 for line in lines)


def test_line_breaks_in_a_cell_are_kept():
    assert wrap_text("Đúng hạn\n17/06/2026", 200, REGULAR, SIZE) == ("Đúng hạn", "17/06/2026")


def _rows(n: int) -> list[list[str]]:
    return [
        [
            str(i),
            f"Công đoàn cơ sở Trường số {i} xã Bản Hon",
            f"Hội nghị quán triệt Kết luận số 50-KL/TW lần {i} tại điểm trường vùng cao "
            f"{'Pa Vệ Sử ' * (i % 4)}<b>& kết thúc {i}.",
            f"{i * 3:,}".replace(",", "."),
        ]
        for i in range(1, n + 1)
    ]


def _table(rows: list[list[str]]) -> FastTable:
    return FastTable(
        HEADER,
        rows,
        WIDTHS,
        ["CENTER", "LEFT", "LEFT", "RIGHT"],
        REGULAR,
        BOLD,
        SIZE,
        bold_last=True,
    )


def _pdf(rows: list[list[str]]) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM, invariant=1
    )
    doc.build([_table(rows)])
    return buf.getvalue()


def test_split_pieces_fit_and_keep_every_row_once():
    table = _table(_rows(120))
    _w, total = table.wrap(500, 700)
    first, rest = table.split(500, 300)
    assert first.wrap(500, 300)[1] <= 300
    assert first.row_count + rest.row_count == 120
    assert first.wrap(500, 300)[1] + rest.wrap(500, 700)[1] > total  # the header is repeated
    assert table.split(500, 20) == []  # the header alone fits, no row does: move to next page
    small = _table(_rows(3))
    assert small.split(500, 700) == [small]


def test_a_long_table_splits_across_pages_repeating_the_header_and_stays_in_the_frame():
    rows = _rows(300)
    pdf = _pdf(rows)
    pages = page_texts(pdf)
    assert len(pages) >= 8
    for text in pages:
        head = text.split("\n")[:5]  # the header row (its last cell wraps) starts every page
        assert head == ["TT", "Đơn vị", "Tên buổi, nội dung", "Lượt", "người"], head
    flat = " ".join(" ".join(pages).split())
    for i in range(1, 301):  # every row once, its long text wrapped but complete
        assert flat.count(f"lần {i} tại") == 1
        assert f"<b>& kết thúc {i}." in flat  # literal, never markup
    assert check_margins(pdf) > 300 * 4
    for runs in text_runs(pdf):  # no two runs on top of each other
        spots = [(round(x), round(y)) for _t, x, y, _s, _f in runs]
        assert len(spots) == len(set(spots))


def test_wrapped_cells_stay_inside_their_column():
    pdf = _pdf(_rows(40))
    x2 = LEFT + sum(WIDTHS[:2])  # the title column's edges
    x3 = x2 + WIDTHS[2]
    seen = 0
    for runs in text_runs(pdf):
        for text, x, _y, size, font in runs:
            if re.search(r"Hội nghị|vùng cao|kết thúc", text):
                from reportlab.pdfbase.pdfmetrics import stringWidth

                assert x >= x2 and x + stringWidth(text.strip(), font, size) <= x3, text
                seen += 1
    assert seen >= 80  # every title took two lines or more


def test_grid_and_rows_are_drawn_inside_the_frame():
    pdf = _pdf(_rows(300))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        ops = page.get_contents().get_data().decode("latin-1")
        ys = [float(m) for m in re.findall(r"[-\d.]+ ([-\d.]+) [ml]\b", ops)]
        xs = [float(m) for m in re.findall(r"([-\d.]+) [-\d.]+ [ml]\b", ops)]
        # the path is drawn in the flowable's own coordinates: translate by the cm in effect
        tx, ty = (float(v) for v in re.findall(r"1 0 0 1 ([-\d.]+) ([-\d.]+) cm", ops)[-1])
        assert min(ys) + ty >= BOTTOM - 0.5 and max(ys) + ty <= PAGE_H - TOP + 0.5
        assert min(xs) + tx >= LEFT - 0.5 and max(xs) + tx <= 210 * MM - RIGHT + 0.5


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_widths_are_exactly_reportlabs_string_widths(text):
    from lai_chau_desk.reports.pdf_fasttable import _units

    for font in (REGULAR, BOLD):
        assert 0.001 * SIZE * _units(text, font) == _width(text, font)


def _reference_draw(table: FastTable, canv) -> None:  # noqa: ANN001
    """The table drawn through ReportLab's own text and path objects (moveCursor, textLine,
    moveTo, lineTo): what FastTable.draw writes as operators directly."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lai_chau_desk.reports.pdf_fasttable import LINE_WIDTH, PAD, PAD_BOTTOM, PAD_TOP

    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    canv.setStrokeColorRGB(0, 0, 0)
    canv.setLineWidth(LINE_WIDTH)
    xs = [0.0]
    for w in table._widths:
        xs.append(xs[-1] + w)
    text = canv.beginText(0, 0)
    cursor, font, top, grid = [0.0, 0.0], None, table._height, canv.beginPath()
    size, lead = table._size, table._leading
    for n, row in enumerate([table._head, *table._body]):
        grid.moveTo(0, top)
        grid.lineTo(table._width, top)
        if row.font != font:
            font = row.font
            text.setFont(font, size, lead)
        aligns = ["CENTER"] * len(xs) if n == 0 else table._aligns
        h = row.height
        for lines, x0, x1, align in zip(row.cells, xs, xs[1:], aligns, strict=False):
            y = top - h + (PAD_BOTTOM + h - PAD_TOP + len(lines) * lead) / 2 - size
            for line in lines:
                if line:
                    lw = stringWidth(line, font, size)
                    x = (
                        x0 + PAD
                        if align == "LEFT"
                        else x1 - PAD - lw
                        if align == "RIGHT"
                        else (x0 + x1 - lw) / 2
                    )
                    text.moveCursor(x - cursor[0], cursor[1] - y)
                    text.textLine(line)
                    cursor[0], cursor[1] = x, y - lead
                y -= lead
        top -= row.height
    grid.moveTo(0, top)
    grid.lineTo(table._width, top)
    for x in xs:
        grid.moveTo(x, 0)
        grid.lineTo(x, table._height)
    canv.drawText(text)
    canv.drawPath(grid, stroke=1, fill=0)
    canv.restoreState()


def _drawn(rows: list[list[str]], reference: bool) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1)
    for piece in _table(rows).split(500, 700):
        piece.canv = canv
        _reference_draw(piece, canv) if reference else piece.draw()
        canv.showPage()
    canv.save()
    return buf.getvalue()


def test_drawing_writes_what_reportlabs_text_and_path_objects_write():
    rows = _rows(60)
    # more letters than one font subset holds (256 codes): lines then switch subsets midway
    letters = [chr(c) for c in range(0x100, 0x24F)] + [chr(c) for c in range(0x391, 0x3C9)]
    words = ["".join(letters[k : k + 7]) for k in range(0, len(letters), 7)]
    rows += [
        [str(61 + k), " ".join(words[k::3]), " ".join(words[k + 1 :: 4]), ""] for k in range(3)
    ]
    rows.append(["", "Tổng", "", "180"])
    assert _drawn(rows, reference=False) == _drawn(rows, reference=True)


def test_what_a_document_wrote_goes_with_the_document():
    import gc

    from lai_chau_desk.reports.pdf_fasttable import _WRITERS

    gc.collect()
    before = len(_WRITERS)
    _pdf(_rows(30))
    _pdf(_rows(30))
    gc.collect()
    assert len(_WRITERS) == before  # no rendered document (nor its caches) is kept alive
