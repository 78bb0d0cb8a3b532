"""The session editor records which tasks (nhiệm vụ) of the ticked directives were covered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from lai_chau_desk.storage.sessions_repo import SessionFilter
from tests.ui.helpers import settle, type_text
from tests.ui.test_officer_path import tick_directive


def _item(widget, ref: str):  # noqa: ANN001, ANN202
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == ref:
            return widget.item(i)
    raise AssertionError((ref, [widget.item(i).text() for i in range(widget.count())]))


def test_tasks_of_the_ticked_directive_are_listed_and_saved(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    assert ed.tasks.count() == 1 and not ed.tasks.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    type_text(ed.title, "Quán triệt Kế hoạch 334")
    _item(ed.directives, "334-KH/TU").setCheckState(Qt.CheckState.Checked)
    refs = [ed.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(ed.tasks.count())]
    assert "334-KH/TU II.3.a" in refs and all(r.startswith("334-KH/TU ") for r in refs)
    _item(ed.tasks, "334-KH/TU II.3.a").setCheckState(Qt.CheckState.Checked)
    ed.attendance.count_boxes["participants"].setValue(
        20
    )  # a session needs a directive and, at a meeting, participants (test_upper_officer.py)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    unit = unit_suite.units.own_unit().code
    [saved] = unit_suite.sessions.list(SessionFilter(unit_code=unit))
    assert saved.task_codes == ["334-KH/TU II.3.a"]
    assert saved.directive_codes == ["334-KH/TU"]
    # shown again when the session is opened
    ed.load(None)
    ed.load(unit_suite.sessions.get(saved.id))
    assert _item(ed.tasks, "334-KH/TU II.3.a").checkState() == Qt.CheckState.Checked
    assert not ed.dirty


def test_tick_all_and_a_whole_department(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    from lai_chau_desk.domain.members import Member

    for name, dept in (("Lò Văn A", "Tổ Toán"), ("Lò Thị B", "Tổ Toán"), ("Giàng A C", "Tổ Văn")):
        unit_suite.members.add(Member(name, "nam", 1980, department=dept))
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    ed.setCurrentIndex(1)
    assert [ed.attendance.department.itemText(i) for i in range(ed.attendance.department.count())][
        1:
    ] == [
        "Tổ Toán",
        "Tổ Văn",
    ]
    ed.attendance.department.activated.emit(1)
    assert ed.attendance.count_boxes["participants"].value() == 2 and screen.has_unsaved()
    assert ed.attendance.department.currentIndex() == 0
    QTest.mouseClick(ed.attendance.untick_all, Qt.MouseButton.LeftButton)
    assert ed.attendance.count_boxes["participants"].value() == 0
    type_text(ed.attendance.member_search, "giang")
    QTest.mouseClick(ed.attendance.tick_all, Qt.MouseButton.LeftButton)
    assert [m.full_name for m in ed.attendance.roster.checked_rows()] == ["Giàng A C"]
    ed.attendance.member_search.clear()
    QTest.mouseClick(ed.attendance.tick_all, Qt.MouseButton.LeftButton)
    assert ed.attendance.count_boxes["participants"].value() == 3
    type_text(ed.attendance.member_search, "lo")
    type_text(ed.title, "Hội nghị")
    tick_directive(
        ed, "50-KL/TW"
    )  # a session needs a directive and, at a meeting, participants (test_upper_officer.py)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    assert ed.attendance.member_search.text() == ""  # the next session starts from the whole roster


def test_paste_a_column_of_names_from_excel_ticks_them(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    from lai_chau_desk.domain.members import Member

    for name in ("Lò Văn A", "Lò Thị B", "Giàng A C"):
        unit_suite.members.add(Member(name, "nam", 1980))
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    ed.setCurrentIndex(1)
    QApplication.clipboard().setText("lò thị b\t1980\r\nGiàng A C\t1979\r\nNgười Lạ\t\r\n")
    ed.attendance.roster_view.setFocus()
    qtbot.waitUntil(ed.attendance.roster_view.hasFocus)
    QTest.keySequence(ed.attendance.roster_view, QKeySequence(QKeySequence.StandardKey.Paste))
    assert sorted(m.full_name for m in ed.attendance.roster.checked_rows()) == [
        "Giàng A C",
        "Lò Thị B",
    ]
    assert ed.attendance.count_boxes["participants"].value() == 2
    assert "2" in ed.attendance.paste_note.text() and "1" in ed.attendance.paste_note.text()
    assert screen.has_unsaved()


def test_paste_a_column_of_values_into_the_indicators(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    screen = window.show_screen("mobilisation")
    settle(qtbot, window)
    model = screen.model
    assert model.rowCount() >= 2
    screen.table.setCurrentIndex(model.index(0, 2))
    screen.table.setFocus()
    qtbot.waitUntil(screen.table.hasFocus)
    QApplication.clipboard().setText("7\n12\n")
    QTest.keySequence(screen.table, QKeySequence(QKeySequence.StandardKey.Paste))
    assert [model.data(model.index(r, 2)) for r in (0, 1)] == ["7", "12"]
    assert screen.has_unsaved()
