"""Reads and writes of dissemination sessions, their directives, tasks and attendance."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain.sessions import (
    SESSION_FIELDS,
    DisseminationSession,
    SessionFilter,
    count_values,
    with_counts,
)
from ..domain.text import fold_for_search
from .models import AttendanceRow, SessionDirectiveRow, SessionRow, SessionTaskRow

# The counted columns come from the domain's SESSION_COUNTS, in its order.
_SESSION_COLUMNS = (
    "id",
    "unit_code",
    "held_on",
    "title",
    "title_key",
    "form",
    "place",
    "presenter",
    *SESSION_FIELDS,
    "directive_key",
    "note",
    "created_at",
    "updated_at",
)
DIRECTIVE_SEPARATOR = "\n"


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_INSERT_SESSION = _insert_sql(SessionRow.__tablename__, _SESSION_COLUMNS)
_INSERT_DIRECTIVE = _insert_sql(SessionDirectiveRow.__tablename__, ("session_id", "directive_code"))
_INSERT_TASK = _insert_sql(SessionTaskRow.__tablename__, ("session_id", "task_ref"))
_INSERT_ATTENDANCE = _insert_sql(AttendanceRow.__tablename__, ("session_id", "member_id"))


def _stored_datetime(d: datetime) -> str:
    # The text SQLAlchemy's SQLite DateTime type stores (and parses back).
    return d.strftime("%Y-%m-%d %H:%M:%S.%f")


def insert_sessions(s: Session, sessions: Iterable[DisseminationSession]) -> int:
    """Insert many sessions with the driver's ``executemany`` inside the session's transaction.

    Values are written in exactly the form SQLAlchemy's column types store them (UUID as 32 hex
    digits, ISO dates), so ORM reads see no difference; skipping per-row type processing makes
    bulk inserts ~3x faster than ``session.execute(insert(Model), dicts)``.
    """
    now = _stored_datetime(datetime.now())
    rows: list[tuple] = []
    links: list[tuple[str, str]] = []
    tasks: list[tuple[str, str]] = []
    att: list[tuple[str, str]] = []
    for x in sessions:
        sid = x.id.hex
        assert x.held_on is not None  # validated before storage
        counts = count_values(x)
        rows.append(
            (
                sid,
                x.unit_code,
                x.held_on.isoformat(),
                x.title,
                fold_for_search(x.title),
                x.form,
                x.place,
                x.presenter,
                *(int(counts[c]) for c in SESSION_FIELDS),
                DIRECTIVE_SEPARATOR.join(sorted(set(x.directive_codes))),
                x.note,
                now,
                now,
            )
        )
        links.extend((sid, c) for c in dict.fromkeys(x.directive_codes))
        tasks.extend((sid, t) for t in x.task_codes)
        att.extend((sid, m.hex) for m in dict.fromkeys(x.attendee_ids))
    conn = s.connection()
    for sql, values in (
        (_INSERT_SESSION, rows),
        (_INSERT_DIRECTIVE, links),
        (_INSERT_TASK, tasks),
        (_INSERT_ATTENDANCE, att),
    ):
        if values:
            conn.exec_driver_sql(sql, values)
    return len(rows)


def _row_values(x: DisseminationSession) -> dict[str, object]:
    """The columns of one session's row (the counted ones from the declaration)."""
    assert x.held_on is not None  # validated before storage
    counts = count_values(x)
    return {
        "unit_code": x.unit_code,
        "held_on": x.held_on,
        "title": x.title,
        "title_key": fold_for_search(x.title),
        "form": x.form,
        "place": x.place,
        "presenter": x.presenter,
        **{c: int(counts[c]) for c in SESSION_FIELDS},
        "directive_key": DIRECTIVE_SEPARATOR.join(sorted(set(x.directive_codes))),
        "note": x.note,
    }


def _add_links(s: Session, x: DisseminationSession) -> None:
    s.add_all(
        SessionDirectiveRow(session_id=x.id, directive_code=c)
        for c in dict.fromkeys(x.directive_codes)
    )
    s.add_all(SessionTaskRow(session_id=x.id, task_ref=t) for t in dict.fromkeys(x.task_codes))
    s.add_all(AttendanceRow(session_id=x.id, member_id=m) for m in dict.fromkeys(x.attendee_ids))


def add_session(s: Session, x: DisseminationSession) -> None:
    """One new session through the ORM (many at once: :func:`insert_sessions`)."""
    now = datetime.now()
    s.add(SessionRow(id=x.id, created_at=now, updated_at=now, **_row_values(x)))
    s.flush()  # the parent row before its links
    _add_links(s, x)
    s.flush()


def update_session(s: Session, x: DisseminationSession) -> None:
    """Change one session in place through the ORM: its row keeps its id and creation time;
    its directives, tasks and attendance become those of ``x``."""
    row = s.get(SessionRow, x.id)
    if row is None:
        add_session(s, x)
        return
    for name, value in _row_values(x).items():
        setattr(row, name, value)
    row.updated_at = datetime.now()
    for model in (AttendanceRow, SessionDirectiveRow, SessionTaskRow):
        s.execute(delete(model).where(model.session_id == x.id))
    _add_links(s, x)
    s.flush()


