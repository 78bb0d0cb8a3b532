"""Start the desktop app: fonts, one instance per database, language, first-run wizard, main
window. ``run(args, resume_gc)`` is called by ``app.run_gui`` with ``db``, ``lang`` and
``smoke``, and the composition root's garbage-collector pause to end once the first window is up.

Start-up order (after Anki, whose main window shows before the collection loads): the GUI
thread starts Qt and builds and paints the real main window — sidebar, menus, the dashboard's
frame, at its saved place, in the language and text size this database last opened with (its
``.ui.ini``) — with a context that has no services yet: the actions that need data are
disabled, the other screens are "loading" pages and the status bar says the data are being
opened. Then the worker thread checks the file, takes the lock, imports the storage layer and
opens, checks and migrates the database, and the services are handed to the window's context
(``AppContext.deliver``): the actions are enabled and the dashboard loads. When the database
file does not exist yet (the first start, which runs the wizard) an opening window ("Đang mở
dữ liệu…") is painted instead. A fault from the worker closes the first window and is its
dialog; a database whose language differs from the one remembered gets its main window
rebuilt in its language.

A database that cannot be opened (``services.startup.StartupFault``: damaged, locked,
read-only, from a newer version, unreadable) is a dialog that says why and offers what helps:
restore the named backup (then the app opens), open the folder, quit (exit 1). With
``--smoke`` the message goes to stderr only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

# Not ``Qt`` (the namespace): its ~90 enums take 0.05-0.1 s to build, which the main window's
# first paint does without (see ``first_paint_needs_no_qt_namespace`` in the tests).
from PySide6.QtCore import QByteArray, QEvent, QEventLoop, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from .. import i18n
from ..domain.errors import DomainError
from ..i18n import _, translator
from ..paths import default_db_path, resource
from .smoke import SmokeWatcher
from .startup_dialogs import ask_about_fault, fault_text, restore_backup

if TYPE_CHECKING:
    from ..domain.periods import PeriodSettings
    from ..services.suite import ServiceSuite
    from .main_window import MainWindow
    from .worker import Worker

FONT_FAMILY = "Liberation Sans"
BASE_POINT_SIZE = 10.0


def register_fonts(pattern: str = "*.ttf") -> list[str]:
    """Register the bundled TTFs (``pattern``: every one) so Vietnamese renders without
    system fonts. Start-up registers the window's family (Liberation Sans) before the first
    paint and the rest once the database is open."""
    families: list[str] = []
    for ttf in sorted(Path(resource("fonts")).glob(pattern)):
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


def ui_store(db_path: Path) -> QSettings:
    """Window state per database, in an INI file next to it."""
    return QSettings(str(db_path) + ".ui.ini", QSettings.Format.IniFormat)


class OpeningWindow(QMainWindow):
    """The first thing painted: an empty frame where the main window will be (its saved size
    and place), saying "Đang mở dữ liệu…" while the worker opens, checks and migrates the
    database (after Anki, whose main window shows before the collection loads)."""

    def __init__(self, store: QSettings) -> None:
        super().__init__()
        self.setObjectName("opening-window")
        self.setWindowTitle(_("Lai Châu Desk"))
        from PySide6.QtCore import Qt

        label = QLabel(_("Opening the data…"), self)
        label.setObjectName("opening-label")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        geo = store.value("window/geometry")
        if not (isinstance(geo, QByteArray) and self.restoreGeometry(geo)):
            self.resize(1280, 800)


def _early_main_window(store: QSettings, worker: Worker) -> MainWindow:
    """The real main window, built before the database is open: its context has no services
    yet (they are delivered when the worker has them); the title names the unit this
    database last opened with."""
    from .context import AppContext
    from .main_window import MainWindow

    ctx = AppContext(None, worker, store)
    return MainWindow(ctx, str(store.value("window/unit-name", "") or ""))


def _show_painted(window: QWidget) -> None:
    """Show ``window`` and run the event loop until it has painted (at most a second)."""
    loop = QEventLoop()
    waker = _Painted(loop)
    window.installEventFilter(waker)
    window.show()
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    if _alive(window):  # (closed meanwhile and deleted, it is gone)
        window.removeEventFilter(waker)


def _alive(widget: QWidget | None) -> bool:
    import shiboken6

    return widget is not None and shiboken6.isValid(widget)


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
        from PySide6.QtCore import Qt

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
    watcher: SmokeWatcher | None = None
    try:
        while True:
            first: QWidget | None = None
            try:
                app = app or _start_qt()
                watcher = watcher or SmokeWatcher(app)
                first = _paint_first_window(app, store, db_path, worker, watcher)
                # Then, on the worker, the file checks, the lock and the database (importing
                # the storage layer, checking the file, migrating). Started before the first
                # paint instead, the worker's imports (they hold the interpreter lock) delayed
                # it and the data came no sooner.
                opening = worker.start(_claim_and_open, db_path, open_services)
                set_shortcuts = getattr(first, "set_shortcuts", None)  # the main window's
                if _is_main(first) and callable(set_shortcuts):
                    set_shortcuts()
                services = _wait_for(app, opening)
            except Exception as exc:
                from ..services.startup import StartupFault

                if not isinstance(exc, StartupFault):
                    raise
                fault = exc
                if _alive(first):
                    assert first is not None
                    first.close()
                    first.deleteLater()
                print(f"lai-chau-desk: {fault_text(fault, tr)}", file=sys.stderr)
                if smoke:
                    return 1
                app = app or _start_qt()
                resume()
                if ask_about_fault(fault, tr) == "restore" and restore_backup(fault, tr):
                    continue  # opened again from the top: checks, lock, services
                return 1
            return _run_locked(app, args, db_path, smoke, worker, services, watcher, first, resume)
    finally:
        worker.shutdown()
        from ..services.startup import release_database

        release_database(db_path)


def _paint_first_window(
    app: QApplication, store: QSettings, db_path: Path, worker: Worker, watcher: SmokeWatcher
) -> QWidget:
    """Build and paint the first window: the real main window (no services yet) for an
    existing database, the opening window for a new one (the wizard follows)."""
    from .qt_i18n import install_qt_translations

    install_qt_translations(app)
    scale = _float(store.value("window/text-scale", "1.0"))
    apply_text_scale(app, scale)
    window: QWidget
    if db_path.is_file():
        window = _early_main_window(store, worker)
        watcher.watch(window, "MainWindow")
    else:
        window = OpeningWindow(store)
        watcher.watch(window, "opening")
    _show_painted(window)
    return window


def _float(value: object, default: float = 1.0) -> float:
    try:
        return float(str(value))
    except ValueError:
        return default


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


def _start_qt() -> QApplication:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Lai Châu Desk")
    register_fonts("LiberationSans-*.ttf")  # the window's; the others in ``_run_locked``
    return app


def _run_locked(
    app: QApplication,
    args: argparse.Namespace,
    db_path: Path,
    smoke: bool,
    worker: Worker,
    services: ServiceSuite,
    watcher: SmokeWatcher,
    first: QWidget | None,
    resume: Callable[[], None],
) -> int:
    try:
        if first is not None and _is_main(first) and not (_alive(first) and first.isVisible()):
            return 0  # the main window was closed while its data were being opened
        window = start_ui(
            app,
            services,
            worker,
            db_path,
            getattr(args, "lang", None),
            smoke=smoke,
            resume_gc=resume,
            opening=first,
        )
        if window is not first and _alive(first):  # the window takes the first's place
            assert first is not None
            first.close()
            first.deleteLater()
        if window is None:
            return 0
        register_fonts("LiberationSerif-*.ttf")  # not needed by the first paint
        if window is not first:
            watcher.watch(window, type(window).__name__, last=smoke and not _is_main(window))
            window.show()
        if smoke and _is_main(window):
            watcher.quit_once_loaded(window, worker)
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


def _is_main(window: QWidget) -> bool:
    return type(window).__name__ == "MainWindow"


@dataclass(frozen=True)
class _Facts:
    """What the window needs from the database before it can show data, read in one call
    on the worker."""

    language: str
    text_scale: float
    own_unit_code: str | None
    period_settings: PeriodSettings
    unit_name: str


def _read_facts(services: ServiceSuite) -> _Facts:
    from ..services.settings import TEXT_SCALE

    settings = services.settings
    code = settings.own_unit_code()
    return _Facts(
        language=settings.language(),
        text_scale=_float(settings.get(TEXT_SCALE, "1.0") or "1.0"),
        own_unit_code=code,
        period_settings=settings.period_settings(),
        unit_name=services.units.own_unit().name if code is not None else "",
    )


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
    """Set language and text size from the database, run the wizard on first start, and give
    the main window its services: ``opening`` itself when it is the main window built before
    the database was open (and still in the right language), else a new main window
    (returned, not shown). None when the user cancelled the wizard. ``opening`` is hidden
    before the wizard shows."""
    from .main_window import MainWindow
    from .qt_i18n import install_qt_translations

    facts: _Facts = worker.call(_read_facts, services)
    store = ui_store(db_path)
    language = lang or facts.language
    early = opening if isinstance(opening, MainWindow) and not opening.ctx.ready else None
    if language != i18n.current_language():
        i18n.install(language)
        install_qt_translations(app)
        early = None  # built in the other language: built again
    apply_text_scale(app, facts.text_scale)
    store.setValue("window/language", i18n.current_language())
    store.setValue("window/text-scale", str(facts.text_scale))
    if facts.own_unit_code is None:
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
            store.setValue("window/language", i18n.current_language())
        facts = worker.call(_read_facts, services)
        early = None
    store.setValue("window/unit-name", facts.unit_name)
    ready_today = today or services.settings.today
    if early is not None:
        early.set_unit_name(facts.unit_name)
        early.ctx.deliver(services, facts.period_settings, ready_today)
        return early
    from .context import AppContext

    ctx = AppContext(services, worker, store, facts.period_settings, ready_today)
    return MainWindow(ctx, facts.unit_name)
