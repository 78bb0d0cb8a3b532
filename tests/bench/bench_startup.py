"""Start-up and big-list benchmarks of the desktop app.

    python tests/bench/bench_startup.py [--quick] [--startup-only]

Figures (each with a floor measured in the same run, medians of alternating repeats —
floor, app, floor, app… — each in a new process, with their ranges):
- the INSTALLED entry point (``lai-chau-desk``, the console script next to this Python) on a
  realistic unit — five years of records, 2,000 members (``demo --years 5 --members 2000``) —
  against a bare-Qt process (import PySide6, a QApplication, a QMainWindow with a QTableView
  shown, quit on its first paint); 7 repeats (3 with ``--quick``). Each process says when it
  was first painted, in seconds from the spawn (``LAI_CHAU_DESK_SMOKE_T0``, set by this
  parent just before starting it):
  * the main window painted — the real one, with its sidebar and the dashboard's frame
    (checked: the app says what its first paint showed, ``smoke-painted: MainWindow:
    sidebar=10 screen=DashboardScreen``, and a run that painted anything else is an error) —
    against the floor's first paint; goal ratio <= 1.5;
  * the dashboard's data painted (the period's figures arrived from the worker thread and
    were painted; ``--smoke`` quits then), against the floor's first paint; informative;
  * process start to exit, against the floor process; informative;
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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "QT_QPA_PLATFORM": "offscreen",
    "PYTHONIOENCODING": "utf-8",
}
N_SESSIONS = 100_000

# An installed app runs without the checkout on its path.
BARE_ENV = {k: v for k, v in ENV.items() if k != "PYTHONPATH"}

FLOOR = r"""
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800)
import os, time
painted = []
class F(QObject):  # timed once the frame is painted and flushed, as the app's --smoke
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not painted:
            painted.append(0)
            QTimer.singleShot(0, lambda: (painted.__setitem__(0, time.time()), app.quit()))
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
print(f"painted={painted[0] - float(os.environ['LAI_CHAU_DESK_SMOKE_T0']):.4f}")
try:  # this process's own peak: ru_maxrss would include the parent's before exec
    print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, str]:
    env = dict(env or ENV)
    t0 = time.perf_counter()
    # the start, for the child's own "first painted at" figures (LAI_CHAU_DESK_SMOKE_T0)
    env["LAI_CHAU_DESK_SMOKE_T0"] = repr(time.time())
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def _demo_db(folder: Path, years: int = 5, members: int = 2000) -> Path:
    """The realistic unit: ``demo --years 5 --members 2000`` (~25 MB)."""
    sys.path.insert(0, str(ROOT))
    from lai_chau_desk.app import open_database

    db = folder / "demo.db"
    s = open_database(db)
    s.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Công ty Thủy điện Lai Châu", "CDVC-LC")
    s.demo.fill(seed=5, members=members, years=years)
    s.close()
    return db


def entry_point() -> Path:
    """The console script pip installed next to this interpreter (``lai-chau-desk``)."""
    folder = Path(sys.executable).parent
    for name in ("lai-chau-desk", "lai-chau-desk.exe"):
        if (folder / name).is_file():
            return folder / name
    raise RuntimeError(f"no lai-chau-desk entry point in {folder}: pip install -e . first")


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

    from lai_chau_desk.app import open_database
    from lai_chau_desk.domain.sessions import Attendance, DisseminationSession

    services = open_database(db)
    services.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Bench", "CDVC-LC")
    start = date(2025, 12, 15)
    services.sessions.bulk_add(
        (
            DisseminationSession(
                held_on=start + timedelta(days=i % 340),
                title=f"Sinh hoạt chuyên đề số {i}",
                form="long-ghep",
                directive_codes=["50-KL/TW"],
                attendance=Attendance(20, 18, 11, 7),
            )
            for i in range(n)
        ),
        total=n,
    )
    services.close()


