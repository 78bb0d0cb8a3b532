"""Storage benchmark (issues 2 and 13): bulk insert of sessions and a period's figures.

``python tests/bench/bench_storage.py [--quick]``. The database is a realistic unit: five
years of demo records with a 2,000-member roster (``demo --years 5 --members 2000``, ~120,000
attendance ticks). Then:

- insert N sessions (100,000; 5,000 with ``--quick``) through ``SessionService.bulk_add``
  (validation included) against the floor: the very rows the app wrote (read back from its
  database, every table it touched), inserted with plain ``executemany`` on a connection with
  the app's own pragmas (``storage.engine.make_engine``: WAL, synchronous=FULL, 32 MiB cache,
  foreign keys) in one transaction. Goal: rows/s >= 0.3 x the floor's.
- a period's figures over those sessions plus the demo's, against the floor of one raw
  aggregate (count and the five sums per form over the period's rows, on the same index) on
  a new connection with the same pragmas. Goal: < 0.5 s.

Each figure is the median of >= 5 alternating repeats (floor, app, floor, app…), each on a
fresh copy of the database and a new connection, with the app's caches cleared.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.domain.sessions import FORMS, Attendance, DisseminationSession
from lai_chau_desk.storage.engine import make_engine
from tests.bench.runner import REPEATS, alternate, figure

TODAY = date(2026, 11, 28)
PERIOD = "2026S1"
UNIT = "CDCS-BENCH"
TITLES = [
    "Quán triệt Kết luận số {n} của Bộ Chính trị",
    "Tuyên truyền pháp luật lao động đợt {n}",
    "Sinh hoạt chuyên đề chuyển đổi số lần {n}",
    "Tọa đàm an toàn vệ sinh lao động số {n}",
]


def make_sessions(n: int, directives: list[str], seed: int = 7) -> list[DisseminationSession]:
    """``n`` realistic sessions spread over the days of :data:`PERIOD`."""
    rng = random.Random(seed)
    p = parse_period(PERIOD)
    days = (p.end - p.start).days
    forms = list(FORMS)
    out = []
    for i in range(n):
        people = rng.randint(8, 120)
        out.append(
            DisseminationSession(
                held_on=p.start + timedelta(days=rng.randint(0, days)),
                title=rng.choice(TITLES).format(n=i),
                form=rng.choice(forms),
                directive_codes=rng.sample(directives, rng.randint(1, 2)),
                place="Hội trường khối đoàn thể",
                presenter="Đồng chí Lò Văn Sơn",
                attendance=Attendance(people, people * 3 // 4, people // 2, people // 3),
                materials=rng.randint(0, 30),
            )
        )
    return out


def base_database(path: Path, years: int = 5, members: int = 2000):  # noqa: ANN201
    """The realistic unit (``demo --years 5 --members 2000``), closed; returns the directives."""
    suite = open_database(path, today=lambda: TODAY)
    suite.units.init_own_unit(UNIT, "Công đoàn cơ sở Công ty Thủy điện Lai Châu", "CDVC-LC")
    suite.demo.fill(seed=5, members=members, years=years)
    directives = sorted(d.code for d in suite.catalogue.directives())[:8]
    suite.close()
    return directives


def _tables_in_order(c: sqlite3.Connection) -> list[str]:
    """Every table, parents before the tables whose foreign keys point at them."""
    names = [
        r[0]
        for r in c.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    parents = {t: {r[2] for r in c.execute(f"PRAGMA foreign_key_list('{t}')")} - {t} for t in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [t for t in names if t not in ordered and parents[t] <= set(ordered)]
        ordered += sorted(ready) or sorted(set(names) - set(ordered))
    return ordered


def rows_added(before: Path, after: Path) -> list[tuple[str, list[str], list[tuple]]]:
    """The rows ``after`` holds that ``before`` does not, per table: what the app wrote."""
    c = sqlite3.connect(after)
    c.execute("ATTACH DATABASE ? AS b", (str(before),))
    out = []
    for t in _tables_in_order(c):
        cols = [r[1] for r in c.execute(f"PRAGMA main.table_info('{t}')")]
        rows = c.execute(f'SELECT * FROM main."{t}" EXCEPT SELECT * FROM b."{t}"').fetchall()
        if rows:
            out.append((t, cols, rows))
    c.close()
    return out


def floor_insert(path: Path, added: list[tuple[str, list[str], list[tuple]]]) -> float:
    """Seconds to insert ``added`` with ``executemany`` on a connection with the app's pragmas
    (rows already built: the least any insert of them must spend)."""
    engine = make_engine(path)
    raw = engine.raw_connection()
    c: Any = raw.driver_connection
    t0 = time.perf_counter()
    c.execute("BEGIN IMMEDIATE")
    for table, cols, rows in added:
        marks = ",".join("?" * len(cols))
        names = ",".join(f'"{x}"' for x in cols)
        c.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    c.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    raw.close()
    engine.dispose()
    return elapsed


def app_insert(path: Path, sessions: list[DisseminationSession]) -> float:
    suite = open_database(path, today=lambda: TODAY)
    t0 = time.perf_counter()
    inserted = suite.sessions.bulk_add(sessions, total=len(sessions))
    elapsed = time.perf_counter() - t0
    suite.close()
    assert inserted == len(sessions)
    return elapsed


FLOOR_FIGURES = (
    "SELECT form, count(*), sum(participants), sum(union_members), sum(female), "
    "sum(ethnic_minority), sum(materials) FROM dissemination_session "
    "WHERE unit_code = ? AND held_on BETWEEN ? AND ? GROUP BY form"
)


def floor_figures(path: Path) -> tuple[float, int]:
    """Seconds for the cheapest read giving the headline figures, on a new connection."""
    p = parse_period(PERIOD)
    engine = make_engine(path, writer=False)
    raw = engine.raw_connection()
    c: Any = raw.driver_connection
    t0 = time.perf_counter()
    rows = c.execute(FLOOR_FIGURES, (UNIT, p.start.isoformat(), p.end.isoformat())).fetchall()
    elapsed = time.perf_counter() - t0
    raw.close()
    engine.dispose()
    return elapsed, sum(r[1] for r in rows)


def app_figures(path: Path) -> tuple[float, int]:
    suite = open_database(path, today=lambda: TODAY)
    t0 = time.perf_counter()
    f = suite.reporting.figures(PERIOD)
    elapsed = time.perf_counter() - t0
    suite.close()
    return elapsed, f.sessions


def run(quick: bool) -> list[dict]:
    """Measure and return the rows of the benchmark table."""
    n = 5_000 if quick else 100_000
    repeats = 3 if quick else REPEATS
    with tempfile.TemporaryDirectory(prefix="lcd-bench-") as tmp:
        folder = Path(tmp)
        base = folder / "base.db"
        directives = base_database(base)
        sessions = make_sessions(n, directives)
        # What the app writes for these sessions, read back once to give the floor the same rows.
        probe = folder / "probe.db"
        shutil.copy(base, probe)
        app_insert(probe, sessions)
        added = rows_added(base, probe)
        assert sum(len(r) for t, _c, r in added if t == "dissemination_session") == n, [
            (t, len(r)) for t, _c, r in added
        ]
        total_rows = sum(len(r) for _t, _c, r in added)

        def fresh(i: int) -> Path:
            copy = folder / f"copy{i}-{time.perf_counter_ns()}.db"
            shutil.copy(base, copy)
            return copy

        floor_t, app_t = alternate(
            lambda p: floor_insert(p, added), lambda p: app_insert(p, sessions), repeats, fresh
        )
        for extra in folder.glob("copy*"):
            extra.unlink()
        insert_row = figure(
            f"bulk_add {n:,} sessions ({total_rows:,} rows) into a 5-year unit",
            [n / t for t in app_t],
            [n / t for t in floor_t],
            ">= 0.3 x executemany of the same rows",
            lambda _v, ratio: ratio is not None and ratio >= 0.3,
            unit="rows/s",
            digits=0,
        )

        counts: list[tuple[int, int]] = []

        def floor_fig(_: object) -> float:
            t, count = floor_figures(probe)
            counts.append((0, count))
            return t

        def app_fig(_: object) -> float:
            t, count = app_figures(probe)
            counts.append((1, count))
            return t

        floor_f, app_f = alternate(floor_fig, app_fig, repeats)
        assert len({c for _k, c in counts}) == 1, counts  # the app counts what the floor counts
        figures_row = figure(
            f"period figures over {counts[0][1]:,} sessions (new connection)",
            app_f,
            floor_f,
            "< 0.5 s",
            lambda v, _r: v < 0.5,
        )
    return [insert_row, figures_row]


if __name__ == "__main__":
    from tests.bench.runner import print_table

    print_table(run("--quick" in sys.argv))
