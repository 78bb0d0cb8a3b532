"""The .lcdx format: round trip, determinism, signatures, embedded children."""

from __future__ import annotations

import json

import pytest

from lai_chau_desk.domain.figures import MANIFEST_FIGURES
from lai_chau_desk.exchange import Limits, PackageError, read_package, write_package
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.package import sha256
from lai_chau_desk.exchange.schema import SCHEMAS, schema
from lai_chau_desk.exchange.signing import b64, fingerprint
from tests.exchange.lcdx_helpers import CREATED, consolidated_bytes, key, members, report_bytes


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


def test_zip_members_have_fixed_timestamps_order_and_methods() -> None:
    import io
    import zipfile

    zf = zipfile.ZipFile(io.BytesIO(report_bytes(with_pdf=True)))
    assert [i.filename for i in zf.infolist()] == [
        "manifest.json",
        "manifest.sig",
        "payload.json",
        "report.pdf",
    ]
    assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # a grassroots package has no deflated member: own manifest and payload stored (§2)
    assert [i.compress_type for i in zf.infolist()] == [zipfile.ZIP_STORED] * 4


def test_manifest_signs_the_figures_computed_from_the_payload() -> None:
    pkg = read_package(report_bytes(sessions=7))
    assert pkg.figures["sessions"] == 7 and pkg.figures["materials"] == sum(
        s["materials"] for s in pkg.payload["sessions"]
    )
    assert set(pkg.figures) == set(MANIFEST_FIGURES)


def test_pdf_is_optional_and_hashed() -> None:
    pkg = read_package(report_bytes())
    k = key("pdf")
    data = write_package(
        "report",
        pkg.manifest["unit"],
        pkg.manifest["period"],
        1,
        pkg.payload,
        k,
        CREATED,
        pdf=b"%PDF-1.7 test",
        figures=pkg.figures,
    )
    again = read_package(data)
    assert again.pdf == b"%PDF-1.7 test"
    assert "report.pdf" in again.manifest["members"]
    assert pkg.pdf is None and "report.pdf" not in pkg.manifest["members"]


