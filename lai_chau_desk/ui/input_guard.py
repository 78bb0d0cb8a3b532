"""App-wide input rules that protect data from stray gestures.

- The mouse wheel changes a spin box, combo box or date only when that field has the focus;
  otherwise the wheel scrolls the page under it (Cài đặt: "Ngày chốt số liệu" went 14 → 5
  while the officer scrolled). Such fields also stop taking the focus from the wheel.
- Tab in a multi-line text (Ghi chú, Nội dung, Kết quả giám sát) moves to the next field
  instead of typing a tab character.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_WHEEL_GUARDED = (QAbstractSpinBox, QComboBox)


class InputGuard(QObject):
    """Installed once on the QApplication (see :func:`install_input_guard`)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            # PySide6 hands the filter the event's own class (a QWheelEvent here)
            if (
                isinstance(event, QWheelEvent)
                and isinstance(obj, _WHEEL_GUARDED)
                and not obj.hasFocus()
            ):
                _scroll_page_under(obj, event)
                return True
        elif kind == QEvent.Type.Polish and isinstance(obj, QWidget):
            if isinstance(obj, _WHEEL_GUARDED):
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            elif isinstance(obj, QPlainTextEdit | QTextEdit):
                obj.setTabChangesFocus(True)
        return False


def _scroll_page_under(widget: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the scrolling page that holds ``widget`` (if any), not to the field.

    Qt would pass an ignored wheel on to the parents only for a real wheel, not for one a
    test sends, so the page gets it explicitly and the field's copy is marked as handled."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is not None:
        viewport = area.viewport()
        pos = viewport.mapFromGlobal(event.globalPosition())
        copy = QWheelEvent(
            pos,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QApplication.sendEvent(viewport, copy)
    event.accept()


def install_input_guard(app: QApplication | None = None) -> InputGuard:
    """Install the guard on ``app`` (the running QApplication by default), once."""
    if app is None:
        running = QApplication.instance()
        if not isinstance(running, QApplication):
            raise RuntimeError("install_input_guard needs a running QApplication")
        app = running
    guard = app.findChild(InputGuard, "input_guard")
    if guard is None:
        guard = InputGuard(app)
        guard.setObjectName("input_guard")
        app.installEventFilter(guard)
    return guard
