"""Verifying a consolidated package holds memory bounded by the package, not by the tree
(issue 9): the table is checked row by row as it is read, carried reports are kept compact,
and a refusal is exactly the one the format's order gives (the table checked whole)."""

from __future__ import annotations

import gc
import json
import tracemalloc
import unicodedata
from collections.abc import Callable
from functools import cache

import pytest

from lai_chau_desk.exchange import consolidation_checks, ziplayout
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.errors import PackageError
from lai_chau_desk.exchange.limits import Limits
from lai_chau_desk.exchange.package import Embedded, read_package, sha256
from tests.exchange.lcdx_helpers import (
    consolidated_bytes,
    forge,
    key,
    manifest_of,
    members,
    report_bytes,
)

TOP = "LDLD-LC"


def _commune(i: int, grassroots: int) -> bytes:
    code = f"XA-{i}"
    leaves = [
        report_bytes(f"{code}.CS{j}", parent=code, sessions=1, seed=100 * i + j)
        for j in range(grassroots)
    ]
    return consolidated_bytes(code, TOP, leaves, seed=i)


@cache
def province(communes: int = 3, grassroots: int = 4) -> bytes:
    """A province's package: ``communes`` communes of ``grassroots`` units each."""
    kids = [_commune(i, grassroots) for i in range(communes)]
    return consolidated_bytes(TOP, "TW", kids)


def outcome(data: bytes) -> tuple[str, str] | str:
    try:
        pkg = read_package(data)
    except PackageError as exc:
        return exc.code, exc.message
    return f"ok {sorted(pkg.units)} {pkg.subtree}"


def ordered_outcome(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str] | str:
    """What the table checked whole, in the format's order, says of ``data``."""
    with monkeypatch.context() as m:
        m.setattr(consolidation_checks, "_streamed", lambda *a: False)
        return outcome(data)


def test_carried_reports_are_compact_and_read_again_on_demand() -> None:
    data = province()
    pkg = read_package(data)
    assert len(pkg.units) == 3 * 5
    assert "consolidation" not in pkg.__dict__  # not held: parsed again when asked for
    ms = members(data)
    for code, e in pkg.units.items():
        assert isinstance(e, Embedded) and not hasattr(e, "__dict__")
        assert e.manifest_bytes == ms[f"units/{code}/manifest.json"]
        assert e.signature == ms[f"units/{code}/manifest.sig"]
        manifest = json.loads(e.manifest_bytes)
        assert e.figures == manifest["figures"] and e.created_at_text == manifest["created_at"]
        assert (e.revision, e.package_id, e.parent_code) == (
            manifest["revision"],
            manifest["package_id"],
            manifest["unit"]["parent_code"],
        )
        direct = e.parent_code == TOP
        assert e.has_payload is direct and (e.payload is not None) is direct
        if direct:
            assert e.payload_bytes == ms[f"units/{code}/payload.json"]
            assert e.payload_figures == json.loads(e.payload_bytes or b"")["figures"]
        else:
            assert e.payload_bytes is None and e.payload_figures is None
    table = pkg.consolidation
    assert table is not None and len(table["units"]) == 15
    assert pkg.subtree_counts() == table["subtree"]


