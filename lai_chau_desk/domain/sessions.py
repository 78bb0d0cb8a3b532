"""Dissemination sessions (buổi quán triệt, tuyên truyền) and their attendance."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from .dates import check_record_date
from .errors import Problems
from .text import clean_multiline, clean_text

# Stable codes (CLI, packages) -> Vietnamese label. The order is the order reports list them.
FORMS: dict[str, str] = {
    "truc-tiep": "hội nghị trực tiếp",
    "truc-tuyen": "hội nghị trực tuyến",
    "long-ghep": "lồng ghép sinh hoạt chuyên môn",
    "toa-dam": "tọa đàm",
    "tai-lieu": "phát tài liệu",
    "pano": "pano, áp phích",
    "loa": "loa truyền thanh",
    "mang-xa-hoi": "mạng xã hội",
    "hoi-thi": "hội thi",
    "khac": "hình thức khác",
}

FORMS_EN: dict[str, str] = {
    "truc-tiep": "in-person meeting",
    "truc-tuyen": "online meeting",
    "long-ghep": "within regular meetings",
    "toa-dam": "discussion",
    "tai-lieu": "leaflets",
    "pano": "posters",
    "loa": "loudspeakers",
    "mang-xa-hoi": "social media",
    "hoi-thi": "contest",
    "khac": "other",
}

MAX_PEOPLE = 1_000_000

ATTENDANCE = "attendance"  # a headcount on the session's :class:`Attendance`
AMOUNT = "amount"  # a non-negative integer on the session itself
FLAG = "flag"  # a yes/no on the session; its figure counts the sessions that have it


@dataclass(frozen=True)
class SessionCount:
    """A field of a session record that a period figure sums (``figure`` in ``FIGURES``)."""

    name: str
    kind: str
    figure: str


# Every counted field of a session, declared once: storage columns, the driver's insert, the
# named rows read back, the package's session records, the figures summed from them (SQL,
# in-memory and the importer's check) all derive from this (tests/domain/
# test_session_declaration.py fails when a list disagrees). A new count is a line here, a
# Figure in figures.py, one migration and its labels.
SESSION_COUNTS: tuple[SessionCount, ...] = (
    SessionCount("participants", ATTENDANCE, "participants"),
    SessionCount("union_members", ATTENDANCE, "union_members"),
    SessionCount("female", ATTENDANCE, "female"),
    SessionCount("ethnic_minority", ATTENDANCE, "ethnic_minority"),
    SessionCount("materials", AMOUNT, "materials"),
    # Held with interpretation into an ethnic-minority language (Lai Châu has 20 groups):
    # a property of the session, so a yes/no; the figure is how many sessions had it.
    SessionCount("interpreted", FLAG, "sessions_interpreted"),
)
SESSION_FIELDS: tuple[str, ...] = tuple(c.name for c in SESSION_COUNTS)


@dataclass(frozen=True)
class SessionFilter:
    """What a sessions list shows: unit, date range, directive, form and a search text."""

    unit_code: str
    start: date | None = None
    end: date | None = None
    directive_code: str | None = None
    form: str | None = None
    text: str = ""


@dataclass
class Attendance:
    """Who attended: counts, of whom union members, female and ethnic minority."""

    participants: int = 0
    union_members: int = 0
    female: int = 0
    ethnic_minority: int = 0


@dataclass
class DisseminationSession:
    """One dissemination or propaganda session of a unit."""

    held_on: date | None
    title: str
    form: str = "truc-tiep"
    directive_codes: list[str] = field(default_factory=list)
    task_codes: list[str] = field(default_factory=list)  # "334-KH/TU II.3.a"
    place: str = ""
    presenter: str = ""
    attendance: Attendance = field(default_factory=Attendance)
    attendee_ids: list[uuid.UUID] = field(default_factory=list)  # ticked from the roster
    materials: int = 0
    interpreted: bool = False  # held with interpretation into an ethnic-minority language
    note: str = ""
    unit_code: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def count_values(x: DisseminationSession) -> dict[str, int | bool]:
    """The session's :data:`SESSION_COUNTS` by field name (a flag stays a bool)."""
    return {
        c.name: getattr(x.attendance if c.kind == ATTENDANCE else x, c.name) for c in SESSION_COUNTS
    }


