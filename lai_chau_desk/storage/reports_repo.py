"""Reads and writes of per-period report data: narrative sections and indicator values, and
the reads the official report needs from received reports, sent packages and the roster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..domain.figures import COUNTS
from .models import IndicatorValueRow, MemberRow, NarrativeRow


def narrative(s: Session, unit_code: str, period_code: str) -> dict[str, str]:
    rows = s.scalars(
        select(NarrativeRow).where(
            NarrativeRow.unit_code == unit_code, NarrativeRow.period_code == period_code
        )
    )
    return {r.section: r.text for r in rows}


def save_narrative(s: Session, unit_code: str, period_code: str, section: str, text: str) -> None:
    row = s.scalar(
        select(NarrativeRow).where(
            NarrativeRow.unit_code == unit_code,
            NarrativeRow.period_code == period_code,
            NarrativeRow.section == section,
        )
    )
    if row is None:
        row = NarrativeRow(unit_code=unit_code, period_code=period_code, section=section)
        s.add(row)
    row.text = text
    row.updated_at = datetime.now()


def indicator_values(s: Session, unit_code: str, period_code: str) -> dict[str, tuple[float, str]]:
    rows = s.scalars(
        select(IndicatorValueRow).where(
            IndicatorValueRow.unit_code == unit_code, IndicatorValueRow.period_code == period_code
        )
    )
    return {r.indicator_code: (r.value, r.note) for r in rows}


def save_indicator_value(
    s: Session, unit_code: str, period_code: str, code: str, value: float, note: str
) -> None:
    row = s.scalar(
        select(IndicatorValueRow).where(
            IndicatorValueRow.unit_code == unit_code,
            IndicatorValueRow.period_code == period_code,
            IndicatorValueRow.indicator_code == code,
        )
    )
    if row is None:
        row = IndicatorValueRow(unit_code=unit_code, period_code=period_code, indicator_code=code)
        s.add(row)
    row.value, row.note = value, note


def indicator_values_by_period(
    s: Session, unit_code: str, period_codes: list[str]
) -> dict[str, dict[str, float]]:
    """period code -> indicator code -> value, for the given periods of one unit."""
    out: dict[str, dict[str, float]] = {c: {} for c in period_codes}
    for period, code, value in s.execute(
        select(
            IndicatorValueRow.period_code, IndicatorValueRow.indicator_code, IndicatorValueRow.value
        ).where(
            IndicatorValueRow.unit_code == unit_code,
            IndicatorValueRow.period_code.in_(period_codes),
        )
    ):
        out[period][code] = float(value)
    return out


@dataclass
class ReceivedReport:
    """The report held for one unit and period, as the consolidated report reads it."""

    unit_code: str
    unit_name: str
    parent_code: str | None
    first_created_text: str  # ISO with the sender's offset, of the first revision held
    first_imported_at: datetime  # UTC
    review: str  # pending | accepted | returned
    details: dict  # PeriodFigures.to_dict() of the current revision


def received_reports(s: Session, period_code: str) -> list[ReceivedReport]:
    """Every unit's current report held for ``period_code`` (see :func:`iter_received_reports`)."""
    return list(iter_received_reports(s, period_code))


