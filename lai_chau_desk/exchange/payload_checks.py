"""Checks of a payload against its manifest, and of a consolidation table against the
reports carried under ``units/``."""

from __future__ import annotations

import json
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..domain.figures import BREAKDOWNS, COUNTS, MANIFEST_FIGURES
from ..domain.sessions import SESSION_COUNTS
from .errors import PackageError
from .limits import Limits
from .signing import fingerprint, unb64
from .strict import check_date, check_moment

if TYPE_CHECKING:
    from .model import Embedded, Package
    from .ziplayout import Archive


def _refuse(message: str) -> PackageError:
    return PackageError("payload-inconsistent", message)


def _check_dates(kind: str, p: dict[str, Any]) -> None:
    """Every date a real calendar date within 2000–2200 (the schema only checks the shape)."""
    if kind == "report":
        for d in (
            p["period"]["start"],
            p["period"]["end"],
            p["period"]["due"],
            p["profile_counts"]["counts_as_of"],
        ):
            check_date(d)
        for s in p["sessions"]:
            check_date(s["held_on"])
        for s in p["supervisions"]:
            check_date(s["held_on"])
            for r in s["recommendations"]:
                check_date(r["status_on"])
    elif kind == "receipt":
        check_moment(p["decided_at"])
    else:
        for d in p["directives"]:
            check_date(d["issued_on"])
        for u in p["units"]:
            check_date(u["valid_from"])
            check_date(u["valid_to"])


_SESSION_SUMS = tuple((c.figure, c.name) for c in SESSION_COUNTS)
# Each signed figure with the value it has when no record gives it one.
_MANIFEST_DEFAULTS = tuple((name, name in BREAKDOWNS) for name in MANIFEST_FIGURES)


# The session fields summed and the figure each goes into (one getter takes them all).
_SUMMED = tuple(figure for figure, _name in _SESSION_SUMS)
_COUNTED = itemgetter(*(name for _figure, name in _SESSION_SUMS))
_FORM = itemgetter("form")


def _projection(figures: dict[str, Any]) -> dict[str, Any]:
    """:func:`~lai_chau_desk.domain.figures.manifest_figures` but for the order of the
    mappings: what is only compared (``==`` on dictionaries ignores their order)."""
    get = figures.get
    return {name: get(name, {} if breakdown else 0) for name, breakdown in _MANIFEST_DEFAULTS}


def record_figures(p: dict[str, Any]) -> dict[str, Any]:
    """Every additive figure of a report payload, computed from its records, as the manifest
    signs them (order of the mappings aside: the result is only compared).

    The payload has passed its schema, so every counted field is an integer and every yes/no
    a boolean (``True`` counts one): the sums and tallies are taken by ``sum`` and
    ``Counter`` over columns, not field by field in Python."""
    sessions, sups = p["sessions"], p["supervisions"]
    f: dict[str, Any] = dict.fromkeys(COUNTS, 0)
    if sessions:
        columns = (
            zip(*map(_COUNTED, sessions), strict=True)
            if len(_SUMMED) > 1
            else ([_COUNTED(s) for s in sessions],)
        )
        for figure, column in zip(_SUMMED, columns, strict=True):
            f[figure] += sum(column)
    by_dir: dict[str, int] = {}
    people_dir: dict[str, int] = {}
    people_month: dict[str, int] = {}
    months = [s["held_on"][:7] for s in sessions]
    for s, month in zip(sessions, months, strict=True):
        n = s["participants"]
        people_month[month] = people_month.get(month, 0) + n
        for code in set(s["directives"]):
            by_dir[code] = by_dir.get(code, 0) + 1
            people_dir[code] = people_dir.get(code, 0) + n
    f["sessions"] = len(sessions)
    by_status = Counter(r["status"] for s in sups for r in s["recommendations"])
    f["recommendations"] = sum(by_status.values())
    f["supervisions"] = len(sups)
    f.update(
        sessions_by_form=dict(Counter(map(_FORM, sessions))),
        sessions_by_directive=by_dir,
        participants_by_directive=people_dir,
        sessions_by_month=dict(Counter(months)),
        participants_by_month=people_month,
        supervisions_by_field=dict(Counter(s["field"] for s in sups)),
        supervisions_by_role=dict(Counter(s["role"] for s in sups)),
        recommendations_by_status=dict(by_status),
        indicators={v["indicator_code"]: v["value"] for v in p["indicator_values"]},
    )
    return _projection(f)


