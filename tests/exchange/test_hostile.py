"""Every hostile package of issue 4 is refused with a clear Vietnamese message (updated for
format 2, issue 9: deflated .json members, ``units/<CODE>/`` instead of ``children/``)."""

from __future__ import annotations

import json
import zipfile

import pytest

from lai_chau_desk.exchange import Limits, PackageError, read_package
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.ziplayout import build_zip
from tests.exchange.lcdx_helpers import (
    forge,
    key,
    manifest_of,
    members,
    python_zip,
    report_bytes,
    resign,
)

VALID = report_bytes("CDCS-A")


def refused(data: bytes, limits: Limits | None = None) -> PackageError:
    with pytest.raises(PackageError) as e:
        read_package(data, limits or Limits())
    return e.value


def test_not_a_zip() -> None:
    e = refused(b"%PDF-1.4 this is not a package")
    assert e.code == "not-zip" and "không phải tệp ZIP" in e.message


def test_empty_file() -> None:
    assert refused(b"").code == "not-zip"


@pytest.mark.parametrize("cut", [10, 200, len(VALID) // 2, len(VALID) - 5])
def test_truncated_zip(cut: int) -> None:
    e = refused(VALID[:cut])
    assert e.code in ("zip-damaged", "zip-not-canonical")
    assert "hỏng" in e.message or "không đúng chuẩn" in e.message


@pytest.mark.parametrize(
    "name,word",
    [
        ("../payload.json", "ra ngoài"),
        ("units/../../etc/manifest.json", "ra ngoài"),
        ("/etc/passwd", "tuyệt đối"),
        ("C:/Windows/x.lcdx", "tuyệt đối"),
        ("units\\CS-1\\manifest.json", "gạch chéo ngược"),
        ("..\\..\\evil", "gạch chéo ngược"),
    ],
)
def test_member_names_that_escape(name: str, word: str) -> None:
    data = python_zip([("manifest.json", b"{}"), (name, b"x")])
    e = refused(data)
    assert e.code == "member-name" and word in e.message


@pytest.mark.parametrize(
    "name",
    [
        "evil.exe",
        "payload.json.bak",
        "units/A B/manifest.json",
        "units/cs-1/manifest.json",
        "units/CS-1/report.pdf",
        "children/CS-1.lcdx",
        "units/CS-1/x/manifest.json",
        "META-INF/x",
    ],
)
def test_unexpected_members(name: str) -> None:
    e = refused(python_zip([("manifest.json", b"{}"), (name, b"x")]))
    assert e.code == "member-unexpected" and "không được phép" in e.message


def test_unexpected_member_even_when_signed() -> None:
    ms = members(VALID)
    ms["notes.txt"] = b"hi"
    e = refused(build_zip(ms))
    assert e.code == "member-unexpected"


def test_zip_bomb_by_ratio() -> None:
    bomb = python_zip(
        [("manifest.json", b"{}"), ("payload.json", b"\0" * 5_000_000)], method=zipfile.ZIP_DEFLATED
    )
    e = refused(bomb)
    assert e.code == "zip-bomb" and "bom nén" in e.message


def test_zip_bomb_by_total_size() -> None:
    e = refused(VALID, Limits(max_total_bytes=1000))
    assert e.code == "zip-bomb" and "Tổng dung lượng" in e.message


def test_member_in_the_wrong_method_refused() -> None:
    """Format 2: the consolidation table and carried manifests are deflated, every other
    member stored; anything else is refused, and the refusal says which way each goes."""
    stored = python_zip([("manifest.json", b"{}" * 10)], method=zipfile.ZIP_STORED)
    assert refused(stored).code != "member-method"  # the package's own manifest: stored
    e = refused(python_zip([("manifest.json", b"{}" * 10)], method=zipfile.ZIP_DEFLATED))
    assert e.code == "member-method" and "«manifest.json»" in e.message
    assert "chỉ nén (deflate) consolidation.json và các manifest.json trong units/" in e.message
    entries = [("manifest.json", b"{}" * 10), ("payload.json", b"{}" * 10)]
    assert refused(python_zip(entries, method=zipfile.ZIP_STORED)).code != "member-method"
    for wrong in ("consolidation.json", "units/CS-A/manifest.json"):
        e = refused(python_zip([*entries, (wrong, b"{}" * 10)], method=zipfile.ZIP_STORED))
        assert e.code == "member-method" and f"«{wrong}»" in e.message
    data = python_zip(
        [("manifest.json", b"{}" * 10), ("report.pdf", b"%PDF" * 10)], method=zipfile.ZIP_DEFLATED
    )
    assert refused(data).code == "member-method"
    data = python_zip([("manifest.json", b"{}" * 10)], method=zipfile.ZIP_BZIP2)
    assert refused(data).code == "member-method"


def test_deflated_with_other_settings_refused() -> None:
    """The same members deflated at another level are a different byte layout: refused."""
    import zlib

    from lai_chau_desk.exchange import ziplayout
    from tests.exchange.lcdx_helpers import consolidated_bytes

    # a consolidated package: its table and carried manifests are the deflated members
    ms = members(consolidated_bytes("XA-1", "LDLD-LC", [report_bytes("XA-1.A", parent="XA-1")]))
    original = ziplayout.deflate
    ziplayout.deflate = lambda d: zlib.compress(bytes(d), 1)[2:-4]  # type: ignore[assignment]
    try:
        other = build_zip(ms)
    finally:
        ziplayout.deflate = original
    assert other != build_zip(ms)
    assert refused(other).code == "zip-not-canonical"


def test_member_over_its_size_limit() -> None:
    ms = members(VALID)
    ms["manifest.sig"] = ms["manifest.sig"] * 2
    e = refused(build_zip(ms))
    assert e.code == "member-too-large" and "manifest.sig" in e.message
    e = refused(VALID, Limits(payload_bytes=100))
    assert e.code == "member-too-large" and "payload.json" in e.message


def test_package_over_size_limit() -> None:
    assert refused(VALID, Limits(max_package_bytes=100)).code == "package-too-large"


def test_json_nested_too_deep() -> None:
    deep = b"[" * 5000 + b"]" * 5000
    lax = Limits(max_ratio=10_000)  # so deep nesting, not its compression ratio, is refused
    e = refused(resign(VALID, key("unit"), payload=deep), lax)
    assert e.code == "json-too-deep" and "lồng nhau quá sâu" in e.message
    e = refused(resign(VALID, key("unit"), payload=b'{"a":' * 40 + b"1" + b"}" * 40), lax)
    assert e.code == "json-too-deep"


def test_json_not_json() -> None:
    e = refused(resign(VALID, key("unit"), payload=b"{not json"))
    assert e.code == "json-invalid" and "không phải JSON" in e.message
    e = refused(resign(VALID, key("unit"), payload=b'{"a": NaN}'))
    assert e.code == "json-invalid"


def _payload_edit(fn) -> bytes:  # noqa: ANN001
    payload = json.loads(members(VALID)["payload.json"])
    fn(payload)
    return resign(VALID, key("unit"), payload=canonical_json(payload))


def test_wrong_json_types() -> None:
    e = refused(_payload_edit(lambda p: p["sessions"][0].update(participants="12")))
    assert (
        e.code == "schema"
        and "sai kiểu dữ liệu" in e.message
        and "sessions/0/participants" in e.message
    )
    e = refused(_payload_edit(lambda p: p["figures"].update(sessions=True)))
    assert e.code == "schema"
    e = refused(resign(VALID, key("unit"), edit=lambda m: m.update(revision="1")))
    assert e.code == "schema" and "revision" in e.message


def test_missing_fields() -> None:
    e = refused(_payload_edit(lambda p: p["sessions"][0].pop("form")))
    assert e.code == "schema" and "thiếu trường «form»" in e.message
    e = refused(resign(VALID, key("unit"), edit=lambda m: m.pop("created_at")))
    assert "thiếu trường «created_at»" in e.message


def test_missing_payload() -> None:
    ms = members(VALID)
    del ms["payload.json"]
    assert refused(build_zip(ms)).code == "member-missing"


def test_unknown_format_version() -> None:
    e = refused(resign(VALID, key("unit"), edit=lambda m: m.update(format_version=3)))
    assert e.code == "format-version" and "chưa được hỗ trợ" in e.message


def test_format_1_file_refused_as_made_by_an_older_version() -> None:
    """A file of format 1 (members stored, format_version 1) says so plainly."""
    ms = members(VALID)
    manifest = manifest_of(VALID)
    manifest["format_version"] = 1
    del manifest["figures"]
    mb = canonical_json(manifest)
    data = python_zip(
        [("manifest.json", mb), ("manifest.sig", b"s" * 64), ("payload.json", ms["payload.json"])]
    )
    e = refused(data)
    assert e.code == "format-old"
    assert "phiên bản cũ của Lai Châu Desk (định dạng phiên bản 1)" in e.message
    e = refused(resign(VALID, key("unit"), edit=lambda m: m.update(format_version=1)))
    assert e.code == "format-old"


def test_hash_mismatch() -> None:
    ms = members(VALID)
    payload = json.loads(ms["payload.json"])
    payload["narrative"]["ket-qua"] = "Sửa đổi"
    ms["payload.json"] = canonical_json(payload)
    e = refused(build_zip(ms))  # manifest and signature untouched
    assert e.code == "hash-mismatch" and "SHA-256" in e.message


def test_missing_signature() -> None:
    ms = members(VALID)
    del ms["manifest.sig"]
    e = refused(build_zip(ms))
    assert e.code == "signature-missing" and "thiếu chữ ký" in e.message


def test_bad_signature() -> None:
    ms = members(VALID)
    ms["manifest.sig"] = bytes(64)
    e = refused(build_zip(ms))
    assert e.code == "signature-bad" and "Chữ ký số" in e.message


def test_edited_manifest() -> None:
    ms = members(VALID)
    manifest = manifest_of(VALID)
    manifest["revision"] = 7
    ms["manifest.json"] = canonical_json(manifest)
    e = refused(build_zip(ms))
    assert e.code == "signature-bad"


def test_signed_by_another_key_claiming_the_public_key() -> None:
    forged = forge(
        members(VALID),
        manifest_of(VALID),
        key("thief"),
        edit=lambda m: m["signer"].update(manifest_of(VALID)["signer"]),
    )
    assert refused(forged).code == "signature-bad"


def test_payload_of_another_unit() -> None:
    e = refused(resign(VALID, key("unit"), edit=lambda m: m["unit"].update(code="CDCS-B")))
    assert e.code == "payload-inconsistent" and "khác với đơn vị" in e.message


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_duplicate_members() -> None:
    data = python_zip([("manifest.json", b"{}"), ("manifest.json", b"{}")])
    assert refused(data).code == "member-duplicate"


def test_impossible_dates_refused() -> None:
    e = refused(_payload_edit(lambda p: p["sessions"][0].update(held_on="2026-02-31")))
    assert e.code == "date-invalid" and "2026-02-31" in e.message
    e = refused(_payload_edit(lambda p: p["period"].update(due="2026-13-01")))
    assert "không có thật" in e.message


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01T00:30:00+07:00",
        "9999-12-31T23:00:00-07:00",
        "1999-12-31T10:00:00+07:00",
        "2026-11-20T09:00:00",
    ],
)
def test_signed_package_with_an_impossible_creation_time(when: str) -> None:
    """Correctly signed, but made 'in year 1' (which overflowed when converted to UTC and
    aborted a whole import batch), before 2000, or without a UTC offset: refused."""
    data = resign(VALID, key("unit"), edit=lambda m: m.update(created_at=when))
    e = refused(data)
    assert e.code in ("date-out-of-range", "date-invalid", "schema")
    assert when[:10] in e.message or "manifest.json" in e.message
