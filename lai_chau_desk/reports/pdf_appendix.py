"""The appendix: per-unit figures (consolidated reports), sessions and supervision activities.

Long tables split across pages with their header row repeated. Cells are plain strings (literal
text) laid out by :class:`.pdf_fasttable.FastTable`, which wraps each cell once and splits a
table of thousands of rows by slicing its rows."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from ..domain.figures import COUNTS
from ..domain.sessions import FLAG, FORMS, FORMS_EN, SESSION_COUNTS, SessionCount
from ..domain.supervision import FIELDS, FIELDS_EN, ROLES, ROLES_EN
from ..i18n import format_date, format_int
from .labels import labels
from .model import ConsolidatedData, ReportData, UnitStatusLine, appendix_keys
from .pdf_kit import APPENDIX_SIZE, BODY_W, cap, data_table, para
from .sentences import body_date

# What the A4 tables leave to the XLSX workbook, for want of width: every other declared
# count is a column, but a session's yes/no fields are notes in its form cell, and the
# sessions they count are left to the summary table (the XLSX has every count).
PAPER_OMITS = frozenset({"union_members", "materials"})
_WIDTHS = {"participants": 15 * mm, "ethnic_minority": 14 * mm, "recommendations": 15 * mm}


def _width(name: str) -> float:
    return _WIDTHS.get(name, 13 * mm)


def unit_columns() -> list[str]:
    """The figures of the per-unit tables: the declared counts, less :data:`PAPER_OMITS` and
    the figures of the sessions' yes/no fields."""
    flags = {c.figure for c in SESSION_COUNTS if c.kind == FLAG}
    return [n for n in COUNTS if n not in PAPER_OMITS and n not in flags]


def session_columns() -> list[SessionCount]:
    """The number columns of the sessions list: the counted fields that are numbers, less
    :data:`PAPER_OMITS`."""
    return [c for c in SESSION_COUNTS if c.kind != FLAG and c.name not in PAPER_OMITS]


_SHORT = (("Công đoàn cơ sở ", "CĐCS "), ("Công đoàn ", "CĐ "), ("Liên đoàn Lao động ", "LĐLĐ "))


def short_unit_name(name: str) -> str:
    """A unit's name in a narrow table column, with the union's usual abbreviations
    ("Công đoàn xã Mường Khoa" -> "CĐ xã Mường Khoa"), so a place name is not wrapped."""
    for long, short in _SHORT:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def _no_width(rows: int) -> float:
    """The "TT" column: 8 mm holds three digits; each digit more adds 1.6 mm (a province's
    appendix lists thousands of rows, and "1293" must not wrap to "129" over "3")."""
    return (8 + 1.6 * max(0, len(str(rows)) - 3)) * mm


def _units_table(
    data: ConsolidatedData,
    L: dict[str, str],
    lines: list[UnitStatusLine],
    with_below: bool,
    with_dates: bool = True,
) -> Flowable:
    """One row per unit: status and date received, its figures (its whole subtree's), and a
    total row. Without ``with_dates`` a row takes one line (the every-unit table of a province
    of 1,000 units then stays near 20 pages)."""
    header = [L["col_no"], L["col_unit"], L["col_status"]]
    fixed = [_no_width(len(lines)), 0, 22 * mm if with_dates else 18 * mm]
    if with_below:
        header.append(L["col_below"])
        fixed.append(17 * mm)
    names = unit_columns()
    header += [L[f"col_{n}"] for n in names]
    fixed += [_width(n) for n in names]
    fixed[1] = BODY_W - sum(fixed)
    rows: list[list[str]] = []
    totals = [0] * len(names)
    below = [0, 0]
    for i, u in enumerate(lines, 1):
        status = L[f"status_{u.status}"]
        if with_dates and u.received_on and u.status != "missing":
            status += f"\n{format_date(u.received_on)}"
        f = u.figures
        nums = [getattr(f, n) for n in names] if f else None
        if nums:
            totals = [a + b for a, b in zip(totals, nums, strict=True)]
        extra: list[str] = []
        if with_below:
            extra = [
                f"{format_int(u.below_reported or 0)}/{format_int(u.below_expected or 0)}"
                if u.below_expected
                else ""
            ]
            below[0] += u.below_reported or 0
            below[1] += u.below_expected or 0
        rows.append(
            [
                str(i),
                short_unit_name(u.unit_name),
                status,
                *extra,
                *([format_int(v) for v in nums] if nums else [""] * len(names)),
            ]
        )
    total_extra = [f"{format_int(below[0])}/{format_int(below[1])}"] if with_below else []
    rows.append(["", L["total"], "", *total_extra, *(format_int(v) for v in totals)])
    return data_table(
        header,
        rows,
        fixed,
        numeric_from=3,
        size=APPENDIX_SIZE if with_dates else APPENDIX_SIZE - 1,
        total_row=True,
    )


def _late_table(data: ConsolidatedData, L: dict[str, str]) -> Flowable:
    """The units that reported late (with the dates) or not at all."""
    header = [L["col_no"], L["col_unit"], L["col_status"], L["col_sent"], L["col_received"]]
    lines = data.units_with("late") + data.units_with("missing")
    widths = [_no_width(len(lines)), 0, 28 * mm, 24 * mm, 24 * mm]
    widths[1] = BODY_W - sum(widths)
    rows = [
        [
            str(i),
            u.unit_name,
            L[f"status_{u.status}"],
            format_date(u.sent_on),
            format_date(u.received_on) if u.status != "missing" else "",
        ]
        for i, u in enumerate(lines, 1)
    ]
    return data_table(header, rows, widths, numeric_from=5, size=APPENDIX_SIZE)


