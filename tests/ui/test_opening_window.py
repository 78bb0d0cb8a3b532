"""Start-up order: on an existing database the real main window (sidebar, dashboard frame) is
painted first, then its data; on a new one the opening window ("Đang mở dữ liệu…", at the
main window's saved place) is painted first and the wizard takes its place; the
garbage-collector pause the composition root hands down ends once the first window is up."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from lai_chau_desk import i18n
from lai_chau_desk.app import GcPause
from lai_chau_desk.ui import application
from tests.conftest import ROOT
from tests.services.fault_dbs import filled_db


def _smoke(db: Path, cwd: Path) -> tuple[dict[str, float], list[str]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
        "LAI_CHAU_DESK_SMOKE_T0": repr(time.time()),
    }
    script = Path(sys.executable).parent / "lai-chau-desk"
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "lai_chau_desk"]
    r = subprocess.run(
        [*cmd, "--db", str(db), "--smoke"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    [said] = [ln for ln in r.stdout.splitlines() if ln.startswith("smoke: ")]
    times = {k: float(v) for k, v in (item.split("=") for item in said[7:].split())}
    return times, [ln for ln in r.stdout.splitlines() if ln.startswith("smoke-painted: ")]


def test_installed_entry_point_paints_the_main_window_first_then_its_data(
    tmp_path: Path,
) -> None:
    db = filled_db(tmp_path / "unit.db", n=20)
    times, painted = _smoke(db, tmp_path)
    assert list(times) == ["MainWindow", "data"]  # in the order they were painted
    assert 0 < times["MainWindow"] < times["data"]
    # the first paint was the real main window: its sidebar and the dashboard's frame
    assert painted == ["smoke-painted: MainWindow: sidebar=10 screen=DashboardScreen"]


def test_a_new_database_paints_the_opening_window_then_the_wizard(tmp_path: Path) -> None:
    times, _painted = _smoke(tmp_path / "new.db", tmp_path)
    assert list(times) == ["opening", "FirstRunWizard"]
    assert 0 < times["opening"] < times["FirstRunWizard"]


def test_opening_window_says_so_where_the_main_window_was(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    i18n.install("vi")
    store = QSettings(str(tmp_path / "unit.db.ui.ini"), QSettings.Format.IniFormat)
    window = application.OpeningWindow(store)
    assert window.size().width() == 1280 and window.size().height() == 800  # nothing saved yet
    window.setGeometry(QRect(40, 60, 900, 600))
    store.setValue("window/geometry", window.saveGeometry())
    window.deleteLater()
    again = application.OpeningWindow(store)
    main = QMainWindow()  # where the main window restores itself from the same setting
    main.restoreGeometry(store.value("window/geometry"))
    assert again.geometry() == main.geometry() and again.geometry() != QRect(0, 0, 1280, 800)
    main.deleteLater()
    assert again.findChild(QLabel, "opening-label").text() == "Đang mở dữ liệu…"
    again.deleteLater()


def test_run_opens_the_main_window_and_resumes_the_collector(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    db = filled_db(tmp_path / "unit.db", n=5)
    seen: list[str] = []

    def tick() -> None:
        names = sorted(type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible())
        if names and (not seen or seen[-1] != ",".join(names)):
            seen.append(",".join(names))
        for w in QApplication.topLevelWidgets():  # closed once its data are there
            if w.isVisible() and type(w).__name__ == "MainWindow" and w.ctx.ready:
                w.close()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    opened: list[Path] = []

    def open_services(path: Path):  # noqa: ANN202 - the composition root's factory
        opened.append(path)
        from lai_chau_desk.app import open_services as real

        return real(path)

    pause = GcPause().pause()
    try:
        assert not gc.isenabled()
        code = application.run(
            argparse.Namespace(db=str(db), lang=None, smoke=False),
            open_services=open_services,
            resume_gc=pause.resume,
        )
    finally:
        timer.stop()
        pause.resume()
    assert code == 0
    assert opened == [db.resolve()]  # the handed-in factory built the services, once
    assert gc.isenabled()  # resumed once the window was up
    assert "MainWindow" in seen and "OpeningWindow" not in seen[-1]
    assert (tmp_path / "unit.db.ui.ini").is_file()  # the language for the next opening window


def test_gc_pause_resumes_only_what_it_paused() -> None:
    assert gc.isenabled()
    idle = GcPause()
    idle.resume()  # never paused: changes nothing
    assert gc.isenabled()
    gc.disable()
    try:
        other = GcPause().pause()  # someone else turned it off: not ours to turn back on
        other.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
    ours = GcPause().pause()
    assert not gc.isenabled() and ours.paused
    ours.resume()
    ours.resume()  # safe twice
    assert gc.isenabled() and not ours.paused
