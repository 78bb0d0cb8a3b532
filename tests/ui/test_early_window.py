"""The main window before its database is open: painted first (sidebar, menus, the dashboard's
frame), the actions that need data disabled, the other screens "loading" pages, until the
worker delivers the services; then everything works. A fault at open still closes it and is
the clear start-up dialog; a window closed while loading ends the app and writes nothing."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from lai_chau_desk import i18n
from lai_chau_desk.app import open_services
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.ui import application, main_window
from lai_chau_desk.ui.context import AppContext
from lai_chau_desk.ui.main_window import MainWindow
from lai_chau_desk.ui.screen_dashboard import DashboardScreen
from tests.conftest import ROOT, TODAY
from tests.services.fault_dbs import damaged_db, filled_db, snapshot


def _main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def _data_actions(w: MainWindow) -> dict[str, bool]:
    return {a.text(): a.isEnabled() for a in w._data_actions()}


class Ticker:
    """Calls ``step()`` every 20 ms from the event loop while ``run`` runs."""

    def __init__(self, step: Callable[[], None]) -> None:
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(step)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _held_open(gate: threading.Event) -> Callable[[Path], ServiceSuite]:
    """The composition root's factory, held back until ``gate`` is set (a slow database)."""

    def open_services(path: Path) -> ServiceSuite:
        assert gate.wait(30)
        from lai_chau_desk.app import open_services as real

        return real(path)

    return open_services


