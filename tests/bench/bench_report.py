"""Benchmark: a consolidated report with a 1,000-unit table and 2,000 sessions in the appendix.

The app: ``reports.pdf.render_pdf``, the renderer ``report --pdf`` and the report screen call.
Floor, measured in the same run: the least any renderer of those rows must do: register the
same fonts and draw every cell's text of the two tables (units, sessions) with ReportLab's
canvas at fixed positions, a new page every 40 rows: no layout, no wrapping, no header blocks,
no sentences, no grid. Goal: the full report takes at most 1.5 × the floor. Both are timed
alternately (floor, app…), :data:`runner.REPEATS` times each, the app's caches cleared before
every repeat.

    python -m tests.bench report [--quick]
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lai_chau_desk.i18n import format_date, format_int  # noqa: E402
from lai_chau_desk.reports.pdf import render_pdf  # noqa: E402
from tests.bench.runner import REPEATS, alternate, clear_caches, figure  # noqa: E402
from tests.reports.fixtures import consolidated  # noqa: E402

GOAL = 1.5


def _rows(data) -> list[list[str]]:  # noqa: ANN001
    units = [["TT", "Đơn vị", "Tình trạng", "Buổi", "Người", "Nữ", "DTTS", "GS", "KN"]]
    for i, u in enumerate(data.units, 1):
        f = u.figures
        names = ("sessions", "participants", "female", "ethnic_minority")
        nums = (
            [getattr(f, n) for n in (*names, "supervisions", "recommendations")] if f else [0] * 6
        )
        units.append([str(i), u.unit_name, u.status, *(format_int(v) for v in nums)])
    sessions = [["TT", "Ngày", "Đơn vị", "Tên buổi", "Hình thức", "Người", "Nữ", "DTTS"]]
    for i, s in enumerate(data.sessions, 1):
        counts = (s.count("participants"), s.count("female"), s.count("ethnic_minority"))
        row = [str(i), format_date(s.held_on), s.unit_name, s.title, s.form]
        sessions.append(row + [format_int(v) for v in counts])
    return units + sessions


def floor_pdf(data) -> bytes:  # noqa: ANN001
    """Every cell's text of the same rows drawn at fixed places: the least any renderer does."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from lai_chau_desk.reports.fonts import REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=landscape(A4))
    rows = _rows(data)
    for first in range(0, len(rows), 40):  # one text object a page: ReportLab's cheapest way
        if first:
            c.showPage()
        text = c.beginText()
        text.setFont(REGULAR, 8)
        for n, row in enumerate(rows[first : first + 40]):
            for k, cell in enumerate(row):
                text.setTextOrigin(20 + k * 95, 560 - n * 13)
                text.textOut(cell[:60])
        c.drawText(text)
    c.save()
    return buf.getvalue()


def _timed(fn):  # noqa: ANN001, ANN202
    def call(data) -> float:  # noqa: ANN001
        t0 = time.perf_counter()
        fn(data)
        return time.perf_counter() - t0

    return call


def run(quick: bool = False) -> list[dict]:
    units, sessions = (200, 400) if quick else (1000, 2000)
    data = consolidated(units=units, sessions=sessions)
    floor_pdf(data), render_pdf(data)  # imports and font files loaded once, as in the app
    floors, apps = alternate(
        _timed(floor_pdf), _timed(render_pdf), 3 if quick else REPEATS, setup=lambda _i: data
    )
    pages = render_pdf(data).count(b"/Type /Page\n")
    row = figure(
        f"consolidated report PDF ({units} units, {sessions} sessions, {pages} pages)",
        apps,
        floors,
        f"<= {GOAL}x floor",
        lambda _v, ratio: ratio is not None and ratio <= GOAL,
    )
    return [row, province(quick)]


def province(quick: bool = False) -> dict:
    """The province's official report from its database at 40 communes × 25 units (issue 10:
    ≤ 40 pages): built from the held reports and rendered, as ``report --pdf`` does."""
    import tempfile
    from datetime import date

    from lai_chau_desk.app import open_database
    from tests.reports.tree_fixture import PERIOD, build_province

    communes, per = (10, 25) if quick else (40, 25)
    with tempfile.TemporaryDirectory() as tmp:
        suite = open_database(Path(tmp) / "p.db", today=lambda: date(2026, 6, 28))
        build_province(suite, communes=communes, per_commune=per)
        suite.reports.pdf_bytes(PERIOD)  # imports and fonts loaded once, as in the app
        times = []
        for _i in range(3 if quick else REPEATS):
            clear_caches()
            t0 = time.perf_counter()
            pdf = suite.reports.pdf_bytes(PERIOD)
            times.append(time.perf_counter() - t0)
        pages = pdf.count(b"/Type /Page\n")
        suite.close()
    return figure(
        f"province report from the database ({communes} × {per} units, {pages} pages)",
        times,
        None,
        "<= 40 pages",
        lambda _v, _r: pages <= 40,
    )


if __name__ == "__main__":
    from tests.bench.runner import print_table

    print_table(run("--quick" in sys.argv))
