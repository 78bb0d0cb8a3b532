"""What every screen receives: the services, the worker, the undo slot and change notices.

Handed down by the composition root; there is no global application object. After a change a
screen announces what kind of data changed (Anki's operations style) and every screen that
shows such data refreshes itself.

At start-up the context exists before the database is open: the main window is built and
painted with a context that is not :attr:`~AppContext.ready`, and the worker's services are
handed to it (:meth:`~AppContext.deliver`) when they arrive; ``services_ready`` tells the
window and its screens. This module imports nothing of the storage layer (SQLAlchemy is the
worker's to import, off the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from ..domain.periods import Period, PeriodSettings, period_for, periods_of_year
from ..i18n import _
from .worker import Worker

if TYPE_CHECKING:
    from ..services.suite import ServiceSuite

SESSIONS, MEMBERS, SUPERVISION, CATALOGUE, REPORT, SETTINGS = (
    "sessions",
    "members",
    "supervision",
    "catalogue",
    "report",
    "settings",
)


class AppContext(QObject):
    """Services + worker + notices. ``changed(kind)`` tells screens to refresh.

    Built without ``services`` (start-up, before the database is open) it is not
    :attr:`ready` until :meth:`deliver` hands them in and emits ``services_ready``; until
    then :attr:`services` and :attr:`period_settings` raise."""

    changed = Signal(str)
    status = Signal(str)
    undo_available = Signal(str)  # description of what Ctrl+Z would restore ("" = nothing)
    services_ready = Signal()

    def __init__(
        self,
        services: ServiceSuite | None,
        worker: Worker,
        store: QSettings,
        period_settings: PeriodSettings | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self._services = services
        self.worker = worker
        self.store = store
        self._period_settings = period_settings
        self.today = today
        self._undo: tuple[str, str, Callable[[], Any]] | None = None
        if services is not None and period_settings is None:
            raise ValueError("services come with their period settings")

    # --- the services, once the worker delivered them --------------------------------
    @property
    def ready(self) -> bool:
        """Whether the database's services are here (screens may read data)."""
        return self._services is not None

    @property
    def services(self) -> ServiceSuite:
        if self._services is None:
            raise RuntimeError("the database is still being opened")
        return self._services

    @property
    def period_settings(self) -> PeriodSettings:
        if self._period_settings is None:
            raise RuntimeError("the database is still being opened")
        return self._period_settings

    @period_settings.setter
    def period_settings(self, value: PeriodSettings) -> None:
        self._period_settings = value

    def deliver(
        self,
        services: ServiceSuite,
        period_settings: PeriodSettings,
        today: Callable[[], date] | None = None,
    ) -> None:
        """Hand in the services the worker built (once); ``services_ready`` follows."""
        if self._services is not None:
            raise RuntimeError("the services were already delivered")
        self._services = services
        self._period_settings = period_settings
        if today is not None:
            self.today = today
        self.services_ready.emit()

    # --- background work -------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Run ``fn`` on the worker; errors without a handler become a message box. Results
        for a ``parent`` widget that was closed meanwhile are dropped."""
        import shiboken6

        def alive() -> bool:
            return parent is None or shiboken6.isValid(parent)

        def done(result: Any) -> None:
            if on_done is not None and alive():
                on_done(result)

        def failed(exc: BaseException) -> None:
            if alive():
                (on_error or (lambda e: _show_error(parent, e)))(exc)

        self.worker.run(fn, *args, on_done=done, on_error=failed)

    # --- periods ---------------------------------------------------------------------
    def current_period(self) -> Period:
        return period_for(self.today(), "S", self.period_settings)

    def recent_periods(self) -> list[Period]:
        """The periods of this year and the previous one, newest first."""
        year = self.current_period().year
        out: list[Period] = []
        for y in (year, year - 1):
            out.extend(reversed(periods_of_year(y, self.period_settings)))
        return out

    # --- undo of the last delete -----------------------------------------------------
    def remember_delete(self, what: str, kind: str, restore: Callable[[], Any]) -> None:
        self._undo = (what, kind, restore)
        self.undo_available.emit(what)
        self.status.emit(_("Deleted: {what}. Press Ctrl+Z to undo.").format(what=what))

    def undo_text(self) -> str:
        return self._undo[0] if self._undo else ""

    def undo_delete(self, parent: QWidget | None = None) -> bool:
        if self._undo is None:
            return False
        what, kind, restore = self._undo
        self._undo = None
        self.undo_available.emit("")

        def done(_result: object) -> None:
            self.status.emit(_("Restored: {what}.").format(what=what))
            self.changed.emit(kind)

        self.run(restore, on_done=done, parent=parent)
        return True


def _show_error(parent: QWidget | None, exc: BaseException) -> None:
    """``common.show_error``, imported when first needed (not before the first paint)."""
    from .common import show_error

    show_error(parent, exc)
