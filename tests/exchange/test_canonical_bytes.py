"""The canonical-bytes check (``strict.canonical_bytes``, orjson) gives exactly the bytes of
the format's definition (``json.dumps(ensure_ascii=False, sort_keys=True, separators=(",",
":"), allow_nan=False)``, :data:`strict._CANONICAL`) for everything the reader parses: every
code point, every kind of number, generated documents; and a member is accepted exactly when
its bytes are those."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lai_chau_desk.exchange.canonical import JsonFloat, parse_json_text
from lai_chau_desk.exchange.errors import PackageError
from lai_chau_desk.exchange.strict import _CANONICAL, canonical_bytes, strict_json


def _reference(data: object) -> bytes | None:
    try:
        return _CANONICAL.encode(data).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return None


def _parsed(data: object) -> object:
    """``data`` as the reader holds it: through the JSON text, so floats are JsonFloat."""
    return parse_json_text(json.dumps(data).encode(), "x.json", 1 << 30)[0]


def test_every_code_point_is_written_as_json_writes_it() -> None:
    scalars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    for start in range(0, len(scalars), 4096):  # strings and keys, in chunks
        chunk = scalars[start : start + 4096]
        doc = {"".join(chunk): "".join(chunk), "k": chunk}
        assert canonical_bytes(doc) == _reference(doc)
    keys = {c: 1 for c in scalars[::97]}  # key order: code point order, astral included
    assert canonical_bytes(keys) == _reference(keys)


@pytest.mark.parametrize(
    "number",
    [
        0.0,
        -0.0,
        0.1,
        2.0,
        1e-05,
        0.0001,
        1e16,
        1e15,
        123456789012345678.0,
        1e22,
        5e-324,
        1.7976931348623157e308,
        -2.5e-10,
        3.14159,
    ],
)
def test_numbers_with_a_fraction_are_written_by_repr(number: float) -> None:
    doc = [JsonFloat(number), {"v": JsonFloat(number)}]
    assert canonical_bytes(doc) == _reference(doc)


@pytest.mark.parametrize("number", [0, -1, 2**63 - 1, -(2**63), 2**64 - 1, 2**64, -(2**64), 10**40])
def test_integers_of_any_size_are_written_as_json_writes_them(number: int) -> None:
    assert canonical_bytes([number]) == _reference([number])


def test_what_has_no_canonical_bytes_is_none() -> None:
    assert canonical_bytes(["\ud800"]) is None  # a lone surrogate, parsed from "\ud800"
    assert canonical_bytes({"\udfff": 1}) is None


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None), max_size=12)
)
_documents = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(st.characters(codec=None), max_size=6), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=600, deadline=None)
@given(_documents)
def test_generated_documents_have_the_bytes_of_the_definition(doc: object) -> None:
    parsed = _parsed(doc)
    assert canonical_bytes(parsed) == _reference(parsed)


@settings(max_examples=300, deadline=None)
@given(_documents)
def test_a_member_is_accepted_exactly_when_its_bytes_are_canonical(doc: object) -> None:
    parsed = _parsed(doc)
    reference = _reference(parsed)
    for raw in {
        json.dumps(doc).encode(),  # spaces, escapes
        json.dumps(doc, sort_keys=True, separators=(",", ":")).encode(),  # escapes
        *([reference] if reference is not None else []),
    }:
        canonical = raw == reference
        try:
            strict_json(raw, "x.json", 1 << 30, None)
            accepted = True
        except PackageError as exc:
            accepted = exc.code not in {"json-not-canonical", "json-duplicate-key"}
        assert accepted == canonical, raw[:200]
