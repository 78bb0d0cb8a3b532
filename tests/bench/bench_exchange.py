"""Benchmark: a province of 40 communes × 25 grassroots units exchanging format-2 packages
made like real exports (every grassroots and commune package with its ``report.pdf``).

Grassroots packages carry a ``report.pdf`` rendered by the app's renderer (one rendering,
carried by every unit: rendering 10,000 would take over an hour). Each commune is a real
installation: it imports its units' packages and exports its consolidated package, its own
``report.pdf`` rendered as the export does (pending reports included, as ``--include-pending``
does). The province imports the 40 consolidated packages, then exports its own; the figures
are the province's package size, its export and verify times, the peak memory of export and
of verify (Python heap, ``tracemalloc``, in a process that has exported before: imports and
fonts loaded), and the import of the 40 commune packages. Headline tree (40 × 25): medians of
5 alternating repeats (import on a fresh copy, export, verify) with their range. A growth
table repeats the province's export and verify 5 times at 250 / 1,000 / 4,000 / 10,000 units
(the import once, one run; ``--quick``: 250 only; ``BENCH_EXCHANGE_SIZES=40x25,10x25`` picks
the trees) and gives verdicts that can fail: linear time (per-unit time at the largest tree ≤
1.5× that at 1,000 units) and the export's peak heap bounded by the package (≤ 3× the larger
of the package written and the largest package received, + 16 MB).

Set-up is never timed: the communes of a tree are built by two worker processes (each
commune from a copy of one migrated database), and each grassroots package is made once per
run (its random stream seeded by its code) and shared by every tree that has that unit.

Run: ``python -m tests.bench [--quick] exchange``.
"""

from __future__ import annotations

import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 12, 10)
PERIOD = "2026S2"
ICT = timezone(timedelta(hours=7))
REPEATS = 5


