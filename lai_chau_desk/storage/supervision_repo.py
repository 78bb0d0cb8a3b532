"""Reads and writes of supervision activities and their recommendations."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..domain.supervision import Recommendation, SupervisionActivity
from .models import RecommendationRow, SupervisionRow

_FIELDS = ("unit_code", "held_on", "field", "role", "partners", "target", "content", "findings")


def supervision_from_row(r: SupervisionRow) -> SupervisionActivity:
    return SupervisionActivity(
        id=r.id,
        **{f: getattr(r, f) for f in _FIELDS},
        recommendations=[
            Recommendation(id=x.id, text=x.text, status=x.status, status_on=x.status_on)
            for x in r.recommendations
        ],
    )


def save_supervision(s: Session, a: SupervisionActivity) -> None:
    row = s.get(SupervisionRow, a.id)
    if row is None:
        row = SupervisionRow(id=a.id)
        s.add(row)
    for f in _FIELDS:
        setattr(row, f, getattr(a, f))
    row.recommendations = [
        RecommendationRow(id=r.id, position=i, text=r.text, status=r.status, status_on=r.status_on)
        for i, r in enumerate(a.recommendations)
    ]


def get_supervision(s: Session, sid: uuid.UUID) -> SupervisionActivity | None:
    row = s.get(SupervisionRow, sid)
    return supervision_from_row(row) if row else None


def delete_supervision(s: Session, sid: uuid.UUID) -> bool:
    row = s.get(SupervisionRow, sid)
    if row is None:
        return False
    s.delete(row)
    return True


def list_supervisions(
    s: Session, unit_code: str, start: date | None = None, end: date | None = None
) -> list[SupervisionActivity]:
    q = (
        select(SupervisionRow)
        .options(selectinload(SupervisionRow.recommendations))
        .where(SupervisionRow.unit_code == unit_code)
    )
    if start:
        q = q.where(SupervisionRow.held_on >= start)
    if end:
        q = q.where(SupervisionRow.held_on <= end)
    return [supervision_from_row(r) for r in s.scalars(q.order_by(SupervisionRow.held_on.desc()))]
