"""Canonical JSON: the exact bytes that are hashed and signed, and a guarded parser."""

from __future__ import annotations

import json
from typing import Any

from .errors import PackageError


def canonical_json(data: Any) -> bytes:
    """UTF-8 JSON with sorted keys, no insignificant whitespace, no NaN: the same data always
    gives the same bytes."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON constant {name}")


class JsonFloat(float):
    """A number written with a fraction or an exponent (``1.0``, ``1e3``). JSON Schema calls
    ``1.0`` an integer; the format does not (a count, a revision or a sort order is written
    ``1``, never ``1.0``): this float never claims to be integral, so both validators refuse
    it wherever the schema says ``integer``, and it serialises exactly as a float does."""

    __slots__ = ()

    def is_integer(self) -> bool:  # noqa: D102 - see the class
        return False


def _finite(text: str) -> JsonFloat:
    """A number with a fraction or an exponent; one beyond a double (``1e400``) is refused
    as NaN and the infinities are (docs §3: ``json-invalid``)."""
    value = JsonFloat(text)
    if value in (_INF, -_INF):
        raise ValueError(f"number out of range {text[:40]}")
    return value


_INF = float("inf")
_DECODER = json.JSONDecoder(
    parse_constant=_reject_constant,  # built once, not per member
    parse_float=_finite,
)


def depth(value: Any, limit: int | None = None) -> int:
    """Nesting depth of parsed JSON, level by level (no recursion on hostile input; each
    level is taken by C loops, so two million ``{}`` cost a fraction of a second, not
    seconds). With ``limit``, stops once the depth is known to exceed it."""
    deepest = 0
    level = [value]
    while True:
        level = [v for v in level if type(v) is dict or type(v) is list]  # containers
        if not level:
            return deepest
        deepest += 1
        if limit is not None and deepest > limit:
            return deepest
        below: list[Any] = []
        for v in level:
            below.extend(v.values() if type(v) is dict else v)
        level = below


def check_depth(data: Any, member: str, max_depth: int) -> None:
    if depth(data, max_depth) > max_depth:
        raise PackageError(
            "json-too-deep", f"Nội dung «{member}» lồng nhau quá sâu (tối đa {max_depth} cấp)."
        )


def parse_json(raw: bytes, member: str, max_bytes: int, max_depth: int | None) -> Any:
    """Parse a JSON member or raise :class:`PackageError` with a Vietnamese message.

    With ``max_depth=None`` the depth is left to the schema check (which bounds the depth of
    every valid document and measures it before describing an invalid one)."""
    data, _text = parse_json_text(raw, member, max_bytes, max_depth)
    if max_depth is not None:
        check_depth(data, member, max_depth)
    return data


def parse_json_text(
    raw: bytes, member: str, max_bytes: int, max_depth: int | None = None
) -> tuple[Any, str]:
    """What :func:`parse_json` parses (depth unchecked), and the text it was decoded to."""
    if len(raw) > max_bytes:
        raise PackageError(
            "json-too-large",
            f"Thành phần «{member}» quá lớn ({len(raw)} byte, tối đa {max_bytes}).",
        )
    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):  # as json.loads words it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = _DECODER.decode(text)
    except RecursionError:
        raise PackageError(
            "json-too-deep", f"Nội dung «{member}» lồng nhau quá sâu (tối đa {max_depth} cấp)."
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(
            "json-invalid", f"Nội dung «{member}» không phải JSON hợp lệ (UTF-8): {exc}."
        ) from None
    return data, text
