"""``--smoke``: the watcher the benchmark and the start-up tests use to know when the main
window and its data were painted (and what the first paint showed)."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from .worker import Worker


class SmokeWatcher(QObject):
    """``--smoke``: quits the app once the main window (or the wizard) has painted and the
    dashboard's data have arrived and been painted, and says when each window was first
    painted (``opening``, ``MainWindow``, ``FirstRunWizard``), when the data were painted
    (``data``), in seconds since ``LAI_CHAU_DESK_SMOKE_T0`` (a ``time.time()`` the benchmark
    sets just before starting the process) when that is set, and what the main window's first
    paint showed (``smoke-painted: …``: the sidebar's screens and the screen shown)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False
        self.t0 = float(os.environ.get("LAI_CHAU_DESK_SMOKE_T0") or 0) or None
        self.times: dict[str, float] = {}
        self.seen: dict[str, str] = {}
        self._data_window: QWidget | None = None

    def watch(self, widget: QWidget, name: str, last: bool = False) -> None:
        widget.setProperty("smoke-name", name)
        widget.setProperty("smoke-last", last)
        widget.installEventFilter(self)

    def quit_once_loaded(self, window: QWidget, worker: Worker) -> None:
        """Record ``data`` at the window's first paint after its context is ready and the
        worker has delivered everything the shown screen asked for, then quit."""
        timer = QTimer(self)
        timer.setInterval(5)

        def check() -> None:
            if worker.idle():
                timer.stop()
                self._data_window = window
                window.update()

        timer.timeout.connect(check)
        timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """At a watched window's paint event, what it shows; its time once the whole frame
        (the window and every child) has been painted and flushed: a zero timer fires after
        the repaint that is delivering this event (the benchmark's floor times the same)."""
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            name = str(obj.property("smoke-name"))
            if name not in self.seen:
                self.seen[name] = _describe(obj)
                last = bool(obj.property("smoke-last"))
                QTimer.singleShot(0, lambda: self._painted(name, last))
            if obj is self._data_window and "data" not in self.seen:
                self.seen["data"] = ""
                QTimer.singleShot(0, lambda: self._painted("data", True))
        return False

    def _painted(self, name: str, last: bool) -> None:
        self.times[name] = time.time()
        if last:
            self._finish()

    def _finish(self) -> None:
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.app.quit)

    def report(self) -> None:
        if self.t0 is not None:
            t0 = self.t0
            print(
                "smoke: "
                + " ".join(
                    f"{name}={t - t0:.3f}"
                    for name, t in sorted(self.times.items(), key=lambda kv: kv[1])
                )
            )
        for name, what in self.seen.items():
            if what:
                print(f"smoke-painted: {name}: {what}")


def _describe(window: QWidget) -> str:
    """What a main window shows, for ``--smoke``: its sidebar's screens and the screen shown
    (the class of the stack's current page, ``QLabel`` for a loading page)."""
    from PySide6.QtWidgets import QListWidget, QStackedWidget

    sidebar, stack = getattr(window, "sidebar", None), getattr(window, "stack", None)
    if not (isinstance(sidebar, QListWidget) and isinstance(stack, QStackedWidget)):
        return ""
    shown = stack.currentWidget()
    return (
        f"sidebar={sidebar.count()}{'' if sidebar.isVisible() else '(hidden)'} "
        f"screen={type(shown).__name__ if shown is not None else '-'}"
    )
