"""What the exchange services share: this installation's key, the clock, writing files."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import NotFoundError
from ..domain.units import Unit
from ..exchange.signing import KeyPair, fingerprint, generate_key_pair
from ..reports.paper_code import PaperIdentity
from ..storage import exchange_repo, units_repo
from ..storage.engine import Database
from ..storage.models import KeyPairRow
from .base import ServiceBase

Clock = Callable[[], datetime]
# (unit_code, period_code, paper identity of the package being written) -> PDF bytes
RenderPdf = Callable[[str, str, PaperIdentity], bytes]


def local_now() -> datetime:
    return datetime.now().astimezone()


class ExchangeBase(ServiceBase):
    def __init__(
        self, db: Database, today: Callable[[], date] = date.today, clock: Clock = local_now
    ) -> None:
        super().__init__(db, today)
        self.clock = clock
        # (unit_code, period_code) -> report.pdf bytes; set when the services are composed
        self.render_pdf: RenderPdf | None = None

    def now(self) -> datetime:
        """The current moment with its UTC offset (what a manifest's ``created_at`` records)."""
        moment = self.clock()
        return moment if moment.tzinfo else moment.astimezone()

    def now_utc(self) -> datetime:
        return self.now().astimezone(UTC).replace(tzinfo=None)

    def own_key(self) -> KeyPair:
        """This installation's Ed25519 key pair, made on first use."""
        with self.db.reading() as s:
            row = exchange_repo.key_pair(s)
            if row is not None:
                return KeyPair(row.private_key, row.public_key)
        with self.db.transaction() as s:
            row = exchange_repo.key_pair(s)  # another writer may have made it meanwhile
            if row is None:
                pair = generate_key_pair()
                row = KeyPairRow(
                    id=1,
                    private_key=pair.private,
                    public_key=pair.public,
                    created_at=self.now_utc(),
                )
                s.add(row)
            return KeyPair(row.private_key, row.public_key)

    def own_unit_row(self, s: Any, code: str) -> Unit:
        """The own unit as a domain object (it must be in the directory)."""
        row = units_repo.find_unit(s, code)
        if row is None:
            raise NotFoundError(f"Không có đơn vị mã «{code}» trong danh mục.")
        return units_repo.unit_from_row(row)

    def fingerprint(self) -> str:
        """The fingerprint printed on the report under the signature block."""
        return fingerprint(self.own_key().public)


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
