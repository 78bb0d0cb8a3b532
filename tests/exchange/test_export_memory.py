"""The consolidation table deflated as it is written (``consolidation_member``): the same
member, the same package bytes, as the table joined whole."""

from __future__ import annotations

import pytest

from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.package import (
    build_package,
    consolidation_bytes,
    consolidation_member,
    read_package,
    sha256,
)
from lai_chau_desk.exchange.strict import clean_value
from lai_chau_desk.exchange.ziplayout import encode
from tests.exchange.lcdx_helpers import CREATED, consolidated_bytes, key, report_bytes

REST = {
    "expected": ["A", "B"],
    "late": [],
    "missing": ["B"],
    "on_time": ["A"],
    "subtree": {"sessions": 3, "participants": 40},
}


@pytest.mark.parametrize("rows", [0, 1, 3, 2000])
def test_streamed_table_is_the_joined_table_deflated(rows: int) -> None:
    entries = [
        canonical_json(clean_value({"code": f"A.{i}", "name": f"Công đoàn số {i}", "n": i}))
        for i in range(rows)
    ]
    for rest in (REST, {}):
        plain = consolidation_bytes(rest, entries)
        member = consolidation_member(rest, list(entries))
        assert member.sha256 == sha256(plain)
        assert member.encoded.size == len(plain)
        whole = encode("consolidation.json", plain)
        assert (bytes(member.encoded.data), member.encoded.crc) == (bytes(whole.data), whole.crc)
    with pytest.raises(ValueError):
        consolidation_member({"zzz": 1}, [])


def test_package_with_a_streamed_table_is_byte_identical() -> None:
    child = read_package(report_bytes("XA-1.A", parent="XA-1", sessions=3, seed=4))
    table = read_package(
        consolidated_bytes("XA-1", "LDLD-LC", [report_bytes("XA-1.A", parent="XA-1")])
    )
    assert table.consolidation is not None
    rest = {k: v for k, v in table.consolidation.items() if k != "units"}
    entries = [canonical_json(clean_value(e)) for e in table.consolidation["units"]]
    units = {
        "XA-1.A": {
            "manifest.json": child.manifest_bytes,
            "manifest.sig": child.signature,
            "payload.json": child.payload_bytes,
        }
    }

    def build(consolidation: object) -> bytes:
        return build_package(
            "report",
            table.manifest["unit"],
            table.manifest["period"],
            1,
            table.payload,
            key("XA-1"),
            CREATED,
            figures=table.figures,
            consolidation=consolidation,  # type: ignore[arg-type]
            units=units,
            package_id="00000000-0000-4000-8000-000000000001",
        ).data

    joined = build(consolidation_bytes(rest, entries))
    assert build(consolidation_member(rest, entries)) == joined
    assert build({**rest, "units": table.consolidation["units"]}) == joined
