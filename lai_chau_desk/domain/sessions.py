"""Dissemination sessions (buổi quán triệt, tuyên truyền) and their attendance."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
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

# The forms held before an audience: such a session has at least one participant (a leaflet,
# a poster, a loudspeaker or a post reaches people who are not counted).
AUDIENCE_FORMS = frozenset({"truc-tiep", "truc-tuyen", "long-ghep", "toa-dam", "hoi-thi"})

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
    """A field of a session record that a period figure sums (``figure`` in ``FIGURES``).

    ``label`` / ``label_en`` name the field where it is typed (the editor, the CLI's help);
    ``cli`` is its ``session add`` option without the dashes (default: the name, dashed)."""

    name: str
    kind: str
    figure: str
    label: str
    label_en: str
    cli: str

    @property
    def option(self) -> str:
        return f"--{self.cli}"


def _count(kind: str, figure: str, label: str, label_en: str, cli: str = "") -> dict:
    return {"count": (kind, figure, label, label_en, cli)}


def headcount(figure: str, label: str, label_en: str, cli: str = "") -> int:
    """A headcount of :class:`Attendance`, summed into ``figure``."""
    return field(default=0, metadata=_count(ATTENDANCE, figure, label, label_en, cli))


def amount(figure: str, label: str, label_en: str, cli: str = "") -> int:
    """A non-negative integer of the session itself, summed into ``figure``."""
    return field(default=0, metadata=_count(AMOUNT, figure, label, label_en, cli))


def yes_no(figure: str, label: str, label_en: str, cli: str = "") -> bool:
    """A yes/no of the session; ``figure`` counts the sessions that have it."""
    return field(default=False, metadata=_count(FLAG, figure, label, label_en, cli))


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

    participants: int = headcount("participants", "Người tham dự", "Participants")
    union_members: int = headcount(
        "union_members", "Trong đó đoàn viên", "Of whom union members", cli="members"
    )
    female: int = headcount("female", "Trong đó nữ", "Of whom female")
    ethnic_minority: int = headcount(
        "ethnic_minority", "Trong đó dân tộc thiểu số", "Of whom ethnic minority"
    )


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
    materials: int = amount("materials", "Số tài liệu phát ra", "Materials handed out")
    # Held with interpretation into an ethnic-minority language (Lai Châu has 20 groups): a
    # property of the session, so a yes/no; the figure is how many sessions had it.
    interpreted: bool = yes_no(
        "sessions_interpreted",
        "Có phiên dịch tiếng dân tộc",
        "Interpreted into an ethnic-minority language",
    )
    note: str = ""
    unit_code: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)


# Every counted field of a session is declared once, on the record itself: a field of
# :class:`Attendance` made by :func:`headcount`, or of :class:`DisseminationSession` made by
# :func:`amount` or :func:`yes_no`, with the figure it sums into and its labels. Storage columns,
# the driver's insert, the named rows read back, the package's session records and schema,
# the figures summed from them (SQL, in-memory and the importer's check), the editor's fields,
# the CLI's options and the report's rows and columns all derive from this
# (tests/domain/test_session_declaration.py and tests/test_new_count.py). A new count is a
# field here, a count field of ``PeriodFigures`` in figures.py, one migration and its labels
# (``reports/labels.py``).
def _declared(*classes: type) -> tuple[SessionCount, ...]:
    out = []
    for cls in classes:
        for f in fields(cls):
            if "count" in f.metadata:
                kind, figure, label, label_en, option = f.metadata["count"]
                option = option or f.name.replace("_", "-")
                out.append(SessionCount(f.name, kind, figure, label, label_en, option))
    return tuple(out)


SESSION_COUNTS: tuple[SessionCount, ...] = _declared(Attendance, DisseminationSession)
SESSION_FIELDS: tuple[str, ...] = tuple(c.name for c in SESSION_COUNTS)


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


# How a headcount is named in a message ("Số nữ (5) lớn hơn số người tham dự (3).").
_NOUNS = {"union_members": "đoàn viên", "female": "nữ", "ethnic_minority": "người dân tộc thiểu số"}


def check_attendance(p: Problems, a: Attendance, ticked: int = 0) -> None:
    """Add problems when the counts contradict each other."""
    heads = [c.name for c in SESSION_COUNTS if c.kind == ATTENDANCE]
    for name in heads:
        value = getattr(a, name)
        if value < 0:
            p.add(name, "Số người không được âm.")
        elif value > MAX_PEOPLE:
            p.add(name, "Số người quá lớn.")
    for name in heads:
        value = getattr(a, name)
        if name != "participants" and value > a.participants:
            label = _NOUNS.get(name, name)
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
    for c in SESSION_COUNTS:
        if c.kind == FLAG:
            setattr(s, c.name, bool(getattr(s, c.name)))
        elif c.kind == AMOUNT and getattr(s, c.name) < 0:
            p.add(c.name, f"{c.label} không được âm.")
    # With no headcount typed, the ticked list becomes the attendance (see the service).
    ticked = len(set(s.attendee_ids)) if s.attendance != Attendance() else 0
    check_attendance(p, s.attendance, ticked)
    if not s.directive_codes and not s.task_codes:  # (a task belongs to its directive)
        p.add("directive_codes", "Chọn ít nhất một văn bản mà buổi tuyên truyền này phổ biến.")
    if s.form in AUDIENCE_FORMS and max(s.attendance.participants, len(s.attendee_ids)) <= 0:
        p.add(
            "participants",
            f"Buổi tuyên truyền theo hình thức «{FORMS[s.form]}» cần số người tham dự (ít nhất 1).",
        )
    p.raise_if_any()
    return s
