"""Checks of a consolidation table against the reports carried under ``units/``, in memory
bounded by the package: the table checked row by row as it is read, the ordered whole-table
check only to word a refusal (``docs/lcdx-format.md`` §6, §7)."""

from __future__ import annotations

import json
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ..domain.figures import COUNTS
from .errors import PackageError
from .limits import Limits
from .payload_checks import _refuse, check_payload
from .signing import fingerprint, unb64

if TYPE_CHECKING:
    from .model import Embedded, Package
    from .ziplayout import Archive


def check_consolidation(pkg: Package, archive: Archive, limits: Limits) -> None:
    """The consolidation table lists exactly the reports under ``units/``; each is signed by
    the key its row names, says what its row says, sits in a tree below this unit, and a
    direct child's payload is the one its manifest signs. Fills ``pkg.units`` (compact) and
    ``pkg.subtree``.

    Memory bounded by the package, not the tree: the table is checked row by row as it is
    read (:func:`_streamed`), each carried report checked with its row and kept compact,
    never the parsed table nor a carried manifest. Only when that finds anything wrong is
    the table read and checked again whole, in the order of ``docs/lcdx-format.md`` §6 and
    §7 (:func:`_check_ordered`), so a refusal names the first failing check exactly as
    before (refused packages only pay for it)."""
    _check_table_size(archive)
    if _streamed(pkg, archive, limits):
        return
    from .reader import parse_checked

    if archive.encoded["consolidation.json"].size > WHOLE_OVER:
        _check_table_size(archive, _figures_bytes(archive))
    pkg.units = {}
    raw = archive.member("consolidation.json")
    assert raw is not None
    table = parse_checked(
        raw, "consolidation.json", limits.consolidation_bytes, limits, schema="consolidation"
    )
    _check_ordered(pkg, table, archive, limits)
    # Reached only if the ordered check accepts what the streamed pass did not vouch for:
    # the package is valid as checked here (none is known; the tests compare the two).


# The most bytes a valid table can hold beyond its rows' figures: per row, every field but
# the figures (a name of 300 characters of up to 4 bytes each, codes, hashes, key,
# fingerprint, the keys and punctuation: under 1,800 bytes); for the table, its four lists
# of at most 30,000 codes each and the subtree counts.
ROW_BYTES = 2048
HEAD_BYTES = 4 * 30_000 * 43 + 4096
# A refused table larger than this is bounded again, by the figures of the carried manifests
# that parse, before it is parsed whole to word its refusal.
WHOLE_OVER = 8 << 20


def _table_bound(archive: Archive, figures_bytes: Callable[[str], int] | None = None) -> int:
    """The most bytes a valid table holds for the reports carried in ``archive``: a valid
    row's figures equal those of its carried manifest, whose canonical bytes they are but
    for a number written as an integer in one and with a fraction in the other (``3`` and
    ``3.0`` are equal), at most 3 bytes more a value of at least 5 bytes: under twice the
    manifest's figures (``figures_bytes(name)``, or the manifest's whole size)."""
    names = [n for n in archive.encoded if n.endswith("/manifest.json")]
    size = figures_bytes or (lambda n: archive.encoded[n].size)
    return sum(2 * size(n) for n in names) + ROW_BYTES * len(names) + HEAD_BYTES


def _check_table_size(archive: Archive, figures_bytes: Callable[[str], int] | None = None) -> None:
    """Refuse, before reading it, a table larger than any valid table for the reports
    carried (:func:`_table_bound`). (A larger one is refused anyway, but wording that
    refusal would parse it whole: 64 MB of ``{},``, deflated into 700 KB, held 2 GB for
    14 s.)"""
    count = sum(1 for n in archive.encoded if n.endswith("/manifest.json"))
    if archive.encoded["consolidation.json"].size > _table_bound(archive, figures_bytes):
        raise _refuse(
            "Bảng tổng hợp (consolidation.json) lớn hơn mọi bảng hợp lệ cho "
            f"{count} báo cáo kèm theo; gói bị từ chối."
        )


