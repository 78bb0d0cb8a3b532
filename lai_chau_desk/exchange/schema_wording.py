"""Finding the place a refused document breaks its schema, in time bounded by the document.

:func:`~.schema.validate` says yes or no with fastjsonschema; only a refused document is
walked again to word the refusal. jsonschema's ``best_match`` over ``iter_errors`` is the
best wording (the shallowest error), but it builds every error of the document first: a
consolidation table of two million ``{}`` rows (6 MB, deflated into a 75 KB package) has 24
million, and took six minutes to refuse. So:

- a document of at most :data:`SMALL` values (every real manifest, payload and most tables)
  is worded by ``best_match`` over at most :data:`MOST_ERRORS` errors, as before;
- a larger one is worded from the first error fastjsonschema meets (its path and keyword),
  which costs one pass of compiled code over the document; an ``anyOf`` there (a value that
  may be null or something else) is worded by ``best_match`` on that one value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

SMALL = 20_000  # values (objects, arrays, scalars) a document may hold to be walked whole
MOST_ERRORS = 1_000  # errors best_match chooses among


@dataclass
class Found:
    """Where a document breaks its schema, as :func:`.schema._describe` reads it (the
    attributes of a jsonschema ``ValidationError`` it uses)."""

    validator: str
    validator_value: Any
    instance: Any
    absolute_path: list[Any] = field(default_factory=list)


def larger_than(data: Any, limit: int) -> bool:
    """Whether ``data`` holds more than ``limit`` values (stops counting there)."""
    seen = 0
    stack = [data]
    while stack:
        value = stack.pop()
        seen += 1
        if seen > limit:
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def first_error(name: str, data: Any) -> Any:
    """The error a refusal of ``data`` under schema ``name`` names, or None when no
    validator finds one."""
    from jsonschema.exceptions import best_match

    from .schema import _validator

    if not larger_than(data, SMALL):
        return best_match(islice(_validator(name).iter_errors(data), MOST_ERRORS))
    import fastjsonschema

    try:
        _detailed(name)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        path = list(exc.path[1:])  # (the first item is the root's name, "data")
        if exc.rule in ("anyOf", "oneOf") and not larger_than(exc.value, SMALL):
            inner = best_match(islice(_strict(exc.definition).iter_errors(exc.value), MOST_ERRORS))
            if inner is not None:
                return Found(
                    inner.validator,
                    inner.validator_value,
                    inner.instance,
                    [*path, *inner.absolute_path],
                )
        return Found(str(exc.rule), exc.rule_definition, exc.value, path)
    return None


@cache
def _detailed(name: str) -> Callable[[Any], Any]:
    """Schema ``name`` compiled to raise at its first error with the error's place (slower
    than the yes/no of :func:`.schema._fast`: used on refused documents only)."""
    import fastjsonschema

    from .schema import fast_form, schema

    return fastjsonschema.compile(  # type: ignore[no-any-return]
        fast_form(schema(name)), use_default=False, use_formats=False
    )


def _strict(definition: Any) -> Any:
    """A Draft 2020-12 validator of one self-contained part of a schema, reading ``$`` in
    patterns as the end of the text (as :func:`.schema._validator` does)."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    from .schema import _search

    def pattern(_v: Any, patrn: str, instance: Any, _s: Any) -> Any:
        if isinstance(instance, str) and not _search(patrn)(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    return validators.extend(Draft202012Validator, {"pattern": pattern})(definition)