def test_main_window_is_painted_before_the_services_and_works_once_they_arrive(
    qapp,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    db = filled_db(tmp_path / "unit.db", n=5)
    gate = threading.Event()
    before: dict[str, object] = {}
    after: dict[str, object] = {}

    def step() -> None:
        windows = _main_windows()
        if not windows:
            return
        w = windows[0]
        if not w.ctx.ready and not before and w.act_quit.shortcut().toString():
            # (from when the worker began opening the database: the shortcuts are set then)
            before["title"] = w.windowTitle()
            before["actions"] = _data_actions(w)
            before["quit"] = w.act_quit.isEnabled()
            before["sidebar"] = w.sidebar.count()
            before["screen"] = type(w.stack.currentWidget()).__name__
            before["dashboard enabled"] = w.stack.currentWidget().isEnabled()
            before["status"] = w.statusBar().currentMessage()
            w.go_actions[1].trigger()  # Ctrl+2: Phổ biến, before its data are here
            page = w.stack.currentWidget()
            before["sessions page"] = (type(page).__name__, page.objectName(), page.text())
            before["built"] = sorted(w.screens)
            with pytest.raises(RuntimeError):
                w.screen_by_key("sessions")
            gate.set()
        elif w.ctx.ready and w.ctx.worker.idle() and before and not after:
            after["title"] = w.windowTitle()
            after["actions"] = _data_actions(w)
            after["screen"] = type(w.stack.currentWidget()).__name__
            after["status"] = w.statusBar().currentMessage()
            after["sessions count"] = w.screens["sessions"].count_label.text()
            w.close()

    ticker = Ticker(step)
    try:
        code = application.run(
            argparse.Namespace(db=str(db), lang=None, smoke=False), open_services=_held_open(gate)
        )
    finally:
        ticker.stop()
        gate.set()
    assert code == 0
    assert before["sidebar"] == 10 and before["screen"] == "DashboardScreen"
    assert before["dashboard enabled"] is False  # nothing to click that would do nothing
    assert set(before["actions"].values()) == {False}  # type: ignore[union-attr]
    assert before["quit"] is True
    assert before["status"] == "Đang mở dữ liệu…"
    assert before["sessions page"] == ("QLabel", "loading-page", "Đang mở dữ liệu…")
    assert before["built"] == ["dashboard"]
    assert before["title"] == "Lai Châu Desk"  # first start here: the unit's name not known yet
    assert set(after["actions"].values()) == {True}  # type: ignore[union-attr]
    assert after["screen"] == "SessionsScreen"  # built when the data came, where the user was
    assert after["sessions count"]
    assert after["status"] == ""
    assert after["title"] == "Lai Châu Desk — Công đoàn cơ sở A"
    store = QSettings(str(db) + ".ui.ini", QSettings.Format.IniFormat)
    assert store.value("window/unit-name") == "Công đoàn cơ sở A"  # for the next start's title


def test_the_dashboard_loads_its_figures_when_the_services_arrive(
    qapp,  # noqa: ANN001
    qtbot,  # noqa: ANN001
    unit_suite: ServiceSuite,
    worker,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    i18n.install("vi")
    store = QSettings(str(tmp_path / "x.ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(None, worker, store)
    w = MainWindow(ctx, "")
    w.show()
    qtbot.waitExposed(w)
    dash = w.stack.currentWidget()
    assert isinstance(dash, DashboardScreen) and not dash.isEnabled()
    assert dash.figures is None and dash.period.count() == 0  # nothing read yet
    assert not w.act_print.isEnabled() and not w.act_backup.isEnabled()
    with pytest.raises(RuntimeError):
        ctx.services  # noqa: B018
    ctx.deliver(unit_suite, unit_suite.settings.period_settings(), lambda: TODAY)
    qtbot.waitUntil(lambda: dash.figures is not None and worker.idle(), timeout=10_000)
    assert dash.isEnabled() and dash.period.count() > 0
    assert w.act_print.isEnabled() and w.act_backup.isEnabled()
    with pytest.raises(RuntimeError):
        ctx.deliver(unit_suite, unit_suite.settings.period_settings())  # once only
    w.close()
    w.deleteLater()


@pytest.mark.parametrize("size", [(1366, 728), (1024, 560)])
def test_the_early_main_window_fits_a_laptop_screen(
    qapp,  # noqa: ANN001
    qtbot,  # noqa: ANN001
    worker,  # noqa: ANN001
    tmp_path: Path,
    monkeypatch,  # noqa: ANN001
    size: tuple[int, int],
) -> None:
    """1366 × 768 and 1024 × 600, less a task bar: the first window is inside the screen and
    its dashboard frame has room (nothing needs more than what is left of the sidebar)."""
    width, height = size
    monkeypatch.setattr(main_window, "available_geometry", lambda _w=None: QRect(0, 0, *size))
    i18n.install("vi")
    store = QSettings(str(tmp_path / "x.ui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(AppContext(None, worker, store), "")
    w.show()
    qtbot.waitExposed(w)
    assert w.width() <= width and w.height() <= height
    dash: QWidget = w.stack.currentWidget()
    assert w.sidebar.width() + dash.minimumSizeHint().width() <= width
    assert dash.minimumSizeHint().height() <= height - w.menuBar().height() - 40
    w.close()
    w.deleteLater()


def test_open_failure_after_the_main_window_painted_is_the_start_up_dialog(
    qapp,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    db, backup = damaged_db(tmp_path)
    before = snapshot(tmp_path)
    seen: list[tuple[str, str, bool]] = []

    def step() -> None:
        box = QApplication.activeModalWidget()
        if not seen and _main_windows():
            seen.append(("main window", "", True))
        if isinstance(box, QMessageBox) and len(seen) < 3:
            seen.append((box.objectName(), box.text(), bool(_main_windows())))
            [quit_button] = [b for b in box.buttons() if b.text() == "Thoát"]
            quit_button.click()

    ticker = Ticker(step)
    try:
        code = application.run(
            argparse.Namespace(db=str(db), lang=None, smoke=False), open_services=open_services
        )
    finally:
        ticker.stop()
    assert code == 1
    assert seen[0] == ("main window", "", True)  # painted first, as on every start
    kind, text, main_still_shown = seen[1]
    assert kind == "startup-fault-damaged" and "bị hỏng" in text and backup.name in text
    assert not main_still_shown  # closed: the dialog is the one thing on screen
    assert snapshot(tmp_path) == before  # nothing written, not even the window's place


def test_closing_the_main_window_while_the_data_open_ends_the_app(
    qapp,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    db = filled_db(tmp_path / "unit.db", n=5)
    gate = threading.Event()
    closed: list[bool] = []

    def step() -> None:
        windows = _main_windows()
        if windows and not closed:
            closed.append(windows[0].ctx.ready)
            windows[0].close()
            gate.set()

    ticker = Ticker(step)
    try:
        code = application.run(
            argparse.Namespace(db=str(db), lang=None, smoke=False), open_services=_held_open(gate)
        )
    finally:
        ticker.stop()
        gate.set()
    assert code == 0 and closed == [False]
    assert not (tmp_path / "unit.db.ui.ini").exists()


@pytest.fixture
def english_remembered(tmp_path: Path) -> Iterator[Path]:
    """A Vietnamese database whose window last opened in English (the language was changed
    in Settings since: it applies at the next start)."""
    db = filled_db(tmp_path / "unit.db", n=5)
    store = QSettings(str(db) + ".ui.ini", QSettings.Format.IniFormat)
    store.setValue("window/language", "en")
    store.sync()
    yield db
    i18n.install("vi")


def test_a_window_built_in_another_language_is_built_again_in_the_database_s(
    qapp,  # noqa: ANN001
    english_remembered: Path,
) -> None:
    titles: list[str] = []

    def step() -> None:
        for w in _main_windows():
            entry = f"{w.sidebar.item(0).text()}:{w.ctx.ready}"
            if not titles or titles[-1] != entry:
                titles.append(entry)
            if w.ctx.ready and w.ctx.worker.idle():
                w.close()

    ticker = Ticker(step)
    try:
        code = application.run(
            argparse.Namespace(db=str(english_remembered), lang=None), open_services=open_services
        )
    finally:
        ticker.stop()
    assert code == 0
    assert titles[0] == "Overview:False"  # painted first in the language remembered
    assert titles[-1] == "Tổng quan:True"  # then, in the database's, with its data
    labels = [w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel)]
    assert not [w for w in labels if w.isVisible()]


FIRST_PAINT = r"""
import sys
from pathlib import Path
import lai_chau_desk.cli  # the entry point's module, as the installed script imports it
from lai_chau_desk.ui import application
from lai_chau_desk.ui.worker import Worker
app = application._start_qt()
store = application.ui_store(Path(sys.argv[1]))
worker = Worker()
window = application._early_main_window(store, worker)
application._show_painted(window)
import PySide6.QtCore
print(window.stack.currentWidget().__class__.__name__, "Qt" in PySide6.QtCore.__dict__)
worker.shutdown()
"""


def test_first_paint_needs_no_qt_namespace(tmp_path: Path) -> None:
    """``PySide6.QtCore.Qt``'s ~90 enums take 0.05-0.1 s to build (a third of the bare-Qt
    floor): the main window's first paint, dashboard frame included, does without them (they
    come with the shortcuts, once the worker is opening the database)."""
    db = filled_db(tmp_path / "unit.db", n=1)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["DashboardScreen", "False"]
