import uuid
from datetime import date

import pytest

from lai_chau_desk.domain.errors import ValidationError
from lai_chau_desk.domain.figures import PeriodFigures, sum_figures
from lai_chau_desk.domain.members import Member, validate_member
from lai_chau_desk.domain.sessions import (
    Attendance,
    DisseminationSession,
    attendance_from_roster,
    validate_session,
)
from lai_chau_desk.domain.supervision import (
    Recommendation,
    SupervisionActivity,
    validate_supervision,
)
from lai_chau_desk.domain.units import Unit, UnitProfile, UnitTree, validate_profile, validate_unit

TODAY = date(2026, 11, 28)


def session(**kw) -> DisseminationSession:
    base = dict(
        held_on=date(2026, 3, 5),
        title="Hội nghị quán triệt",
        form="truc-tiep",
        directive_codes=["50-KL/TW"],
        attendance=Attendance(30, 25, 12, 20),
    )
    base.update(kw)
    return DisseminationSession(**base)


def messages(exc: pytest.ExceptionInfo) -> str:
    return " | ".join(p.message for p in exc.value.problems)


def test_valid_session_is_normalised_to_nfc() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "  Hội   nghị quán triệt ")
    s = validate_session(session(title=decomposed), TODAY)
    assert s.title == "Hội nghị quán triệt"
    assert unicodedata.is_normalized("NFC", s.title)


