"""Reporting periods with DHIS2-style codes: ``2026S1``, ``2026S2``, ``2026``, ``2026Q1``.

The default cut-offs follow Decree 09/2019/NĐ-CP: data for a reporting year run from 15/12 of
the previous year to 14/12; the first six months end on 14/6; reports are due five days after
the cut-off. A unit may choose calendar periods instead (1/1 to 30/6, 1/1 to 31/12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import DomainError

_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[SQ])(?P<n>\d))?$")


class PeriodError(DomainError):
    """A period code that cannot be understood."""


@dataclass(frozen=True)
class PeriodSettings:
    """How period boundaries are computed. ``cutoff_day`` is the last day of data of a month.

    With the default ``decree09`` scheme a period ending in June runs to 14/6 and begins on
    15/12 (the day after the previous cut-off). With ``calendar`` the periods follow calendar
    months and ``cutoff_day`` is ignored.
    """

    scheme: str = "decree09"  # "decree09" | "calendar"
    cutoff_day: int = 14
    due_days: int = 5

    def __post_init__(self) -> None:
        if self.scheme not in ("decree09", "calendar"):
            raise PeriodError(f"Cách tính kỳ báo cáo không hợp lệ: {self.scheme}")
        if not 1 <= self.cutoff_day <= 28:
            raise PeriodError("Ngày chốt số liệu phải từ 1 đến 28.")
        if not 0 <= self.due_days <= 60:
            raise PeriodError("Số ngày hạn nộp báo cáo phải từ 0 đến 60.")


DEFAULT_SETTINGS = PeriodSettings()


@dataclass(frozen=True)
class Period:
    """One reporting period: its code, first and last day of data, and the report's due date."""

    code: str
    year: int
    kind: str  # "Y" year, "S" six months, "Q" quarter
    index: int  # 1-based half or quarter; 0 for a year
    start: date
    end: date
    due: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label_vi(self) -> str:
        if self.kind == "Y":
            return f"Năm {self.year}"
        if self.kind == "S":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Quý {['I', 'II', 'III', 'IV'][self.index - 1]} năm {self.year}"

    @property
    def label_en(self) -> str:
        if self.kind == "Y":
            return f"Year {self.year}"
        if self.kind == "S":
            return f"{'First' if self.index == 1 else 'Second'} half of {self.year}"
        return f"Q{self.index} {self.year}"


def _end_month(kind: str, index: int) -> int:
    return {"Y": 12, "S": 6 * index, "Q": 3 * index}[kind]


def _months_long(kind: str) -> int:
    return {"Y": 12, "S": 6, "Q": 3}[kind]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _last_day(year: int, month: int) -> int:
    ny, nm = _shift_month(year, month, 1)
    return (date(ny, nm, 1) - timedelta(days=1)).day


def parse_period(code: str, settings: PeriodSettings = DEFAULT_SETTINGS) -> Period:
    """Return the :class:`Period` of ``code`` (``2026S1``, ``2026``, ``2026Q3``…)."""
    m = _CODE.match((code or "").strip().upper())
    if not m:
        raise PeriodError(
            f"Mã kỳ báo cáo không hợp lệ: «{code}». Dùng dạng 2026S1, 2026S2, 2026 hoặc 2026Q1."
        )
    year = int(m["year"])
    kind = m["kind"] or "Y"
    index = int(m["n"]) if m["n"] else 0
    if kind == "S" and index not in (1, 2) or kind == "Q" and index not in (1, 2, 3, 4):
        raise PeriodError(f"Mã kỳ báo cáo không hợp lệ: «{code}».")
    if not 1990 <= year <= 2200:
        raise PeriodError(f"Năm của kỳ báo cáo không hợp lệ: {year}.")
    end_month = _end_month(kind, index)
    if settings.scheme == "calendar":
        end = date(year, end_month, _last_day(year, end_month))
        sy, sm = _shift_month(year, end_month, -_months_long(kind) + 1)
        start = date(sy, sm, 1)
    else:
        end = date(year, end_month, settings.cutoff_day)
        sy, sm = _shift_month(year, end_month, -_months_long(kind))
        start = date(sy, sm, settings.cutoff_day) + timedelta(days=1)
    canonical = str(year) if kind == "Y" else f"{year}{kind}{index}"
    return Period(canonical, year, kind, index, start, end, end + timedelta(days=settings.due_days))


def period_for(day: date, kind: str = "S", settings: PeriodSettings = DEFAULT_SETTINGS) -> Period:
    """The period of the given kind (``S``, ``Q`` or ``Y``) whose data range holds ``day``."""
    for year in (day.year, day.year + 1):
        candidates = (
            [str(year)]
            if kind == "Y"
            else [f"{year}{kind}{i}" for i in range(1, 3 if kind == "S" else 5)]
        )
        for code in candidates:
            p = parse_period(code, settings)
            if p.contains(day):
                return p
    raise PeriodError(f"Không tìm thấy kỳ báo cáo cho ngày {day:%d/%m/%Y}.")  # pragma: no cover


def periods_of_year(year: int, settings: PeriodSettings = DEFAULT_SETTINGS) -> list[Period]:
    """The six-monthly and annual periods of a year, in report order."""
    return [parse_period(c, settings) for c in (f"{year}S1", f"{year}S2", str(year))]
