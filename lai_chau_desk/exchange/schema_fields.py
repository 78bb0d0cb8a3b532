"""The fields of the package schemas that the domain declares: filled in when a schema is read.

A figure or a session's counted field is declared once, in ``domain/figures.py`` (the fields of
``PeriodFigures``) and ``domain/sessions.py`` (``SESSION_COUNTS``). The published
``schemas/*.schema.json`` hold everything else and, in each object listed in :data:`DERIVED`,
only the properties whose rule is particular (``unit``, ``period``, ``indicators`` of the
report's figures…); :func:`derive` adds one property per declared name — by its kind, unless
the file gives it — and makes every declared name required. So a new count needs no schema
edit, and no generated file can drift from the declaration.

Why at load time rather than a generated file checked by a test: the schema is read once per
process (``schema.schema`` caches it) and the rest of the reader sees the same dictionary a
file would give, while a generated file is a second copy to regenerate on every new count —
the very hand step this removes. The complete schemas, as another implementation would read
them, are written by ``python -m lai_chau_desk.exchange.schema_fields DIR``.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from ..domain.figures import (
    COUNT,
    COUNT_MAP,
    COUNTS,
    FIGURES,
    MANIFEST_FIGURES,
    ROSTER,
    VALUE_MAP,
)
from ..domain.sessions import FLAG, SESSION_COUNTS

# A figure's property by its kind, when the schema file does not give one.
_BY_KIND = {
    COUNT: {"$ref": "#/$defs/count"},
    ROSTER: {"$ref": "#/$defs/count"},
    COUNT_MAP: {"$ref": "#/$defs/count_map"},
    VALUE_MAP: {"$ref": "#/$defs/value_map"},
}
_KIND = {f.name: f.kind for f in FIGURES}


def _session_fields() -> dict[str, dict]:
    return {
        c.name: {"type": "boolean"} if c.kind == FLAG else {"$ref": "#/$defs/count"}
        for c in SESSION_COUNTS
    }


def _figures(names: tuple[str, ...]) -> dict[str, dict]:
    return {n: _BY_KIND[_KIND[n]] for n in names}


#: (schema, object in ``$defs``) -> the declared properties it carries, by name.
DERIVED: dict[tuple[str, str], Any] = {
    ("report", "figures"): lambda: _figures(tuple(f.name for f in FIGURES)),
    ("report", "session"): _session_fields,
    ("manifest", "figures"): lambda: _figures(MANIFEST_FIGURES),
    ("consolidation", "figures"): lambda: _figures(MANIFEST_FIGURES),
    ("consolidation", "counts"): lambda: _figures(COUNTS),
}


def declared(name: str, obj: str) -> tuple[str, ...]:
    """The names the domain declares for ``$defs/<obj>`` of schema ``name`` (none if not derived)."""
    make = DERIVED.get((name, obj))
    return tuple(make()) if make else ()


def derive(name: str, raw: dict) -> dict:
    """Schema ``name`` as read from its file, with the declared properties filled in."""
    out = copy.deepcopy(raw)
    for (schema_name, obj), make in DERIVED.items():
        if schema_name != name:
            continue
        node = out["$defs"][obj]
        given = node.get("properties", {})
        declared_props = make()
        props = {k: v for k, v in given.items() if k not in declared_props}
        props |= {k: given.get(k, v) for k, v in declared_props.items()}
        node["properties"] = props
        required = [r for r in node.get("required", []) if r not in declared_props]
        node["required"] = [*required, *declared_props]
    return out


def main(argv: list[str] | None = None) -> int:
    """Write every complete schema into the directory given (for publishing the format)."""
    from .schema import SCHEMAS, schema

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m lai_chau_desk.exchange.schema_fields DIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        text = json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.schema.json").write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
