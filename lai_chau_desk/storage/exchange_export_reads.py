"""The reads of a consolidated export: small heads of every current report (to plan), then
the signed parts of the reports carried, a chunk of rows at a time (to write).

Neither loads a whole received package except a direct child's, one at a time, to slice
its ``payload.json``: an export's memory follows the package it writes, not the tree.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .exchange_models import ReceivedPackageRow

CHUNK = 500  # rows read at a time

_R = ReceivedPackageRow


@dataclass(frozen=True, slots=True)
class ReportHead:
    """What planning needs of a current report: no blob."""

    id: uuid.UUID
    unit_code: str
    unit_name: str
    parent_code: str | None
    revision: int
    review: str
    format_version: int
    has_manifest: bool


@dataclass(frozen=True, slots=True)
class CarriedParts:
    """What a consolidated package carries of one report (``data``: only when asked)."""

    id: uuid.UUID
    unit_code: str
    unit_name: str
    parent_code: str | None
    package_id: str
    revision: int
    created_at_text: str
    package_sha256: str
    manifest_sha256: str | None
    fingerprint: str
    manifest: bytes
    signature: bytes
    public_key: bytes
    data: bytes | None


def current_report_heads(s: Session, period_code: str) -> list[ReportHead]:
    """Every current report of ``period_code``, by unit code."""
    rows = s.execute(
        select(
            _R.id,
            _R.unit_code,
            _R.unit_name,
            _R.parent_code,
            _R.revision,
            _R.review,
            _R.format_version,
            _R.manifest.is_not(None),
        )
        .where(_R.period_code == period_code, _R.kind == "report", _R.status == "current")
        .order_by(_R.unit_code)
    )
    return [ReportHead(*row) for row in rows]


def carried_parts(
    s: Session, ids: list[uuid.UUID], with_data: set[uuid.UUID], chunk: int = CHUNK
) -> Iterator[CarriedParts]:
    """The parts of the reports ``ids`` in that order, read ``chunk`` rows at a time; the
    whole received file only for the ids in ``with_data``."""
    columns = (
        _R.id,
        _R.unit_code,
        _R.unit_name,
        _R.parent_code,
        _R.package_id,
        _R.revision,
        _R.created_at_text,
        _R.package_sha256,
        _R.manifest_sha256,
        _R.fingerprint,
        _R.manifest,
        _R.signature,
        _R.public_key,
    )
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        rows = {row[0]: row for row in s.execute(select(*columns).where(_R.id.in_(part)))}
        for i in part:
            data = (  # one received file at a time: the caller slices it, then drops it
                s.execute(select(_R.data).where(_R.id == i)).scalar_one()
                if i in with_data
                else None
            )
            values: tuple[Any, ...] = (*rows[i], data)
            yield CarriedParts(*values)
        del rows
