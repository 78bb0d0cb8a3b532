"""The published JSON Schemas (``schemas/*.json``) and Vietnamese validation messages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from .errors import PackageError

SCHEMA_DIR = Path(__file__).parent / "schemas"
SCHEMAS = ("manifest", "report", "receipt", "catalogue", "consolidation")


@cache
def schema(name: str) -> dict:
    """The parsed schema ``schemas/<name>.schema.json``."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


@cache
def _fast(name: str) -> Any:
    from .fastschema import compile_schema

    return compile_schema(schema(name))


def _where(path: Any) -> str:
    return "/".join(str(p) for p in path) or "(gốc)"


def _describe(error: Any) -> str:
    kind = error.validator
    if kind == "required":
        missing = [f for f in error.validator_value if isinstance(error.instance, dict)
                   and f not in error.instance]
        return f"thiếu trường «{missing[0] if missing else error.validator_value}»"
    if kind == "type":
        return f"sai kiểu dữ liệu (cần {error.validator_value})"
    if kind == "additionalProperties":
        return "có trường không được phép"
    if kind in ("enum", "const"):
        return f"giá trị «{error.instance}» không được phép"
    if kind in ("maxLength", "maxItems", "maxProperties", "maximum"):
        return "giá trị vượt giới hạn"
    if kind in ("minLength", "minItems", "minimum"):
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
    from jsonschema.exceptions import best_match

    error = best_match(_validator(name).iter_errors(data))
    if error is None:  # the compiled check is stricter only on "$" before a final newline
        raise PackageError("schema", f"Nội dung «{member}» sai cấu trúc (ký tự xuống dòng thừa).")
    raise PackageError("schema", f"Nội dung «{member}» sai cấu trúc tại «{_where(error.absolute_path)}»: "
                                 f"{_describe(error)}.")
