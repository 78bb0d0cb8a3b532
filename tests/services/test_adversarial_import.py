"""Hostile files driven through the public surfaces an officer uses (``verify`` and
``import`` on the command line, ``imports.import_files``), red-team of issue 9: each is
refused with one Vietnamese line, no traceback, exit code 1, and the importer's database is
byte for byte what it was (a full ``iterdump``).

Defects found and fixed here (each test failed before):
- a file that never ends (``/dev/zero``, a pipe) was read whole: verify died of
  ``MemoryError`` ("lỗi không mong đợi") after eating the machine's memory;
- a ``report.pdf`` that is no PDF (a ZIP, nothing at all) was accepted and stored;
- ``1e400`` was called non-canonical where the format says a number beyond a double is
  invalid JSON;
- a signer key written in non-canonical base64 (the two unused bits set: the same 32 bytes,
  so the signature verified) was accepted: the manifest had two spellings;
- a consolidation table of hundreds of thousands of ``{}`` took minutes to refuse."""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.signing import sign
from lai_chau_desk.exchange.ziplayout import build_zip
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import forge, key, manifest_of, members, python_zip, resign
from tests.services.test_exchange_trust import TODAY, dump, leaf, put, refused_unchanged


@pytest.fixture
def province(tmp_path: Path) -> ServiceSuite:
    s = open_database(tmp_path / "province.db", today=lambda: TODAY)
    s.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    yield s
    s.close()


def _raw_manifest(data: bytes, raw: bytes, signer: str = "XA-1") -> bytes:
    ms = members(data)
    ms["manifest.json"] = raw
    ms["manifest.sig"] = sign(key(signer).private, raw)
    return build_zip(ms)


def _not_a_pdf() -> bytes:
    data = leaf("XA-1", "LDLD-LC")
    return forge({**members(data), "report.pdf": python_zip([("a.txt", b"x")])}, manifest_of(data))


def _huge_number() -> bytes:
    data = leaf("XA-1", "LDLD-LC")
    raw = canonical_json(manifest_of(data))
    return _raw_manifest(data, raw[:-1] + b',"zz":1e400}')


def _other_spelling_of_the_key() -> bytes:
    """The same public key with its two unused base64 bits set: the signature verifies."""
    data = leaf("XA-1", "LDLD-LC")
    m = manifest_of(data)
    text = m["signer"]["public_key"]
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".decode()
    spelt = text[:42] + alphabet[alphabet.index(text[42]) + 1] + "="
    assert base64.b64decode(spelt) == base64.b64decode(text) and spelt != text
    m["signer"]["public_key"] = spelt
    return _raw_manifest(data, canonical_json(m))


def _table_of_empty_rows() -> bytes:
    data = leaf("XA-1", "LDLD-LC")
    noise = base64.b64encode(os.urandom(30_000))
    table = b'{"units":[' + b"{}," * 600_000 + b'"' + noise + b'"]}'
    return forge({**members(data), "consolidation.json": table}, manifest_of(data), key("XA-1"))


