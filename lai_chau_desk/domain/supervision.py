"""Supervision activities (giám sát) over state management, with recommendations to follow up."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import date

from .dates import check_record_date
from .errors import Problems
from .text import clean_multiline, clean_text

FIELDS: dict[str, str] = {
    "giao-duc": "giáo dục và đào tạo",
    "khcn": "khoa học và công nghệ",
    "khac": "lĩnh vực khác",
}
FIELDS_EN = {
    "giao-duc": "education and training",
    "khcn": "science and technology",
    "khac": "other",
}

ROLES: dict[str, str] = {
    "chu-tri": "chủ trì",
    "phoi-hop": "phối hợp",
    "tham-gia": "tham gia đoàn",
}
ROLES_EN = {"chu-tri": "lead", "phoi-hop": "coordinate", "tham-gia": "member of team"}

STATUSES: dict[str, str] = {
    "chua": "chưa giải quyết",
    "dang": "đang giải quyết",
    "da": "đã giải quyết",
}
STATUSES_EN = {"chua": "open", "dang": "in progress", "da": "resolved"}


@dataclass
class Recommendation:
    """A recommendation made by a supervision, with its follow-up status."""

    text: str
    status: str = "chua"
    status_on: date | None = None
    id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)


@dataclass
class SupervisionActivity:
    """One supervision the unit led, coordinated or joined."""

    held_on: date | None
    field: str
    target: str
    role: str = "phoi-hop"
    partners: str = ""
    content: str = ""
    findings: str = ""
    recommendations: list[Recommendation] = dataclasses.field(default_factory=list)
    unit_code: str = ""
    id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)


def validate_supervision(s: SupervisionActivity, today: date | None = None) -> SupervisionActivity:
    s.target = clean_text(s.target)
    s.partners = clean_text(s.partners)
    s.content = clean_multiline(s.content)
    s.findings = clean_multiline(s.findings)
    p = Problems()
    check_record_date(p, "held_on", s.held_on, today, "Ngày giám sát")
    if s.field not in FIELDS:
        p.add("field", f"Lĩnh vực giám sát «{s.field}» không hợp lệ ({', '.join(FIELDS)}).")
    if s.role not in ROLES:
        p.add("role", f"Vai trò «{s.role}» không hợp lệ ({', '.join(ROLES)}).")
    if not s.target:
        p.add("target", "Cần ghi rõ cơ quan, đơn vị được giám sát.")
    for r in s.recommendations:
        r.text = clean_multiline(r.text)
        if not r.text:
            p.add("recommendations", "Nội dung kiến nghị không được để trống.")
        if r.status not in STATUSES:
            p.add("recommendations", f"Trạng thái kiến nghị «{r.status}» không hợp lệ.")
        if r.status_on and s.held_on and r.status_on < s.held_on:
            p.add("recommendations", "Ngày cập nhật kiến nghị không được trước ngày giám sát.")
    p.raise_if_any()
    return s
