"""The grassroots officer's whole path through the app, on a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from lai_chau_desk.services.base import LANGUAGE
from lai_chau_desk.storage.sessions_repo import SessionFilter
from tests.ui.helpers import answer_next_box, settle, type_text


def add_member(qtbot, window, name: str, female: bool, ethnicity: str) -> None:  # noqa: ANN001
    screen = window.show_screen("members")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    type_text(screen.full_name, name)
    screen.gender.setCurrentIndex(screen.gender.findData("nu" if female else "nam"))
    screen.ethnicity.clear()
    type_text(screen.ethnicity, ethnicity)
    assert screen.has_unsaved()
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert not screen.has_unsaved()


def new_session(qtbot, window, title: str):  # noqa: ANN001, ANN201
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    type_text(screen.editor.title, title)
    return screen


def tick_directive(editor, code: str) -> None:  # noqa: ANN001
    for i in range(editor.directives.count()):
        item = editor.directives.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(code)


def test_officer_records_a_period(qtbot, window, unit_suite):  # noqa: ANN001
    svc = unit_suite
    dash = window.show_screen("dashboard")
    settle(qtbot, window)
    assert dash.cards["sessions"].value.text() == "0"

    add_member(qtbot, window, "Lò Thị Hương", True, "Thái")
    add_member(qtbot, window, "Giàng A Páo", False, "Mông")
    names = [m.full_name for m in svc.members.list()]
    assert names == ["Lò Thị Hương", "Giàng A Páo"] or sorted(names) == sorted(
        ["Lò Thị Hương", "Giàng A Páo"]
    )
    assert window.screen_by_key("members").model.rowCount() == 2

    # Session 1: attendance ticked from the roster.
    screen = new_session(qtbot, window, "Hội nghị quán triệt Kết luận số 50-KL/TW")
    ed = screen.editor
    tick_directive(ed, "50-KL/TW")
    ed.setCurrentIndex(1)
    type_text(ed.attendance.member_search, "huong")  # accent-insensitive search
    assert ed.attendance.roster.rowCount() == 1
    ed.attendance.roster.setData(
        ed.attendance.roster.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    ed.attendance.member_search.clear()
    row = ed.attendance.roster.row_of_key(
        next(m.id for m in svc.members.list() if m.full_name == "Giàng A Páo")
    )
    ed.attendance.roster.setData(
        ed.attendance.roster.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert ed.attendance.count_boxes["participants"].value() == 2
    assert ed.attendance.count_boxes["female"].value() == 1
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    unit = svc.units.own_unit().code
    sessions = svc.sessions.list(SessionFilter(unit_code=unit))
    assert len(sessions) == 1, [
        e.text() for e in (*ed.details.errors.values(), *ed.attendance.counts.errors.values())
    ]
    s1 = sessions[0]
    assert s1.title == "Hội nghị quán triệt Kết luận số 50-KL/TW"
    assert s1.directive_codes == ["50-KL/TW"]
    assert (s1.attendance.participants, s1.attendance.female, s1.attendance.ethnic_minority) == (
        2,
        1,
        2,
    )
    assert len(s1.attendee_ids) == 2

    # Session 2: a headcount with people from outside the roster.
    screen = new_session(qtbot, window, "Tọa đàm “Đoàn viên với khoa học và công nghệ”")
    ed = screen.editor
    tick_directive(ed, "51-KL/TW")
    ed.form.setCurrentIndex(ed.form.findData("toa-dam"))
    ed.attendance.headcount.setChecked(True)
    ed.attendance.count_boxes["participants"].setValue(30)
    ed.attendance.count_boxes["female"].setValue(12)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert svc.sessions.count() == 2
    assert screen.model.rowCount() == 2

    # Supervision with a recommendation.
    sup = window.show_screen("supervision")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    type_text(sup.target, "Trường Tiểu học số 1 xã Bản Bo")
    [add] = [b for b in sup.recs.findChildren(QPushButton) if b.text() == "Thêm kiến nghị"]
    add.click()
    sup.recs.table.item(0, 0).setText("Bổ sung phòng học bộ môn Tin học")
    assert sup.has_unsaved()
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    [activity] = svc.supervision.list()
    assert activity.target == "Trường Tiểu học số 1 xã Bản Bo"
    assert [r.text for r in activity.recommendations] == ["Bổ sung phòng học bộ môn Tin học"]

    # The dashboard's figures follow.
    dash = window.show_screen("dashboard")
    settle(qtbot, window)
    assert dash.cards["sessions"].value.text() == "2"
    assert dash.cards["participants"].value.text() == "32"
    assert dash.cards["female"].value.text() == "13"
    assert dash.cards["supervisions"].value.text() == "1"
    assert dash.cards["recommendations"].value.text() == "1"

    # A narrative section.
    rep = window.show_screen("report")
    settle(qtbot, window)
    rep.sections.setCurrentRow(2)
    type_text(rep.text, "Tài liệu tuyên truyền bằng tiếng dân tộc còn ít.")
    assert rep.has_unsaved()
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    period = window.ctx.current_period().code
    assert (
        svc.reporting.narrative(period)["ton-tai"]
        == "Tài liệu tuyên truyền bằng tiếng dân tộc còn ít."
    )
    assert not rep.has_unsaved()


def test_validation_error_is_shown_and_nothing_saved(qtbot, window, unit_suite):  # noqa: ANN001
    screen = new_session(qtbot, window, "")
    ed = screen.editor
    type_text(ed.place, "Nhà văn hóa bản Nà Khan")
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert "không được để trống" in ed.details.error_text("title")
    assert ed.place.text() == "Nhà văn hóa bản Nà Khan"  # nothing typed is lost
    assert unit_suite.sessions.count() == 0
    # more women than participants: the message sits next to the field on the attendance tab
    type_text(ed.title, "Sinh hoạt chuyên môn tháng 11")
    tick_directive(ed, "50-KL/TW")  # a session needs its directive (test_upper_officer.py)
    ed.attendance.headcount.setChecked(True)
    ed.attendance.count_boxes["participants"].setValue(10)
    ed.attendance.count_boxes["female"].setValue(12)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert "lớn hơn số người tham dự" in ed.attendance.counts.error_text("female")
    assert ed.currentIndex() == 1
    assert ed.details.error_text("title") == ""
    assert unit_suite.sessions.count() == 0
    assert ed.dirty


def test_delete_asks_and_ctrl_z_restores(qtbot, window, unit_suite):  # noqa: ANN001
    unit_suite.demo.fill(members=12)
    before = unit_suite.sessions.count()
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    screen.table.selectRow(0)
    settle(qtbot, window)
    sid = screen.editor.session_id
    assert sid is not None
    title = screen.editor.title.text()
    seen: list[str] = []
    answer_next_box("Xóa", seen)
    screen.table.setFocus()
    QTest.keyClick(screen.table, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert title in seen[0]
    assert unit_suite.sessions.count() == before - 1
    assert window.act_undo.isEnabled()
    window.activateWindow()  # offscreen, activation does not come back after a message box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    settle(qtbot, window)
    assert unit_suite.sessions.count() == before
    restored = unit_suite.sessions.get(sid)
    assert restored.title == title
    assert not window.act_undo.isEnabled()


def test_cancelled_delete_keeps_the_record(qtbot, window, unit_suite):  # noqa: ANN001
    add_member(qtbot, window, "Vàng Thị Mai", True, "Mông")
    screen = window.screen_by_key("members")
    screen.table.selectRow(0)
    answer_next_box("Hủy")
    screen.delete_selected()
    settle(qtbot, window)
    assert len(unit_suite.members.list()) == 1


def test_unsaved_changes_prompt_keeps_typing(qtbot, window, unit_suite):  # noqa: ANN001
    screen = window.show_screen("members")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    type_text(screen.full_name, "Tẩn Láo Sử")
    answer_next_box("Hủy")
    window.sidebar.setCurrentRow(0)  # try to leave for the overview
    settle(qtbot, window)
    assert window.current_screen() is screen
    assert screen.full_name.text() == "Tẩn Láo Sử"
    answer_next_box("Lưu")
    window.sidebar.setCurrentRow(0)
    settle(qtbot, window)
    assert [m.full_name for m in unit_suite.members.list()] == ["Tẩn Láo Sử"]


def test_switch_language(qtbot, qapp, window, unit_suite, worker):  # noqa: ANN001
    from lai_chau_desk.ui.application import start_ui

    settings = window.show_screen("settings")
    settle(qtbot, window)
    assert window.sidebar.item(0).text() == "Tổng quan"
    settings.language.setCurrentIndex(settings.language.findData("en"))
    assert settings.has_unsaved()
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert unit_suite.settings.get(LANGUAGE) == "en"
    window.close()
    again = start_ui(qapp, unit_suite, worker, unit_suite.db.path)  # next start
    qtbot.addWidget(again)
    assert again.sidebar.item(0).text() == "Overview"
    assert again.sidebar.item(1).text() == "Dissemination"


def test_window_state_is_remembered(qtbot, qapp, window, unit_suite, worker):  # noqa: ANN001
    from lai_chau_desk.ui.application import start_ui

    window.show_screen("members")
    settle(qtbot, window)
    window.resize(760, 520)  # inside the offscreen 800x600 screen
    window.close()
    again = start_ui(qapp, unit_suite, worker, unit_suite.db.path)
    qtbot.addWidget(again)
    assert again.current_screen().__class__.__name__ == "MembersScreen"
    assert (again.size().width(), again.size().height()) == (760, 520)