def delete_session(s: Session, session_id: uuid.UUID) -> None:
    s.execute(delete(AttendanceRow).where(AttendanceRow.session_id == session_id))
    s.execute(delete(SessionDirectiveRow).where(SessionDirectiveRow.session_id == session_id))
    s.execute(delete(SessionTaskRow).where(SessionTaskRow.session_id == session_id))
    s.execute(delete(SessionRow).where(SessionRow.id == session_id))


def _from_row(
    r: SessionRow, directives: list[str], tasks: list[str], attendees: list[uuid.UUID]
) -> DisseminationSession:
    return with_counts(
        {c: getattr(r, c) for c in SESSION_FIELDS},
        id=r.id,
        unit_code=r.unit_code,
        held_on=r.held_on,
        title=r.title,
        form=r.form,
        place=r.place,
        presenter=r.presenter,
        note=r.note,
        directive_codes=directives,
        task_codes=tasks,
        attendee_ids=attendees,
    )


def get_sessions(s: Session, ids: list[uuid.UUID]) -> list[DisseminationSession]:
    """Full sessions for ``ids``, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    rows = {r.id: r for r in s.scalars(select(SessionRow).where(SessionRow.id.in_(ids)))}
    dirs: dict[uuid.UUID, list[str]] = {}
    for sid, code in s.execute(
        select(SessionDirectiveRow.session_id, SessionDirectiveRow.directive_code).where(
            SessionDirectiveRow.session_id.in_(ids)
        )
    ):
        dirs.setdefault(sid, []).append(code)
    tasks: dict[uuid.UUID, list[str]] = {}
    for sid, ref in s.execute(
        select(SessionTaskRow.session_id, SessionTaskRow.task_ref).where(
            SessionTaskRow.session_id.in_(ids)
        )
    ):
        tasks.setdefault(sid, []).append(ref)
    att: dict[uuid.UUID, list[uuid.UUID]] = {}
    for sid, mid in s.execute(
        select(AttendanceRow.session_id, AttendanceRow.member_id).where(
            AttendanceRow.session_id.in_(ids)
        )
    ):
        att.setdefault(sid, []).append(mid)
    return [
        _from_row(rows[i], sorted(dirs.get(i, [])), sorted(tasks.get(i, [])), att.get(i, []))
        for i in ids
        if i in rows
    ]


def _filtered(f: SessionFilter):  # noqa: ANN202 - a Select
    q = select(SessionRow.id).where(SessionRow.unit_code == f.unit_code)
    if f.start:
        q = q.where(SessionRow.held_on >= f.start)
    if f.end:
        q = q.where(SessionRow.held_on <= f.end)
    if f.form:
        q = q.where(SessionRow.form == f.form)
    if f.directive_code:
        q = q.where(
            SessionRow.id.in_(
                select(SessionDirectiveRow.session_id).where(
                    SessionDirectiveRow.directive_code == f.directive_code
                )
            )
        )
    if f.text:
        for word in fold_for_search(f.text).split():
            q = q.where(SessionRow.title_key.contains(word, autoescape=True))
    return q


def session_ids(s: Session, f: SessionFilter, newest_first: bool = True) -> list[uuid.UUID]:
    """Ids of the matching sessions, by date (newest first by default)."""
    q = _filtered(f)
    order = (
        (SessionRow.held_on.desc(), SessionRow.created_at.desc())
        if newest_first
        else (SessionRow.held_on, SessionRow.created_at)
    )
    return list(s.scalars(q.order_by(*order)))


def session_titles(s: Session, f: SessionFilter) -> list[tuple[uuid.UUID, str]]:
    ids = _filtered(f).subquery()
    return [
        (i, t)
        for i, t in s.execute(
            select(SessionRow.id, SessionRow.title).where(SessionRow.id.in_(select(ids.c.id)))
        )
    ]


def count_sessions(s: Session, unit_code: str) -> int:
    return (
        s.scalar(
            select(func.count()).select_from(SessionRow).where(SessionRow.unit_code == unit_code)
        )
        or 0
    )


def count_matching(s: Session, f: SessionFilter) -> int:
    """How many sessions match ``f``."""
    return s.scalar(select(func.count()).select_from(_filtered(f).subquery())) or 0


def session_keys(
    s: Session, f: SessionFilter, newest_first: bool = True, limit: int | None = None
) -> list[str]:
    """Like :func:`session_ids` but as 32-digit hex strings, skipping UUID conversion: a list
    of 100,000 sessions loads in half the time (the GUI converts only the rows it shows)."""
    from sqlalchemy import String, type_coerce

    order = (
        (SessionRow.held_on.desc(), SessionRow.created_at.desc())
        if newest_first
        else (SessionRow.held_on, SessionRow.created_at)
    )
    q = _filtered(f).with_only_columns(type_coerce(SessionRow.id, String)).order_by(*order)
    if limit is not None:
        q = q.limit(limit)
    return list(s.scalars(q))
