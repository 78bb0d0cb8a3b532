"""A small compiler from the JSON Schema subset our schemas use to generated Python code.

:mod:`jsonschema` walks a schema for every value (about 10 ms for a 40-session payload); the
generated function (one plain ``def`` per schema node, like ``fastjsonschema`` does) is tens
of times faster. It is never more lenient: a document it rejects is then described by
:mod:`jsonschema`, and ``tests/exchange/test_fastschema.py`` checks that both agree on mutated
documents. A keyword outside the subset is an error at compile time. Values are assumed to
come from :func:`json.loads` (exact ``dict``/``list``/``str``/``int``/``float``/``bool``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
IGNORED = {"$schema", "$id", "title", "description", "$defs", "$comment"}
TYPES = {
    "integer": "(type(v) is int or (type(v) is float and v.is_integer()))",
    "number": "type(v) in _NUM",
    "string": "type(v) is str",
    "object": "type(v) is dict",
    "array": "type(v) is list",
    "boolean": "type(v) is bool",
    "null": "v is None",
}
BOUNDS = {  # keyword -> (applies when, measured value, comparison)
    "minLength": ("type(v) is str", "len(v)", "<"), "maxLength": ("type(v) is str", "len(v)", ">"),
    "minimum": ("type(v) in _NUM", "v", "<"), "maximum": ("type(v) in _NUM", "v", ">"),
    "minItems": ("type(v) is list", "len(v)", "<"), "maxItems": ("type(v) is list", "len(v)", ">"),
    "minProperties": ("type(v) is dict", "len(v)", "<"),
    "maxProperties": ("type(v) is dict", "len(v)", ">"),
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return type(a) is type(b) and a == b or (
        type(a) in (int, float) and type(b) in (int, float) and a == b)


class _Generator:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.source: list[str] = []
        self.names: dict[str, Any] = {"_same": _same, "_NUM": (int, float)}
        self.refs: dict[str, str] = {}
        self.count = 0

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"_c{self.count}"
        self.names[name] = value
        return name

    def ref(self, pointer: str) -> str:
        if pointer not in self.refs:
            node: Any = self.root
            for part in pointer.removeprefix("#").strip("/").split("/"):
                if part:
                    node = node[part.replace("~1", "/").replace("~0", "~")]
            self.count += 1
            self.refs[pointer] = name = f"_r{self.count}"
            self.function(node, name)
        return self.refs[pointer]

    def function(self, schema: Any, name: str | None = None) -> str:  # noqa: C901
        if name is None and isinstance(schema, dict) and set(schema) == {"$ref"}:
            return self.ref(schema["$ref"])  # no wrapper function around a bare reference
        if name is None:
            self.count += 1
            name = f"_f{self.count}"
        body: list[str] = []
        if schema is False:
            body.append("return False")
        elif schema is not True:
            for kw, arg in schema.items():
                if kw in IGNORED or kw in ("properties", "additionalProperties"):
                    continue
                if kw == "type":
                    names = arg if isinstance(arg, list) else [arg]
                    body.append(f"if not ({' or '.join(TYPES[n] for n in names)}): return False")
                elif kw == "$ref":
                    body.append(f"if not {self.ref(arg)}(v): return False")
                elif kw == "required":
                    req = self.const(frozenset(arg))
                    body.append(f"if type(v) is dict and not {req}.issubset(v): return False")
                elif kw == "const":
                    body.append(f"if not _same(v, {self.const(arg)}): return False")
                elif kw == "enum":
                    if all(isinstance(x, str) for x in arg):
                        body.append(f"if not (type(v) is str and v in {self.const(frozenset(arg))}): return False")
                    else:
                        body.append(f"if not any(_same(v, c) for c in {self.const(tuple(arg))}): return False")
                elif kw == "pattern":
                    rx = self.const(re.compile(arg[:-1] + r"\Z" if arg.endswith("$") else arg))
                    body.append(f"if type(v) is str and {rx}.search(v) is None: return False")
                elif kw in BOUNDS:
                    when, what, op = BOUNDS[kw]
                    body.append(f"if {when} and {what} {op} {self.const(arg)}: return False")
                elif kw == "items":
                    item = self.function(arg)
                    body.append(f"if type(v) is list:\n  for x in v:\n   if not {item}(x): return False")
                elif kw == "anyOf":
                    options = " or ".join(f"{self.function(s)}(v)" for s in arg)
                    body.append(f"if not ({options}): return False")
                elif kw == "propertyNames":
                    key = self.function(arg)
                    body.append(f"if type(v) is dict:\n  for k in v:\n   if not {key}(k): return False")
                else:
                    raise ValueError(f"unsupported JSON Schema keyword: {kw}")
            if "properties" in schema or "additionalProperties" in schema:
                body.append(self._object(schema))
        body.append("return True")
        lines = "\n".join(" " + line.replace("\n", "\n ") for line in body)
        self.source.append(f"def {name}(v):\n{lines}\n")
        return name

    def _object(self, schema: dict) -> str:
        props = {k: self.function(s) for k, s in schema.get("properties", {}).items()}
        table = self.const({})
        extra = schema.get("additionalProperties", True)
        if extra is True:
            other = "pass"
        elif extra is False:
            other = "return False"
        else:
            other = f"if not {self.function(extra)}(x): return False"
        self.names[table] = props  # names, resolved after exec
        return (f"if type(v) is dict:\n  for k, x in v.items():\n   f = {table}.get(k)\n"
                f"   if f is None:\n    {other}\n   elif not f(x): return False")

    def build(self, schema: dict) -> Check:
        entry = self.function(schema)
        namespace = dict(self.names)
        exec("\n".join(self.source), namespace)  # noqa: S102 - code generated from our schema
        for name, value in self.names.items():  # property tables: function names -> functions
            if isinstance(value, dict) and all(isinstance(f, str) for f in value.values()):
                namespace[name] = {k: namespace[f] for k, f in value.items()}
        return namespace[entry]


def compile_schema(schema: dict) -> Check:
    """A function telling whether a value satisfies ``schema`` (our subset of draft 2020-12)."""
    return _Generator(schema).build(schema)
