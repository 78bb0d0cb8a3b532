"""Benchmark: a consolidated report with a 1,000-unit table and 2,000 sessions in the appendix.

Floor, measured in the same run: a plain ReportLab document holding two plain tables of the
same rows (same font, header repeated, no wrapping, no header blocks, no sentences). Goal: the
full report takes at most 1.5 × the floor.

    python tests/bench/bench_report.py [--quick]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lai_chau_desk.i18n import format_date, format_int  # noqa: E402
from lai_chau_desk.reports.pdf import render_pdf  # noqa: E402
from tests.reports.fixtures import consolidated  # noqa: E402

GOAL = 1.5


def floor_pdf(data) -> bytes:  # noqa: ANN001
    """The same rows as two plain ReportLab tables: the least any renderer must do."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from lai_chau_desk.reports.fonts import REGULAR, register_fonts

    register_fonts()
    style = TableStyle(
        [("FONT", (0, 0), (-1, -1), REGULAR, 10), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]
    )
    units = [["TT", "Đơn vị", "Tình trạng", "Buổi", "Người", "Nữ", "DTTS", "GS", "KN"]]
    for i, u in enumerate(data.units, 1):
        f = u.figures
        nums = (
            [
                f.sessions,
                f.participants,
                f.female,
                f.ethnic_minority,
                f.supervisions,
                f.recommendations,
            ]
            if f
            else [0] * 6
        )
        units.append([str(i), u.unit_name, u.status, *(format_int(v) for v in nums)])
    sessions = [["TT", "Ngày", "Đơn vị", "Tên buổi", "Hình thức", "Người", "Nữ", "DTTS"]]
    for i, s in enumerate(data.sessions, 1):
        sessions.append(
            [
                str(i),
                format_date(s.held_on),
                s.unit_name,
                s.title,
                s.form,
                format_int(s.count("participants")),
                format_int(s.count("female")),
                format_int(s.count("ethnic_minority")),
            ]
        )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, initialFontName=REGULAR)
    doc.build([Table(units, repeatRows=1, style=style), Table(sessions, repeatRows=1, style=style)])
    return buf.getvalue()


def _time(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    units, sessions = (200, 400) if quick else (1000, 2000)
    repeat = 3
    data = consolidated(units=units, sessions=sessions)
    floor_pdf(data), render_pdf(data)  # warm up: fonts, imports
    floor = _time(lambda: floor_pdf(data), repeat)
    value = _time(lambda: render_pdf(data), repeat)
    pages = render_pdf(data).count(b"/Type /Page\n")
    ratio = value / floor
    return [
        {
            "figure": f"consolidated report PDF ({units} units, {sessions} sessions, "
            f"~{pages} pages)",
            "value": round(value, 3),
            "unit": "s",
            "floor": round(floor, 3),
            "ratio": round(ratio, 2),
            "goal": f"<= {GOAL}x floor",
            "met": ratio <= GOAL,
        },
        province(quick),
    ]


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
        suite.reports.pdf_bytes(PERIOD)  # warm up
        value = _time(lambda: suite.reports.pdf_bytes(PERIOD), 3)
        pages = suite.reports.pdf_bytes(PERIOD).count(b"/Type /Page\n")
        suite.close()
    return {
        "figure": f"province report from the database ({communes} × {per} units, {pages} pages)",
        "value": round(value, 3),
        "unit": "s",
        "floor": None,
        "ratio": None,
        "goal": "<= 40 pages",
        "met": pages <= 40,
    }


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(
            f"{row['figure']}: {row['value']} {row['unit']}; floor {row['floor']} s; "
            f"ratio {row['ratio']}; goal {row['goal']}; met {row['met']}"
        )
