"""The published JSON Schemas (``schemas/*.json``) and Vietnamese validation messages.

Two libraries, two jobs. :mod:`fastjsonschema` compiles each schema to Python once and gives
the fast yes/no on every package; only a document it refuses is walked by :mod:`jsonschema`
(Draft 2020-12), whose ``best_match`` words the refusal in Vietnamese.

fastjsonschema implements drafts 4 to 2019-09, not 2020-12, so each schema is handed to it
after :func:`fast_form` has checked and rewritten it: every keyword must be one whose meaning
is the same in both (anything else — ``unevaluatedProperties``, a remote ``$ref``… — leaves
that schema to jsonschema alone, correct but slower, and ``tests/exchange/test_fastschema.py``
fails so it is noticed), and a ``$ref`` with sibling keywords (applied together in 2020-12,
siblings ignored by fastjsonschema) becomes an ``allOf``.

Regular expressions: fastjsonschema reads ``$`` as the end of the text, as ECMA-262 does,
where Python's ``re`` also lets it match before a final newline. The stricter reading wins:
the jsonschema validator used for wording reads ``pattern`` the same way (:data:`_END`), so
both refuse ``"2026S2\\n"`` and the message names the place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import PackageError

SCHEMA_DIR = Path(__file__).parent / "schemas"
SUFFIX = ".schema.json"


def _names() -> tuple[str, ...]:
    return tuple(sorted(p.name.removesuffix(SUFFIX) for p in SCHEMA_DIR.glob(f"*{SUFFIX}")))


#: Every schema published in ``schemas/`` (by name: ``report`` for ``report.schema.json``).
SCHEMAS = _names()

_END = re.compile(r"(?<!\\)\$")  # an unescaped "$": the end of the text, never before a "\n"

# Keywords whose schema values are read alike by fastjsonschema and jsonschema 2020-12.
_ANNOTATIONS = {
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "examples",
    "default",
    "format",
    "deprecated",
    "readOnly",
    "writeOnly",
}
_VALUE_KEYWORDS = {
    "type",
    "enum",
    "const",
    "required",
    "maxLength",
    "minLength",
    "pattern",
    "maximum",
    "minimum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
}
_ONE_SCHEMA = {"additionalProperties", "items", "propertyNames", "not"}
_SCHEMA_LIST = {"anyOf", "allOf", "oneOf"}
_SCHEMA_MAP = {"properties", "patternProperties", "$defs"}


class Unsupported(ValueError):
    """A schema uses a keyword fastjsonschema would read differently from Draft 2020-12."""


@cache
def schema(name: str) -> dict:
    """The parsed schema ``schemas/<name>.schema.json``, its figure and session-count fields
    filled in from the domain's declaration (:mod:`.schema_fields`)."""
    from .schema_fields import derive

    return derive(name, json.loads((SCHEMA_DIR / f"{name}{SUFFIX}").read_text("utf-8")))


def fast_form(
    node: Any, where: str = "#", root: Any = None, expanding: tuple[str, ...] = ()
) -> Any:
    """``node`` rewritten for fastjsonschema with the meaning it has in Draft 2020-12, or
    :class:`Unsupported` naming the first keyword that cannot be carried over.

    Local references are inlined (fastjsonschema calls a function per reference and formats
    the value's path for every call — most of its time on a payload of a hundred sessions);
    a reference back into one being inlined stays a ``$ref``."""
    root = node if root is None else root
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise Unsupported(f"{where}: a schema must be an object or a boolean")
    out: dict[str, Any] = {}
    for key, value in node.items():
        at = f"{where}/{key}"
        if key in _ANNOTATIONS:
            if key != "format":  # format is an annotation in 2020-12: never asserted
                out[key] = value
        elif key in _VALUE_KEYWORDS:
            if key == "pattern":
                _check_pattern(value, at)
            if key in ("exclusiveMaximum", "exclusiveMinimum") and isinstance(value, bool):
                raise Unsupported(f"{at}: the draft-4 boolean form")
            if key == "const":  # the same test; fastjsonschema 2.22 cannot compile a
                out.setdefault("allOf", []).append({"enum": [value]})  # const without
                continue  # detailed exceptions
            out[key] = value
        elif key in _ONE_SCHEMA:
            if key == "items" and not isinstance(value, dict | bool):
                raise Unsupported(f"{at}: an array of schemas (prefixItems in 2020-12)")
            out[key] = fast_form(value, at, root, expanding)
        elif key in _SCHEMA_LIST:
            out.setdefault(key, []).extend(
                fast_form(v, f"{at}/{i}", root, expanding) for i, v in enumerate(value)
            )
        elif key in _SCHEMA_MAP:
            if key == "patternProperties":
                for pattern in value:
                    _check_pattern(pattern, at)
            if key == "$defs" and where != "#":
                raise Unsupported(f"{at}: definitions below the root")
            out[key] = {k: fast_form(v, f"{at}/{k}", root, expanding) for k, v in value.items()}
        elif key == "$ref":
            if not isinstance(value, str) or not value.startswith("#"):
                raise Unsupported(f"{at}: only references inside the same schema")
        else:
            raise Unsupported(f"{at}: keyword «{key}» is not carried over")
    if "$ref" not in node:
        return out
    pointer = node["$ref"]
    if pointer in expanding:  # recursive: left for fastjsonschema to call
        target: Any = {"$ref": pointer}
    else:
        target = fast_form(_resolve(root, pointer, where), pointer, root, (*expanding, pointer))
    if all(k in _ANNOTATIONS for k in out):
        return target  # a bare reference
    out["allOf"] = [target, *out.get("allOf", [])]  # 2020-12 applies a $ref's siblings too
    return out


