from datetime import date

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.catalogue import Directive, IndicatorValue
from lai_chau_desk.domain.errors import ConflictError, NotFoundError, ValidationError
from lai_chau_desk.domain.members import Member
from lai_chau_desk.domain.supervision import Recommendation, SupervisionActivity
from lai_chau_desk.domain.units import Unit
from lai_chau_desk.services.suite import ServiceSuite


def test_seed_catalogue_and_directory_loaded_once(suite: ServiceSuite) -> None:
    codes = suite.catalogue.directive_codes()
    assert {"50-KL/TW", "51-KL/TW", "334-KH/TU", "335-KH/TU", "356/LĐLĐ"} <= codes
    d334 = next(d for d in suite.catalogue.directives() if d.code == "334-KH/TU")
    assert [t.code for t in d334.tasks if t.parent_code == "II.3"] == [
        f"II.3.{c}" for c in "abcdef"
    ]
    tree = suite.units.tree()
    assert tree.by_code["LDLD-LC"].parent_code is None
    closed = [u for u in tree.by_code.values() if u.valid_to == date(2025, 6, 30)]
    assert len(closed) == 8
    assert len(suite.catalogue.indicators()) >= 5


def test_user_edits_survive_a_reseed(tmp_path) -> None:
    s = open_database(tmp_path / "a.db")
    d = next(x for x in s.catalogue.directives() if x.code == "50-KL/TW")
    d.title = "Tiêu đề do người dùng sửa"
    s.catalogue.save_directive(d)
    # force the bundled catalogue to be merged again, as a catalogue package would
    import json

    from lai_chau_desk.paths import resource
    from lai_chau_desk.services.catalogue import directives_from_json

    data = json.loads(resource("catalogue", "default_catalogue.json").read_text("utf-8"))
    s.catalogue.merge(directives_from_json(data), [], [], origin="seed")
    again = next(x for x in s.catalogue.directives() if x.code == "50-KL/TW")
    assert again.title == "Tiêu đề do người dùng sửa"
    s.close()
    s2 = open_database(tmp_path / "a.db")  # reopening does not reseed
    assert next(x for x in s2.catalogue.directives() if x.code == "50-KL/TW").title == (
        "Tiêu đề do người dùng sửa"
    )
    s2.close()


def test_directive_in_use_cannot_be_deleted(unit_suite: ServiceSuite) -> None:
    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession

    unit_suite.catalogue.save_directive(
        Directive("12-CT/TU", "12", "CT/TU", "Chỉ thị mới", kind="Chỉ thị")
    )
    unit_suite.sessions.add(
        DisseminationSession(
            date(2026, 3, 1), "Buổi", "loa", ["12-CT/TU"], attendance=Attendance(5, 5, 0, 0)
        )
    )
    with pytest.raises(ConflictError, match="đã được dùng trong 1 buổi"):
        unit_suite.catalogue.delete_directive("12-CT/TU")
    with pytest.raises(NotFoundError):
        unit_suite.catalogue.delete_directive("khong-co")


def test_units_parent_must_exist_and_no_cycles(unit_suite: ServiceSuite) -> None:
    with pytest.raises(NotFoundError, match="cấp trên"):
        unit_suite.units.save_unit(Unit("XA-1", "Công đoàn xã 1", "KHONG-CO"))
    unit_suite.units.save_unit(Unit("XA-1", "Công đoàn xã 1", "LDLD-LC"))
    unit_suite.units.save_unit(Unit("CS-1", "CĐCS 1", "XA-1"))
    with pytest.raises(ConflictError):
        unit_suite.units.save_unit(Unit("XA-1", "Công đoàn xã 1", "CS-1"))


def test_own_unit_profile(unit_suite: ServiceSuite) -> None:
    unit = unit_suite.units.own_unit()
    assert unit.parent_code == "CDVC-LC"
    profile = unit_suite.units.profile()
    assert profile.issuing_body == "CÔNG ĐOÀN CƠ SỞ TRƯỜNG THCS THỬ NGHIỆM"
    assert profile.parent_body == "CÔNG ĐOÀN VIÊN CHỨC TỈNH LAI CHÂU"
    profile.members_total, profile.members_female = 40, 50
    with pytest.raises(ValidationError, match="lớn hơn tổng số"):
        unit_suite.units.save_profile(profile)