@pytest.mark.parametrize(
    ("attendance", "field", "fragment"),
    [
        (Attendance(30, 25, 40, 0), "female", "Số nữ (40) lớn hơn số người tham dự (30)"),
        (Attendance(30, 31, 0, 0), "union_members", "Số đoàn viên (31)"),
        (Attendance(30, 0, 0, 31), "ethnic_minority", "dân tộc thiểu số (31)"),
        (Attendance(-1, 0, 0, 0), "participants", "không được âm"),
    ],
)
def test_attendance_contradictions(attendance: Attendance, field: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as e:
        validate_session(session(attendance=attendance), TODAY)
    assert fragment in messages(e)
    assert e.value.for_field(field)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as e:
        validate_session(
            session(
                title="  ", form="bay", held_on=date(2027, 1, 1), attendance=Attendance(5, 9, 0, 0)
            ),
            TODAY,
        )
    fields = {p.field for p in e.value.problems}
    assert {"title", "form", "held_on", "union_members"} <= fields
    assert "Tiêu đề buổi tuyên truyền không được để trống." in messages(e)
    assert "sau ngày hôm nay" in messages(e)


def test_a_session_disseminates_a_directive() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_session(session(directive_codes=[]), TODAY)
    assert [p.field for p in exc.value.problems] == ["directive_codes"]
    assert "ít nhất một văn bản" in messages(exc)
    # a task covered brings its directive (II.3.a of 334-KH/TU is disseminating 334-KH/TU)
    s = validate_session(
        session(directive_codes=[], task_codes=["II.3.a"]), TODAY, None, {"II.3.a": "334-KH/TU"}
    )
    assert s.directive_codes == ["334-KH/TU"]


@pytest.mark.parametrize("form", ["truc-tiep", "truc-tuyen", "long-ghep", "toa-dam", "hoi-thi"])
def test_a_session_before_an_audience_has_participants(form: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_session(session(form=form, attendance=Attendance(0, 0, 0, 0)), TODAY)
    assert [p.field for p in exc.value.problems] == ["participants"]
    ticked = session(form=form, attendance=Attendance(), attendee_ids=[uuid.uuid4()])
    assert validate_session(ticked, TODAY).attendee_ids  # the ticked list is the attendance


@pytest.mark.parametrize("form", ["tai-lieu", "pano", "loa", "mang-xa-hoi", "khac"])
def test_leaflets_posters_and_posts_need_no_headcount(form: str) -> None:
    assert validate_session(session(form=form, attendance=Attendance(0, 0, 0, 0)), TODAY)


def test_ticked_list_larger_than_headcount_is_refused() -> None:
    import uuid

    s = session(attendance=Attendance(2, 2, 0, 0), attendee_ids=[uuid.uuid4() for _ in range(3)])
    with pytest.raises(ValidationError) as e:
        validate_session(s, TODAY)
    assert "Danh sách điểm danh có 3 người, nhiều hơn số người tham dự (2)" in messages(e)


def test_unknown_directive_and_old_dates() -> None:
    with pytest.raises(ValidationError) as e:
        validate_session(
            session(directive_codes=["99-KL/TW"], held_on=date(1999, 1, 1)),
            TODAY,
            known_directives={"50-KL/TW"},
        )
    assert "Văn bản «99-KL/TW» không có trong danh mục." in messages(e)
    assert "trước năm 2000" in messages(e)


def test_attendance_from_roster_counts() -> None:
    a = attendance_from_roster(
        [
            {"is_union_member": True, "gender": "nu", "ethnic_minority": True},
            {"is_union_member": False, "gender": "nam", "ethnic_minority": True},
            {"is_union_member": True, "gender": "nu", "ethnic_minority": False},
        ]
    )
    assert a == Attendance(3, 2, 2, 2)


def test_member_rules() -> None:
    m = validate_member(
        Member(full_name=" Lò  Thị Hương ", gender="nu", birth_year=1990, ethnicity="Thái"), TODAY
    )
    assert m.full_name == "Lò Thị Hương" and m.ethnic_minority
    assert not Member(full_name="A", ethnicity="Kinh").ethnic_minority
    with pytest.raises(ValidationError) as e:
        validate_member(Member(full_name="", gender="x", birth_year=2020), TODAY)
    assert {p.field for p in e.value.problems} == {"full_name", "gender", "birth_year"}


def test_supervision_rules() -> None:
    ok = validate_supervision(
        SupervisionActivity(
            held_on=date(2026, 4, 1),
            field="giao-duc",
            target="Trường Tiểu học Bản Bo",
            recommendations=[Recommendation("Bổ sung phòng học", "da", date(2026, 5, 1))],
        ),
        TODAY,
    )
    assert ok.recommendations[0].status == "da"
    with pytest.raises(ValidationError) as e:
        validate_supervision(
            SupervisionActivity(
                held_on=date(2026, 4, 1),
                field="y-te",
                target="",
                role="x",
                recommendations=[Recommendation("", "xong", date(2026, 3, 1))],
            ),
            TODAY,
        )
    text = messages(e)
    assert "Lĩnh vực giám sát «y-te» không hợp lệ" in text
    assert "Cần ghi rõ cơ quan, đơn vị được giám sát." in text
    assert "Nội dung kiến nghị không được để trống." in text
    assert "không được trước ngày giám sát" in text


def test_unit_validation_and_profile_counts() -> None:
    with pytest.raises(ValidationError) as e:
        validate_unit(Unit(code="có dấu", name=""))
    assert {p.field for p in e.value.problems} == {"code", "name"}
    with pytest.raises(ValidationError) as e:
        validate_profile(UnitProfile(unit_code="X", members_total=10, members_female=11))
    assert "Số đoàn viên nữ (11) lớn hơn tổng số (10)." in messages(e)


def test_unit_tree_any_depth_and_validity() -> None:
    units = [
        Unit("P", "Tỉnh"),
        Unit("H1", "Huyện 1", "P", valid_to=date(2025, 6, 30)),
        Unit("X1", "Xã 1", "P", valid_from=date(2025, 7, 1)),
        Unit("G1", "Cơ sở 1", "X1"),
        Unit("G2", "Cơ sở 2", "G1"),
    ]
    tree = UnitTree(units)
    assert sorted(tree.subtree_codes("P")) == ["G1", "G2", "H1", "P", "X1"]
    assert tree.ancestors("G2") == ["G1", "X1", "P"]
    active = tree.active_children("P", date(2026, 1, 1), date(2026, 6, 30))
    assert [u.code for u in active] == ["X1"]
    active = tree.active_children("P", date(2025, 6, 1), date(2025, 12, 31))
    assert sorted(u.code for u in active) == ["H1", "X1"]


def test_sum_figures_adds_every_count_and_mapping() -> None:
    a = PeriodFigures(
        "A",
        "2026S1",
        sessions=2,
        participants=50,
        female=20,
        sessions_by_form={"truc-tiep": 2},
        indicators={"sang-kien": 1},
    )
    b = PeriodFigures(
        "B",
        "2026S1",
        sessions=1,
        participants=10,
        female=5,
        recommendations=3,
        sessions_by_form={"truc-tiep": 1, "loa": 1},
        indicators={"sang-kien": 2.5},
    )
    t = sum_figures("P", "2026S1", [a, b])
    assert (t.sessions, t.participants, t.female, t.recommendations) == (3, 60, 25, 3)
    assert t.sessions_by_form == {"truc-tiep": 3, "loa": 1}
    assert t.indicators == {"sang-kien": 3.5}
    assert PeriodFigures.from_dict(t.to_dict()).to_dict() == t.to_dict()
