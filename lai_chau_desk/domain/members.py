"""The member roster. Personal data: it never leaves the unit's database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from .errors import Problems
from .text import clean_text

GENDERS = {"nam": "Nam", "nu": "Nữ"}
MAJORITY_ETHNICITY = "Kinh"


@dataclass
class Member:
    """One person on the unit's roster (đoàn viên or worker who is not a member)."""

    full_name: str
    gender: str = "nam"
    birth_year: int | None = None
    ethnicity: str = MAJORITY_ETHNICITY
    is_union_member: bool = True
    position: str = ""
    department: str = ""
    active_from: date | None = None
    active_to: date | None = None
    unit_code: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def ethnic_minority(self) -> bool:
        return bool(self.ethnicity) and clean_text(self.ethnicity).casefold() != "kinh"

    def active_during(self, start: date, end: date) -> bool:
        return (self.active_from is None or self.active_from <= end) and (
            self.active_to is None or start <= self.active_to
        )


def validate_member(m: Member, today: date | None = None) -> Member:
    today = today or date.today()
    m.full_name = clean_text(m.full_name)
    m.ethnicity = clean_text(m.ethnicity)
    m.position = clean_text(m.position)
    m.department = clean_text(m.department)
    p = Problems()
    if not m.full_name:
        p.add("full_name", "Họ và tên không được để trống.")
    elif len(m.full_name) > 120:
        p.add("full_name", "Họ và tên quá dài.")
    if m.gender not in GENDERS:
        p.add("gender", "Giới tính phải là Nam hoặc Nữ.")
    if m.birth_year is not None and not (today.year - 100 <= m.birth_year <= today.year - 14):
        p.add("birth_year", f"Năm sinh {m.birth_year} không hợp lý.")
    if m.active_from and m.active_to and m.active_to < m.active_from:
        p.add("active_to", "Ngày thôi sinh hoạt phải sau ngày bắt đầu.")
    p.raise_if_any()
    return m
