"""Tables of the package exchange: packages received (with history), pinned unit keys,
packages sent, receipts, and the figures of received reports per unit and period.

Registered on ``Base.metadata`` by one import line at the end of ``models.py``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.figures import COUNTS
from .models import Base, _uuid, count_columns


class ReceivedPackageRow(Base):
    """One verified report, receipt or catalogue received here.

    A package imported directly is kept whole in ``data`` (its ``report.pdf`` can be opened);
    a report carried below a consolidated package (format 2) keeps only its signed manifest
    (``manifest``, ``signature``), and ``via_id`` names the package that carried it. Every row
    of format 2 keeps its manifest and signature, so a consolidated export copies them without
    re-reading any package. ``status`` is ``current`` for the revision in force and
    ``superseded`` for history. Rows of format 1 (before migration 0004) keep ``data`` only for
    packages imported directly.
    """

    __tablename__ = "received_package"
    __table_args__ = (
        Index("ix_received_unit_period", "unit_code", "period_code", "kind", "status"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    unit_code: Mapped[str] = mapped_column(String(40))
    unit_name: Mapped[str] = mapped_column(String(300), default="")
    parent_code: Mapped[str | None] = mapped_column(String(40))
    period_code: Mapped[str | None] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    package_sha256: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, from the manifest
    created_at_text: Mapped[str] = mapped_column(String(40))  # as written, with its offset
    imported_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    via_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("received_package.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(12), default="current")
    review: Mapped[str] = mapped_column(String(12), default="pending")  # pending|accepted|returned
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    manifest: Mapped[bytes | None] = mapped_column(LargeBinary)  # manifest.json as signed
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # manifest.sig
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of what the revision numbers (payload.json, and consolidation.json when present)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    format_version: Mapped[int] = mapped_column(Integer, default=2, server_default="1")


class ReceivedFiguresRow(count_columns(dict.fromkeys(COUNTS, False)), Base):  # type: ignore[misc]
    """The figures of the current report held for a unit and period (one row each); one
    column per additive count of ``FIGURES``."""

    __tablename__ = "received_figures"
    unit_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    period_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    package_row_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("received_package.id", ondelete="CASCADE"), index=True
    )
    details: Mapped[str] = mapped_column(Text, default="{}")  # PeriodFigures.to_dict() as JSON


class PinnedKeyRow(Base):
    """A unit's public key, pinned at its first package; a retired row is history."""

    __tablename__ = "pinned_key"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    pinned_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    # first-import | accepted | embedded | catalogue (init) | parent-confirmed
    how: Mapped[str] = mapped_column(String(20), default="first-import")


class SentPackageRow(Base):
    """A package this installation wrote (report, receipt or catalogue)."""

    __tablename__ = "sent_package"
    __table_args__ = (Index("ix_sent_kind_unit_period", "kind", "unit_code", "period_code"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    package_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(12))
    unit_code: Mapped[str] = mapped_column(String(40))
    period_code: Mapped[str | None] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str | None] = mapped_column(String(64))  # see ReceivedPackageRow
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    file_name: Mapped[str] = mapped_column(Text, default="")


class ReceiptRow(Base):
    """A decision on a report: ``sent`` by this (upper) unit or ``received`` from above."""

    __tablename__ = "receipt"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    direction: Mapped[str] = mapped_column(String(10))  # sent | received
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    issuer_unit: Mapped[str] = mapped_column(String(40))
    subject_unit: Mapped[str] = mapped_column(String(40), index=True)
    period_code: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(10))  # accepted | returned
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
