"""Long work runs on the worker behind a progress dialog that can cancel it."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from lai_chau_desk.services.base import Cancelled
from lai_chau_desk.ui.progress import run_long
from tests.ui.helpers import answer_next_box, settle


def test_progress_is_polled_and_cancel_stops_the_work(qtbot, window) -> None:  # noqa: ANN001
    steps: list[int] = []

    def work(progress, cancel) -> int:  # noqa: ANN001
        for i in range(400):
            if cancel():
                raise Cancelled()
            steps.append(i)
            progress(i, 400)
            time.sleep(0.005)
        return 400

    results: list[int] = []
    task = run_long(window.ctx, window, "Đang nhập…", work, results.append)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
    [dialog] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5000)  # polled every 100 ms
    seen: list[str] = []
    answer_next_box("Đồng ý", seen)
    [cancel] = dialog.findChildren(QPushButton)
    assert cancel.text() == "Hủy"
    cancel.click()
    settle(qtbot, window)
    assert task.cancelled()
    assert results == []  # never finished
    assert len(steps) < 400
    assert "Đã hủy" in seen[0]


def test_long_work_that_finishes_delivers_its_result(qtbot, window) -> None:  # noqa: ANN001
    results: list[int] = []
    run_long(
        window.ctx,
        window,
        "…",
        lambda progress, cancel: (progress(1, 1), 7)[1],
        results.append,
        cancellable=False,
    )
    settle(qtbot, window)
    assert results == [7]
