"""Supervision activities and the follow-up of their recommendations."""

from __future__ import annotations

import uuid

from ..domain.errors import NotFoundError
from ..domain.supervision import SupervisionActivity, validate_supervision
from ..storage import supervision_repo
from .base import ServiceBase


class SupervisionService(ServiceBase):
    def save(self, a: SupervisionActivity) -> uuid.UUID:
        """Add or update a supervision with its recommendations; returns its id."""
        a.unit_code = a.unit_code or self.require_own_unit()
        validate_supervision(a, self.today())
        with self.db.transaction() as s:
            supervision_repo.save_supervision(s, a)
        return a.id

    add = save

    def get(self, sid: uuid.UUID) -> SupervisionActivity:
        with self.db.reading() as s:
            found = supervision_repo.get_supervision(s, sid)
        if found is None:
            raise NotFoundError("Không tìm thấy hoạt động giám sát.")
        return found

    def delete(self, sid: uuid.UUID) -> SupervisionActivity:
        with self.db.transaction() as s:
            found = supervision_repo.get_supervision(s, sid)
            if found is None:
                raise NotFoundError("Không tìm thấy hoạt động giám sát.")
            supervision_repo.delete_supervision(s, sid)
        return found

    def restore(self, a: SupervisionActivity) -> None:
        with self.db.transaction() as s:
            supervision_repo.save_supervision(s, a)

    def list(
        self, period_code: str | None = None, unit_code: str | None = None
    ) -> list[SupervisionActivity]:
        unit = unit_code or self.require_own_unit()
        start = end = None
        if period_code:
            p = self.period(period_code)
            start, end = p.start, p.end
        with self.db.reading() as s:
            return supervision_repo.list_supervisions(s, unit, start, end)
