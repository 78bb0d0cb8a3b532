"""Reading roster spreadsheets cell by cell: header recognition and value parsing.

Pure Python (no openpyxl, no Qt), so it is cheap to test. Headers are recognised after legacy
(TCVN3/VNI) conversion and accent folding, so "Họ và tên", "Ho va ten" and "Hä vµ tªn" are one.
Every parser returns ``(value, problem)`` where ``problem`` is a Vietnamese message or ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..domain.legacy import convert_tcvn3, convert_vni, to_unicode
from ..domain.text import clean_text, fold_for_search

# Target fields of an import, in the order the mapping table shows them.
TARGET_FIELDS: tuple[str, ...] = (
    "full_name", "gender", "female", "male", "birth", "ethnicity", "is_union_member",
    "position", "department", "active_from", "active_to",
)  # fmt: skip

# Vietnamese column titles of the export (and the canonical names of the target fields).
FIELD_TITLES: dict[str, str] = {
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "female": "Nữ (đánh dấu x)",
    "male": "Nam (đánh dấu x)",
    "birth": "Năm sinh",
    "ethnicity": "Dân tộc",
    "is_union_member": "Đoàn viên",
    "position": "Chức vụ",
    "department": "Bộ phận",
    "active_from": "Ngày vào",
    "active_to": "Ngày thôi",
}

Mapping = dict[str, int]  # target field -> 0-based column index

_PUNCT = re.compile(r"[^\w]+")

# Folded header text -> field. Exact matches first, then prefixes (longest first).
_EXACT: dict[str, str] = {
    "ten": "full_name", "name": "full_name", "full name": "full_name",
    "gioi": "gender", "gioi tinh": "gender", "nam nu": "gender", "nu nam": "gender",
    "gender": "gender", "sex": "gender", "phai": "gender",
    "nu": "female", "la nu": "female", "female": "female",
    "nam": "male", "male": "male",
    "ns": "birth", "birth": "birth", "year of birth": "birth", "date of birth": "birth",
    "dan toc": "ethnicity", "ethnicity": "ethnicity",
    "dv": "is_union_member", "doan vien": "is_union_member", "la doan vien": "is_union_member",
    "dvcd": "is_union_member", "union member": "is_union_member",
    "to": "department", "phong": "department", "khoa": "department", "department": "department",
    "position": "position", "chuc vu": "position",
    "ngay vao": "active_from", "active from": "active_from",
    "ngay thoi": "active_to", "ngay ra": "active_to", "active to": "active_to",
}  # fmt: skip
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("ngay thang nam sinh", "birth"), ("ngay sinh", "birth"), ("nam sinh", "birth"),
    ("ho va ten", "full_name"), ("ho ten", "full_name"), ("ho va", "full_name"),
    ("gioi tinh", "gender"),
    ("ngay vao", "active_from"), ("ngay ket nap", "active_from"), ("ngay bat dau", "active_from"),
    ("tu ngay", "active_from"),
    ("ngay thoi", "active_to"), ("ngay ra", "active_to"), ("ngay nghi", "active_to"),
    ("den ngay", "active_to"),
    ("dan toc", "ethnicity"), ("chuc vu", "position"), ("chuc danh", "position"),
    ("bo phan", "department"), ("phong ban", "department"), ("to chuyen mon", "department"),
    ("to cong doan", "department"), ("don vi", "department"), ("to ", "department"),
    ("phong ", "department"),
    ("la doan vien", "is_union_member"), ("doan vien", "is_union_member"),
    ("cong doan vien", "is_union_member"),
)  # fmt: skip


def header_key(value: object) -> str:
    """Header text folded for matching: legacy-converted, no accents, no punctuation."""
    text = to_unicode(cell_text(value))
    return " ".join(_PUNCT.sub(" ", fold_for_search(text)).split())


def field_for_header(value: object) -> str | None:
    """The target field a column title names, or ``None``."""
    key = header_key(value)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, name in _PREFIXES:
        if key.startswith(prefix):
            return name
    return None


def guess_mapping(headers: list[object]) -> Mapping:
    """Propose a column for every target field a header names (the first such column wins)."""
    mapping: Mapping = {}
    for col, value in enumerate(headers):
        name = field_for_header(value)
        if name and name not in mapping:
            mapping[name] = col
    return mapping


def header_score(row: Sequence[object]) -> int:
    """How much a row looks like the roster's header: distinct fields named, name column first."""
    names = {field_for_header(v) for v in row} - {None}
    return len(names) + (10 if "full_name" in names else 0) if len(names) >= 2 else 0


