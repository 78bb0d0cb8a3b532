"""What a first-time officer stumbled on in a real window (the walkthrough after issue 11)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


def _inside(widget: QWidget, area: QScrollArea) -> bool:
    """The whole of ``widget`` lies within the visible width of ``area``."""
    left = widget.mapTo(area.viewport(), QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= area.viewport().width()


def test_attendance_tab_fits_the_editor_on_a_laptop(qtbot, window):  # noqa: ANN001
    """At 1366 × 768 the attendance tab was wider than the editor beside the sessions list:
    the headcount choice, "Tick a whole department…" and the figures were cut off on the
    right, with no way to scroll sideways to them."""
    window.resize(1366, 728)
    screen = window.show_screen("sessions")
    qtbot.waitUntil(window.ctx.worker.idle, timeout=10_000)
    editor = screen.editor
    editor.setCurrentIndex(1)
    QApplication.processEvents()
    area = editor.currentWidget()
    assert isinstance(area, QScrollArea)
    for w in (
        editor.attendance.from_list,
        editor.attendance.headcount,
        editor.attendance.tick_all,
        editor.attendance.untick_all,
        editor.attendance.department,
        editor.attendance.member_search,
        *editor.attendance.count_boxes.values(),
    ):
        assert _inside(w, area), w


def test_preview_says_which_sections_are_printed_with_suggested_text(
    qtbot,
    window,  # noqa: ANN001
    unit_suite,
):
    """The officer wrote two sections and saved the PDF: the other sections were printed with
    text they never wrote ("Không có." under Nguyên nhân), and nothing said so. The preview
    now names the empty sections before Lưu PDF / In."""
    from lai_chau_desk.domain.narrative import SECTIONS
    from lai_chau_desk.ui.common import section_label
    from lai_chau_desk.ui.report_preview import ReportPreviewDialog

    written, *empty = SECTIONS
    unit_suite.reporting.save_narrative("2026S2", written, "Đơn vị có 30 đoàn viên.")
    dlg = ReportPreviewDialog(window.ctx, "2026S2", "", window)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.gaps.isVisible(), timeout=20_000)
    text = dlg.gaps.text()
    assert "gợi ý từ số liệu" in text
    assert all(section_label(s) in text for s in empty)
    assert section_label(written) not in text
    qtbot.waitUntil(window.ctx.worker.idle, timeout=20_000)
    dlg.close()


def test_grassroots_unit_can_import_a_receipt_from_the_send_screen(
    qtbot,
    window,  # noqa: ANN001
    monkeypatch,
):
    """The Gửi báo cáo screen told a grassroots officer to import the receipt "on the Report
    intake screen", which their sidebar does not show: the button there opens the import."""
    from PySide6.QtWidgets import QFileDialog

    chosen: list[str] = []

    def pick(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        chosen.append("asked")
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
    keys = [s.key for s in window.specs]
    qtbot.waitUntil(lambda: window.sidebar.isRowHidden(keys.index("intake")), timeout=10_000)
    screen = window.show_screen("packages")
    screen.import_from_above.click()
    assert chosen == ["asked"]
    assert window.current_screen() is window.screen_by_key("intake")


def test_an_exported_report_is_not_called_sent(window):  # noqa: ANN001
    """Right after "Xuất gói báo cáo đã ký…" the list said "Đã gửi" although the file was only
    saved on this computer: it now says so, until the level above answers."""
    from lai_chau_desk.ui.intake_models import SENT, label

    assert label(SENT, "sent") == "Đã lưu tệp gửi, chưa có biên nhận của cấp trên"
    assert label(SENT, "accepted") == "Cấp trên đã nhận: chấp nhận"


def test_attendance_names_readable_on_a_small_screen(qtbot, window, unit_suite):  # noqa: ANN001
    """At 1024 × 600 the attendance list cut every name to "Lò Vă…" (the department and
    union-member columns took half the width): the name column now gets the room."""
    from lai_chau_desk.domain.members import Member

    unit_suite.members.add(Member(full_name="Nguyễn Thị Phương Thảo", department="Tổ 1"))
    window.resize(1024, 560)
    screen = window.show_screen("sessions")
    qtbot.waitUntil(window.ctx.worker.idle, timeout=10_000)
    screen.editor.setCurrentIndex(1)
    QApplication.processEvents()
    view = screen.editor.attendance.roster_view
    qtbot.waitUntil(lambda: screen.editor.attendance.roster.rowCount() > 0, timeout=10_000)
    needed = view.fontMetrics().horizontalAdvance("Nguyễn Thị Phương Thảo")
    assert view.columnWidth(0) >= needed
