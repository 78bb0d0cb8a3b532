"""A small compiler from the JSON Schema subset our schemas use to generated Python code.

:mod:`jsonschema` walks a schema for every value (about 10 ms for a 40-session payload); the
generated code is tens of times faster: one plain ``def`` per object or array node, with every
leaf (a string, a number, a code; a ``$ref`` or ``anyOf`` of leaves) inlined as one boolean
expression, and the properties of an object checked by name rather than through a call per
value. It is never more lenient: a document it rejects is then described by
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
TYPES = {  # the test of each type on the value named {v}
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "type({v}) in _NUM",
    "string": "type({v}) is str",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}
GUARDS = {"str": "type({v}) is str", "num": "type({v}) in _NUM", "list": "type({v}) is list",
          "dict": "type({v}) is dict"}
TYPE_GUARD = {"string": "str", "integer": "num", "number": "num", "array": "list",
              "object": "dict"}  # a value of this type passes this guard
BOUNDS = {  # keyword -> (applies to, measured value, fails when)
    "minLength": ("str", "len({v})", "<"), "maxLength": ("str", "len({v})", ">"),
    "minimum": ("num", "{v}", "<"), "maximum": ("num", "{v}", ">"),
    "minItems": ("list", "len({v})", "<"), "maxItems": ("list", "len({v})", ">"),
    "minProperties": ("dict", "len({v})", "<"), "maxProperties": ("dict", "len({v})", ">"),
}
LEAF = {"type", "$ref", "required", "const", "enum", "pattern", "anyOf", *BOUNDS}
_MISSING = object()


def _same(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return type(a) is type(b) and a == b or (
        type(a) in (int, float) and type(b) in (int, float) and a == b)


def _exact_keys(schema: dict) -> bool:
    """Every listed property required and no other allowed: the key set is fixed."""
    return (schema.get("additionalProperties", True) is False and "required" in schema
            and set(schema["required"]) == set(schema.get("properties", {})))


class _Generator:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.source: list[str] = []
        self.names: dict[str, Any] = {"_same": _same, "_NUM": (int, float), "_MISSING": _MISSING}
        self.refs: dict[str, str] = {}
        self.count = 0

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"_c{self.count}"
        self.names[name] = value
        return name

    def resolve(self, pointer: str) -> Any:
        node: Any = self.root
        for part in pointer.removeprefix("#").strip("/").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def ref(self, pointer: str) -> str:
        """The name of the function checking the (non-leaf) node at ``pointer``."""
        if pointer not in self.refs:
            self.count += 1
            self.refs[pointer] = name = f"_r{self.count}"
            self.function(self.resolve(pointer), name)
        return self.refs[pointer]

    def is_leaf(self, schema: Any, seen: frozenset[str] = frozenset()) -> bool:
        """Whether ``schema`` needs no loop (so it can be one inline expression)."""
        if isinstance(schema, bool):
            return True
        if not isinstance(schema, dict) or not set(schema) - IGNORED <= LEAF:
            return False
        ref = schema.get("$ref")
        if ref is not None and (ref in seen or not self.is_leaf(self.resolve(ref), seen | {ref})):
            return False
        return all(self.is_leaf(s, seen) for s in schema.get("anyOf", ()))

    def expr(self, schema: Any, v: str) -> str:
        """A boolean expression: whether the value named ``v`` satisfies ``schema``."""
        if schema is True or schema is False:
            return str(schema)
        if not self.is_leaf(schema):
            if set(schema) - IGNORED == {"$ref"}:
                return f"{self.ref(schema['$ref'])}({v})"
            return f"{self.function(schema)}({v})"
        conds = self.conditions(schema, v)
        return f"({' and '.join(conds)})" if conds else "True"

    def conditions(self, schema: dict, v: str) -> list[str]:  # noqa: C901
        """What a value must pass for the keywords of ``schema`` other than those that loop
        (``items``, ``propertyNames``, ``properties``, ``additionalProperties``); the type
        test comes first, so the guards it implies are left out of the others."""
        out: list[str] = []
        known = None
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            out.append(f"({' or '.join(TYPES[n].format(v=v) for n in names)})")
            if len(names) == 1:
                known = TYPE_GUARD.get(names[0])
        for kw, arg in schema.items():
            if kw in IGNORED or kw in ("type", "items", "propertyNames", "properties",
                                       "additionalProperties"):
                continue
            guard = "" if known == "dict" else f"type({v}) is not dict or "
            if kw == "$ref":
                target = self.resolve(arg)
                out.append(self.expr(target, v) if self.is_leaf(target) else f"{self.ref(arg)}({v})")
            elif kw == "required":
                if _exact_keys(schema):
                    continue  # the object part compares the key set itself
                out.append(f"({guard}{self.const(frozenset(arg))}.issubset({v}))")
            elif kw == "const":
                out.append(f"_same({v}, {self.const(arg)})")
            elif kw == "enum":
                if all(isinstance(x, str) for x in arg):
                    out.append(f"(type({v}) is str and {v} in {self.const(frozenset(arg))})")
                else:
                    out.append(f"any(_same({v}, c) for c in {self.const(tuple(arg))})")
            elif kw == "pattern":
                rx = self.const(re.compile(arg[:-1] + r"\Z" if arg.endswith("$") else arg))
                guard = "" if known == "str" else f"type({v}) is not str or "
                out.append(f"({guard}{rx}.search({v}) is not None)")
            elif kw in BOUNDS:
                applies, what, op = BOUNDS[kw]
                test = f"not {what.format(v=v)} {op} {self.const(arg)}"
                out.append(test if known == applies else
                           f"(not {GUARDS[applies].format(v=v)} or {test})")
            elif kw == "anyOf":
                out.append(f"({' or '.join(self.expr(s, v) for s in arg)})")
            else:
                raise ValueError(f"unsupported JSON Schema keyword: {kw}")
        return out

    def function(self, schema: Any, name: str | None = None) -> str:
        if name is None:
            self.count += 1
            name = f"_f{self.count}"
        body: list[str] = []
        if schema is False:
            body.append("return False")
        elif schema is not True:
            body.extend(f"if not {c}: return False" for c in self.conditions(schema, "v"))
            one = schema.get("type") if isinstance(schema.get("type"), str) else None
            if "items" in schema:
                loop = f"for x in v:\n if not {self.expr(schema['items'], 'x')}: return False"
                body.append(loop if one == "array" else self._indent("if type(v) is list:", loop))
            if "propertyNames" in schema:
                loop = f"for k in v:\n if not {self.expr(schema['propertyNames'], 'k')}: return False"
                body.append(loop if one == "object" else self._indent("if type(v) is dict:", loop))
            if "properties" in schema or "additionalProperties" in schema:
                lines = self._object(schema)
                body.append(lines if one == "object" else self._indent("if type(v) is dict:", lines))
        body.append("return True")
        self.source.append(f"def {name}(v):\n{self._indent('', chr(10).join(body))[1:]}\n")
        return name

    @staticmethod
    def _indent(head: str, block: str) -> str:
        return head + "\n" + "\n".join(" " + line for line in block.split("\n"))

    def _leaf_array(self, schema: Any) -> str | None:
        """Statements checking ``x`` against an array schema whose items are leaves (no call
        per array), or ``None`` when ``schema`` is not that simple."""
        if not (isinstance(schema, dict) and schema.get("type") == "array" and "items" in schema
                and set(schema) - IGNORED <= {"type", "items", "minItems", "maxItems"}
                and self.is_leaf(schema["items"])):
            return None
        head = {k: a for k, a in schema.items() if k != "items"}
        item = self.expr(schema["items"], "y")
        return (f"if not {self.expr(head, 'x')}: return False\n"
                f"for y in x:\n if not {item}: return False")

    def _object(self, schema: dict) -> str:
        """Each named property checked by name (``required`` ones are known present, being
        tested before), then the others against ``additionalProperties``."""
        props = schema.get("properties", {})
        required = set(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        lines: list[str] = []
        if _exact_keys(schema):
            lines.append(f"if v.keys() != {self.const(frozenset(props))}: return False")
        elif extra is False:
            lines.append(f"if not {self.const(frozenset(props))}.issuperset(v): return False")
        for key, sub in props.items():
            inline = self._leaf_array(sub) if key in required else None
            if inline:
                lines.append(f"x = v[{key!r}]\n{inline}")
                continue
            test = self.expr(sub, "x")
            if test == "True":
                continue
            if key in required:
                lines.append(f"x = v[{key!r}]\nif not {test}: return False")
            else:
                lines.append(f"x = v.get({key!r}, _MISSING)\n"
                             f"if x is not _MISSING and not {test}: return False")
        if extra is not True and extra is not False:
            test = self.expr(extra, "x")
            if props:
                known = self.const(frozenset(props))
                lines.append(f"for k, x in v.items():\n if k not in {known} and not {test}: return False")
            else:
                lines.append(f"for x in v.values():\n if not {test}: return False")
        return "\n".join(lines) or "pass"

    def build(self, schema: dict) -> Check:
        entry = self.function(schema)
        namespace = dict(self.names)
        exec("\n".join(self.source), namespace)  # noqa: S102 - code generated from our schema
        return namespace[entry]


def compile_schema(schema: dict) -> Check:
    """A function telling whether a value satisfies ``schema`` (our subset of draft 2020-12)."""
    return _Generator(schema).build(schema)
