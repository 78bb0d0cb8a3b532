"""The fixed wording of the report in Vietnamese (default) and English.

Kept here rather than in the gettext catalogue: the language of a report is chosen per report
(an officer may print an English copy from a Vietnamese interface), and the legal wording of the
Vietnamese report must not depend on a translator's catalogue.
"""

from __future__ import annotations

from ..domain.figures import COUNTS
from ..domain.sessions import AMOUNT, ATTENDANCE, FLAG, SESSION_COUNTS

VI: dict[str, str] = {
    "stock_mark": " (đến ngày {end})",
    "recommendations_list": "Các kiến nghị sau giám sát:",
    "app_late": "Phụ lục {n}. Danh sách đơn vị báo cáo chậm, chưa báo cáo",
    "app_all_units": "Phụ lục {n}. Số liệu của từng đơn vị trong toàn khối",
    "col_sent": "Ngày gửi",
    "col_below": "Cơ sở đã báo cáo",
    "xlsx_findings": "Kết quả giám sát",
    "col_findings": "Kết quả giám sát",
    "col_rec_text": "Kiến nghị",
    "col_rec_status": "Tình hình giải quyết",
    "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số: {number}",
    "title": "BÁO CÁO",
    "summary": "Kết quả quán triệt, tuyên truyền, vận động và giám sát việc thực hiện {docs}",
    "summary_consolidated": "Tổng hợp kết quả quán triệt, tuyên truyền, vận động và giám sát "
    "việc thực hiện {docs}",
    "period_line": "{label} (từ ngày {start} đến ngày {end})",
    "basis": "Thực hiện Công văn số 356/LĐLĐ ngày 19/12/2019 của Liên đoàn Lao động tỉnh Lai Châu "
    "về việc quán triệt, tuyên truyền, giám sát việc thực hiện {docs}, {unit} báo cáo kết "
    "quả thực hiện {label} (số liệu tính từ ngày {start} đến ngày {end}) như sau:",
    "s1": "I. ĐẶC ĐIỂM TÌNH HÌNH",
    "s2": "II. KẾT QUẢ THỰC HIỆN",
    "s2_1": "1. Công tác quán triệt, tuyên truyền",
    "s2_2": "2. Công tác tuyên truyền, vận động",
    "s2_3": "3. Công tác giám sát",
    "s2_4": "4. Tình hình báo cáo của các đơn vị",
    "s3": "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "s3_1": "1. Tồn tại, hạn chế",
    "s3_2": "2. Nguyên nhân",
    "s4": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "s5": "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "none_text": "Không có.",
    "closing": "Trên đây là báo cáo kết quả thực hiện {label} của {unit}./.",
    "closing_consolidated": "Trên đây là báo cáo tổng hợp kết quả thực hiện {label} của {unit}./.",
    "basis_own": "Thực hiện {docs}, {unit} báo cáo kết quả thực hiện {label} (số liệu tính từ "
    "ngày {start} đến ngày {end}) như sau:",
    "recipients": "Nơi nhận:",
    "fingerprint": "Mã khóa ký điện tử: {fp}",
    "table": "Bảng {n}. {title}",
    "t_figures": "Số liệu quán triệt, tuyên truyền",
    "t_directives": "Kết quả theo văn bản",
    "t_indicators": "Kết quả vận động",
    "t_supervision": "Hoạt động giám sát theo lĩnh vực",
    "t_units": "Số liệu theo đơn vị",
    "chart": "Biểu đồ. Lượt người tham dự theo văn bản",
    "col_no": "TT",
    "col_item": "Nội dung",
    "col_value": "Số lượng",
    "col_unit_label": "Đơn vị tính",
    "col_directive": "Văn bản",
    "col_sessions": "Số buổi",
    "col_participants": "Lượt người",
    "col_union_members": "Lượt đoàn viên",
    "col_female": "Nữ",
    "col_ethnic_minority": "Dân tộc thiểu số",
    "col_field": "Lĩnh vực",
    "col_supervisions": "Số cuộc",
    "col_recommendations": "Kiến nghị",
    "col_resolved": "Đã giải quyết",
    "col_date": "Ngày",
    "col_title": "Tên buổi, nội dung",
    "col_form": "Hình thức",
    "col_unit": "Đơn vị",
    "col_role": "Vai trò",
    "col_target": "Đơn vị được giám sát",
    "col_status": "Tình trạng",
    "col_received": "Ngày nhận",
    "col_materials": "Tài liệu",
    "col_interpreted": "Có phiên dịch",
    "col_sessions_interpreted": "Buổi có phiên dịch",
    "mark_interpreted": "có phiên dịch",
    "sentence_sessions_interpreted": ", trong đó {n} buổi có phiên dịch tiếng dân tộc thiểu số",
    "sentence_materials": " Đã cấp phát {n} tài liệu tuyên truyền.",
    "status_on_time": "Đúng hạn",
    "status_late": "Chậm",
    "status_missing": "Chưa báo cáo",
    "row_sessions": "Số buổi quán triệt, tuyên truyền",
    "row_participants": "Lượt người tham dự",
    "row_union_members": "Trong đó: lượt đoàn viên",
    "row_female": "Lượt nữ",
    "row_ethnic_minority": "Lượt người dân tộc thiểu số",
    "row_materials": "Tài liệu đã cấp phát",
    "row_sessions_interpreted": "Số buổi có phiên dịch tiếng dân tộc",
    "row_supervisions": "Số cuộc giám sát",
    "row_recommendations": "Số kiến nghị",
    "total": "Tổng cộng",
    "appendix": "PHỤ LỤC",
    "appendix_sub": "(Kèm theo Báo cáo số {number} ngày {date} của {unit})",
    "app_sessions": "Phụ lục {n}. Danh sách các buổi quán triệt, tuyên truyền",
    "app_supervisions": "Phụ lục {n}. Danh sách các hoạt động giám sát",
    "app_units": "Phụ lục {n}. Số liệu theo đơn vị",
    "xlsx_summary": "Tổng hợp",
    "xlsx_sessions": "Buổi tuyên truyền",
    "xlsx_supervisions": "Giám sát",
    "xlsx_indicators": "Chỉ tiêu vận động",
    "xlsx_directives": "Theo văn bản",
    "xlsx_units": "Theo đơn vị",
}