def _figures_bytes(archive: Archive) -> Callable[[str], int]:
    """The canonical size of the figures of each carried manifest that parses (0 for one
    that does not: it cannot vouch for a row), each read on its own."""
    from .canonical import _DECODER, canonical_json

    def size(name: str) -> int:
        raw = archive.member(name)
        try:
            figures = _DECODER.decode((raw or b"").decode("utf-8")).get("figures")
            return len(canonical_json(figures)) if isinstance(figures, dict) else 0
        except (ValueError, AttributeError, RecursionError, TypeError):
            return 0

    return size


def _tree_error(parents: dict[str, str], top: str, limits: Limits) -> PackageError | None:
    """The first row (in table order) whose chain of ``parent_code`` does not reach ``top``
    through rows of the table within the depth limit, as its refusal; None if all do."""
    for code, parent in parents.items():  # a tree below this unit, of bounded depth: each
        level, cur = 1, parent  # walk stops at the depth limit (a chain of 30,000 rows
        while cur != top:  # costs 30,000 short walks, never 30,000²/2 steps)
            if cur not in parents or level > len(parents):
                return _refuse(
                    f"Đơn vị «{code}» trong bảng tổng hợp không thuộc cây đơn vị của "
                    f"«{top}» (cấp trên ghi: «{parent}»)."
                )
            if level >= limits.unit_depth:
                return PackageError(
                    "units-too-deep",
                    f"Gói tổng hợp có đơn vị «{code}» ở sâu quá "
                    f"{limits.unit_depth} cấp; gói bị từ chối.",
                )
            cur = parents[cur]
            level += 1
    return None


def _check_carried(
    pkg: Package,
    code: str,
    row: dict[str, Any],
    archive: Archive,
    limits: Limits,
    total: dict[str, int],
) -> Embedded:
    """Report ``code`` carried under ``units/``, checked on its own and against its ``row``
    of the table (§6 rules 3 and 4, in that order), its counts added to ``total``."""
    from .model import Embedded
    from .reader import parse_checked, read_carried, sha256

    manifest, raw, signature, public = read_carried(code, archive, limits)
    where = f"Báo cáo của đơn vị «{code}» kèm trong gói: "
    unit = manifest["unit"]
    if manifest["kind"] != "report" or unit["code"] != code:
        raise _refuse(f"{where}không phải báo cáo của đơn vị «{code}».")
    if unit["parent_code"] != row["parent_code"] or unit["name"] != row["name"]:
        raise _refuse(f"{where}đơn vị hoặc cấp trên khác với bảng tổng hợp.")
    period = manifest["period"]
    if period != pkg.period:
        raise _refuse(
            f"{where}thuộc kỳ khác ({period['code'] if period else None}, "
            f"từ {period['start'] if period else ''})."
        )
    manifest_sha256 = sha256(raw)
    if (
        manifest_sha256 != row["manifest_sha256"]
        or int(manifest["revision"]) != row["revision"]
        or str(manifest["package_id"]) != row["package_id"]
        or manifest["created_at"] != row["created_at"]
    ):
        raise _refuse(f"{where}không đúng bản được kê trong bảng tổng hợp.")
    if unb64(row["public_key"]) != public or fingerprint(public) != row["fingerprint"]:
        raise _refuse(f"{where}được ký bằng khóa khác với khóa ghi trong bảng tổng hợp.")
    figures = manifest.get("figures") or {}
    if row["figures"] != figures:
        raise _refuse(f"{where}số liệu khác với bảng tổng hợp.")
    payload_name = f"units/{code}/payload.json"
    direct = row["parent_code"] == pkg.unit_code
    if direct != (payload_name in archive.encoded):
        raise _refuse(
            f"{where}"
            + (
                "thiếu nội dung báo cáo (payload.json)."
                if direct
                else "chỉ đơn vị trực thuộc mới gửi kèm nội dung báo cáo."
            )
        )
    e = Embedded(
        code,
        manifest,
        archive.encoded[f"units/{code}/manifest.json"],
        signature,
        public,
        row["package_sha256"],
        manifest_sha256,
        row["fingerprint"],
        pkg.period,
    )
    if direct:
        payload_raw = archive.member(payload_name)
        assert payload_raw is not None
        listed = manifest["members"]["payload.json"]
        if len(payload_raw) != listed["size"] or sha256(payload_raw) != listed["sha256"]:
            raise PackageError(
                "hash-mismatch",
                f"{where}mã băm SHA-256 của nội dung báo cáo không khớp với manifest của đơn vị.",
            )
        payload = parse_checked(payload_raw, payload_name, limits.payload_bytes, limits, "report")
        check_payload(manifest, payload, where)
        e.set_payload(archive.encoded[payload_name], payload)
    for k in COUNTS:
        total[k] += int(figures[k])
    return e


