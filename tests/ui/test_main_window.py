"""The main window's menus, what a grassroots unit sees, and the sidebar after a refused save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lai_chau_desk.ui.guide import GuideDialog
from tests.ui.helpers import answer_next_box, settle, type_text


def _menu(window, title: str) -> list[str]:  # noqa: ANN001
    for a in window.menuBar().actions():
        if a.text().replace("&", "") == title:
            return [x.text() for x in a.menu().actions() if not x.isSeparator()]
    raise AssertionError(title)


def test_file_and_help_menus(qtbot, window) -> None:  # noqa: ANN001
    assert _menu(window, "Tệp") == [
        "In báo cáo…",
        "Nhập tệp .lcdx…",  # Ctrl+O (test_upper_officer.py)
        "Sao lưu ngay",
        "Khôi phục từ bản sao lưu…",
        "Mở thư mục dữ liệu",
        "Thoát",
    ]
    assert "Hướng dẫn sử dụng" in _menu(window, "Trợ giúp")
    opened: list[str] = []
    window.open_url = lambda url: opened.append(url.toLocalFile()) or True
    window.act_data_folder.trigger()
    assert opened == [str(Path(window.ctx.services.db.path).parent)]
    QTest.keyClick(window, Qt.Key.Key_F1)
    guide = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog) and w.isVisible()
    )
    assert "Kỳ báo cáo đầu tiên" in guide.text.toPlainText()
    assert "Đoàn viên" in guide.text.toPlainText()
    guide.close()


def test_a_grassroots_unit_sees_no_intake_nor_catalogue_export(qtbot, window) -> None:  # noqa: ANN001
    settle(qtbot, window)
    keys = [s.key for s in window.specs]
    assert window.sidebar.isRowHidden(keys.index("intake"))
    assert not window.go_actions[keys.index("intake")].isVisible()
    packages = window.show_screen("packages")
    settle(qtbot, window)
    assert not packages.catalogue_box.isVisible()
    assert not window.sidebar.isRowHidden(keys.index("packages"))


def test_the_sidebar_follows_the_screen_shown_after_a_refused_save(qtbot, window) -> None:  # noqa: ANN001
    keys = [s.key for s in window.specs]
    members = window.show_screen("members")
    settle(qtbot, window)
    members.new_record()
    type_text(members.position, "Giáo viên")  # no name: the save is refused
    assert members.has_unsaved()
    answer_next_box("Lưu")
    window.sidebar.setCurrentRow(keys.index("supervision"))
    settle(qtbot, window)
    assert window.stack.currentWidget() is members
    assert window.sidebar.currentRow() == keys.index("members")
    assert members.form.error_text("full_name")
    type_text(members.full_name, "Lò Văn Minh")
    answer_next_box("Lưu")
    window.sidebar.setCurrentRow(keys.index("supervision"))
    settle(qtbot, window)
    assert window.sidebar.currentRow() == keys.index("supervision")
    assert window.stack.currentWidget() is window.screen_by_key("supervision")


def test_send_screen_says_what_the_report_still_lacks(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    packages = window.show_screen("packages")
    settle(qtbot, window)
    text = packages.readiness.text()
    assert text.startswith("Trước khi gửi, đề nghị kiểm tra:")
    assert "Các phần còn để trống:" in text and "người ký" in text
    assert "Chưa ghi buổi tuyên truyền nào" in text
    unit_suite.demo.fill(seed=2026)
    window.ctx.changed.emit("sessions")
    settle(qtbot, window)
    assert "Chưa ghi buổi tuyên truyền nào" not in packages.readiness.text()


def test_the_window_fits_a_laptop_screen_and_members_use_its_height(
    qtbot,
    window,  # noqa: ANN001
    monkeypatch,
) -> None:
    from PySide6.QtCore import QRect

    from lai_chau_desk.ui import main_window

    monkeypatch.setattr(main_window, "available_geometry", lambda _w=None: QRect(0, 0, 1366, 728))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.fit_to_screen()
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert window.width() <= 1366 and window.height() <= 728
    members = window.show_screen("members")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: members.table.height() > 0.7 * window.height(), timeout=3000)
