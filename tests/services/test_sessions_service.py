from datetime import date

import pytest

from lai_chau_desk.domain.errors import NotFoundError, ValidationError
from lai_chau_desk.domain.members import Member
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.base import Cancelled, NotInitialised
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.storage.sessions_repo import SessionFilter


def make(
    title: str = "Hội nghị quán triệt Kết luận 50", day: date = date(2026, 3, 5), **kw
) -> DisseminationSession:
    kw.setdefault("attendance", Attendance(30, 25, 12, 20))
    kw.setdefault("directive_codes", ["50-KL/TW"])
    return DisseminationSession(held_on=day, title=title, form=kw.pop("form", "truc-tiep"), **kw)


def test_refuses_before_the_unit_is_declared(suite: ServiceSuite) -> None:
    with pytest.raises(NotInitialised, match="Chưa khai báo đơn vị"):
        suite.sessions.add(make())


def test_add_then_figures(unit_suite: ServiceSuite) -> None:
    sid = unit_suite.sessions.add(make())
    unit_suite.sessions.add(
        make(
            "Tọa đàm KHCN",
            date(2026, 5, 2),
            form="toa-dam",
            directive_codes=["50-KL/TW", "334-KH/TU"],
            attendance=Attendance(10, 10, 4, 1),
        )
    )
    unit_suite.sessions.add(make("Kỳ sau", date(2026, 7, 1)))  # 2026S2: not counted below
    f = unit_suite.reporting.figures("2026S1")
    assert (f.sessions, f.participants, f.union_members, f.female, f.ethnic_minority) == (
        2,
        40,
        35,
        16,
        21,
    )
    assert f.sessions_by_form == {"truc-tiep": 1, "toa-dam": 1}
    assert f.sessions_by_directive == {"50-KL/TW": 2, "334-KH/TU": 1}
    assert f.participants_by_directive == {"50-KL/TW": 40, "334-KH/TU": 10}
    assert f.sessions_by_month == {"2026-03": 1, "2026-05": 1}
    assert unit_suite.sessions.get(sid).title == "Hội nghị quán triệt Kết luận 50"


def test_invalid_session_changes_nothing(unit_suite: ServiceSuite) -> None:
    unit_suite.sessions.add(make())
    before = unit_suite.reporting.figures("2026S1").counts()
    with pytest.raises(ValidationError, match="Số nữ"):
        unit_suite.sessions.add(make(attendance=Attendance(30, 0, 40, 0)))
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        unit_suite.sessions.add(make(directive_codes=["1-XX/YY"]))
    assert unit_suite.reporting.figures("2026S1").counts() == before


def test_update_delete_and_undo(unit_suite: ServiceSuite) -> None:
    s = make()
    sid = unit_suite.sessions.add(s)
    s.title = "Đã sửa tiêu đề"
    s.attendance = Attendance(40, 30, 20, 10)
    unit_suite.sessions.update(s)
    assert unit_suite.sessions.get(sid).attendance.participants == 40
    deleted = unit_suite.sessions.delete(sid)
    assert unit_suite.reporting.figures("2026S1").sessions == 0
    with pytest.raises(NotFoundError):
        unit_suite.sessions.get(sid)
    unit_suite.sessions.restore(deleted)
    back = unit_suite.sessions.get(sid)
    assert back.title == "Đã sửa tiêu đề" and back.directive_codes == ["50-KL/TW"]


def test_attendance_ticked_from_roster(unit_suite: ServiceSuite) -> None:
    ids = [
        unit_suite.members.add(Member(full_name=n, gender=g, ethnicity=e, is_union_member=u))
        for n, g, e, u in [
            ("Lò Thị Hương", "nu", "Thái", True),
            ("Giàng A Páo", "nam", "Mông", True),
            ("Nguyễn Văn An", "nam", "Kinh", False),
            ("Trần Thị Bình", "nu", "Kinh", True),
        ]
    ]
    # no headcount: the ticked list is the attendance
    sid = unit_suite.sessions.add(make(attendance=Attendance(), attendee_ids=ids[:3]))
    assert unit_suite.sessions.get(sid).attendance == Attendance(3, 2, 1, 2)
    # headcount with guests beyond the roster
    unit_suite.sessions.add(make(attendance=Attendance(6, 4, 3, 3), attendee_ids=ids[:2]))
    with pytest.raises(ValidationError, match="Danh sách điểm danh có 3 người"):
        unit_suite.sessions.add(make(attendance=Attendance(2, 2, 1, 1), attendee_ids=ids[:3]))
    f = unit_suite.reporting.figures("2026S1")
    assert (f.roster_members, f.roster_reached) == (3, 2)
    assert f.roster_reach == pytest.approx(2 / 3)