FIXED = {
    "report.pdf that is a zip": (_not_a_pdf, "member-unexpected"),
    "number beyond a double": (_huge_number, "json-invalid"),
    "key in non-canonical base64": (_other_spelling_of_the_key, "schema"),
    "table of 600,000 empty rows": (_table_of_empty_rows, "schema"),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_attacks_are_refused_and_change_nothing(
    province: ServiceSuite, tmp_path: Path, name: str
) -> None:
    build, code = FIXED[name]
    path = put(tmp_path, "a.lcdx", build())
    start = time.perf_counter()
    refused_unchanged(province, path, "")
    assert province.imports.import_files([path])[0].code == code
    assert time.perf_counter() - start < 20


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_that_never_ends_is_refused_without_reading_it_all(
    province: ServiceSuite, tmp_path: Path, cli
) -> None:  # noqa: ANN001
    endless = tmp_path / "endless.lcdx"
    endless.symlink_to("/dev/zero")
    reason = refused_unchanged(province, endless, "quá lớn")
    assert province.imports.import_files([endless])[0].code == "package-too-large"
    report = province.imports.verify_file(endless)
    assert not report.valid and report.code == "package-too-large" and reason
    province.close()
    db = tmp_path / "province.db"
    before = dump(db)
    for command in (["verify", str(endless)], ["import", str(endless)]):
        proc = cli(*command, db=db)
        assert proc.returncode == 1, proc.stderr
        assert "quá lớn" in proc.stdout and "không mong đợi" not in proc.stderr + proc.stdout
    assert dump(db) == before


def _families() -> dict[str, bytes]:
    """One hostile file of each family an outsider builds from the format (docs §1–§7),
    already refused before this red-team (kept refused through the command line)."""
    data = leaf("XA-1", "LDLD-LC")
    ms = members(data)
    m = manifest_of(data)
    raw = canonical_json(m)
    out = {
        "not a zip": b"%PDF-1.4 not a zip",
        "truncated": data[: len(data) // 2],
        "trailing garbage": data + b"\0",
        "leading garbage": b"PK\x03\x04" + bytes(26) + data,
        "zip by another writer": python_zip(list(ms.items())),
        "duplicate member": python_zip([*ms.items(), ("payload.json", ms["payload.json"])]),
        "case variant member": build_zip({**ms, "Payload.json": ms["payload.json"]}),
        "traversal member": python_zip([*ms.items(), ("../evil", b"x")]),
        "backslash member": python_zip([*ms.items(), ("units\\X\\manifest.json", b"x")]),
        "directory member": python_zip([*ms.items(), ("units/", b"")]),
        "nested children/": build_zip({**ms, "children/XA-1.lcdx": data}),
        "duplicate json key": _raw_manifest(data, raw[:-1] + b',"kind":"report"}'),
        "bom": _raw_manifest(data, b"\xef\xbb\xbf" + raw),
        "whitespace": _raw_manifest(data, raw + b"\n"),
        "escaped character": _raw_manifest(data, raw.replace(b'"app":"', b'"app":"\\u0061', 1)),
        "lone surrogate": _raw_manifest(data, raw.replace(b'"app":"', b'"app":"\\ud800', 1)),
        "nan": _raw_manifest(data, raw[:-1] + b',"zz":NaN}'),
        "float revision": _raw_manifest(data, raw.replace(b'"revision":1', b'"revision":1.0')),
        "big integer": _raw_manifest(
            data, raw.replace(b'"revision":1', b'"revision":' + b"9" * 5000)
        ),
        "deep nesting": _raw_manifest(data, raw[:-1] + b',"zz":' + b"[" * 200 + b"]" * 200 + b"}"),
        "ansi escape in name": resign(
            data, key("XA-1"), edit=lambda m: m["unit"].update(name="\x1b[2J")
        ),
        "bidi override": resign(
            data, key("XA-1"), edit=lambda m: m["unit"].update(name="a\u202eb")
        ),
        "zero width": resign(data, key("XA-1"), edit=lambda m: m["unit"].update(name="a\u200bb")),
        "nfd name": resign(data, key("XA-1"), edit=lambda m: m["unit"].update(name="Co\u0302ng")),
        "wrong key": _raw_manifest(data, raw, signer="someone-else"),
        "truncated signature": build_zip({**ms, "manifest.sig": ms["manifest.sig"][:63]}),
        "format 1": resign(data, key("XA-1"), edit=lambda m: m.update(format_version=1)),
        "format 3": resign(data, key("XA-1"), edit=lambda m: m.update(format_version=3)),
        "unknown kind": resign(data, key("XA-1"), edit=lambda m: m.update(kind="invoice")),
        "year 1": resign(
            data, key("XA-1"), edit=lambda m: m.update(created_at="0001-01-01T00:00:00+00:00")
        ),
        "year 9999": resign(
            data, key("XA-1"), edit=lambda m: m.update(created_at="9999-12-31T23:59:59-23:59")
        ),
        "offset overflow": resign(
            data, key("XA-1"), edit=lambda m: m.update(created_at="2026-11-20T09:30:00+24:00")
        ),
        "lower-case code": resign(data, key("XA-1"), edit=lambda m: m["unit"].update(code="xa-1")),
    }
    p = json.loads(ms["payload.json"])
    p["period"]["start"] = "2026-01-01"
    out["period widened"] = resign(
        data,
        key("XA-1"),
        edit=lambda m: m["period"].update(start="2026-01-01"),
        payload=canonical_json(p),
    )
    return out


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_hostile_families_through_the_command_line_change_nothing(
    province: ServiceSuite, tmp_path: Path, cli
) -> None:  # noqa: ANN001
    files = []
    for i, (name, data) in enumerate(sorted(_families().items())):
        files.append((name, put(tmp_path, f"f{i:02d}.lcdx", data)))
    province.close()
    db = tmp_path / "province.db"
    before = dump(db)
    proc = cli("import", *(str(p) for _n, p in files), db=db)
    assert proc.returncode == 1 and not proc.stderr, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(files), proc.stdout
    for (name, path), line in zip(files, lines, strict=True):
        assert line.startswith(f"{path}: từ chối"), (name, line)
        assert "\x1b" not in line and "không mong đợi" not in line and "Traceback" not in line
    assert dump(db) == before
    for name, path in files[:3]:  # verify says "not valid" the same way
        v = cli("verify", str(path), db=db)
        assert v.returncode == 1 and v.stdout.startswith("Không hợp lệ"), (name, v.stdout)
    assert dump(db) == before
