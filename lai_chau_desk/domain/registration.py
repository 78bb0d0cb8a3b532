"""Registering units in the directory: codes assigned by the upper level, validity, parents.

Unit codes are upper case ``[A-Z0-9.-]`` (DESIGN §5, trust rule 6), compared after NFC and
case folding, so ``cdvc-lc`` and ``CDVC-LC`` are the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .errors import Problems
from .text import clean_text, collation_key
from .units import Unit

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.-]{0,39}$")
CODE_RULE = (
    "Mã đơn vị chỉ gồm chữ in hoa không dấu (A–Z), chữ số, dấu chấm và gạch ngang, "
    "tối đa 40 ký tự (ví dụ: CDCS-THCS-BANBO)."
)


def normalise_code(text: str | None) -> str:
    """The code as it is stored: NFC, trimmed, upper case (``cdcs-bb`` -> ``CDCS-BB``)."""
    return clean_text(text).upper()


def code_key(code: str | None) -> str:
    """What two codes are compared by: NFC and case folding."""
    return clean_text(code).casefold()


def same_code(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and code_key(a) == code_key(b)


def code_problem(code: str) -> str | None:
    """The Vietnamese one-liner for a code that cannot be registered, or None when it can."""
    if not code:
        return "Cần nhập mã đơn vị (do đơn vị cấp trên cấp)."
    if not CODE_RE.match(code):
        return f"Mã «{code}» không hợp lệ. {CODE_RULE}"
    return None


def check_code(code: str, field: str = "code") -> str:
    """Normalise ``code`` and raise a :class:`ValidationError` on ``field`` when it is bad."""
    code = normalise_code(code)
    problem = code_problem(code)
    if problem:
        p = Problems()
        p.add(field, problem)
        p.raise_if_any()
    return code


def is_closed(unit: Unit, day: date) -> bool:
    """True when the unit stopped before ``day`` (its ``valid_to`` is in the past)."""
    return unit.valid_to is not None and unit.valid_to < day


def open_on(unit: Unit, day: date) -> bool:
    return not is_closed(unit, day)


def by_vietnamese_name(units: Iterable[Unit]) -> list[Unit]:
    """Units in Vietnamese alphabetical order of their names (then code)."""
    return sorted(units, key=lambda u: (collation_key(u.name), u.code))


def parent_choices(units: Iterable[Unit], day: date) -> list[Unit]:
    """The units that may be chosen as a parent on ``day``: the ones not closed, by name."""
    return by_vietnamese_name(u for u in units if open_on(u, day))
