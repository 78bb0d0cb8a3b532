"""The strict rules every JSON member of a package obeys (``docs/lcdx-format.md`` §3):
canonical bytes (so no duplicate keys, no insignificant whitespace, no escapes where a
character would do), text in Unicode NFC without control characters (newline and tab only in
multi-line fields), and dates within 2000–2200."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

import orjson

from ..domain.text import hidden_characters
from .canonical import JsonFloat, parse_json_text
from .errors import PackageError, char_class

# Strings under these keys (and the values of ``narrative``) may hold newlines and tabs.
MULTILINE_KEYS = frozenset({"note", "content", "findings", "text", "comment"})
MULTILINE_PARENTS = frozenset({"narrative"})
# The characters no string holds (docs §3, text rules): the hidden characters of the domain
# (controls, format characters, line and paragraph separators, default ignorables), tab and
# newline aside in multi-line fields.
_HIDDEN = hidden_characters()


_FORBIDDEN_LINE = char_class(_HIDDEN)
_FORBIDDEN_MULTI = char_class(_HIDDEN - {9, 10})
MIN_YEAR, MAX_YEAR = 2000, 2200
# The canonical serialisation (docs §3: ``json.dumps(value, ensure_ascii=False,
# sort_keys=True, separators=(",", ":"), allow_nan=False)``), built once. Parsed JSON holds no
# reference cycle, so the encoder's cycle bookkeeping (an ``id()`` dictionary kept over every
# container) is left out: the output is the same bytes.
_CANONICAL = json.JSONEncoder(
    ensure_ascii=False,
    sort_keys=True,
    separators=(",", ":"),
    allow_nan=False,
    check_circular=False,
)


def _float_fragment(value: Any) -> Any:
    """A number with a fraction, written as ``json`` writes it (``float.__repr__``: ``1e-05``,
    where orjson would write ``0.00001``)."""
    if type(value) is JsonFloat:
        return orjson.Fragment(float.__repr__(value))
    raise TypeError(type(value).__name__)


def canonical_bytes(data: Any) -> bytes | None:
    """The canonical bytes of ``data`` as parsed by :func:`parse_json_text` (every number with
    a fraction a :class:`JsonFloat`), or None if it has none (a lone surrogate, NaN).

    The same bytes as :data:`_CANONICAL`, in a tenth of its time: orjson sorts keys in code
    point order (the order of their UTF-8 bytes), escapes exactly the characters ``json``
    escapes and in the same way (``\\"``, ``\\\\``, ``\\n``… and ``\\u00XX`` for the other C0
    controls, nothing else), writes integers alike, and is handed each float already written by
    :func:`_float_fragment`. What it cannot write (an integer beyond 64 bits, a lone surrogate)
    goes to ``json``. ``tests/exchange/test_canonical_bytes.py`` compares the two on every code
    point and on generated documents."""
    try:
        return orjson.dumps(data, default=_float_fragment, option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        pass
    try:
        return _CANONICAL.encode(data).encode("utf-8")
    except (ValueError, UnicodeEncodeError):  # NaN; a lone surrogate has no UTF-8 bytes
        return None


def _duplicates(raw: bytes) -> str | None:
    """The first duplicate object key of ``raw`` (which parses), or None."""
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict:
        seen: set[str] = set()
        for k, _v in pairs:
            if k in seen and not found:
                found.append(k)
            seen.add(k)
        return dict(pairs)

    try:
        json.loads(raw.decode("utf-8"), object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


# In canonical bytes a control character of C0 is always an escape (``\n``, ``\u001b``…),
# U+007F is itself, every other hidden character is its UTF-8 sequence. So the bytes of a
# member can hold a forbidden character only if they hold such an escape, U+007F, or the
# lead byte of a hidden character (each a memchr); for a lead byte found, its characters are
# looked for in the text one by one (each a fast scan) when they are few, by one regular
# expression over their UTF-8 sequences (led by that byte) when they are many. A match may be a false alarm (an escaped backslash before
# "n", a tab in a note) and only means the strings are checked one by one.
_ESCAPE = re.compile(rb"\\[bfnrtu]")


def _utf8_pattern(points: set[int]) -> re.Pattern[bytes]:
    """The UTF-8 sequences of ``points`` (all with the same lead byte) as one expression
    starting with that byte (which the regular expression engine looks for first)."""
    tails: dict[bytes, set[int]] = {}
    for c in points:
        b = chr(c).encode("utf-8")
        tails.setdefault(b[:-1], set()).add(b[-1])
    lead = next(iter(tails))[:1]
    alternatives = (
        re.escape(head[1:]) + b"[" + b"".join(re.escape(bytes([x])) for x in sorted(last)) + b"]"
        for head, last in sorted(tails.items())
    )
    return re.compile(re.escape(lead) + b"(?:" + b"|".join(alternatives) + b")")


def _by_lead() -> tuple[tuple[bytes, str | None, re.Pattern[bytes] | None], ...]:
    groups: dict[bytes, set[int]] = {}
    for c in _HIDDEN:
        if c >= 0x80 and not 0xD800 <= c < 0xE000:
            groups.setdefault(chr(c).encode("utf-8")[:1], set()).add(c)
    return tuple(
        (lead, "".join(map(chr, sorted(cs))), None)
        if len(cs) <= 12
        else (lead, None, _utf8_pattern(cs))
        for lead, cs in sorted(groups.items())
    )


_LEADS = _by_lead()


def _suspect(raw: bytes, text: str) -> bool:
    """Whether canonical bytes ``raw`` (decoded: ``text``) may hold a character the text
    rules refuse (see above)."""
    if b"\x7f" in raw or _ESCAPE.search(raw) is not None:
        return True
    for lead, few, many in _LEADS:
        if lead in raw:
            if few is not None:
                if any(c in text for c in few):
                    return True
            elif many is not None and many.search(raw) is not None:
                return True
    return False


def strict_json(raw: bytes, member: str, max_bytes: int, max_depth: int | None) -> Any:
    """Parse a JSON member and refuse it unless its bytes are exactly the canonical form of
    what they parse to and its text obeys :func:`check_text`. The depth is bounded by the
    schema each member is then checked against (``max_depth`` bounds what this function
    itself would walk)."""
    data, text = parse_json_text(raw, member, max_bytes, max_depth)
    try:
        canonical = canonical_bytes(data)
    except RecursionError:
        raise PackageError(
            "json-too-deep", f"Nội dung «{member}» lồng nhau quá sâu (tối đa {max_depth} cấp)."
        ) from None
    if canonical != raw:
        dup = _duplicates(raw)
        if dup is not None:
            raise PackageError(
                "json-duplicate-key",
                f"Nội dung «{member}» có khóa «{dup}» lặp lại; gói bị từ chối.",
            )
        raise PackageError(
            "json-not-canonical",
            f"Nội dung «{member}» không ở dạng JSON chuẩn tắc của định dạng .lcdx "
            "(thứ tự khóa, khoảng trắng hoặc cách viết ký tự); gói đã bị sửa "
            "hoặc không do Lai Châu Desk lập.",
        )
    if not _suspect(raw, text) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return data  # no string can break a text rule (see _SUSPECT; NFC of the whole text
        # is NFC of every string, each being delimited by '"', which composes with nothing)
    if max_depth is not None:
        from .canonical import check_depth

        check_depth(data, member, max_depth)
    check_text(data, member)
    return data


def check_text(data: Any, member: str) -> None:
    """Every key and string NFC; control characters refused (newline and tab allowed only
    in multi-line fields). Iterative, so hostile nesting cannot exhaust the stack."""
    stack: list[tuple[Any, str, bool]] = [(data, "", False)]
    while stack:
        value, key, multi = stack.pop()
        if type(value) is str:
            _check_string(value, key, multi, member)
        elif type(value) is dict:
            narrative = key in MULTILINE_PARENTS
            for k, v in value.items():
                _check_string(k, key, False, member)
                stack.append((v, k, narrative or k in MULTILINE_KEYS))
        elif type(value) is list:
            stack.extend((v, key, multi) for v in value)


def _check_string(s: str, key: str, multi: bool, member: str) -> None:
    if s.isascii():
        if s.isprintable() or not (_FORBIDDEN_MULTI if multi else _FORBIDDEN_LINE).search(s):
            return
    else:
        bad = (_FORBIDDEN_MULTI if multi else _FORBIDDEN_LINE).search(s)
        if bad is None:
            if unicodedata.is_normalized("NFC", s):
                return
            raise PackageError(
                "text-not-nfc",
                f"Văn bản trong «{member}» (trường «{key or '(gốc)'}») không ở dạng "
                "chuẩn Unicode NFC; gói bị từ chối.",
            )
    bad = (_FORBIDDEN_MULTI if multi else _FORBIDDEN_LINE).search(s)
    char = bad.group() if bad else "?"
    raise PackageError(
        "text-control",
        f"Văn bản trong «{member}» (trường «{key or '(gốc)'}») có ký tự điều khiển "
        f"{char!r} không được phép; gói bị từ chối.",
    )


def clean_value(data: Any, key: str = "", multi: bool = False) -> Any:
    """What a writer puts in a package: ``data`` with every string NFC and every forbidden
    character removed, so an export always passes :func:`check_text`."""
    if isinstance(data, str):
        s = unicodedata.normalize("NFC", data)
        return (_FORBIDDEN_MULTI if multi else _FORBIDDEN_LINE).sub("", s)
    if isinstance(data, dict):
        narrative = key in MULTILINE_PARENTS
        return {
            clean_value(k): clean_value(v, k, narrative or k in MULTILINE_KEYS)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [clean_value(v, key, multi) for v in data]
    return data


def _out_of_range(value: str) -> PackageError:
    return PackageError(
        "date-out-of-range",
        f"Ngày «{value}» trong gói nằm ngoài khoảng năm {MIN_YEAR}–{MAX_YEAR}; gói bị từ chối.",
    )


def check_date(value: Any) -> date | None:
    """A real calendar date ``YYYY-MM-DD`` within 2000–2200 (``None`` passes)."""
    if value is None:
        return None
    try:
        d = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise PackageError("date-invalid", f"Ngày «{value}» trong gói không có thật.") from None
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise _out_of_range(value)
    return d


def check_moment(value: Any) -> datetime:
    """An ISO 8601 moment with its UTC offset, within 2000–2200 both as written and in UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise PackageError("date-invalid", f"Thời điểm «{value}» trong gói không hợp lệ.") from None
    if moment.tzinfo is None:
        raise PackageError("date-invalid", f"Thời điểm «{value}» trong gói thiếu múi giờ.")
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise _out_of_range(value)
    try:
        utc = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise _out_of_range(value) from None
    if not MIN_YEAR <= utc.year <= MAX_YEAR:
        raise _out_of_range(value)
    return moment
