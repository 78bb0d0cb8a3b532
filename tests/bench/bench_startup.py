"""Start-up and big-list benchmarks of the desktop app.

    python tests/bench/bench_startup.py [--quick]

Figures (each with a floor measured in the same run):
- process start to main window painted (``--smoke``) on a demo database, against a bare
  PySide6 process (QApplication + QMainWindow with a QTableView shown + ``import sqlalchemy``);
  goal ratio <= 1.5;
- opening the sessions screen with 100,000 sessions (count known, first page shown), against
  opening it on an empty database; goal < 0.3 s; and, informative, until every id is loaded;
- peak RSS of that process after scrolling to the end of the list, against the bare PySide6
  process; goal < 250 MB.
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
       "PYTHONIOENCODING": "utf-8"}
N_SESSIONS = 100_000

FLOOR = r"""
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
import sqlalchemy
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
try:  # this process's own peak: ru_maxrss would include the parent's before exec
    print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def _demo_db(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from lai_chau_desk.services.suite import open_database

    db = folder / "demo.db"
    s = open_database(db)
    s.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Trường THCS Bản Bo", "CDVC-LC")
    s.demo.fill()
    s.close()
    return db


def wait_until(condition) -> None:  # noqa: ANN001
    """Run the event loop (idle, as the app does) until ``condition()`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start()
    loop.exec()
    timer.stop()


def make_db(db: str, n: int) -> None:
    """A database with ``n`` sessions, written and closed before the app opens it."""
    sys.path.insert(0, str(ROOT))
    from datetime import date, timedelta

    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
    from lai_chau_desk.services.suite import open_database

    services = open_database(db)
    services.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Bench", "CDVC-LC")
    start = date(2025, 12, 15)
    services.sessions.bulk_add(
        (DisseminationSession(held_on=start + timedelta(days=i % 340),
                              title=f"Sinh hoạt chuyên đề số {i}", form="long-ghep",
                              directive_codes=["50-KL/TW"],
                              attendance=Attendance(20, 18, 11, 7)) for i in range(n)), total=n)
    services.close()


def child_sessions(db: str, n: int) -> None:
    """In a fresh process: open the sessions screen, time it, scroll to the end, report RSS."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from lai_chau_desk.services.suite import open_database
    from lai_chau_desk.ui.application import register_fonts, start_ui
    from lai_chau_desk.ui.worker import Worker, pump

    services = open_database(db)
    app = QApplication(sys.argv[:1])
    register_fonts()
    worker = Worker()
    window = start_ui(app, services, worker, Path(db), "vi")
    window.show()
    window.show_screen("dashboard")
    while not worker.idle():
        pump()
    pump()
    t0 = time.perf_counter()
    screen = window.show_screen("sessions")
    # opened: the count is known and the first rows are on screen
    wait_until(lambda: bool(screen.count_label.text()) and screen.model.loaded())
    screen.table.viewport().repaint()
    opened = time.perf_counter() - t0
    wait_until(lambda: screen.loaded_ids and worker.idle())  # every id, scrollable to the end
    complete = time.perf_counter() - t0
    assert screen.model.rowCount() == n, screen.model.rowCount()
    # scroll through: to the end and back, as a user dragging the scroll bar would
    for frac in (0.25, 0.5, 0.75, 1.0):
        screen.table.verticalScrollBar().setValue(int(screen.table.verticalScrollBar().maximum() * frac))
        screen.table.viewport().repaint()
        while not (screen.model.loaded() and worker.idle()):
            pump()
    rss_kb = peak_rss_kb()
    print(json.dumps({"opened": opened, "complete": complete, "rss_mb": rss_kb / 1024}))
    worker.shutdown()


def run(quick: bool = False) -> list[dict]:
    repeats = 3 if quick else 7
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _demo_db(folder)
        floor_times, app_times, floor_rss = [], [], []
        # Like an installed app (pip and the bundle ship compiled bytecode), and like the
        # floor's libraries in site-packages: compile the package once, so a machine with
        # PYTHONDONTWRITEBYTECODE set does not recompile it from source on every start.
        compileall.compile_dir(str(ROOT / "lai_chau_desk"), quiet=1)
        _timed([sys.executable, "-c", FLOOR])  # warm the file cache once
        for _ in range(repeats):
            t, out = _timed([sys.executable, "-c", FLOOR])
            floor_times.append(t)
            floor_rss.append(int(out.strip().splitlines()[-1]) / 1024)
            t, _out = _timed([sys.executable, "-m", "lai_chau_desk", "--db", str(db), "--smoke"])
            app_times.append(t)
        floor, value = statistics.median(floor_times), statistics.median(app_times)
        results.append({"figure": "start to main window painted (--smoke)", "value": value,
                        "unit": "s", "floor": floor, "ratio": value / floor, "goal": "ratio <= 1.5",
                        "met": value / floor <= 1.5})
        runs = 1 if quick else 3
        big, empty = [], []
        _timed([sys.executable, __file__, "--make", str(folder / "big.db"), str(N_SESSIONS)])
        _timed([sys.executable, __file__, "--make", str(folder / "empty.db"), "0"])
        for _ in range(runs):
            _t, out = _timed([sys.executable, __file__, "--child", str(folder / "big.db"),
                              str(N_SESSIONS)])
            big.append(json.loads(out.strip().splitlines()[-1]))
            _t, out = _timed([sys.executable, __file__, "--child", str(folder / "empty.db"), "0"])
            empty.append(json.loads(out.strip().splitlines()[-1]))
        opened = statistics.median(r["opened"] for r in big)
        opened_floor = statistics.median(r["opened"] for r in empty)
        results.append({"figure": f"open the sessions screen with {N_SESSIONS:,} sessions",
                        "value": opened, "unit": "s", "floor": opened_floor,
                        "ratio": opened / opened_floor if opened_floor else None,
                        "goal": "< 0.3 s", "met": opened < 0.3})
        complete = statistics.median(r["complete"] for r in big)
        complete_floor = statistics.median(r["complete"] for r in empty)
        results.append({"figure": f"every id of {N_SESSIONS:,} sessions loaded (scrollable to the end)",
                        "value": complete, "unit": "s", "floor": complete_floor,
                        "ratio": complete / complete_floor if complete_floor else None,
                        "goal": "(informative)", "met": True})
        rss = max(r["rss_mb"] for r in big)
        rss_floor = statistics.median(floor_rss)
        results.append({"figure": f"peak RSS after scrolling {N_SESSIONS:,} sessions",
                        "value": rss, "unit": "MB", "floor": rss_floor, "ratio": rss / rss_floor,
                        "goal": "< 250 MB", "met": rss < 250})
    return results


def peak_rss_kb() -> int:
    """This process's peak resident memory. ``ru_maxrss`` survives exec, so a child started by
    a runner that already holds 400 MB would report 400 MB; /proc's VmHWM starts afresh."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    if len(sys.argv) >= 4 and sys.argv[1] == "--make":
        make_db(sys.argv[2], int(sys.argv[3]))
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        child_sessions(sys.argv[2], int(sys.argv[3]))
        return 0
    for r in run(quick="--quick" in sys.argv):
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"{r['figure']}: {r['value']:.3f} {r['unit']} (floor {r['floor']:.3f}, "
              f"ratio {ratio}, goal {r['goal']}: {'met' if r['met'] else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