def test_roster_sorted_by_given_name_and_undo(unit_suite: ServiceSuite) -> None:
    for name in ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Bình", "Đỗ Thị Ánh"]:
        unit_suite.members.add(Member(full_name=name))
    assert [m.full_name for m in unit_suite.members.list()] == [
        "Nguyễn Văn An",
        "Đỗ Thị Ánh",
        "Lê Văn Bình",
        "Trần Thị Bình",
    ]
    victim = unit_suite.members.list()[0]
    member, sessions = unit_suite.members.delete(victim.id)
    assert len(unit_suite.members.list()) == 3
    unit_suite.members.restore(member, sessions)
    assert len(unit_suite.members.list()) == 4
    with pytest.raises(ValidationError):
        unit_suite.members.add_many([Member(full_name="Hợp lệ"), Member(full_name="")])
    assert len(unit_suite.members.list()) == 4


def test_supervision_and_recommendation_status(unit_suite: ServiceSuite) -> None:
    a = SupervisionActivity(
        date(2026, 4, 10),
        "giao-duc",
        "Trường Tiểu học Bản Bo",
        recommendations=[
            Recommendation("Bổ sung phòng học"),
            Recommendation("Công khai thu chi", "da", date(2026, 5, 1)),
        ],
    )
    sid = unit_suite.supervision.save(a)
    a.recommendations[0].status = "dang"
    unit_suite.supervision.save(a)
    got = unit_suite.supervision.get(sid)
    assert [r.status for r in got.recommendations] == ["dang", "da"]
    f = unit_suite.reporting.figures("2026S1")
    assert (f.supervisions, f.recommendations) == (1, 2)
    assert f.recommendations_by_status == {"dang": 1, "da": 1}
    assert f.supervisions_by_field == {"giao-duc": 1}
    deleted = unit_suite.supervision.delete(sid)
    assert unit_suite.reporting.figures("2026S1").supervisions == 0
    unit_suite.supervision.restore(deleted)
    assert len(unit_suite.supervision.list("2026S1")) == 1


def test_indicators_and_narrative(unit_suite: ServiceSuite) -> None:
    code = unit_suite.catalogue.indicators()[0].code
    unit_suite.reporting.save_indicator_value(IndicatorValue(code, "2026S1", 3))
    unit_suite.reporting.save_indicator_value(IndicatorValue(code, "2026s1", 4, "cập nhật"))
    assert unit_suite.reporting.indicator_values("2026S1") == {code: (4.0, "cập nhật")}
    assert unit_suite.reporting.figures("2026S1").indicators == {code: 4.0}
    with pytest.raises(ValidationError):
        unit_suite.reporting.save_indicator_value(IndicatorValue(code, "2026S1", -1))
    with pytest.raises(NotFoundError):
        unit_suite.reporting.save_indicator_value(IndicatorValue("khong-co", "2026S1", 1))
    unit_suite.reporting.save_narrative("2026S1", "ton-tai", "  Còn hạn chế.\n\n")
    assert unit_suite.reporting.narrative("2026S1") == {"ton-tai": "Còn hạn chế."}


def test_demo_fills_a_realistic_period(unit_suite: ServiceSuite) -> None:
    r = unit_suite.demo.fill(seed=7)
    assert r.periods == ["2026S1", "2026S2"]
    f = unit_suite.reporting.figures("2026S2")
    assert 6 <= f.sessions <= 10
    assert f.participants >= f.union_members and f.participants >= f.female
    assert f.supervisions >= 1 and f.recommendations >= 1
    assert f.roster_reach is not None and 0 < f.roster_reach <= 1
    assert len(unit_suite.members.list()) == 48
    assert unit_suite.units.profile().signer_name


def test_backup_and_restore_round_trip(unit_suite: ServiceSuite, tmp_path) -> None:
    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession

    unit_suite.sessions.add(
        DisseminationSession(
            date(2026, 3, 1),
            "Trước sao lưu",
            "loa",
            ["50-KL/TW"],
            attendance=Attendance(5, 5, 0, 0),
        )
    )
    out = unit_suite.backup.backup(tmp_path / "copy.db")
    unit_suite.sessions.add(
        DisseminationSession(
            date(2026, 3, 2), "Sau sao lưu", "loa", ["50-KL/TW"], attendance=Attendance(5, 5, 0, 0)
        )
    )
    assert unit_suite.sessions.count() == 2
    safety = unit_suite.backup.restore(out)
    assert safety.exists()
    assert unit_suite.sessions.count() == 1
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    from lai_chau_desk.domain.errors import DomainError

    with pytest.raises(DomainError, match="không phải bản sao lưu hợp lệ"):
        unit_suite.backup.restore(bad)
    assert unit_suite.sessions.count() == 1
