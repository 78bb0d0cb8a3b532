"""Recording dissemination sessions: add, edit, delete with undo, list, bulk insert."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from ..domain.errors import NotFoundError, Problems
from ..domain.sessions import (
    Attendance,
    DisseminationSession,
    SessionFilter,
    attendance_from_roster,
    check_attendance,
    task_ref,
    validate_session,
)
from ..storage import catalogue_repo, members_repo, sessions_repo
from .base import Cancel, Cancelled, Progress, ServiceBase, never_cancel, no_progress

BULK_CHUNK = 5000

__all__ = ["SessionFilter", "SessionService"]


class SessionService(ServiceBase):
    def _prepare(self, s, x: DisseminationSession, known: set[str]) -> DisseminationSession:  # noqa: ANN001
        validate_session(x, self.today(), known, self._known_tasks(s) if x.task_codes else None)
        if x.attendee_ids:
            ticked = members_repo.members_by_ids(s, list(dict.fromkeys(x.attendee_ids)))
            if len(ticked) != len(set(x.attendee_ids)):
                p = Problems()
                p.add(
                    "attendee_ids",
                    "Danh sách điểm danh có người không còn trong danh sách đoàn viên.",
                )
                p.raise_if_any()
            from_roster = attendance_from_roster(
                [
                    {
                        "is_union_member": m.is_union_member,
                        "gender": m.gender,
                        "ethnic_minority": m.ethnic_minority,
                    }
                    for m in ticked
                ]
            )
            if x.attendance == Attendance():
                x.attendance = from_roster  # no headcount typed: the list is the attendance
            else:
                p = Problems()
                check_attendance(p, x.attendance, from_roster.participants)
                p.raise_if_any()
        return x

    def _known_directives(self, s) -> set[str]:  # noqa: ANN001
        return {d.code for d in catalogue_repo.all_directives(s)}

    def _known_tasks(self, s) -> dict[str, str]:  # noqa: ANN001
        """Every task reference of the catalogue ("334-KH/TU II.3.a") -> its directive's code."""
        return {
            task_ref(d.code, t.code): d.code
            for d in catalogue_repo.all_directives(s)
            for t in d.tasks
        }

    def add(self, x: DisseminationSession) -> uuid.UUID:
        """Validate and save a new session; returns its id. Raises ValidationError, saving nothing."""
        x.unit_code = x.unit_code or self.require_own_unit()
        with self.db.transaction() as s:
            self._prepare(s, x, self._known_directives(s))
            sessions_repo.add_session(s, x)
        return x.id

    def update(self, x: DisseminationSession) -> None:
        x.unit_code = x.unit_code or self.require_own_unit()
        with self.db.transaction() as s:
            if not sessions_repo.get_sessions(s, [x.id]):
                raise NotFoundError("Buổi tuyên truyền này không còn trong cơ sở dữ liệu.")
            self._prepare(s, x, self._known_directives(s))
            sessions_repo.update_session(s, x)

    def get(self, session_id: uuid.UUID) -> DisseminationSession:
        with self.db.reading() as s:
            found = sessions_repo.get_sessions(s, [session_id])
        if not found:
            raise NotFoundError("Không tìm thấy buổi tuyên truyền.")
        return found[0]

    def delete(self, session_id: uuid.UUID) -> DisseminationSession:
        """Delete a session and return what was deleted, so the caller can offer undo."""
        with self.db.transaction() as s:
            found = sessions_repo.get_sessions(s, [session_id])
            if not found:
                raise NotFoundError("Không tìm thấy buổi tuyên truyền.")
            sessions_repo.delete_session(s, session_id)
        return found[0]

    def restore(self, x: DisseminationSession) -> None:
        """Put back a session returned by :meth:`delete` (undo), with its id and attendance."""
        with self.db.transaction() as s:
            existing = {m.id for m in members_repo.members_by_ids(s, x.attendee_ids)}
            x.attendee_ids = [m for m in x.attendee_ids if m in existing]
            sessions_repo.add_session(s, x)

    def ids(self, f: SessionFilter, newest_first: bool = True) -> list[uuid.UUID]:
        with self.db.reading() as s:
            return sessions_repo.session_ids(s, f, newest_first)

    def keys(
        self, f: SessionFilter, newest_first: bool = True, limit: int | None = None
    ) -> list[str]:
        """The ids of :meth:`ids` as hex strings (``uuid.hex``), cheap for very long lists;
        with ``limit``, only the first ones (what a list shows first)."""
        with self.db.reading() as s:
            return sessions_repo.session_keys(s, f, newest_first, limit)

    def count_matching(self, f: SessionFilter) -> int:
        """How many sessions match the filter."""
        with self.db.reading() as s:
            return sessions_repo.count_matching(s, f)

    def ids_by_title(self, f: SessionFilter, descending: bool = False) -> list[uuid.UUID]:
        """Ids of the matching sessions in Vietnamese alphabetical order of their titles."""
        from ..domain.text import collation_key

        with self.db.reading() as s:
            pairs = sessions_repo.session_titles(s, f)
        pairs.sort(key=lambda p: collation_key(p[1]), reverse=descending)
        return [i for i, _t in pairs]

    SORT_COLUMNS = ("form", "directives", "participants", "female")

    def ids_sorted_by(
        self, f: SessionFilter, column: str, descending: bool = False
    ) -> list[uuid.UUID]:
        """Ids of the matching sessions ordered by ``column`` (one of ``SORT_COLUMNS``: the
        form's Vietnamese name, the directive codes, participants, female), newest first
        among equals. Date and title orders have their own, cheaper queries."""
        from ..domain.sessions import FORMS
        from ..domain.text import collation_key

        keys = {
            "form": lambda x: collation_key(FORMS.get(x.form, x.form)),
            "directives": lambda x: collation_key(", ".join(x.directive_codes)),
            "participants": lambda x: x.attendance.participants,
            "female": lambda x: x.attendance.female,
        }
        if column not in keys:
            raise ValueError(column)
        rows = sorted(self.list(f), key=lambda x: x.held_on or date.min, reverse=True)
        rows.sort(key=keys[column], reverse=descending)  # stable: newest first among equals
        return [x.id for x in rows]

    def fetch(self, ids: list[uuid.UUID]) -> list[DisseminationSession]:
        with self.db.reading() as s:
            return sessions_repo.get_sessions(s, ids)

    def list(self, f: SessionFilter) -> list[DisseminationSession]:
        with self.db.reading() as s:
            return sessions_repo.get_sessions(s, sessions_repo.session_ids(s, f))

    def count(self, unit_code: str | None = None) -> int:
        unit = unit_code or self.require_own_unit()
        with self.db.reading() as s:
            return sessions_repo.count_sessions(s, unit)

    def bulk_add(
        self,
        items: Iterable[DisseminationSession],
        total: int | None = None,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> int:
        """Validate and insert many sessions in ONE transaction: all or nothing.

        Attendance lists are not resolved against the roster here (bulk data carries counts).
        """
        unit = self.require_own_unit()
        done = 0
        with self.db.transaction(bulk=True) as s:
            known = self._known_directives(s)
            today = self.today()
            chunk: list[DisseminationSession] = []
            for x in items:
                x.unit_code = x.unit_code or unit
                validate_session(x, today, known)
                chunk.append(x)
                if len(chunk) >= BULK_CHUNK:
                    done += sessions_repo.insert_sessions(s, chunk)
                    chunk = []
                    progress(done, total or done)
                    if cancel():
                        raise Cancelled()
            done += sessions_repo.insert_sessions(s, chunk)
            progress(done, total or done)
        return done
