"""The main window: a sidebar of screens, the shared actions and their shortcuts.

At start-up it is built and painted before the database is open (its context not yet
ready): the sidebar, the menus and the first screen's frame (the dashboard) are there, the
status bar says the data are being opened, the actions that need data are disabled and a
screen whose frame needs data is a "loading" page. When the worker delivers the services
(``AppContext.deliver``) the actions are enabled, the title names the unit and the shown
screen loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Not ``Qt`` (the namespace, ~90 enums, 0.05-0.1 s to build): imported where used, after the
# first paint.
from PySide6.QtCore import QByteArray, QEvent, QRect, QSize, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
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
from .context import CATALOGUE, AppContext
from .screen_base import Screen
from .screens import SCREENS, ScreenSpec

if TYPE_CHECKING:
    from .screen_settings import SettingsScreen

SIDEBAR_WIDE, SIDEBAR_NARROW = 190, 150
SIDEBAR_CSS = """
QListWidget#sidebar { background: #1f4e79; color: white; border: none; font-weight: bold;
                      outline: 0; }
QListWidget#sidebar::item { padding: 10px 14px; }
QListWidget#sidebar::item:selected { background: #2f6f9f; color: white; }
"""


def available_geometry(widget: QWidget | None = None) -> QRect:
    """As ``common.available_geometry``: the usable part of the screen ``widget`` is on.
    ``common`` (forms, dates, the domain's rules) is imported when first needed, never for
    the window's first paint, which needs only this."""
    screen = QWidget.screen(widget.window()) if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def ask_unsaved(parent: QWidget | None) -> str:
    from .common import ask_unsaved as ask

    return ask(parent)


def info(parent: QWidget | None, text: str) -> None:
    from .common import info as say

    say(parent, text)


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, unit_name: str = "", screens: list[ScreenSpec] | None = None
    ) -> None:
        super().__init__()
        if ctx.ready:
            from .input_guard import install_input_guard

            install_input_guard()
        # else when the services arrive: through the app-wide guard every event of every
        # object passes into Python, which wraps each new kind of object (its enums built):
        # 0.05-0.2 s of building this window, while its screens are disabled anyway
        self.open_url = QDesktopServices.openUrl  # replaced in tests
        self.ctx = ctx
        self.specs = screens if screens is not None else SCREENS
        self.screens: dict[str, Screen] = {}
        self._maximise_on_show = False
        self.set_unit_name(unit_name)
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
        ctx.changed.connect(self._data_changed)
        self._make_actions()
        self._current = -1
        self.sidebar.currentRowChanged.connect(self._go)
        self._restore_state()
        if ctx.ready:
            self._hide_what_has_no_use()
        else:
            self._set_data_actions(False)
            self.statusBar().showMessage(_("Opening the data…"))
            self.busy.setText(_("Working…"))
            ctx.services_ready.connect(self._services_arrived)

    def _show_loading_page(self, row: int) -> None:
        """Until the services arrive, a screen that needs them says the data are opening."""
        from PySide6.QtCore import Qt

        old = self.stack.widget(row)
        if not isinstance(old, QLabel):
            page = QLabel(_("Opening the data…"), self.stack)
            page.setObjectName("loading-page")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(row, page)
        self.stack.setCurrentIndex(row)

    def _guard_input(self) -> None:
        """Install the input guard, and apply its rules to the widgets polished before it
        (the guard sets them up as they are polished)."""
        from .input_guard import install_input_guard

        guard = install_input_guard()
        polish = QEvent(QEvent.Type.Polish)
        for widget in self.findChildren(QWidget):
            guard.eventFilter(widget, polish)

    def set_unit_name(self, unit_name: str) -> None:
        self.setWindowTitle(_("Lai Châu Desk") + (f" — {unit_name}" if unit_name else ""))

    def _data_actions(self) -> list[QAction]:
        """The actions that read or write the database: disabled until it is open."""
        return [
            self.act_new,
            self.act_find,
            self.act_save,
            self.act_print,
            self.act_import,
            self.act_backup,
            self.act_restore,
            self.act_data_folder,
        ]

    def _set_data_actions(self, enabled: bool) -> None:
        for action in self._data_actions():
            action.setEnabled(enabled)

    def _services_arrived(self) -> None:
        """The worker delivered the services: enable what needs data, load the shown screen
        (built now if it was a loading page) and hide what this unit has no use for."""
        self._guard_input()
        self._set_data_actions(True)
        self.act_undo.setEnabled(bool(self.ctx.undo_text()))
        self.statusBar().clearMessage()
        self.busy.setText(_("Working…") if not self.ctx.worker.idle() else "")
        if self._current >= 0:
            key = self.specs[self._current].key
            built = key in self.screens
            screen = self.screen_by_key(key)
            self.stack.setCurrentIndex(self._current)
            if not built:
                screen.activate()
        self._hide_what_has_no_use()

    def _hide_what_has_no_use(self) -> None:
        """A grassroots unit (no units below it) receives no reports: no intake screen."""
        from .screen_packages import units_below

        units = self.ctx.services.units
        self.ctx.run(
            lambda: units_below(units, units.own_unit().code),
            on_done=self._show_intake,
            parent=self,
        )

    def _data_changed(self, kind: str) -> None:
        """Units registered in the directory, or added by an imported package or catalogue:
        the intake screen appears as soon as this unit has units below (it used to wait for
        the next start, while the send screen already sent the officer there)."""
        if not self.ctx.ready:
            return
        from .intake_models import EXCHANGE

        if kind in (CATALOGUE, EXCHANGE):
            self._hide_what_has_no_use()

    def _show_intake(self, show: bool) -> None:
        keys = [s.key for s in self.specs]
        if "intake" not in keys:
            return
        row = keys.index("intake")
        if not show and self._current == row:
            self.sidebar.setCurrentRow(0)
        self.sidebar.setRowHidden(row, not show)
        self.go_actions[row].setVisible(show)
        self.go_actions[row].setEnabled(show)

    def _busy(self, busy: bool) -> None:
        self.busy.setText(_("Working…") if busy else "")

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- actions ---------------------------------------------------------------------
    def _make_actions(self) -> None:
        self._shortcuts: list[tuple[QAction, QKeySequence.StandardKey | str]] = []

        def act(
            text: str, key: QKeySequence.StandardKey | str, slot: Callable[[], object]
        ) -> QAction:
            a = QAction(text, self)
            if key:
                self._shortcuts.append((a, key))
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.act_new = act(
            _("New"), QKeySequence.StandardKey.New, lambda: self.current_screen().new_record()
        )
        self.act_find = act(
            _("Find"), QKeySequence.StandardKey.Find, lambda: self.current_screen().focus_search()
        )
        self.act_save = act(
            _("Save"), QKeySequence.StandardKey.Save, lambda: self.current_screen().save()
        )
        self.act_undo = act(_("Undo delete"), QKeySequence.StandardKey.Undo, self.undo_delete)
        self.act_undo.setEnabled(False)
        self.ctx.undo_available.connect(self._undo_changed)
        self.act_quit = act(_("Quit"), "Ctrl+Q", self.close)
        self.act_print = act(
            _("Print the report…"), QKeySequence.StandardKey.Print, self.print_report
        )
        # the way in for the packages of the units below (and, at the grassroots, a receipt or
        # catalogue from above), whether or not the intake screen is in the sidebar yet: a
        # new commune holding its units' first files had only "Import a file from the level
        # above…" on the send screen
        self.act_import = act(
            _("Import .lcdx packages…"), QKeySequence.StandardKey.Open, self.import_packages
        )
        self.act_backup = act(_("Back up now"), "", lambda: self._settings().backup_now())
        self.act_restore = act(_("Restore from a backup…"), "", lambda: self._settings().restore())
        self.act_data_folder = act(_("Open the data folder"), "", self.open_data_folder)
        m = self.menuBar().addMenu(_("&File"))
        for a in (
            self.act_print,
            self.act_import,
            None,
            self.act_backup,
            self.act_restore,
            self.act_data_folder,
            None,
            self.act_quit,
        ):
            m.addAction(a) if a is not None else m.addSeparator()
        e = self.menuBar().addMenu(_("&Edit"))
        for a in (self.act_new, self.act_save, self.act_find, self.act_undo):
            e.addAction(a)
        view = self.menuBar().addMenu(_("&View"))
        self.act_sidebar = act(_("Show or hide the sidebar"), "Ctrl+B", self.toggle_sidebar)
        view.addAction(self.act_sidebar)
        go = self.menuBar().addMenu(_("&Go"))
        self.go_actions: list[QAction] = []
        for i, spec in enumerate(self.specs):
            a = QAction(_(spec.title), self)
            if i < 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth screen
                self._shortcuts.append((a, f"Ctrl+{(i + 1) % 10}"))
            a.triggered.connect(lambda _c=False, row=i: self.sidebar.setCurrentRow(row))
            go.addAction(a)
            self.addAction(a)
            self.go_actions.append(a)
        h = self.menuBar().addMenu(_("&Help"))
        self.act_guide = act(
            _("User guide"), QKeySequence.StandardKey.HelpContents, self.show_guide
        )
        h.addAction(self.act_guide)
        about = QAction(_("About Lai Châu Desk"), self)
        about.triggered.connect(
            lambda: info(
                self,
                _(
                    "Lai Châu Desk: records of dissemination, mobilisation and supervision of "
                    "trade-union units, and their period reports. Works without internet."
                ),
            )
        )
        h.addAction(about)
        if self.ctx.ready:
            self.set_shortcuts()

    def set_shortcuts(self) -> None:
        """Give the actions their shortcuts. Before the database is open the window is
        painted first, then (``application.run``, once the worker is opening the database)
        this: building a key sequence builds the ``Qt`` namespace's ~90 enums (0.05-0.1 s),
        which the first paint does without."""
        for action, key in self._shortcuts:
            action.setShortcut(QKeySequence(key))
        self._shortcuts = []

    def _settings(self) -> SettingsScreen:
        from .screen_settings import SettingsScreen

        screen = self.show_screen("settings")
        assert isinstance(screen, SettingsScreen)
        return screen

    def print_report(self) -> None:
        """Ctrl+P: the report of the chosen period, in the preview where In… prints it."""
        from .report_preview import preview_from_screen

        screen = self.show_screen("report")
        if self.current_screen() is screen:  # not when unsaved edits kept the officer elsewhere
            preview_from_screen(screen)

    def import_packages(self) -> None:
        """Ctrl+O: the intake screen (shown even before it has its sidebar row) and its file
        chooser for .lcdx packages."""
        from .screen_intake import IntakeScreen

        screen = self.show_screen("intake")
        if self.current_screen() is screen and isinstance(screen, IntakeScreen):
            screen.choose_files()  # not when unsaved edits kept the officer elsewhere

    def open_data_folder(self) -> None:
        folder = Path(self.ctx.services.db.path).parent
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            info(self, _("The data are in {path}").format(path=folder))

    def show_guide(self) -> None:
        from PySide6.QtCore import Qt

        from .guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _undo_changed(self, what: str) -> None:
        self.act_undo.setEnabled(bool(what))
        self.act_undo.setText(
            _("Undo delete of “{what}”").format(what=what) if what else _("Undo delete")
        )

    def undo_delete(self) -> None:
        self.ctx.undo_delete(self)

    # --- screens ---------------------------------------------------------------------
    def current_screen(self) -> Screen:
        """The sidebar screen shown (not ``screen()``: that is QWidget's display screen)."""
        return self.screen_by_key(self.specs[max(self._current, 0)].key)

    def screen_by_key(self, key: str) -> Screen:
        """The screen registered under ``key``, built on first use (before the services
        arrive, only an ``early`` screen: the others raise, their actions being disabled)."""
        if key not in self.screens:
            i = [s.key for s in self.specs].index(key)
            if not (self.ctx.ready or self.specs[i].early):
                raise RuntimeError("the database is still being opened")
            screen = self.specs[i].factory()(self.ctx, self.stack)
            old = self.stack.widget(i)
            if old is not None:  # the placeholder
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
        current = self.screens.get(self.specs[self._current].key) if self._current >= 0 else None
        if not self._may_leave(current, row):
            self._highlight(self._current)
            return
        self._current = row
        spec = self.specs[row]
        if not (self.ctx.ready or spec.early):  # its loading page, until the data arrive
            self._show_loading_page(row)
            return
        screen = self.screen_by_key(spec.key)
        self.stack.setCurrentIndex(row)
        screen.activate()

    def _highlight(self, row: int) -> None:
        """Put the sidebar's highlight on the screen actually shown."""
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    def _may_leave(self, screen: Screen | None, row: int = -1) -> bool:
        """Ask about unsaved edits; True when the user may go on."""
        if screen is None or not screen.has_unsaved():
            return True
        choice = ask_unsaved(self)
        if choice == "save":
            # stay until the save succeeded, then go where the officer asked; a refused save
            # keeps them (and the highlight) on this screen, with the problems shown
            screen.save(then=(lambda: self.sidebar.setCurrentRow(row)) if row >= 0 else None)
            return False
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
            from .common import fit_to_screen

            fit_to_screen(self, 1280, 800)
        elif not (self.isVisible() or self.ctx.ready):
            # shown maximised (``setVisible``): through Qt's C++, no ``Qt`` namespace built
            # before the first paint
            self.setGeometry(avail)
            self._maximise_on_show = True
        else:
            from PySide6.QtCore import Qt

            self.setGeometry(avail)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        if visible and self._maximise_on_show:
            self._maximise_on_show = False
            self.showMaximized()  # sets the state, then shows (through this, once more)
            return
        super().setVisible(visible)

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

    def _close_after_save(self) -> None:
        self.close()  # asks again about any other screen's edits

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for screen in self.screens.values():
            if screen.has_unsaved():
                choice = ask_unsaved(self)
                if choice == "cancel" or choice == "save":
                    if choice == "save":
                        # closed once the save went through (and after asking about the other
                        # screens' edits); a refused save keeps the window, its problems shown
                        screen.save(then=self._close_after_save)
                    event.ignore()
                    return
                screen.discard()
        if self.ctx.ready:  # a window closed before its database opened changes no file
            self.save_state()
        event.accept()