def _check_ordered(pkg: Package, table: dict[str, Any], archive: Archive, limits: Limits) -> None:
    """Every check of §6 on the whole parsed table, in the order of the format (the first
    failing one is the refusal)."""
    top = pkg.unit_code
    rows = table["units"]
    by_code: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["code"] in by_code or row["code"] == top:
            raise _refuse(f"Bảng tổng hợp ghi đơn vị «{row['code']}» hai lần.")
        if by_code and row["code"] < next(reversed(by_code)):
            raise _refuse(
                f"Bảng tổng hợp phải ghi các đơn vị theo thứ tự mã («{row['code']}» "
                f"đứng sau «{next(reversed(by_code))}»)."
            )
        by_code[row["code"]] = row
    carried = _carried_codes(archive)
    if set(by_code) != carried:
        extra = sorted(carried - set(by_code)) or sorted(set(by_code) - carried)
        raise _refuse(
            "Danh sách đơn vị trong bảng tổng hợp không khớp với các báo cáo kèm theo "
            f"(«{extra[0]}»)."
        )
    error = _tree_error({c: r["parent_code"] for c, r in by_code.items()}, top, limits)
    if error is not None:
        raise error
    total = {k: int(pkg.figures[k]) for k in COUNTS}
    units: dict[str, Embedded] = {}
    for code in sorted(by_code):
        units[code] = _check_carried(pkg, code, by_code[code], archive, limits, total)
    direct = {c: r["timeliness"] for c, r in by_code.items() if r["parent_code"] == top}
    _check_totals(table, total, direct)
    pkg.units = units
    pkg.subtree = total


def _carried_codes(archive: Archive) -> set[str]:
    return {n.split("/")[1] for n in archive.encoded if n.startswith("units/")}


def _check_totals(table: dict[str, Any], total: dict[str, int], direct: dict[str, str]) -> None:
    """§6 rule 5: the subtree counts, and the lists of direct children (``direct``: the
    timeliness of each row whose parent is the package's unit)."""
    if table["subtree"] != total:
        raise _refuse(
            "Số liệu toàn khối trong bảng tổng hợp không bằng tổng số liệu của đơn vị và "
            "các báo cáo kèm theo."
        )
    listed = set(table["on_time"]) | set(table["late"])
    if listed & set(table["missing"]):
        raise _refuse("Bảng tổng hợp ghi một đơn vị vừa đã nộp vừa chưa nộp.")
    for key in ("expected", "on_time", "late", "missing"):
        codes = table[key]
        if any(a >= b for a, b in zip(codes, codes[1:], strict=False)):
            raise _refuse(
                f"Danh sách «{key}» của bảng tổng hợp phải theo thứ tự mã, mỗi mã một lần."
            )
    for key in ("on_time", "late"):
        if table[key] != sorted(c for c, t in direct.items() if t == key):
            raise _refuse(
                f"Danh sách «{key}» của bảng tổng hợp không đúng các đơn vị trực thuộc "
                "kèm theo có thời hạn nộp ghi trong bảng."
            )
    if not set(direct) | set(table["missing"]) <= set(table["expected"]):
        raise _refuse(
            "Danh sách «expected» của bảng tổng hợp thiếu đơn vị trực thuộc đã nộp hoặc chưa nộp."
        )


