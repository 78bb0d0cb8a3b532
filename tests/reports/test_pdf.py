"""The PDF read back: labels, fonts, margins, pagination, literal user text, qpdf."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.domain.supervision import Recommendation, SupervisionActivity
from lai_chau_desk.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from lai_chau_desk.reports.pdf import render_pdf

from .fixtures import PAGE_H, TOP, check_margins, consolidated, page_texts, pdf_text, text_runs

LABELS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 01/BC-CĐCS",
    "Lai Châu, ngày 28 tháng 11 năm 2026",
    "BÁO CÁO",
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "1. Công tác quán triệt, tuyên truyền",
    "2. Công tác tuyên truyền, vận động",
    "3. Công tác giám sát",
    "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "Nơi nhận:",
    "TM. BAN CHẤP HÀNH",
    "CHỦ TỊCH",
    "Lò Thị Hương",
    "PHỤ LỤC",
    "Bảng 1. Số liệu quán triệt, tuyên truyền",
    "Biểu đồ. Lượt người tham dự theo văn bản",
    "Phụ lục 1. Danh sách các buổi quán triệt, tuyên truyền",
    "Phụ lục 2. Danh sách các hoạt động giám sát",
    "Mã khóa ký điện tử: SHA256:ab12 cd34 ef56 7890",
    "6 tháng cuối năm 2026 (từ ngày 15/6/2026 đến ngày 14/12/2026)",
]


def test_every_vietnamese_label_is_extracted_exactly_in_nfc(demo_pdf):
    text = pdf_text(demo_pdf)
    assert unicodedata.is_normalized("NFC", text)
    lines = {line.strip() for line in text.splitlines()}
    missing = [label for label in LABELS if label not in lines]
    assert not missing, missing


def test_all_fonts_are_the_bundled_ones_and_embedded(demo_pdf):
    reader = PdfReader(io.BytesIO(demo_pdf))
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+")[-1]
            seen.add(name)
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            desc = font["/FontDescriptor"].get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    assert seen == {REGULAR, BOLD, ITALIC, BOLD_ITALIC}


def test_every_text_line_lies_inside_the_margins(demo_pdf):
    assert check_margins(demo_pdf) > 200


def test_page_numbers_centred_at_the_top_from_page_two(demo_pdf):
    pages = text_runs(demo_pdf)
    assert len(pages) >= 3
    for n, runs in enumerate(pages, 1):
        top = [r for r in runs if r[2] > PAGE_H - TOP]
        assert [r[0].strip() for r in top] == ([] if n == 1 else [str(n)])


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (Debian: qpdf)")
def test_qpdf_check_is_clean(demo_pdf, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(demo_pdf)
    proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors" in proc.stdout


def test_user_markup_is_printed_literally(unit_suite):
    s = unit_suite
    s.sessions.add(
        DisseminationSession(
            held_on=date(2026, 9, 1),
            title="Tọa đàm <b>& kiến thức</b> mới",
            directive_codes=["50-KL/TW"],
            attendance=Attendance(participants=10),
        )
    )
    s.supervision.save(
        SupervisionActivity(
            held_on=date(2026, 9, 2),
            field="khcn",
            target="Sở <KH&CN>",
            recommendations=[Recommendation(text="x")],
        )
    )
    s.reporting.save_narrative("2026S2", "ton-tai", "Thiếu <b>& tài liệu; a < b > c")
    text = pdf_text(s.reports.pdf_bytes("2026S2"))
    assert "Thiếu <b>& tài liệu; a < b > c" in text
    assert "Sở <KH&CN>" in text
    assert "<b>& kiến" in text
    assert "&amp;" not in text and "&lt;" not in text


def _big_period(suite, n: int) -> None:
    sessions = [
        DisseminationSession(
            held_on=date(2026, 6, 15) + timedelta(days=i % 160),
            title=f"Buổi tuyên truyền số {i + 1} về Kết luận số 51-KL/TW tại điểm trường vùng cao "
            "Pa Vệ Sử, có tên dài để xuống dòng",
            directive_codes=["51-KL/TW"],
            form="long-ghep",
            attendance=Attendance(participants=20, union_members=15, female=9, ethnic_minority=7),
        )
        for i in range(n)
    ]
    suite.sessions.bulk_add(sessions)


def test_300_sessions_paginate_without_overlap_and_repeat_the_table_header(unit_suite):
    _big_period(unit_suite, 300)
    pdf = unit_suite.reports.pdf_bytes("2026S2")
    check_margins(pdf)
    texts = page_texts(pdf)
    appendix = [i for i, t in enumerate(texts) if "PHỤ LỤC" in t][0]
    later = texts[appendix:]
    assert len(later) >= 5
    for t in later:  # every page of the list starts with the header row
        assert "Tên buổi, nội dung" in t and "Hình thức" in t
    for i in (1, 150, 300):
        assert f"Buổi tuyên truyền số {i} về" in "".join(later)
    # no two runs of a page are drawn on top of each other
    for runs in text_runs(pdf):
        spots = [(round(x), round(y)) for _t, x, y, _s, _f in runs]
        assert len(spots) == len(set(spots))
    assert "6.000" in "".join(later)  # total participants 300 × 20, Vietnamese grouping


def test_consolidated_report_lists_missing_and_late_units():
    data = consolidated(units=15, sessions=30)
    pdf = render_pdf(data)
    check_margins(pdf)
    text = " ".join(pdf_text(pdf).split())
    # issue 10: the upper level's voice, counts in a sentence, the names in an appendix table
    assert (
        "Trong 6 tháng đầu năm 2026, 13/15 công đoàn trực thuộc đã gửi báo cáo (10 đúng "
        "hạn, 3 chậm; 2 chưa báo cáo, danh sách tại Phụ lục 2)."
    ) in text
    assert "Phụ lục 1. Số liệu theo đơn vị" in text
    assert "Phụ lục 2. Danh sách đơn vị báo cáo chậm, chưa báo cáo" in text
    late_list = text.split("Phụ lục 2.")[-1].split("Phụ lục 3.")[0]
    for i in (5, 10, 15, 7, 14):
        assert f"Công đoàn cơ sở Trường số {i} xã Bản Hon" in late_list
    assert late_list.count("Chưa báo cáo") == 2 and late_list.count("Chậm") == 3
    assert "Tổng hợp kết quả quán triệt" in text


def test_english_report(demo_suite):
    text = pdf_text(demo_suite.reports.pdf_bytes("2026S2", lang="en"))
    for label in (
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "REPORT",
        "Recipients:",
        "Lai Châu, 28 November 2026",
        "II. RESULTS",
    ):
        assert label in text
    assert "Nơi nhận" not in text


def test_same_data_gives_the_same_bytes(demo_suite):
    assert demo_suite.reports.pdf_bytes("2026S2") == demo_suite.reports.pdf_bytes("2026S2")


def test_empty_period_reads_naturally(unit_suite):
    text = " ".join(pdf_text(unit_suite.reports.pdf_bytes("2026S2")).split())
    assert (
        "Trong 6 tháng cuối năm 2026, đơn vị chưa tổ chức buổi quán triệt, tuyên truyền nào."
        in text
    )
    assert (
        "Trong 6 tháng cuối năm 2026, Ban Chấp hành Công đoàn cơ sở chưa tổ chức hoạt động "
        "giám sát."
    ) in text
    assert "Không có." not in text.split("IV. PHƯƠNG HƯỚNG")[1]  # suggested text instead
    assert "Trong 6 tháng đầu năm 2027, Ban Chấp hành Công đoàn cơ sở tiếp tục" in text
    assert "PHỤ LỤC" not in text
