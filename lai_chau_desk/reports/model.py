"""The plain input of a report: everything the PDF and XLSX print, filled by a service.

No behaviour beyond small derived values, so the exchange layer (consolidation) can build the
same objects from received packages and hand them to the same renderers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from ..domain.figures import PeriodFigures
from ..domain.units import GRASSROOTS, LevelWording, UnitProfile

STATUSES = ("on_time", "late", "missing")


@dataclass
class SessionLine:
    """One row of the sessions appendix. ``unit_name`` is filled in consolidated reports."""

    held_on: date
    title: str
    form: str  # stable form code (FORMS)
    directives: list[str] = field(default_factory=list)  # directive codes
    place: str = ""
    # the session's counted fields (``SESSION_COUNTS``) by name; a yes/no stays a bool
    counts: dict[str, int | bool] = field(default_factory=dict)
    unit_name: str = ""

    def count(self, name: str) -> int:
        """A counted field as a number (a yes/no as 1 or 0; absent as 0)."""
        return int(self.counts.get(name, 0))


@dataclass
class SupervisionLine:
    """One row of the supervision appendix."""

    held_on: date
    field: str  # stable field code (FIELDS)
    role: str  # stable role code (ROLES)
    target: str
    partners: str = ""
    recommendations: int = 0
    resolved: int = 0
    unit_name: str = ""
    findings: str = ""
    # (text, status); ``dataclasses.field`` spelled out: this class has a field named "field"
    recommendation_texts: list[tuple[str, str]] = dataclasses.field(default_factory=list)


@dataclass
class IndicatorLine:
    """A mobilisation indicator with its value for the period."""

    code: str
    name: str
    value: float
    unit_label: str = ""
    note: str = ""
    kind: str = "flow"  # flow | stock (see domain.catalogue)


@dataclass
class ReportData:
    """Everything one unit's period report prints. All text NFC; user text is printed literally."""

    unit_code: str
    unit_name: str
    profile: UnitProfile
    period_code: str
    period_start: date
    period_end: date
    period_label: str  # "6 tháng đầu năm 2026" (in the report's language)
    doc_number: str  # "05/BC-CĐCS"
    issue_date: date
    figures: PeriodFigures
    directives: dict[str, str] = field(default_factory=dict)  # code -> "Kết luận số 50-KL/TW"
    sessions: list[SessionLine] = field(default_factory=list)
    supervisions: list[SupervisionLine] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)
    narrative: dict[str, str] = field(default_factory=dict)  # SECTIONS code -> text
    recipients: list[str] = field(
        default_factory=list
    )  # "Ban Tuyên giáo và Nữ công LĐLĐ tỉnh (b/c)"
    subject: str = ""  # the documents the report is about, for the title; empty: directives
    basis: str = ""  # opening sentence ("Thực hiện Công văn số 356/LĐLĐ…"); empty: a default
    key_fingerprint: str | None = None
    language: str = "vi"  # "vi" | "en"
    directive_issuers: dict[str, str] = field(default_factory=dict)  # code -> issuer
    wording: LevelWording = GRASSROOTS
    members_text: str = ""  # section I's membership sentence (dated at the period's end)
    suggestions: dict[str, str] = field(default_factory=dict)  # printed for empty sections
    paper_code: str | None = None  # printed with a QR code (reports.paper_code)
    annual: bool = False
    issued_the_letter: bool = False  # the unit issued the letter the report answers (356/LĐLĐ)

    @property
    def place_name(self) -> str:
        return self.profile.place_name or "Lai Châu"

    @property
    def when(self) -> str:
        """ "Trong 6 tháng đầu năm 2026", "Trong năm 2026" ("In the first half of 2026")."""
        if self.language == "en":
            return f"In {self.period_label}"
        return f"Trong {self.period_label[:1].lower() + self.period_label[1:]}"

    @property
    def committee(self) -> str:
        """Who acts in the sentences about the unit's own work."""
        if self.wording.upper:
            return f"{self.wording.committee} {self.unit_name}"
        return self.wording.committee

    @property
    def subject_text(self) -> str:
        """What the title's summary line names: ``subject`` or else every directive's label."""
        return self.subject or ", ".join(self.directives.values())


@dataclass
class UnitStatusLine:
    """One unit below in a consolidated report: its figures (None when it has not reported),
    whether it reported on time, late or not at all, and when its report arrived."""

    unit_code: str
    unit_name: str
    figures: PeriodFigures | None
    status: str  # "on_time" | "late" | "missing"
    received_on: date | None = None
    below_reported: int | None = None  # units further down whose reports are held
    below_expected: int | None = None  # units further down known in the directory
    sent_on: date | None = None  # the signed creation date of the first revision

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown report status {self.status!r}")


@dataclass
class ConsolidatedData(ReportData):
    """An upper level's report: its own report data (``figures`` are the consolidated totals)
    plus one row per unit below."""

    units: list[UnitStatusLine] = field(default_factory=list)
    own_figures: PeriodFigures | None = None  # the upper level's own activities
    all_units: list[UnitStatusLine] = field(default_factory=list)  # every unit, optional
    reports_below: tuple[int, int] | None = None  # (held, known) below the direct children
    unit_noun: str = "công đoàn"  # the direct children: "công đoàn" or "công đoàn cơ sở"
    tree_subject: str = "các cấp công đoàn"  # or "các công đoàn cơ sở trực thuộc"

    def units_with(self, status: str) -> list[UnitStatusLine]:
        return [u for u in self.units if u.status == status]


def appendix_keys(data: ReportData) -> list[str]:
    """The appendices a report carries, in order (the body cites them by number)."""
    keys: list[str] = []
    if isinstance(data, ConsolidatedData) and data.units:
        keys.append("app_units")
        if any(u.status != "on_time" for u in data.units):
            keys.append("app_late")
        if data.all_units:
            keys.append("app_all_units")
    if data.sessions:
        keys.append("app_sessions")
    if data.supervisions:
        keys.append("app_supervisions")
    return keys


def appendix_number(data: ReportData, key: str) -> int | None:
    keys = appendix_keys(data)
    return keys.index(key) + 1 if key in keys else None
