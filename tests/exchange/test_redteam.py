"""Red-team attacks on the reader (``read_package``): malformed and tricked ZIPs, tricked
JSON, confusable text. Each must be a :class:`PackageError` with a code and one clear
Vietnamese line, never another exception. (The attacks that need an importing database are
in ``tests/services/test_redteam_trust.py``.)"""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lai_chau_desk.exchange import Limits, PackageError, read_package
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.strict import clean_value
from lai_chau_desk.exchange.ziplayout import build_zip, deflate
from tests.exchange.lcdx_helpers import (
    consolidated_bytes,
    forge,
    key,
    manifest_of,
    members,
    report_bytes,
    resign,
)

VALID = report_bytes("CDCS-A", signer=key("CDCS-A"))
SIGNER = key("CDCS-A")


def refused(data: bytes, limits: Limits | None = None) -> PackageError:
    try:
        read_package(data, limits or Limits())
    except PackageError as exc:
        assert exc.code and exc.message, exc
        assert "\n" not in exc.message and "\x1b" not in exc.message
        assert "không mong đợi" not in exc.message
        return exc
    raise AssertionError("accepted")


def with_payload(raw: bytes) -> bytes:
    return resign(VALID, SIGNER, payload=raw)


def payload() -> dict:
    return json.loads(members(VALID)["payload.json"])


# --- ZIP tricks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        "MANIFEST.JSON",
        "Manifest.json",
        "payload.json\x00",
        "./manifest.json",
        "/payload.json",
        "C:payload.json",
        "c:\\payload.json",
        "units\\CDCS-B\\manifest.json",
        "payload.json.",
        "payload.json ",
        "units/CDCS-B/manifest.json\n",
        "units/cdcs-b/manifest.json",
        "units/CDCS-\u0411/manifest.json",
        "units/CDCS-B/./manifest.json",
        "units/CDCS-B/report.pdf",
        "units/" + "A" * 300 + "/manifest.json",
        "payload.json\u0301",
        "pa\u0443load.json",
        "children/CDCS-B.lcdx",
    ],
)
def test_tricked_member_names(extra: str) -> None:
    ms = members(VALID)
    ms[extra] = b"{}"
    try:
        data = build_zip(ms)
    except (UnicodeEncodeError, ValueError):  # the writer cannot even spell it
        return
    assert refused(data).code in ("member-name", "member-unexpected", "member-duplicate")


def test_same_name_differing_in_nfc_nfd_or_case() -> None:
    ms = members(VALID)
    ms["units/CDCS-B/manifest.json"] = b"{}"
    ms["units/CDCS-b/manifest.json"] = b"{}"
    refused(build_zip(ms))


def _cd_offset(data: bytes) -> int:
    return struct.unpack_from("<I", data, len(data) - 22 + 16)[0]


def _patch(data: bytes, at: int, fmt: str, value: int) -> bytes:
    b = bytearray(data)
    struct.pack_into(fmt, b, at, value)
    return bytes(b)


def test_local_header_differs_from_central_directory() -> None:
    # the local header's name length, method and size each differ from the central record's
    for at, fmt, value in (
        (8, "<H", 8),  # the manifest is stored: say deflated
        (18, "<I", 1),
        (22, "<I", 1),
        (26, "<H", 12),
        (6, "<H", 0x0808),
        (4, "<H", 45),
    ):
        refused(_patch(VALID, at, fmt, value))


def test_central_directory_tricks() -> None:
    cd = _cd_offset(VALID)
    for rel, fmt, value in (
        (8, "<H", 0x0808),
        (10, "<H", 8),  # the manifest is stored: say deflated
        (24, "<I", 0xFFFFFFFF),
        (20, "<I", 0xFFFFFFFF),
        (42, "<I", 1),
        (30, "<H", 4),
        (32, "<H", 4),
        (38, "<I", 0x10),
        (4, "<H", 0x033F),
    ):
        refused(_patch(VALID, cd + rel, fmt, value))


def test_data_descriptor_flag_and_zip64_marker() -> None:
    refused(_patch(VALID, 6, "<H", 0x0808))  # bit 3: sizes after the data
    eocd = len(VALID) - 22
    refused(_patch(VALID, eocd + 8, "<H", 0xFFFF))  # entries: ZIP64 marker
    refused(_patch(VALID, eocd + 16, "<I", 0xFFFFFFFF))  # CD offset: ZIP64 marker


