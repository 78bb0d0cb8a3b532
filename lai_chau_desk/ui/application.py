"""Start the desktop app: fonts, one instance per database, language, first-run wizard, main
window. ``run(args, resume_gc)`` is called by ``app.run_gui`` with ``db``, ``lang`` and
``smoke``, and the composition root's garbage-collector pause to end once the first window is up.

Start-up order (after Anki): the GUI thread starts Qt and paints an opening window ("Đang mở
dữ liệu…", at the main window's saved place); the worker thread then checks the file, takes
the lock, imports the storage layer and opens, checks and migrates the database while the GUI
thread imports the main window, which then takes the opening window's place and fills its
screens from the worker. A fault from the worker closes the opening window and is its dialog.

A database that cannot be opened (``services.startup.StartupFault``: damaged, locked,
read-only, from a newer version, unreadable) is a dialog that says why and offers what helps:
restore the named backup (then the app opens), open the folder, quit (exit 1). With
``--smoke`` the message goes to stderr only."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget

from .. import i18n
from ..domain.errors import DomainError
from ..i18n import N_, Translator, _, translator
from ..paths import default_db_path, resource

if TYPE_CHECKING:
    from ..services.startup import StartupFault
    from ..services.suite import ServiceSuite
    from .worker import Worker

FONT_FAMILY = "Liberation Sans"
BASE_POINT_SIZE = 10.0


def register_fonts() -> list[str]:
    """Register every bundled TTF so Vietnamese renders without system fonts."""
    families: list[str] = []
    for ttf in sorted(Path(resource("fonts")).glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        if fid >= 0:
            families += QFontDatabase.applicationFontFamilies(fid)
    return families


def apply_text_scale(app: QApplication, scale: float) -> None:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BASE_POINT_SIZE * max(0.8, min(scale, 2.0)))
    app.setFont(font)


def acquire_lock(db_path: Path) -> bool:
    """Take the same operating-system lock the command line takes, so a second window or a
    CLI write command on this database is refused. The system frees it when the process
    ends, so a crash never leaves a stale lock. False when another process holds it."""
    from ..services.startup import claim_database

    try:
        claim_database(db_path)
    except DomainError:
        return False
    return True


def refusal_text(db_path: Path) -> str:
    return _(
        "Lai Châu Desk is already open on this database:\n{path}\n\nSwitch to the window "
        "that is already open. The same database is never opened twice, so no record "
        "can be overwritten."
    ).format(path=db_path)


def ui_store(db_path: Path) -> QSettings:
    """Window state per database, in an INI file next to it."""
    return QSettings(str(db_path) + ".ui.ini", QSettings.Format.IniFormat)


def open_folder(folder: Path) -> None:
    """Show ``folder`` in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def fault_text(fault: StartupFault, tr: Translator) -> str:
    if fault.kind == "locked":
        return refusal_text(fault.db_path)
    return fault.describe(tr)


def ask_about_fault(fault: StartupFault, tr: Translator) -> str:
    """The fault's dialog: its message and its actions. Returns the action chosen:
    ``restore`` or ``quit`` (``open-folder`` opens it and asks again)."""
    text = fault_text(fault, tr)
    backup = getattr(fault, "backup", None)
    if backup is not None:  # whose data and from when, before the user restores it
        from ..services.backup import identify_backup

        text += "\n\n" + identify_backup(backup).describe(tr)
    while True:
        box = QMessageBox(QMessageBox.Icon.Critical, tr(N_("Lai Châu Desk")), text)
        box.setObjectName(f"startup-fault-{fault.kind}")
        chosen: dict[object, str] = {}
        if "restore" in fault.actions and backup is not None:
            button = box.addButton(
                tr(N_("Restore the backup {name}")).format(name=backup.name),
                QMessageBox.ButtonRole.AcceptRole,
            )
            chosen[button] = "restore"
            box.setDefaultButton(button)
        if "open-folder" in fault.actions:
            chosen[box.addButton(tr(N_("Open the folder")), QMessageBox.ButtonRole.ActionRole)] = (
                "open-folder"
            )
        quit_button = box.addButton(tr(N_("Quit")), QMessageBox.ButtonRole.RejectRole)
        chosen[quit_button] = "quit"
        box.setEscapeButton(quit_button)
        if not chosen.get(box.defaultButton()):
            box.setDefaultButton(quit_button)
        box.exec()
        action = chosen.get(box.clickedButton(), "quit")
        if action != "open-folder":
            return action
        open_folder(fault.folder)