def test_consolidated_package_carries_manifests_and_direct_payloads() -> None:
    kids = [
        report_bytes(c, parent="CDVC-LC", seed=i, with_pdf=True)
        for i, c in enumerate(["CS-1", "CS-2"])
    ]
    data = consolidated_bytes("CDVC-LC", "LDLD-LC", kids)
    pkg = read_package(data)
    assert sorted(pkg.units) == ["CS-1", "CS-2"]
    for raw in kids:
        kid = read_package(raw)
        e = pkg.units[kid.unit_code]
        assert e.manifest_bytes == kid.manifest_bytes and e.signature == kid.signature
        assert e.payload_bytes == kid.payload_bytes and e.fingerprint == kid.fingerprint
    assert "report.pdf" not in str(members(data).keys())  # no child's PDF travels
    import io
    import zipfile

    methods = {i.filename: i.compress_type for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    deflated = {n for n, m in methods.items() if m == zipfile.ZIP_DEFLATED}
    assert deflated == {
        "consolidation.json",
        "units/CS-1/manifest.json",
        "units/CS-2/manifest.json",
    }
    assert set(methods.values()) == {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def test_three_levels_nest_and_every_signature_stays_verifiable() -> None:
    leaf = report_bytes("CS-1", parent="MID-1")
    mid = consolidated_bytes("MID-1", "TOP", [leaf])
    top = consolidated_bytes("TOP", "TLD", [mid])
    pkg = read_package(top)
    assert sorted(pkg.units) == ["CS-1", "MID-1"]
    assert pkg.units["MID-1"].payload is not None and pkg.units["CS-1"].payload is None
    assert pkg.units["CS-1"].manifest_bytes == read_package(leaf).manifest_bytes
    assert pkg.subtree_counts()["sessions"] == sum(
        read_package(x).figures["sessions"] for x in (leaf, mid, top)
    )
    with pytest.raises(PackageError) as e:
        read_package(top, Limits(unit_depth=1))
    assert e.value.code == "units-too-deep"


def _refused(data: bytes, word: str) -> PackageError:
    with pytest.raises(PackageError) as e:
        read_package(data)
    assert word in e.value.message, e.value.message
    return e.value


def test_child_of_another_parent_is_refused() -> None:
    _refused(
        consolidated_bytes("CDVC-LC", "LDLD-LC", [report_bytes("CS-9", parent="OTHER")]),
        "không thuộc cây",
    )


def test_subtree_that_does_not_add_up_is_refused() -> None:
    _refused(
        consolidated_bytes(
            "CDVC-LC",
            "LDLD-LC",
            [report_bytes("CS-1")],
            edit=lambda t, u: t["subtree"].update(sessions=1000),
        ),
        "không bằng tổng",
    )


def test_table_that_names_another_key_is_refused() -> None:
    other = key("other")
    _refused(
        consolidated_bytes(
            "CDVC-LC",
            "LDLD-LC",
            [report_bytes("CS-1")],
            edit=lambda t, u: t["units"][0].update(public_key=b64(other.public)),
        ),
        "khóa khác",
    )


def test_table_figures_that_differ_from_the_signed_manifest_are_refused() -> None:
    _refused(
        consolidated_bytes(
            "CDVC-LC",
            "LDLD-LC",
            [report_bytes("CS-1")],
            edit=lambda t, u: t["units"][0]["figures"].update(sessions=99),
        ),
        "số liệu khác",
    )


def test_carried_manifest_that_was_edited_is_refused() -> None:
    def edit(t, u):  # noqa: ANN001
        m = json.loads(u["CS-1"]["manifest.json"])
        m["figures"]["participants"] += 1
        u["CS-1"]["manifest.json"] = canonical_json(m)
        t["units"][0]["manifest_sha256"] = sha256(u["CS-1"]["manifest.json"])
        t["units"][0]["figures"] = m["figures"]
        t["subtree"]["participants"] += 1

    e = _refused(
        consolidated_bytes("CDVC-LC", "LDLD-LC", [report_bytes("CS-1")], edit=edit), "Chữ ký số"
    )
    assert e.code == "signature-bad"


def test_direct_child_without_payload_and_deep_unit_with_one_are_refused() -> None:
    _refused(
        consolidated_bytes(
            "CDVC-LC",
            "LDLD-LC",
            [report_bytes("CS-1")],
            edit=lambda t, u: u["CS-1"].pop("payload.json"),
        ),
        "thiếu nội dung",
    )
    leaf = report_bytes("CS-1", parent="MID-1")
    mid = consolidated_bytes("MID-1", "TOP", [leaf])

    def add(t, u):  # noqa: ANN001
        u["CS-1"]["payload.json"] = members(leaf)["payload.json"]

    _refused(consolidated_bytes("TOP", "TLD", [mid], edit=add), "chỉ đơn vị trực thuộc")


def test_unlisted_carried_unit_is_refused() -> None:
    extra = read_package(report_bytes("CS-2"))

    def add(t, u):  # noqa: ANN001
        u["CS-2"] = {"manifest.json": extra.manifest_bytes, "manifest.sig": extra.signature}

    _refused(
        consolidated_bytes("CDVC-LC", "LDLD-LC", [report_bytes("CS-1")], edit=add), "không khớp"
    )


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


def test_trusted_members_of_a_package_stored_under_an_earlier_rule_are_canonical_now() -> None:
    """A package verified by a build that deflated payload.json (the rule before the stored
    payload): what an export copies from it is re-encoded the current way, same plain bytes."""
    import zlib

    from lai_chau_desk.exchange.ziplayout import (
        Encoded,
        build_zip,
        deflate,
        inflate_trusted,
        method_of,
        trusted_members,
    )

    ms = members(report_bytes())
    raw = ms["payload.json"]
    old = dict(ms)
    old["payload.json"] = Encoded(deflate(raw), zlib.crc32(raw) & 0xFFFFFFFF, len(raw))
    data = build_zip(old)  # headers say stored, the bytes are deflated: patch the method
    at = data.index(b"payload.json") - 30
    data = data[: at + 8] + b"\x08\x00" + data[at + 10 :]
    cd = data.rindex(b"payload.json") - 46
    data = data[: cd + 10] + b"\x08\x00" + data[cd + 12 :]
    got = trusted_members(data, {"payload.json"})["payload.json"]
    assert method_of("payload.json") == 0 and bytes(got.data) == raw
    assert inflate_trusted("payload.json", got) == raw
    assert got.crc == zlib.crc32(raw) & 0xFFFFFFFF and got.size == len(raw)
    same = trusted_members(report_bytes(), {"payload.json"})["payload.json"]
    assert bytes(same.data) == raw  # a current package: sliced as it is