def test_zip64_extra_field_in_the_central_directory() -> None:
    cd = _cd_offset(VALID)
    name_len = struct.unpack_from("<H", VALID, cd + 28)[0]
    extra = struct.pack("<HHQ", 0x0001, 8, 10)
    entry_end = cd + 46 + name_len
    b = bytearray(VALID[:entry_end] + extra + VALID[entry_end:])
    struct.pack_into("<H", b, cd + 30, len(extra))
    eocd = len(b) - 22
    struct.pack_into("<I", b, eocd + 12, struct.unpack_from("<I", b, eocd + 12)[0] + len(extra))
    refused(bytes(b))


@pytest.mark.parametrize("how", ["prepend", "polyglot", "trailing", "comment", "two-eocd"])
def test_junk_around_the_archive(how: str) -> None:
    if how == "prepend":
        data = b"MZ\x90\x00" + VALID
    elif how == "polyglot":
        data = b"PK\x03\x04" + b"\x00" * 26 + VALID
    elif how == "trailing":
        data = VALID + b"junk"
    elif how == "comment":
        data = _patch(VALID, len(VALID) - 2, "<H", 4) + b"note"
    else:
        data = VALID + VALID[-22:]
    refused(data)


def test_crc_mismatch() -> None:
    cd = _cd_offset(VALID)
    crc = struct.unpack_from("<I", VALID, cd + 16)[0]
    data = _patch(_patch(VALID, cd + 16, "<I", crc ^ 1), 14, "<I", crc ^ 1)
    assert refused(data).code in ("zip-damaged", "zip-not-canonical")


def test_overlapping_entries() -> None:
    """The second central record points at the first member's bytes."""
    cd = _cd_offset(VALID)
    n1 = struct.unpack_from("<H", VALID, cd + 28)[0]
    second = cd + 46 + n1
    refused(_patch(VALID, second + 42, "<I", 0))


def test_stored_member_declared_deflated_and_the_reverse() -> None:
    ms = members(VALID)
    from lai_chau_desk.exchange.ziplayout import Encoded

    raw = ms["manifest.json"]  # a stored member (§2) whose bytes are deflated
    fake = Encoded(deflate(raw), zlib.crc32(raw) & 0xFFFFFFFF, len(raw))
    refused(build_zip({**ms, "manifest.json": fake}))
    from tests.exchange.lcdx_helpers import consolidated_bytes

    upper = members(consolidated_bytes("XA-1", "LDLD-LC", [report_bytes("XA-1.A", parent="XA-1")]))
    for name in ("consolidation.json", "units/XA-1.A/manifest.json"):
        raw = upper[name]  # a deflated member (§2) whose bytes are stored
        refused(build_zip({**upper, name: Encoded(raw, zlib.crc32(raw) & 0xFFFFFFFF, len(raw))}))
    payload_raw = ms["payload.json"]  # a stored member (§2) whose bytes are deflated
    deflated_payload = Encoded(
        deflate(payload_raw), zlib.crc32(payload_raw) & 0xFFFFFFFF, len(payload_raw)
    )
    refused(build_zip({**ms, "payload.json": deflated_payload}))
    pdf = b"%PDF-1.4 " + bytes(200)
    deflated = Encoded(deflate(pdf), zlib.crc32(pdf) & 0xFFFFFFFF, len(pdf))  # method 0
    refused(build_zip({**ms, "report.pdf": deflated}))


def test_deflate_bomb_within_the_ratio_and_huge_declared_sizes() -> None:
    ms = members(VALID)
    p = payload()
    p["narrative"] = {"a": "x" * 2_000_000}
    refused(with_payload(canonical_json(p)), Limits(payload_bytes=1_000_000))
    refused(with_payload(canonical_json(p)), Limits(max_ratio=50))
    refused(build_zip({**ms, "payload.json": b" " * 5_000_000}), Limits(max_total_bytes=4_000_000))


def test_empty_and_tiny_files() -> None:
    for data in (b"", b"PK", b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18, VALID[:30]):
        refused(data)


# --- JSON tricks ----------------------------------------------------------------------------


