"""The report's tables as an XLSX workbook (openpyxl): one sheet per table with the unit and the
table's title above a bold frozen header row (repeated on printed pages), a TT column, a total
row, Vietnamese sort order, real numbers (whole ones as integers) and dates with number
formats, A4 print setup fitted to the page width."""

from __future__ import annotations

import io
from datetime import date

from ..domain.figures import COUNTS
from ..domain.sessions import FORMS, FORMS_EN, SESSION_COUNTS
from ..domain.supervision import FIELDS, FIELDS_EN, ROLES, ROLES_EN, STATUSES, STATUSES_EN
from ..domain.text import collation_key, nfc
from ..i18n import format_date
from .labels import SUMMARY_ROWS, labels
from .model import ConsolidatedData, ReportData

INT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.0"  # only for values that are not whole ("7" never shows as "7.")
DATE_FORMAT = "dd/mm/yyyy"
MAX_SHEET_TITLE = 31
HEADER_ROW = 4  # rows 1-2: the unit and the table's title; row 4: the column headers


def _number(value: float | int | None) -> float | int | None:
    """Whole numbers as int, so Excel shows "7", not "7." or "7.0"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheet(
    wb,
    title: str,
    header: list[str],
    rows: list[list],
    widths: list[int],  # noqa: ANN001,ANN202
    data: ReportData,
    caption: str,
    total: list | None = None,
):
    """Add a sheet laid out for print: the unit and the table's title above, a bold header row
    (frozen, repeated on every printed page), a TT column, formats by value type, an optional
    bold total row; A4, fitted to the page width."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(nfc(title)[:MAX_SHEET_TITLE])
    L = labels(data.language)
    ws.cell(row=1, column=1, value=nfc(data.unit_name.upper())).font = Font(bold=True)
    period = L["period_line"].format(
        label=data.period_label,
        start=format_date(data.period_start),
        end=format_date(data.period_end),
    )
    ws.cell(row=2, column=1, value=nfc(f"{caption} - {period}")).font = Font(bold=True, size=12)
    header = [L["col_no"], *header]
    widths = [6, *widths]
    thin = Side(style="thin")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, h in enumerate(header, 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=nfc(h))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = grid
    body = [[i, *row] for i, row in enumerate(rows, 1)]
    if total is not None:
        body.append(["", *total])
    for r, row in enumerate(body, HEADER_ROW + 1):
        for c, v in enumerate(row, 1):
            v = nfc(v) if isinstance(v, str) else _number(v)
            cell = ws.cell(row=r, column=c, value=v)
            cell.border = grid
            if isinstance(v, bool):
                continue
            if isinstance(v, int):
                cell.number_format = INT_FORMAT
            elif isinstance(v, float):
                cell.number_format = NUMBER_FORMAT
            elif isinstance(v, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(v, str) and len(v) > 30:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if total is not None and r == HEADER_ROW + len(body):
                cell.font = Font(bold=True)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    if rows:
        last = get_column_letter(len(header))
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(widths) > 110 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    return ws


def _summary_rows(data: ReportData, L: dict[str, str]) -> list[list]:
    return [[L[key], getattr(data.figures, name)] for key, name in SUMMARY_ROWS]


def _session_rows(data: ReportData, with_unit: bool) -> list[list]:
    forms = FORMS_EN if data.language == "en" else FORMS
    items = sorted(
        data.sessions, key=lambda s: (s.held_on, collation_key(s.unit_name), collation_key(s.title))
    )
    return [
        [
            s.held_on,
            *([s.unit_name] if with_unit else []),
            s.title,
            forms.get(s.form, s.form),
            ", ".join(s.directives),
            s.place,
            *(s.count(c.name) for c in SESSION_COUNTS),  # a yes/no as 1 or 0: its total counts
        ]
        for s in items
    ]


def _supervision_rows(data: ReportData, with_unit: bool) -> list[list]:
    en = data.language == "en"
    fields, roles = (FIELDS_EN, ROLES_EN) if en else (FIELDS, ROLES)
    items = sorted(
        data.supervisions,
        key=lambda s: (s.held_on, collation_key(s.unit_name), collation_key(s.target)),
    )
    return [
        [
            s.held_on,
            *([s.unit_name] if with_unit else []),
            fields.get(s.field, s.field),
            roles.get(s.role, s.role),
            s.target,
            s.partners,
            s.findings,
            s.recommendations,
            s.resolved,
        ]
        for s in items
    ]


def _recommendation_rows(data: ReportData) -> list[list]:
    names = STATUSES_EN if data.language == "en" else STATUSES
    return [
        [s.held_on, s.target, text, names.get(status, status)]
        for s in sorted(data.supervisions, key=lambda s: s.held_on)
        for text, status in s.recommendation_texts
    ]


def _unit_rows(data: ConsolidatedData, L: dict[str, str]) -> list[list]:
    out = []
    for u in sorted(data.units, key=lambda u: collation_key(u.unit_name)):
        f = u.figures
        nums = [getattr(f, n) for n in COUNTS] if f else [None] * len(COUNTS)
        below = f"{u.below_reported or 0}/{u.below_expected}" if u.below_expected else None
        out.append([u.unit_code, u.unit_name, L[f"status_{u.status}"], u.received_on, below, *nums])
    return out


def _sum_columns(rows: list[list], first: int, label_at: int, label: str, width: int) -> list:
    """A total row: ``label`` in column ``label_at``, sums of the numeric columns from
    ``first`` on (None where a column holds no number)."""
    out: list = [None] * width
    out[label_at] = label
    for c in range(first, width):
        nums = [r[c] for r in rows if isinstance(r[c], int | float) and not isinstance(r[c], bool)]
        out[c] = sum(nums) if nums else None
    return out


def render_xlsx(data: ReportData) -> bytes:
    """The workbook bytes: summary, by document, indicators, per unit (consolidated), sessions,
    supervision and recommendations; each sheet titled, numbered, totalled and set up for A4."""
    from openpyxl import Workbook

    L = labels(data.language)
    en = data.language == "en"
    consolidated = isinstance(data, ConsolidatedData)
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        L["xlsx_summary"],
        [L["col_item"], L["col_value"]],
        _summary_rows(data, L),
        [44, 14],
        data,
        L["t_figures"],
    )
    f = data.figures
    codes = list(data.directives) + sorted(
        c for c in f.sessions_by_directive if c not in data.directives
    )
    _sheet(
        wb,
        L["xlsx_directives"],
        [L["col_directive"], L["col_sessions"], L["col_participants"]],
        [
            [
                data.directives.get(c, c),
                f.sessions_by_directive.get(c, 0),
                f.participants_by_directive.get(c, 0),
            ]
            for c in codes
            if f.sessions_by_directive.get(c)
        ],
        [36, 12, 14],
        data,
        L["t_directives"],
    )
    kind_names = (
        {"flow": "summed", "stock": "end of period"}
        if en
        else {"flow": "Cộng dồn", "stock": "Số cuối kỳ"}
    )
    _sheet(
        wb,
        L["xlsx_indicators"],
        [L["col_item"], L["col_unit_label"], "Kind" if en else "Cách tính", L["col_value"]],
        [
            [i.name, i.unit_label, kind_names.get(i.kind, i.kind), float(i.value)]
            for i in data.indicators
        ],
        [70, 16, 14, 12],
        data,
        L["t_indicators"],
    )
    if isinstance(data, ConsolidatedData):
        rows = _unit_rows(data, L)
        _sheet(
            wb,
            L["xlsx_units"],
            [
                "Code" if en else "Mã",
                L["col_unit"],
                L["col_status"],
                L["col_received"],
                L["col_below"],
                *(L[f"col_{n}"] for n in COUNTS),
            ],
            rows,
            [16, 44, 14, 12, 12, *(12 for _n in COUNTS)],
            data,
            L["t_units"],
            total=_sum_columns(rows, 5, 1, L["total"], 5 + len(COUNTS)),
        )
    rows = _session_rows(data, consolidated)
    _sheet(
        wb,
        L["xlsx_sessions"],
        [
            L["col_date"],
            *([L["col_unit"]] if consolidated else []),
            L["col_title"],
            L["col_form"],
            L["col_directive"],
            "Place" if en else "Địa điểm",
            *(L[f"col_{c.name}"] for c in SESSION_COUNTS),
        ],
        rows,
        [12, *([30] if consolidated else []), 50, 22, 22, 22, *(12 for _c in SESSION_COUNTS)],
        data,
        L["xlsx_sessions"],
        total=_sum_columns(rows, len(rows[0]) - len(SESSION_COUNTS), 0, L["total"], len(rows[0]))
        if rows
        else None,
    )
    rows = _supervision_rows(data, consolidated)
    _sheet(
        wb,
        L["xlsx_supervisions"],
        [
            L["col_date"],
            *([L["col_unit"]] if consolidated else []),
            L["col_field"],
            L["col_role"],
            L["col_target"],
            "Partners" if en else "Phối hợp với",
            L["col_findings"],
            L["col_recommendations"],
            L["col_resolved"],
        ],
        rows,
        [12, *([30] if consolidated else []), 22, 16, 40, 30, 50, 12, 12],
        data,
        L["t_supervision"],
        total=_sum_columns(rows, len(rows[0]) - 2, 0, L["total"], len(rows[0])) if rows else None,
    )
    recs = _recommendation_rows(data)
    if recs:
        _sheet(
            wb,
            L["col_recommendations"],
            [L["col_date"], L["col_target"], L["col_rec_text"], L["col_rec_status"]],
            recs,
            [12, 36, 60, 20],
            data,
            L["col_recommendations"],
        )
    wb.properties.title = f"{data.doc_number} {data.unit_name} {data.period_code}"
    wb.properties.creator = "Lai Châu Desk"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
