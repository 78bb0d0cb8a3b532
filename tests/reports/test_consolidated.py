"""Issue 10: the upper level's official report is the consolidated report of its subtree,
built from the reports it holds; readable at Lai Châu's real size (40 communes × 25 units)."""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

from lai_chau_desk.app import open_database
from lai_chau_desk.i18n import format_int

from .fixtures import check_margins, page_texts, pdf_text
from .tree_fixture import PERIOD, build_province

TODAY = date(2026, 6, 28)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_province_report_at_40_communes_by_25_units(tmp_path: Path) -> None:
    suite = open_database(tmp_path / "province.db", today=lambda: TODAY)
    tree = build_province(suite)
    started = time.perf_counter()
    path = tmp_path / "province.pdf"
    suite.reports.write_pdf(PERIOD, path)
    elapsed = time.perf_counter() - started
    pdf = path.read_bytes()
    pages = page_texts(pdf)
    text = _flat("\n".join(pages))
    total = tree.subtree_total()
    own = suite.reporting.figures(PERIOD)
    sessions = total.sessions + own.sessions
    participants = total.participants + own.participants
    assert sessions > 1000 and participants > 10_000
    # the tree's figures in the voice of an upper level, Vietnamese number format
    assert (
        f"Trong 6 tháng đầu năm 2026, các cấp công đoàn đã tổ chức {format_int(sessions)} "
        "buổi quán triệt, tuyên truyền"
    ) in text
    assert f"với {format_int(participants)} lượt đoàn viên, CNVCLĐ tham gia" in text
    assert "." in format_int(participants)  # 59.388, not 59,388
    # who reported: 41 children (the 40 communes and the seed's public-servants union)
    assert (
        "Trong 6 tháng đầu năm 2026, 38/41 công đoàn trực thuộc đã gửi báo cáo (35 đúng hạn, "
        "3 chậm; 3 chưa báo cáo, danh sách tại Phụ lục 2)."
    ) in text
    # its own activities in their own sentence
    assert (
        "Riêng Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu đã trực tiếp tổ chức 3 buổi "
        "quán triệt, tuyên truyền"
    ) in text
    # every commune in the per-unit table, which has a total row
    table_text = "\n".join(pages).split("Phụ lục 1. Số liệu theo đơn vị")[1].split("Phụ lục 2.")[0]
    table = _flat(table_text)
    table_lines = "\n".join(" ".join(line.split()) for line in table_text.splitlines())
    names = suite.units.tree().children["LDLD-LC"]
    for unit in names:
        if unit.code.startswith("CD-XA-"):
            # abbreviated as union tables write it, the place name on one line
            short = unit.name.replace("Công đoàn ", "CĐ ", 1)
            assert short in table_lines, short
    assert "Tổng cộng" in table and "940/1.000" in table
    # no per-session appendix for other units' sessions: only the province's own three
    sessions_app = text.split("Danh sách các buổi quán triệt, tuyên truyền")[1]
    assert "Công đoàn cơ sở" not in sessions_app
    assert len(pages) <= 40
    assert elapsed < 30
    check_margins(pdf)
    # even with the optional table of every unit (1,040 rows) the report stays within 40 pages
    assert len(page_texts(suite.reports.pdf_bytes(PERIOD, every_unit=True))) <= 40
    suite.close()


def test_every_unit_table_is_optional(tmp_path: Path) -> None:
    suite = open_database(tmp_path / "province.db", today=lambda: TODAY)
    build_province(suite, communes=3, per_commune=4, missing=1, late=1)
    default = _flat(pdf_text(suite.reports.pdf_bytes(PERIOD)))
    every = _flat(pdf_text(suite.reports.pdf_bytes(PERIOD, every_unit=True)))
    assert "Số liệu của từng đơn vị trong toàn khối" not in default
    assert "Số liệu của từng đơn vị trong toàn khối" in every
    assert "CĐCS Trường Mầm non xã Bình Lư" in every.split("toàn khối")[1]
    suite.close()


