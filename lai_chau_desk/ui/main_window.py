"""The main window: a sidebar of screens, the shared actions and their shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ..i18n import _
from .common import ask_unsaved, available_geometry, fit_to_screen, info
from .context import AppContext
from .input_guard import install_input_guard
from .screen_base import Screen
from .screens import SCREENS, ScreenSpec

SIDEBAR_WIDE, SIDEBAR_NARROW = 190, 150
SIDEBAR_CSS = """
QListWidget#sidebar { background: #1f4e79; color: white; border: none; font-weight: bold;
                      outline: 0; }
QListWidget#sidebar::item { padding: 10px 14px; }
QListWidget#sidebar::item:selected { background: #2f6f9f; color: white; }
"""


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, unit_name: str = "",
                 screens: list[ScreenSpec] | None = None) -> None:
        super().__init__()
        install_input_guard()
        self.ctx = ctx
        self.specs = screens if screens is not None else SCREENS
        self.screens: dict[str, Screen] = {}
        self.setWindowTitle(_("Lai Châu Desk") + (f" — {unit_name}" if unit_name else ""))
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setStyleSheet(SIDEBAR_CSS)
        self.sidebar.setFixedWidth(SIDEBAR_WIDE)
        self.sidebar.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget(self)
        for spec in self.specs:
            QListWidgetItem(_(spec.title), self.sidebar)
            self.stack.addWidget(QWidget(self.stack))  # replaced on first visit
        central = QWidget(self)
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.sidebar)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.busy = QLabel(self)
        self.statusBar().addPermanentWidget(self.busy)
        ctx.worker.busy_changed.connect(self._busy)
        ctx.status.connect(self._status)
        self._make_actions()
        self._current = -1
        self.sidebar.currentRowChanged.connect(self._go)
        self._restore_state()

    def _busy(self, busy: bool) -> None:
        self.busy.setText(_("Working…") if busy else "")

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- actions ---------------------------------------------------------------------
    def _make_actions(self) -> None:
        def act(text: str, key: QKeySequence | str, slot) -> QAction:  # noqa: ANN001
            a = QAction(text, self)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.act_new = act(_("New"), QKeySequence.StandardKey.New, lambda: self.screen().new_record())
        self.act_find = act(_("Find"), QKeySequence.StandardKey.Find, lambda: self.screen().find())
        self.act_save = act(_("Save"), QKeySequence.StandardKey.Save, lambda: self.screen().save())
        self.act_undo = act(_("Undo delete"), QKeySequence.StandardKey.Undo, self.undo_delete)
        self.act_undo.setEnabled(False)
        self.ctx.undo_available.connect(self._undo_changed)
        self.act_quit = act(_("Quit"), "Ctrl+Q", self.close)
        m = self.menuBar().addMenu(_("&File"))
        m.addAction(self.act_quit)
        e = self.menuBar().addMenu(_("&Edit"))
        for a in (self.act_new, self.act_save, self.act_find, self.act_undo):
            e.addAction(a)
        go = self.menuBar().addMenu(_("&Go"))
        self.act_sidebar = act(_("Show or hide the sidebar"), "Ctrl+B", self.toggle_sidebar)
        go.addAction(self.act_sidebar)
        go.addSeparator()
        for i, spec in enumerate(self.specs):
            a = QAction(_(spec.title), self)
            if i < 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth screen
                a.setShortcut(QKeySequence(f"Ctrl+{(i + 1) % 10}"))
            a.triggered.connect(lambda _c=False, row=i: self.sidebar.setCurrentRow(row))
            go.addAction(a)
            self.addAction(a)
        h = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("About Lai Châu Desk"), self)
        about.triggered.connect(lambda: info(self, _(
            "Lai Châu Desk: records of dissemination, mobilisation and supervision of "
            "trade-union units, and their period reports. Works without internet.")))
        h.addAction(about)

    def _undo_changed(self, what: str) -> None:
        self.act_undo.setEnabled(bool(what))
        self.act_undo.setText(_("Undo delete of “{what}”").format(what=what) if what
                              else _("Undo delete"))

    def undo_delete(self) -> None:
        self.ctx.undo_delete(self)

    # --- screens ---------------------------------------------------------------------
    def screen(self) -> Screen:
        return self.screen_by_key(self.specs[max(self._current, 0)].key)

    def screen_by_key(self, key: str) -> Screen:
        """The screen registered under ``key``, built on first use."""
        if key not in self.screens:
            i = [s.key for s in self.specs].index(key)
            screen = self.specs[i].factory()(self.ctx, self.stack)
            old = self.stack.widget(i)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(i, screen)
            self.screens[key] = screen
            split = screen.findChild(QSplitter)
            state = self.ctx.store.value(f"splitter/{key}")
            if split is not None and isinstance(state, QByteArray):
                split.restoreState(state)
        return self.screens[key]

    def show_screen(self, key: str) -> Screen:
        self.sidebar.setCurrentRow([s.key for s in self.specs].index(key))
        return self.screen_by_key(key)

    def _go(self, row: int) -> None:
        if row == self._current or row < 0:
            return
        if self._current >= 0 and not self._may_leave(self.screen()):
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(self._current)
            self.sidebar.blockSignals(False)
            return
        self._current = row
        screen = self.screen_by_key(self.specs[row].key)
        self.stack.setCurrentIndex(row)
        screen.activate()

    def _may_leave(self, screen: Screen) -> bool:
        """Ask about unsaved edits; True when the user may go on."""
        if not screen.has_unsaved():
            return True
        choice = ask_unsaved(self)
        if choice == "save":
            screen.save()
            return False  # stay until the save succeeded; the user moves on afterwards
        if choice == "discard":
            screen.discard()
            return True
        return False

    # --- window state ----------------------------------------------------------------
    def _restore_state(self) -> None:
        geo = self.ctx.store.value("window/geometry")
        if not (isinstance(geo, QByteArray) and self.restoreGeometry(geo)):
            self.fit_to_screen()
        else:  # a window saved on a bigger screen is brought back inside this one
            avail = available_geometry(self)
            if self.width() > avail.width() or self.height() > avail.height() - 30:
                self.fit_to_screen()
        last = self.ctx.store.value("window/screen", "dashboard")
        keys = [s.key for s in self.specs]
        self.sidebar.setCurrentRow(keys.index(last) if last in keys else 0)

    def fit_to_screen(self) -> None:
        """1280 × 800 where the screen has room; on a laptop (1366 × 768, 1024 × 600) the
        whole available screen, maximised, so no button falls below the task bar."""
        avail = available_geometry(self)
        if avail.width() >= 1400 and avail.height() >= 900:
            fit_to_screen(self, 1280, 800)
        else:
            self.setGeometry(avail)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.sidebar.setFixedWidth(SIDEBAR_NARROW if self.width() < 1200 else SIDEBAR_WIDE)

    def toggle_sidebar(self) -> None:
        """Ctrl+B: hide the sidebar to give a small screen's width to the forms."""
        self.sidebar.setVisible(not self.sidebar.isVisible())

    def save_state(self) -> None:
        self.ctx.store.setValue("window/geometry", self.saveGeometry())
        self.ctx.store.setValue("window/screen", self.specs[max(self._current, 0)].key)
        for key, screen in self.screens.items():
            split = screen.findChild(QSplitter)
            if split is not None:
                self.ctx.store.setValue(f"splitter/{key}", split.saveState())
        self.ctx.store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for screen in self.screens.values():
            if screen.has_unsaved():
                choice = ask_unsaved(self)
                if choice == "cancel" or choice == "save":
                    if choice == "save":
                        screen.save()
                    event.ignore()
                    return
                screen.discard()
        self.save_state()
        event.accept()
