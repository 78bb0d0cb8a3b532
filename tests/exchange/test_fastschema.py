"""The compiled schema check agrees with jsonschema on valid and mutated documents."""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from lai_chau_desk.exchange.fastschema import compile_schema
from lai_chau_desk.exchange.schema import SCHEMAS, schema
from tests.exchange.lcdx_helpers import manifest_of, members, report_bytes

DATA = report_bytes("CDCS-F", sessions=2)
DOCS = {"report": json.loads(members(DATA)["payload.json"]), "manifest": manifest_of(DATA)}
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2_000_000_000) | st.floats(allow_nan=False,
                                                                           allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(["2026S2", "2026-07-01", "truc-tiep", "chua", "a" * 64]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)


def _paths(doc, prefix=()):  # noqa: ANN001, ANN202
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


def _trailing_newline(doc) -> bool:  # noqa: ANN001
    if isinstance(doc, str):
        return doc.endswith("\n")
    if isinstance(doc, dict):
        return any(_trailing_newline(k) or _trailing_newline(v) for k, v in doc.items())
    if isinstance(doc, list):
        return any(_trailing_newline(v) for v in doc)
    return False


def _agree(name: str, doc) -> None:  # noqa: ANN001
    fast = compile_schema(schema(name))(doc)
    slow = Draft202012Validator(schema(name)).is_valid(doc)
    assert not fast or slow, "compiled check accepted what jsonschema refuses"
    assert fast or not slow or _trailing_newline(doc)


def test_valid_documents_pass_both() -> None:
    for name, doc in DOCS.items():
        assert compile_schema(schema(name))(doc)
        _agree(name, doc)


def test_every_schema_compiles() -> None:
    for name in SCHEMAS:
        compile_schema(schema(name))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(DOCS)), st.data(), JSON_VALUES, st.sampled_from(["set", "drop", "add"]))
def test_mutations_agree(name: str, data, value, action: str) -> None:  # noqa: ANN001
    doc = copy.deepcopy(DOCS[name])
    path = data.draw(st.sampled_from(list(_paths(doc))[1:]))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "drop":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"x{last}"] = value
    else:
        parent.append(value)
    _agree(name, doc)