def with_counts(values: dict, **fields) -> DisseminationSession:
    """A session built from ``fields`` and the counted fields found in ``values``."""
    att = Attendance(**{c.name: values[c.name] for c in SESSION_COUNTS if c.kind == ATTENDANCE})
    own = {
        c.name: (bool(values[c.name]) if c.kind == FLAG else values[c.name])
        for c in SESSION_COUNTS
        if c.kind != ATTENDANCE and c.name in values
    }
    return DisseminationSession(attendance=att, **own, **fields)  # type: ignore[arg-type]


def add_figures(figures: object, values: dict) -> None:
    """Add one session's (or one group's) counted ``values`` into a figures object's counts."""
    for c in SESSION_COUNTS:
        setattr(figures, c.figure, getattr(figures, c.figure) + int(values.get(c.name) or 0))


def attendance_from_roster(members: list[dict]) -> Attendance:
    """Counts of a ticked attendance list; each member is a dict with ``is_union_member``,
    ``gender`` ("nu" for female) and ``ethnic_minority`` (bool)."""
    return Attendance(
        participants=len(members),
        union_members=sum(1 for m in members if m.get("is_union_member")),
        female=sum(1 for m in members if m.get("gender") == "nu"),
        ethnic_minority=sum(1 for m in members if m.get("ethnic_minority")),
    )


def check_attendance(p: Problems, a: Attendance, ticked: int = 0) -> None:
    """Add problems when the counts contradict each other."""
    for name, value in (
        ("participants", a.participants),
        ("union_members", a.union_members),
        ("female", a.female),
        ("ethnic_minority", a.ethnic_minority),
    ):
        if value < 0:
            p.add(name, "Số người không được âm.")
        elif value > MAX_PEOPLE:
            p.add(name, "Số người quá lớn.")
    labels = {
        "union_members": "đoàn viên",
        "female": "nữ",
        "ethnic_minority": "người dân tộc thiểu số",
    }
    for name, label in labels.items():
        value = getattr(a, name)
        if value > a.participants:
            p.add(name, f"Số {label} ({value}) lớn hơn số người tham dự ({a.participants}).")
    if ticked > a.participants:
        p.add(
            "participants",
            f"Danh sách điểm danh có {ticked} người, nhiều hơn số người tham dự ({a.participants}).",
        )


def task_ref(directive_code: str, task_code: str) -> str:
    """How a session names a task it covered: ``"334-KH/TU II.3.a"``."""
    return f"{directive_code} {task_code}"


def validate_session(
    s: DisseminationSession,
    today: date | None = None,
    known_directives: set[str] | None = None,
    known_tasks: dict[str, str] | None = None,
) -> DisseminationSession:
    """Normalise text (NFC) and check a session; raises :class:`ValidationError` listing every
    problem. Nothing is changed in storage when this raises.

    ``known_tasks`` maps each task reference of the catalogue to its directive's code; a task
    covered brings its directive into ``directive_codes`` (covering II.3.a of 334-KH/TU is
    disseminating 334-KH/TU)."""
    s.title = clean_text(s.title)
    s.place = clean_text(s.place)
    s.presenter = clean_text(s.presenter)
    s.note = clean_multiline(s.note)
    s.directive_codes = list(
        dict.fromkeys(clean_text(c) for c in s.directive_codes if clean_text(c))
    )
    s.task_codes = list(
        dict.fromkeys(" ".join(clean_text(c).split()) for c in s.task_codes if clean_text(c))
    )
    p = Problems()
    if known_tasks is not None:
        for ref in s.task_codes:
            directive = known_tasks.get(ref)
            if directive is None:
                p.add("task_codes", f"Nhiệm vụ «{ref}» không có trong danh mục.")
            elif directive not in s.directive_codes:
                s.directive_codes.append(directive)
    check_record_date(p, "held_on", s.held_on, today, "Ngày tổ chức")
    if not s.title:
        p.add("title", "Tiêu đề buổi tuyên truyền không được để trống.")
    elif len(s.title) > 500:
        p.add("title", "Tiêu đề quá dài (tối đa 500 ký tự).")
    if s.form not in FORMS:
        p.add("form", f"Hình thức «{s.form}» không có trong danh mục ({', '.join(FORMS)}).")
    if known_directives is not None:
        for code in s.directive_codes:
            if code not in known_directives:
                p.add("directive_codes", f"Văn bản «{code}» không có trong danh mục.")
    s.interpreted = bool(s.interpreted)
    if s.materials < 0:
        p.add("materials", "Số tài liệu phát ra không được âm.")
    # With no headcount typed, the ticked list becomes the attendance (see the service).
    ticked = len(set(s.attendee_ids)) if s.attendance != Attendance() else 0
    check_attendance(p, s.attendance, ticked)
    p.raise_if_any()
    return s
