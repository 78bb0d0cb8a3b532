"""Before printing: suggested text for the sections an officer left empty, written from the
period's figures (never "Không có." under Phương hướng or Kiến nghị), and the warnings the
"ready to print?" check shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ..domain.periods import Period, parse_period
from ..domain.sessions import DisseminationSession, SessionFilter
from ..i18n import format_date, format_int
from ..reports.model import ConsolidatedData, ReportData
from ..reports.sentences import join_list

SECTION_NAMES = {
    "dac-diem": "I. Đặc điểm tình hình",
    "ton-tai": "III.1. Tồn tại, hạn chế",
    "nguyen-nhan": "III.2. Nguyên nhân",
    "phuong-huong": "IV. Phương hướng, nhiệm vụ",
    "de-xuat": "V. Đề xuất, kiến nghị",
}


def next_period(period: Period) -> Period:
    """The period after ``period`` of the same kind (2026S1 -> 2026S2 -> 2027S1, 2026 -> 2027)."""
    if period.kind == "Y":
        return parse_period(str(period.year + 1))
    count = 2 if period.kind == "S" else 4
    if period.index < count:
        return parse_period(f"{period.year}{period.kind}{period.index + 1}")
    return parse_period(f"{period.year + 1}{period.kind}1")


def _label(period: Period) -> str:
    return period.label_vi[:1].lower() + period.label_vi[1:]


def _short_docs(data: ReportData) -> str:
    codes = [c for c in data.directives if data.directive_issuers.get(c) is not None]
    labels = [data.directives[c] for c in codes if not data.directives[c].startswith("Công văn")][
        :4
    ]
    return join_list(labels) if labels else "các văn bản chỉ đạo"


def suggestions(data: ReportData, period: Period, parent_name: str) -> dict[str, str]:
    """Text for each narrative section, from the figures; printed only where the officer's
    own text is empty (and flagged by :func:`warnings`)."""
    f = data.figures
    upper = isinstance(data, ConsolidatedData)
    who = data.tree_subject if isinstance(data, ConsolidatedData) else data.committee
    docs = _short_docs(data)
    unresolved = f.recommendations - f.recommendations_by_status.get("da", 0)
    out: dict[str, str] = {}
    if isinstance(data, ConsolidatedData):
        n = len(data.units)
        below = data.reports_below
        extent = f" với {format_int(below[1])} công đoàn cơ sở và đơn vị cấp dưới" if below else ""
        out["dac-diem"] = (
            f"{data.unit_name} có {format_int(n)} {data.unit_noun} trực thuộc"
            f"{extent}. {data.when}, các cấp công đoàn tiếp tục quán triệt, "
            f"tuyên truyền {docs} đến đoàn viên, CNVCLĐ."
        )
    elif not data.members_text:
        out["dac-diem"] = (
            f"{data.when}, {data.committee} tiếp tục triển khai quán triệt, "
            f"tuyên truyền {docs} đến đoàn viên, CNVCLĐ của đơn vị."
        )
    problems = []
    if f.roster_reach is not None and f.roster_members > f.roster_reached:
        problems.append(
            f"còn {format_int(f.roster_members - f.roster_reached)} đoàn viên chưa "
            "tham gia buổi quán triệt, tuyên truyền nào"
        )
    if unresolved > 0:
        problems.append(f"{format_int(unresolved)} kiến nghị sau giám sát chưa được giải quyết")
    if isinstance(data, ConsolidatedData):
        late, missing = len(data.units_with("late")), len(data.units_with("missing"))
        if missing:
            problems.append(f"{format_int(missing)} {data.unit_noun} trực thuộc chưa gửi báo cáo")
        if late:
            problems.append(f"{format_int(late)} {data.unit_noun} trực thuộc gửi báo cáo chậm")
    if f.sessions == 0:
        problems.append("chưa tổ chức được buổi quán triệt, tuyên truyền nào")
    if problems:
        out["ton-tai"] = f"{data.when}, " + "; ".join(problems) + "."
    nxt = _label(next_period(period))
    plan = [
        f"tiếp tục quán triệt, tuyên truyền {docs} đến đoàn viên, CNVCLĐ, đa dạng hình thức "
        "tuyên truyền"
    ]
    if f.roster_reach is not None and f.roster_members > f.roster_reached:
        plan.append("bảo đảm mọi đoàn viên được quán triệt ít nhất một lần")
    plan.append("vận động đoàn viên, CNVCLĐ phát huy sáng kiến, học tập nâng cao trình độ")
    plan.append(
        "phối hợp giám sát việc thực hiện chính sách về giáo dục và đào tạo, khoa học và "
        "công nghệ"
        + (
            f", theo dõi việc giải quyết {format_int(unresolved)} kiến nghị còn lại"
            if unresolved > 0
            else ""
        )
    )
    if upper:
        plan.append("đôn đốc các công đoàn trực thuộc báo cáo đúng hạn")
    out["phuong-huong"] = f"Trong {nxt}, {who} " + "; ".join(plan) + "."
    asks = []
    if parent_name:
        asks.append(
            f"Đề nghị {parent_name} tiếp tục cung cấp tài liệu tuyên truyền, hướng dẫn "
            "nghiệp vụ giám sát cho công đoàn các cấp."
        )
    if unresolved > 0:
        asks.append(
            f"Đề nghị các cơ quan, đơn vị được giám sát xem xét, giải quyết "
            f"{format_int(unresolved)} kiến nghị còn lại."
        )
    if asks:
        out["de-xuat"] = " ".join(asks)
    return out


def _dates(days: list[date], most: int = 5) -> str:
    shown = ", ".join(format_date(d) for d in days[:most])
    return shown + ("…" if len(days) > most else "")


def outside_period_filter(unit_code: str, period: Period) -> SessionFilter:
    """The sessions :func:`outside_period` looks at: those dated after the period's last day."""
    return SessionFilter(unit_code, period.end + timedelta(days=1), None)


