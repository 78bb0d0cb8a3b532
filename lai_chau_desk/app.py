"""Composition root: every service is built here (:func:`build_services`, each with exactly
what it uses) on a database :func:`open_database` checked and migrated; then, for the desktop
app, the checks that Qt can start here and ``ui.application.run`` with what it needs handed
down (the entry point's :class:`GcPause`, :func:`open_services`). The services are built on
the worker thread while the GUI thread starts Qt, and handed to the main window; no module
keeps them."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n import Translator
    from .services.exchange_base import Clock
    from .services.suite import ServiceSuite
    from .storage.engine import Database


class GcPause:
    """The cyclic garbage collector during start-up, paused and resumed.

    Start-up creates a large graph of long-lived objects (modules, classes, SQLAlchemy's mapper
    and SQL-construct caches, Qt wrappers) and almost no garbage. Left on, the collector walks
    that growing graph again and again (some 180 collections, ~0.15 s of a ~1.3 s start,
    measured), and once more at exit. A process entry point makes one, calls :meth:`pause`
    first and hands it down; :meth:`resume` moves everything alive into the permanent
    generation (``gc.freeze``, never scanned again) and turns the collector back on: the CLI
    before running a command, the GUI once the first window is up. Only a collector this
    object turned off is turned back on (creating one changes nothing)."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> GcPause:
        """Turn the collector off until :meth:`resume`; returns self."""
        if gc.isenabled():
            gc.disable()
            self.paused = True
        return self

    def resume(self) -> None:
        """Freeze what start-up built and turn the collector back on, if :meth:`pause` turned
        it off. Safe to call more than once."""
        if self.paused:
            self.paused = False
            gc.freeze()
            gc.enable()


def build_services(
    db: Database, today: Callable[[], date] = date.today, clock: Clock | None = None
) -> ServiceSuite:
    """Every service of one database, each given exactly what it uses: the database, the
    date and clock, the signing keys, the PDF renderer, the backup service."""
    from .services.backup_service import BackupService
    from .services.catalogue import CatalogueService
    from .services.demo import DemoService
    from .services.exchange_base import local_now
    from .services.exchange_catalogue import CatalogueExportService
    from .services.exchange_export import ExportService
    from .services.exchange_import import ImportService
    from .services.exchange_keys import SigningKeys
    from .services.exchange_outbox import SentPackages
    from .services.exchange_receipts import ReceiptService
    from .services.exchange_simulate import SimulateService
    from .services.exchange_status import StatusService
    from .services.members import MemberService
    from .services.report_service import ReportService
    from .services.reporting import ReportingService
    from .services.roster_io import RosterIO
    from .services.roster_paste import RosterPaste
    from .services.sessions import SessionService
    from .services.settings import SettingsService
    from .services.suite import ServiceSuite
    from .services.supervision import SupervisionService
    from .services.units import UnitService

    clock = clock or local_now
    backup = BackupService(db, today)
    keys = SigningKeys(db, clock)
    sent = SentPackages(db, clock)
    # the printed report carries the signing key's fingerprint; every exported report
    # package carries the printed report
    reports = ReportService(db, today, fingerprint=keys.fingerprint)
    return ServiceSuite(
        db=db,
        today=today,
        settings=SettingsService(db, today),
        units=UnitService(db, today),
        catalogue=CatalogueService(db, today),
        sessions=SessionService(db, today),
        members=MemberService(db, today),
        supervision=SupervisionService(db, today),
        reporting=ReportingService(db, today),
        backup=backup,
        demo=DemoService(db, today),
        roster_io=RosterIO(db, today),
        roster_paste=RosterPaste(db, today),
        reports=reports,
        keys=keys,
        export=ExportService(db, keys, sent, reports.package_pdf, today, clock),
        imports=ImportService(db, backup, today, clock),
        status=StatusService(db, today),
        receipts=ReceiptService(db, keys, sent, today, clock),
        catalogue_export=CatalogueExportService(db, keys, sent, today, clock),
        simulation=SimulateService(db, today, clock, reports.package_pdf),
    )


