"""What every service shares: the database, today's date, progress reporting."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from ..domain.errors import DomainError
from ..domain.periods import Period, PeriodSettings, parse_period
from ..storage import units_repo
from ..storage.engine import Database

OWN_UNIT = "own_unit_code"
LANGUAGE = "language"
PERIODS = "period_settings"

Progress = Callable[[int, int], None]  # (done, total)
Cancel = Callable[[], bool]


class Cancelled(DomainError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("Đã hủy thao tác; không có thay đổi nào được lưu.")


def no_progress(_done: int, _total: int) -> None:
    return None


def never_cancel() -> bool:
    return False


class NotInitialised(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "Chưa khai báo đơn vị của máy này. Chạy: lai-chau-desk init --unit-code MÃ --unit-name TÊN"
        )


class ServiceBase:
    """Shared helpers. Each opens its own short read: never call them inside a transaction."""

    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.today = today

    def read_setting(self, key: str, default: str = "") -> str:
        with self.db.reading() as s:
            return units_repo.get_setting(s, key, default)

    def own_unit_code(self) -> str | None:
        return self.read_setting(OWN_UNIT) or None

    def require_own_unit(self) -> str:
        code = self.own_unit_code()
        if not code:
            raise NotInitialised()
        return code

    def period_settings(self) -> PeriodSettings:
        raw = self.read_setting(PERIODS)
        return PeriodSettings(**json.loads(raw)) if raw else PeriodSettings()

    def period(self, code: str) -> Period:
        return parse_period(code, self.period_settings())
