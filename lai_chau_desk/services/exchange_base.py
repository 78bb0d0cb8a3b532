"""What the exchange services share: the clock, the own unit, writing files."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import NotFoundError
from ..domain.units import Unit
from ..reports.paper_code import PaperIdentity
from ..storage import units_repo
from ..storage.engine import Database
from .base import ServiceBase

if TYPE_CHECKING:
    from ..storage.engine import Session

Clock = Callable[[], datetime]
# (unit_code, period_code, paper identity of the package being written) -> PDF bytes
RenderPdf = Callable[[str, str, PaperIdentity], bytes]


def local_now() -> datetime:
    return datetime.now().astimezone()


class ExchangeBase(ServiceBase):
    """The clock and the own unit's directory entry, shared by the exchange services (each
    built with exactly what else it uses)."""

    def __init__(
        self, db: Database, today: Callable[[], date] = date.today, clock: Clock = local_now
    ) -> None:
        super().__init__(db, today)
        self.clock = clock

    def now(self) -> datetime:
        """The current moment with its UTC offset (what a manifest's ``created_at`` records)."""
        moment = self.clock()
        return moment if moment.tzinfo else moment.astimezone()

    def now_utc(self) -> datetime:
        return self.now().astimezone(UTC).replace(tzinfo=None)

    def own_unit_row(self, s: Session, code: str) -> Unit:
        """The own unit as a domain object (it must be in the directory)."""
        row = units_repo.find_unit(s, code)
        if row is None:
            raise NotFoundError(f"Không có đơn vị mã «{code}» trong danh mục.")
        return units_repo.unit_from_row(row)


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path
