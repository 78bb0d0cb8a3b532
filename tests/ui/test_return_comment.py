"""A report cannot be returned to a unit without a comment saying what to fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lai_chau_desk.ui.intake_report_dialog import ReturnCommentDialog
from tests.ui.helpers import type_text


def test_return_is_greyed_until_a_comment_is_typed(qtbot) -> None:  # noqa: ANN001
    box = ReturnCommentDialog()
    qtbot.addWidget(box)
    box.show()
    assert not box.ok_button.isEnabled() and box.hint.isVisible()
    QTest.keyClicks(box.text, "   ")
    QTest.keyClick(box.text, Qt.Key.Key_Return)
    assert not box.ok_button.isEnabled()
    box.accept()  # even called directly, an empty comment does not close it
    assert box.isVisible() and box.result() == 0
    type_text(box.text, "Bổ sung số liệu nữ tham dự.")
    assert box.ok_button.isEnabled() and not box.hint.isVisible()
    QTest.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
    assert box.result() == 1
    assert box.comment() == "Bổ sung số liệu nữ tham dự."