def _raw_payload_variants() -> list[tuple[str, bytes]]:
    raw = members(VALID)["payload.json"]
    text = raw.decode()
    out = [
        ("bom", b"\xef\xbb\xbf" + raw),
        ("nan", raw.replace(b'"narrative":{', b'"narrative":{"x":NaN,', 1)),
        ("infinity", raw.replace(b'"narrative":{', b'"narrative":{"x":Infinity,', 1)),
        ("1e400", raw.replace(b'"narrative":{', b'"narrative":{"x":1e400,', 1)),
        ("minus-zero", raw.replace(b'"participants":', b'"participants":-0', 1)),
        ("lone-surrogate", raw.replace(b'"narrative":{', b'"narrative":{"x":"\\ud800",', 1)),
        ("non-shortest-escape", raw.replace(b'"unit":{"code":"', b'"unit":{"code":"\\u0043', 1)),
        ("escaped-slash", raw.replace(b'"unit":{', b'"unit":{"x\\/":1,', 1)),
        ("whitespace", raw.replace(b",", b", ", 1)),
        ("dup-deep", raw.replace(b'"unit":{"code":', b'"unit":{"code":"X","code":', 1)),
        ("dup-top", raw[:-1] + b',"unit":{}}'),
        ("utf16", text.encode("utf-16")),
        ("overlong-utf8", raw.replace(b'"unit":{', b'"unit":{"\xc0\xaf":1,', 1)),
        ("big-int", raw.replace(b'"participants":', b'"participants":' + b"9" * 5000, 1)),
        ("deep", b"[" * 100_000 + b"]" * 100_000),
    ]
    return out


