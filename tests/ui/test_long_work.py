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


def test_no_automatic_collection_runs_on_the_worker(qtbot) -> None:  # noqa: ANN001
    """While a job runs the collector is off (a collection on the worker thread would
    finalise Qt wrappers there); it is on again once the worker is idle, and a collector
    someone else turned off stays off."""
    import gc
    import threading

    from lai_chau_desk.ui.worker import Worker

    worker = Worker()
    release = threading.Event()
    seen: list[bool] = []
    done: list[object] = []
    assert gc.isenabled()
    worker.run(lambda: (release.wait(5), seen.append(gc.isenabled())), on_done=done.append)
    assert not gc.isenabled()
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        worker.run(lambda: None, on_done=done.append)
        qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
        assert not gc.isenabled()  # not this worker's to turn on
    finally:
        gc.enable()
    worker.shutdown()
    assert gc.isenabled()