def check_report(manifest: dict[str, Any], p: dict[str, Any], where: str = "") -> None:
    """A report payload agrees with its manifest and with itself (``where`` prefixes the
    refusal when the report is carried inside another package)."""
    m = manifest
    if (
        p["unit"]["code"] != m["unit"]["code"]
        or p["unit"]["parent_code"] != m["unit"]["parent_code"]
        or p["unit"]["name"] != m["unit"]["name"]
    ):
        raise _refuse(f"{where}Đơn vị trong nội dung báo cáo khác với đơn vị ghi trong manifest.")
    period = {k: p["period"][k] for k in ("code", "start", "end")}
    if period != m["period"]:
        raise _refuse(f"{where}Kỳ báo cáo trong nội dung khác với kỳ ghi trong manifest.")
    f = p["figures"]
    if f["unit"] != p["unit"]["code"] or f["period"] != p["period"]["code"]:
        raise _refuse(f"{where}Bảng số liệu ghi sai đơn vị hoặc kỳ báo cáo.")
    start, end = p["period"]["start"], p["period"]["end"]
    for s in p["sessions"]:
        if max(s["union_members"], s["female"], s["ethnic_minority"]) > s["participants"]:
            raise _refuse(
                f"{where}Có buổi tuyên truyền ghi số thành phần lớn hơn số người tham dự."
            )
    for rec in (*p["sessions"], *p["supervisions"]):
        if not start <= rec["held_on"] <= end:
            raise _refuse(f"{where}Có bản ghi ngày {rec['held_on']} nằm ngoài kỳ báo cáo.")
    computed = record_figures(p)
    declared = _projection(f)
    for key, value in computed.items():
        if declared[key] != value:
            shown = value if not isinstance(value, dict) else "…"
            raise _refuse(
                f"{where}Số liệu «{key}» ({declared[key] if not isinstance(value, dict) else '…'}) "
                f"không khớp với các bản ghi ({shown})."
            )
    if f["roster_reached"] > f["roster_members"]:
        raise _refuse(f"{where}Số đoàn viên được quán triệt lớn hơn số đoàn viên trong danh sách.")
    if m["figures"] != declared:
        raise _refuse(
            f"{where}Số liệu ký trong manifest khác với số liệu tính từ nội dung báo cáo."
        )


def check_payload(manifest: dict[str, Any], payload: dict[str, Any], where: str) -> None:
    """Dates of the payload's kind, then agreement between payload and manifest."""
    kind = manifest["kind"]
    _check_dates(kind, payload)
    if kind == "report":
        check_report(manifest, payload, where)
    elif kind == "receipt" and payload["subject"]["period"] != manifest["period"]["code"]:
        raise _refuse("Kỳ báo cáo trong phiếu tiếp nhận khác với kỳ ghi trong manifest.")


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
    if _streamed(pkg, archive, limits):
        return
    from .reader import parse_checked

    pkg.units = {}
    raw = archive.member("consolidation.json")
    assert raw is not None
    table = parse_checked(
        raw, "consolidation.json", limits.consolidation_bytes, limits, schema="consolidation"
    )
    _check_ordered(pkg, table, archive, limits)
    # Reached only if the ordered check accepts what the streamed pass did not vouch for:
    # the package is valid as checked here (none is known; the tests compare the two).


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
    _check_totals(table, total)
    pkg.units = units
    pkg.subtree = total


def _carried_codes(archive: Archive) -> set[str]:
    return {n.split("/")[1] for n in archive.encoded if n.startswith("units/")}


def _check_totals(table: dict[str, Any], total: dict[str, int]) -> None:
    if table["subtree"] != total:
        raise _refuse(
            "Số liệu toàn khối trong bảng tổng hợp không bằng tổng số liệu của đơn vị và "
            "các báo cáo kèm theo."
        )
    listed = set(table["on_time"]) | set(table["late"])
    if listed & set(table["missing"]):
        raise _refuse("Bảng tổng hợp ghi một đơn vị vừa đã nộp vừa chưa nộp.")


class _NotStreamable(Exception):
    """The streamed pass met something it does not vouch for: check the table whole."""


_UNITS_KEY = b'"units":['  # the last key of a canonical table (keys sorted)
_WINDOW = 1 << 16  # bytes of the table decoded at a time
_PIECE = 1 << 16  # compressed bytes of the table inflated at a time
_OUT = 1 << 18  # most inflated bytes taken at a time
_ROW_ENCODER = json.JSONEncoder(  # the canonical serialisation (docs §3), as strict.py's
    ensure_ascii=False,
    sort_keys=True,
    separators=(",", ":"),
    allow_nan=False,
    check_circular=False,
)


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
    from .strict import _suspect, check_text

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
        canonical = _ROW_ENCODER.encode(value)
        encoded = canonical.encode("utf-8")
        if j - i != len(canonical) or not src.buf.startswith(encoded, pos - src.base):
            raise _NotStreamable
        if _suspect(encoded) or not (
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
            if code in parents or code == top or code not in carried:
                return False
            parents[code] = row["parent_code"]
            units[code] = _check_carried(pkg, code, row, archive, limits, total)
        if src.at(end, src.size) != b"]}":
            return False
        if len(parents) != len(carried) or _tree_error(parents, top, limits) is not None:
            return False
        _check_totals(head, total)
    except (PackageError, _NotStreamable):
        return False
    pkg.units = {code: units[code] for code in sorted(units)}
    pkg.subtree = total
    return True
