"""Roster Excel import/export on a large workbook (50,000 rows; 5,000 with --quick).

Figures, each the median of >= 5 alternating repeats (floor, app, floor, app…) with caches
cleared (the sheet cache and every functools cache) and, for the import, a fresh database
and connection each time:

- read+preview against openpyxl's own read-only pass over the same file (the least any
  importer must spend reading it). Goal: <= 4x.
- import of the previewed rows (one transaction) against inserting the very rows the app
  wrote (read back from its database) with ``executemany`` on a connection with the app's
  pragmas. Goal: <= 3x (>= 0.3x the floor's rows/s, as for sessions in bench_storage).
- export against a bare openpyxl write-only dump of the same values. Goal: <= 2x.
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_storage import floor_insert, rows_added  # noqa: E402
from tests.bench.runner import REPEATS, alternate, figure  # noqa: E402

ETHNIC = ["Kinh", "Thái", "Mông", "Dao", "Hà Nhì", "Lự"]
FAMILY = ["Nguyễn", "Lò", "Tòng", "Vàng", "Lê", "Hoàng", "NguyÔn", "Giµng"]  # some TCVN3
GIVEN = ["An", "Bình", "Cường", "Dung", "Hương", "Sáng", "B×nh", "Mai"]


def _make_file(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Đoàn viên", "Tổ"])
    for i in range(n):
        ws.append(
            [
                i + 1,
                f"{FAMILY[i % 8]} Văn {GIVEN[i // 8 % 8]} {i}",
                "Nam" if i % 2 else "Nữ",
                1960 + i % 40,
                ETHNIC[i % 6],
                "x",
                f"Tổ {i % 12}",
            ]
        )
    wb.save(path)


def _timed(fn):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run(quick: bool) -> list[dict]:
    """Measure and return the figures (see the module docstring)."""
    from openpyxl import Workbook, load_workbook

    from lai_chau_desk.app import open_database
    from lai_chau_desk.services import roster_sheet

    n = 5_000 if quick else 50_000
    repeats = 3 if quick else REPEATS
    today = date(2026, 11, 28)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "big.xlsx"
        _make_file(src, n)
        base = tmpdir / "base.db"
        suite = open_database(base, today=lambda: today)
        suite.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Bench", "CDVC-LC")
        suite.close()

        def bare_read(_: object) -> float:
            t, count = _timed(
                lambda: sum(
                    1
                    for _ in load_workbook(src, read_only=True, data_only=True).active.iter_rows(
                        values_only=True
                    )
                )
            )
            assert count >= n
            return t

        previews = []

        def preview(_: object) -> float:
            roster_sheet._cache.clear()
            s = open_database(base, today=lambda: today)
            try:
                io = s.roster_io

                def go():  # noqa: ANN202
                    wp = io.read_workbook(src)
                    return io.preview_import(src, wp.sheet, wp.mapping, wp.header_row)

                t, pv = _timed(go)
            finally:
                s.close()
            assert pv.count("ok") == n, pv.summary()
            previews.append(pv)
            return t

        floor_preview, app_preview = alternate(bare_read, preview, repeats)
        pv = previews[-1]

        def apply(path: Path) -> float:
            # Each repeat is a first import into a fresh copy of the database: the preview as
            # preview_import left it (not marked applied by the previous repeat's import).
            first = dataclasses.replace(pv, applied=False)
            s = open_database(path, today=lambda: today)
            try:
                t, result = _timed(lambda: s.roster_io.apply_import(first))
            finally:
                s.close()
            assert result.added == n
            return t

        probe = tmpdir / "probe.db"
        shutil.copy(base, probe)
        apply(probe)
        added = rows_added(base, probe)
        written = sum(len(r) for _t, _c, r in added)

        def fresh(i: int) -> Path:
            copy = tmpdir / f"copy{i}-{time.perf_counter_ns()}.db"
            shutil.copy(base, copy)
            return copy

        floor_import, app_import = alternate(
            lambda p: floor_insert(p, added), apply, repeats, fresh
        )

        export_db = probe
        s = open_database(export_db, today=lambda: today)
        members = s.members.list()
        s.close()

        def bare_write(_: object) -> float:
            def go() -> None:
                wb = Workbook(write_only=True)
                ws = wb.create_sheet("x")
                for m in members:
                    ws.append(
                        [
                            m.full_name,
                            m.gender,
                            m.birth_year,
                            m.ethnicity,
                            m.is_union_member,
                            m.position,
                            m.department,
                        ]
                    )
                wb.save(tmpdir / "bare.xlsx")

            return _timed(go)[0]

        def export(_: object) -> float:
            s = open_database(export_db, today=lambda: today)
            try:
                t, count = _timed(lambda: s.roster_io.export_xlsx(tmpdir / "out.xlsx"))
            finally:
                s.close()
            assert count == n
            return t

        floor_export, app_export = alternate(bare_write, export, repeats)
    return [
        figure(
            f"read+preview {n:,} rows",
            app_preview,
            floor_preview,
            "<= 4x the bare read",
            lambda _v, r: r is not None and r <= 4.0,
        ),
        figure(
            f"import {n:,} rows ({written:,} rows written, one transaction)",
            app_import,
            floor_import,
            "<= 3x executemany of the same rows",
            lambda _v, r: r is not None and r <= 3.0,
        ),
        figure(
            f"export {n:,} rows",
            app_export,
            floor_export,
            "<= 2x the bare write",
            lambda _v, r: r is not None and r <= 2.0,
        ),
    ]


if __name__ == "__main__":
    from tests.bench.runner import print_table

    print_table(run("--quick" in sys.argv))
