"""Importing report packages: outcomes, revisions, keys, scope, and refusals that change nothing."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.ziplayout import build_zip
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import (
    key,
    manifest_of,
    members,
    python_zip,
    report_bytes,
    resign,
    snapshot,
)

TODAY = date(2026, 11, 28)


@pytest.fixture
def upper(tmp_path: Path) -> ServiceSuite:
    """The civil servants' union (CDVC-LC) holding one report already."""
    s = open_database(tmp_path / "upper.db", today=lambda: TODAY)
    s.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    held = tmp_path / "held.lcdx"
    held.write_bytes(report_bytes("CDCS-HELD", signer=key("CDCS-HELD")))
    assert s.imports.import_files([held])[0].outcome == "new"
    yield s
    s.close()


def _file(tmp_path: Path, data: bytes, name: str = "p.lcdx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused_without_change(suite: ServiceSuite, path: Path, word: str) -> str:
    before = snapshot(suite.db.path)
    out = suite.imports.import_files([path])
    assert out[0].outcome == "refused", out[0]
    assert word in out[0].reason
    assert snapshot(suite.db.path) == before
    return out[0].reason


VALID = report_bytes("CDCS-A", signer=key("CDCS-A"))


def _payload_edit(fn) -> bytes:  # noqa: ANN001
    payload = json.loads(members(VALID)["payload.json"])
    fn(payload)
    return resign(VALID, key("CDCS-A"), payload=canonical_json(payload))


def _member_edit(fn) -> bytes:  # noqa: ANN001
    ms = members(VALID)
    fn(ms)
    return build_zip(ms)


def _cd_external_attrs() -> int:
    """Offset of the first central-directory entry's external attributes (ignored by zipfile)."""
    import struct

    cd_offset = struct.unpack("<I", VALID[-6:-2])[0]
    return cd_offset + 38


def _flip(index: int) -> bytes:
    data = bytearray(VALID)
    data[index] ^= 0x20
    return bytes(data)


HOSTILE = {
    "not a zip": (b"just text, not a package", "không phải tệp ZIP"),
    "truncated": (VALID[: len(VALID) // 2], "hỏng"),
    "dot-dot name": (python_zip([("manifest.json", b"{}"), ("../x.json", b"1")]), "ra ngoài"),
    "absolute name": (python_zip([("manifest.json", b"{}"), ("/tmp/x", b"1")]), "tuyệt đối"),
    "backslash name": (python_zip([("manifest.json", b"{}"), ("a\\b", b"1")]), "gạch chéo ngược"),
    "unexpected member": (
        _member_edit(lambda m: m.update({"run.sh": b"rm -rf /"})),
        "không được phép",
    ),
    "zip bomb": (
        python_zip(
            [("manifest.json", b"{}"), ("payload.json", b"\0" * 3_000_000)], zipfile.ZIP_DEFLATED
        ),
        "bom nén",
    ),
    "member too large": (_member_edit(lambda m: m.update({"manifest.sig": b"x" * 500})), "quá lớn"),
    "json too deep": (
        resign(
            VALID,
            key("CDCS-A"),
            payload=b"".join(  # not compressible
                b'["%s",' % f"{i * 2654435761 % 2**32:08x}".encode() for i in range(3000)
            )
            + b"1"
            + b"]" * 3000,
        ),
        "quá sâu",
    ),
    "wrong json type": (_payload_edit(lambda p: p["sessions"][0].update(female=-1.5)), "sai"),
    "missing field": (_payload_edit(lambda p: p.pop("figures")), "thiếu trường «figures»"),
    "format version": (
        resign(VALID, key("CDCS-A"), edit=lambda m: m.update(format_version=9)),
        "chưa được hỗ trợ",
    ),
    "hash mismatch": (
        _member_edit(lambda m: m.update({"payload.json": m["payload.json"][:-1] + b" "})),
        "SHA-256",
    ),
    "missing signature": (_member_edit(lambda m: m.pop("manifest.sig")), "thiếu chữ ký"),
    "bad signature": (_member_edit(lambda m: m.update({"manifest.sig": bytes(64)})), "Chữ ký số"),
    "flipped byte in payload": (_flip(len(VALID) // 2), "hỏng"),
    "flipped byte in central directory": (_flip(_cd_external_attrs()), "không đúng chuẩn"),
    "edited manifest": (
        _member_edit(
            lambda m: m.update(
                {"manifest.json": m["manifest.json"].replace(b'"revision":1', b'"revision":2')}
            )
        ),
        "Chữ ký số",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_package_refused_and_nothing_changes(
    upper: ServiceSuite, tmp_path: Path, case: str
) -> None:
    data, word = HOSTILE[case]
    _refused_without_change(upper, _file(tmp_path, data), word)


def test_unit_outside_the_tree_refused(upper: ServiceSuite, tmp_path: Path) -> None:
    data = report_bytes("CDCS-X", parent="LDLD-SIN-HO", signer=key("CDCS-X"))
    _refused_without_change(upper, _file(tmp_path, data), "không thuộc phạm vi")
    data = report_bytes("LDLD-TAM-DUONG", parent="LDLD-LC", signer=key("x"))
    _refused_without_change(upper, _file(tmp_path, data, "q.lcdx"), "không thuộc cây")


def test_own_report_refused(upper: ServiceSuite, tmp_path: Path) -> None:
    data = report_bytes("CDVC-LC", parent="LDLD-LC", signer=key("me"))
    _refused_without_change(upper, _file(tmp_path, data), "chính đơn vị này")


@pytest.mark.parametrize("period,word", [("2026S3", "không hợp lệ"), ("2027S2", "chưa bắt đầu")])
def test_unknown_period_refused(
    upper: ServiceSuite, tmp_path: Path, period: str, word: str
) -> None:
    data = resign(VALID, key("CDCS-A"), edit=lambda m: m["period"].update(code=period))
    payload = json.loads(members(data)["payload.json"])
    payload["period"]["code"] = payload["figures"]["period"] = period
    data = resign(data, key("CDCS-A"), payload=canonical_json(payload))
    _refused_without_change(upper, _file(tmp_path, data), word)


def test_new_child_added_to_directory_and_key_pinned(upper: ServiceSuite, tmp_path: Path) -> None:
    out = upper.imports.import_files([_file(tmp_path, VALID)])[0]
    assert (out.outcome, out.new_child, out.key_status) == ("new", True, "new")
    assert upper.units.get("CDCS-A").parent_code == "CDVC-LC"
    assert "CDCS-A" in upper.status.completeness("2026S2").on_time


def test_same_package_again_is_unchanged(upper: ServiceSuite, tmp_path: Path) -> None:
    path = _file(tmp_path, VALID)
    upper.imports.import_files([path])
    before = snapshot(upper.db.path)
    assert upper.imports.import_files([path])[0].outcome == "unchanged"
    assert snapshot(upper.db.path) == before


def test_higher_revision_replaces_and_keeps_history(upper: ServiceSuite, tmp_path: Path) -> None:
    upper.imports.import_files([_file(tmp_path, VALID)])
    rev2 = report_bytes("CDCS-A", seed=77, signer=key("CDCS-A"))
    rev2 = resign(rev2, key("CDCS-A"), edit=lambda m: m.update(revision=2))
    out = upper.imports.import_files([_file(tmp_path, rev2, "r2.lcdx")])[0]
    assert (out.outcome, out.previous_revision) == ("replaced", 1)
    rows = [r for r in upper.status.received("2026S2") if r.unit == "CDCS-A"]
    assert sorted((r.revision, r.status) for r in rows) == [(1, "superseded"), (2, "current")]
    totals = upper.status.subtree_totals("2026S2").by_unit["CDCS-A"]
    assert totals["sessions"] == json.loads(members(rev2)["payload.json"])["figures"]["sessions"]
    # the older revision afterwards is stale
    _refused_without_change(upper, _file(tmp_path, VALID, "again.lcdx"), "cũ hơn")


def test_equal_revision_with_other_content_is_stale(upper: ServiceSuite, tmp_path: Path) -> None:
    upper.imports.import_files([_file(tmp_path, VALID)])
    other = report_bytes("CDCS-A", seed=78, signer=key("CDCS-A"))
    _refused_without_change(upper, _file(tmp_path, other, "o.lcdx"), "cũ hơn hoặc bằng")


def test_changed_key_refused_unless_accepted(upper: ServiceSuite, tmp_path: Path) -> None:
    upper.imports.import_files([_file(tmp_path, VALID)])
    thief = resign(
        report_bytes("CDCS-A", seed=79),
        key("other-installation"),
        edit=lambda m: m.update(revision=2),
    )
    path = _file(tmp_path, thief, "k.lcdx")
    reason = _refused_without_change(upper, path, "Khóa ký của đơn vị «CDCS-A» đã thay đổi")
    assert "--accept-new-key CDCS-A" in reason
    assert upper.imports.preview_files([path], accept_new_key=["CDCS-A"])[0].outcome == "replaced"
    out = upper.imports.import_files([path], accept_new_key=["CDCS-A"])[0]
    assert (out.outcome, out.key_status) == ("replaced", "accepted")


def test_dry_run_previews_and_changes_nothing(upper: ServiceSuite, tmp_path: Path) -> None:
    good, bad = _file(tmp_path, VALID), _file(tmp_path, b"nope", "bad.lcdx")
    before = snapshot(upper.db.path)
    seen = []
    out = upper.imports.import_files(
        [good, bad], dry_run=True, progress=lambda d, t: seen.append((d, t))
    )
    assert [o.outcome for o in out] == ["new", "refused"]
    assert out[0].counts["sessions"] == 5 and out[0].new_child
    assert seen == [(1, 2), (2, 2)]
    assert snapshot(upper.db.path) == before


def test_cancel_rolls_back_the_batch(upper: ServiceSuite, tmp_path: Path) -> None:
    from lai_chau_desk.services.base import Cancelled

    paths = [
        _file(tmp_path, report_bytes(f"CS-{i}", signer=key(str(i))), f"{i}.lcdx") for i in range(3)
    ]
    before = snapshot(upper.db.path)
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        upper.imports.import_files(paths, cancel=lambda: next(calls))
    assert snapshot(upper.db.path) == before


def test_refused_file_among_good_ones_changes_only_the_good(
    upper: ServiceSuite, tmp_path: Path
) -> None:
    a = _file(tmp_path, VALID)
    b = _file(tmp_path, report_bytes("CDCS-X", parent="ELSEWHERE"), "x.lcdx")
    out = upper.imports.import_files([a, b])
    assert [o.outcome for o in out] == ["new", "refused"]
    assert upper.units.find("CDCS-X") is None
    assert upper.status.subtree_totals("2026S2").units_reported == 2


def test_manifest_unit_code_is_what_counts(upper: ServiceSuite, tmp_path: Path) -> None:
    m = manifest_of(VALID)
    assert m["unit"]["code"] == "CDCS-A"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.integers(0, len(VALID) - 1), st.integers(1, 255))
def test_any_flipped_byte_is_refused_by_import(
    upper: ServiceSuite, tmp_path: Path, index: int, mask: int
) -> None:
    data = bytearray(VALID)
    data[index] ^= mask
    path = tmp_path / "flipped.lcdx"
    path.write_bytes(bytes(data))
    before = snapshot(upper.db.path)
    out = upper.imports.import_files([path])[0]
    assert out.outcome == "refused" and out.reason
    assert snapshot(upper.db.path) == before
