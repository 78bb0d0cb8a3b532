"""The XLSX workbook: sheets, Vietnamese text and sort, formats, frozen header, totals."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from lai_chau_desk.domain.text import collation_key
from lai_chau_desk.reports.xlsx import HEADER_ROW, render_xlsx

from .fixtures import consolidated


def _book(data: bytes):  # noqa: ANN202
    return load_workbook(io.BytesIO(data))


def _table(ws):  # noqa: ANN001,ANN202
    """(header, data rows, total row or None) of a sheet laid out with title rows and TT."""
    header = [c.value for c in ws[HEADER_ROW]]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    total = rows.pop() if rows and rows[-1][0] in ("", None) else None
    return header, rows, total


def test_totals_equal_the_service_figures(demo_suite, tmp_path):
    path = tmp_path / "r.xlsx"
    demo_suite.reports.write_xlsx("2026S2", path)
    figures = demo_suite.reporting.figures("2026S2")
    wb = load_workbook(path)
    summary = {r[1]: r[2] for r in _table(wb["Tổng hợp"])[1]}
    assert summary["Số buổi quán triệt, tuyên truyền"] == figures.sessions
    assert summary["Lượt người tham dự"] == figures.participants
    assert summary["Lượt nữ"] == figures.female
    assert summary["Số cuộc giám sát"] == figures.supervisions
    assert summary["Số kiến nghị"] == figures.recommendations
    header, rows, total = _table(wb["Buổi tuyên truyền"])
    assert len(rows) == figures.sessions
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # the TT column
    col = header.index("Lượt người")
    assert sum(r[col] for r in rows) == figures.participants == total[col]
    assert sum(r[header.index("Nữ")] for r in rows) == figures.female
    assert total[1] == "Tổng cộng"
    header, sup, _ = _table(wb["Giám sát"])
    assert len(sup) == figures.supervisions
    assert "Kết quả giám sát" in header
    _, recs, _ = _table(wb["Kiến nghị"])
    assert len(recs) == figures.recommendations


def test_every_sheet_has_a_bold_frozen_header_and_formats(demo_suite):
    wb = _book(render_xlsx(demo_suite.reports.build_data("2026S2")))
    assert wb.sheetnames == [
        "Tổng hợp",
        "Theo văn bản",
        "Chỉ tiêu vận động",
        "Buổi tuyên truyền",
        "Giám sát",
        "Kiến nghị",
    ]
    for ws in wb.worksheets:
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert all(c.font.b for c in ws[HEADER_ROW])
        assert ws["A1"].value == "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS THỬ NGHIỆM"  # title rows
        assert "6 tháng cuối năm 2026" in ws["A2"].value
        assert ws[HEADER_ROW][0].value == "TT"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    ws = wb["Buổi tuyên truyền"]
    first = ws.cell(row=HEADER_ROW + 1, column=2)
    assert isinstance(first.value, datetime | date) and first.number_format == "dd/mm/yyyy"
    assert ws.cell(row=HEADER_ROW + 1, column=8).number_format == "#,##0"
    assert ws.cell(row=HEADER_ROW, column=4).value == "Hình thức"
    # whole-number indicators are integers with an integer format (never "7.")
    for row in wb["Chỉ tiêu vận động"].iter_rows(min_row=HEADER_ROW + 1):
        value = row[-1]
        assert isinstance(value.value, int) and value.number_format == "#,##0"


def test_consolidated_units_sheet_sorted_vietnamese_with_statuses():
    data = consolidated(units=15, sessions=20)
    data.units[0].unit_name = "Đội Công đoàn Ăn Uống"  # đ after d, ă after a
    data.units[1].unit_name = "Công đoàn Ânh"
    data.units[2].unit_name = "Công đoàn Anh"
    wb = _book(render_xlsx(data))
    header, rows, total = _table(wb["Theo đơn vị"])
    assert total[2] == "Tổng cộng"
    rows = [r[1:] for r in rows]  # without TT
    names = [r[1] for r in rows]
    assert names == sorted(names, key=collation_key)
    assert names.index("Công đoàn Anh") < names.index("Công đoàn Ânh")
    assert names[-1] == "Đội Công đoàn Ăn Uống"
    statuses = [r[2] for r in rows]
    assert statuses.count("Chưa báo cáo") == 2 and statuses.count("Chậm") == 3
    col = header.index("Lượt người") - 1
    reported = sum(r[col] for r in rows if r[col] is not None)
    assert reported == data.figures.participants == total[col + 1]