# ---------------------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as display text: numbers without a spurious ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@lru_cache(maxsize=4096)
def _convert(raw: str) -> tuple[str, bool]:
    converted = clean_text(to_unicode(raw))
    return converted, converted != clean_text(raw)


def text_value(value: object) -> tuple[str, bool]:
    """Cell text as clean NFC Unicode; the flag says a legacy encoding was converted."""
    raw = cell_text(value)
    if not raw:
        return "", False
    return _convert(raw)


def _readings(value: object) -> list[str]:
    """Folded readings of a short cell: as detected, then as TCVN3 and as VNI. Words like
    "cã" (TCVN3 "có") are too short for detection; a fixed vocabulary settles them."""
    text = cell_text(value)
    keys = [header_key(value)]
    if not text.isascii():
        keys += [
            " ".join(_PUNCT.sub(" ", fold_for_search(convert(text))).split())
            for convert in (convert_tcvn3, convert_vni)
        ]
    return keys


def _lookup(value: object, table: dict[str, object]) -> object | None:
    for key in _readings(value):
        if key in table:
            return table[key]
    return None


_YES = {"x", "co", "c", "yes", "y", "1", "true", "dv", "doan vien", "la doan vien", "v", "+"}
_NO = {"khong", "k", "no", "n", "0", "false", "-", "chua", "ngoai doan"}


def parse_union_member(value: object) -> tuple[bool | None, str]:
    """x / có / không ...; an empty cell in a mapped column means "not a member"."""
    if not header_key(value):
        return False, ""
    found = _lookup(value, _YES_NO)
    if found is not None:
        return bool(found), ""
    return None, f"Cột Đoàn viên có giá trị không hiểu được: “{cell_text(value)}”."


_YES_NO: dict[str, object] = {**dict.fromkeys(_YES, True), **dict.fromkeys(_NO, False)}
_GENDERS: dict[str, object] = {
    **dict.fromkeys(("nam", "male", "m", "trai"), "nam"),
    **dict.fromkeys(("nu", "female", "f", "gai"), "nu"),
}


def parse_gender(value: object) -> tuple[str | None, str]:
    """Nam / Nữ (any spelling) -> ``"nam"`` / ``"nu"``."""
    if not header_key(value):
        return None, "Thiếu giới tính."
    found = _lookup(value, _GENDERS)
    if found is not None:
        return str(found), ""
    return None, f"Giới tính “{cell_text(value)}” không hiểu được (ghi Nam hoặc Nữ)."


def is_marked(value: object) -> bool:
    """A tick-box column: any non-empty value other than "không"/0 counts as ticked."""
    return bool(header_key(value)) and _lookup(value, _YES_NO) is not False


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object, label: str) -> tuple[date | None, str]:
    """A date cell: a real date, an Excel serial number, dd/mm/yyyy, yyyy-mm-dd, mm/yyyy."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    bad = f"{label} “{cell_text(value)}” không đọc được (ghi dạng ngày/tháng/năm)."
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= 2_958_465:  # Excel's date range
            return _EXCEL_EPOCH + timedelta(days=int(value)), ""
        return None, bad
    text = clean_text(str(value))
    try:
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1])), ""
        if m := _YMD.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), ""
        if m := _MY.match(text):
            return date(int(m[2]), int(m[1]), 1), ""
        if m := _YEAR.match(text):
            return date(int(m[1]), 1, 1), ""
    except ValueError:
        pass
    return None, bad


def parse_birth_year(value: object) -> tuple[int | None, str]:
    """A birth year, or a full birth date of which the year is kept."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return int(value), ""
        if value > 9999:  # an Excel date serial
            found, problem = parse_date(value, "Năm sinh")
            return (found.year if found else None), problem
        return None, f"Năm sinh “{cell_text(value)}” không đọc được."
    found, _problem = parse_date(value, "Năm sinh")
    if found:
        return found.year, ""
    return None, f"Năm sinh “{cell_text(value)}” không đọc được."
