"""The consolidated report reads the reports held below one at a time (running sums, no
package blobs): the same consolidation as adding up every report loaded at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.figures import PeriodFigures, sum_figures
from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.domain.units import UnitTree
from lai_chau_desk.services.report_consolidation import consolidate, timeliness
from lai_chau_desk.services.reporting import figures_for
from lai_chau_desk.storage import reports_repo, units_repo

TODAY = date(2026, 11, 28)
PERIOD = "2026S2"


def _reference(s, tree: UnitTree, own: str, own_figures: PeriodFigures, period):  # noqa: ANN001, ANN202
    """The consolidation computed the plain way: every report held below loaded, then added."""
    below = set(tree.subtree_codes(own)) - {own}
    held = {
        r.unit_code: r
        for r in reports_repo.received_reports(s, period.code)
        if r.unit_code in below
    }
    figures = {
        c: PeriodFigures.from_dict({**r.details, "unit": c, "period": period.code})
        for c, r in held.items()
    }
    total = sum_figures(own, period.code, [own_figures, *figures.values()])
    lines = []
    for child in tree.active_children(own, period.start, period.end):
        sub = [c for c in tree.subtree_codes(child.code) if c != child.code]
        reported = [c for c in sub if c in held]
        known = [c for c in sub if tree.by_code[c].active_during(period.start, period.end)]
        parts = [figures[c] for c in [child.code, *reported] if c in figures]
        report = held.get(child.code)
        lines.append(
            (
                child.code,
                sum_figures(child.code, period.code, parts).to_dict() if report else None,
                timeliness(report, period),
                len(reported) if known else None,
            )
        )
    return total.to_dict(), sorted(lines, key=lambda x: x[0]), set(held)


def test_streamed_consolidation_equals_the_whole_sum(tmp_path: Path) -> None:
    files = []
    for i in (1, 2, 3):
        mid = open_database(tmp_path / f"mid{i}.db", today=lambda: TODAY)
        code = f"CDN-{i}"
        mid.units.init_own_unit(code, f"Công đoàn ngành số {i}", "LDLD-LC")
        sim = mid.simulation.simulate(tmp_path / f"l{i}", 4, PERIOD, seed=i, sessions=(3, 6))
        assert {o.outcome for o in mid.imports.import_files(sim.files)} == {"new"}
        if i != 3:  # the third union's units are pending: carried with include_pending
            for unit in sim.units:
                mid.receipts.review(unit, PERIOD, "accepted")
        out = tmp_path / f"{code}.lcdx"
        mid.export.export_report(PERIOD, out=out, include_pending=True)
        files.append(out)
        mid.close()
    province = open_database(tmp_path / "p.db", today=lambda: TODAY)
    province.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    assert [o.outcome for o in province.imports.import_files(files[:2])] == ["new"] * 2
    period = parse_period(PERIOD)
    with province.export.db.reading() as s:
        tree = UnitTree(units_repo.all_units(s))
        own = figures_for(s, "LDLD-LC", period)
        got = consolidate(s, tree, "LDLD-LC", own, period, every_unit=True)
        total, lines, held = _reference(s, tree, "LDLD-LC", own, period)
    assert got.total.to_dict() == total
    assert (
        sorted(
            (
                line.unit_code,
                line.figures.to_dict() if line.figures else None,
                line.status,
                line.below_reported,
            )
            for line in got.children
        )
        == lines
    )
    assert {line.unit_code for line in got.every_unit} == held
    assert len(held) == 10  # 2 unions and their 8 units
    assert got.reports_below == (8, 8)
    province.close()
