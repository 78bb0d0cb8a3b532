"""The report's tables as an XLSX workbook (openpyxl): one sheet per table, bold frozen header
row, Vietnamese sort order, real numbers and dates with number formats, sensible widths."""

from __future__ import annotations

import io
from datetime import date

from ..domain.sessions import FORMS, FORMS_EN
from ..domain.supervision import FIELDS, FIELDS_EN, ROLES, ROLES_EN
from ..domain.text import collation_key, nfc
from .labels import labels
from .model import ConsolidatedData, ReportData

INT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.##"
DATE_FORMAT = "dd/mm/yyyy"
MAX_SHEET_TITLE = 31


def _sheet(wb, title: str, header: list[str], rows: list[list], widths: list[int]):  # noqa: ANN001,ANN202
    """Add a sheet: bold header, frozen first row, autofilter, formats by value type."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(nfc(title)[:MAX_SHEET_TITLE])
    ws.append([nfc(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        ws.append([nfc(v) if isinstance(v, str) else v for v in row])
    for col in ws.iter_cols(min_row=2):
        for cell in col:
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, int):
                cell.number_format = INT_FORMAT
            elif isinstance(cell.value, float):
                cell.number_format = NUMBER_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    return ws


def _summary_rows(data: ReportData, L: dict[str, str]) -> list[list]:
    f = data.figures
    return [[L["row_sessions"], f.sessions], [L["row_participants"], f.participants],
            [L["row_members"], f.union_members], [L["row_female"], f.female],
            [L["row_ethnic"], f.ethnic_minority], [L["row_materials"], f.materials],
            [L["row_supervisions"], f.supervisions], [L["row_recommendations"], f.recommendations]]


def _session_rows(data: ReportData, with_unit: bool) -> list[list]:
    forms = FORMS_EN if data.language == "en" else FORMS
    items = sorted(data.sessions, key=lambda s: (s.held_on, collation_key(s.unit_name),
                                                 collation_key(s.title)))
    return [[s.held_on, *([s.unit_name] if with_unit else []), s.title, forms.get(s.form, s.form),
             ", ".join(s.directives), s.place, s.participants, s.union_members, s.female,
             s.ethnic_minority, s.materials] for s in items]


def _supervision_rows(data: ReportData, with_unit: bool) -> list[list]:
    en = data.language == "en"
    fields, roles = (FIELDS_EN, ROLES_EN) if en else (FIELDS, ROLES)
    items = sorted(data.supervisions, key=lambda s: (s.held_on, collation_key(s.unit_name),
                                                     collation_key(s.target)))
    return [[s.held_on, *([s.unit_name] if with_unit else []), fields.get(s.field, s.field),
             roles.get(s.role, s.role), s.target, s.partners, s.recommendations, s.resolved]
            for s in items]


def _unit_rows(data: ConsolidatedData, L: dict[str, str]) -> list[list]:
    out = []
    for u in sorted(data.units, key=lambda u: collation_key(u.unit_name)):
        f = u.figures
        nums = ([f.sessions, f.participants, f.union_members, f.female, f.ethnic_minority,
                 f.supervisions, f.recommendations] if f else [None] * 7)
        out.append([u.unit_code, u.unit_name, L[f"status_{u.status}"], u.received_on, *nums])
    return out


def render_xlsx(data: ReportData) -> bytes:
    """The workbook bytes: summary, by document, indicators, sessions, supervision, and for a
    consolidated report one row per unit (sorted by Vietnamese collation)."""
    from openpyxl import Workbook

    L = labels(data.language)
    consolidated = isinstance(data, ConsolidatedData)
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, L["xlsx_summary"], [L["col_item"], L["col_value"]], _summary_rows(data, L), [44, 14])
    f = data.figures
    codes = list(data.directives) + sorted(c for c in f.sessions_by_directive
                                           if c not in data.directives)
    _sheet(wb, L["xlsx_directives"], [L["col_directive"], L["col_sessions"], L["col_participants"]],
           [[data.directives.get(c, c), f.sessions_by_directive.get(c, 0),
             f.participants_by_directive.get(c, 0)] for c in codes if f.sessions_by_directive.get(c)],
           [36, 12, 14])
    _sheet(wb, L["xlsx_indicators"], [L["col_item"], L["col_unit_label"], L["col_value"]],
           [[i.name, i.unit_label, float(i.value)] for i in data.indicators], [70, 16, 12])
    if isinstance(data, ConsolidatedData):
        _sheet(wb, L["xlsx_units"], ["Mã" if data.language != "en" else "Code", L["col_unit"],
                                     L["col_status"], L["col_received"], L["col_sessions"],
                                     L["col_participants"], L["col_members"], L["col_female"],
                                     L["col_ethnic"], L["col_supervisions"],
                                     L["col_recommendations"]],
               _unit_rows(data, L), [16, 44, 14, 12, 10, 12, 14, 10, 14, 12, 12])
    _sheet(wb, L["xlsx_sessions"],
           [L["col_date"], *([L["col_unit"]] if consolidated else []), L["col_title"],
            L["col_form"], L["col_directive"], "Địa điểm" if data.language != "en" else "Place",
            L["col_participants"], L["col_members"], L["col_female"], L["col_ethnic"],
            L["col_materials"]],
           _session_rows(data, consolidated),
           [12, *([30] if consolidated else []), 50, 22, 22, 22, 11, 12, 8, 12, 10])
    _sheet(wb, L["xlsx_supervisions"],
           [L["col_date"], *([L["col_unit"]] if consolidated else []), L["col_field"],
            L["col_role"], L["col_target"], "Phối hợp với" if data.language != "en" else "Partners",
            L["col_recommendations"], L["col_resolved"]],
           _supervision_rows(data, consolidated),
           [12, *([30] if consolidated else []), 22, 16, 40, 30, 12, 12])
    wb.properties.title = f"{data.doc_number} {data.unit_name} {data.period_code}"
    wb.properties.creator = "Lai Châu Desk"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
