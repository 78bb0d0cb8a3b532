"""The benchmark runner: import every ``tests/bench/bench_*.py``, call ``run(quick)``, print
one table (figure, value, floor, ratio, goal, met).

``python -m tests.bench [--quick] [NAME...]`` from the checkout. ``--quick`` uses small sizes
so CI notices a benchmark that no longer runs; speed never fails the run (exit 0 unless a
benchmark crashed). ``NAME`` limits the run to ``bench_NAME.py`` modules.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
COLUMNS = ("figure", "value", "unit", "floor", "ratio", "goal", "met")


def discover(names: list[str] | None = None) -> list[Path]:
    files = sorted(HERE.glob("bench_*.py"))
    if names:
        files = [f for f in files if f.stem.removeprefix("bench_") in names or f.stem in names]
    return files


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"lcd_bench_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_table(rows: list[dict], out=None) -> None:  # noqa: ANN001 - a text stream
    """Print ``rows`` (dicts with :data:`COLUMNS`) as an aligned text table."""
    out = out or sys.stdout
    cells = [[_cell(r.get(c)) for c in COLUMNS] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(COLUMNS)]
    line = "  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
    print(line, file=out)
    print("-" * len(line), file=out)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)), file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (CI): report only")
    ap.add_argument("names", nargs="*", help="only these benchmarks (e.g. storage)")
    args = ap.parse_args(argv)
    rows: list[dict] = []
    crashed: list[str] = []
    for path in discover(args.names):
        t0 = time.perf_counter()
        try:
            got = load(path).run(args.quick)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            traceback.print_exc()
            crashed.append(path.stem)
            rows.append({"figure": f"{path.stem}: CRASHED", "met": False})
            continue
        for r in got:
            rows.append({**r, "figure": f"{path.stem.removeprefix('bench_')}: {r['figure']}"})
        print(f"{path.stem}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print_table(rows)
    missed = sum(1 for r in rows if r.get("met") is False)
    print(f"\n{len(rows)} figures, {len(rows) - missed} goals met, {missed} not met"
          + (f"; crashed: {', '.join(crashed)}" if crashed else "")
          + (" (quick mode: sizes too small to judge speed)" if args.quick else ""))
    return 1 if crashed else 0
