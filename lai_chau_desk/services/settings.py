"""Installation settings: own unit, language, period scheme, text size, backups kept."""

from __future__ import annotations

import json

from ..domain.periods import PeriodSettings
from ..storage import units_repo
from .base import LANGUAGE, OWN_UNIT, PERIODS, NotInitialised, ServiceBase

TEXT_SCALE = "text_scale"
BACKUP_KEEP = "backup_keep"

__all__ = [
    "SettingsService",
    "NotInitialised",
    "OWN_UNIT",
    "LANGUAGE",
    "PERIODS",
    "TEXT_SCALE",
    "BACKUP_KEEP",
]


class SettingsService(ServiceBase):
    def get(self, key: str, default: str = "") -> str:
        return self.read_setting(key, default)

    def set(self, key: str, value: str) -> None:
        with self.db.transaction() as s:
            units_repo.set_setting(s, key, value)

    def language(self) -> str:
        return self.get(LANGUAGE, "vi") or "vi"

    def save_period_settings(self, ps: PeriodSettings) -> None:
        self.set(
            PERIODS,
            json.dumps({"scheme": ps.scheme, "cutoff_day": ps.cutoff_day, "due_days": ps.due_days}),
        )
