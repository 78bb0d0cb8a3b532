"""Start the desktop app: fonts, one instance per database, language, first-run wizard, main
window. ``run(args)`` is called by ``app.run_gui`` with ``db``, ``lang`` and ``smoke``."""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from .. import i18n
from ..app import resume_gc
from ..domain.errors import DomainError
from ..i18n import _
from ..paths import default_db_path, resource

if TYPE_CHECKING:
    from ..services.suite import ServiceSuite

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
    return _("Lai Châu Desk is already open on this database:\n{path}\n\nSwitch to the window "
             "that is already open. The same database is never opened twice, so no record "
             "can be overwritten.").format(path=db_path)


class _FirstPaint(QObject):
    """Quits the app after the watched window has painted once (for ``--smoke``)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.app.quit)
        return False


def ui_store(db_path: Path) -> QSettings:
    """Window state per database, in an INI file next to it."""
    return QSettings(str(db_path) + ".ui.ini", QSettings.Format.IniFormat)


def _open_services(db_path: Path) -> ServiceSuite:
    from ..services.suite import open_database

    return open_database(db_path)


def run(args: argparse.Namespace) -> int:
    """Open the desktop app on ``args.db``; returns the process exit code."""
    smoke = bool(getattr(args, "smoke", False))
    db_path = Path(getattr(args, "db", None) or default_db_path()).resolve()
    i18n.install(getattr(args, "lang", None) or "vi")
    if not acquire_lock(db_path):
        return _refuse(db_path, smoke)
    from .worker import Worker

    worker = Worker()
    try:
        # The database opens on the worker (importing the storage layer, checking the file)
        # while this thread starts Qt: on a multi-core machine the two overlap.
        opening = worker.start(_open_services, db_path)
        app = _start_qt()
        return _run_locked(app, args, db_path, smoke, worker, opening)
    finally:
        worker.shutdown()
        from ..services.startup import release_database

        release_database(db_path)


def _start_qt() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lai Châu Desk")
    register_fonts()
    return app


def _refuse(db_path: Path, smoke: bool) -> int:
    """Another app holds the database: say so (a message box unless ``--smoke``), exit 1."""
    print(f"lai-chau-desk: {refusal_text(db_path)}", file=sys.stderr)
    if not smoke:
        _start_qt()
        resume_gc()
        from ..domain.errors import DomainError
        from .common import show_error

        show_error(None, DomainError(refusal_text(db_path)))
    return 1


def _run_locked(app: QApplication, args: argparse.Namespace, db_path: Path, smoke: bool,
                worker, opening: Future) -> int:  # noqa: ANN001
    services: ServiceSuite | None = None
    try:
        services = opening.result()
        window = start_ui(app, services, worker, db_path, getattr(args, "lang", None),
                          smoke=smoke)
        if window is None:
            return 0
        if smoke:
            watcher = _FirstPaint(app)
            window.installEventFilter(watcher)
        window.show()
        resume_gc()  # the window is up: from here on objects come and go
        code = app.exec()
        if smoke and not watcher.painted:
            return 1
        return code
    finally:
        worker.shutdown()
        if services is not None:
            services.close()


def start_ui(app: QApplication, services: ServiceSuite, worker, db_path: Path,  # noqa: ANN001
             lang: str | None = None, today=None, smoke: bool = False  # noqa: ANN001
             ) -> QWidget | None:
    """Set language and text size from the database, run the wizard on first start, and build
    the main window (returned, not shown). None when the user cancelled the wizard."""
    from datetime import date

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
        resume_gc()
        if not wizard.exec():
            return None
        if wizard.chosen_language and not lang:
            i18n.install(wizard.chosen_language)
            install_qt_translations(app)
    ctx = AppContext(services, worker, ui_store(db_path), worker.call(settings.period_settings),
                     today or services.settings.today or date.today)
    unit = worker.call(services.units.own_unit)
    return MainWindow(ctx, unit.name)
