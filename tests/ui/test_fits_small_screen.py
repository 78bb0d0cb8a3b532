"""Every screen fits a 1024 × 600 laptop: the main window never asks to be wider or taller
than the screen less a task bar (a long label once pushed the intake screen's «Nhập» button
off the right edge)."""

from __future__ import annotations

from tests.ui.helpers import settle

LONG = (
    "6 tháng cuối năm 2026: 6 đúng hạn, 0 chậm, 2 chưa nhận được (hạn nộp 19/12/2026); "
    "năm 2026: 8 chưa đến hạn"
)


def test_every_screen_fits_1024_by_600(qtbot, window) -> None:  # noqa: ANN001
    window.resize(1024, 600)
    too_wide = {}
    for name in [s.key for s in window.specs]:
        screen = window.show_screen(name)
        settle(qtbot, window)
        if name == "intake":
            screen.matrix_note.setText(LONG)  # the longest summary a period gives
            screen.summary.setText(LONG)
        hint = window.minimumSizeHint()
        if hint.width() > 1024 or hint.height() > 560:
            too_wide[name] = (hint.width(), hint.height())
    assert not too_wide


def test_session_filters_show_their_whole_choice_at_1024(qtbot, window) -> None:  # noqa: ANN001
    """The period, directive and form filters of the sessions screen each show their
    chosen text whole on a 1024 × 600 screen (beside the search box they were cut)."""
    window.resize(1024, 600)
    screen = window.show_screen("sessions")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: screen.directive.count() > 0)
    for combo in (screen.period, screen.directive, screen.form):
        assert combo.currentText()
        text = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert text + 24 <= combo.width(), (combo.currentText(), combo.width())
