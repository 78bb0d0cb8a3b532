"""Per-period report inputs: figures, narrative sections, indicator values."""

from __future__ import annotations

from ..domain.catalogue import IndicatorValue, validate_indicator_value
from ..domain.errors import NotFoundError, Problems
from ..domain.figures import PeriodFigures
from ..domain.narrative import MAX_SECTION_CHARS, SECTIONS
from ..domain.text import clean_multiline
from ..storage import catalogue_repo, figures_repo, reports_repo
from .base import ServiceBase


class ReportingService(ServiceBase):
    def figures(self, period_code: str, unit_code: str | None = None) -> PeriodFigures:
        """The figures of a unit (default: own unit) for a period."""
        unit = unit_code or self.require_own_unit()
        p = self.period(period_code)
        with self.db.reading() as s:
            return figures_repo.period_figures(s, unit, p.code, p.start, p.end)

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
            p.add("text", f"Nội dung quá dài (tối đa {MAX_SECTION_CHARS:,} ký tự).".replace(",", "."))
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