def outside_period(
    sessions: Iterable[DisseminationSession], period: Period, today: date
) -> list[str]:
    """Warnings about recorded sessions the report of ``period`` leaves out although an
    officer may expect them in: held after the data cut-off day but before the report is due
    (counted in the next period, or a mistyped date), and sessions dated in the future."""
    days = sorted(x.held_on for x in sessions if x.held_on is not None)
    window = [d for d in days if period.end < d <= min(period.due, today)]
    future = [d for d in days if d > today]
    out = []
    if window:
        out.append(
            f"{format_int(len(window))} buổi ghi ngày sau ngày chốt số liệu "
            f"{format_date(period.end)} ({_dates(window)}) không được tính vào báo cáo này mà "
            "tính vào kỳ sau; nếu ghi nhầm ngày, hãy sửa lại."
        )
    if future:
        out.append(
            f"{format_int(len(future))} buổi ghi ngày chưa đến ({_dates(future)}): "
            "hãy kiểm tra lại ngày."
        )
    return out


def warnings(data: ReportData) -> list[str]:
    """What to check before printing, in clear Vietnamese (empty list: ready)."""
    out = []
    for key, name in SECTION_NAMES.items():
        if key == "dac-diem" and data.members_text:
            continue
        if not data.narrative.get(key, "").strip():
            if data.suggestions.get(key):
                out.append(
                    f"Mục «{name}» đang để trống: báo cáo sẽ in nội dung gợi ý từ số "
                    "liệu; hãy đọc lại và sửa cho đúng."
                )
            else:
                out.append(f"Mục «{name}» đang để trống.")
    if not data.profile.signer_name.strip():
        out.append("Chưa nhập họ tên người ký (Cài đặt › Hồ sơ đơn vị).")
    if not data.members_text and not isinstance(data, ConsolidatedData):
        out.append("Chưa có số đoàn viên, CNVCLĐ (danh sách đoàn viên hoặc hồ sơ đơn vị).")
    if isinstance(data, ConsolidatedData):
        missing = data.units_with("missing")
        if missing:
            out.append(
                f"{len(missing)} đơn vị trực thuộc chưa gửi báo cáo: "
                + ", ".join(u.unit_name for u in missing[:5])
                + ("…" if len(missing) > 5 else "")
                + "."
            )
    if not data.paper_code:
        out.append(
            "Chưa xuất gói báo cáo của kỳ này: bản in chưa có mã đối chiếu với tệp "
            "(xuất gói rồi in lại)."
        )
    return out
