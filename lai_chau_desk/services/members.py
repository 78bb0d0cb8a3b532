"""The member roster: add, edit, delete with undo, list in Vietnamese name order."""

from __future__ import annotations

import uuid

from ..domain.errors import NotFoundError
from ..domain.members import Member, validate_member
from ..domain.text import name_sort_key
from ..storage import members_repo
from .base import ServiceBase


class MemberService(ServiceBase):
    def add(self, m: Member) -> uuid.UUID:
        m.unit_code = m.unit_code or self.require_own_unit()
        validate_member(m, self.today())
        with self.db.transaction() as s:
            members_repo.insert_members(s, [m])
        return m.id

    def add_many(self, members: list[Member]) -> int:
        """Validate every member first; insert all in one transaction or none."""
        unit = self.require_own_unit()
        for m in members:
            m.unit_code = m.unit_code or unit
            validate_member(m, self.today())
        with self.db.transaction() as s:
            return members_repo.insert_members(s, members)

    def update(self, m: Member) -> None:
        validate_member(m, self.today())
        with self.db.transaction() as s:
            if not members_repo.update_member(s, m):
                raise NotFoundError("Người này không còn trong danh sách.")

    def delete(self, member_id: uuid.UUID) -> tuple[Member, list[uuid.UUID]]:
        """Delete; returns the member and the sessions they attended, for undo."""
        with self.db.transaction() as s:
            found = members_repo.members_by_ids(s, [member_id])
            if not found:
                raise NotFoundError("Người này không còn trong danh sách.")
            sessions = members_repo.delete_member(s, member_id)
        return found[0], sessions

    def restore(self, member: Member, session_ids: list[uuid.UUID]) -> None:
        with self.db.transaction() as s:
            members_repo.insert_members(s, [member])
            members_repo.restore_attendance(s, member.id, session_ids)

    def list(self, unit_code: str | None = None) -> list[Member]:
        unit = unit_code or self.require_own_unit()
        with self.db.reading() as s:
            members = members_repo.members_of(s, unit)
        return sorted(members, key=lambda m: name_sort_key(m.full_name))
