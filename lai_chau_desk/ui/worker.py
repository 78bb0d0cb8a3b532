"""The one background worker every database call goes through (after Anki's taskman).

A single-thread executor keeps SQLite to one writer and the GUI thread off the disk. Results
come back to the GUI thread through a queued signal; callbacks always run on the GUI thread.
Long work is a plain function taking ``progress`` and ``cancel`` callables; the GUI polls its
progress every 100 ms instead of receiving a signal per item.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class LongTask:
    """Progress and cancel state shared between a long operation and the GUI."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Delivery:
    __slots__ = ("on_done", "on_error", "result", "error")

    def __init__(
        self,
        on_done: Done | None,
        on_error: Failed | None,
        result: Any,
        error: BaseException | None,
    ) -> None:
        self.on_done, self.on_error, self.result, self.error = on_done, on_error, result, error


class Worker(QObject):
    """Runs callables one at a time off the GUI thread; see the module docstring."""

    # One wrapper object per result: PySide6 on Python 3.11 mis-counts references of None
    # passed through a queued ``object`` signal argument (it crashed after many deliveries).
    _finished = Signal(object)
    busy_changed = Signal(bool)
    failed = Signal(object)  # an error nobody handled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._pending = 0
        self._gc_held = False
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        **kwargs: Any,
    ) -> Future:
        """Queue ``fn(*args, **kwargs)``; ``on_done(result)`` or ``on_error(exc)`` follow on
        the GUI thread."""
        self._pending += 1
        self._hold_gc()
        if self._pending == 1:
            self.busy_changed.emit(True)

        def job() -> Any:
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
                self._finished.emit(_Delivery(on_done, on_error, None, exc))
                raise
            self._finished.emit(_Delivery(on_done, on_error, result, None))
            return result

        return self._pool.submit(job)

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the worker and wait for it (start-up and shutdown only)."""
        return self.start(fn, *args, **kwargs).result()

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Queue ``fn`` and return its future, nothing delivered to the GUI (start-up only:
        the caller waits on the future)."""
        return self._pool.submit(fn, *args, **kwargs)

    def idle(self) -> bool:
        return self._pending == 0

    def _deliver(self, d: _Delivery) -> None:
        on_done, on_error, result, error = d.on_done, d.on_error, d.result, d.error
        self._pending -= 1
        try:
            if error is not None:
                if on_error is not None:
                    on_error(error)
                else:
                    self.failed.emit(error)
            elif on_done is not None:
                on_done(result)
        finally:
            if self._pending == 0:
                self._release_gc()
                self.busy_changed.emit(False)

    def _hold_gc(self) -> None:
        """No automatic collection while a job runs. A collection runs in whichever thread
        allocates when a threshold is crossed; on the worker it would finalise Qt wrappers
        left in reference cycles (a closed dialog and its lambdas), destroying widgets off
        the GUI thread, which crashes Qt. Held, garbage is collected on the GUI thread once
        the worker is idle (called on the GUI thread; the collector is turned back on only
        if this worker turned it off)."""
        if not self._gc_held and gc.isenabled():
            gc.disable()
            self._gc_held = True

    def _release_gc(self) -> None:
        if self._gc_held:
            self._gc_held = False
            gc.enable()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
        self._release_gc()


_pump_loop = None


def pump() -> None:
    """Process pending events. ``QEventLoop().processEvents()`` is used because the static
    ``QCoreApplication.processEvents()`` of PySide6 6.12 on Python 3.11 releases one reference
    to None per call, which crashes a process that calls it some ten thousand times."""
    global _pump_loop
    from PySide6.QtCore import QEventLoop

    if _pump_loop is None:
        _pump_loop = QEventLoop()
    _pump_loop.processEvents()


def poll(task: LongTask, on_tick: Callable[[int, int], None], parent: QObject) -> QTimer:
    """A 100 ms timer that reports ``task``'s progress; stop it when the task ends."""
    timer = QTimer(parent)
    timer.setInterval(100)
    timer.timeout.connect(lambda: on_tick(task.done, task.total))
    timer.start()
    return timer
