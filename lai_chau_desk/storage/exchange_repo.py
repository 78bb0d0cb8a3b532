"""Queries and writes of the exchange tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .exchange_models import (
    PinnedKeyRow,
    ReceiptRow,
    ReceivedFiguresRow,
    ReceivedPackageRow,
    SentPackageRow,
)
from .exchange_writes import FIGURE_COLUMNS  # noqa: F401 - re-exported
from .models import KeyPairRow

# The writes of an import batch are in ``exchange_writes`` (driver-level, the hot path).


def utc_naive(moment: datetime) -> datetime:
    """A stored timestamp: UTC without tzinfo (SQLite keeps no offset)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def key_pair(s: Session) -> KeyPairRow | None:
    return s.scalar(select(KeyPairRow).order_by(KeyPairRow.id).limit(1))


def current_received(
    s: Session, unit_code: str, period_code: str | None, kind: str = "report"
) -> ReceivedPackageRow | None:
    q = select(ReceivedPackageRow).where(
        ReceivedPackageRow.unit_code == unit_code,
        ReceivedPackageRow.kind == kind,
        ReceivedPackageRow.status == "current",
    )
    q = q.where(
        ReceivedPackageRow.period_code.is_(None)
        if period_code is None
        else ReceivedPackageRow.period_code == period_code
    )
    return s.scalar(q)


def first_received_created(s: Session, unit_code: str, period_code: str) -> datetime | None:
    """When the first revision held for a unit and period was created (UTC)."""
    return s.scalar(
        select(func.min(ReceivedPackageRow.created_at)).where(
            ReceivedPackageRow.unit_code == unit_code,
            ReceivedPackageRow.period_code == period_code,
            ReceivedPackageRow.kind == "report",
        )
    )


def current_reports(s: Session, period_code: str) -> list[ReceivedPackageRow]:
    return list(
        s.scalars(
            select(ReceivedPackageRow)
            .where(
                ReceivedPackageRow.period_code == period_code,
                ReceivedPackageRow.kind == "report",
                ReceivedPackageRow.status == "current",
            )
            .order_by(ReceivedPackageRow.unit_code)
        )
    )


def history(s: Session, unit_code: str, period_code: str | None) -> list[ReceivedPackageRow]:
    return list(
        s.scalars(
            select(ReceivedPackageRow)
            .where(
                ReceivedPackageRow.unit_code == unit_code,
                ReceivedPackageRow.period_code == period_code,
            )
            .order_by(ReceivedPackageRow.revision, ReceivedPackageRow.imported_at)
        )
    )


def supersede(s: Session, row: ReceivedPackageRow) -> None:
    row.status = "superseded"
    s.execute(delete(ReceivedFiguresRow).where(ReceivedFiguresRow.package_row_id == row.id))


def figures_by_unit(s: Session, period_code: str) -> dict[str, dict[str, int]]:
    rows = s.scalars(
        select(ReceivedFiguresRow).where(ReceivedFiguresRow.period_code == period_code)
    )
    return {r.unit_code: {c: getattr(r, c) for c in FIGURE_COLUMNS} for r in rows}


def current_pin(s: Session, unit_code: str) -> PinnedKeyRow | None:
    return s.scalar(
        select(PinnedKeyRow).where(
            PinnedKeyRow.unit_code == unit_code, PinnedKeyRow.retired_at.is_(None)
        )
    )


def pins(s: Session) -> list[PinnedKeyRow]:
    return list(
        s.scalars(select(PinnedKeyRow).order_by(PinnedKeyRow.unit_code, PinnedKeyRow.pinned_at))
    )


def last_sent(
    s: Session, kind: str, unit_code: str, period_code: str | None
) -> SentPackageRow | None:
    q = select(SentPackageRow).where(
        SentPackageRow.kind == kind, SentPackageRow.unit_code == unit_code
    )
    q = q.where(
        SentPackageRow.period_code.is_(None)
        if period_code is None
        else SentPackageRow.period_code == period_code
    )
    return s.scalar(
        q.order_by(SentPackageRow.revision.desc(), SentPackageRow.created_at.desc()).limit(1)
    )


def sent_reports(s: Session, unit_code: str) -> list[SentPackageRow]:
    return list(
        s.scalars(
            select(SentPackageRow)
            .where(SentPackageRow.kind == "report", SentPackageRow.unit_code == unit_code)
            .order_by(
                SentPackageRow.period_code, SentPackageRow.revision, SentPackageRow.created_at
            )
        )
    )


def receipts(s: Session, direction: str, subject_unit: str | None = None) -> list[ReceiptRow]:
    q = select(ReceiptRow).where(ReceiptRow.direction == direction)
    if subject_unit:
        q = q.where(ReceiptRow.subject_unit == subject_unit)
    return list(s.scalars(q.order_by(ReceiptRow.decided_at)))


def receipt_by_package(s: Session, package_id: str, direction: str) -> ReceiptRow | None:
    return s.scalar(
        select(ReceiptRow).where(
            ReceiptRow.package_id == package_id, ReceiptRow.direction == direction
        )
    )


def count_receipts_sent(s: Session, subject_unit: str, period_code: str) -> int:
    return (
        s.scalar(
            select(func.count())
            .select_from(ReceiptRow)
            .where(
                ReceiptRow.direction == "sent",
                ReceiptRow.subject_unit == subject_unit,
                ReceiptRow.period_code == period_code,
            )
        )
        or 0
    )
