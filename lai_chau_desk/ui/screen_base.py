"""The contract every sidebar screen follows, so the main window can route shortcuts.

A screen may be built before the database is open (the dashboard's frame, painted first at
start-up): until the context is ready it is disabled (nothing to click that would do
nothing) and its :meth:`Screen.activate` waits; when the services arrive it is enabled and,
if shown, loads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from .context import AppContext


class Screen(QWidget):
    """A sidebar screen. Override what applies; the defaults do nothing."""

    #: kinds of data (see ``context``) whose change makes this screen refresh
    watches: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.changed.connect(self._on_changed)
        if not ctx.ready:
            self.setEnabled(False)
            ctx.services_ready.connect(self._on_ready)

    def _on_ready(self) -> None:
        self.setEnabled(True)
        if self.isVisible():
            self.activate()

    def _on_changed(self, kind: str) -> None:
        if kind in self.watches:
            self._stale = True
            if self.isVisible():
                self.activate()

    def activate(self) -> None:
        """Called when the screen is shown; reload if data changed meanwhile (once the
        services are here: before, the screen stays stale)."""
        if self._stale and self.ctx.ready:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the screen shows (through the worker)."""

    def new_record(self) -> None:
        """Ctrl+N."""

    def focus_search(self) -> None:
        """Ctrl+F (not ``find``: that would shadow the static QWidget.find)."""

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Ctrl+S; ``then`` runs after a successful save (never after a refused one)."""

    def has_unsaved(self) -> bool:
        return False

    def discard(self) -> None:
        """Forget unsaved edits (the user chose to)."""
