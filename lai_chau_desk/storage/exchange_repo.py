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
from .models import KeyPairRow, UnitRow

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


def add_key_pair(s: Session, private_key: bytes, public_key: bytes, created_at: datetime) -> None:
    s.add(KeyPairRow(id=1, private_key=private_key, public_key=public_key, created_at=created_at))


def add_sent(
    s: Session,
    package_id: str,
    kind: str,
    unit_code: str,
    period_code: str | None,
    revision: int,
    payload_sha256: str,
    content_sha256: str | None,
    created_at: datetime,
    file_name: str,
) -> None:
    """Record a package this installation wrote."""
    s.add(
        SentPackageRow(
            package_id=package_id,
            kind=kind,
            unit_code=unit_code,
            period_code=period_code,
            revision=revision,
            payload_sha256=payload_sha256,
            content_sha256=content_sha256,
            created_at=created_at,
            file_name=file_name,
        )
    )


def forget_unsaved_sent(s: Session, package_id: str) -> bool:
    """Delete the record of a package built without a file (never saved); True if any."""
    rows = s.scalars(
        select(SentPackageRow).where(
            SentPackageRow.package_id == package_id, SentPackageRow.file_name == ""
        )
    ).all()
    for row in rows:
        s.delete(row)
    return bool(rows)


def add_receipt(
    s: Session,
    direction: str,
    package_id: str,
    issuer_unit: str,
    subject_unit: str,
    period_code: str,
    revision: int,
    payload_sha256: str,
    decision: str,
    comment: str,
    decided_at: datetime,
    recorded_at: datetime,
) -> None:
    """Store a receipt sent (``direction="sent"``) or received from the level above."""
    s.add(
        ReceiptRow(
            direction=direction,
            package_id=package_id,
            issuer_unit=issuer_unit,
            subject_unit=subject_unit,
            period_code=period_code,
            revision=revision,
            payload_sha256=payload_sha256,
            decision=decision,
            comment=comment,
            decided_at=decided_at,
            recorded_at=recorded_at,
        )
    )


def first_report_created(s: Session, period_code: str) -> dict[str, str]:
    """For every unit with a report held for the period, the signed ``created_at`` text of its
    first revision (the earliest stored ``created_at``): what timeliness is judged on."""
    first: dict[str, tuple[datetime, str]] = {}
    for code, created, text in s.execute(
        select(
            ReceivedPackageRow.unit_code,
            ReceivedPackageRow.created_at,
            ReceivedPackageRow.created_at_text,
        ).where(ReceivedPackageRow.period_code == period_code, ReceivedPackageRow.kind == "report")
    ):
        if code not in first or created < first[code][0]:
            first[code] = (created, text)
    return {code: text for code, (_c, text) in first.items()}


def received_packages(s: Session, period_code: str | None = None) -> list[ReceivedPackageRow]:
    """Every package held (current and history), newest import first."""
    q = select(ReceivedPackageRow).order_by(ReceivedPackageRow.imported_at.desc())
    if period_code:
        q = q.where(ReceivedPackageRow.period_code == period_code)
    return list(s.scalars(q))


def received_by_id(s: Session, row_id: object) -> ReceivedPackageRow | None:
    return s.get(ReceivedPackageRow, row_id)


def received_figures(s: Session, unit_code: str, period_code: str) -> ReceivedFiguresRow | None:
    return s.get(ReceivedFiguresRow, (unit_code, period_code))


def unit_parents(s: Session) -> dict[str, str | None]:
    """Every unit of the directory and its parent's code."""
    return {code: parent for code, parent in s.execute(select(UnitRow.code, UnitRow.parent_code))}


def current_pins(s: Session) -> dict[str, tuple[bytes, str]]:
    """The key pinned now for each unit: (public key, fingerprint)."""
    return {
        code: (key, fp)
        for code, key, fp in s.execute(
            select(PinnedKeyRow.unit_code, PinnedKeyRow.public_key, PinnedKeyRow.fingerprint).where(
                PinnedKeyRow.retired_at.is_(None)
            )
        )
    }


def current_revisions(
    s: Session,
) -> list[tuple[object, str, str | None, str, int, str, str, str]]:
    """Every current received package as (row id, unit, period, kind, revision, payload
    sha256, content sha256 or "", fingerprint): what an import batch compares against."""
    return [
        (i, u, p, k, r, h, c, f)
        for i, u, p, k, r, h, c, f in s.execute(
            select(
                ReceivedPackageRow.id,
                ReceivedPackageRow.unit_code,
                ReceivedPackageRow.period_code,
                ReceivedPackageRow.kind,
                ReceivedPackageRow.revision,
                ReceivedPackageRow.payload_sha256,
                func.coalesce(ReceivedPackageRow.content_sha256, ""),
                ReceivedPackageRow.fingerprint,
            ).where(ReceivedPackageRow.status == "current")
        )
    ]
