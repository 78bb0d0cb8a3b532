"""The four ways data changed behind the officer's back (issue 11), replayed key by key.

Each test sends the exact keystrokes or wheel turns the officer used, to the real widgets of
the real main window on a real database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from lai_chau_desk.storage.sessions_repo import SessionFilter
from lai_chau_desk.ui.roster_import_dialog import RosterImportDialog
from tests.ui.helpers import settle, type_text
from tests.ui.test_officer_path import tick_directive

# --- 1. roster import, then Đóng -------------------------------------------------------


@pytest.fixture
def thirty(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Tổ"])
    for i in range(30):
        ws.append(
            [
                i + 1,
                f"Nguyễn Văn Số {i + 1}",
                "Nam" if i % 2 else "Nữ",
                1980 + i % 20,
                "Kinh" if i % 3 else "Thái",
                "Tổ Toán" if i < 15 else "Tổ Văn",
            ]
        )
    path = tmp_path / "ds30.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("how", ["close_button", "escape"])
def test_roster_import_then_close_refreshes_members_and_attendance(
    qtbot, window, thirty, how
) -> None:  # noqa: ANN001
    sessions = window.show_screen("sessions")  # the attendance roster, loaded while empty
    settle(qtbot, window)
    assert sessions.editor.attendance.roster.rowCount() == 0
    members = window.show_screen("members")
    settle(qtbot, window)
    assert members.model.rowCount() == 0
    assert members.count_label.text().startswith("Chưa có đoàn viên nào: nhập danh sách")
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RosterImportDialog):
            QTimer.singleShot(20, drive)
            return
        dialog.load_file(thirty)
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.is_busy(), timeout=10_000)
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10_000)
        seen.append(dialog.summary_label.text())
        if how == "close_button":
            QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, drive)
    QTest.mouseClick(members.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert seen and "30" in seen[0]
    assert members.model.rowCount() == 30
    assert members.count_label.text() == "30 người trong danh sách"
    window.show_screen("sessions")
    settle(qtbot, window)
    assert sessions.editor.attendance.roster.rowCount() == 30


# --- 2. typing a date ------------------------------------------------------------------


def _date_field(qtbot, window, where: str) -> QWidget:  # noqa: ANN001
    screen = window.show_screen(where)
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    field = screen.editor.held_on if where == "sessions" else screen.held_on
    if where == "sessions":
        screen.editor.setCurrentIndex(0)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return field


def _leave(field: QWidget) -> None:
    QTest.keyClick(field, Qt.Key.Key_Tab)


@pytest.mark.parametrize("where", ["sessions", "supervision"])
def test_typed_dates_are_the_dates_typed(qtbot, window, where) -> None:  # noqa: ANN001
    field = _date_field(qtbot, window, where)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "20/11/2026")
    _leave(field)
    assert field.text() == "20/11/2026"

    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    for _i in range(10):
        QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, "20/11/2026")
    _leave(field)
    assert field.text() == "20/11/2026"

    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "20112026")
    _leave(field)
    assert field.text() == "20/11/2026"

    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "5/6/2026")
    _leave(field)
    assert field.text() == "05/06/2026"


def test_a_typed_date_is_saved_as_typed(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    field = _date_field(qtbot, window, "sessions")
    screen = window.screen_by_key("sessions")
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "20/11/2026")
    type_text(screen.editor.title, "Hội nghị ngày 20/11")
    tick_directive(
        screen.editor, "50-KL/TW"
    )  # a session needs a directive and, at a meeting, participants (test_upper_officer.py)
    screen.editor.attendance.count_boxes["participants"].setValue(20)
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    unit = unit_suite.units.own_unit().code
    saved = unit_suite.sessions.list(SessionFilter(unit_code=unit))
    assert [s.held_on for s in saved] == [date(2026, 11, 20)]


def test_an_impossible_date_is_refused_next_to_the_field(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    field = _date_field(qtbot, window, "sessions")
    screen = window.screen_by_key("sessions")
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "31/02/2026")
    _leave(field)
    assert field.text() == "31/02/2026"  # never silently turned into another date
    error = screen.editor.details.error_text("held_on")
    assert "31/02/2026" in error and "không" in error.lower()
    type_text(screen.editor.title, "Hội nghị")
    QTest.keySequence(window, QKeySequence("Ctrl+S"))
    settle(qtbot, window)
    unit = unit_suite.units.own_unit().code
    assert unit_suite.sessions.list(SessionFilter(unit_code=unit)) == []
    assert "31/02/2026" in screen.editor.details.error_text("held_on")
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "28/02/2026")
    assert screen.editor.details.error_text("held_on") == ""


def test_a_date_can_be_picked_on_the_calendar(qtbot, window) -> None:  # noqa: ANN001
    field = _date_field(qtbot, window, "supervision")
    screen = window.screen_by_key("supervision")
    assert not screen.has_unsaved()
    field.calendar_action.trigger()
    popup = field.popup
    qtbot.waitUntil(popup.isVisible)
    cal = popup.calendar
    from PySide6.QtCore import QDate

    cal.setSelectedDate(QDate(2026, 10, 9))
    view = cal.focusWidget() or cal
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert field.text() == "09/10/2026"
    assert screen.has_unsaved()


# --- 3. the wheel over fields that have no focus --------------------------------------


def _wheel(widget: QWidget, steps: int = -3) -> None:
    """Turn the wheel ``steps`` notches (negative: towards the user) over ``widget``."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    glob = QPointF(widget.mapToGlobal(centre.toPoint()))
    for _i in range(abs(steps)):
        ev = QWheelEvent(
            centre,
            glob,
            QPoint(0, 0),
            QPoint(0, 120 if steps > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, ev)


def _scroll_area(w: QWidget) -> QAbstractScrollArea:
    p = w.parentWidget()
    while not isinstance(p, QAbstractScrollArea):
        p = p.parentWidget()
    return p


def test_wheel_scrolls_settings_without_changing_the_cutoff_day(qtbot, window) -> None:  # noqa: ANN001
    window.resize(1024, 600)
    screen = window.show_screen("settings")
    settle(qtbot, window)
    cutoff, scheme = screen.cutoff, screen.scheme
    screen.save_button.setFocus()
    assert not cutoff.hasFocus()
    before, scheme_before = cutoff.value(), scheme.currentIndex()
    bar = _scroll_area(cutoff).verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    _wheel(cutoff, -3)
    _wheel(scheme, +3)
    assert cutoff.value() == before == 14
    assert scheme.currentIndex() == scheme_before
    assert not screen.has_unsaved()
    assert bar.value() != top  # the page scrolled instead
    # once the officer clicks into the field, the wheel is theirs
    cutoff.setFocus()
    qtbot.waitUntil(cutoff.hasFocus)
    _wheel(cutoff, -1)
    assert cutoff.value() == before - 1


def test_wheel_does_not_change_unfocused_fields_in_editors(qtbot, window) -> None:  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    ed.title.setFocus()
    form_before, materials_before = ed.form.currentIndex(), ed.own_counts["materials"].value()
    _wheel(ed.form, -2)
    _wheel(ed.own_counts["materials"], +2)
    _wheel(screen.period, -2)
    assert ed.form.currentIndex() == form_before
    assert ed.own_counts["materials"].value() == materials_before
    assert screen.period.currentIndex() == 0
    assert not screen.has_unsaved()


# --- 4. Tab in multi-line texts; an untouched new record is clean ---------------------


def test_tab_in_note_moves_on_and_leaves_the_record_clean(qtbot, window) -> None:  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    assert not screen.has_unsaved()
    ed.note.setFocus()
    qtbot.waitUntil(ed.note.hasFocus)
    QTest.keyClick(ed.note, Qt.Key.Key_Tab)
    assert ed.note.toPlainText() == ""
    assert not ed.note.hasFocus()
    assert not screen.has_unsaved()


def test_tab_through_a_new_supervision_changes_nothing(qtbot, window) -> None:  # noqa: ANN001
    screen = window.show_screen("supervision")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    assert not screen.has_unsaved()
    screen.held_on.setFocus()
    qtbot.waitUntil(screen.held_on.hasFocus)
    visited = []
    for _i in range(12):  # every field of the form, and on to the buttons
        w = QApplication.focusWidget()
        visited.append(w)
        QTest.keyClick(w, Qt.Key.Key_Tab)
    assert screen.content in visited and screen.findings in visited
    assert screen.content.toPlainText() == "" and screen.findings.toPlainText() == ""
    assert not screen.has_unsaved(), screen.heading.text()
    assert "*" not in screen.heading.text()


def test_tab_through_a_new_session_changes_nothing(qtbot, window) -> None:  # noqa: ANN001
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    ed = screen.editor
    ed.held_on.setFocus()
    qtbot.waitUntil(ed.held_on.hasFocus)
    for _i in range(10):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert ed.note.toPlainText() == ""
    assert not screen.has_unsaved()
    assert "*" not in screen.heading.text()