def inflate_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the table a member too large to keep (as a province's is): the archive check
    and the row pass inflate it a few bytes at a time."""
    monkeypatch.setattr(ziplayout, "STREAM_OVER", 64)
    for module in (ziplayout, consolidation_checks):
        monkeypatch.setattr(module, "_PIECE", 50)
        monkeypatch.setattr(module, "_OUT", 300)


@pytest.mark.parametrize("pieces", [False, True])
@pytest.mark.parametrize("window", [7, 64, 1 << 16])
def test_a_valid_table_is_checked_by_the_streamed_pass_alone(
    window: int, pieces: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows cross the window's edges (Vietnamese names' multi-byte characters included)."""

    def whole(*_a: object) -> None:
        raise AssertionError("a valid table is checked row by row, never whole")

    monkeypatch.setattr(consolidation_checks, "_check_ordered", whole)
    monkeypatch.setattr(consolidation_checks, "_WINDOW", window)
    if pieces:
        inflate_in_pieces(monkeypatch)
    pkg = read_package(province())
    assert len(pkg.units) == 15 and pkg.subtree is not None
    assert pkg.consolidation == json.loads(members(province())["consolidation.json"])


def test_a_table_too_large_to_keep_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    inflate_in_pieces(monkeypatch)
    data = province()
    archive = ziplayout.read_archive(data, Limits())
    assert "consolidation.json" not in archive.members
    raw = members(data)["consolidation.json"]
    assert archive.member("consolidation.json") == raw
    assert archive.digests["consolidation.json"] == sha256(raw)


def _deflated_otherwise(data: bytes, level: int) -> bytes:
    """``data`` with its table deflated at another level (headers rebuilt to match)."""
    import zlib

    ms = ziplayout.read_archive(data, Limits()).all_members()
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = c.compress(ms["consolidation.json"]) + c.flush()
    enc = ziplayout.Encoded(
        body, zlib.crc32(ms["consolidation.json"]), len(ms["consolidation.json"])
    )
    return ziplayout.build_zip({**ms, "consolidation.json": enc})


@pytest.mark.parametrize("how", ["level-9", "level-1", "flipped-bit", "cut"])
def test_a_tricked_stream_is_refused_alike_in_pieces(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = province()
    if how.startswith("level"):
        data = _deflated_otherwise(data, int(how[-1]))
    else:
        at = data.index(b"consolidation.json") + len(b"consolidation.json") + 40
        data = (
            data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
            if how == "flipped-bit"
            else (data[:at] + data[at + 1 :])
        )
    whole = outcome(data)
    inflate_in_pieces(monkeypatch)
    assert outcome(data) == whole
    assert isinstance(whole, tuple), whole


def test_peak_heap_is_bounded_by_the_package() -> None:
    """200 carried reports: the reader's peak Python heap stays within a small multiple of
    the package (it held every carried manifest and the whole table parsed: 12.8× the
    package), and what it keeps is less than twice the package (it kept 10.9×)."""
    data = province(8, 24)
    read_package(data)  # warm: schemas compiled, modules imported
    gc.collect()
    tracemalloc.start()
    try:
        pkg = read_package(data)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(pkg.units) == 8 * 25
    assert peak <= 5 * len(data), (peak, len(data))
    assert current <= 2 * len(data), (current, len(data))


def _table_edit(fn: Callable[[dict], None]) -> Callable[[dict, dict], None]:
    def edit(table: dict, _units: dict) -> None:
        fn(table)

    return edit


def _row(table: dict, code: str) -> dict:
    return next(r for r in table["units"] if r["code"] == code)


TABLE_EDITS: dict[str, Callable[[dict, dict], None]] = {
    "figures": _table_edit(lambda t: _row(t, "XA-1.CS2")["figures"].update(sessions=99)),
    "name": _table_edit(lambda t: _row(t, "XA-0").update(name="Công đoàn khác")),
    "nfd-name": _table_edit(
        lambda t: _row(t, "XA-0").update(name=unicodedata.normalize("NFD", "Công đoàn xã Ẳ"))
    ),
    "control": _table_edit(lambda t: _row(t, "XA-2.CS0").update(name="Công đoàn\x1b[31m")),
    "newline": _table_edit(lambda t: _row(t, "XA-2.CS0").update(name="Công\nđoàn")),
    "extra-key": _table_edit(lambda t: _row(t, "XA-1").update(extra=1)),
    "revision-text": _table_edit(lambda t: _row(t, "XA-1").update(revision="1")),
    "revision-float": _table_edit(lambda t: _row(t, "XA-1").update(revision=1.0)),
    "duplicate": _table_edit(lambda t: t["units"].append(dict(_row(t, "XA-0.CS1")))),
    "dropped": _table_edit(lambda t: t["units"].remove(_row(t, "XA-2.CS3"))),
    "own-unit": _table_edit(lambda t: _row(t, "XA-2.CS3").update(code=TOP)),
    "parent": _table_edit(lambda t: _row(t, "XA-0.CS1").update(parent_code="XA-9")),
    "loop": _table_edit(
        lambda t: (
            _row(t, "XA-0").update(parent_code="XA-0.CS0"),
            _row(t, "XA-0.CS0").update(parent_code="XA-0"),
        )
    ),
    "key": _table_edit(
        lambda t: _row(t, "XA-1.CS1").update(public_key=_row(t, "XA-1")["public_key"])
    ),
    "subtree": _table_edit(lambda t: t["subtree"].update(sessions=t["subtree"]["sessions"] + 1)),
    "missing": _table_edit(lambda t: t["missing"].append(t["on_time"][0])),
    "same-number": _table_edit(
        lambda t: _row(t, "XA-1.CS0")["figures"]["indicators"].update(
            {k: int(v) for k, v in _row(t, "XA-1.CS0")["figures"]["indicators"].items()}
        )
    ),
    "empty": _table_edit(lambda t: t["units"].clear()),
    "no-payload": lambda _t, u: u["XA-1"].pop("payload.json"),
    "payload-below": lambda _t, u: u["XA-1.CS1"].update({"payload.json": b"{}"}),
    "signature": lambda _t, u: u["XA-0.CS2"].update({"manifest.sig": bytes(64)}),
    "swapped-manifest": lambda _t, u: u["XA-0.CS2"].update(
        {"manifest.json": u["XA-0.CS1"]["manifest.json"]}
    ),
    "orphan-member": lambda _t, u: u.update({"XA-7": dict(u["XA-0.CS2"])}),
}


@pytest.mark.parametrize("name", sorted(TABLE_EDITS))
def test_a_tricked_table_is_refused_as_the_ordered_check_refuses_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kids = [_commune(i, 4) for i in range(3)]
    data = consolidated_bytes(TOP, "TW", kids, edit=TABLE_EDITS[name])
    got = outcome(data)
    assert got == ordered_outcome(data, monkeypatch)
    if name != "same-number":  # 3 and 3.0 are the same figure
        assert isinstance(got, tuple), got


def _raw_table(data: bytes, fn: Callable[[bytes], bytes]) -> bytes:
    """``data`` with its ``consolidation.json`` bytes changed by ``fn``, listed and signed."""
    ms = members(data)
    ms["consolidation.json"] = fn(ms["consolidation.json"])

    def listed(m: dict) -> None:  # the manifest lists the package's own members only
        m["members"] = {n: v for n, v in m["members"].items() if not n.startswith("units/")}

    return forge(ms, manifest_of(data), key(TOP), listed)


def _first_row_at(raw: bytes) -> int:
    return raw.index(b'"units":[') + len(b'"units":[')


RAW_EDITS: dict[str, Callable[[bytes], bytes]] = {
    "space-between-rows": lambda r: r.replace(b'},{"code"', b'}, {"code"', 1),
    "space-in-a-row": lambda r: r.replace(b'"name":"', b'"name": "', 1),
    "escaped-letter": lambda r: r.replace("ô".encode(), b"\\u00f4", 1),
    "duplicate-key": lambda r: (
        r[: _first_row_at(r) + 1] + b'"code":"X",' + r[_first_row_at(r) + 1 :]
    ),
    "bad-utf8": lambda r: r.replace("ô".encode(), b"\xc3(", 1),
    "nfd-letter": lambda r: r.replace("ô".encode(), "o\u0302".encode(), 1),
    "escape-control": lambda r: r.replace("ô".encode(), b"\\u001b", 1),
    "raw-bidi": lambda r: r.replace("ô".encode(), "\u202e".encode(), 1),
    "truncated": lambda r: r[:-3],
    "trailing-comma": lambda r: r[:-2] + b",]}",
    "junk-after": lambda r: r + b" ",
    "bom": lambda r: b"\xef\xbb\xbf" + r,
    "units-twice": lambda r: r[:-1] + b',"units":[]}',
    "not-an-object-row": lambda r: r[: _first_row_at(r)] + b"1," + r[_first_row_at(r) :],
    "number-row-at-end": lambda r: r[:-2] + b",12345]}",
    "same-table": lambda r: r,
}


@pytest.mark.parametrize("name", sorted(RAW_EDITS))
@pytest.mark.parametrize("window", [5, 1 << 16])
@pytest.mark.parametrize("pieces", [False, True])
def test_tricked_table_bytes_are_refused_as_the_ordered_check_refuses_them(
    name: str, window: int, pieces: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(consolidation_checks, "_WINDOW", window)
    if pieces:
        inflate_in_pieces(monkeypatch)
    data = _raw_table(province(), RAW_EDITS[name])
    got = outcome(data)
    assert got == ordered_outcome(data, monkeypatch)
    assert isinstance(got, tuple) is (name != "same-table"), got


def test_canonical_rows_are_what_the_writer_writes() -> None:
    """The streamed pass compares each row with its canonical bytes: a table as written
    joins its rows with bare commas, as the whole table's canonical form does."""
    table = json.loads(members(province())["consolidation.json"])
    raw = canonical_json(table)
    start = _first_row_at(raw)
    assert raw[start:-2] == b",".join(canonical_json(r) for r in table["units"])
