"""Adversarial packages that cost time or memory, not trust: each is refused cleanly, fast,
whatever the number of errors it holds (red-team of issue 9, built from the format alone).

Before: a consolidation table of 600,000 ``{}`` rows (a 20 KB package) took minutes to
refuse (jsonschema built every one of its millions of errors to pick the best), a payload of
``{}`` sessions or a manifest of bad figures alike; nesting depth was measured at 3 µs a
value; a 64 MB table of ``{},`` deflated into 700 KB was parsed whole (2 GB) to word its
refusal."""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pytest

from lai_chau_desk.exchange.canonical import canonical_json, depth
from lai_chau_desk.exchange.errors import PackageError
from lai_chau_desk.exchange.package import read_package
from lai_chau_desk.exchange.signing import sign
from lai_chau_desk.exchange.ziplayout import build_zip
from lai_chau_desk.services.exchange_import import verify_file
from tests.exchange.lcdx_helpers import forge, key, manifest_of, members, report_bytes

SECONDS = 10.0  # each took minutes before; a clean refusal takes well under a second


def _refused(data: bytes) -> tuple[PackageError, float]:
    start = time.perf_counter()
    with pytest.raises(PackageError) as e:
        read_package(data)
    return e.value, time.perf_counter() - start


def _noise(n: int) -> bytes:
    """Random text, so the member deflates at a ratio the zip-bomb rule lets through."""
    return base64.b64encode(os.urandom(n))


def _with_table(table: bytes) -> bytes:
    base = report_bytes("XA-1", parent="LDLD-LC")
    ms = members(base)
    ms["consolidation.json"] = table
    return forge(ms, manifest_of(base), key("XA-1"))


def test_table_of_many_invalid_rows_is_refused_fast() -> None:
    table = b'{"units":[' + b"{}," * 600_000 + b'"' + _noise(30_000) + b'"]}'
    err, took = _refused(_with_table(table))
    assert err.code == "schema" and "consolidation.json" in err.message
    assert took < SECONDS, took


def test_payload_of_many_invalid_sessions_is_refused_fast() -> None:
    base = report_bytes("XA-1", parent="LDLD-LC")
    p = json.loads(members(base)["payload.json"])
    p["sessions"] = [{} for _ in range(90_000)]
    data = forge({**members(base), "payload.json": canonical_json(p)}, manifest_of(base))
    err, took = _refused(data)
    assert err.code == "schema" and "«sessions/0»" in err.message and "thiếu trường" in err.message
    assert took < SECONDS, took


def test_manifest_of_many_invalid_figures_is_refused_fast() -> None:
    base = report_bytes("XA-1", parent="LDLD-LC")
    m = manifest_of(base)
    m["figures"]["sessions_by_form"] = {f"k{i}": [] for i in range(15_000)}
    raw = canonical_json(m)
    ms = {**members(base), "manifest.json": raw, "manifest.sig": sign(key("XA-1").private, raw)}
    err, took = _refused(build_zip(ms))
    assert err.code == "schema" and "figures/sessions_by_form" in err.message
    assert took < SECONDS, took


def test_small_documents_keep_the_best_wording() -> None:
    """Below the size where the first error is taken, the wording is jsonschema's best
    match, as before (the shallowest place): a missing top-level field, not a row."""
    table = {"units": [{}], "expected": [], "late": [], "missing": [], "on_time": []}
    err, _ = _refused(_with_table(canonical_json(table)))
    assert err.code == "schema" and "«(gốc)»: thiếu trường «subtree»" in err.message


def test_a_large_document_with_a_bad_optional_value_is_worded_at_its_place() -> None:
    """An ``anyOf`` (null or a date…) failing in a large document is worded inside it."""
    base = report_bytes("XA-1", parent="LDLD-LC")
    p = json.loads(members(base)["payload.json"])
    p["sessions"] = p["sessions"] * 2000  # valid, large
    p["profile_counts"]["counts_as_of"] = "20-11-2026"
    data = forge({**members(base), "payload.json": canonical_json(p)}, manifest_of(base))
    err, took = _refused(data)
    assert err.code == "schema" and "profile_counts/counts_as_of" in err.message, err.message
    assert "sai định dạng" in err.message and took < SECONDS


def test_depth_of_millions_of_values_is_measured_fast() -> None:
    wide = [{} for _ in range(2_000_000)]
    start = time.perf_counter()
    assert depth(wide) == 2 and depth(wide, 1) == 2
    assert time.perf_counter() - start < 2.0
    deep: list = []
    for _ in range(200):
        deep = [deep]
    assert depth(deep) == 201 and depth(deep, 24) == 25
    assert depth(1) == 0 and depth({"a": [{"b": 1}]}) == 3


def test_table_larger_than_any_valid_one_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """No report carried: a valid table is at most its lists and counts, a few MB. An 8 MB
    table of ``{},`` (deflated to 100 KB) is refused without being parsed."""
    table = b'{"units":[' + b"{}," * 2_800_000 + b'"' + _noise(100_000) + b'"]}'
    data = _with_table(table)
    err, took = _refused(data)
    assert err.code == "payload-inconsistent" and "lớn hơn mọi bảng hợp lệ" in err.message
    assert took < SECONDS
    path = tmp_path / "bomb.lcdx"
    path.write_bytes(data)
    report = verify_file(path)
    assert not report.valid and report.code == "payload-inconsistent"


def test_central_directory_of_a_million_entries_is_refused_before_zipfile_reads_it() -> None:
    """zipfile builds an object per central-directory entry before anyone counts them: a
    million one-letter entries (47 MB) took 14 s and 600 MB to be called too many. The end
    record says how large the directory is; one larger than any package's is refused."""
    from lai_chau_desk.exchange.ziplayout import _central_entry, _end_record, _local_header

    head = _local_header(b"a", 0, 0, 0, 0)
    central = _central_entry(b"a", 0, 0, 0, 0, 0) * 1_000_000
    for tail in (b"", b"comment"):  # with a comment, zipfile searches for the end record
        end = _end_record(0xFFFF, len(central), len(head))
        end = end[:-2] + len(tail).to_bytes(2, "little") + tail
        err, took = _refused(head + central + end)
        assert err.code == "too-many-members" and "quá nhiều thành phần" in err.message
        assert took < 2.0, took


def test_table_bound_is_not_raised_by_bloated_carried_manifests() -> None:
    """Carried manifests of 256 KB of noise raise the table's size bound (it counts their
    size): the table, refused by the streamed pass, is bounded again by the figures of the
    manifests that parse (none here) before it would be parsed whole (9 MB of ``{},``: 3
    million objects)."""
    units = {f"units/CS-{i}/manifest.json": _noise(190_000) for i in range(20)}
    units.update({f"units/CS-{i}/manifest.sig": bytes(64) for i in range(20)})
    table = b'{"units":[' + b"{}," * 3_000_000 + b'"' + _noise(100_000) + b'"]}'
    base = report_bytes("XA-1", parent="LDLD-LC")
    ms = {**members(base), **units, "consolidation.json": table}

    def top_only(m: dict) -> None:
        m["members"] = {k: v for k, v in m["members"].items() if not k.startswith("units/")}

    err, took = _refused(forge(ms, manifest_of(base), key("XA-1"), edit=top_only))
    assert err.code == "payload-inconsistent" and "lớn hơn mọi bảng hợp lệ" in err.message
    assert took < SECONDS