class _NotStreamable(Exception):
    """The streamed pass met something it does not vouch for: check the table whole."""


_UNITS_KEY = b'"units":['  # the last key of a canonical table (keys sorted)
_WINDOW = 1 << 16  # bytes of the table decoded at a time
_PIECE = 1 << 16  # compressed bytes of the table inflated at a time
_OUT = 1 << 18  # most inflated bytes taken at a time


@cache
def _row_schema() -> tuple[Callable[[Any], bool], int] | None:
    """The compiled yes/no of one row of ``units`` and the most rows the schema allows, or
    None when the schema is not of the shape the streamed pass splits (every table is then
    checked whole)."""
    import fastjsonschema

    from .schema import Unsupported, fast_form, schema

    try:
        units = fast_form(schema("consolidation"))["properties"]["units"]
    except (Unsupported, KeyError, TypeError):
        return None
    if set(units) != {"type", "maxItems", "items"} or units["type"] != "array":
        return None
    items = units["items"]
    if "$ref" in json.dumps(items):  # a reference left (recursive): not self-contained
        return None
    compiled = fastjsonschema.compile(
        items, use_default=False, use_formats=False, detailed_exceptions=False
    )
    refused = fastjsonschema.JsonSchemaValueException

    def check(row: Any) -> bool:
        try:
            compiled(row)
        except refused:
            return False
        return True

    return check, int(units["maxItems"])


class _Table:
    """The bytes of ``consolidation.json`` from ``base`` on, inflated from the file a piece
    at a time as they are read (the whole member when the archive check kept it)."""

    def __init__(self, archive: Archive) -> None:
        enc = archive.encoded["consolidation.json"]
        self.size = enc.size
        kept = archive.members.get("consolidation.json")
        self.buf: bytes = kept if kept is not None else b""
        self.base = 0
        self._whole = kept is not None
        self._comp = enc.data
        self._at = 0
        self._tail = b""
        self._inflate = zlib.decompressobj(-15)

    def upto(self, stop: int, keep: int) -> None:
        """Hold at least the bytes from ``keep`` (which only grows) up to ``stop``."""
        if self._whole:
            return
        if keep > self.base:
            self.buf = self.buf[keep - self.base :]
            self.base = keep
        parts, have = [self.buf], self.base + len(self.buf)
        while have < stop:
            if self._tail:
                piece: bytes | memoryview = self._tail
            else:
                piece = self._comp[self._at : self._at + _PIECE]
                self._at += len(piece)
            out = self._inflate.decompress(piece, _OUT)
            self._tail = self._inflate.unconsumed_tail
            if not out and not self._tail and (self._at >= len(self._comp) or not piece):
                break  # (cannot happen: the archive check inflated exactly ``size``)
            parts.append(out)
            have += len(out)
        self.buf = b"".join(parts)

    def at(self, start: int, stop: int) -> bytes:
        """The bytes from ``start`` to ``stop``, nothing before ``start`` held any more."""
        self.upto(stop, start)
        return self.buf[start - self.base : stop - self.base]


