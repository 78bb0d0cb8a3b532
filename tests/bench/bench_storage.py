"""Foundation benchmark (issue 2): bulk insert of sessions and a period's figures over them.

``python tests/bench/bench_storage.py [--quick]``. Inserts N sessions (100,000; 5,000 with
``--quick``) through ``SessionService.bulk_add`` (validation included) and the same rows with
raw ``sqlite3.executemany`` into an identical fresh database in the same run (the floor),
then computes the figures of the period holding them all.

Goals: bulk_add rows/s >= 0.3 x raw executemany; a period's figures < 0.5 s (its floor is one
raw aggregate query over all the sessions, to judge the time on a slow or busy machine).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.domain.sessions import FORMS, Attendance, DisseminationSession
from lai_chau_desk.domain.text import fold_for_search
from lai_chau_desk.services.suite import open_database

TODAY = date(2026, 11, 28)
PERIOD = "2026S1"
TITLES = ["Quán triệt Kết luận số {n} của Bộ Chính trị", "Tuyên truyền pháp luật lao động đợt {n}",
          "Sinh hoạt chuyên đề chuyển đổi số lần {n}", "Tọa đàm an toàn vệ sinh lao động số {n}"]


def make_sessions(n: int, directives: list[str], seed: int = 7) -> list[DisseminationSession]:
    """``n`` realistic sessions spread over the days of :data:`PERIOD`."""
    rng = random.Random(seed)
    p = parse_period(PERIOD)
    days = (p.end - p.start).days
    forms = list(FORMS)
    out = []
    for i in range(n):
        people = rng.randint(8, 120)
        out.append(DisseminationSession(
            held_on=p.start + timedelta(days=rng.randint(0, days)),
            title=rng.choice(TITLES).format(n=i), form=rng.choice(forms),
            directive_codes=rng.sample(directives, rng.randint(1, 2)),
            place="Hội trường khối đoàn thể", presenter="Đồng chí Lò Văn Sơn",
            attendance=Attendance(people, people * 3 // 4, people // 2, people // 3),
            materials=rng.randint(0, 30)))
    return out


def raw_insert(path: Path, sessions: list[DisseminationSession], unit: str) -> float:
    """Seconds to insert the same rows with plain ``sqlite3.executemany`` (same pragmas)."""
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("PRAGMA foreign_keys=ON")
    now = datetime.now().isoformat(sep=" ")
    rows = [(x.id.hex, unit, x.held_on.isoformat(), x.title, fold_for_search(x.title), x.form,
             x.place, x.presenter, x.attendance.participants, x.attendance.union_members,
             x.attendance.female, x.attendance.ethnic_minority, x.materials, x.note, now, now)
            for x in sessions]
    links = [(x.id.hex, d) for x in sessions for d in x.directive_codes]
    t0 = time.perf_counter()  # the floor: executemany alone, rows already built
    c.execute("BEGIN IMMEDIATE")
    c.executemany("INSERT INTO dissemination_session (id, unit_code, held_on, title, title_key, "
                  "form, place, presenter, participants, union_members, female, ethnic_minority, "
                  "materials, note, created_at, updated_at) VALUES "
                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    c.executemany("INSERT INTO session_directive (session_id, directive_code) VALUES (?,?)", links)
    c.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    c.close()
    return elapsed


def raw_scan(path: Path) -> float:
    """Seconds for the cheapest read touching every session row: one raw aggregate query."""
    c = sqlite3.connect(path)
    c.execute("SELECT count(*) FROM dissemination_session").fetchone()  # warm the cache
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        c.execute("SELECT count(*), sum(participants), sum(female) FROM dissemination_session "
                  "WHERE unit_code = 'CDCS-BENCH'").fetchone()
        timings.append(time.perf_counter() - t0)
    c.close()
    return sorted(timings)[1]


def _fresh(path: Path):  # noqa: ANN202 - ServiceSuite
    suite = open_database(path, today=lambda: TODAY)
    suite.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Đo Tốc Độ", "CDVC-LC")
    return suite


def run(quick: bool) -> list[dict]:
    """Measure and return the rows of the benchmark table."""
    n = 5_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="lcd-bench-") as tmp:
        raw_suite = _fresh(Path(tmp) / "raw.db")
        directives = sorted(d.code for d in raw_suite.catalogue.directives())[:8]
        raw_suite.close()
        sessions = make_sessions(n, directives)
        svc = _fresh(Path(tmp) / "service.db")
        t0 = time.perf_counter()
        inserted = svc.sessions.bulk_add(sessions, total=n)
        service_s = time.perf_counter() - t0
        assert inserted == n
        raw_s = raw_insert(Path(tmp) / "raw.db", sessions, "CDCS-BENCH")
        timings = []
        for _ in range(3):
            t0 = time.perf_counter()
            f = svc.reporting.figures(PERIOD)
            timings.append(time.perf_counter() - t0)
        assert f.sessions == n, f.sessions
        svc.close()
        scan_s = raw_scan(Path(tmp) / "service.db")
    service_rate, raw_rate = n / service_s, n / raw_s
    figures_s = sorted(timings)[1]
    return [
        {"figure": f"bulk_add {n:,} sessions", "value": round(service_rate), "unit": "rows/s",
         "floor": round(raw_rate), "ratio": round(service_rate / raw_rate, 3),
         "goal": ">= 0.3 x raw executemany", "met": service_rate / raw_rate >= 0.3},
        {"figure": f"period figures over {n:,} sessions", "value": round(figures_s, 3),
         "unit": "s", "floor": round(scan_s, 3), "ratio": round(figures_s / scan_s, 2),
         "goal": "< 0.5 s", "met": figures_s < 0.5},
    ]


if __name__ == "__main__":
    from tests.bench.runner import print_table

    print_table(run("--quick" in sys.argv))
