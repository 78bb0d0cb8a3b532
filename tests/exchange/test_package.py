"""The .lcdx format: round trip, determinism, signatures, embedded children."""

from __future__ import annotations

import json

import pytest

from lai_chau_desk.exchange import Limits, PackageError, read_package, write_package
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.schema import SCHEMAS, schema
from lai_chau_desk.exchange.signing import fingerprint
from tests.exchange.lcdx_helpers import CREATED, key, members, report_bytes


def test_round_trip_reads_back_every_field() -> None:
    data = report_bytes("CDCS-A", sessions=7)
    pkg = read_package(data)
    assert pkg.kind == "report" and pkg.unit_code == "CDCS-A" and pkg.parent_code == "CDVC-LC"
    assert pkg.period_code == "2026S2" and pkg.revision == 1
    assert pkg.counts()["sessions"] == 7 == len(pkg.payload["sessions"])
    assert pkg.created_at == CREATED
    assert len(pkg.fingerprint.split()) == 8


def test_same_records_give_the_same_bytes() -> None:
    assert report_bytes("CDCS-A", seed=4) == report_bytes("CDCS-A", seed=4)
    a, b = members(report_bytes("CDCS-A", seed=4)), members(report_bytes("CDCS-A", seed=5))
    assert a["payload.json"] != b["payload.json"]


def test_payload_is_canonical_json() -> None:
    raw = members(report_bytes())["payload.json"]
    assert canonical_json(json.loads(raw)) == raw


def test_zip_members_have_fixed_timestamps_and_order() -> None:
    import io
    import zipfile

    zf = zipfile.ZipFile(io.BytesIO(report_bytes()))
    assert [i.filename for i in zf.infolist()] == ["manifest.json", "manifest.sig", "payload.json"]
    assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}


def test_pdf_is_optional_and_hashed() -> None:
    pkg = read_package(report_bytes())
    k = key("pdf")
    data = write_package("report", pkg.manifest["unit"], pkg.manifest["period"], 1, pkg.payload,
                         k, CREATED, pdf=b"%PDF-1.7 test")
    again = read_package(data)
    assert again.pdf == b"%PDF-1.7 test"
    assert "report.pdf" in again.manifest["members"]
    assert pkg.pdf is None and "report.pdf" not in pkg.manifest["members"]


def _consolidated(children: dict[str, bytes], code: str = "CDVC-LC", parent: str = "LDLD-LC",
                  edit_subtree: int = 0) -> bytes:
    own = read_package(report_bytes(code, parent=parent, sessions=2, seed=9))
    kids = {c: read_package(b) for c, b in children.items()}
    subtree = own.counts()
    for kid in kids.values():
        sub = kid.payload["consolidation"]["subtree"] if kid.payload["consolidation"] else kid.counts()
        for k2, v in sub.items():
            subtree[k2] += v
    subtree["sessions"] += edit_subtree
    payload = dict(own.payload)
    payload["consolidation"] = {
        "units": [{"code": c, "name": p.unit_name, "parent_code": p.parent_code,
                   "revision": p.revision, "package_sha256": p.sha256, "timeliness": "on_time",
                   "counts": p.counts()} for c, p in sorted(kids.items())],
        "subtree": subtree, "expected": sorted(kids), "on_time": sorted(kids), "late": [],
        "missing": []}
    return write_package("report", own.manifest["unit"], own.manifest["period"], 1, payload,
                         key(code), CREATED, children=children)


def test_consolidated_package_embeds_children_unchanged_and_verifies_them() -> None:
    kids = {c: report_bytes(c, parent="CDVC-LC", seed=i) for i, c in enumerate(["CS-1", "CS-2"])}
    pkg = read_package(_consolidated(kids))
    assert {c: p.raw for c, p in pkg.children.items()} == kids
    assert [p.unit_code for p in pkg.walk()] == ["CDVC-LC", "CS-1", "CS-2"]


def test_three_levels_nest() -> None:
    leaf = report_bytes("CS-1", parent="MID-1")
    mid = _consolidated({"CS-1": leaf}, code="MID-1", parent="TOP")
    top = _consolidated({"MID-1": mid}, code="TOP", parent="TLD")
    pkg = read_package(top)
    assert [p.unit_code for p in pkg.walk()] == ["TOP", "MID-1", "CS-1"]
    with pytest.raises(PackageError) as e:
        read_package(top, Limits(child_depth=1))
    assert "lồng nhau quá" in str(e.value)


def test_child_of_another_parent_is_refused() -> None:
    with pytest.raises(PackageError) as e:
        _consolidated({"CS-9": report_bytes("CS-9", parent="OTHER")})
        read_package(_consolidated({"CS-9": report_bytes("CS-9", parent="OTHER")}))
    assert "không thuộc" in str(e.value)


def test_subtree_that_does_not_add_up_is_refused() -> None:
    data = _consolidated({"CS-1": report_bytes("CS-1")}, edit_subtree=1)
    with pytest.raises(PackageError) as e:
        read_package(data)
    assert "không bằng tổng" in str(e.value)


def test_figures_must_match_the_records() -> None:
    from tests.exchange.lcdx_helpers import resign

    data = report_bytes()
    payload = json.loads(members(data)["payload.json"])
    payload["figures"]["participants"] += 1
    with pytest.raises(PackageError) as e:
        read_package(resign(data, key("unit"), payload=canonical_json(payload)))
    assert "không khớp với các bản ghi" in str(e.value)


def test_schemas_are_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    for name in SCHEMAS:
        Draft202012Validator.check_schema(schema(name))


def test_fingerprint_is_stable() -> None:
    assert fingerprint(key("a").public) == fingerprint(key("a").public)
    assert fingerprint(key("a").public) != fingerprint(key("b").public)
