"""Planning an import: what a package would do (new, replaced, unchanged) and each report it
registers, its own and those carried below it; checked completely before anything is written.
The dry run (preview) stops here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.periods import Period, PeriodSettings
from ..exchange.package import Embedded, Package
from ..storage import exchange_repo
from ..storage.exchange_writes import ImportWriter
from .exchange_import_trust import (
    check_code,
    check_period,
    check_receipt,
    child_key,
    parent_key,
    refuse,
    reused,
    revision,
)
from .exchange_index import BatchIndex, Current
from .exchange_results import ImportOutcome

if TYPE_CHECKING:
    from ..storage.engine import Session


@dataclass
class ImportContext:
    """What one import batch knows throughout: the own unit, the periods, the keys the officer
    accepted, the batch index and the rows collected for writing."""

    own: str
    settings: PeriodSettings
    today: date
    accept: set[str]
    parent_key: str  # normalised fingerprint the officer confirmed for the parent, or ""
    index: BatchIndex | None = None
    periods: dict[str, Period] = field(default_factory=dict)  # parsed once per batch
    writer: ImportWriter | None = None  # accepted reports' rows not yet written

    def idx(self, s: Session) -> BatchIndex:
        if self.index is None:
            self.index = BatchIndex(s, self.own)
        return self.index

    def batch(self, s: Session) -> ImportWriter:
        if self.writer is None:
            self.writer = ImportWriter(s)
        return self.writer

    def flush(self) -> None:
        if self.writer is not None:
            self.writer.flush()


@dataclass
class Step:
    """One report to register: the package's own, or one carried below it."""

    code: str
    name: str
    parent_code: str | None
    source: Package | Embedded
    top: bool
    key_action: str  # known | new | accepted
    new_unit: bool
    outcome: str  # new | replaced | unchanged
    current: Current | None


def describe(
    pkg: Package, path: Path, outcome: str, reason: str = "", code: str = ""
) -> ImportOutcome:
    """The outcome line of a verified package (what the preview and the import list)."""
    return ImportOutcome(
        file=str(path),
        outcome=outcome,
        reason=reason,
        code=code,
        kind=pkg.kind,
        unit=pkg.unit_code,
        unit_name=pkg.unit_name,
        parent=pkg.parent_code,
        period=pkg.period_code,
        revision=pkg.revision,
        fingerprint=pkg.fingerprint,
        embedded=pkg.embedded_codes(),
        counts=pkg.counts() if pkg.kind == "report" else {},
        created_at=pkg.manifest["created_at"],
    )


def plan(
    s: Session, pkg: Package, path: Path, ctx: ImportContext
) -> tuple[ImportOutcome, list[Step]]:
    """What importing ``pkg`` would do, every trust rule checked (``ImportRefused`` if one
    fails), and for a report the steps that register it and the reports it carries."""
    idx = ctx.idx(s)
    result = describe(pkg, path, "new")
    check_code(pkg.unit_code, idx)
    if pkg.kind == "report":
        steps = plan_report(pkg, ctx, idx, result)
        result.outcome = steps[0].outcome
        result.key_status = steps[0].key_action
        return result, steps
    check_period(pkg, ctx)
    result.key_status = parent_key(pkg, ctx, idx, result)
    if pkg.kind == "receipt":
        check_receipt(s, pkg, ctx)
        if exchange_repo.receipt_by_package(s, pkg.package_id, "received") is not None:
            result.outcome = "unchanged"
        return result, []
    from .exchange_catalogue import check_catalogue_tree

    check_catalogue_tree(s, pkg.payload, ctx.own)
    outcome, cur = revision(idx, pkg.unit_code, pkg, result.key_status)
    result.outcome = outcome
    result.previous_revision = cur.revision if cur else None
    return result, []


def plan_report(
    pkg: Package, ctx: ImportContext, idx: BatchIndex, result: ImportOutcome
) -> list[Step]:
    check_period(pkg, ctx)
    code = pkg.unit_code
    if code == ctx.own:
        raise refuse(
            "own-unit", "Đây là báo cáo của chính đơn vị này, không phải của đơn vị cấp dưới."
        )
    new_unit = not idx.known(code)
    if new_unit:
        if pkg.parent_code != ctx.own:
            raise refuse(
                "outside-tree",
                f"Đơn vị «{code}» ({pkg.unit_name}) không thuộc phạm vi đơn vị "
                f"này (cấp trên ghi trong gói: «{pkg.parent_code}»); gói bị từ chối.",
            )
        result.new_child = True
    elif idx.parent.get(code) != ctx.own:
        parent = idx.parent.get(code)
        if code in idx.below:
            raise refuse(
                "not-direct",
                f"Đơn vị «{code}» thuộc «{parent}» trong danh mục của đơn vị này: báo "
                f"cáo của nó chỉ được nhận kèm gói tổng hợp của «{parent}»; gói bị từ chối.",
            )
        raise refuse(
            "outside-tree",
            f"Đơn vị «{code}» không thuộc cây đơn vị trực thuộc «{ctx.own}»; "
            "gói bị từ chối. Hãy sửa danh mục đơn vị nếu đơn vị đã chuyển về.",
        )
    elif pkg.parent_code != ctx.own:
        raise refuse(
            "outside-tree",
            f"Gói của «{code}» ghi cấp trên là «{pkg.parent_code}», không phải đơn vị "
            f"này («{ctx.own}»); gói bị từ chối.",
        )
    key = child_key(code, pkg, ctx, idx, result, "")
    outcome, cur = revision(idx, code, pkg, key)
    result.previous_revision = cur.revision if cur else None
    steps = [Step(code, pkg.unit_name, pkg.parent_code, pkg, True, key, new_unit, outcome, cur)]
    if outcome == "unchanged":
        return steps
    below = idx.subtree(code) if not new_unit else set()
    relay = f"Gói tổng hợp của «{code}» mang báo cáo của "
    for e_code in sorted(pkg.units):
        e = pkg.units[e_code]
        check_code(e_code, idx)
        if idx.known(e_code) and (e_code not in below or idx.parent.get(e_code) != e.parent_code):
            raise refuse(
                "outside-tree",
                f"{relay}đơn vị «{e_code}», nhưng trong danh mục của đơn vị này "
                f"«{e_code}» thuộc «{idx.parent.get(e_code)}», không phải "
                f"«{e.parent_code}» dưới «{code}»: một đơn vị không được báo cáo "
                "thay đơn vị khác; gói bị từ chối.",
            )
        e_key = child_key(e_code, e, ctx, idx, result, relay)
        e_outcome, e_cur = revision(idx, e_code, e, e_key, relay)
        steps.append(
            Step(
                e_code,
                e.unit_name,
                e.parent_code,
                e,
                False,
                e_key,
                not idx.known(e_code),
                e_outcome,
                e_cur,
            )
        )
    signers: dict[bytes, str] = {}
    for step in steps:  # one key, one unit, inside the package too
        owner = signers.setdefault(step.source.public_key, step.code)
        if owner != step.code:
            raise refuse("key-reused", reused(step.code, owner, step.source, relay))
    return steps
