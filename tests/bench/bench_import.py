"""Benchmark: import 500 simulated report packages (about 40 sessions each) with full
verification, against floors measured in the same run.

The packages are made like real exports (format 2, with a ``report.pdf`` rendered by the app's
renderer, about 95 KB). The floor (the goal's, issue 9) is the least any importer must do with
the same files: a plain loop that unzips, hashes every member with SHA-256, verifies the
Ed25519 signature of the manifest, parses the JSON and inserts the same four rows the app
writes for a new child's report (its unit, its pinned key, the received package with the file,
manifest, signature and hashes, its figures) with ``sqlite3.executemany`` into a copy of the
app's own migrated database (the same tables, indexes and constraints; the statements are built
from the app's table definitions) opened with the app's own pragmas
(``storage.engine._on_connect``: WAL, synchronous=FULL, the app's cache size, foreign keys), in
one transaction like the real batch. (Until round 2's last stop the floor wrote two smaller rows
into two tables of its own without the app's indexes: less than the mandatory work.)

A second floor, reported for information (it does not decide the goal), adds the two checks
``docs/lcdx-format.md`` requires of *every* reader in one exact form, so that no
implementation can do them with less work: §2, each deflated member (the consolidation table
and carried manifests; a grassroots package has none: its manifest and payload are stored)
deflated again with zlib level 6 and compared with the stored stream ("a reader MUST rebuild
this layout … inflating and deflating again"), and §3, the parsed
value serialised again with Python's
``json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` and compared with
the member ("MUST be byte for byte the canonical serialisation"). The format also requires
the schema checks, the text rules and the figures recomputed from the records; those are
left out of both floors because their cost depends on how a reader implements them.

Beyond the second floor the real import does the schema checks (fastjsonschema, compiled
once, warmed before timing), the text rules, the figures and consistency checks, the trust
rules, key pinning, the revision rules, four rows per package (unit, pinned key, package,
figures) and the automatic backup before the batch. Floor, canonical floor and app are timed
5 times, alternating, each on a fresh database with the key cache cleared and a garbage
collection first; medians and ranges of wall time and of CPU time (``time.process_time``,
which the other jobs on a shared machine distort less).

Run: ``python tests/bench/bench_import.py [--quick]`` (``--quick``: 50 packages).
"""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
import zipfile
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 28)
PERIOD = "2026S2"


