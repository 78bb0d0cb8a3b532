"""A ruled table of plain strings that lays itself out in one pass (the report's tables).

ReportLab's ``Table`` re-measures every remaining row each time a long table splits across a
page and draws every cell through a general style machinery; for the appendix of a consolidated
report (thousands of rows, hundreds of pages) that dominated the rendering time. This flowable:

- wraps each cell once, with a greedy word wrap measured from the font's advance widths (the
  same sums ``pdfmetrics.stringWidth`` makes) and cached per (text, width, font, size); a word
  wider than its column breaks between letters;
- knows every row's height up front, so splitting at a page end only slices the row list; the
  header row is repeated at the top of every piece;
- draws a piece with one text object (relative cursor moves, the font set only when it
  changes) and one path for all grid lines, written as PDF operators directly: the operators
  ReportLab's ``PDFTextObject.moveCursor``/``textLine`` and ``PDFPathObject`` would write, with
  each number's text and each line's glyph codes (its font subsets' bytes) computed once per
  document instead of once per line.

Cells are literal text (never markup), NFC, vertically centred like the rest of the report.
Cell fonts are TrueType fonts registered with ReportLab (the report's Liberation Serif).
Imports ReportLab: import this module lazily (from inside functions).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from ..domain.text import nfc

PAD = 3  # left and right cell padding, points
PAD_TOP, PAD_BOTTOM = 1.5, 3  # vertical cell padding, points
LINE_WIDTH = 0.5  # the grid, points


@lru_cache(maxsize=16)
def _advances(font: str) -> tuple[Any, float]:
    """The ``get`` of a TrueType font's advance widths (1/1000 em) and its default width."""
    face = getFont(font).face
    return face.charWidths.get, face.defaultWidth


def _units(text: str, font: str) -> float:
    """The advance of ``text`` in 1/1000 em: the sum ``stringWidth`` makes, in the same order,
    so ``0.001 * size * _units(text, font)`` is ``stringWidth(text, font, size)`` exactly."""
    get, default = _advances(font)
    return sum(map(get, map(ord, text), repeat(default)))


@lru_cache(maxsize=32768)
def _word_units(word: str, font: str) -> float:
    return _units(word, font)


def _word_width(word: str, font: str, size: float) -> float:
    return 0.001 * size * _word_units(word, font)


