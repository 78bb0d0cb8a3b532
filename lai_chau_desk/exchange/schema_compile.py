"""The fast yes/no of a published schema: the schema compiled once into one Python function.

Only the keywords :func:`schema.fast_form` accepts are compiled (anything else raises
:class:`schema.Unsupported` there first), each with its Draft 2020-12 meaning on the values
``json`` parses to: an object's keys are checked as one set operation (``required`` and
``additionalProperties: false``), every property is read once, a ``$ref`` is inlined (a
reference back into one being inlined becomes a call), ``pattern`` reads ``$`` as the end of
the text (ECMA-262, as :mod:`schema` explains). It answers only yes or no; a refused
document is worded by jsonschema. ``tests/exchange/test_fastschema.py`` compares its
verdicts with jsonschema's on documents built from every schema and mutated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_END = re.compile(r"(?<!\\)\$")


def _json_equal(one: Any, two: Any) -> bool:
    """JSON equality as Draft 2020-12 defines it (``true`` is not ``1``; ``1`` is ``1.0``)."""
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    if isinstance(one, str) or isinstance(two, str):
        return isinstance(one, str) and isinstance(two, str) and one == two
    if isinstance(one, int | float) and isinstance(two, int | float):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(
            _json_equal(a, b) for a, b in zip(one, two, strict=True)
        )
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_json_equal(one[k], two[k]) for k in one)
    return one is None and two is None


def _is_int(v: Any) -> bool:
    t = type(v)
    if t is int:
        return True
    if t is bool:
        return False
    return isinstance(v, int) or (isinstance(v, float) and v.is_integer())


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


_TYPE_TEST = {
    "string": "isinstance({v}, str)",
    "integer": "(type({v}) is int or _is_int({v}))",
    "number": "(type({v}) is int or type({v}) is float or _is_num({v}))",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
}


class _Compiler:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.consts: dict[str, Any] = {}
        self.functions: dict[str, str] = {}  # pointer -> function name (recursive refs)
        self.bodies: list[str] = []
        self.counter = 0

    def const(self, value: Any) -> str:
        name = f"_c{len(self.consts)}"
        self.consts[name] = value
        return name

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def resolve(self, pointer: str) -> Any:
        node: Any = self.root
        for part in pointer.removeprefix("#").strip("/").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def function_for(self, pointer: str) -> str:
        name = self.functions.get(pointer)
        if name is None:
            name = self.functions[pointer] = f"_ref{len(self.functions)}"
            lines = self.node(self.resolve(pointer), "d", "    ", (pointer,))
            self.bodies.append(f"def {name}(d):\n" + "".join(lines) + "    return True\n")
        return name

    def node(self, node: Any, v: str, ind: str, expanding: tuple[str, ...]) -> list[str]:
        """Lines that ``return False`` when the value in variable ``v`` breaks ``node``."""
        if node is True or node == {}:
            return []
        if node is False:
            return [f"{ind}return False\n"]
        out: list[str] = []
        if "$ref" in node:
            pointer = node["$ref"]
            if pointer in expanding:
                out.append(f"{ind}if not {self.function_for(pointer)}({v}): return False\n")
            else:
                out += self.node(self.resolve(pointer), v, ind, (*expanding, pointer))
        kind = node.get("type")
        conds: list[str] = []  # all must hold: one test per leaf value
        if kind is not None:
            kinds = kind if isinstance(kind, list) else [kind]
            conds.append("(" + " or ".join(_TYPE_TEST[k].format(v=v) for k in kinds) + ")")
        if "enum" in node or "const" in node:
            values = node["enum"] if "enum" in node else [node["const"]]
            if all(type(x) is str for x in values):
                conds.append(f"isinstance({v}, str) and {v} in {self.const(frozenset(values))}")
            else:
                c = self.const(list(values))
                conds.append(f"any(_json_equal({v}, _x) for _x in {c})")
        conds += self.strings(node, v, kind == "string")
        conds += self.numbers(node, v, kind in ("integer", "number"))
        if conds:
            out.append(f"{ind}if not ({' and '.join(conds)}): return False\n")
        out += self.arrays(node, v, ind, kind == "array", expanding)
        out += self.objects(node, v, ind, kind == "object", expanding)
        for sub in node.get("allOf", ()):
            out += self.node(sub, v, ind, expanding)
        if "anyOf" in node or "oneOf" in node:
            for key in ("anyOf", "oneOf"):
                if key not in node:
                    continue
                fns = [self.sub_function(sub, expanding) for sub in node[key]]
                calls = ", ".join(f"{f}({v})" for f in fns)
                if key == "anyOf":
                    out.append(
                        f"{ind}if not ({' or '.join(f'{f}({v})' for f in fns)}): return False\n"
                    )
                else:
                    out.append(f"{ind}if sum(({calls},)) != 1: return False\n")
        if "not" in node:
            out.append(f"{ind}if {self.sub_function(node['not'], expanding)}({v}): return False\n")
        return out

    def sub_function(self, node: Any, expanding: tuple[str, ...]) -> str:
        name = self.fresh("_sub")
        lines = self.node(node, "d", "    ", expanding)
        self.bodies.append(f"def {name}(d):\n" + "".join(lines) + "    return True\n")
        return name

    def strings(self, node: dict, v: str, typed: bool) -> list[str]:
        """Conditions that hold when ``v`` meets the string keywords (or is no string)."""
        checks = []
        if "minLength" in node or "maxLength" in node:
            low, high = node.get("minLength", 0), node.get("maxLength")
            checks.append(
                (f"{low} <= " if low else "")
                + f"len({v})"
                + (f" <= {high}" if high is not None else "")
                if low or high is not None
                else "True"
            )
        if "pattern" in node:
            c = self.const(re.compile(_END.sub(r"\\Z", node["pattern"])).search)
            checks.append(f"{c}({v}) is not None")
        if not checks or typed:
            return checks
        return [f"(not isinstance({v}, str) or ({' and '.join(checks)}))"]

    def numbers(self, node: dict, v: str, typed: bool) -> list[str]:
        """Conditions that hold when ``v`` meets the numeric keywords (or is no number)."""
        checks = []
        for key, op in (
            ("minimum", ">="),
            ("maximum", "<="),
            ("exclusiveMinimum", ">"),
            ("exclusiveMaximum", "<"),
        ):
            if key in node:
                checks.append(f"{v} {op} {node[key]!r}")
        if not checks or typed:
            return checks
        return [f"(not _is_num({v}) or ({' and '.join(checks)}))"]

    def arrays(
        self, node: dict, v: str, ind: str, typed: bool, expanding: tuple[str, ...]
    ) -> list[str]:
        if not any(k in node for k in ("items", "maxItems", "minItems")):
            return []
        out = []
        inner = ind
        if not typed:
            out.append(f"{ind}if isinstance({v}, list):\n")
            inner = ind + "    "
        low, high = node.get("minItems", 0), node.get("maxItems")
        if low or high is not None:
            cond = f"{low} <= len({v})" + (f" <= {high}" if high is not None else "")
            out.append(f"{inner}if not ({cond}): return False\n")
        if "items" in node:
            item = self.fresh("_i")
            body = self.node(node["items"], item, inner + "    ", expanding)
            if body:
                out.append(f"{inner}for {item} in {v}:\n")
                out += body
        if not typed and len(out) == 1:
            return []
        return out

    def objects(
        self, node: dict, v: str, ind: str, typed: bool, expanding: tuple[str, ...]
    ) -> list[str]:
        keys = (
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "propertyNames",
            "maxProperties",
            "minProperties",
        )
        if not any(k in node for k in keys):
            return []
        out: list[str] = []
        inner = ind
        if not typed:
            out.append(f"{ind}if isinstance({v}, dict):\n")
            inner = ind + "    "
        props: dict[str, Any] = node.get("properties", {})
        required = list(node.get("required", ()))
        patterns = node.get("patternProperties", {})
        extra = node.get("additionalProperties", True)
        if required:
            out.append(
                f"{inner}if not {v}.keys() >= {self.const(frozenset(required))}: return False\n"
            )
        if extra is False and not patterns:
            out.append(
                f"{inner}if not {v}.keys() <= {self.const(frozenset(props))}: return False\n"
            )
        low, high = node.get("minProperties", 0), node.get("maxProperties")
        if low or high is not None:
            cond = f"{low} <= len({v})" + (f" <= {high}" if high is not None else "")
            out.append(f"{inner}if not ({cond}): return False\n")
        for key, sub in props.items():
            body_v = self.fresh("_p")
            body = self.node(sub, body_v, inner + ("" if key in required else "    "), expanding)
            if not body:
                continue
            k = repr(key)
            if key in required:
                out.append(f"{inner}{body_v} = {v}[{k}]\n")
            else:
                out.append(f"{inner}if {k} in {v}:\n{inner}    {body_v} = {v}[{k}]\n")
            out += body
        if "propertyNames" in node:
            name = self.fresh("_k")
            body = self.node(node["propertyNames"], name, inner + "    ", expanding)
            if body:
                out.append(f"{inner}for {name} in {v}:\n")
                out += body
        if patterns or (extra is not True and not (extra is False and not patterns)):
            k, x = self.fresh("_k"), self.fresh("_x")
            out.append(f"{inner}for {k}, {x} in {v}.items():\n")
            body_ind = inner + "    "
            matched = self.fresh("_m")
            if props or patterns:
                out.append(f"{body_ind}{matched} = {k} in {self.const(frozenset(props))}\n")
            else:
                out.append(f"{body_ind}{matched} = False\n")
            for pattern, sub in patterns.items():
                search = self.const(re.compile(_END.sub(r"\\Z", pattern)).search)
                out.append(f"{body_ind}if {search}({k}):\n")
                out.append(f"{body_ind}    {matched} = True\n")
                out += self.node(sub, x, body_ind + "    ", expanding)
            if extra is not True and not props and not patterns:
                out += self.node(extra, x, body_ind, expanding) or [f"{body_ind}pass\n"]
            elif extra is not True:
                out.append(f"{body_ind}if not {matched}:\n")
                out += self.node(extra, x, body_ind + "    ", expanding) or [
                    f"{body_ind}    pass\n"
                ]
        if not typed and len(out) == 1:
            return []
        return out


def compile_schema(root: dict) -> Callable[[Any], bool]:
    """One function answering whether a parsed JSON value satisfies ``root``."""
    c = _Compiler(root)
    lines = c.node(root, "d", "    ", ())
    source = "\n".join(c.bodies) + "\ndef check(d):\n" + "".join(lines) + "    return True\n"
    namespace: dict[str, Any] = {"_is_int": _is_int, "_is_num": _is_num, "_json_equal": _json_equal}
    namespace.update(c.consts)
    exec(compile(source, "<lcdx schema>", "exec"), namespace)  # noqa: S102 - our own schemas
    return namespace["check"]
