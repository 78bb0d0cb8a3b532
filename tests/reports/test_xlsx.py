"""The XLSX workbook: sheets, Vietnamese text and sort, formats, frozen header, totals."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from lai_chau_desk.domain.text import collation_key
from lai_chau_desk.reports.xlsx import render_xlsx

from .fixtures import consolidated


def _book(data: bytes):  # noqa: ANN202
    return load_workbook(io.BytesIO(data))


def test_totals_equal_the_service_figures(demo_suite, tmp_path):
    path = tmp_path / "r.xlsx"
    demo_suite.reports.write_xlsx("2026S2", path)
    figures = demo_suite.reporting.figures("2026S2")
    wb = load_workbook(path)
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary["Số buổi quán triệt, tuyên truyền"] == figures.sessions
    assert summary["Lượt người tham dự"] == figures.participants
    assert summary["Lượt nữ"] == figures.female
    assert summary["Số cuộc giám sát"] == figures.supervisions
    assert summary["Số kiến nghị"] == figures.recommendations
    sessions = wb["Buổi tuyên truyền"]
    header = [c.value for c in sessions[1]]
    rows = list(sessions.iter_rows(min_row=2, values_only=True))
    assert len(rows) == figures.sessions
    col = header.index("Lượt người")
    assert sum(r[col] for r in rows) == figures.participants
    assert sum(r[header.index("Nữ")] for r in rows) == figures.female
    sup = list(wb["Giám sát"].iter_rows(min_row=2, values_only=True))
    assert len(sup) == figures.supervisions


def test_every_sheet_has_a_bold_frozen_header_and_formats(demo_suite):
    wb = _book(render_xlsx(demo_suite.reports.build_data("2026S2")))
    assert wb.sheetnames == ["Tổng hợp", "Theo văn bản", "Chỉ tiêu vận động", "Buổi tuyên truyền",
                             "Giám sát"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1])
    ws = wb["Buổi tuyên truyền"]
    first = ws["A2"]
    assert isinstance(first.value, datetime | date) and first.number_format == "dd/mm/yyyy"
    assert ws.cell(row=2, column=7).number_format == "#,##0"
    assert wb["Buổi tuyên truyền"].cell(row=1, column=3).value == "Hình thức"


def test_consolidated_units_sheet_sorted_vietnamese_with_statuses():
    data = consolidated(units=15, sessions=20)
    data.units[0].unit_name = "Đội Công đoàn Ăn Uống"  # đ after d, ă after a
    data.units[1].unit_name = "Công đoàn Ânh"
    data.units[2].unit_name = "Công đoàn Anh"
    wb = _book(render_xlsx(data))
    ws = wb["Theo đơn vị"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    names = [r[1] for r in rows]
    assert names == sorted(names, key=collation_key)
    assert names.index("Công đoàn Anh") < names.index("Công đoàn Ânh")
    assert names[-1] == "Đội Công đoàn Ăn Uống"
    statuses = [r[2] for r in rows]
    assert statuses.count("Chưa báo cáo") == 2 and statuses.count("Chậm") == 3
    reported = sum(r[5] for r in rows if r[5] is not None)
    assert reported == data.figures.participants