def _break_word(word: str, width: float, font: str, size: float) -> list[str]:
    """Pieces of a word too wide for ``width``, broken between letters (at least one each)."""
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and stringWidth(word[start:end], font, size) > width:
            pieces.append(word[start : end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces


@lru_cache(maxsize=65536)
def wrap_text(text: str, width: float, font: str, size: float) -> tuple[str, ...]:
    """The lines of ``text`` wrapped greedily at spaces to at most ``width`` points (a line break
    in the text is kept). Every word of the text is kept, in order; runs of spaces collapse."""
    out: list[str] = []
    space = _word_width(" ", font, size)
    for para in text.split("\n"):
        if 0.001 * size * _units(para, font) <= width:  # most cells: one line, measured once
            out.append(para.strip())
            continue
        line: list[str] = []
        used = 0.0
        for word in para.split():
            w = _word_width(word, font, size)
            if line and used + space + w <= width:
                line.append(word)
                used += space + w
                continue
            if line:
                out.append(" ".join(line))
            if w > width:
                *whole, word = _break_word(word, width, font, size)
                out += whole
                w = stringWidth(word, font, size)
            line, used = [word], w
        out.append(" ".join(line))
    return tuple(out)


class _Line(NamedTuple):
    """A line of text as a document's table writes it."""

    chunks: tuple[tuple[int, str], ...]  # (font subset, "(glyph codes) Tj") per run of a subset
    subset: int  # the subset of every chunk, or -2 when the line spans subsets
    shown: str  # the chunks then "T*": the line's code when its font is already set
    units: float  # its advance in 1/1000 em (see _units)


class _Writer:
    """What one PDF document's tables write, computed once per document: a number as ReportLab
    writes it (``fp_str``), a line of text as its :class:`_Line` (the glyph codes
    ``TTFont.splitString`` assigns in that document, escaped), a subset's font name."""

    # never a reference to the document: the document is its key in a WeakKeyDictionary
    def __init__(self) -> None:
        self.numbers: dict[float, str] = {}
        self.lines: dict[tuple[str, str], _Line] = {}

    def num(self, v: float) -> str:
        s = self.numbers.get(v)
        if s is None:
            s = self.numbers[v] = fp_str(v)
        return s

    def line(self, doc: Any, font: str, text: str) -> _Line:
        key = (font, text)
        found = self.lines.get(key)
        if found is None:
            # codes once assigned in a document never change: the split is the same every time
            chunks = tuple(
                (subset, f"({escapePDF(t)}) Tj")
                for subset, t in getFont(font).splitString(text, doc)
            )
            subsets = {subset for subset, _ in chunks}
            found = self.lines[key] = _Line(
                chunks,
                subsets.pop() if len(subsets) == 1 else -2,
                " ".join([*(tj for _, tj in chunks), "T*"]),
                _units(text, font),
            )
        return found

    def font_name(self, doc: Any, font: str, subset: int) -> str:
        return getFont(font).getSubsetInternalName(subset, doc)


_WRITERS: WeakKeyDictionary[Any, _Writer] = WeakKeyDictionary()


def _writer(doc: Any) -> _Writer:
    w = _WRITERS.get(doc)
    if w is None:
        w = _WRITERS[doc] = _Writer()
    return w


class _Row(NamedTuple):
    font: str
    height: float
    cells: tuple[tuple[str, ...], ...]  # the lines of each cell


def _row(cells: list[str], widths: list[float], font: str, size: float, leading: float) -> _Row:
    lines = tuple(
        wrap_text(nfc(c), w - 2 * PAD, font, size) for c, w in zip(cells, widths, strict=True)
    )
    return _Row(font, PAD_TOP + PAD_BOTTOM + max(len(x) for x in lines) * leading, lines)


class FastTable(Flowable):
    """A ruled table: a header row (``head_font``, centred) repeated on every page, then the
    rows in ``body_font``; ``aligns`` ("LEFT", "RIGHT", "CENTER") per column of the body rows;
    ``bold_last`` sets the last row (a total) in ``head_font``."""

    def __init__(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        aligns: list[str],
        font: str,
        head_font: str,
        size: float,
        bold_last: bool = False,
    ) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # like ReportLab's Table: centred on the frame, padding included
        leading = size * 1.2
        head = _row(header, widths, head_font, size, leading)
        body = [_row(r, widths, font, size, leading) for r in rows]
        if bold_last and body:
            body[-1] = _row(rows[-1], widths, head_font, size, leading)
        heights = [r.height for r in body]
        self._setup(head, body, heights, list(widths), list(aligns), size, leading)

    def _setup(
        self,
        head: _Row,
        body: list[_Row],
        heights: list[float],
        widths: list[float],
        aligns: list[str],
        size: float,
        leading: float,
    ) -> None:
        self._head, self._body, self._heights = head, body, heights
        self._widths, self._aligns = widths, aligns
        self._size, self._leading = size, leading
        self._width = sum(widths)
        # the body's heights in a list: a piece's sum runs in C, not once per row in Python
        # (every page's split sums the rest of a long table)
        self._height = head.height + sum(heights)

    def _piece(self, start: int, stop: int | None) -> FastTable:
        piece = FastTable.__new__(FastTable)
        Flowable.__init__(piece)
        piece.hAlign = self.hAlign
        rows, heights = self._body[start:stop], self._heights[start:stop]
        piece._setup(
            self._head, rows, heights, self._widths, self._aligns, self._size, self._leading
        )
        return piece

    @property
    def row_count(self) -> int:
        """Body rows in this table (or piece), the header not counted."""
        return len(self._body)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self._width, self._height

    def split(self, avail_w: float, avail_h: float) -> list[Flowable]:
        """The rows that fit in ``avail_h`` (under the header) and the rest, each piece with the
        header; nothing when not even one row fits (the frame then moves to the next page)."""
        room = avail_h - self._head.height
        k = 0
        for height in self._heights:
            if height > room:
                break
            room -= height
            k += 1
        if k == 0:
            return []
        if k == len(self._body):
            return [self]
        return [self._piece(0, k), self._piece(k, None)]

    def draw(self) -> None:
        canv = self.canv
        doc = canv._doc
        out = _writer(doc)
        num = out.num
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        canv.setStrokeColorRGB(0, 0, 0)
        canv.setLineWidth(LINE_WIDTH)
        xs = [0.0]
        for w in self._widths:
            xs.append(xs[-1] + w)
        rows = [self._head, *self._body]
        # what canv.beginText(0, 0) starts with; the font is set by the first line's chunk
        code = ["BT", "1 0 0 1 0 0 Tm"]
        cursor = [0.0, 0.0]  # start of the current text line
        state: list[Any] = [None, -1]  # the text's font and font subset (-1: none set yet)
        top = self._height
        width = num(self._width)
        grid = ["n"]  # a path object's code starts with "n" (no current path)
        for n, row in enumerate(rows):
            t = num(top)
            grid.append(f"0 {t} m {width} {t} l")
            if row.font != state[0]:
                state[0], state[1] = row.font, -1
            aligns = ["CENTER"] * len(xs) if n == 0 else self._aligns
            self._draw_row(doc, out, code, cursor, state, row, top, xs, aligns)
            top -= row.height
        t = num(top)
        grid.append(f"0 {t} m {width} {t} l")
        height = num(self._height)
        grid += [f"{num(x)} 0 m {num(x)} {height} l" for x in xs]
        code.append("ET")
        canv.addLiteral(" ".join(code))  # canv.drawText(text)
        canv.addLiteral(" ".join(grid))  # canv.drawPath(grid, stroke=1, fill=0)
        canv.addLiteral("S")
        canv.restoreState()

    def _draw_row(
        self,
        doc: Any,
        out: _Writer,
        code: list[str],
        cursor: list[float],
        state: list[Any],
        row: _Row,
        top: float,
        xs: list[float],
        aligns: list[str],
    ) -> None:
        """Append the row's lines to ``code``: each a ``Td`` move from the start of the previous
        line (``moveCursor``) and its chunks then ``T*`` (``textLine``), the font and size set
        before a chunk in another subset than the last one (``_formatText``)."""
        size, lead = self._size, self._leading
        num, font, get = out.num, row.font, out.lines.get
        tmpl = f"{num(size)} Tf {num(lead)} TL"
        h = row.height
        for lines, x0, x1, align in zip(row.cells, xs, xs[1:], aligns, strict=False):
            y = top - h + (PAD_BOTTOM + h - PAD_TOP + len(lines) * lead) / 2 - size
            for text in lines:
                if text:
                    line = get((font, text)) or out.line(doc, font, text)
                    if align == "LEFT":
                        x = x0 + PAD
                    else:
                        lw = 0.001 * size * line.units
                        x = x1 - PAD - lw if align == "RIGHT" else (x0 + x1 - lw) / 2
                    # moveCursor's dy counts downwards; textLine then moves one leading down
                    code.append(f"{num(x - cursor[0])} {num(-(cursor[1] - y))} Td")
                    if line.subset == state[1]:
                        code.append(line.shown)
                    else:
                        parts = []
                        for subset, tj in line.chunks:
                            if subset != state[1]:
                                parts.append(f"{out.font_name(doc, font, subset)} {tmpl}")
                                state[1] = subset
                            parts.append(tj)
                        parts.append("T*")
                        code.append(" ".join(parts))
                    cursor[0], cursor[1] = x, y - lead
                y -= lead
