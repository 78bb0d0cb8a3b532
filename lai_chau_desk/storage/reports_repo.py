"""Reads and writes of per-period report data: narrative sections and indicator values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import IndicatorValueRow, NarrativeRow


def narrative(s: Session, unit_code: str, period_code: str) -> dict[str, str]:
    rows = s.scalars(select(NarrativeRow).where(NarrativeRow.unit_code == unit_code,
                                                NarrativeRow.period_code == period_code))
    return {r.section: r.text for r in rows}


def save_narrative(s: Session, unit_code: str, period_code: str, section: str, text: str) -> None:
    row = s.scalar(select(NarrativeRow).where(
        NarrativeRow.unit_code == unit_code, NarrativeRow.period_code == period_code,
        NarrativeRow.section == section))
    if row is None:
        row = NarrativeRow(unit_code=unit_code, period_code=period_code, section=section)
        s.add(row)
    row.text = text
    row.updated_at = datetime.now()


def indicator_values(s: Session, unit_code: str, period_code: str) -> dict[str, tuple[float, str]]:
    rows = s.scalars(select(IndicatorValueRow).where(IndicatorValueRow.unit_code == unit_code,
                                                     IndicatorValueRow.period_code == period_code))
    return {r.indicator_code: (r.value, r.note) for r in rows}


def save_indicator_value(s: Session, unit_code: str, period_code: str, code: str, value: float,
                         note: str) -> None:
    row = s.scalar(select(IndicatorValueRow).where(
        IndicatorValueRow.unit_code == unit_code, IndicatorValueRow.period_code == period_code,
        IndicatorValueRow.indicator_code == code))
    if row is None:
        row = IndicatorValueRow(unit_code=unit_code, period_code=period_code, indicator_code=code)
        s.add(row)
    row.value, row.note = value, note
