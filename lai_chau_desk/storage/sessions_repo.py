"""Reads and writes of dissemination sessions, their directives, tasks and attendance."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..domain.sessions import Attendance, DisseminationSession
from ..domain.text import fold_for_search
from .models import AttendanceRow, SessionDirectiveRow, SessionRow, SessionTaskRow

_COUNTS = ("participants", "union_members", "female", "ethnic_minority")


@dataclass(frozen=True)
class SessionFilter:
    """What a sessions list shows: unit, date range, directive, form and a search text."""

    unit_code: str
    start: date | None = None
    end: date | None = None
    directive_code: str | None = None
    form: str | None = None
    text: str = ""


def _row_values(s: DisseminationSession, now: datetime) -> dict:
    a = s.attendance
    return {
        "id": s.id, "unit_code": s.unit_code, "held_on": s.held_on, "title": s.title,
        "title_key": fold_for_search(s.title), "form": s.form, "place": s.place,
        "presenter": s.presenter, "participants": a.participants, "union_members": a.union_members,
        "female": a.female, "ethnic_minority": a.ethnic_minority, "materials": s.materials,
        "note": s.note, "created_at": now, "updated_at": now,
    }


def insert_sessions(s: Session, sessions: Iterable[DisseminationSession]) -> int:
    """Insert many sessions with Core bulk statements (no ORM unit of work)."""
    now = datetime.now()
    rows, links, tasks, att = [], [], [], []
    for x in sessions:
        rows.append(_row_values(x, now))
        links.extend({"session_id": x.id, "directive_code": c} for c in x.directive_codes)
        tasks.extend({"session_id": x.id, "task_ref": t} for t in x.task_codes)
        att.extend({"session_id": x.id, "member_id": m} for m in dict.fromkeys(x.attendee_ids))
    if rows:
        s.execute(insert(SessionRow), rows)
    if links:
        s.execute(insert(SessionDirectiveRow), links)
    if tasks:
        s.execute(insert(SessionTaskRow), tasks)
    if att:
        s.execute(insert(AttendanceRow), att)
    return len(rows)


def update_session(s: Session, x: DisseminationSession) -> None:
    row = s.get(SessionRow, x.id)
    created = row.created_at if row else datetime.now()
    delete_session(s, x.id)
    s.flush()
    insert_sessions(s, [x])
    s.flush()
    s.get(SessionRow, x.id).created_at = created  # type: ignore[union-attr]


def delete_session(s: Session, session_id: uuid.UUID) -> None:
    s.execute(delete(AttendanceRow).where(AttendanceRow.session_id == session_id))
    s.execute(delete(SessionDirectiveRow).where(SessionDirectiveRow.session_id == session_id))
    s.execute(delete(SessionTaskRow).where(SessionTaskRow.session_id == session_id))
    s.execute(delete(SessionRow).where(SessionRow.id == session_id))


def _from_row(r: SessionRow, directives: list[str], tasks: list[str],
              attendees: list[uuid.UUID]) -> DisseminationSession:
    return DisseminationSession(
        id=r.id, unit_code=r.unit_code, held_on=r.held_on, title=r.title, form=r.form,
        place=r.place, presenter=r.presenter, materials=r.materials, note=r.note,
        attendance=Attendance(**{k: getattr(r, k) for k in _COUNTS}),
        directive_codes=directives, task_codes=tasks, attendee_ids=attendees,
    )


def get_sessions(s: Session, ids: list[uuid.UUID]) -> list[DisseminationSession]:
    """Full sessions for ``ids``, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    rows = {r.id: r for r in s.scalars(select(SessionRow).where(SessionRow.id.in_(ids)))}
    dirs: dict[uuid.UUID, list[str]] = {}
    for sid, code in s.execute(select(SessionDirectiveRow.session_id, SessionDirectiveRow.directive_code)
                               .where(SessionDirectiveRow.session_id.in_(ids))):
        dirs.setdefault(sid, []).append(code)
    tasks: dict[uuid.UUID, list[str]] = {}
    for sid, ref in s.execute(select(SessionTaskRow.session_id, SessionTaskRow.task_ref)
                              .where(SessionTaskRow.session_id.in_(ids))):
        tasks.setdefault(sid, []).append(ref)
    att: dict[uuid.UUID, list[uuid.UUID]] = {}
    for sid, mid in s.execute(select(AttendanceRow.session_id, AttendanceRow.member_id)
                              .where(AttendanceRow.session_id.in_(ids))):
        att.setdefault(sid, []).append(mid)
    return [_from_row(rows[i], sorted(dirs.get(i, [])), sorted(tasks.get(i, [])), att.get(i, []))
            for i in ids if i in rows]


def _filtered(f: SessionFilter):  # noqa: ANN202 - a Select
    q = select(SessionRow.id).where(SessionRow.unit_code == f.unit_code)
    if f.start:
        q = q.where(SessionRow.held_on >= f.start)
    if f.end:
        q = q.where(SessionRow.held_on <= f.end)
    if f.form:
        q = q.where(SessionRow.form == f.form)
    if f.directive_code:
        q = q.where(SessionRow.id.in_(select(SessionDirectiveRow.session_id)
                                      .where(SessionDirectiveRow.directive_code == f.directive_code)))
    if f.text:
        for word in fold_for_search(f.text).split():
            q = q.where(SessionRow.title_key.contains(word, autoescape=True))
    return q


def session_ids(s: Session, f: SessionFilter, newest_first: bool = True) -> list[uuid.UUID]:
    """Ids of the matching sessions, by date (newest first by default)."""
    q = _filtered(f)
    order = (SessionRow.held_on.desc(), SessionRow.created_at.desc()) if newest_first else (
        SessionRow.held_on, SessionRow.created_at)
    return list(s.scalars(q.order_by(*order)))


def session_titles(s: Session, f: SessionFilter) -> list[tuple[uuid.UUID, str]]:
    ids = _filtered(f).subquery()
    return [(i, t) for i, t in s.execute(select(SessionRow.id, SessionRow.title)
                                          .where(SessionRow.id.in_(select(ids.c.id))))]


def count_sessions(s: Session, unit_code: str) -> int:
    return s.scalar(select(func.count()).select_from(SessionRow)
                    .where(SessionRow.unit_code == unit_code)) or 0


def count_matching(s: Session, f: SessionFilter) -> int:
    """How many sessions match ``f``."""
    return s.scalar(select(func.count()).select_from(_filtered(f).subquery())) or 0


def session_keys(s: Session, f: SessionFilter, newest_first: bool = True,
                 limit: int | None = None) -> list[str]:
    """Like :func:`session_ids` but as 32-digit hex strings, skipping UUID conversion: a list
    of 100,000 sessions loads in half the time (the GUI converts only the rows it shows)."""
    from sqlalchemy import String, type_coerce

    order = (SessionRow.held_on.desc(), SessionRow.created_at.desc()) if newest_first else (
        SessionRow.held_on, SessionRow.created_at)
    q = _filtered(f).with_only_columns(type_coerce(SessionRow.id, String)).order_by(*order)
    if limit is not None:
        q = q.limit(limit)
    return list(s.scalars(q))