def open_database(
    path: Path | str, today: Callable[[], date] = date.today, startup_checks: bool = True
) -> ServiceSuite:
    """Open (creating if needed) the database at ``path`` and build its services: check an
    existing file (``quick_check``, raising ``DatabaseDamaged`` with the latest good backup),
    back it up before a migration, apply migrations, load the bundled catalogue on first run,
    and once a day the full ``integrity_check`` and the daily backup (a damaged file is never
    copied as a good backup)."""
    from .services.startup import check_at_start, check_thoroughly, is_existing_database
    from .storage import migrate
    from .storage.engine import Database

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    existed = is_existing_database(path)
    if existed and startup_checks:
        check_at_start(path)
    db = Database(path)
    suite = build_services(db, today)
    if migrate.needs_upgrade(db.engine):
        if db.path is not None and migrate.current_revision(db.engine) is not None:
            suite.backup.backup(reason="before-migration")
        migrate.upgrade(db.engine)
    suite.catalogue.load_defaults()
    if existed and startup_checks and suite.backup.daily_due():
        try:
            check_thoroughly(db.path)
        except BaseException:
            suite.close()
            raise
        suite.backup.daily()
    return suite


def open_services(db_path: Path) -> ServiceSuite:
    """The object graph of one database, built on the GUI's worker thread while Qt starts:
    the checks (``services.startup.open_checked``: quick check, schema revision, migrations,
    the daily backup with the full integrity check), the engine and every service (imported
    here, off the GUI thread)."""
    from .services.startup import open_checked

    return open_checked(db_path, open_database)


def run_gui(args: argparse.Namespace, gc_pause: GcPause | None = None) -> int:
    """Open the desktop app on the chosen database. Before Qt loads, a missing system library
    or display is one clear line naming the fix (a message box from the windowed Windows
    executable), exit 1: never a traceback or a Qt abort. ``gc_pause`` (the entry point's) is
    resumed once the first window is up."""
    from .i18n import translator

    tr = getattr(args, "tr", None) or translator(getattr(args, "lang", None))
    try:
        problem = qt_problem(tr)
        if problem is not None:
            report_fatal(problem)
            return 1
        from .ui.application import run

        return run(
            args,
            open_services=open_services,
            resume_gc=gc_pause.resume if gc_pause is not None else None,
        )
    except Exception as exc:  # a bug: one clear line (or box), never a bare traceback
        if os.environ.get("LAI_CHAU_DESK_DEBUG"):
            raise
        from .i18n import N_

        report_fatal(
            tr(
                N_(
                    "unexpected error ({error}). Nothing changed apart from what was reported as done. "
                    "Run again with LAI_CHAU_DESK_DEBUG=1 to see the details and send them to "
                    "support."
                )
            ).format(error=f"{type(exc).__name__}: {exc}")
        )
        return 1


# --- before Qt: can it start here? ------------------------------------------------------

# Debian's package names where the usual rule (libfoo.so.N -> libfooN, libfoo2.so.N -> libfoo2-N)
# does not give them.
_PACKAGE_OF = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
}
_MISSING_LIB = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)(?=: cannot open| =>|$)")


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships the library ``soname`` (``libxcb-icccm.so.4`` ->
    ``libxcb-icccm4``)."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    name = name.lower()
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def _source_checkout() -> Path | None:
    script = Path(__file__).resolve().parent.parent / ".ci" / "system-packages"
    return script if script.is_file() else None


def fix_command(libraries: list[str]) -> str:
    """The command that installs what Qt lacks: the repository's script in a source checkout,
    else ``sudo apt-get install`` with the packages of the missing ``libraries``."""
    script = _source_checkout()
    if script is not None:
        return f"{script} --app"
    packages = sorted({debian_package(lib) for lib in libraries})
    return "sudo apt-get install -y " + " ".join(packages)


def _pyside_dir() -> Path | None:
    """PySide6's folder (called once ``import PySide6.QtWidgets`` succeeded)."""
    import PySide6

    return Path(PySide6.__file__).parent if PySide6.__file__ else None


def missing_libraries(binary: Path) -> list[str]:
    """The shared libraries ``binary`` needs that the system lacks (``ldd``'s "not found";
    when ldd itself is missing, the one the dynamic loader names)."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is not None:
        out = subprocess.run([ldd, str(binary)], capture_output=True, text=True, timeout=30).stdout
        found = [line.split()[0] for line in out.splitlines() if "not found" in line]
        return list(dict.fromkeys(found))
    import ctypes

    try:
        ctypes.CDLL(str(binary))
    except OSError as exc:
        return _MISSING_LIB.findall(str(exc))[:1] or [str(exc)]
    return []


def _xcb_plugin_problem(plugin: Path) -> list[str]:
    """Missing libraries of Qt's xcb platform plugin; [] when it loads."""
    import ctypes

    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return missing_libraries(plugin) or _MISSING_LIB.findall(str(exc)) or [str(exc)]
    return []