def _median(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def _clear_caches() -> None:
    from lai_chau_desk.exchange import signing

    signing._public_key.cache_clear()
    gc.collect()


def _leaf_pdf(cache: Path, template: Path) -> bytes:
    """A report rendered by the app's renderer, as exports carry (one for every unit)."""
    from lai_chau_desk.app import open_database
    from lai_chau_desk.domain.periods import parse_period

    path = cache / "leaf.pdf"
    if not path.exists():
        db = cache / "scratch.db"
        shutil.copy(template, db)
        suite = open_database(db, today=lambda: TODAY)
        suite.units.init_own_unit("XA-001", "Công đoàn xã số 1", "LDLD-LC")
        path.write_bytes(suite.simulation._rendered_pdf(parse_period(PERIOD)))
        suite.close()
    return path.read_bytes()


def _leaf(cache: Path, code: str, c: int, i: int, pdf: bytes) -> Path:
    """The simulated package of grassroots unit ``i`` of commune ``c``: made once per run
    (its own random stream, seeded by its code) and shared by every tree that has it."""
    from lai_chau_desk.domain.periods import parse_period
    from lai_chau_desk.domain.units import Unit
    from lai_chau_desk.services.exchange_simulate import simulated_package

    unit = Unit(
        code=f"{code}-CS{i:03d}",
        parent_code=code,
        name=f"Công đoàn cơ sở Trường Tiểu học số {i} xã {c}",
    )
    path = cache / "leaves" / f"{unit.code}.lcdx"
    if not path.exists():
        rng = random.Random(unit.code)
        data = simulated_package(
            rng,
            unit,
            parse_period(PERIOD),
            TODAY,
            ["50-KL/TW", "51-KL/TW"],
            ["sang-kien"],
            rng.randint(30, 50),
            c,
            datetime(2026, 12, 5, 9, 0, tzinfo=ICT),
            pdf=pdf,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def _build_communes(folder: Path, cache: Path, communes: list[int], per_commune: int) -> None:
    """Each commune's installation (a copy of the migrated template): it imports its units'
    packages and exports its consolidated package, its own ``report.pdf`` rendered."""
    from lai_chau_desk.app import open_database

    pdf = _leaf_pdf(cache, cache / "template.db")
    for c in communes:
        code = f"XA-{c:03d}"
        db = folder / "communes" / f"{code}.db"
        shutil.copy(cache / "template.db", db)
        suite = open_database(db, today=lambda: TODAY)
        suite.units.init_own_unit(code, f"Công đoàn xã số {c}", "LDLD-LC")
        leaves = [_leaf(cache, code, c, i, pdf) for i in range(1, per_commune + 1)]
        outs = suite.imports.import_files(leaves)
        assert {o.outcome for o in outs} == {"new"}, outs[0]
        # the commune's own consolidated report.pdf, rendered by the app as its export does
        suite.export.export_report(
            PERIOD, out=folder / "communes" / f"{code}.lcdx", include_pending=True
        )
        suite.close()
        db.unlink()


def build_tree(
    folder: Path, communes: int, per_commune: int, cache: Path | None = None
) -> tuple[Path, list[Path]]:
    """Simulated grassroots packages, each commune's installation and its consolidated
    package; returns the province database (empty: the commune packages are imported by the
    benchmark) and the commune package files. Set-up, never timed: the communes are built by
    up to two worker processes, each from a copy of one migrated database, and the grassroots
    packages are kept in ``cache`` for the next tree of the run."""
    import os
    import subprocess

    from lai_chau_desk.app import open_database

    cache = cache or folder / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    (folder / "communes").mkdir(parents=True, exist_ok=True)
    template = cache / "template.db"
    if not template.exists():
        open_database(template, today=lambda: TODAY).close()
    _leaf_pdf(cache, template)
    workers = max(1, min(2, os.cpu_count() or 1, communes))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.bench.bench_exchange",
                "--build-communes",
                str(folder),
                str(cache),
                str(per_commune),
                ",".join(str(c) for c in range(w + 1, communes + 1, workers)),
            ],
            cwd=ROOT,
        )
        for w in range(workers)
    ]
    codes = [p.wait() for p in procs]
    assert codes == [0] * workers, codes
    files = [folder / "communes" / f"XA-{c:03d}.lcdx" for c in range(1, communes + 1)]
    province = folder / "province.db"
    shutil.copy(template, province)
    suite = open_database(province, today=lambda: TODAY)
    suite.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    suite.close()
    return province, files


def _import(db: Path, files: list[Path]) -> float:
    from lai_chau_desk.app import open_database

    suite = open_database(db, today=lambda: TODAY)
    _clear_caches()
    t = time.perf_counter()
    outs = suite.imports.import_files(files)
    elapsed = time.perf_counter() - t
    assert {o.outcome for o in outs} == {"new"}, [o.reason for o in outs][:2]
    suite.close()
    return elapsed


def measure(folder: Path, communes: int, per_commune: int, cache: Path, headline: bool) -> dict:
    """The tree's figures. The headline tree times the import of the commune packages on a
    fresh copy at each of the alternating repeats; a growth tree imports them once (timed,
    one run) and repeats the export and the verify."""
    from lai_chau_desk.app import open_database
    from lai_chau_desk.exchange.package import read_package

    empty, files = build_tree(folder, communes, per_commune, cache)
    imports, exports, export_cpu, verifies = [], [], [], []
    held = folder / "held.db"
    for r in range(REPEATS):  # alternate: import on a fresh copy, export, verify
        if headline or r == 0:
            db = folder / f"import{r}.db"
            shutil.copy(empty, db)
            imports.append(_import(db, files))
            if r == 0:
                shutil.copy(db, held)
            db.unlink()
        suite = open_database(held, today=lambda: TODAY)
        _clear_caches()
        t, c = time.perf_counter(), time.process_time()
        result = suite.export.export_report(PERIOD, include_pending=True)
        exports.append(time.perf_counter() - t)
        export_cpu.append(time.process_time() - c)
        suite.close()
        _clear_caches()
        t = time.perf_counter()
        pkg = read_package(result.data)
        verifies.append(time.perf_counter() - t)
        assert len(pkg.units) == communes * (per_commune + 1)
        size = len(result.data)
        del pkg, result
    suite = open_database(held, today=lambda: TODAY)
    _clear_caches()
    tracemalloc.start()
    data = suite.export.export_report(PERIOD, include_pending=True).data
    _cur, export_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    read_package(data)
    _cur, verify_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    suite.close()
    del data
    return {
        "export_peak": export_peak / 2**20,
        "verify_peak": verify_peak / 2**20,
        "largest_received": max(f.stat().st_size for f in files) / 2**20,
        "units": communes * per_commune,
        "size": size,
        "import": _median(imports),
        "import_n": len(imports),
        "export": _median(exports),
        "export_cpu": _median(export_cpu),
        "verify": _median(verifies),
        "peak": max(export_peak, verify_peak) / 2**20,
        "files": sum(f.stat().st_size for f in files),
    }


