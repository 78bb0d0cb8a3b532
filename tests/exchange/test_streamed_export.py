"""The pieces that keep an export small and an import fast: the consolidation table built
from rows serialised one at a time, and simulated packages made
like real exports (a report.pdf rendered by the app's renderer)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.package import consolidation_bytes, read_package

TODAY = date(2026, 11, 28)


def test_consolidation_bytes_are_the_canonical_table() -> None:
    rest = {
        "expected": ["A", "B"],
        "late": [],
        "missing": ["B"],
        "on_time": ["A"],
        "subtree": {"sessions": 3, "participants": 40},
    }
    rows = [
        {"code": "A", "name": "Công đoàn Ánh", "figures": {"b": 1, "a": 2.5}},
        {"code": "A.1", "name": "x\u0301", "figures": {}},  # cleaned to NFC by the writer
    ]
    from lai_chau_desk.exchange.strict import clean_value

    got = consolidation_bytes(rest, [canonical_json(clean_value(r)) for r in rows])
    assert got == canonical_json(clean_value({**rest, "units": rows}))
    assert consolidation_bytes({}, []) == canonical_json({"units": []})
    with pytest.raises(ValueError):
        consolidation_bytes({"zzz": 1}, [])  # would sort after "units"


def test_simulated_packages_carry_a_report_rendered_by_the_app(tmp_path: Path) -> None:
    import sqlite3

    def dump() -> list[str]:
        con = sqlite3.connect(tmp_path / "a.db")
        try:
            # the installation's own key may be made (on first use, as printing the report
            # does): nothing else is written
            return [line for line in con.iterdump() if 'INSERT INTO "key_pair"' not in line]
        finally:
            con.close()

    suite = open_database(tmp_path / "a.db", today=lambda: TODAY)
    suite.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    suite.close()
    before = dump()
    suite = open_database(tmp_path / "a.db", today=lambda: TODAY)
    sim = suite.simulation.simulate(tmp_path / "out", 2, "2026S2", seed=3, sessions=(5, 6))
    pkg = read_package(sim.files[0].read_bytes())
    assert pkg.pdf is not None and pkg.pdf.startswith(b"%PDF")
    assert b"ReportLab" in pkg.pdf and len(pkg.pdf) > 50_000  # fonts embedded, real size
    assert json.loads(pkg.manifest_bytes)["members"]["report.pdf"]["size"] == len(pkg.pdf)
    suite.close()
    assert dump() == before  # simulate writes nothing
