"""Registering, closing and starting from a catalogue, at the service level (issue 10)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.errors import ConflictError, DomainError, NotFoundError, ValidationError
from lai_chau_desk.services.suite import ServiceSuite
from tests.conftest import TODAY


def _province(tmp_path: Path) -> ServiceSuite:
    prov = open_database(tmp_path / "prov.db", today=lambda: TODAY)
    prov.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    return prov


def test_register_refuses_bad_codes_duplicates_and_parents_outside(tmp_path: Path) -> None:
    prov = _province(tmp_path)
    u = prov.units.register_unit(
        " cdx-binhlu ", "Công đoàn xã Bình Lư", "ldld-lc", level="Công đoàn xã"
    )
    assert (u.code, u.parent_code) == ("CDX-BINHLU", "LDLD-LC")
    with pytest.raises(ValidationError) as e:
        prov.units.register_unit("CDX-binhlu", "Khác", "LDLD-LC")
    assert "đã có trong danh mục" in e.value.for_field("code")[0]
    for bad in ("CD X", "CĐX-1", "CDX_1", "", "-X"):
        with pytest.raises(ValidationError) as e:
            prov.units.register_unit(bad, "Tên", "LDLD-LC")
        assert e.value.for_field("code"), bad
    with pytest.raises(ValidationError) as e:
        prov.units.register_unit("CDX-2", "Tên", "LDLD-SIN-HO")  # closed on 30/06/2025
    assert "thôi hoạt động" in e.value.for_field("parent_code")[0]
    with pytest.raises(ValidationError) as e:
        prov.units.register_unit("CDX-3", "Tên", "KHONG-CO")
    assert e.value.for_field("parent_code")
    commune = open_database(tmp_path / "c.db", today=lambda: TODAY)
    commune.units.init_own_unit("CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC")
    with pytest.raises(ValidationError) as e:  # a commune registers only below itself
        commune.units.register_unit("CDCS-X", "Tên", "CDVC-LC")
    assert "không thuộc đơn vị này" in e.value.for_field("parent_code")[0]
    assert [x.code for x in prov.units.parent_choices()] == [
        x.code for x in prov.units.directory() if x.valid_to is None or x.valid_to >= TODAY
    ]
    for s in (prov, commune):
        s.close()


def test_close_rules(tmp_path: Path) -> None:
    prov = _province(tmp_path)
    prov.units.register_unit("CDX-A", "Công đoàn xã A", "LDLD-LC")
    prov.units.register_unit("CDCS-A1", "Công đoàn cơ sở A1", "CDX-A")
    with pytest.raises(ValidationError) as e:
        prov.units.close_unit("cdx-a", date(2026, 12, 31))
    assert "CDCS-A1" in e.value.for_field("valid_to")[0]
    with pytest.raises(ValidationError):
        prov.units.close_unit("LDLD-LC", date(2026, 12, 31))
    with pytest.raises(NotFoundError):
        prov.units.close_unit("KHONG-CO", date(2026, 12, 31))
    assert prov.units.close_unit("CDCS-A1", date(2026, 11, 30)).valid_to == date(2026, 11, 30)
    assert prov.units.close_unit("CDX-A", date(2026, 12, 31)).valid_to == date(2026, 12, 31)
    assert "CDX-A" in {u.code for u in prov.units.parent_choices()}  # open until year end
    assert "CDCS-A1" not in {u.code for u in prov.units.parent_choices(date(2026, 12, 1))}
    prov.close()


def test_init_with_an_unknown_parent_says_what_to_type(suite: ServiceSuite) -> None:
    with pytest.raises(DomainError) as e:
        suite.units.init_own_unit("CDCS-X", "Công đoàn cơ sở X", "T.PROV")
    text = str(e.value)
    assert '--parent-name "' in text and "export-catalogue" in text and "--catalogue" in text
    assert suite.units.own_unit_code() is None and suite.units.find("T.PROV") is None
    unit = suite.units.init_own_unit(
        "cdcs-x", "Công đoàn cơ sở X", "t.prov", parent_name="Công đoàn xã Thử"
    )
    assert (unit.code, unit.parent_code) == ("CDCS-X", "T.PROV")
    assert suite.units.get("T.PROV").name == "Công đoàn xã Thử"


def test_catalogue_start_refuses_unregistered_codes_and_changed_keys(
    suite: ServiceSuite, tmp_path: Path
) -> None:
    prov = _province(tmp_path)
    prov.units.register_unit("CDX-A", "Công đoàn xã A", "LDLD-LC")
    prov.units.register_unit("CDX-CU", "Công đoàn xã Cũ", "LDLD-LC")
    prov.units.close_unit("CDX-CU", date(2026, 1, 31))
    data = prov.catalogue_export.export_catalogue().data
    pv = suite.units.preview_catalogue(data)
    assert (pv.issuer_code, pv.fingerprint) == ("LDLD-LC", prov.keys.fingerprint())
    assert pv.codes == ["CDVC-LC", "CDX-A"]  # closed units are not offered
    with pytest.raises(NotFoundError) as e:
        suite.units.init_from_catalogue(data, "CDX-CU")
    assert "CDVC-LC" in str(e.value) and "CDX-A" in str(e.value)
    assert suite.units.own_unit_code() is None
    start = suite.units.init_from_catalogue(data, "cdx-a")
    assert start.unit.code == "CDX-A" and start.pinned
    assert suite.units.parent_fingerprint() == prov.keys.fingerprint()
    assert suite.units.init_from_catalogue(data, "CDX-A").pinned is False  # same key: kept
    other = open_database(tmp_path / "other.db", today=lambda: TODAY)
    other.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    other.units.register_unit("CDX-A", "Công đoàn xã A", "LDLD-LC")
    with pytest.raises(ConflictError) as e:  # another key claiming to be the province
        suite.units.init_from_catalogue(other.catalogue_export.export_catalogue().data, "CDX-A")
    assert "khóa ký khác" in str(e.value)
    suite.demo.fill(seed=1)
    report = suite.export.export_report("2026S2").data
    with pytest.raises(ConflictError) as e:  # a report is not a catalogue
        suite.units.preview_catalogue(report)
    assert "không phải gói danh mục" in str(e.value)
    assert "(gói của đơn vị «" in str(e.value) and "(loại gói" not in str(e.value)
    assert "«Xuất danh mục cho đơn vị trực thuộc…»" in str(e.value)  # where the parent finds it
    for s in (prov, other):
        s.close()


def test_catalogue_carries_newly_registered_units(tmp_path: Path) -> None:
    from lai_chau_desk.exchange.package import read_package

    prov = _province(tmp_path)
    prov.units.register_unit("CDX-NEW", "Công đoàn xã Mới", "LDLD-LC", level="Công đoàn xã")
    pkg = read_package(prov.catalogue_export.export_catalogue().data)
    units = {u["code"]: u for u in pkg.payload["units"]}
    assert units["CDX-NEW"]["parent_code"] == "LDLD-LC"
    assert units["CDX-NEW"]["level"] == "Công đoàn xã"
    prov.close()
