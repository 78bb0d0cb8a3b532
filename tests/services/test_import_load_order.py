"""The import reads each file and checks its archive first (``_load``: the file, then
``open_archive``), then hands that archive to ``read_package``: the outcomes, their order and
every refusal are those of verifying each file alone, and a cancel changes nothing."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.services.base import Cancelled
from lai_chau_desk.services.exchange_import import verify_file
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import key, members, python_zip, report_bytes, snapshot

TODAY = date(2026, 11, 28)


@pytest.fixture
def upper(tmp_path: Path) -> ServiceSuite:
    s = open_database(tmp_path / "upper.db", today=lambda: TODAY)
    s.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    yield s
    s.close()


def test_a_mixed_batch_gives_each_file_its_own_outcome_in_order(
    upper: ServiceSuite, tmp_path: Path
) -> None:
    good = report_bytes("CS-A", signer=key("CS-A"))
    files = {
        "1-good.lcdx": good,
        "2-truncated.lcdx": good[: len(good) // 2],
        "3-not-canonical.lcdx": python_zip(
            list(members(report_bytes("CS-B", signer=key("CS-B"))).items()), zipfile.ZIP_DEFLATED
        ),
        "4-missing.lcdx": None,
        "5-not-zip.lcdx": b"not a zip at all",
        "6-good.lcdx": report_bytes("CS-C", signer=key("CS-C")),
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        paths.append(path)
    out = upper.imports.import_files(paths)
    assert [o.file for o in out] == [str(p) for p in paths]
    assert [o.outcome for o in out] == ["new", "refused", "refused", "refused", "refused", "new"]
    for o, path in zip(out, paths, strict=True):
        alone = verify_file(path)  # the same reader, one file, no thread
        if o.outcome == "refused":
            assert o.code == alone.code and o.reason == alone.reason, path.name
    assert out[3].code == "unreadable"
    assert [out[i].code for i in (1, 2, 4)] == ["zip-damaged", "member-method", "not-zip"]
    assert upper.status.subtree_totals("2026S2").units_reported == 2


def test_cancel_mid_batch_changes_nothing(upper: ServiceSuite, tmp_path: Path) -> None:
    paths = []
    for i in range(4):
        path = tmp_path / f"{i}.lcdx"
        path.write_bytes(report_bytes(f"CS-{i}", signer=key(str(i))))
        paths.append(path)
    before = snapshot(upper.db.path)
    calls = iter([False, False, True, True])
    with pytest.raises(Cancelled):
        upper.imports.import_files(paths, cancel=lambda: next(calls))
    assert snapshot(upper.db.path) == before
