"""A small compiler from the JSON Schema subset our schemas use to plain Python checks.

:mod:`jsonschema` walks a schema for every value (about 10 ms for a 40-session payload); a
compiled check is tens of times faster. It is never more lenient: anything it rejects is then
described by :mod:`jsonschema`, and ``tests/exchange/test_fastschema.py`` checks that both
agree on mutated packages. A keyword outside the subset is an error at compile time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
IGNORED = {"$schema", "$id", "title", "description", "$defs", "$comment"}


def _is_type(name: str) -> Check:
    if name == "integer":
        return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (
            isinstance(v, float) and v.is_integer())
    if name == "number":
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    kinds = {"string": str, "object": dict, "array": list, "boolean": bool}
    if name == "null":
        return lambda v: v is None
    cls = kinds[name]
    return lambda v: isinstance(v, cls)


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, bool) == isinstance(b, bool) and type(a) is type(b) and a == b


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


class Compiler:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer not in self.refs:
            node: Any = self.root
            for part in pointer.lstrip("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            self.refs[pointer] = lambda v: True  # placeholder while compiling (recursion)
            compiled = self.compile(node)
            self.refs[pointer] = compiled
        return lambda v: self.refs[pointer](v)

    def compile(self, schema: Any) -> Check:  # noqa: C901 - one branch per keyword
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        checks: list[Check] = []
        for kw, arg in schema.items():
            if kw in IGNORED or kw in ("properties", "additionalProperties"):
                continue
            if kw == "type":
                names = arg if isinstance(arg, list) else [arg]
                tests = [_is_type(n) for n in names]
                checks.append(lambda v, t=tests: any(f(v) for f in t))
            elif kw == "$ref":
                checks.append(self.ref(arg))
            elif kw == "required":
                checks.append(lambda v, r=tuple(arg): not isinstance(v, dict) or all(k in v for k in r))
            elif kw == "const":
                checks.append(lambda v, c=arg: _same(v, c))
            elif kw == "enum":
                checks.append(lambda v, e=tuple(arg): any(_same(v, c) for c in e))
            elif kw == "pattern":
                rx = re.compile(arg[:-1] + r"\Z" if arg.endswith("$") else arg)
                checks.append(lambda v, rx=rx: not isinstance(v, str) or rx.search(v) is not None)
            elif kw in ("minLength", "maxLength"):
                lo = kw == "minLength"
                checks.append(lambda v, n=arg, lo=lo: not isinstance(v, str) or (
                    len(v) >= n if lo else len(v) <= n))
            elif kw in ("minimum", "maximum"):
                lo = kw == "minimum"
                checks.append(lambda v, n=arg, lo=lo: not _number(v) or (v >= n if lo else v <= n))
            elif kw in ("minItems", "maxItems"):
                lo = kw == "minItems"
                checks.append(lambda v, n=arg, lo=lo: not isinstance(v, list) or (
                    len(v) >= n if lo else len(v) <= n))
            elif kw in ("minProperties", "maxProperties"):
                lo = kw == "minProperties"
                checks.append(lambda v, n=arg, lo=lo: not isinstance(v, dict) or (
                    len(v) >= n if lo else len(v) <= n))
            elif kw == "items":
                item = self.compile(arg)
                checks.append(lambda v, f=item: not isinstance(v, list) or all(f(x) for x in v))
            elif kw == "anyOf":
                options = [self.compile(s) for s in arg]
                checks.append(lambda v, o=options: any(f(v) for f in o))
            elif kw == "propertyNames":
                name = self.compile(arg)
                checks.append(lambda v, f=name: not isinstance(v, dict) or all(f(k) for k in v))
            else:
                raise ValueError(f"unsupported JSON Schema keyword: {kw}")
        if "properties" in schema or "additionalProperties" in schema:
            checks.append(self._object(schema))
        return lambda v, c=tuple(checks): all(f(v) for f in c)

    def _object(self, schema: dict) -> Check:
        props = {k: self.compile(s) for k, s in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, x in v.items():
                f = props.get(k)
                if f is not None:
                    if not f(x):
                        return False
                elif extra_check is not None and not extra_check(x):
                    return False
            return True

        return check


def compile_schema(schema: dict) -> Check:
    """A function telling whether a value satisfies ``schema`` (our subset of draft 2020-12)."""
    return Compiler(schema).compile(schema)
