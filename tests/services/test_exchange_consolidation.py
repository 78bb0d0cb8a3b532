"""Three levels (1 province, 5 intermediate unions, 200 grassroots units): every figure of
the leaves arrives at the province exactly once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.figures import COUNT_KEYS
from lai_chau_desk.exchange.package import read_package
from tests.conftest import run_cli

TODAY = date(2026, 11, 28)
PERIOD = "2026S2"


def test_three_level_consolidation_conserves_every_figure(tmp_path: Path) -> None:
    leaves: dict[str, dict[str, int]] = {}
    to_province = []
    for i in range(1, 6):
        mid = open_database(tmp_path / f"mid{i}.db", today=lambda: TODAY)
        code = f"CDN-{i}"
        mid.units.init_own_unit(code, f"Công đoàn ngành số {i}", "LDLD-LC")
        sim = mid.simulation.simulate(tmp_path / f"leaves{i}", 40, PERIOD, seed=i, sessions=(8, 16))
        for f in sim.files:
            pkg = read_package(f.read_bytes())
            leaves[pkg.unit_code] = pkg.counts()
        outcomes = mid.imports.import_files(sim.files)
        assert {o.outcome for o in outcomes} == {"new"}
        for unit in sim.units:
            mid.receipts.review(unit, PERIOD, "accepted")
        out = tmp_path / f"{code}.lcdx"
        r = mid.export.export_report(PERIOD, out=out)
        assert len(r.children) == 40
        to_province.append(out)
        mid.close()
    assert len(leaves) == 200

    province = open_database(tmp_path / "province.db", today=lambda: TODAY)
    province.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    assert [o.outcome for o in province.imports.import_files(to_province)] == ["new"] * 5
    expected = {k: sum(c[k] for c in leaves.values()) for k in COUNT_KEYS}
    totals = province.status.subtree_totals(PERIOD)
    assert totals.subtree == expected
    assert totals.units_reported == 205
    status = province.status.completeness(PERIOD)
    assert status.on_time == [f"CDN-{i}" for i in range(1, 6)]
    # the province's package carries the 205 signed manifests and verifies all 206 signatures
    for i in range(1, 6):
        province.receipts.review(f"CDN-{i}", PERIOD, "accepted")
    top = read_package(province.export.export_report(PERIOD).data)
    assert len(top.units) == 205
    assert sum(e.payload is not None for e in top.units.values()) == 5
    assert top.consolidation is not None
    assert {k: top.consolidation["subtree"][k] for k in COUNT_KEYS} == expected
    province.close()

    doc = json.loads(
        run_cli(
            "totals", "--period", PERIOD, "--json", db=tmp_path / "province.db", check=True
        ).stdout
    )
    assert {k: doc["subtree"][k] for k in COUNT_KEYS} == expected
    assert doc["units_reported"] == 205
