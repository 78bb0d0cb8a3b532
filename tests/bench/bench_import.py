"""Benchmark: import 500 simulated report packages (about 40 sessions each) with full
verification, against a floor measured in the same run.

The packages are made like real exports (format 2, with a ``report.pdf`` of realistic size).
The floor is the least any importer must do with the same files: a plain loop that unzips,
hashes every member with SHA-256, verifies the Ed25519 signature of the manifest, parses the
JSON and inserts the same rows (package blob and figures) with ``sqlite3.executemany`` into a
database with the same pragmas (WAL, synchronous=FULL), in one transaction like the real
batch. The real import adds the canonical-layout check (inflate and deflate again), the
canonical-JSON and text rules, the schema and consistency checks, the trust rules, key
pinning, the revision rules and the automatic backup before the batch. Both are timed 5
times, alternating, on fresh databases with the key cache cleared; medians and ranges.

Run: ``python tests/bench/bench_import.py [--quick]`` (``--quick``: 50 packages).
"""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import json
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 28)
PERIOD = "2026S2"


def _floor(files: list[Path], db: Path) -> float:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE pkg (id TEXT PRIMARY KEY, unit TEXT, period TEXT, revision INT, "
        "sha TEXT, created TEXT, data BLOB)"
    )
    con.execute(
        "CREATE TABLE fig (unit TEXT, period TEXT, pkg TEXT, sessions INT, "
        "participants INT, union_members INT, female INT, ethnic_minority INT, "
        "materials INT, supervisions INT, recommendations INT, details TEXT, "
        "PRIMARY KEY (unit, period))"
    )
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for path in files:
        data = path.read_bytes()
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = {n: zf.read(n) for n in zf.namelist()}
        digests = {n: hashlib.sha256(b).hexdigest() for n, b in members.items()}
        manifest = json.loads(members["manifest.json"])
        public = base64.b64decode(manifest["signer"]["public_key"])
        Ed25519PublicKey.from_public_bytes(public).verify(
            members["manifest.sig"], members["manifest.json"]
        )
        payload = json.loads(members["payload.json"])
        f = payload["figures"]
        row_id = str(uuid.uuid4())
        con.executemany(
            "INSERT INTO pkg VALUES (?,?,?,?,?,?,?)",
            [
                (
                    row_id,
                    manifest["unit"]["code"],
                    manifest["period"]["code"],
                    manifest["revision"],
                    digests["payload.json"],
                    manifest["created_at"],
                    data,
                )
            ],
        )
        con.executemany(
            "INSERT INTO fig VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    f["unit"],
                    f["period"],
                    row_id,
                    f["sessions"],
                    f["participants"],
                    f["union_members"],
                    f["female"],
                    f["ethnic_minority"],
                    f["materials"],
                    f["supervisions"],
                    f["recommendations"],
                    json.dumps(f),
                )
            ],
        )
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def run(quick: bool = False) -> list[dict]:
    """Simulate, import with full verification and measure the floor, 5 times alternating."""
    from lai_chau_desk.app import open_database
    from lai_chau_desk.exchange import signing
    from lai_chau_desk.exchange.package import read_package

    n = 50 if quick else 500
    reals: list[float] = []
    floors: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        suite = open_database(folder / "empty.db", today=lambda: TODAY)
        suite.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
        sim = suite.simulation.simulate(folder / "in", n, PERIOD, seed=7, sessions=(35, 45))
        suite.close()
        read_package(sim.files[0].read_bytes())  # warm up: schema compilation, lazy imports
        size = sum(f.stat().st_size for f in sim.files) / n
        for r in range(5):
            db = folder / f"floor{r}.db"
            signing._public_key.cache_clear()
            gc.collect()
            floors.append(_floor(sim.files, db))
            db.unlink()
            shutil.copy(folder / "empty.db", folder / f"real{r}.db")
            suite = open_database(folder / f"real{r}.db", today=lambda: TODAY)
            signing._public_key.cache_clear()
            gc.collect()
            start = time.perf_counter()
            outcomes = suite.imports.import_files(sim.files)
            reals.append(time.perf_counter() - start)
            assert [o.outcome for o in outcomes] == ["new"] * n, outcomes[:3]
            assert suite.status.subtree_totals(PERIOD).units_reported == n
            suite.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    real_s, floor_s = statistics.median(reals), statistics.median(floors)
    rate, floor_rate = n / real_s, n / floor_s
    ratio = rate / floor_rate
    spread = (
        f"real {min(reals):.2f}–{max(reals):.2f} s, floor {min(floors):.2f}–{max(floors):.2f} s"
    )
    return [
        {
            "figure": f"import {n} packages ({sim.sessions // n} sessions avg, {size / 1024:.0f} KB "
            f"each with PDF), full verification; median of 5 ({spread})",
            "value": round(rate, 1),
            "unit": "packages/s",
            "floor": round(floor_rate, 1),
            "ratio": round(ratio, 3),
            "goal": ">= 0.5x floor",
            "met": ratio >= 0.5,
        },
        {
            "figure": f"time to import {n} packages (median of 5)",
            "value": round(real_s, 2),
            "unit": "s",
            "floor": round(floor_s, 2),
            "ratio": round(real_s / floor_s, 2),
            "goal": f"< {10 * n / 500:g} s",
            "met": real_s < 10 * n / 500,
        },
        {
            "figure": "peak RSS of the benchmark process",
            "value": round(rss_mb, 1),
            "unit": "MB",
            "floor": None,
            "ratio": None,
            "goal": "< 300 MB",
            "met": rss_mb < 300,
        },
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    for row in run(quick):
        floor = "" if row["floor"] is None else f"  floor {row['floor']} (ratio {row['ratio']})"
        print(
            f"{row['figure']}: {row['value']} {row['unit']}{floor}  goal {row['goal']}  "
            f"{'MET' if row['met'] else 'NOT MET'}"
        )


if __name__ == "__main__":
    main()