def _canonical_checks(data: bytes, zf: zipfile.ZipFile, members: dict[str, bytes]) -> None:
    """§2 and §3 of the format as every reader must do them: each deflated member (§2: the
    consolidation table and carried manifests) deflated again and compared with the stream
    stored in the file, and every JSON member serialised again and compared."""
    for info in zf.infolist():
        name = info.filename
        if not name.endswith(".json"):
            continue
        if name == "consolidation.json" or name.endswith("/manifest.json"):  # deflated (§2)
            head = info.header_offset
            start = head + 30 + int.from_bytes(data[head + 26 : head + 28], "little")
            start += int.from_bytes(data[head + 28 : head + 30], "little")
            c = zlib.compressobj(6, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
            if c.compress(members[name]) + c.flush() != data[start : start + info.compress_size]:
                raise AssertionError(f"{name}: not the canonical deflate stream")
        text = members[name].decode("utf-8")
        again = json.dumps(
            json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        if again != text:
            raise AssertionError(f"{name}: not canonical JSON")


def _insert_sql() -> dict[str, str]:
    """A plain ``INSERT`` for each table the import writes, its columns in table order, read
    from the app's own table definitions (never a copy that could drift)."""
    from lai_chau_desk.storage.exchange_models import (
        PinnedKeyRow,
        ReceivedFiguresRow,
        ReceivedPackageRow,
    )
    from lai_chau_desk.storage.models import UnitRow

    out = {}
    for row in (UnitRow, PinnedKeyRow, ReceivedPackageRow, ReceivedFiguresRow):
        table = row.__table__
        cols = [c.name for c in table.columns]
        out[table.name] = (
            f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        )
    return out


def _floor(files: list[Path], db: Path, canonical: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the floor over ``files`` into ``db`` (a copy of the
    app's migrated database, its own unit set: the same tables, indexes and constraints the
    app writes into); with ``canonical``, the format's two byte-level checks too
    (:func:`_canonical_checks`)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from lai_chau_desk.domain.figures import COUNTS
    from lai_chau_desk.storage.engine import _on_connect

    sql = _insert_sql()
    con = sqlite3.connect(db, isolation_level=None)
    _on_connect(con, None)  # the app's own pragmas, never a copy of them that could drift
    now = "2026-11-28 09:00:00.000000"
    start, cpu = time.perf_counter(), time.process_time()
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
        if canonical:
            _canonical_checks(data, zf, members)
        f = payload["figures"]
        u = payload["unit"]
        m_unit = manifest["unit"]
        code, period = m_unit["code"], manifest["period"]["code"]
        fingerprint = hashlib.sha256(public).hexdigest()[:32]
        row_id = uuid.uuid4().hex
        # the four rows the app writes for a new child's report: its unit, its pinned key,
        # the received package (file, manifest, signature, hashes) and its figures
        con.executemany(
            sql["unit"],
            [(uuid.uuid4().hex, code, m_unit["name"], "", m_unit["parent_code"], u["level"],
              "", u["place_name"], None, None, "package", 0)],
        )  # fmt: skip
        con.executemany(
            sql["pinned_key"],
            [(uuid.uuid4().hex, code, public, fingerprint, now, None, "first-import")],
        )
        con.executemany(
            sql["received_package"],
            [(row_id, manifest["package_id"], manifest["kind"], code, m_unit["name"],
              m_unit["parent_code"], period, manifest["revision"], digests["payload.json"],
              hashlib.sha256(data).hexdigest(), fingerprint, manifest["created_at"][:19],
              manifest["created_at"], now, None, "current", "pending", "", None, data,
              members["manifest.json"], members["manifest.sig"], public,
              digests["manifest.json"], digests["payload.json"], 2)],
        )  # fmt: skip
        con.executemany(
            sql["received_figures"],
            [(code, period, row_id, json.dumps(f, ensure_ascii=False, sort_keys=True),
              *(f[c] for c in COUNTS))],
        )  # fmt: skip
    con.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    con.close()
    return elapsed, cpu


REPEATS = 5


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s"


def run(quick: bool = False) -> list[dict]:
    """Simulate, then import with full verification and measure both floors, 5 times
    alternating (floor, canonical floor, app, floor, …)."""
    from lai_chau_desk.app import open_database
    from lai_chau_desk.exchange import signing
    from lai_chau_desk.exchange.package import read_package

    n = 50 if quick else 500
    reals: list[tuple[float, float]] = []
    floors: list[tuple[float, float]] = []
    canon: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        suite = open_database(folder / "empty.db", today=lambda: TODAY)
        suite.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
        sim = suite.simulation.simulate(folder / "in", n, PERIOD, seed=7, sessions=(35, 45))
        suite.close()
        read_package(sim.files[0].read_bytes())  # warm up: schema compilation, lazy imports
        size = sum(f.stat().st_size for f in sim.files) / n
        pdfs = sum("report.pdf" in zipfile.ZipFile(f).namelist() for f in sim.files)
        assert pdfs == n, f"{n - pdfs} packages without report.pdf"
        for r in range(REPEATS):
            for out, canonical in ((floors, False), (canon, True)):
                db = folder / f"floor{r}.db"
                shutil.copy(folder / "empty.db", db)
                signing._public_key.cache_clear()
                gc.collect()
                out.append(_floor(sim.files, db, canonical))
                for leftover in folder.glob(f"floor{r}.db*"):
                    leftover.unlink()
            shutil.copy(folder / "empty.db", folder / f"real{r}.db")
            suite = open_database(folder / f"real{r}.db", today=lambda: TODAY)
            signing._public_key.cache_clear()
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            outcomes = suite.imports.import_files(sim.files)
            reals.append((time.perf_counter() - start, time.process_time() - cpu))
            assert [o.outcome for o in outcomes] == ["new"] * n, outcomes[:3]
            assert suite.status.subtree_totals(PERIOD).units_reported == n
            suite.close()
        # The import's own peak memory, from one more (untimed) import into a fresh copy: the
        # Python heap traced from its start (the process's lifetime peak RSS would include
        # the set-up and whatever benchmark ran before in the same process).
        shutil.copy(folder / "empty.db", folder / "traced.db")
        suite = open_database(folder / "traced.db", today=lambda: TODAY)
        gc.collect()
        tracemalloc.start()
        suite.imports.import_files(sim.files)
        heap_mb = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        suite.close()

    def med(rows: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in rows)

    real_s, floor_s, canon_s = med(reals, 0), med(floors, 0), med(canon, 0)
    real_c, floor_c, canon_c = med(reals, 1), med(floors, 1), med(canon, 1)
    rate, floor_rate = n / real_s, n / floor_s
    ratio = rate / floor_rate
    walls = [r[0] for r in reals], [r[0] for r in floors], [r[0] for r in canon]
    spread = f"app {_spread(walls[0])}, floor {_spread(walls[1])}"
    return [
        {
            "figure": f"import {n} packages ({sim.sessions // n} sessions avg, {size / 1024:.0f} KB "
            f"each with PDF), full verification; median of {REPEATS} ({spread})",
            "value": round(rate, 1),
            "unit": "packages/s",
            "floor": round(floor_rate, 1),
            "ratio": round(ratio, 3),
            "goal": ">= 0.5x floor",
            "met": ratio >= 0.5,
        },
        {
            "figure": f"the same in CPU time (process_time, ms per package; median of {REPEATS})",
            "value": round(1000 * real_c / n, 2),
            "unit": "ms CPU/package",
            "floor": round(1000 * floor_c / n, 2),
            "ratio": round(floor_c / real_c, 3),
            "goal": ">= 0.5x floor (throughput)",
            "met": floor_c / real_c >= 0.5,
        },
        {
            "figure": "against the floor + the format's byte-level checks (§2 deflate again, "
            f"§3 serialise again; informative), wall ({_spread(walls[2])})",
            "value": round(rate, 1),
            "unit": "packages/s",
            "floor": round(n / canon_s, 1),
            "ratio": round(canon_s / real_s, 3),
            "goal": f"— (CPU: {1000 * canon_c / n:.2f} ms/package, ratio {canon_c / real_c:.3f})",
            "met": None,
        },
        {
            "figure": f"time to import {n} packages (median of {REPEATS})",
            "value": round(real_s, 2),
            "unit": "s",
            "floor": round(floor_s, 2),
            "ratio": round(real_s / floor_s, 2),
            "goal": f"< {10 * n / 500:g} s",
            "met": real_s < 10 * n / 500,
        },
        {
            "figure": f"peak Python heap of one import of the {n} packages (tracemalloc)",
            "value": round(heap_mb, 1),
            "unit": "MB",
            "floor": None,
            "ratio": None,
            "goal": "< 300 MB",
            "met": heap_mb < 300,
        },
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    for row in run(quick):
        floor = "" if row["floor"] is None else f"  floor {row['floor']} (ratio {row['ratio']})"
        print(
            f"{row['figure']}: {row['value']} {row['unit']}{floor}  goal {row['goal']}  "
            f"{'—' if row['met'] is None else 'MET' if row['met'] else 'NOT MET'}"
        )


if __name__ == "__main__":
    main()
