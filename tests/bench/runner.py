"""The benchmark runner: import every ``tests/bench/bench_*.py``, call ``run(quick)``, print
one table (figure, value, floor, ratio, goal, met, and the range of the repeats when a
benchmark gives one).

Honest measuring, shared by the benchmarks: :func:`alternate` times a floor and the app
alternately (floor, app, floor, app…, at least :data:`REPEATS` of each in a full run) with
:func:`clear_caches` and a fresh set-up before every repeat; :func:`figure` turns the two
lists of times into a row with medians and the ranges (``range`` column: app min–max; the
floor's range in ``floor_range``).

``python -m tests.bench [--quick] [--markdown FILE] [NAME...]`` from the checkout. ``--quick``
uses small sizes so CI notices a benchmark that no longer runs; speed never fails the run (exit
0 unless a benchmark crashed). ``NAME`` limits the run to ``bench_NAME.py`` modules.
``--markdown FILE`` also writes the run's table as Markdown (the README's table is that file,
pasted whole), headed by when it ran, how long each benchmark took and the machine's load.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
COLUMNS = ("figure", "value", "range", "unit", "floor", "floor range", "ratio", "goal", "met")
REPEATS = 5  # alternating repeats of floor and app in a full run (medians and ranges)


def clear_caches() -> int:
    """Drop every ``functools`` cache of the app's modules (name-order keys, parsed periods,
    schema validators…) so a repeat does not run warm on the previous one; returns how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("lai_chau_desk") or module is None:
            continue
        for value in list(vars(module).values()):
            targets = [value]
            if isinstance(value, type):
                targets += [getattr(v, "__func__", v) for v in vars(value).values()]
            for t in targets:
                if callable(getattr(t, "cache_clear", None)):
                    t.cache_clear()
                    cleared += 1
    return cleared


def alternate(
    floor: Callable[[Any], float],
    app: Callable[[Any], float],
    repeats: int,
    setup: Callable[[int], Any] | None = None,
) -> tuple[list[float], list[float]]:
    """Time ``floor`` and ``app`` alternately, ``repeats`` times each: floor, app, floor, app…
    Before each call the caches are cleared and ``setup(i)`` (if given) builds fresh inputs
    (a copy of the database, a new file…), passed to the call; each call returns its own
    elapsed seconds, so set-up is never timed."""
    floor_times: list[float] = []
    app_times: list[float] = []
    for i in range(repeats):
        for fn, times in ((floor, floor_times), (app, app_times)):
            clear_caches()
            arg = setup(i) if setup else None
            times.append(fn(arg))
    return floor_times, app_times


def median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def span(values: list[float], digits: int = 3) -> str:
    """``min–max`` of ``values``, for the range columns."""
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


def figure(
    name: str,
    app_times: list[float],
    floor_times: list[float] | None,
    goal: str,
    met: Callable[[float, float | None], bool],
    unit: str = "s",
    digits: int = 3,
) -> dict:
    """A table row from the repeats: medians, ranges, ratio of medians, and whether ``met``
    (called with the app's median and the ratio) holds."""
    value = median(app_times)
    row: dict = {
        "figure": name,
        "value": round(value, digits),
        "range": span(app_times, digits),
        "unit": unit,
        "goal": goal,
    }
    ratio = None
    if floor_times:
        floor_value = median(floor_times)
        ratio = value / floor_value if floor_value else None
        row.update(
            {
                "floor": round(floor_value, digits),
                "floor range": span(floor_times, digits),
                "ratio": round(ratio, 2) if ratio is not None else None,
            }
        )
    row["met"] = bool(met(value, ratio))
    row["repeats"] = len(app_times)
    return row


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


def _md(value: object) -> str:
    return _cell(value).replace("|", "\\|")


