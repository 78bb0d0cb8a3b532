"""Union units as a tree with validity dates. The hierarchy is data, never hard-coded levels."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from .errors import Problems
from .text import clean_text

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass
class Unit:
    """One union unit (công đoàn cơ sở, công đoàn ngành, LĐLĐ tỉnh…)."""

    code: str
    name: str
    parent_code: str | None = None
    level: str = ""
    short_name: str = ""
    parent_body: str = ""
    place_name: str = "Lai Châu"
    valid_from: date | None = None
    valid_to: date | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    def active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def active_during(self, start: date, end: date) -> bool:
        """True when the unit existed on at least one day of ``start``..``end``."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or start <= self.valid_to
        )


@dataclass
class UnitProfile:
    """What the official report of the installation's own unit prints in its header and footer."""

    unit_code: str
    parent_body: str = ""
    issuing_body: str = ""
    place_name: str = "Lai Châu"
    signature_on_behalf: str = "TM. BAN CHẤP HÀNH"
    signature_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    doc_prefix: str = "BC-CĐCS"
    counts_as_of: date | None = None
    members_total: int = 0
    members_female: int = 0
    members_ethnic_minority: int = 0
    workers_total: int = 0
    workers_female: int = 0
    workers_ethnic_minority: int = 0


def validate_unit(unit: Unit) -> Unit:
    """Normalise a unit's text and check it; raises :class:`ValidationError`."""
    unit.code = clean_text(unit.code)
    unit.name = clean_text(unit.name)
    unit.level = clean_text(unit.level)
    unit.short_name = clean_text(unit.short_name)
    unit.parent_body = clean_text(unit.parent_body)
    unit.place_name = clean_text(unit.place_name)
    unit.parent_code = clean_text(unit.parent_code) or None
    p = Problems()
    if not _CODE.match(unit.code):
        p.add(
            "code", "Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 40 ký tự)."
        )
    if not unit.name:
        p.add("name", "Tên đơn vị không được để trống.")
    if unit.parent_code and unit.parent_code == unit.code:
        p.add("parent_code", "Đơn vị không thể là cấp trên của chính nó.")
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        p.add("valid_to", "Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
    p.raise_if_any()
    return unit


def validate_profile(profile: UnitProfile) -> UnitProfile:
    """Normalise and check a unit profile; counts cannot contradict each other."""
    for name in (
        "parent_body",
        "issuing_body",
        "place_name",
        "signature_on_behalf",
        "signature_title",
        "signer_name",
        "doc_prefix",
    ):
        setattr(profile, name, clean_text(getattr(profile, name)))
    p = Problems()
    if not profile.place_name:
        p.add("place_name", "Cần nhập địa danh để ghi dòng ngày tháng của báo cáo.")
    for group in ("members", "workers"):
        total = getattr(profile, f"{group}_total")
        label = "đoàn viên" if group == "members" else "CNVCLĐ"
        for part, part_label in (("female", "nữ"), ("ethnic_minority", "dân tộc thiểu số")):
            value = getattr(profile, f"{group}_{part}")
            if value < 0 or total < 0:
                p.add(f"{group}_total", f"Số {label} không được âm.")
            elif value > total:
                p.add(
                    f"{group}_{part}",
                    f"Số {label} {part_label} ({value}) lớn hơn tổng số ({total}).",
                )
    p.raise_if_any()
    return profile


class UnitTree:
    """An in-memory view of the unit directory for walking parents and subtrees."""

    def __init__(self, units: list[Unit]) -> None:
        self.by_code = {u.code: u for u in units}
        self.children: dict[str | None, list[Unit]] = {}
        for u in units:
            self.children.setdefault(u.parent_code, []).append(u)

    def subtree_codes(self, code: str) -> list[str]:
        """``code`` and every unit below it, at any depth (cycles are ignored)."""
        seen: list[str] = []
        done: set[str] = set()  # for the membership test: a list's is linear in the tree
        stack = [code]
        while stack:
            c = stack.pop()
            if c in done:
                continue
            seen.append(c)
            done.add(c)
            stack.extend(ch.code for ch in self.children.get(c, []))
        return seen

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        cur = self.by_code.get(code)
        while cur and cur.parent_code and cur.parent_code not in out:
            out.append(cur.parent_code)
            cur = self.by_code.get(cur.parent_code)
        return out

    def active_children(self, code: str, start: date, end: date) -> list[Unit]:
        return [u for u in self.children.get(code, []) if u.active_during(start, end)]


# ---- wording that follows the unit's level (DESIGN §6) --------------------------------------


@dataclass(frozen=True)
class LevelWording:
    """How the official report of a unit at some level is signed and filed.

    ``doc_prefix`` is the symbol after the number ("05/BC-CĐCS"), ``on_behalf`` the line above
    the signer's title, ``filing`` the last line of "Nơi nhận", ``committee`` who acts in the
    report's sentences ("Ban Chấp hành Công đoàn cơ sở")."""

    doc_prefix: str
    on_behalf: str
    filing: str
    committee: str
    upper: bool


GRASSROOTS = LevelWording(
    "BC-CĐCS", "TM. BAN CHẤP HÀNH", "Lưu: VT, BCH.", "Ban Chấp hành Công đoàn cơ sở", False
)
# The profile's defaults when nobody chose otherwise: a profile still holding them at an upper
# level takes the level's wording instead (a value the officer typed always wins).
PROFILE_DEFAULT_PREFIX = GRASSROOTS.doc_prefix
PROFILE_DEFAULT_ON_BEHALF = GRASSROOTS.on_behalf


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


def level_wording(name: str, level: str, has_units_below: bool) -> LevelWording:
    """The wording for a unit from its name and level (free text, the hierarchy is data) and
    whether units report to it. Federations sign BC-LĐLĐ, the public-servants union BC-CĐVC,
    other upper-level unions (commune, ward, sector) BC-CĐ, grassroots unions BC-CĐCS."""
    text = _folded(f"{level} {name}")
    grassroots = "cơ sở" in _folded(level) or (not has_units_below and "cơ sở" in text)
    if grassroots or (
        not has_units_below
        and not any(
            w in text
            for w in (
                "liên đoàn lao động",
                "viên chức",
                "ngành",
                "công đoàn xã",
                "công đoàn phường",
                "đặc khu",
            )
        )
    ):
        return GRASSROOTS
    if "liên đoàn lao động" in text:
        prefix = "BC-LĐLĐ"
    elif "viên chức" in text:
        prefix = "BC-CĐVC"
    else:
        prefix = "BC-CĐ"
    return LevelWording(prefix, "TM. BAN THƯỜNG VỤ", "Lưu: VT, TG-NC.", "Ban Thường vụ", True)
