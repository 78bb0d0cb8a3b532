"""The packages this installation wrote: their revisions and the record of each one sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..storage import exchange_repo
from .exchange_base import Clock, ExchangeBase, local_now, write_file
from .exchange_results import ExportResult

if TYPE_CHECKING:
    from ..storage.engine import Database
    from .exchange_keys import SigningKeys


class SentPackages(ExchangeBase):
    """Revisions of what this unit sends (report, catalogue, receipt) and the record of each
    package written; the export, catalogue and receipt services write through it."""

    def __init__(self, db: Database, clock: Clock = local_now) -> None:
        super().__init__(db, clock=clock)

    def next_revision(
        self, kind: str, unit: str, period: str | None, content_sha: str
    ) -> tuple[int, bool]:
        """The revision a package with this content gets, and whether it is a new one."""
        with self.db.reading() as s:
            last = exchange_repo.last_sent(s, kind, unit, period)
        if last is None:
            return 1, True
        if (last.content_sha256 or last.payload_sha256) == content_sha:
            return last.revision, False
        return last.revision + 1, True

    def record_sent(
        self,
        written: Any,
        kind: str,
        unit: str,
        period: str | None,
        revision: int,
        new: bool,
        out: Path | None,
        children: list[str],
        plan: Any = None,
    ) -> ExportResult:
        """Record a package just written (it is not read back: the writer made it from
        verified parts) and save it to ``out`` when given."""
        if out is not None:
            write_file(Path(out), written.data)
        with self.db.transaction() as s:
            exchange_repo.add_sent(
                s,
                package_id=written.package_id,
                kind=kind,
                unit_code=unit,
                period_code=period,
                revision=revision,
                payload_sha256=written.payload_sha256,
                content_sha256=written.content_sha256,
                created_at=self.now_utc(),
                file_name=str(out or ""),
            )
        return ExportResult(
            data=written.data,
            kind=kind,
            unit=unit,
            period=period,
            revision=revision,
            package_id=written.package_id,
            payload_sha256=written.payload_sha256,
            new_revision=new,
            fingerprint=written.fingerprint,
            path=out,
            children=children,
            plan=plan,
        )

    def forget_unsaved(self, package_id: str) -> bool:
        """Forget a package that was built without a file and never saved (the officer
        cancelled the save dialog), so it is not listed as sent. Returns True if forgotten."""
        with self.db.transaction() as s:
            return exchange_repo.forget_unsaved_sent(s, package_id)


class SigningSender(ExchangeBase):
    """A service that writes packages signed with this unit's key and records each one sent
    (the catalogue and receipt services; the report export adds its PDF renderer)."""

    def __init__(
        self,
        db: Database,
        keys: SigningKeys,
        sent: SentPackages,
        today: Callable[[], date] = date.today,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(db, today, clock)
        self.keys = keys
        self.sent = sent
