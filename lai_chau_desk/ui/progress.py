"""Long work with a progress dialog and a Cancel button (the work polls ``cancel``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n import _
from .context import AppContext
from .worker import LongTask, poll


def run_long(
    ctx: AppContext,
    parent: QWidget | None,
    label: str,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    on_done: Callable[[Any], None],
    cancellable: bool = True,
) -> LongTask:
    """Run ``work(progress, cancel)`` on the worker behind a modal progress dialog that is
    refreshed every 100 ms. The dialog's Cancel asks the work to stop (it raises Cancelled
    and changes nothing)."""
    task = LongTask()
    dialog = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(task.cancel)

    def tick(done: int, total: int) -> None:
        if dialog.wasCanceled():
            task.cancel()
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    timer = poll(task, tick, dialog)

    def finish() -> None:
        timer.stop()
        dialog.reset()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        from .common import show_error

        show_error(parent, exc)

    ctx.worker.run(work, task.progress, task.cancelled, on_done=done, on_error=failed)
    return task