def _sessions_table(data: ReportData, L: dict[str, str], with_unit: bool) -> Flowable:
    forms = FORMS_EN if data.language == "en" else FORMS
    if with_unit:
        header = [L["col_no"], L["col_date"], L["col_unit"], L["col_title"], L["col_form"]]
        widths = [_no_width(len(data.sessions)), 19 * mm, 34 * mm, 0, 24 * mm]
    else:
        header = [L["col_no"], L["col_date"], L["col_title"], L["col_form"], L["col_directive"]]
        widths = [_no_width(len(data.sessions)), 19 * mm, 0, 26 * mm, 24 * mm]
    counted = session_columns()
    header += [L[f"col_{c.name}"] for c in counted]
    widths += [_width(c.name) for c in counted]
    widths[widths.index(0)] = BODY_W - sum(widths)
    flags = [c.name for c in SESSION_COUNTS if c.kind == FLAG]
    rows = []
    for i, s in enumerate(data.sessions, 1):
        third = [s.unit_name, s.title] if with_unit else [s.title]
        form = cap(forms.get(s.form, s.form))
        marks = [L[f"mark_{name}"] for name in flags if s.counts.get(name)]
        form += "".join(f"; {m}" for m in marks)  # a yes/no is a note, not a column
        rest = [form] + ([] if with_unit else [", ".join(s.directives)])
        rows.append(
            [
                str(i),
                format_date(s.held_on),
                *third,
                *rest,
                *(format_int(s.count(c.name)) for c in counted),
            ]
        )
    # the total of the rows listed (at an upper level only its own sessions are listed)
    rows.append(
        [
            "",
            L["total"],
            *[""] * (len(header) - 2 - len(counted)),
            *(format_int(sum(s.count(c.name) for s in data.sessions)) for c in counted),
        ]
    )
    return data_table(header, rows, widths, numeric_from=5, size=APPENDIX_SIZE, total_row=True)


def _supervisions_table(data: ReportData, L: dict[str, str], with_unit: bool) -> Flowable:
    en = data.language == "en"
    fields, roles = (FIELDS_EN, ROLES_EN) if en else (FIELDS, ROLES)
    header = [L["col_no"], L["col_date"]] + ([L["col_unit"]] if with_unit else [])
    header += [
        L["col_field"],
        L["col_role"],
        L["col_target"],
        L["col_recommendations"],
        L["col_resolved"],
    ]
    widths = (
        [_no_width(len(data.supervisions)), 19 * mm]
        + ([32 * mm] if with_unit else [])
        + [28 * mm, 20 * mm, 0, 19 * mm, 18 * mm]
    )
    widths[widths.index(0)] = BODY_W - sum(widths)
    rows = []
    for i, s in enumerate(data.supervisions, 1):
        rows.append(
            [
                str(i),
                format_date(s.held_on),
                *([s.unit_name] if with_unit else []),
                cap(fields.get(s.field, s.field)),
                cap(roles.get(s.role, s.role)),
                s.target,
                format_int(s.recommendations),
                format_int(s.resolved),
            ]
        )
    return data_table(header, rows, widths, numeric_from=len(header) - 2, size=APPENDIX_SIZE)


def appendix(data: ReportData) -> list[Flowable]:
    """A new page headed "PHỤ LỤC" with every non-empty list, or nothing when all are empty.
    At an upper level: the direct children's figures, the late and missing units, optionally
    every unit, then only the upper level's own sessions and supervisions."""
    L = labels(data.language)
    parts: list[tuple[str, Flowable]] = []
    for key in appendix_keys(data):
        if isinstance(data, ConsolidatedData) and key == "app_units":
            with_below = any(u.below_expected for u in data.units)
            parts.append((key, _units_table(data, L, data.units, with_below)))
        elif isinstance(data, ConsolidatedData) and key == "app_late":
            parts.append((key, _late_table(data, L)))
        elif isinstance(data, ConsolidatedData) and key == "app_all_units":
            parts.append((key, _units_table(data, L, data.all_units, False, with_dates=False)))
        elif key == "app_sessions":
            parts.append((key, _sessions_table(data, L, any(s.unit_name for s in data.sessions))))
        elif key == "app_supervisions":
            parts.append(
                (key, _supervisions_table(data, L, any(s.unit_name for s in data.supervisions)))
            )
    if not parts:
        return []
    out: list[Flowable] = [
        PageBreak(),
        para(L["appendix"], "title"),
        para(
            L["appendix_sub"].format(
                number=data.doc_number, date=body_date(data.issue_date), unit=data.unit_name
            ),
            "subcaption",
        ),
    ]
    for n, (key, table) in enumerate(parts, 1):
        # a long table splits, so its caption is kept with it by a conditional page break
        # (keep-with-next would push a table longer than a page to the next page whole)
        out += [
            CondPageBreak(35 * mm),
            para(L[key].format(n=n), "caption_table"),
            table,
            Spacer(1, 6 * mm),
        ]
    return out