def _display_reachable(display: str) -> bool:
    """Whether the X server at ``display`` accepts a connection (libxcb, as Qt will)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # the plugin check names the missing library
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return not xcb.xcb_connection_has_error(conn)
    finally:
        xcb.xcb_disconnect(conn)


def qt_problem(
    tr: Translator, environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> str | None:
    """Why the window cannot open here, in one line naming the fix, or None. Checks, before
    Qt itself loads (it would abort the process): PySide6 and its system libraries import; on
    Linux a display is set, and for X11 the xcb plugin's libraries are there and the server
    answers."""
    from .i18n import N_

    env = os.environ if environ is None else environ
    try:
        import PySide6.QtWidgets  # noqa: F401 - loads Qt's libraries, as the window will
    except ImportError as exc:
        libs = _MISSING_LIB.findall(str(exc))
        if not libs:
            return tr(
                N_(
                    "PySide6 (Qt) is not installed for this Python ({error}). Install the "
                    "app with: pip install -e ."
                )
            ).format(error=exc)
        return tr(
            N_(
                "The window cannot start: the system library {libs} is missing. Install "
                "what Qt needs with: {command}"
            )
        ).format(libs=", ".join(libs), command=fix_command(libs))
    if platform != "linux":
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if not qpa and not display and not wayland:
        return tr(
            N_(
                "No screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
                "set). Start lai-chau-desk from a desktop session, or use the command "
                "line: lai-chau-desk --help"
            )
        )
    wayland_session = bool(wayland) and (env.get("XDG_SESSION_TYPE") == "wayland" or not display)
    if qpa not in ("", "xcb") or (not qpa and wayland_session):
        return None
    if not display:
        return tr(
            N_(
                "QT_QPA_PLATFORM=xcb but DISPLAY is not set. Start lai-chau-desk from a "
                "desktop session, or use the command line: lai-chau-desk --help"
            )
        )
    pyside = _pyside_dir()
    plugin = pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so" if pyside else None
    if plugin is not None and plugin.is_file():
        libs = _xcb_plugin_problem(plugin)
        if libs:
            return tr(
                N_(
                    "The window cannot start: the system libraries {libs} that Qt needs "
                    "for X11 are missing. Install them with: {command}"
                )
            ).format(libs=", ".join(libs), command=fix_command(libs))
    if not _display_reachable(display):
        return tr(
            N_(
                "Cannot connect to the screen (X display «{display}»). Start "
                "lai-chau-desk from a desktop session, or check DISPLAY."
            )
        ).format(display=display)
    return None


def report_fatal(message: str) -> None:
    """One line on stderr; from a windowed Windows executable (no console to read it) also a
    message box, through the system, since Qt may be what failed."""
    print(f"lai-chau-desk: {message}", file=sys.stderr)
    if sys.platform == "win32":
        import ctypes

        windll = getattr(ctypes, "windll", None)
        if windll is not None and not windll.kernel32.GetConsoleWindow():
            windll.user32.MessageBoxW(None, message, "Lai Châu Desk", 0x10)  # MB_ICONERROR


def qt_check() -> tuple[str, object]:
    """Self-test step: start Qt (offscreen unless a platform is set), draw Vietnamese text into
    an off-screen image; the platform name and the QApplication, which the caller keeps alive
    as long as it uses Qt. Proves the Qt libraries and the platform plugin are present (in the
    bundle too)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["lai-chau-desk", "--self-test"])
    image = QImage(240, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "Công đoàn Lai Châu")
    painter.end()
    if image.isNull():
        raise RuntimeError("Qt could not draw an image")
    return QApplication.platformName(), app


def screenshots(argv: list[str] | None = None) -> int:
    """The screenshot tool (``ui.screenshots``) on databases opened here:
    ``python -m lai_chau_desk.app OUTDIR [--lang vi|en] [--size 1366x768]``."""
    from .ui.screenshots import main

    return main(open_database, argv)


if __name__ == "__main__":
    sys.exit(screenshots())