def test_consolidated_xlsx_has_the_children_and_totals(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    suite = open_database(tmp_path / "province.db", today=lambda: TODAY)
    tree = build_province(suite, communes=5, per_commune=3, missing=1, late=1)
    path = tmp_path / "p.xlsx"
    suite.reports.write_xlsx(PERIOD, path)
    ws = load_workbook(path)["Theo đơn vị"]
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(values) if r[0] == "TT")
    header = values[header_at]
    body = values[header_at + 1 :]
    assert body[-1][header.index("Đơn vị")] == "Tổng cộng"
    sessions = header.index("Số buổi")
    assert (
        body[-1][sessions]
        == sum(r[sessions] or 0 for r in body[:-1])
        == sum(f.sessions for f in tree.figures.values())
    )
    assert ws.print_title_rows == "$4:$4" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    suite.close()


def test_a_commune_reports_what_it_imported_and_exports_the_same_report(tmp_path: Path) -> None:
    """From real packages: three grassroots units simulated, imported by a commune; its
    ``report --pdf`` and the ``report.pdf`` inside its package are the consolidated report."""
    from lai_chau_desk.exchange.package import read_package

    commune = open_database(tmp_path / "commune.db", today=lambda: date(2026, 11, 28))
    commune.units.init_own_unit("CD-XA-BL", "Công đoàn xã Bình Lư", "LDLD-LC")
    sim = commune.simulation.simulate(tmp_path / "in", 3, "2026S2", seed=3, sessions=(4, 6))
    counts = [read_package(f.read_bytes()).counts() for f in sim.files]
    assert {o.outcome for o in commune.imports.import_files(sim.files)} == {"new"}
    for unit in sim.units:
        commune.receipts.review(unit, "2026S2", "accepted")
    text = _flat(pdf_text(commune.reports.pdf_bytes("2026S2")))
    sessions = sum(c["sessions"] for c in counts)
    assert f"các công đoàn cơ sở trực thuộc đã tổ chức {format_int(sessions)} buổi" in text
    assert "3/3 công đoàn cơ sở trực thuộc đã gửi báo cáo đúng hạn" in text
    assert "Số: 01/BC-CĐ" in text and "TM. BAN THƯỜNG VỤ" in text and "Lưu: VT, TG-NC." in text
    pkg = read_package(commune.export.export_report("2026S2").data)
    inside = _flat(pdf_text(pkg.pdf))
    assert f"các công đoàn cơ sở trực thuộc đã tổ chức {format_int(sessions)} buổi" in inside
    commune.close()


def test_warnings_before_printing(tmp_path: Path) -> None:
    suite = open_database(tmp_path / "province.db", today=lambda: TODAY)
    build_province(suite, communes=3, per_commune=2, missing=1, late=0)
    warnings = suite.reports.report_warnings(PERIOD)
    assert any("IV. Phương hướng, nhiệm vụ" in w for w in warnings)
    assert any("chưa gửi báo cáo" in w for w in warnings)
    text = _flat(pdf_text(suite.reports.pdf_bytes(PERIOD)))
    after = text.split("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ")[1]
    assert after.lstrip().startswith("Trong 6 tháng cuối năm 2026, các cấp công đoàn tiếp tục")
    assert "Không có." not in after
    suite.reporting.save_narrative(PERIOD, "phuong-huong", "Tập trung tuyên truyền Kết luận 51.")
    assert not any("IV. Phương hướng" in w for w in suite.reports.report_warnings(PERIOD))
    suite.close()


def test_pdf_bytes_stay_a_readable_pdf() -> None:
    from pypdf import PdfReader

    from lai_chau_desk.reports.pdf import render_pdf

    from .fixtures import consolidated

    pdf = render_pdf(consolidated(units=50, sessions=10))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_row_numbers_of_four_digits_stay_on_one_line() -> None:
    """A province's appendix lists thousands of sessions: the "TT" column widens with the
    row count instead of breaking "1050" into "105" over "0"."""
    from lai_chau_desk.reports.pdf import render_pdf

    from .fixtures import consolidated, text_runs

    pdf = render_pdf(consolidated(units=12, sessions=1100))
    texts = {run[0].strip() for page in text_runs(pdf) for run in page}
    assert {"999", "1000", "1050", "1100"} <= texts
