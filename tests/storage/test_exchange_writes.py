"""An import batch's rows written through the driver (``insert_many``) are exactly the rows
SQLAlchemy's own ``insert`` writes: every column, every type (UUIDs, moments, booleans, bytes,
nulls) stored the same."""

from __future__ import annotations

import copy
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, insert

from lai_chau_desk.app import open_database
from lai_chau_desk.storage import exchange_writes
from tests.exchange.lcdx_helpers import key, report_bytes

TODAY = date(2026, 11, 28)
TABLES = ("unit", "pinned_key", "received_package", "received_figures")


def _dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


def test_rows_written_through_the_driver_equal_sqlalchemys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = open_database(tmp_path / "start.db", today=lambda: TODAY)
    start.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    start.close()
    shutil.copy(tmp_path / "start.db", tmp_path / "orm.db")
    files = []
    for i, code in enumerate(("CDCS-A", "CDCS-B", "CDCS-C")):
        path = tmp_path / f"{code}.lcdx"
        path.write_bytes(report_bytes(code, signer=key(code), seed=i, sessions=3 + i))
        files.append(path)

    written: list[tuple[Table, list[dict[str, Any]]]] = []
    real = exchange_writes.insert_many

    def recording(s: Any, table: Table, rows: list[dict[str, Any]]) -> None:
        written.append((table, copy.deepcopy(rows)))
        real(s, table, rows)

    monkeypatch.setattr(exchange_writes, "insert_many", recording)
    fast = open_database(tmp_path / "start.db", today=lambda: TODAY)
    assert [o.outcome for o in fast.imports.import_files(files)] == ["new"] * 3
    fast.close()
    assert {t.name for t, _rows in written} == set(TABLES)
    some = next(rows for t, rows in written if t.name == "received_package")[0]
    assert some["via_id"] is None and isinstance(some["data"], bytes)  # nulls and bytes met

    orm = open_database(tmp_path / "orm.db", today=lambda: TODAY)
    with orm.db.transaction() as s:
        for table, rows in written:
            s.execute(insert(table), rows)
    orm.close()
    got, want = _dump(tmp_path / "start.db"), _dump(tmp_path / "orm.db")
    assert all(got[t] for t in TABLES)
    assert got == want


def test_a_row_missing_a_column_is_not_written(tmp_path: Path) -> None:
    suite = open_database(tmp_path / "x.db", today=lambda: TODAY)
    from lai_chau_desk.storage.exchange_models import PinnedKeyRow

    with pytest.raises(KeyError), suite.db.transaction() as s:
        exchange_writes.insert_many(s, PinnedKeyRow.__table__, [{"unit_code": "CDCS-A"}])
    suite.close()
