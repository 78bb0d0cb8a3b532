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
    for w in (editor.from_list, editor.headcount, editor.tick_all, editor.untick_all,
              editor.department, editor.member_search, *editor.count_boxes.values()):
        assert _inside(w, area), w