def _rows(m: dict, headline: bool) -> list[dict]:
    n = m["units"]
    tag = f"{n} units"

    def timing(name: str, key: str, goal: float | None) -> dict:
        med, lo, hi = m[key]
        n = m.get(f"{key}_n", REPEATS)
        runs = f"median of {n}, range {lo:.2f}–{hi:.2f} s" if n > 1 else "one run"
        return {
            "figure": f"{tag}: {name} ({runs})",
            "value": round(med, 3),
            "unit": "s",
            "floor": None,
            "ratio": None,
            "goal": f"<= {goal:g} s" if goal and headline else "report",
            "met": med <= goal if goal and headline else None,
        }

    return [
        {
            "figure": f"{tag}: province package size",
            "value": round(m["size"] / 2**20, 2),
            "unit": "MB",
            "floor": None,
            "ratio": None,
            "goal": "<= 5 MB" if headline else "report",
            "met": m["size"] <= 5 * 2**20 if headline else None,
        },
        timing("province export", "export", 3.0),
        timing("verify of the province package", "verify", 3.0),
        timing("import of the consolidated commune packages", "import", 3.0),
        {
            "figure": f"{tag}: peak memory of export + verify (Python heap; export "
            f"{m['export_peak']:.0f} MB, verify {m['verify_peak']:.0f} MB)",
            "value": round(m["peak"], 1),
            "unit": "MB",
            "floor": None,
            "ratio": None,
            "goal": "<= 300 MB" if headline else "report",
            "met": m["peak"] <= 300 if headline else None,
        },
        {
            "figure": f"{tag}: commune packages received (total size)",
            "value": round(m["files"] / 2**20, 2),
            "unit": "MB",
            "floor": None,
            "ratio": None,
            "goal": "report",
            "met": None,
        },
    ]


