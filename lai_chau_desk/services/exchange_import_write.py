"""Applying a planned package: units new here, pinned keys, the received rows and their
figures staged in the batch index and collected in the import writer (reports: written with
the batch), or written at once (receipts and catalogues, inside their savepoint)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from ..exchange.package import Embedded, Package
from ..storage import exchange_repo
from ..storage.exchange_writes import ImportWriter
from .exchange_index import BatchIndex, Current
from .exchange_results import ImportOutcome

if TYPE_CHECKING:
    from ..storage.engine import Session
    from .exchange_import_plan import ImportContext, Step


def apply(
    s: Session,
    pkg: Package,
    outcome: ImportOutcome,
    steps: list[Step],
    ctx: ImportContext,
    now: datetime,
    w: ImportWriter | None = None,
) -> None:
    """Stage the package's changes in the index and its rows in ``w`` (reports: written
    with the batch) or write them at once (receipts and catalogues, in their savepoint)."""
    idx = ctx.idx(s)
    if w is None:
        w = ImportWriter(s)
    if pkg.kind == "receipt":
        pin_parent(w, idx, pkg, outcome, now)
        w.flush()
        from .exchange_receipts import record_received_receipt

        record_received_receipt(s, pkg, now)
        return
    if pkg.kind == "catalogue":
        pin_parent(w, idx, pkg, outcome, now)
        cur = idx.current.get((pkg.unit_code, None, "catalogue"))
        register(w, idx, pkg, pkg.unit_code, None, cur, now)
        w.flush()
        from .exchange_catalogue import apply_catalogue

        apply_catalogue(s, pkg.payload)
        return
    top_id: uuid.UUID | None = None
    for step in steps:
        src = step.source
        if step.new_unit:
            unit = (src.payload["unit"] if isinstance(src, Package) else src.payload_unit) or {}
            w.insert_unit(
                step.code,
                step.name,
                step.parent_code,
                unit.get("level", ""),
                unit.get("place_name", ""),
            )
            idx.stage_unit(step.code, step.parent_code)
        if step.key_action in ("new", "accepted"):
            how = (
                "embedded"
                if step.key_action == "new" and not step.top
                else "first-import"
                if step.key_action == "new"
                else "accepted"
            )
            w.pin(
                step.code,
                src.public_key,
                src.fingerprint,
                how,
                now,
                retire=step.code in idx.pins,
            )
            idx.stage_pin(step.code, src.public_key, src.fingerprint)
        if step.outcome == "unchanged":
            continue
        row_id = register(w, idx, src, step.code, None if step.top else top_id, step.current, now)
        if step.top:
            top_id = row_id


def pin_parent(
    w: ImportWriter, idx: BatchIndex, pkg: Package, outcome: ImportOutcome, now: datetime
) -> None:
    if outcome.key_status == "parent-confirmed":
        w.pin(
            pkg.unit_code,
            pkg.public_key,
            pkg.fingerprint,
            "parent-confirmed",
            now,
            retire=pkg.unit_code in idx.pins,
        )
        idx.stage_pin(pkg.unit_code, pkg.public_key, pkg.fingerprint)


def register(
    w: ImportWriter,
    idx: BatchIndex,
    src: Package | Embedded,
    code: str,
    via: uuid.UUID | None,
    cur: Current | None,
    now: datetime,
) -> uuid.UUID:
    key = (code, src.period_code, src.kind)
    if cur is not None:
        w.supersede(cur.row_id)
    row_id = uuid.uuid4()
    w.insert_received(
        dict(
            id=row_id,
            package_id=src.package_id,
            kind=src.kind,
            unit_code=code,
            unit_name=src.unit_name,
            parent_code=src.parent_code,
            period_code=src.period_code,
            revision=src.revision,
            payload_sha256=src.payload_sha256,
            package_sha256=src.sha256 if isinstance(src, Package) else src.package_sha256,
            fingerprint=src.fingerprint,
            created_at=exchange_repo.utc_naive(src.created_at),
            created_at_text=src.created_at_text,
            imported_at=now,
            via_id=via,
            status="current",
            review="pending",
            review_comment="",
            reviewed_at=None,
            data=src.raw if isinstance(src, Package) else None,
            manifest=src.manifest_bytes,
            signature=src.signature,
            public_key=src.public_key,
            manifest_sha256=src.manifest_sha256,
            content_sha256=src.content_sha256,
            format_version=2,
        )
    )
    idx.stage_current(key, Current(row_id, src.revision, src.content_sha256, src.fingerprint))
    if src.kind == "report":
        if isinstance(src, Package):
            figures = src.payload["figures"]
        elif src.payload_figures is not None:  # a direct child's (its roster figures too)
            figures = src.payload_figures
        else:
            figures = {"unit": code, "period": src.period_code, **src.figures}
        w.save_figures(row_id, code, src.period_code or "", figures)
    return row_id
