"""Driving the real widgets: typing Vietnamese, answering message boxes, waiting for the worker."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lai_chau_desk.ui.worker import pump


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (qtbot.keyClicks aborts on non-ASCII characters)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def answer_next_box(button_text: str, seen: list[str] | None = None) -> None:
    """Click the button labelled ``button_text`` in the next modal message box."""

    def click() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox):
            if seen is not None:
                seen.append(w.text())
            for b in w.buttons():
                if b.text() == button_text:
                    b.click()
                    return
            raise AssertionError(f"no button {button_text!r} in {[b.text() for b in w.buttons()]}")
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def settle(qtbot, window) -> None:  # noqa: ANN001
    """Wait until the worker has delivered every result."""
    qtbot.waitUntil(window.ctx.worker.idle, timeout=10_000)
    pump()
    qtbot.waitUntil(window.ctx.worker.idle, timeout=10_000)
    pump()