@pytest.mark.parametrize(
    "name,raw", _raw_payload_variants(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_tricked_json_payloads(name: str, raw: bytes) -> None:
    refused(with_payload(raw))


def test_tricked_manifest_bytes() -> None:
    ms = members(VALID)
    mb = ms["manifest.json"]
    for bad in (
        b" " + mb,
        mb + b"\n",
        mb.replace(b'"kind":"report"', b'"kind":"report","kind":"report"'),
        mb.replace(b'"revision":1', b'"revision":1.0'),
        mb.replace(b'"revision":1', b'"revision":true'),
        mb.replace(b'"revision":1', b'"revision":01'),
    ):
        from lai_chau_desk.exchange.signing import sign

        refused(build_zip({**ms, "manifest.json": bad, "manifest.sig": sign(SIGNER.private, bad)}))


@pytest.mark.parametrize(
    "code",
    [
        "CDCS-\u0410",
        "CDCS-\uff21",
        "CDCS-\uff11",
        "CDCS\u200d-A",
        "CDCS-A\u200b",
        "cdcs-a",
        "CDCS-A ",
        " CDCS-A",
        "CDCS_A",
        "CDCS-A\n",
        "",
        "A" * 41,
        "\u202eA-SCDC",
        "CDCS-A\x00",
    ],
)
def test_confusable_unit_codes_refused(code: str) -> None:
    e = refused(resign(VALID, SIGNER, edit=lambda m: m["unit"].update(code=code)))
    assert e.code in ("unit-code", "schema", "text-control", "text-not-nfc")


@pytest.mark.parametrize(
    "char",
    [
        "\u202e",
        "\u2066",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u200b",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\x1b[31m",
        "\x85",
        "\u2028",
        # format characters and default ignorables beyond the famous ones
        "\u00ad",  # soft hyphen
        "\u180e",  # Mongolian vowel separator
        "\U000e0041",  # tag LATIN CAPITAL LETTER A ("ASCII smuggling")
        "\U000e007f",  # cancel tag
        "\u3164",  # Hangul filler
        "\u115f",  # Hangul choseong filler
        "\ufe0f",  # variation selector 16
        "\u2065",  # default ignorable, unassigned
        "\u034f",  # combining grapheme joiner
        "\u0600",  # Arabic number sign (Cf)
        "\ufff9",  # interlinear annotation anchor
        "\U0001d173",  # musical symbol begin beam
    ],
)
def test_invisible_and_direction_characters_in_names_refused(char: str) -> None:
    def edit(m: dict) -> None:
        m["unit"]["name"] = f"Công đoàn {char}cơ sở"

    p = payload()
    p["unit"]["name"] = f"Công đoàn {char}cơ sở"
    e = refused(resign(VALID, SIGNER, edit=edit, payload=canonical_json(p)))
    assert e.code == "text-control", e


def test_writer_strips_what_the_reader_refuses() -> None:
    for char in ("\u200e", "\u061c", "\u200b", "\ufeff", "\u202e", "\u00ad", "\U000e0041"):
        assert clean_value({"name": f"A{char}B"}) == {"name": "AB"}


def test_every_hidden_character_is_refused_and_no_visible_one() -> None:
    """The rule, checked on every code point: a string is refused exactly when it holds a
    hidden character (domain.text.hidden_characters), whatever byte leads it."""
    import sys
    import unicodedata

    from lai_chau_desk.domain.text import hidden_characters
    from lai_chau_desk.exchange.strict import strict_json

    hidden = hidden_characters()
    for c in sorted(hidden):  # each on its own, in a line field and a multi-line one
        if 0xD800 <= c < 0xE000:
            continue
        for field in ("name", "note"):
            raw = canonical_json({field: f"a{chr(c)}b"})
            if field == "note" and c in (9, 10):
                assert strict_json(raw, "x.json", 1 << 20, None)
                continue
            with pytest.raises(PackageError) as caught:
                strict_json(raw, "x.json", 1 << 20, None)
            assert caught.value.code == "text-control", hex(c)
    visible = [
        c
        for c in range(sys.maxunicode + 1)
        if c not in hidden
        and not 0xD800 <= c < 0xE000
        and unicodedata.normalize("NFC", chr(c)) == chr(c)
    ]
    for start in range(0, len(visible), 512):  # every other one, 512 to a document, each
        doc = {"name": " ".join(map(chr, visible[start : start + 512]))}  # after a space
        assert unicodedata.is_normalized("NFC", doc["name"])  # (nothing composes with one)
        assert strict_json(canonical_json(doc), "x.json", 1 << 20, None) == doc


@pytest.mark.parametrize(
    "text", ["“Học tập” – «Nghị quyết» số 57\u00a0…", "Điều 5 ° ± × ÷ ©", "😀 ✓"]
)
def test_visible_punctuation_and_symbols_are_accepted(text: str) -> None:
    from lai_chau_desk.exchange.strict import strict_json

    assert strict_json(canonical_json({"note": text}), "x.json", 1 << 20, None) == {"note": text}


def test_nfd_name_refused() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Công đoàn cơ sở")
    p = payload()
    p["unit"]["name"] = nfd
    e = refused(
        resign(VALID, SIGNER, edit=lambda m: m["unit"].update(name=nfd), payload=canonical_json(p))
    )
    assert e.code == "text-not-nfc"


def test_huge_string_within_limits_is_read_or_refused_cleanly() -> None:
    p = payload()
    p["narrative"] = {k: "ư" * 40_000 for k in list(p["narrative"])[:1]} or {"x": "ư"}
    try:
        read_package(with_payload(canonical_json(p)))
    except PackageError as exc:
        assert exc.code


# --- layout and members ---------------------------------------------------------------------


def test_manifest_lists_an_absent_member_or_misses_a_present_one() -> None:
    ms = members(VALID)
    pdf = b"%PDF-1.4 fake"

    def listed_pdf(m: dict) -> None:
        m["members"]["report.pdf"] = {"sha256": "0" * 64, "size": 3}

    assert refused(forge(ms, manifest_of(VALID), SIGNER, edit=listed_pdf)).code == "member-missing"
    m = manifest_of(VALID)
    from lai_chau_desk.exchange.signing import sign

    mb = canonical_json({k: v for k, v in m.items()})
    unlisted = build_zip(
        {**ms, "report.pdf": pdf, "manifest.json": mb, "manifest.sig": sign(SIGNER.private, mb)}
    )
    assert refused(unlisted).code == "member-unlisted"


def test_report_kind_with_receipt_shaped_payload() -> None:
    receipt = {
        "subject": {
            "unit": "CDCS-A",
            "period": "2026S2",
            "revision": 1,
            "package_id": "11111111-2222-4333-8444-555555555555",
            "payload_sha256": "0" * 64,
        },
        "decision": "accepted",
        "comment": "",
        "decided_at": "2026-11-20T09:30:00+07:00",
    }
    assert refused(with_payload(canonical_json(receipt))).code == "schema"
    data = resign(VALID, SIGNER, edit=lambda m: (m.update(kind="receipt"), m.pop("figures")))
    refused(data)


def test_format_2_manifest_with_format_1_layout() -> None:
    ms = members(VALID)
    ms["children/CDCS-B.lcdx"] = VALID
    refused(build_zip(ms))
    assert (
        refused(resign(VALID, SIGNER, edit=lambda m: m.update(format_version=1))).code
        == "format-old"
    )
    for v in (3, "2", 2.0, None, True):
        refused(resign(VALID, SIGNER, edit=lambda m, v=v: m.update(format_version=v)))


def test_consolidated_units_member_without_its_table_row_or_signature() -> None:
    kid = report_bytes("CDCS-B", parent="CDCS-A", signer=key("CDCS-B"))
    cons = consolidated_bytes("CDCS-A", "CDVC-LC", [kid], signer=SIGNER)
    ms = members(cons)
    refused(build_zip({n: b for n, b in ms.items() if n != "units/CDCS-B/manifest.sig"}))
    refused(build_zip({n: b for n, b in ms.items() if n != "units/CDCS-B/payload.json"}))
    extra = dict(ms)
    extra["units/CDCS-C/payload.json"] = ms["units/CDCS-B/payload.json"]
    refused(build_zip(extra))


# --- fuzz ----------------------------------------------------------------------------------

CONS = consolidated_bytes(
    "CDCS-A",
    "CDVC-LC",
    [report_bytes("CDCS-B", parent="CDCS-A", signer=key("CDCS-B"))],
    signer=SIGNER,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(CONS) - 1), st.integers(0, 255)), min_size=1, max_size=6),
    st.integers(0, 64),
)
def test_fuzz_bytes_never_crash(edits: list[tuple[int, int]], cut: int) -> None:
    b = bytearray(CONS)
    for i, v in edits:
        b[i] = v
    data = bytes(b[: len(b) - cut])
    if data == CONS:
        return
    refused(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_inserted_bytes_never_crash(junk: bytes) -> None:
    at = len(junk) % len(CONS)
    data = CONS[:at] + junk + CONS[at:]
    if data != CONS:
        refused(data)


def test_deflate_settings_are_the_canonical_ones() -> None:
    assert zlib.decompress(deflate(b"abc"), -15) == b"abc"


def test_indicator_values_beyond_any_real_figure_refused() -> None:
    """1e308 twice sums to infinity, which no export can write: values are bounded."""
    p = payload()
    if not p["indicator_values"]:
        pytest.skip("simulated unit without indicator values")
    code = p["indicator_values"][0]["indicator_code"]
    for big in (1.7e308, 10**13):
        p["indicator_values"][0]["value"] = big
        p["figures"]["indicators"][code] = big

        def edit(m: dict, big=big) -> None:  # noqa: ANN001
            m["figures"]["indicators"][code] = big

        assert refused(resign(VALID, SIGNER, edit=edit, payload=canonical_json(p))).code == "schema"


def test_long_chain_in_the_table_is_refused_at_the_depth_limit_quickly() -> None:
    import time

    # the table of a flat package rewritten as a chain of 2,000 rows (rows only: refused by
    # the walk before any carried manifest is read)
    kid = report_bytes("CDCS-B", parent="CDCS-A", signer=key("CDCS-B"))

    def as_chain(table: dict, units: dict) -> None:
        row = table["units"][0]
        table["units"] = [
            dict(row, code=f"CH-{i:04d}", parent_code="CDCS-A" if i == 0 else f"CH-{i - 1:04d}")
            for i in range(2000)
        ]
        for i in range(2000):
            units[f"CH-{i:04d}"] = units["CDCS-B"]
        del units["CDCS-B"]

    data = consolidated_bytes("CDCS-A", "CDVC-LC", [kid], signer=SIGNER, edit=as_chain)
    start = time.perf_counter()
    assert refused(data, Limits(max_ratio=10_000)).code == "units-too-deep"
    assert time.perf_counter() - start < 5


def test_indicator_value_given_twice_is_refused() -> None:
    """Two values for one indicator: which one counts would depend on the reader (the
    figures agree with the last one read, as they did before this was refused)."""
    from lai_chau_desk.exchange.package import read_package

    p = payload()
    assert p["indicator_values"], "the simulated unit records an indicator"
    first = p["indicator_values"][0]
    p["indicator_values"].insert(0, dict(first, value=first["value"] + 5, note="bản khác"))
    assert read_package(resign(VALID, SIGNER, payload=canonical_json(payload())))
    e = refused(resign(VALID, SIGNER, payload=canonical_json(p)))
    assert e.code == "payload-inconsistent" and "lặp lại" in e.message, e
