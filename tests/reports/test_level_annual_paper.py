"""Issue 10: level-aware wording, header lines that never split a place name, the annual report
adding up the year by indicator kind, and the paper code that ties the print to the file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.catalogue import IndicatorValue, combine_indicator_values
from lai_chau_desk.domain.units import UnitProfile, level_wording
from lai_chau_desk.reports.fonts import BOLD, REGULAR
from lai_chau_desk.reports.header_fit import DESIGNATORS, fit_header
from lai_chau_desk.reports.paper_code import PaperIdentity, make_code, matches, parse_code
from tests.conftest import run_cli

from .fixtures import pdf_text


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# ---- level wording ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "level", "below", "prefix", "sign"),
    [
        (
            "Công đoàn cơ sở Trường THCS Bản Hon",
            "Công đoàn cơ sở",
            False,
            "BC-CĐCS",
            "TM. BAN CHẤP HÀNH",
        ),
        ("Công đoàn xã Bình Lư", "Công đoàn xã, phường", True, "BC-CĐ", "TM. BAN THƯỜNG VỤ"),
        ("Công đoàn xã Bình Lư", "", False, "BC-CĐ", "TM. BAN THƯỜNG VỤ"),
        ("Công đoàn Viên chức tỉnh Lai Châu", "", True, "BC-CĐVC", "TM. BAN THƯỜNG VỤ"),
        (
            "Liên đoàn Lao động tỉnh Lai Châu",
            "Liên đoàn Lao động tỉnh",
            True,
            "BC-LĐLĐ",
            "TM. BAN THƯỜNG VỤ",
        ),
        ("Công đoàn ngành Giáo dục tỉnh", "", True, "BC-CĐ", "TM. BAN THƯỜNG VỤ"),
    ],
)
def test_symbol_and_signing_authority_follow_the_level(name, level, below, prefix, sign):
    w = level_wording(name, level, below)
    assert (w.doc_prefix, w.on_behalf) == (prefix, sign)
    assert w.filing == ("Lưu: VT, TG-NC." if w.upper else "Lưu: VT, BCH.")


def test_the_printed_report_carries_the_level_wording_and_a_typed_value_wins(tmp_path: Path):
    suite = open_database(tmp_path / "p.db", today=lambda: date(2026, 11, 28))
    suite.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    text = _flat(pdf_text(suite.reports.pdf_bytes("2026S2")))
    assert "Số: 01/BC-LĐLĐ" in text and "TM. BAN THƯỜNG VỤ" in text
    assert "Lưu: VT, TG-NC." in text and "BC-CĐCS" not in text and "BAN CHẤP HÀNH" not in text
    profile = suite.units.profile()
    profile.doc_prefix = "BC-TGNC"
    suite.units.save_profile(profile)
    assert "Số: 01/BC-TGNC" in _flat(pdf_text(suite.reports.pdf_bytes("2026S2")))
    suite.close()


def test_a_grassroots_report_keeps_the_grassroots_wording(unit_suite):
    text = _flat(pdf_text(unit_suite.reports.pdf_bytes("2026S2")))
    assert "Số: 01/BC-CĐCS" in text and "TM. BAN CHẤP HÀNH" in text and "Lưu: VT, BCH." in text


# ---- header lines ----------------------------------------------------------------------------

NAMES = [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU",
    "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
    "CÔNG ĐOÀN VIÊN CHỨC TỈNH LAI CHÂU",
    "CÔNG ĐOÀN XÃ SIN SUỐI HỒ",
    "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS XÃ BẢN HON",
    "CÔNG ĐOÀN CƠ SỞ TRƯỜNG PHỔ THÔNG DÂN TỘC BÁN TRÚ THCS XÃ TỦA SÍN CHẢI",
    "CÔNG ĐOÀN CƠ SỞ ỦY BAN NHÂN DÂN PHƯỜNG ĐOÀN KẾT",
    "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ LAI CHÂU",
    "CÔNG ĐOÀN NGÀNH GIÁO DỤC TỈNH LAI CHÂU",
]


def _place(text: str) -> str | None:
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        for d in DESIGNATORS:
            if " ".join(words[i : i + len(d.split())]) == d:
                return " ".join(words[i:])
    return None


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_header_lines_never_split_a_place_name(name, font):
    width = 72 * mm - 6
    lines, size = fit_header(
        name, width, lambda t, z: stringWidth(t, font, z), prefer_abbreviation=font == REGULAR
    )
    assert 11 <= size <= 13
    assert all(stringWidth(line, font, size) <= width for line in lines)
    place = _place(" ".join(lines))
    if place:  # the place designation and its name sit on one line
        assert any(line.endswith(place) for line in lines), lines
    assert "LAI" not in [line.split()[-1] for line in lines]


def test_province_header_reads_as_the_federation_writes_it(tmp_path: Path):
    suite = open_database(tmp_path / "p.db", today=lambda: date(2026, 11, 28))
    suite.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    suite.units.save_profile(
        UnitProfile(
            unit_code="LDLD-LC",
            parent_body="Tổng Liên đoàn Lao động Việt Nam",
            issuing_body="Liên đoàn Lao động tỉnh Lai Châu",
        )
    )
    lines = [line.strip() for line in pdf_text(suite.reports.pdf_bytes("2026S2")).splitlines()]
    assert "TỔNG LĐLĐ VIỆT NAM" in lines
    assert "LIÊN ĐOÀN LAO ĐỘNG" in lines and "TỈNH LAI CHÂU" in lines
    assert not any(line.endswith("TỈNH LAI") for line in lines)
    suite.close()


# ---- the annual report adds up the year ------------------------------------------------------


def test_flows_are_summed_and_stocks_taken_at_the_end():
    kinds = {"sang-kien": "flow", "clb-khkt": "stock"}
    assert combine_indicator_values(
        kinds, [{"sang-kien": 3, "clb-khkt": 2}, {"sang-kien": 4, "clb-khkt": 5}]
    ) == {"sang-kien": 7, "clb-khkt": 5}
    assert combine_indicator_values(kinds, [{"clb-khkt": 2}, {}]) == {"clb-khkt": 2}


def test_annual_report_and_totals_add_up_the_year(unit_suite, tmp_path):
    s = unit_suite
    kinds = {i.code: i.kind for i in s.catalogue.indicators()}
    assert kinds["clb-khkt"] == "stock" and kinds["sang-kien"] == "flow"
    for period, initiatives, clubs in (("2026S1", 3, 2), ("2026S2", 4, 5)):
        s.reporting.save_indicator_value(IndicatorValue("sang-kien", period, initiatives))
        s.reporting.save_indicator_value(IndicatorValue("clb-khkt", period, clubs))
    assert s.reporting.figures("2026").indicators == {"sang-kien": 7, "clb-khkt": 5}
    text = _flat(pdf_text(s.reports.pdf_bytes("2026")))
    assert "7 sáng kiến, cải tiến kỹ thuật được công nhận" in text
    assert "5 câu lạc bộ khoa học kỹ thuật" in text
    assert "Trong năm 2026," in text and "Trong kỳ" not in text
    assert "(đến ngày 14/12/2026)" in text  # the stock is the year-end value
    doc = json.loads(
        run_cli("totals", "--period", "2026", "--json", db=tmp_path / "unit.db", check=True).stdout
    )
    assert doc["details"]["indicators"] == {"clb-khkt": 5.0, "sang-kien": 7.0}


def test_a_value_entered_for_the_year_wins(unit_suite):
    s = unit_suite
    s.reporting.save_indicator_value(IndicatorValue("sang-kien", "2026S1", 3))
    s.reporting.save_indicator_value(IndicatorValue("sang-kien", "2026", 10))
    assert s.reporting.figures("2026").indicators["sang-kien"] == 10


# ---- paper against file ----------------------------------------------------------------------


@dataclass
class _Pkg:
    unit_code: str = "CDCS-THCS-TN"
    period_code: str = "2026S1"
    revision: int = 2
    payload_sha256: str = "7f3a9c1b" + "0" * 56
    fingerprint: str = "3F2A 9C01 77B4 0E5D 2A61 C8F0 19DE 4B73"


def test_paper_code_round_trip_and_typing_tolerance():
    pkg = _Pkg()
    code = make_code(
        PaperIdentity(
            pkg.unit_code, pkg.period_code, pkg.revision, pkg.payload_sha256, pkg.fingerprint
        )
    )
    assert code == "CDCS-THCS-TN 2026S1 R2 7F3A-9C1B K-3F2A"
    assert re.fullmatch(r"[A-Z0-9 .\-]+", code)  # QR alphanumeric mode, typable
    assert matches(code, pkg)
    assert matches("cdcs-thcs-tn  2026s1 r2 7f3a9c1b k3f2a", pkg)
    assert not matches(code.replace("R2", "R1"), pkg)
    assert not matches(code.replace("7F3A", "7F3B"), pkg)
    assert not matches(code.replace("K-3F2A", "K-3F2B"), pkg)
    assert not matches(code, _Pkg(period_code="2026S2"))
    assert parse_code("not a code") is None and not matches("", pkg)


def test_the_printed_report_names_the_exported_package(unit_suite, tmp_path):
    from lai_chau_desk.exchange.package import read_package

    s = unit_suite
    s.demo.fill(seed=2026)
    pkg = read_package(s.export.export_report("2026S2", out=tmp_path / "r.lcdx").data)
    path = tmp_path / "r.pdf"
    s.reports.write_pdf("2026S2", path)
    text = _flat(pdf_text(path.read_bytes()))
    code = make_code(
        PaperIdentity(pkg.unit_code, "2026S2", pkg.revision, pkg.payload_sha256, pkg.fingerprint)
    )
    assert code in text and matches(code, pkg)
    assert "Mã đối chiếu bản giấy với tệp" in text
    assert not any("mã đối chiếu" in w for w in s.reports.report_warnings("2026S2"))
    # the export passes the identity it signs (one-line hook in the export, see docs)
    with_code = s.reports.pdf_bytes(
        "2026S2",
        paper=PaperIdentity(
            pkg.unit_code, "2026S2", pkg.revision, pkg.payload_sha256, pkg.fingerprint
        ),
    )
    assert code in _flat(pdf_text(with_code))


def test_the_fingerprint_is_printed_on_one_line(demo_pdf):
    lines = [line.strip() for line in pdf_text(demo_pdf).splitlines()]
    assert "Mã khóa ký điện tử: SHA256:ab12 cd34 ef56 7890" in lines


# ---- issue 11: the report text ---------------------------------------------------------------


def test_member_counts_are_dated_at_the_period_end_not_today(demo_suite):
    past = _flat(pdf_text(demo_suite.reports.pdf_bytes("2026S1")))
    assert "Tính đến ngày 14/6/2026, đơn vị có" in past and "28/11/2026, đơn vị có" not in past
    running = _flat(pdf_text(demo_suite.reports.pdf_bytes("2026S2")))
    assert "Tính đến ngày 28/11/2026, đơn vị có" in running  # the period has not ended yet


def test_grassroots_text_reads_as_a_union_report(demo_suite):
    text = _flat(pdf_text(demo_suite.reports.pdf_bytes("2026S2")))
    assert "Trong 6 tháng cuối năm 2026, Ban Chấp hành Công đoàn cơ sở đã tổ chức" in text
    assert "100,0%" not in text and "100% đoàn viên của đơn vị" in text
    assert (
        "Kết luận số 50-KL/TW, Kết luận số 51-KL/TW của Ban Bí thư Trung ương Đảng, Kế hoạch "
        "số 334-KH/TU, Kế hoạch số 335-KH/TU của Ban Thường vụ Tỉnh ủy Lai Châu và Công văn "
        "số 356/LĐLĐ của Liên đoàn Lao động tỉnh Lai Châu"
    ) in text
    assert "Đã cấp phát" in text and "phát hành" not in text
    assert (
        "Kết quả tuyên truyền, vận động: 9 sáng kiến, cải tiến kỹ thuật được công nhận; 2 mô "
        "hình" in text
    )
    assert "14/06/2026" not in text.split("PHỤ LỤC")[0]  # body dates unpadded
    for r in (x for a in demo_suite.supervision.list("2026S2") for x in a.recommendations):
        assert r.text in text  # the recommendations' own words


def test_one_recommendation_reads_naturally():
    from lai_chau_desk.reports.sentences import recommendations_clause

    assert recommendations_clause(1, 1) == "đưa ra 1 kiến nghị, đã được giải quyết"
    assert recommendations_clause(3, 3) == "đưa ra 3 kiến nghị, đến nay đều đã được giải quyết"
    assert recommendations_clause(1, 0) == "đưa ra 1 kiến nghị, chưa được giải quyết"


def test_tables_and_recipients_share_the_body_text_left_edge(demo_pdf):
    from lai_chau_desk.reports.pdf_kit import LEFT

    from .fixtures import text_runs

    runs = [r for page in text_runs(demo_pdf) for r in page]
    recipients = [x for t, x, _y, _s, _f in runs if t.strip().startswith("Nơi nhận")]
    assert recipients and abs(recipients[0] - LEFT) < 0.6
    body = [x for t, x, _y, _s, _f in runs if t.strip().startswith("I. ĐẶC ĐIỂM")]
    assert body and body[0] > LEFT  # headings are indented from that edge
    lines = [x for t, x, _y, size, _f in runs if size == 13 and x < LEFT + 2]
    assert lines and min(lines) >= LEFT - 0.5


def test_summary_rule_is_a_third_to_a_half_of_its_line(demo_suite):
    from reportlab.lib.utils import simpleSplit

    from lai_chau_desk.reports import pdf_body
    from lai_chau_desk.reports.pdf_kit import BODY_W, STYLES, Rule

    data = demo_suite.reports.build_data("2026S2")
    flows = pdf_body.title(data)
    rule = [f for f in flows if isinstance(f, Rule)][-1]
    st = STYLES["summary"]
    widest = max(
        stringWidth(line, st.fontName, st.fontSize)
        for line in simpleSplit(data.subject_text, st.fontName, st.fontSize, BODY_W)
    )
    assert widest / 3 <= rule.length <= widest / 2


def test_no_page_ends_with_a_heading_or_a_caption(unit_suite):
    from datetime import timedelta

    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession

    from .fixtures import page_texts

    # enough text to push headings to many different places on the pages
    for n in (3, 9, 17):
        unit_suite.sessions.bulk_add(
            [
                DisseminationSession(
                    held_on=date(2026, 6, 20) + timedelta(days=i),
                    title=f"Buổi {n}-{i}",
                    directive_codes=["50-KL/TW"],
                    attendance=Attendance(participants=5),
                )
                for i in range(n)
            ]
        )
        unit_suite.reporting.save_narrative("2026S2", "ton-tai", "Nội dung tồn tại. " * n * 8)
        for text in page_texts(unit_suite.reports.pdf_bytes("2026S2"))[:-1]:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            last = lines[-1]
            assert not re.match(r"^(I|II|III|IV|V)\. [A-ZÀ-Ỹ]", last), last
            assert not re.match(r"^\d\. [A-ZĐ]", last) or last.endswith("."), last
            assert not last.startswith("Bảng "), last
