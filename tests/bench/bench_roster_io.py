"""Roster Excel import/export on a large workbook (50,000 rows; 5,000 with --quick).

Figures: read+preview time and import time, each as a ratio to a floor measured in the same run
(openpyxl's own read-only pass over the same file: the least any importer must spend), and
export time as a ratio to a bare openpyxl write-only dump of the same values.
Goals: preview ≤ 4× the bare read; import of the parsed rows ≤ 1× the bare read;
export ≤ 2× the bare write.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

ETHNIC = ["Kinh", "Thái", "Mông", "Dao", "Hà Nhì", "Lự"]
FAMILY = ["Nguyễn", "Lò", "Tòng", "Vàng", "Lê", "Hoàng", "NguyÔn", "Giµng"]  # some TCVN3
GIVEN = ["An", "Bình", "Cường", "Dung", "Hương", "Sáng", "B×nh", "Mai"]


def _make_file(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc", "Đoàn viên", "Tổ"])
    for i in range(n):
        ws.append([i + 1, f"{FAMILY[i % 8]} Văn {GIVEN[i // 8 % 8]} {i}", "Nam" if i % 2 else "Nữ",
                   1960 + i % 40, ETHNIC[i % 6], "x", f"Tổ {i % 12}"])
    wb.save(path)


def _timed(fn):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _figure(name: str, value: float, floor: float, goal: float) -> dict:
    ratio = value / floor if floor else float("inf")
    return {"figure": name, "value": round(value, 3), "unit": "s", "floor": round(floor, 3),
            "ratio": round(ratio, 2), "goal": goal, "met": ratio <= goal}


def run(quick: bool) -> list[dict]:
    """Measure and return the figures (see the module docstring)."""
    from openpyxl import Workbook, load_workbook

    from lai_chau_desk.services import roster_sheet
    from lai_chau_desk.services.suite import open_database

    n = 5_000 if quick else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "big.xlsx"
        _make_file(src, n)

        def bare_read() -> int:
            wb = load_workbook(src, read_only=True, data_only=True)
            count = sum(1 for _ in wb.active.iter_rows(values_only=True))
            wb.close()
            return count

        floor_read, _ = _timed(bare_read)
        suite = open_database(tmpdir / "unit.db", today=lambda: date(2026, 11, 28))
        try:
            suite.units.init_own_unit("CDCS-BENCH", "Công đoàn cơ sở Bench", "CDVC-LC")
            io = suite.roster_io
            roster_sheet._cache.clear()

            def preview():  # noqa: ANN202
                wp = io.read_workbook(src)
                return io.preview_import(src, wp.sheet, wp.mapping, wp.header_row)

            t_preview, pv = _timed(preview)
            assert pv.count("ok") == n, pv.summary()
            t_import, result = _timed(lambda: io.apply_import(pv))
            assert result.added == n
            out = tmpdir / "out.xlsx"
            t_export, written = _timed(lambda: io.export_xlsx(out))
            assert written == n

            members = suite.members.list()

            def bare_write() -> None:
                wb = Workbook(write_only=True)
                ws = wb.create_sheet("x")
                for m in members:
                    ws.append([m.full_name, m.gender, m.birth_year, m.ethnicity,
                               m.is_union_member, m.position, m.department])
                wb.save(tmpdir / "bare.xlsx")

            floor_write, _ = _timed(bare_write)
        finally:
            suite.close()
    return [
        _figure(f"read+preview {n} rows", t_preview, floor_read, 4.0),
        _figure(f"import {n} rows (one transaction)", t_import, floor_read, 1.0),
        _figure(f"export {n} rows", t_export, floor_write, 2.0),
    ]


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(f"{row['figure']}: {row['value']} {row['unit']} (floor {row['floor']} s, "
              f"ratio {row['ratio']}, goal ≤ {row['goal']}×) {'met' if row['met'] else 'NOT MET'}")