class OpeningWindow(QMainWindow):
    """The first thing painted: an empty frame where the main window will be (its saved size
    and place), saying "Đang mở dữ liệu…" while the worker opens, checks and migrates the
    database (after Anki, whose main window shows before the collection loads)."""

    def __init__(self, store: QSettings) -> None:
        super().__init__()
        self.setObjectName("opening-window")
        self.setWindowTitle(_("Lai Châu Desk"))
        label = QLabel(_("Opening the data…"), self)
        label.setObjectName("opening-label")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        geo = store.value("window/geometry")
        if not (isinstance(geo, QByteArray) and self.restoreGeometry(geo)):
            self.resize(1280, 800)


class _Smoke(QObject):
    """``--smoke``: quits the app after the main window (or the wizard) painted once, and says
    when the opening window and the main window were first painted, in seconds since
    ``LAI_CHAU_DESK_SMOKE_T0`` (a ``time.time()`` the benchmark sets just before starting the
    process) when that is set."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False
        self.t0 = float(os.environ.get("LAI_CHAU_DESK_SMOKE_T0") or 0) or None
        self.times: dict[str, float] = {}

    def watch(self, widget: QWidget, name: str, last: bool = False) -> None:
        widget.setProperty("smoke-name", name)
        widget.setProperty("smoke-last", last)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            name = str(obj.property("smoke-name"))
            if name not in self.times:
                self.times[name] = time.time()
                if obj.property("smoke-last") and not self.painted:
                    self.painted = True
                    QTimer.singleShot(0, self.app.quit)
        return False

    def report(self) -> None:
        if self.t0 is not None:
            print(
                "smoke: "
                + " ".join(
                    f"{name}={t - self.t0:.3f}"
                    for name, t in sorted(self.times.items(), key=lambda kv: kv[1])
                )
            )


def _prepare_main_window() -> None:
    """On the GUI thread while the worker opens the database: import the main window and its
    first screen, so that building it afterwards is only building it."""
    from . import context, main_window, screen_dashboard  # noqa: F401


def _show_painted(window: QWidget) -> None:
    """Show ``window`` and run the event loop until it has painted (at most a second)."""
    loop = QEventLoop()
    waker = _Painted(loop)
    window.installEventFilter(waker)
    window.show()
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    window.removeEventFilter(waker)


class _Painted(QObject):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.loop.quit)
        return False


def _wait_for(app: QApplication, opening: Future) -> ServiceSuite:
    """Run the event loop (the opening window repaints, moves) until ``opening`` is done;
    its result, or its error raised here."""
    if not opening.done():
        loop = QEventLoop()
        waker = _Waker()
        waker.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        opening.add_done_callback(lambda _f: waker.done.emit())
        if not opening.done():
            loop.exec()
    return opening.result()


class _Waker(QObject):
    done = Signal()


def run(
    args: argparse.Namespace,
    open_services: Callable[[Path], ServiceSuite] | None = None,
    resume_gc: Callable[[], None] | None = None,
) -> int:
    """Open the desktop app on ``args.db``; returns the process exit code. The composition
    root (``app.run_gui``) hands in how to build the database's services (``open_services``,
    run on the worker thread; required) and ``resume_gc``,
    which turns the garbage collector back on once the first window is up."""
    resume = resume_gc or (lambda: None)
    smoke = bool(getattr(args, "smoke", False))
    db_path = Path(getattr(args, "db", None) or default_db_path()).resolve()
    lang = getattr(args, "lang", None)
    tr = getattr(args, "tr", None) or translator(lang)
    store = ui_store(db_path)
    i18n.install(lang or str(store.value("window/language", "") or "") or "vi")
    from .worker import Worker

    worker = Worker()
    app: QApplication | None = None
    watcher: _Smoke | None = None
    opening_window: OpeningWindow | None = None
    try:
        while True:
            try:
                app = app or _start_qt()
                watcher = watcher or _Smoke(app)
                opening_window = OpeningWindow(store)
                watcher.watch(opening_window, "opening")
                _show_painted(opening_window)
                # Then, on the worker, the file checks, the lock and the database (importing
                # the storage layer, checking the file, migrating) while this thread imports
                # the main window. Started before Qt instead, the worker's imports delayed the
                # first paint by 0.06 s (they hold the interpreter lock) and the main window
                # came no sooner.
                opening = worker.start(_claim_and_open, db_path, open_services)
                _prepare_main_window()
                services = _wait_for(app, opening)
            except Exception as exc:
                from ..services.startup import StartupFault

                if not isinstance(exc, StartupFault):
                    raise
                fault = exc
                if opening_window is not None:
                    opening_window.close()
                    opening_window.deleteLater()
                    opening_window = None
                print(f"lai-chau-desk: {fault_text(fault, tr)}", file=sys.stderr)
                if smoke:
                    return 1
                app = app or _start_qt()
                resume()
                if ask_about_fault(fault, tr) == "restore" and _restore(fault, tr):
                    continue  # opened again from the top: checks, lock, services
                return 1
            return _run_locked(
                app, args, db_path, smoke, worker, services, watcher, opening_window, resume
            )
    finally:
        worker.shutdown()
        from ..services.startup import release_database

        release_database(db_path)


def _claim_and_open(
    db_path: Path, open_services: Callable[[Path], ServiceSuite] | None
) -> ServiceSuite:
    """On the worker: the checks that need no connection (readable, a database, writable),
    this process's lock on the database (refused when another holds it), then the services.
    Each fault is a ``StartupFault``, raised before anything is written."""
    from ..services.startup import claim_database, preflight

    if open_services is None:  # handed down by the composition root (app.open_services)
        raise ValueError("open_services is required: app.open_services builds the services")
    preflight(db_path)
    claim_database(db_path)
    return open_services(db_path)


def _restore(fault: StartupFault, tr: Translator) -> bool:
    """Put the fault's backup back (the damaged file is kept aside) and say so; False when
    the restore was refused (said in a message box)."""
    from ..services.startup import claim_database, restore_database
    from .common import info, show_error

    backup: Path | None = getattr(fault, "backup", None)
    if backup is None:  # only a fault that names a backup offers the restore
        return False
    try:
        claim_database(fault.db_path)
        safety = restore_database(fault.db_path, backup)
    except DomainError as exc:
        show_error(None, exc)
        return False
    text = tr(N_("Restored from the backup {name}.")).format(name=backup.name)
    if safety is not None:
        text += " " + tr(N_("The damaged file was kept as {path}.")).format(path=safety)
    print(f"lai-chau-desk: {text}", file=sys.stderr)
    info(None, text)
    return True


def _start_qt() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Lai Châu Desk")
    register_fonts()
    return app


def _run_locked(
    app: QApplication,
    args: argparse.Namespace,
    db_path: Path,
    smoke: bool,
    worker: Worker,
    services: ServiceSuite,
    watcher: _Smoke,
    opening_window: QWidget | None,
    resume: Callable[[], None],
) -> int:
    try:
        window = start_ui(
            app,
            services,
            worker,
            db_path,
            getattr(args, "lang", None),
            smoke=smoke,
            resume_gc=resume,
            opening=opening_window,
        )
        if opening_window is not None:  # the main window (or the wizard) takes its place
            if window is not None:
                # only a --smoke run ends once the main window has painted
                watcher.watch(window, type(window).__name__, last=smoke)
                window.show()
            opening_window.close()
            opening_window.deleteLater()
        if window is None:
            return 0
        ui_store(db_path).setValue("window/language", i18n.current_language())
        resume()  # the window is up: from here on objects come and go
        code = app.exec()
        if smoke:
            watcher.report()
            if not watcher.painted:
                return 1
        return code
    finally:
        worker.shutdown()
        services.close()


def start_ui(
    app: QApplication,
    services: ServiceSuite,
    worker: Worker,
    db_path: Path,
    lang: str | None = None,
    today: Callable[[], date] | None = None,
    smoke: bool = False,
    resume_gc: Callable[[], None] | None = None,
    opening: QWidget | None = None,
) -> QWidget | None:
    """Set language and text size from the database, run the wizard on first start, and build
    the main window (returned, not shown). None when the user cancelled the wizard.
    ``opening`` (the opening window) is hidden before the wizard shows."""
    from ..services.settings import TEXT_SCALE
    from .context import AppContext
    from .main_window import MainWindow
    from .qt_i18n import install_qt_translations

    settings = services.settings
    i18n.install(lang or worker.call(settings.language))
    install_qt_translations(app)
    apply_text_scale(app, float(worker.call(settings.get, TEXT_SCALE, "1.0") or 1.0))
    if worker.call(settings.own_unit_code) is None:
        from .wizard import FirstRunWizard

        wizard = FirstRunWizard(services, worker)
        if smoke:
            return wizard  # painted once, then the smoke run ends
        if opening is not None:
            opening.hide()
        if resume_gc is not None:
            resume_gc()
        if not wizard.exec():
            return None
        if wizard.chosen_language and not lang:
            i18n.install(wizard.chosen_language)
            install_qt_translations(app)
    ctx = AppContext(
        services,
        worker,
        ui_store(db_path),
        worker.call(settings.period_settings),
        today or services.settings.today,
    )
    unit = worker.call(services.units.own_unit)
    return MainWindow(ctx, unit.name)