def _resolve(root: Any, pointer: str, where: str) -> Any:
    node = root
    try:
        for part in pointer.removeprefix("#").strip("/").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
    except (KeyError, IndexError, TypeError):
        raise Unsupported(f"{where}: reference «{pointer}» leads nowhere") from None
    if isinstance(node, dict) and "$id" in node and node is not root:
        raise Unsupported(f"{where}: reference «{pointer}» changes the base URI")
    return node


def _check_pattern(pattern: Any, at: str) -> None:
    try:
        re.compile(_END.sub(r"\\Z", pattern))
    except (TypeError, re.error):
        raise Unsupported(f"{at}: pattern «{pattern}» cannot be read as ECMA-262") from None


@cache
def _validator(name: str) -> Any:
    """jsonschema's Draft 2020-12 validator, reading ``$`` in patterns as ECMA does."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    def pattern(_v: Any, patrn: str, instance: Any, _s: Any) -> Any:
        if isinstance(instance, str) and not _search(patrn)(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    strict = validators.extend(Draft202012Validator, {"pattern": pattern})
    return strict(schema(name))


@cache
def _search(pattern: str) -> Callable[[str], Any]:
    return re.compile(_END.sub(r"\\Z", pattern)).search


@cache
def _fast(name: str) -> Callable[[Any], bool]:
    """The compiled yes/no of schema ``name``; jsonschema's own ``is_valid`` when the schema
    uses a keyword fastjsonschema would read differently (never more lenient)."""
    import fastjsonschema

    try:
        compiled = fastjsonschema.compile(
            fast_form(schema(name)), use_default=False, use_formats=False, detailed_exceptions=False
        )
    except Unsupported:
        return _validator(name).is_valid
    refused = fastjsonschema.JsonSchemaValueException

    def check(data: Any) -> bool:
        try:
            compiled(data)
        except refused:
            return False
        return True

    return check


def uses_fast_path(name: str) -> bool:
    """True when schema ``name`` is checked by fastjsonschema (not jsonschema alone)."""
    try:
        fast_form(schema(name))
    except Unsupported:
        return False
    return True


def is_valid(name: str, data: Any) -> bool:
    """The fast yes/no: does ``data`` satisfy schema ``name``?"""
    return _fast(name)(data)


def _where(path: Any) -> str:
    return "/".join(str(p) for p in path) or "(gốc)"


def _describe(error: Any) -> str:
    kind = error.validator
    if kind == "required":
        missing = [
            f
            for f in error.validator_value
            if isinstance(error.instance, dict) and f not in error.instance
        ]
        return f"thiếu trường «{missing[0] if missing else error.validator_value}»"
    if kind == "type":
        return f"sai kiểu dữ liệu (cần {error.validator_value})"
    if kind == "additionalProperties":
        return "có trường không được phép"
    if kind in ("enum", "const"):
        return f"giá trị «{error.instance}» không được phép"
    if kind in ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"):
        return "giá trị vượt giới hạn"
    if kind in ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"):
        return "giá trị nhỏ hơn giới hạn"
    if kind == "pattern":
        return f"giá trị «{str(error.instance)[:60]}» sai định dạng"
    return f"không đúng quy định ({kind})"


def validate(name: str, data: Any, member: str, max_depth: int = 24) -> None:
    """Raise :class:`PackageError` at the first place ``data`` breaks schema ``name``."""
    if _fast(name)(data):
        return
    from .canonical import check_depth

    check_depth(data, member, max_depth)  # before jsonschema recurses into it
    from .schema_wording import first_error

    error = first_error(name, data)  # in time bounded by the document, however many errors
    if error is None:  # fastjsonschema refused what jsonschema accepts: the stricter wins
        raise PackageError("schema", f"Nội dung «{member}» sai cấu trúc.")
    raise PackageError(
        "schema",
        f"Nội dung «{member}» sai cấu trúc tại «{_where(error.absolute_path)}»: "
        f"{_describe(error)}.",
    )