def test_list_filter_and_search_without_tones(unit_suite: ServiceSuite) -> None:
    unit_suite.sessions.add(make("Hội nghị quán triệt Kết luận 50"))
    unit_suite.sessions.add(
        make("Tọa đàm khởi nghiệp", date(2026, 4, 1), form="toa-dam", directive_codes=["51-KL/TW"])
    )
    unit = unit_suite.settings.own_unit_code()
    found = unit_suite.sessions.list(SessionFilter(unit_code=unit, text="toa dam"))
    assert [s.title for s in found] == ["Tọa đàm khởi nghiệp"]
    found = unit_suite.sessions.list(SessionFilter(unit_code=unit, directive_code="50-KL/TW"))
    assert [s.title for s in found] == ["Hội nghị quán triệt Kết luận 50"]
    ids = unit_suite.sessions.ids(SessionFilter(unit_code=unit))
    assert [s.held_on for s in unit_suite.sessions.fetch(ids)] == [
        date(2026, 4, 1),
        date(2026, 3, 5),
    ]
    assert unit_suite.sessions.list(SessionFilter(unit_code=unit, text="50%")) == []


def test_bulk_add_is_all_or_nothing(unit_suite: ServiceSuite) -> None:
    good = [make(f"Buổi {i}") for i in range(30)]
    assert unit_suite.sessions.bulk_add(good) == 30
    bad = [make(f"Buổi {i}") for i in range(10)] + [make("", attendance=Attendance(1, 0, 0, 0))]
    with pytest.raises(ValidationError):
        unit_suite.sessions.bulk_add(bad)
    assert unit_suite.sessions.count() == 30


def test_bulk_add_cancel_keeps_nothing(unit_suite: ServiceSuite, monkeypatch) -> None:
    from lai_chau_desk.services import sessions as mod

    monkeypatch.setattr(mod, "BULK_CHUNK", 5)
    seen = []
    with pytest.raises(Cancelled):
        unit_suite.sessions.bulk_add(
            (make(f"B {i}") for i in range(20)),
            total=20,
            progress=lambda d, t: seen.append((d, t)),
            cancel=lambda: len(seen) >= 2,
        )
    assert seen[:2] == [(5, 20), (10, 20)]
    assert unit_suite.sessions.count() == 0


def test_tasks_covered_are_kept_and_bring_their_directive(unit_suite: ServiceSuite) -> None:
    sid = unit_suite.sessions.add(
        make(directive_codes=["50-KL/TW"], task_codes=["334-KH/TU II.3.a", " 334-KH/TU  II.3.b "])
    )
    s = unit_suite.sessions.get(sid)
    assert s.task_codes == ["334-KH/TU II.3.a", "334-KH/TU II.3.b"]
    assert s.directive_codes == ["334-KH/TU", "50-KL/TW"] or set(s.directive_codes) == {
        "50-KL/TW",
        "334-KH/TU",
    }
    s.task_codes = ["356/LĐLĐ 2"]
    unit_suite.sessions.update(s)
    assert unit_suite.sessions.get(sid).task_codes == ["356/LĐLĐ 2"]


def test_an_unknown_task_is_refused(unit_suite: ServiceSuite) -> None:
    with pytest.raises(ValidationError, match="Nhiệm vụ «334-KH/TU IX.9» không có trong danh mục"):
        unit_suite.sessions.add(make(task_codes=["334-KH/TU IX.9"]))
    assert unit_suite.sessions.count() == 0


def test_an_update_changes_the_row_in_place(unit_suite: ServiceSuite) -> None:
    """Single saves and updates go through the ORM: the row keeps its id and creation time,
    its directives and attendance become the new ones, nothing is left behind."""
    from lai_chau_desk.storage.models import AttendanceRow, SessionDirectiveRow, SessionRow

    ids = [
        unit_suite.members.add(Member(full_name=n, gender="nu")) for n in ("Lò Thị A", "Lò Thị B")
    ]
    s = make(attendance=Attendance(), attendee_ids=ids)
    sid = unit_suite.sessions.add(s)
    with unit_suite.db.reading() as db:
        created = db.get(SessionRow, sid).created_at
    s.attendee_ids = ids[1:]
    s.directive_codes = ["334-KH/TU"]
    s.attendance = Attendance()
    unit_suite.sessions.update(s)
    with unit_suite.db.reading() as db:
        row = db.get(SessionRow, sid)
        assert row.created_at == created and row.updated_at >= created
        assert row.directive_key == "334-KH/TU" and row.participants == 1
        links = db.query(SessionDirectiveRow).filter_by(session_id=sid).all()
        attended = db.query(AttendanceRow).filter_by(session_id=sid).all()
        assert [x.directive_code for x in links] == ["334-KH/TU"]
        assert [x.member_id for x in attended] == [ids[1]]
        assert db.query(SessionRow).count() == 1
    assert unit_suite.sessions.get(sid).attendance == Attendance(1, 1, 1, 0)