def growth(ms: list[dict]) -> list[dict]:
    """The growth table's verdicts. Linear time: the export's time per unit at the largest
    tree is at most 1.5× its time per unit at 1,000 units (the smallest tree when fewer),
    and so is the verify's. Memory bounded by the package, not the tree: the export's peak
    Python heap is at most 3× the larger of the package it writes and the largest package
    received, plus 16 MB (the interpreter's and the app's fixed share); the verify's peak
    is at most 3× the package it reads plus 16 MB, at every size."""
    ms = sorted(ms, key=lambda m: m["units"])
    base = next((m for m in ms if m["units"] >= 1000), ms[0])
    top = ms[-1]
    rows: list[dict] = []
    sizes = " / ".join(f"{m['units']:,}" for m in ms)
    for key, name in (("export", "export"), ("verify", "verify")):
        per = [m[key][0] / m["units"] * 1000 for m in ms]
        ratio = (top[key][0] / top["units"]) / (base[key][0] / base["units"])
        rows.append(
            {
                "figure": f"growth {sizes} units: {name} time (s) "
                + " / ".join(f"{m[key][0]:.2f}" for m in ms)
                + "; ms per unit "
                + " / ".join(f"{p:.2f}" for p in per),
                "value": round(ratio, 2),
                "unit": f"× per-unit time at {base['units']:,}",
                "floor": None,
                "ratio": None,
                "goal": "<= 1.5 (linear)",
                "met": ratio <= 1.5 if top is not base else None,  # nothing above the base
            }
        )
    rows.append(
        {
            "figure": f"growth {sizes} units: export CPU time (s) "
            + " / ".join(f"{m['export_cpu'][0]:.2f}" for m in ms)
            + "; tree set-up + measurement wall time (s) "
            + " / ".join(f"{m.get('wall', 0):.0f}" for m in ms),
            "value": round(
                (top["export_cpu"][0] / top["units"]) / (base["export_cpu"][0] / base["units"]), 2
            ),
            "unit": f"× per-unit CPU time at {base['units']:,}",
            "floor": None,
            "ratio": None,
            "goal": "report",
            "met": None,
        }
    )
    worst = max(
        m["export_peak"] / (3 * max(m["size"] / 2**20, m["largest_received"]) + 16) for m in ms
    )
    rows.append(
        {
            "figure": f"growth {sizes} units: export peak heap (MB) "
            + " / ".join(f"{m['export_peak']:.0f}" for m in ms)
            + "; package (MB) "
            + " / ".join(f"{m['size'] / 2**20:.2f}" for m in ms)
            + "; largest received (MB) "
            + " / ".join(f"{m['largest_received']:.2f}" for m in ms),
            "value": round(worst, 2),
            "unit": "× bound (3× largest package + 16 MB)",
            "floor": None,
            "ratio": None,
            "goal": "<= 1 (bounded by the package)",
            "met": worst <= 1,
        }
    )
    verify_worst = max(m["verify_peak"] / (3 * m["size"] / 2**20 + 16) for m in ms)
    rows.append(
        {
            "figure": f"growth {sizes} units: verify peak heap (MB) "
            + " / ".join(f"{m['verify_peak']:.0f}" for m in ms)
            + "; package (MB) "
            + " / ".join(f"{m['size'] / 2**20:.2f}" for m in ms),
            "value": round(verify_worst, 2),
            "unit": "× bound (3× the package + 16 MB)",
            "floor": None,
            "ratio": None,
            "goal": "<= 1 (bounded by the package)",
            "met": verify_worst <= 1,
        }
    )
    return rows


def run(quick: bool = False) -> list[dict]:
    import os

    sizes = [(10, 25)] if quick else [(40, 25), (10, 25), (40, 100), (40, 250)]
    if os.environ.get("BENCH_EXCHANGE_SIZES"):  # e.g. "40x25,10x25": a shorter run
        sizes = [
            (int(a), int(b))
            for a, b in (x.split("x") for x in os.environ["BENCH_EXCHANGE_SIZES"].split(","))
        ]
    rows: list[dict] = []
    ms = []
    with tempfile.TemporaryDirectory() as run_tmp:  # the grassroots packages, for every tree
        cache = Path(run_tmp)
        for i, (communes, per) in enumerate(sizes):
            with tempfile.TemporaryDirectory() as tmp:
                t = time.perf_counter()
                m = measure(Path(tmp), communes, per, cache, headline=(i == 0))
                m["wall"] = time.perf_counter() - t
            print(f"bench_exchange: {communes * per:,} units: {m['wall']:.0f} s", file=sys.stderr)
            ms.append(m)
            rows += _rows(m, headline=(i == 0))
    return rows + growth(ms)


def main() -> None:
    if sys.argv[1:2] == ["--build-communes"]:  # a worker of build_tree
        folder, cache, per, communes = sys.argv[2:6]
        _build_communes(Path(folder), Path(cache), [int(c) for c in communes.split(",")], int(per))
        return
    from tests.bench.runner import print_table

    print_table(run("--quick" in sys.argv))


if __name__ == "__main__":
    main()