def markdown_table(rows: list[dict], header: list[str]) -> str:
    """The run as Markdown: ``header`` lines, then one row per figure with the median and its
    range, the floor and its range, the ratio of the medians, the goal and whether it is met."""
    lines = [*header, ""]
    lines.append("| figure | median (range) | unit | floor: median (range) | ratio | goal | met |")
    lines.append("|---|---|---|---|---|---|---|")
    for r in rows:
        value = _md(r.get("value"))
        if r.get("range"):
            value += f" ({r['range']})"
        floor = _md(r.get("floor")) if r.get("floor") is not None else "–"
        if r.get("floor range"):
            floor += f" ({r['floor range']})"
        ratio = f"{r['ratio']}×" if r.get("ratio") is not None else "–"
        met = {True: "yes", False: "**no**"}.get(r.get("met"), "–")  # type: ignore[call-overload]
        goal = str(r.get("goal") or "")
        if not goal or goal[0] in "(—–" or goal == "report":  # informative: no verdict
            met = "–"
        lines.append(
            f"| {_md(r.get('figure'))} | {value} | {_md(r.get('unit'))} | {floor} | {ratio} "
            f"| {_md(r.get('goal'))} | {met} |"
        )
    return "\n".join(lines) + "\n"


def _load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine_speed() -> str:
    """How fast this machine runs the interpreter right now, for comparing absolute figures
    between runs (shared machines change speed by 2× within a day): the median of 7 timings
    of ``json.loads`` of one fixed 20 KB document shaped like a grassroots payload (40
    sessions, Vietnamese text) and of SHA-256 over 1 MiB."""
    import hashlib
    import json

    session = {
        "id": "0" * 36, "held_on": "2026-09-01", "title": "Tuyên truyền Nghị quyết số 57-NQ/TW",
        "form": "truc-tiep", "directives": ["57-NQ/TW"], "tasks": [], "place": "Hội trường",
        "presenter": "Chủ tịch công đoàn", "note": "Đoàn viên thảo luận sôi nổi " * 5,
        "participants": 40, "union_members": 35, "female": 20, "ethnic_minority": 12,
        "materials": 3, "interpreted": False,
    }  # fmt: skip
    text = json.dumps({"sessions": [session] * 40}, ensure_ascii=False)
    block = bytes(range(256)) * 4096
    loads, digests = [], []
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(20):
            json.loads(text)
        loads.append((time.perf_counter() - t) / 20 * 1000)
        t = time.perf_counter()
        hashlib.sha256(block).digest()
        digests.append((time.perf_counter() - t) * 1000)
    return (
        f"json.loads of a {len(text.encode()) // 1000} KB payload {median(loads):.2f} ms, "
        f"SHA-256 of 1 MiB {median(digests):.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (CI): report only")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ap.add_argument("names", nargs="*", help="only these benchmarks (e.g. storage)")
    args = ap.parse_args(argv)
    rows: list[dict] = []
    crashed: list[str] = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = _load_average()
    speed_before = machine_speed()
    print(f"machine speed: {speed_before}", file=sys.stderr)
    took: list[str] = []
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
        took.append(f"{path.stem.removeprefix('bench_')} {time.perf_counter() - t0:.0f} s")
        print(f"{path.stem}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print_table(rows)
    if args.markdown:
        header = [
            f"Run {'(quick) ' if args.quick else ''}started {started}, one process: "
            + ", ".join(took)
            + f"; load average (1 / 5 / 15 min) {load_before} at the start, "
            + f"{_load_average()} at the end; machine speed (`runner.machine_speed`): "
            + f"{speed_before} at the start, {machine_speed()} at the end."
        ]
        args.markdown.write_text(markdown_table(rows, header), encoding="utf-8")
    missed = sum(1 for r in rows if r.get("met") is False)
    print(
        f"\n{len(rows)} figures, {len(rows) - missed} goals met, {missed} not met"
        + (f"; crashed: {', '.join(crashed)}" if crashed else "")
        + (" (quick mode: sizes too small to judge speed)" if args.quick else "")
    )
    return 1 if crashed else 0