EN: dict[str, str] = {
    "stock_mark": " (as of {end})",
    "recommendations_list": "Recommendations made:",
    "app_late": "Appendix {n}. Units that reported late or not at all",
    "app_all_units": "Appendix {n}. Figures of every unit",
    "col_sent": "Sent",
    "col_below": "Units below reported",
    "xlsx_findings": "Findings",
    "col_findings": "Findings",
    "col_rec_text": "Recommendation",
    "col_rec_status": "Follow-up",
    "nation": "SOCIALIST REPUBLIC OF VIET NAM",
    "motto": "Independence - Freedom - Happiness",
    "number": "No.: {number}",
    "title": "REPORT",
    "summary": "Results of disseminating, promoting and supervising the implementation of {docs}",
    "summary_consolidated": "Consolidated results of disseminating, promoting and supervising "
    "the implementation of {docs}",
    "period_line": "{label} (from {start} to {end})",
    "basis": "Pursuant to Official Letter No. 356/LĐLĐ of 19/12/2019 of the Lai Châu Provincial "
    "Labour Federation on disseminating and supervising the implementation of {docs}, "
    "{unit} reports its results for {label} (data from {start} to {end}) as follows:",
    "s1": "I. SITUATION",
    "s2": "II. RESULTS",
    "s2_1": "1. Dissemination and propaganda",
    "s2_2": "2. Mobilisation",
    "s2_3": "3. Supervision",
    "s2_4": "4. Reporting by the units below",
    "s3": "III. SHORTCOMINGS AND CAUSES",
    "s3_1": "1. Shortcomings",
    "s3_2": "2. Causes",
    "s4": "IV. DIRECTIONS AND TASKS",
    "s5": "V. PROPOSALS",
    "none_text": "None.",
    "closing": "This concludes the report of {unit} for {label}./.",
    "closing_consolidated": "This concludes the consolidated report of {unit} for {label}./.",
    "basis_own": "Pursuant to {docs}, {unit} reports its results for {label} (data from {start} "
    "to {end}) as follows:",
    "recipients": "Recipients:",
    "fingerprint": "Signing key fingerprint: {fp}",
    "table": "Table {n}. {title}",
    "t_figures": "Dissemination figures",
    "t_directives": "Results by document",
    "t_indicators": "Mobilisation results",
    "t_supervision": "Supervision by field",
    "t_units": "Figures by unit",
    "chart": "Chart. Participants by document",
    "col_no": "No.",
    "col_item": "Item",
    "col_value": "Value",
    "col_unit_label": "Unit",
    "col_directive": "Document",
    "col_sessions": "Sessions",
    "col_participants": "Participants",
    "col_union_members": "Union members",
    "col_female": "Female",
    "col_ethnic_minority": "Ethnic minority",
    "col_field": "Field",
    "col_supervisions": "Supervisions",
    "col_recommendations": "Recommendations",
    "col_resolved": "Resolved",
    "col_date": "Date",
    "col_title": "Session",
    "col_form": "Form",
    "col_unit": "Unit",
    "col_role": "Role",
    "col_target": "Supervised body",
    "col_status": "Status",
    "col_received": "Received",
    "col_materials": "Materials",
    "col_interpreted": "Interpreted",
    "col_sessions_interpreted": "Interpreted sessions",
    "mark_interpreted": "interpreted",
    "sentence_sessions_interpreted": " {n} sessions were interpreted into an ethnic-minority "
    "language.",
    "sentence_materials": " {n} leaflets and documents were distributed.",
    "status_on_time": "On time",
    "status_late": "Late",
    "status_missing": "Not reported",
    "row_sessions": "Dissemination sessions",
    "row_participants": "Participants",
    "row_union_members": "of whom union members",
    "row_female": "Female participants",
    "row_ethnic_minority": "Ethnic-minority participants",
    "row_materials": "Materials distributed",
    "row_sessions_interpreted": "Sessions interpreted into an ethnic-minority language",
    "row_supervisions": "Supervisions",
    "row_recommendations": "Recommendations",
    "total": "Total",
    "appendix": "APPENDIX",
    "appendix_sub": "(Attached to Report No. {number} of {date} of {unit})",
    "app_sessions": "Appendix {n}. Dissemination sessions",
    "app_supervisions": "Appendix {n}. Supervision activities",
    "app_units": "Appendix {n}. Figures by unit",
    "xlsx_summary": "Summary",
    "xlsx_sessions": "Sessions",
    "xlsx_supervisions": "Supervision",
    "xlsx_indicators": "Indicators",
    "xlsx_directives": "By document",
    "xlsx_units": "By unit",
}