def iter_received_reports(
    s: Session, period_code: str, chunk: int = 500
) -> Iterator[ReceivedReport]:
    """Every unit's current report held for ``period_code``, one at a time (from the
    ``received_figures`` table, with the first revision's signed creation time and import
    time). Only the columns needed are read, never a package's blobs, ``chunk`` rows at a time:
    a consolidation over thousands of units holds one row, not the tree."""
    from .exchange_models import ReceivedFiguresRow, ReceivedPackageRow

    firsts: dict[str, tuple[datetime, str, datetime]] = {}
    for unit, created, text, imported in s.execute(
        select(
            ReceivedPackageRow.unit_code,
            ReceivedPackageRow.created_at,
            ReceivedPackageRow.created_at_text,
            ReceivedPackageRow.imported_at,
        ).where(ReceivedPackageRow.period_code == period_code, ReceivedPackageRow.kind == "report")
    ):
        old = firsts.get(unit)
        if old is None or created < old[0]:
            firsts[unit] = (created, text, min(imported, old[2]) if old else imported)
        elif imported < old[2]:
            firsts[unit] = (old[0], old[1], imported)
    fig = ReceivedFiguresRow
    rows = s.execute(
        select(
            fig.unit_code,
            fig.details,
            *(getattr(fig, k) for k in COUNTS),
            ReceivedPackageRow.unit_name,
            ReceivedPackageRow.parent_code,
            ReceivedPackageRow.created_at_text,
            ReceivedPackageRow.imported_at,
            ReceivedPackageRow.review,
        )
        .join(ReceivedPackageRow, ReceivedPackageRow.id == fig.package_row_id)
        .where(fig.period_code == period_code)
        .execution_options(yield_per=chunk)
    )
    n = len(COUNTS)
    for row in rows:
        code, text = row[0], row[1]
        counts = row[2 : 2 + n]
        unit_name, parent_code, created_text, imported_at, review = row[2 + n :]
        first = firsts.get(code)
        try:
            details = json.loads(text or "{}")
        except ValueError:
            details = {}
        yield ReceivedReport(
            unit_code=code,
            unit_name=unit_name,
            parent_code=parent_code,
            first_created_text=first[1] if first else created_text,
            first_imported_at=first[2] if first else imported_at,
            review=review,
            details=details
            or {"unit": code, "period": period_code, **dict(zip(COUNTS, counts, strict=True))},
        )


def received_report_units(s: Session, period_code: str) -> Iterator[str]:
    """The unit codes of the reports held for ``period_code`` (no blob, no figures)."""
    from .exchange_models import ReceivedFiguresRow

    yield from s.scalars(
        select(ReceivedFiguresRow.unit_code)
        .where(ReceivedFiguresRow.period_code == period_code)
        .execution_options(yield_per=500)
    )


def last_sent_report(s: Session, unit_code: str, period_code: str) -> tuple[int, str] | None:
    """(revision, payload SHA-256) of the last report package written here for the period."""
    from .exchange_models import SentPackageRow

    row = s.execute(
        select(SentPackageRow.revision, SentPackageRow.payload_sha256)
        .where(
            SentPackageRow.kind == "report",
            SentPackageRow.unit_code == unit_code,
            SentPackageRow.period_code == period_code,
        )
        .order_by(SentPackageRow.revision.desc(), SentPackageRow.created_at.desc())
        .limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else None


@dataclass
class RosterCounts:
    members: int = 0
    members_female: int = 0
    members_ethnic_minority: int = 0
    workers: int = 0
    workers_female: int = 0
    workers_ethnic_minority: int = 0


def roster_counts_on(s: Session, unit_code: str, day: date) -> RosterCounts:
    """People on the roster on ``day`` (everyone = CNVCLĐ; union members among them), by
    gender and ethnicity (counts only; names never leave storage)."""
    active = and_(
        MemberRow.unit_code == unit_code,
        or_(MemberRow.active_from.is_(None), MemberRow.active_from <= day),
        or_(MemberRow.active_to.is_(None), MemberRow.active_to >= day),
    )
    c = RosterCounts()
    for is_member, gender, ethnicity, n in s.execute(
        select(MemberRow.is_union_member, MemberRow.gender, MemberRow.ethnicity, func.count())
        .where(active)
        .group_by(MemberRow.is_union_member, MemberRow.gender, MemberRow.ethnicity)
    ):
        female = (gender or "").strip().lower() in ("nữ", "nu", "f")
        minority = bool(ethnicity) and ethnicity.strip().lower() != "kinh"
        for prefix, on in (("workers", True), ("members", bool(is_member))):
            if not on:
                continue
            base = "workers" if prefix == "workers" else "members"
            setattr(c, base, getattr(c, base) + n)
            if female:
                setattr(c, f"{prefix}_female", getattr(c, f"{prefix}_female") + n)
            if minority:
                setattr(c, f"{prefix}_ethnic_minority", getattr(c, f"{prefix}_ethnic_minority") + n)
    return c
