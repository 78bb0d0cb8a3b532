"""Per-period report inputs: figures, narrative sections, indicator values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.catalogue import IndicatorValue, combine_indicator_values, validate_indicator_value
from ..domain.errors import NotFoundError, Problems
from ..domain.figures import PeriodFigures
from ..domain.narrative import MAX_SECTION_CHARS, SECTIONS
from ..domain.periods import Period
from ..domain.text import clean_multiline
from ..reports.labels import SUMMARY_ROWS, labels
from ..storage import catalogue_repo, figures_repo, reports_repo
from .base import ServiceBase

if TYPE_CHECKING:
    from ..storage.engine import Session


def part_codes(period: Period) -> list[str]:
    """The shorter periods a year adds up, oldest first (halves, then quarters)."""
    if period.kind != "Y":
        return []
    return [f"{period.year}S1", f"{period.year}S2"] + [f"{period.year}Q{i}" for i in range(1, 5)]


def year_indicators(s: Session, unit_code: str, period: Period) -> dict[str, float]:
    """Indicator values of a year: entered for the year itself, or else added up from its
    halves (or quarters) by each indicator's kind, flows summed and stocks at the year's end."""
    codes = part_codes(period)
    by_period = reports_repo.indicator_values_by_period(s, unit_code, [period.code, *codes])
    kinds = catalogue_repo.indicator_kinds(s)
    halves = [by_period[c] for c in codes[:2]]
    quarters = [by_period[c] for c in codes[2:]]
    combined = combine_indicator_values(kinds, halves)
    for code, value in combine_indicator_values(kinds, quarters).items():
        combined.setdefault(code, value)
    combined.update(by_period[period.code])  # a value entered for the year wins
    return combined


def figures_for(s: Session, unit_code: str, period: Period) -> PeriodFigures:
    """A unit's figures for a period; a year's indicators are added up from its parts."""
    f = figures_repo.period_figures(s, unit_code, period.code, period.start, period.end)
    if period.kind == "Y":
        f.indicators = year_indicators(s, unit_code, period)
    return f


def summary_rows(f: PeriodFigures, lang: str) -> list[tuple[str, int]]:
    """Every count of the declaration as (its printed label, its value), in the order the
    report's summary table prints them: what a screen shows of a period's figures."""
    words = labels(lang)
    return [(words[key], getattr(f, name)) for key, name in SUMMARY_ROWS]


def count_rows(counts: dict[str, int], lang: str) -> list[tuple[str, int]]:
    """The summary rows (label, value) of a ``totals``-style mapping such as a subtree's
    counts, in the order of :func:`summary_rows`, for the counts it holds."""
    words = labels(lang)
    return [(words[key], counts[name]) for key, name in SUMMARY_ROWS if name in counts]


class ReportingService(ServiceBase):
    def figures(self, period_code: str, unit_code: str | None = None) -> PeriodFigures:
        """The figures of a unit (default: own unit) for a period (``totals --json`` prints
        them under ``details``: a year's indicators summed or taken at the year's end)."""
        unit = unit_code or self.require_own_unit()
        p = self.period(period_code)
        with self.db.reading() as s:
            return figures_for(s, unit, p)

    def narrative(self, period_code: str, unit_code: str | None = None) -> dict[str, str]:
        unit = unit_code or self.require_own_unit()
        code = self.period(period_code).code
        with self.db.reading() as s:
            return reports_repo.narrative(s, unit, code)

    def save_narrative(self, period_code: str, section: str, text: str) -> None:
        if section not in SECTIONS:
            raise NotFoundError(f"Không có mục «{section}» trong báo cáo.")
        text = clean_multiline(text).strip()
        if len(text) > MAX_SECTION_CHARS:
            p = Problems()
            p.add(
                "text", f"Nội dung quá dài (tối đa {MAX_SECTION_CHARS:,} ký tự).".replace(",", ".")
            )
            p.raise_if_any()
        unit = self.require_own_unit()
        code = self.period(period_code).code
        with self.db.transaction() as s:
            reports_repo.save_narrative(s, unit, code, section, text)

    def indicator_values(self, period_code: str) -> dict[str, tuple[float, str]]:
        unit = self.require_own_unit()
        code = self.period(period_code).code
        with self.db.reading() as s:
            return reports_repo.indicator_values(s, unit, code)

    def save_indicator_value(self, v: IndicatorValue) -> None:
        v = validate_indicator_value(v)
        unit = self.require_own_unit()
        code = self.period(v.period_code).code
        with self.db.transaction() as s:
            if v.indicator_code not in {i.code for i in catalogue_repo.all_indicators(s)}:
                raise NotFoundError(f"Không có chỉ tiêu «{v.indicator_code}».")
            reports_repo.save_indicator_value(s, unit, code, v.indicator_code, v.value, v.note)