# The wording of each declared count (``domain/figures.py``, ``domain/sessions.py``), by key:
#   row_<figure>       its row in the summary table (PDF and XLSX), for every count;
#   col_<figure>       its column in the per-unit tables, for every count;
#   col_<field>        its column in the sessions list, for every counted field of a session;
#   sentence_<figure>  its clause in the report's sentence ({n}), for an amount or a yes/no;
#   mark_<field>       a yes/no's note on a session listed in the PDF appendix.
# ``tests/domain/test_session_declaration.py`` fails when one is missing in either language.


def dissemination_rows() -> list[tuple[str, str]]:
    """The dissemination table's rows as (number, figure), from the declaration: the sessions
    with each yes/no count under them, the participants with the other headcounts under them,
    then each amount of a session, numbered on."""
    flags = [c.figure for c in SESSION_COUNTS if c.kind == FLAG]
    heads = [c.figure for c in SESSION_COUNTS if c.kind == ATTENDANCE]
    amounts = [c.figure for c in SESSION_COUNTS if c.kind == AMOUNT]
    rows = [("1", "sessions"), *(("", f) for f in flags)]
    rows += [("2", heads[0]), *(("", f) for f in heads[1:])]
    rows += [(str(n), f) for n, f in enumerate(amounts, 3)]
    return rows


def _summary_rows() -> tuple[tuple[str, str], ...]:
    shown = [f for _n, f in dissemination_rows()]
    shown += [f for f in COUNTS if f not in shown]
    return tuple((f"row_{f}", f) for f in shown)


# The summary table's rows: (label key, PeriodFigures count), in the order printed: every
# count of the declaration, the dissemination rows first.
SUMMARY_ROWS: tuple[tuple[str, str], ...] = _summary_rows()


def labels(lang: str) -> dict[str, str]:
    """The wording of a report in ``lang`` (anything but "en" is Vietnamese)."""
    return EN if lang == "en" else VI