def _rows(src: _Table, pos: int, end: int, member: str) -> Iterator[dict[str, Any]]:
    """The values of the array body from ``pos`` to ``end`` of the table (``v,v,…,v``),
    each parsed from a window of the text and checked to be exactly its own canonical bytes
    (§3), text rules included; :class:`_NotStreamable` at anything else. The concatenation
    checked is then the canonical form of the whole array, so no row is held with another
    and the table's bytes are held a window at a time."""
    from .canonical import _DECODER
    from .strict import _suspect, canonical_bytes, check_text

    text, i, cut = "", 0, pos
    while pos < end:
        while True:
            try:
                value, j = _DECODER.raw_decode(text, i)
            except (ValueError, RecursionError):
                j = -1  # incomplete (the window ends inside it) or not JSON
            if j >= 0 and (j < len(text) or cut >= end):
                break
            if cut >= end:
                raise _NotStreamable
            new_cut = min(end, cut + max(_WINDOW, 2 * (len(text) - i)))
            src.upto(new_cut + 1, pos)
            while new_cut < end and src.buf[new_cut - src.base] & 0xC0 == 0x80:
                new_cut -= 1  # a character's start
            if new_cut <= cut:
                new_cut = end
            try:
                text = text[i:] + src.buf[cut - src.base : new_cut - src.base].decode("utf-8")
            except UnicodeDecodeError:
                raise _NotStreamable from None
            i, cut = 0, new_cut
        encoded = canonical_bytes(value)  # (docs §3), compared with the text it was read from
        canonical = text[i:j]
        if encoded is None or canonical.encode("utf-8") != encoded:
            raise _NotStreamable
        if _suspect(encoded, canonical) or not (
            canonical.isascii() or unicodedata.is_normalized("NFC", canonical)
        ):
            try:
                check_text(value, member)
            except PackageError:
                raise _NotStreamable from None
        yield value
        pos += len(encoded)
        i = j
        if pos < end:  # a "," (held: the text went past it) and another row
            if src.buf[pos - src.base] != 0x2C or pos + 1 == end:
                raise _NotStreamable
            pos += 1
            i += 1


def _streamed(pkg: Package, archive: Archive, limits: Limits) -> bool:
    """Every check of :func:`_check_ordered` (and of §3 and the schema on the table), made
    row by row as the table is read, in one pass: True when all pass (``pkg.units`` and
    ``pkg.subtree`` filled), False at the first failure, whatever it is."""
    from .reader import parse_checked

    shape = _row_schema()
    member = "consolidation.json"
    src = _Table(archive)
    if shape is None or src.size > limits.consolidation_bytes:
        return False
    reach = _WINDOW
    while True:  # the table up to its rows: every key but "units", the last one
        src.upto(min(src.size, reach), 0)
        cut = src.buf.find(_UNITS_KEY)
        if cut >= 0 or src.base + len(src.buf) >= src.size:
            break
        reach *= 2
    start, end = cut + len(_UNITS_KEY), src.size - 2
    if cut < 0 or end < start:
        return False
    row_valid, most = shape
    top = pkg.unit_code
    carried = _carried_codes(archive)
    parents: dict[str, str] = {}
    last = ""
    direct: dict[str, str] = {}
    units: dict[str, Embedded] = {}
    total = {k: int(pkg.figures[k]) for k in COUNTS}
    try:
        # The table without its rows: canonical, text rules, and the schema (``units: []``).
        head = parse_checked(
            src.at(0, start) + b"]}", member, limits.consolidation_bytes, limits, "consolidation"
        )
        for row in _rows(src, start, end, member):
            if len(parents) >= most or not row_valid(row):
                return False
            code = row["code"]
            if code in parents or code == top or code not in carried or code < last:
                return False
            last = code
            parents[code] = row["parent_code"]
            if row["parent_code"] == top:
                direct[code] = row["timeliness"]
            units[code] = _check_carried(pkg, code, row, archive, limits, total)
        if src.at(end, src.size) != b"]}":
            return False
        if len(parents) != len(carried) or _tree_error(parents, top, limits) is not None:
            return False
        _check_totals(head, total, direct)
    except (PackageError, _NotStreamable):
        return False
    pkg.units = {code: units[code] for code in sorted(units)}
    pkg.subtree = total
    return True