def child_sessions(db: str, n: int) -> None:
    """In a fresh process: open the sessions screen, time it, scroll to the end, report RSS."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from lai_chau_desk.app import open_database
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
    cpu0 = time.process_time()  # both threads: the GUI's and the worker's
    screen = window.show_screen("sessions")
    # opened: the count is known and the first rows are on screen
    wait_until(lambda: bool(screen.count_label.text()) and screen.model.loaded())
    screen.table.viewport().repaint()
    opened = time.perf_counter() - t0
    opened_cpu = time.process_time() - cpu0
    wait_until(lambda: screen.loaded_ids and worker.idle())  # every id, scrollable to the end
    complete = time.perf_counter() - t0
    assert screen.model.rowCount() == n, screen.model.rowCount()
    # scroll through: to the end and back, as a user dragging the scroll bar would
    for frac in (0.25, 0.5, 0.75, 1.0):
        screen.table.verticalScrollBar().setValue(
            int(screen.table.verticalScrollBar().maximum() * frac)
        )
        screen.table.viewport().repaint()
        while not (screen.model.loaded() and worker.idle()):
            pump()
    rss_kb = peak_rss_kb()
    print(
        json.dumps(
            {
                "opened": opened,
                "opened_cpu": opened_cpu,
                "complete": complete,
                "rss_mb": rss_kb / 1024,
            }
        )
    )
    worker.shutdown()


def run(quick: bool = False, sessions: bool = True) -> list[dict]:
    from tests.bench.runner import REPEATS, alternate, figure

    repeats = 3 if quick else 7
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _demo_db(folder)
        app_cmd = [str(entry_point()), "--db", str(db), "--smoke"]
        floor_rss: list[float] = []
        floor_paint: list[float] = []
        main_paint: list[float] = []
        data_paint: list[float] = []
        # Like an installed app (pip and the bundle ship compiled bytecode), and like the
        # floor's libraries in site-packages: compile the package once, so a machine with
        # PYTHONDONTWRITEBYTECODE set does not recompile it from source on every start.
        compileall.compile_dir(str(ROOT / "lai_chau_desk"), quiet=1)
        _timed([sys.executable, "-c", FLOOR], BARE_ENV, folder)  # warm the file cache once
        _timed(app_cmd, BARE_ENV, folder)

        def floor(_: object) -> float:
            t, out = _timed([sys.executable, "-c", FLOOR], BARE_ENV, folder)
            lines = out.strip().splitlines()
            floor_rss.append(int(lines[-1]) / 1024)
            floor_paint.append(float(lines[-2].split("=")[1]))
            return t

        def app(_: object) -> float:
            t, out = _timed(app_cmd, BARE_ENV, folder)
            times, painted = smoke_report(out)
            if painted.get("MainWindow") != "sidebar=10 screen=DashboardScreen":
                raise RuntimeError(
                    f"the first main window painted was not the real one: {painted!r}\n{out}"
                )
            if list(times)[:1] != ["MainWindow"] or "data" not in times:
                raise RuntimeError(f"not painted in the order measured: {times!r}")
            main_paint.append(times["MainWindow"])
            data_paint.append(times["data"])
            return t

        floor_times, app_times = alternate(floor, app, repeats)
        results.append(
            figure(
                "installed lai-chau-desk: main window painted (sidebar + dashboard frame), "
                "5-year unit, from the spawn",
                main_paint,
                floor_paint,
                "ratio <= 1.5 (bare Qt's first paint)",
                lambda _v, r: r is not None and r <= 1.5,
            )
        )
        results.append(
            figure(
                "  then: the dashboard's figures painted (data from the worker), from the spawn",
                data_paint,
                floor_paint,
                "(informative)",
                lambda _v, _r: True,
            )
        )
        results.append(
            figure(
                "  process start to exit (--smoke exits once the data are painted)",
                app_times,
                floor_times,
                "(informative)",
                lambda _v, _r: True,
            )
        )
        if not sessions:
            return results
        runs = 1 if quick else REPEATS
        big: list[dict] = []
        empty: list[dict] = []
        _timed([sys.executable, __file__, "--make", str(folder / "big.db"), str(N_SESSIONS)])
        _timed([sys.executable, __file__, "--make", str(folder / "empty.db"), "0"])

        def child(path: Path, n: int, into: list[dict]) -> float:
            _t, out = _timed([sys.executable, __file__, "--child", str(path), str(n)])
            into.append(json.loads(out.strip().splitlines()[-1]))
            return into[-1]["opened"]

        alternate(
            lambda _: child(folder / "empty.db", 0, empty),
            lambda _: child(folder / "big.db", N_SESSIONS, big),
            runs,
        )
        results.append(
            figure(
                f"open the sessions screen with {N_SESSIONS:,} sessions",
                [r["opened"] for r in big],
                [r["opened"] for r in empty],
                "< 0.3 s",
                lambda v, _r: v < 0.3,
            )
        )
        results.append(
            figure(
                f"every id of {N_SESSIONS:,} sessions loaded (scrollable to the end)",
                [r["complete"] for r in big],
                [r["complete"] for r in empty],
                "(informative)",
                lambda _v, _r: True,
            )
        )
        rss = figure(
            f"peak RSS after scrolling {N_SESSIONS:,} sessions",
            [r["rss_mb"] for r in big],
            floor_rss,
            "< 250 MB (max of the runs)",
            lambda _v, _r: max(r["rss_mb"] for r in big) < 250,
            unit="MB",
            digits=0,
        )
        results.append(rss)
    return results


def smoke_report(out: str) -> tuple[dict[str, float], dict[str, str]]:
    """What a ``--smoke`` run printed: ``smoke: MainWindow=0.31 data=0.84`` (seconds from the
    spawn to each first paint, in the order painted) and ``smoke-painted: MainWindow: …``
    (what that first paint showed)."""
    times: dict[str, float] = {}
    painted: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith("smoke: "):
            times = {k: float(v) for k, v in (item.split("=") for item in line[7:].split())}
        elif line.startswith("smoke-painted: "):
            name, _, what = line[15:].partition(": ")
            painted[name] = what
    return times, painted


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
    sys.path.insert(0, str(ROOT))
    from tests.bench.runner import print_table

    print_table(run(quick="--quick" in sys.argv, sessions="--startup-only" not in sys.argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
