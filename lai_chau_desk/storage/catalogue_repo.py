"""Reads and writes of the directive catalogue and indicators."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain.catalogue import Directive, DirectiveTask, Indicator, indicator_kind
from .models import DirectiveRow, DirectiveTaskRow, IndicatorRow, SessionDirectiveRow


def directive_from_row(r: DirectiveRow) -> Directive:
    return Directive(
        id=r.id,
        code=r.code,
        number=r.number,
        symbol=r.symbol,
        title=r.title,
        kind=r.kind,
        issued_on=r.issued_on,
        issuer=r.issuer,
        sort_order=r.sort_order,
        tasks=[
            DirectiveTask(
                id=t.id,
                code=t.code,
                title=t.title,
                parent_code=t.parent_code,
                sort_order=t.sort_order,
            )
            for t in r.tasks
        ],
    )


def all_directives(s: Session) -> list[Directive]:
    rows = s.scalars(
        select(DirectiveRow)
        .options(selectinload(DirectiveRow.tasks))
        .order_by(DirectiveRow.sort_order, DirectiveRow.code)
    )
    return [directive_from_row(r) for r in rows]


def find_directive(s: Session, code: str) -> DirectiveRow | None:
    return s.scalar(select(DirectiveRow).where(DirectiveRow.code == code))


def save_directive(s: Session, d: Directive, origin: str = "user") -> DirectiveRow:
    """Insert or update by code; tasks are replaced by the given list."""
    row = find_directive(s, d.code)
    if row is None:
        row = DirectiveRow(id=d.id, code=d.code, origin=origin)
        s.add(row)
    elif origin == "user":
        row.user_edited = True
    for f in ("number", "symbol", "kind", "issued_on", "issuer", "title", "sort_order"):
        setattr(row, f, getattr(d, f))
    by_code = {t.code: t for t in row.tasks}
    keep = []
    for i, t in enumerate(d.tasks):
        tr = by_code.get(t.code) or DirectiveTaskRow(id=t.id, code=t.code)
        tr.title, tr.parent_code, tr.sort_order = t.title, t.parent_code, t.sort_order or i + 1
        keep.append(tr)
    row.tasks = keep
    return row


def indicator_from_row(r: IndicatorRow) -> Indicator:
    return Indicator(
        id=r.id,
        code=r.code,
        name=r.name,
        unit_label=r.unit_label,
        directive_code=r.directive_code,
        sort_order=r.sort_order,
        kind=indicator_kind(r.kind),
    )


def all_indicators(s: Session) -> list[Indicator]:
    rows = s.scalars(select(IndicatorRow).order_by(IndicatorRow.sort_order, IndicatorRow.code))
    return [indicator_from_row(r) for r in rows]


def save_indicator(s: Session, ind: Indicator, origin: str = "user") -> IndicatorRow:
    row = s.scalar(select(IndicatorRow).where(IndicatorRow.code == ind.code))
    if row is None:
        row = IndicatorRow(id=ind.id, code=ind.code, origin=origin)
        s.add(row)
    elif origin == "user":
        row.user_edited = True
    for f in ("name", "unit_label", "directive_code", "sort_order"):
        setattr(row, f, getattr(ind, f))
    row.kind = indicator_kind(ind.kind)
    return row


def indicator_kinds(s: Session) -> dict[str, str]:
    """Indicator code -> ``flow`` | ``stock``."""
    return {
        code: indicator_kind(kind)
        for code, kind in s.execute(select(IndicatorRow.code, IndicatorRow.kind))
    }


def directive_use_count(s: Session, code: str) -> int:
    """How many sessions refer to the directive ``code``."""
    return (
        s.scalar(
            select(func.count())
            .select_from(SessionDirectiveRow)
            .where(SessionDirectiveRow.directive_code == code)
        )
        or 0
    )


def delete_directive(s: Session, row: DirectiveRow) -> None:
    s.delete(row)
