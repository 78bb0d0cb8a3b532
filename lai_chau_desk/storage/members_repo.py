"""Reads and writes of the member roster."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from ..domain.members import Member
from .models import AttendanceRow, MemberRow, SessionRow

_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "ethnicity",
    "is_union_member",
    "position",
    "department",
    "active_from",
    "active_to",
    "unit_code",
)


_MEMBER_TABLE = cast(Table, MemberRow.__table__)


def member_keys(s: Session, unit_code: str) -> list[tuple[str, int | None]]:
    """``(full name, birth year)`` of every member of ``unit_code`` (for duplicate checks,
    without loading whole rows)."""
    return [
        (name, year)
        for name, year in s.execute(
            select(MemberRow.full_name, MemberRow.birth_year).where(
                MemberRow.unit_code == unit_code
            )
        )
    ]


def member_from_row(r: MemberRow) -> Member:
    return Member(id=r.id, **{f: getattr(r, f) for f in _FIELDS})


def insert_members(s: Session, members: Iterable[Member]) -> int:
    """Insert a few members (a save, a paste) through the ORM's insert."""
    rows = [{"id": m.id, **{f: getattr(m, f) for f in _FIELDS}} for m in members]
    if rows:
        s.execute(insert(MemberRow), rows)
    return len(rows)


def bulk_insert_members(
    s: Session, members: Iterable[Member], unit_code: str, new_ids: bool = False
) -> int:
    """Insert many members (a roster import: 50,000 at a time) with one Core
    ``executemany`` inside the session's transaction, under ``unit_code``; ``new_ids`` gives
    each row a fresh UUID instead of its member's own (the members passed in are left
    unchanged). A row is the member's fields by name: a field of :class:`Member` without a
    column fails the insert."""
    fixed = {"unit_code": unit_code}
    if new_ids:
        rows = [{**vars(m), **fixed, "id": uuid.uuid4()} for m in members]
    else:
        rows = [{**vars(m), **fixed} for m in members]
    if rows:
        s.connection().execute(_MEMBER_TABLE.insert(), rows)
    return len(rows)


def update_member(s: Session, m: Member) -> bool:
    row = s.get(MemberRow, m.id)
    if row is None:
        return False
    for f in _FIELDS:
        setattr(row, f, getattr(m, f))
    return True


def delete_member(s: Session, member_id: uuid.UUID) -> list[uuid.UUID]:
    """Delete a member; returns the sessions they had attended (for undo)."""
    sessions = list(
        s.scalars(select(AttendanceRow.session_id).where(AttendanceRow.member_id == member_id))
    )
    s.execute(delete(AttendanceRow).where(AttendanceRow.member_id == member_id))
    s.execute(delete(MemberRow).where(MemberRow.id == member_id))
    return sessions


def members_of(s: Session, unit_code: str) -> list[Member]:
    return [
        member_from_row(r)
        for r in s.scalars(select(MemberRow).where(MemberRow.unit_code == unit_code))
    ]


def members_by_ids(s: Session, ids: list[uuid.UUID]) -> list[Member]:
    if not ids:
        return []
    return [member_from_row(r) for r in s.scalars(select(MemberRow).where(MemberRow.id.in_(ids)))]


def restore_attendance(s: Session, member_id: uuid.UUID, session_ids: Iterable[uuid.UUID]) -> None:
    """Tick ``member_id`` again on those of ``session_ids`` that still exist (undo of a
    delete)."""
    alive = set(s.scalars(select(SessionRow.id).where(SessionRow.id.in_(list(session_ids)))))
    if alive:
        s.execute(
            insert(AttendanceRow),
            [{"session_id": sid, "member_id": member_id} for sid in alive],
        )
