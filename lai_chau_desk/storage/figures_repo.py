"""Aggregate queries behind a unit's period figures: GROUP BY in SQLite, not loops in Python."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from ..domain.figures import PeriodFigures
from ..domain.sessions import SESSION_FIELDS, add_figures
from .models import (
    AttendanceRow,
    IndicatorValueRow,
    MemberRow,
    RecommendationRow,
    SessionRow,
    SupervisionRow,
)
from .sessions_repo import DIRECTIVE_SEPARATOR


def period_figures(
    s: Session, unit_code: str, period_code: str, start: date, end: date
) -> PeriodFigures:
    """Every figure of ``unit_code`` for sessions and supervisions held from ``start`` to ``end``."""
    f = PeriodFigures(unit=unit_code, period=period_code)
    in_period = and_(
        SessionRow.unit_code == unit_code, SessionRow.held_on >= start, SessionRow.held_on <= end
    )
    # One pass over the covering index: grouped by form, month and the set of directives;
    # every total and breakdown is a sum over these few groups.
    # ``held_on`` is stored as ISO text, so its first 7 characters are the month "YYYY-MM".
    month = func.substr(SessionRow.held_on, 1, 7)
    # The counted columns (SESSION_COUNTS) are summed by name; a flag sums to its sessions.
    for form, m, key, n, *sums in s.execute(
        select(
            SessionRow.form,
            month,
            SessionRow.directive_key,
            func.count(),
            *(func.sum(getattr(SessionRow, c)) for c in SESSION_FIELDS),
        )
        .where(in_period)
        .group_by(SessionRow.form, month, SessionRow.directive_key)
    ):
        counts = dict(zip(SESSION_FIELDS, sums, strict=True))
        people = counts["participants"] or 0
        f.sessions += n
        add_figures(f, counts)
        f.sessions_by_form[form] = f.sessions_by_form.get(form, 0) + n
        f.sessions_by_month[m] = f.sessions_by_month.get(m, 0) + n
        f.participants_by_month[m] = f.participants_by_month.get(m, 0) + people
        for code in key.split(DIRECTIVE_SEPARATOR) if key else ():
            f.sessions_by_directive[code] = f.sessions_by_directive.get(code, 0) + n
            f.participants_by_directive[code] = f.participants_by_directive.get(code, 0) + people

    sup = and_(
        SupervisionRow.unit_code == unit_code,
        SupervisionRow.held_on >= start,
        SupervisionRow.held_on <= end,
    )
    f.supervisions = s.scalar(select(func.count()).select_from(SupervisionRow).where(sup)) or 0
    f.supervisions_by_field = dict(
        s.execute(
            select(SupervisionRow.field, func.count()).where(sup).group_by(SupervisionRow.field)
        ).all()
    )
    f.supervisions_by_role = dict(
        s.execute(
            select(SupervisionRow.role, func.count()).where(sup).group_by(SupervisionRow.role)
        ).all()
    )
    f.recommendations_by_status = dict(
        s.execute(
            select(RecommendationRow.status, func.count())
            .join(SupervisionRow, SupervisionRow.id == RecommendationRow.supervision_id)
            .where(sup)
            .group_by(RecommendationRow.status)
        ).all()
    )
    f.recommendations = sum(f.recommendations_by_status.values())

    f.indicators = {
        code: float(v)
        for code, v in s.execute(
            select(IndicatorValueRow.indicator_code, IndicatorValueRow.value).where(
                IndicatorValueRow.unit_code == unit_code,
                IndicatorValueRow.period_code == period_code,
            )
        )
    }

    active_member = and_(
        MemberRow.unit_code == unit_code,
        MemberRow.is_union_member.is_(True),
        or_(MemberRow.active_from.is_(None), MemberRow.active_from <= end),
        or_(MemberRow.active_to.is_(None), MemberRow.active_to >= start),
    )
    f.roster_members = (
        s.scalar(select(func.count()).select_from(MemberRow).where(active_member)) or 0
    )
    if f.roster_members:
        f.roster_reached = (
            s.scalar(
                select(func.count(distinct(AttendanceRow.member_id)))
                .join(SessionRow, SessionRow.id == AttendanceRow.session_id)
                .join(MemberRow, MemberRow.id == AttendanceRow.member_id)
                .where(in_period, active_member)
            )
            or 0
        )
    return f
