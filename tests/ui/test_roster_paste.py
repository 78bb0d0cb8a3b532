"""Ctrl+V of rows copied from Excel into the roster: the XLSX import's checks, a confirmation
that says what will change, and "Undo paste" that puts the roster back."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lai_chau_desk.domain.members import Member
from lai_chau_desk.ui.paste import clipboard_cells
from tests.ui.helpers import answer_next_box, settle

# As Excel puts a copied block on the clipboard: tab-separated cells, CRLF line ends.
EXCEL = (
    "Họ và tên\tGiới tính\tNăm sinh\tDân tộc\tĐoàn viên\tChức vụ\r\n"
    "Lò Thị Hương\tNữ\t1985\tThái\tx\tTổ trưởng\r\n"
    "Giàng A Páo\tNam\t1990\tMông\tx\t\r\n"
    "Vàng Thị Mai\tNữ\t3000\tDao\t\t\r\n"
    "Giàng A Páo\tNam\t1990\tMông\tx\t\r\n"
)


def _roster(suite) -> dict[str, Member]:  # noqa: ANN001
    return {m.full_name: m for m in suite.members.list()}


def test_preview_uses_the_import_checks_and_matches_people_already_listed(unit_suite) -> None:  # noqa: ANN001
    from lai_chau_desk.services.roster_paste import ADD, ERROR, REPEAT, UPDATE

    unit_suite.members.add(Member("Lò Thị Hương", "nu", 1985, ethnicity="Thái"))
    preview = unit_suite.roster_paste.preview_paste(clipboard_cells(EXCEL))
    assert preview.header and preview.mapping["birth"] == 2
    assert [(r.row_number, r.action) for r in preview.rows] == [
        (2, UPDATE),
        (3, ADD),
        (4, ERROR),
        (5, REPEAT),
    ]
    assert preview.problems() == ["Dòng 4: Năm sinh 3000 không hợp lý."]
    assert (
        preview.summary() == "Thêm 1 người, cập nhật 1 người; bỏ qua 1 dòng dán trùng, 1 dòng lỗi."
    )
    # without a header row: the columns of the roster list, in its order
    bare = unit_suite.roster_paste.preview_paste(clipboard_cells("Vàng Thị Mai\tNữ\t1992\tDao\n"))
    assert not bare.header and [r.action for r in bare.rows] == [ADD]
    m = bare.rows[0].member
    assert (m.gender, m.birth_year, m.ethnicity) == ("nu", 1992, "Dao")


def test_ctrl_v_in_the_roster_adds_and_updates_after_asking_and_undo_puts_it_back(
    qtbot,
    window,  # noqa: ANN001
    unit_suite,
) -> None:
    unit_suite.members.add(Member("Lò Thị Hương", "nu", 1985, ethnicity="Thái"))
    before = _roster(unit_suite)
    screen = window.show_screen("members")
    settle(qtbot, window)
    assert screen.model.rowCount() == 1
    QApplication.clipboard().setText(EXCEL)
    screen.table.setFocus()
    qtbot.waitUntil(screen.table.hasFocus)
    asked: list[str] = []
    answer_next_box("Dán vào danh sách", asked)
    QTest.keySequence(screen.table, QKeySequence(QKeySequence.StandardKey.Paste))
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    settle(qtbot, window)
    question = asked[0]
    assert question.startswith("Dán vào danh sách đoàn viên: Thêm 1 người, cập nhật 1 người")
    assert "1 dòng dán trùng, 1 dòng có lỗi" in question
    assert "Dòng 4: Năm sinh 3000 không hợp lý." in question
    assert "Hoàn tác lần dán" in question
    roster = _roster(unit_suite)
    assert sorted(roster) == ["Giàng A Páo", "Lò Thị Hương"]
    assert roster["Lò Thị Hương"].position == "Tổ trưởng"
    assert roster["Lò Thị Hương"].id == before["Lò Thị Hương"].id  # updated, not a second one
    assert screen.model.rowCount() == 2  # the list shows it at once
    assert screen.undo_paste_button.isVisible()
    screen.undo_paste_button.click()
    settle(qtbot, window)
    assert _roster(unit_suite) == before
    assert screen.model.rowCount() == 1 and not screen.undo_paste_button.isVisible()


def test_a_cancelled_paste_changes_nothing(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    screen = window.show_screen("members")
    settle(qtbot, window)
    QApplication.clipboard().setText(EXCEL)
    asked: list[str] = []
    answer_next_box("Hủy", asked)
    screen.paste_button.click()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    settle(qtbot, window)
    assert unit_suite.members.list() == [] and not screen.undo_paste_button.isVisible()
