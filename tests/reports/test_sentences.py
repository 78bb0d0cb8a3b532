"""Figures written into sentences; the official date line."""

from __future__ import annotations

from datetime import date

import pytest

from lai_chau_desk.domain.figures import PeriodFigures
from lai_chau_desk.domain.units import UnitProfile
from lai_chau_desk.reports import sentences

DOCS = {"50-KL/TW": "Kết luận số 50-KL/TW", "51-KL/TW": "Kết luận số 51-KL/TW"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 1, 5), "Lai Châu, ngày 05 tháng 01 năm 2027"),
        (date(2026, 3, 15), "Lai Châu, ngày 15 tháng 3 năm 2026"),
        (date(2026, 12, 2), "Lai Châu, ngày 02 tháng 12 năm 2026"),
        (date(2026, 2, 28), "Lai Châu, ngày 28 tháng 02 năm 2026"),
        (date(2026, 10, 10), "Lai Châu, ngày 10 tháng 10 năm 2026"),
        (date(2026, 9, 9), "Lai Châu, ngày 09 tháng 9 năm 2026"),
    ],
)
def test_date_line_pads_day_below_10_and_month_only_for_january_february(day, expected):
    assert sentences.date_line("Lai Châu", day) == expected


def test_date_line_in_english():
    assert sentences.date_line("Lai Châu", date(2027, 1, 5), "en") == "Lai Châu, 5 January 2027"


def design_figures() -> PeriodFigures:
    """The example of DESIGN §6."""
    return PeriodFigures(
        unit="X",
        period="2026S1",
        sessions=6,
        participants=214,
        union_members=200,
        female=120,
        ethnic_minority=151,
        sessions_by_form={"mang-xa-hoi": 1, "truc-tiep": 3, "long-ghep": 2},
        sessions_by_directive={"51-KL/TW": 3, "50-KL/TW": 4},
        roster_members=40,
        roster_reached=37,
        supervisions=2,
        supervisions_by_field={"giao-duc": 2},
        supervisions_by_role={"phoi-hop": 2},
        recommendations=5,
        recommendations_by_status={"da": 3, "chua": 2},
    )


def test_dissemination_sentence_reads_like_a_union_report():
    text = sentences.dissemination_sentence(design_figures(), DOCS)
    assert text == (
        "Trong kỳ, Ban Chấp hành Công đoàn cơ sở đã tổ chức 6 buổi quán triệt, tuyên truyền Kết luận "
        "số 50-KL/TW, Kết luận số 51-KL/TW, với 214 lượt đoàn viên, CNVCLĐ tham gia (nữ 120 "
        "lượt, người dân tộc thiểu số 151 lượt); 92,5% đoàn viên của đơn vị được quán triệt ít "
        "nhất một lần. Hình thức: hội nghị trực tiếp (3), lồng ghép sinh hoạt chuyên môn (2), "
        "mạng xã hội (1)."
    )


def test_supervision_sentence_reads_like_a_union_report():
    assert sentences.supervision_sentence(design_figures()) == (
        "Trong kỳ, đơn vị đã phối hợp tham gia 2 cuộc giám sát về giáo dục và đào tạo; đưa ra "
        "5 kiến nghị, trong đó 3 kiến nghị đã được giải quyết."
    )


def test_zero_figures_read_naturally_never_zero_counts():
    f = PeriodFigures(unit="X", period="2026S1")
    texts = [
        sentences.dissemination_sentence(f, DOCS),
        sentences.supervision_sentence(f),
        sentences.indicators_sentence([("Sáng kiến", 0, "sáng kiến")]),
        sentences.members_sentence(UnitProfile(unit_code="X")),
    ]
    assert texts[0] == "Trong kỳ, đơn vị chưa tổ chức buổi quán triệt, tuyên truyền nào."
    assert texts[1] == "Trong kỳ, đơn vị chưa tổ chức hoạt động giám sát."
    assert "chưa ghi nhận" in texts[2]
    assert texts[3] == ""
    for t in texts:
        assert " 0 " not in t and "0 cuộc" not in t and "0 buổi" not in t


def test_partial_zeros_are_left_out():
    f = design_figures()
    f.female = f.ethnic_minority = 0
    f.roster_members = 0
    f.recommendations, f.recommendations_by_status = 0, {}
    text = sentences.dissemination_sentence(f, DOCS)
    assert "nữ" not in text and "(" not in text.split("Hình thức")[0]
    assert "%" not in text
    assert sentences.supervision_sentence(f).endswith("các cuộc giám sát chưa đưa ra kiến nghị.")


def test_roles_and_fields_are_listed_when_several():
    f = design_figures()
    f.supervisions = 3
    f.supervisions_by_role = {"chu-tri": 1, "phoi-hop": 2}
    f.supervisions_by_field = {"giao-duc": 2, "khcn": 1}
    f.recommendations_by_status = {"da": 5}
    assert sentences.supervision_sentence(f) == (
        "Trong kỳ, đơn vị đã tham gia 3 cuộc giám sát về giáo dục và đào tạo (2 cuộc), khoa học "
        "và công nghệ (1 cuộc), trong đó chủ trì 1 cuộc, phối hợp 2 cuộc; đưa ra 5 kiến nghị, "
        "đến nay đều đã được giải quyết."
    )


def test_english_variants():
    f = design_figures()
    assert sentences.dissemination_sentence(f, DOCS, "en").startswith(
        "In the period, the union executive committee held 6 dissemination sessions on"
    )
    assert "5 recommendations, of which 3 resolved" in sentences.supervision_sentence(f, "en")
    assert sentences.supervision_sentence(PeriodFigures("X", "P"), "en") == (
        "The unit held no supervision activity in the period."
    )


def test_status_sentences_name_late_and_missing_units():
    out = sentences.status_sentences(["A"], ["B"], ["C", "D"])
    assert out[0] == "Có 2/4 đơn vị đã gửi báo cáo, trong đó 1 đơn vị báo cáo đúng hạn."
    assert out[1] == "Các đơn vị báo cáo muộn: B."
    assert out[2] == "Các đơn vị chưa báo cáo: C; D."
