"""The Excel import dialog, offscreen, on a real database and a workbook generated here."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import Workbook

pytest.importorskip("PySide6.QtWidgets")

from lai_chau_desk.domain.members import Member  # noqa: E402
from lai_chau_desk.ui.roster_import_dialog import RosterImportDialog  # noqa: E402


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH ĐOÀN VIÊN"])
    ws.append([])
    ws.append(["STT", "Hä vµ tªn", "Giới tính", "Năm sinh", "Dân tộc", "Đoàn viên", "Tổ"])
    ws.append([1, "Nguyễn Văn An", "Nam", 1985, "Kinh", "x", "Tổ Toán"])
    ws.append([2, "NguyÔn ThÞ B×nh", "N÷", 1990, "Th¸i", "x", "Tæ V¨n"])
    ws.append([3, "Lò Văn Cường", "Nam", 1979, "Thái", "", "Tổ Toán"])
    ws.append([4, "Nguyễn Văn An", "Nam", 1985, "Kinh", "x", ""])  # duplicate in the file
    ws.append([5, "Sai Năm Sinh", "Nam", "abc", "Kinh", "x", ""])  # error
    ws.append([6, "Hà Thị Có Rồi", "Nữ", 1988, "Kinh", "x", ""])  # already on the roster
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    return path


def _open(qtbot, suite, path: Path) -> RosterImportDialog:
    dialog = RosterImportDialog(suite)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.is_busy(), timeout=10_000)
    return dialog


def test_guesses_mapping_previews_and_imports(qtbot, unit_suite, roster_file):
    unit_suite.members.add(Member("Hà Thị Có Rồi", "nu", 1988))
    dialog = _open(qtbot, unit_suite, roster_file)
    assert dialog.sheet_combo.currentText() == "Danh sách"
    assert dialog.header_spin.value() == 3
    assert dialog.mapping() == {
        "full_name": 1,
        "gender": 2,
        "birth": 3,
        "ethnicity": 4,
        "is_union_member": 5,
        "department": 6,
    }
    assert dialog.mapping_combos["full_name"].currentText() == "B: Họ và tên"
    assert dialog.preview_table.rowCount() == 6
    assert dialog.preview_table.item(1, 2).text() == "Nguyễn Thị Bình"
    assert dialog.preview.summary() == "3 dòng hợp lệ, 2 trùng, 1 lỗi"
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog._signals.done, timeout=10_000):
        dialog.import_button.click()
    assert dialog.import_result.added == 3
    names = {m.full_name for m in unit_suite.members.list()}
    assert names == {"Hà Thị Có Rồi", "Nguyễn Văn An", "Nguyễn Thị Bình", "Lò Văn Cường"}
    assert not dialog.import_button.isEnabled()  # the same preview cannot be imported twice


def test_unmapping_the_name_blocks_import(qtbot, unit_suite, roster_file):
    dialog = _open(qtbot, unit_suite, roster_file)
    dialog.mapping_combos["full_name"].setCurrentIndex(0)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    dialog.mapping_combos["full_name"].setCurrentIndex(2)  # back to column B
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.is_busy())
    assert dialog.import_button.isEnabled()


def test_cancel_changes_nothing(qtbot, unit_suite, roster_file, monkeypatch):
    dialog = _open(qtbot, unit_suite, roster_file)
    gate = threading.Event()
    real_apply = unit_suite.roster_io.apply_import

    def held_apply(*args, **kwargs):
        gate.wait(10)  # the user presses Cancel while the import is under way
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(unit_suite.roster_io, "apply_import", held_apply)
    dialog.import_button.click()
    assert dialog.cancel_button.isVisible() and not dialog.import_button.isEnabled()
    dialog.cancel_button.click()
    with qtbot.waitSignal(dialog._signals.failed, timeout=10_000):
        gate.set()
    assert unit_suite.members.list() == []
    assert "hủy" in dialog.summary_label.text()
    assert not dialog.cancel_button.isVisible() and dialog.close_button.isEnabled()


def test_bad_file_shows_a_message(qtbot, unit_suite, tmp_path):
    bad = tmp_path / "not.xlsx"
    bad.write_text("just text")
    dialog = RosterImportDialog(unit_suite)
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "không phải là bảng tính" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
