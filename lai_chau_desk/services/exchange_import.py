"""Importing packages: verify, preview (dry run), then apply all-or-nothing per package.

A batch runs in one write transaction with a savepoint per package: a refused package rolls
back to its savepoint and changes nothing; ``cancel()`` rolls the whole batch back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..domain.periods import Period, PeriodError, PeriodSettings, parse_period
from ..exchange.errors import PackageError
from ..exchange.limits import DEFAULT_LIMITS
from ..exchange.package import Package, read_package
from ..storage import exchange_repo
from ..storage.exchange_writes import ImportWriter
from .backup import BackupService
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import ExchangeBase
from .exchange_index import BatchIndex
from .exchange_results import ImportOutcome, ImportRefused


@dataclass
class _Context:
    own: str
    settings: PeriodSettings
    today: date
    accept: set[str]
    index: BatchIndex | None = None
    writer: ImportWriter | None = None
    periods: dict[str, Period] = field(default_factory=dict)  # parsed once per batch

    def idx(self, s: Any) -> BatchIndex:
        if self.index is None:
            self.index = BatchIndex(s, self.own)
        return self.index

    def out(self, s: Any) -> ImportWriter:
        if self.writer is None:
            self.writer = ImportWriter(s)
        return self.writer

    def savepoint(self, s: Any, pkg: Package) -> Any:
        """The package's savepoint: a driver-level one for reports, whose writes all go through
        the driver; the ORM's for receipts and catalogues, which write ORM objects."""
        return self.out(s).savepoint() if pkg.kind == "report" else s.begin_nested()


def _refuse(code: str, message: str) -> ImportRefused:
    return ImportRefused(code, message)


class ImportMixin(ExchangeBase):
    def import_files(self, paths: Iterable[Path | str], dry_run: bool = False,
                     accept_new_key: Iterable[str] = (), progress: Progress = no_progress,
                     cancel: Cancel = never_cancel) -> list[ImportOutcome]:
        """Import (or with ``dry_run`` only preview) each file; one outcome per file, in order.

        ``accept_new_key`` lists unit codes whose changed signing key the officer accepted."""
        ctx = _Context(self.require_own_unit(), self.period_settings(), self.today(),
                       set(accept_new_key))
        files = [Path(p) for p in paths]
        out: list[ImportOutcome] = []
        if not dry_run and files:
            BackupService(self.db, self.today).backup(reason="before-import")
        with (self.db.reading() if dry_run else self.db.transaction()) as s:
            for i, path in enumerate(files):
                if cancel():
                    raise Cancelled()
                out.append(self._one(s, path, ctx, dry_run))
                progress(i + 1, len(files))
        return out

    def preview_files(self, paths: Iterable[Path | str], accept_new_key: Iterable[str] = (),
                      progress: Progress = no_progress,
                      cancel: Cancel = never_cancel) -> list[ImportOutcome]:
        """The dry run: what :meth:`import_files` would do, changing nothing."""
        return self.import_files(paths, True, accept_new_key, progress, cancel)

    def _one(self, s: Any, path: Path, ctx: _Context, dry_run: bool) -> ImportOutcome:
        try:
            if path.stat().st_size > DEFAULT_LIMITS.max_package_bytes:
                raise PackageError("package-too-large", "Tệp gói quá lớn; gói bị từ chối.")
            data = path.read_bytes()
        except OSError as exc:
            return ImportOutcome(str(path), "refused", f"Không đọc được tệp: {exc.strerror or exc}.",
                                 code="unreadable")
        except PackageError as exc:
            return ImportOutcome(str(path), "refused", exc.message, code=exc.code)
        try:
            pkg = read_package(data)
        except PackageError as exc:
            return ImportOutcome(str(path), "refused", exc.message, code=exc.code)
        try:
            if dry_run:
                return self._plan(s, pkg, path, ctx)
            try:
                with ctx.savepoint(s, pkg):
                    outcome = self._plan(s, pkg, path, ctx)
                    if outcome.outcome in ("new", "replaced"):
                        self._apply(s, pkg, outcome, ctx)
            except BaseException:
                ctx.idx(s).undo()
                raise
            ctx.idx(s).keep()
            return outcome
        except PackageError as exc:
            return self._describe(pkg, path, "refused", exc.message, exc.code)
        except DomainError as exc:
            return self._describe(pkg, path, "refused", str(exc), "refused")
        except (ValueError, KeyError, TypeError, IndexError) as exc:  # verified, yet unusable
            return self._describe(pkg, path, "refused",
                                  f"Gói có dữ liệu không dùng được: {exc}.", "unusable")

    @staticmethod
    def _describe(pkg: Package, path: Path, outcome: str, reason: str = "",
                  code: str = "") -> ImportOutcome:
        return ImportOutcome(
            file=str(path), outcome=outcome, reason=reason, code=code, kind=pkg.kind,
            unit=pkg.unit_code, unit_name=pkg.unit_name, parent=pkg.parent_code,
            period=pkg.period_code, revision=pkg.revision, fingerprint=pkg.fingerprint,
            embedded=[p.unit_code for p in pkg.walk()[1:]],
            counts=pkg.counts() if pkg.kind == "report" else {},
            created_at=pkg.manifest["created_at"])

    # --- deciding -------------------------------------------------------------------------

    def _plan(self, s: Any, pkg: Package, path: Path, ctx: _Context) -> ImportOutcome:
        idx = ctx.idx(s)
        result = self._describe(pkg, path, "new")
        if pkg.kind == "report":
            self._check_report_scope(pkg, ctx, idx, result)
        elif pkg.kind == "receipt":
            self._check_receipt_scope(s, pkg, ctx, idx)
        else:
            self._check_catalogue_scope(pkg, ctx, idx)
        result.key_status = self._key_status(pkg, ctx, idx)
        if pkg.kind == "receipt":
            if exchange_repo.receipt_by_package(s, pkg.package_id, "received") is not None:
                result.outcome = "unchanged"
            return result
        self._revision_outcome(idx, pkg, result)
        return result

    def _check_period(self, pkg: Package, ctx: _Context) -> None:
        period = ctx.periods.get(pkg.period_code or "")
        if period is None:
            try:
                period = parse_period(pkg.period_code or "", ctx.settings)
            except PeriodError:
                raise _refuse("unknown-period", f"Kỳ báo cáo «{pkg.period_code}» trong gói không hợp lệ.") from None
            ctx.periods[pkg.period_code or ""] = period
        if period.start > ctx.today:
            raise _refuse("unknown-period",
                          f"Kỳ báo cáo «{period.code}» chưa bắt đầu; gói bị từ chối.")

    def _check_report_scope(self, pkg: Package, ctx: _Context, idx: BatchIndex,
                            result: ImportOutcome) -> None:
        self._check_period(pkg, ctx)
        if pkg.unit_code == ctx.own:
            raise _refuse("own-unit", "Đây là báo cáo của chính đơn vị này, không phải của đơn vị cấp dưới.")
        below = idx.below
        if not idx.known(pkg.unit_code):
            if pkg.parent_code != ctx.own:
                raise _refuse("outside-tree",
                              f"Đơn vị «{pkg.unit_code}» ({pkg.unit_name}) không thuộc phạm vi đơn vị "
                              f"này (cấp trên ghi trong gói: «{pkg.parent_code}»); gói bị từ chối.")
            result.new_child = True
        elif pkg.unit_code not in below:
            raise _refuse("outside-tree",
                          f"Đơn vị «{pkg.unit_code}» không thuộc cây đơn vị trực thuộc «{ctx.own}»; "
                          "gói bị từ chối. Hãy sửa danh mục đơn vị nếu đơn vị đã chuyển về.")
        for child in pkg.walk()[1:]:
            if child.unit_code == ctx.own or (idx.known(child.unit_code)
                                              and child.unit_code not in below):
                raise _refuse("outside-tree",
                              f"Gói tổng hợp có báo cáo của đơn vị «{child.unit_code}» không thuộc "
                              "phạm vi đơn vị này; gói bị từ chối.")

    def _check_receipt_scope(self, s: Any, pkg: Package, ctx: _Context, idx: BatchIndex) -> None:
        if pkg.unit_code != idx.parent.get(ctx.own):
            raise _refuse("not-parent", f"Phiếu tiếp nhận do «{pkg.unit_code}» lập, không phải đơn "
                                        "vị cấp trên trực tiếp của đơn vị này.")
        subject = pkg.payload["subject"]
        if subject["unit"] != ctx.own:
            raise _refuse("not-ours", f"Phiếu tiếp nhận dành cho đơn vị «{subject['unit']}», "
                                      "không phải đơn vị này.")
        sent = [r for r in exchange_repo.sent_reports(s, ctx.own)
                if r.period_code == subject["period"] and r.revision == subject["revision"]
                and r.payload_sha256 == subject["payload_sha256"]]
        if not sent:
            raise _refuse("unknown-report", f"Phiếu tiếp nhận nói về báo cáo kỳ {subject['period']} "
                                            f"lần {subject['revision']} mà máy này chưa gửi.")

    def _check_catalogue_scope(self, pkg: Package, ctx: _Context, idx: BatchIndex) -> None:
        if pkg.unit_code not in idx.ancestors(ctx.own):
            raise _refuse("not-parent", f"Gói danh mục do «{pkg.unit_code}» lập, không phải đơn vị "
                                        "cấp trên của đơn vị này; gói bị từ chối.")

    def _key_status(self, pkg: Package, ctx: _Context, idx: BatchIndex) -> str:
        pin = idx.pins.get(pkg.unit_code)
        if pin is None:
            return "new"
        if pin[0] == pkg.public_key:
            return "known"
        if pkg.unit_code in ctx.accept:
            return "accepted"
        raise _refuse("key-changed",
                      f"Khóa ký của đơn vị «{pkg.unit_code}» đã thay đổi (dấu vân tay đã ghi nhận: "
                      f"{pin[1]}; trong gói: {pkg.fingerprint}). Chỉ nhập sau khi đã xác "
                      f"minh với đơn vị, bằng: import --accept-new-key {pkg.unit_code}.")

    def _revision_outcome(self, idx: BatchIndex, pkg: Package, result: ImportOutcome) -> None:
        cur = idx.current.get((pkg.unit_code, pkg.period_code, pkg.kind))
        if cur is None:
            return
        result.previous_revision = cur[1]
        if cur[1] == pkg.revision and cur[2] == pkg.payload_sha256:
            result.outcome = "unchanged"
        elif pkg.revision > cur[1]:
            result.outcome = "replaced"
        else:
            raise _refuse("stale", f"Gói lần {pkg.revision} của «{pkg.unit_code}» cũ hơn hoặc bằng "
                                   f"bản đang lưu (lần {cur[1]}) nhưng nội dung khác; gói bị "
                                   "từ chối.")

    # --- applying -------------------------------------------------------------------------

    def _apply(self, s: Any, pkg: Package, outcome: ImportOutcome, ctx: _Context) -> None:
        now = self.now_utc()
        idx = ctx.idx(s)
        if outcome.key_status in ("new", "accepted"):
            how = "first-import" if outcome.key_status == "new" else "accepted"
            self._pin(ctx.out(s), idx, pkg, how, now)
        if pkg.kind == "receipt":
            from .exchange_receipts import record_received_receipt

            record_received_receipt(s, pkg, now)
            return
        if pkg.kind == "catalogue":
            from .exchange_catalogue import apply_catalogue

            self._register(ctx.out(s), idx, pkg, None, now, top=True)
            apply_catalogue(s, pkg.payload)
            return
        w = ctx.out(s)
        self._add_unit(w, idx, pkg)
        row_id = self._register(w, idx, pkg, None, now, top=True)
        self._register_children(w, idx, pkg, row_id, now)

    @staticmethod
    def _pin(w: ImportWriter, idx: BatchIndex, pkg: Package, how: str, now: Any) -> None:
        w.pin(pkg.unit_code, pkg.public_key, pkg.fingerprint, how, now,
              retire=pkg.unit_code in idx.pins)
        idx.stage_pin(pkg.unit_code, pkg.public_key, pkg.fingerprint)

    @staticmethod
    def _add_unit(w: ImportWriter, idx: BatchIndex, pkg: Package) -> None:
        if not idx.known(pkg.unit_code):
            unit = pkg.payload["unit"]
            w.insert_unit(pkg.unit_code, pkg.unit_name, pkg.parent_code,
                          unit.get("level", ""), unit.get("place_name", ""))
            idx.stage_unit(pkg.unit_code, pkg.parent_code)

    def _register_children(self, w: ImportWriter, idx: BatchIndex, pkg: Package,
                           via: uuid.UUID | None, now: Any) -> None:
        for code in sorted(pkg.children):
            child = pkg.children[code]
            self._add_unit(w, idx, child)
            pin = idx.pins.get(code)
            if pin is None or pin[0] != child.public_key:
                # vouched for by the signature of the unit that embedded it
                self._pin(w, idx, child, "embedded", now)
            row_id = self._register(w, idx, child, via, now, top=False)
            self._register_children(w, idx, child, row_id or via, now)

    @staticmethod
    def _register(w: ImportWriter, idx: BatchIndex, pkg: Package, via: uuid.UUID | None,
                  now: Any, top: bool) -> uuid.UUID | None:
        key = (pkg.unit_code, pkg.period_code, pkg.kind)
        cur = idx.current.get(key)
        if cur is not None and not top and (
                cur[1] > pkg.revision or (cur[1] == pkg.revision and cur[2] == pkg.payload_sha256)):
            return None  # an embedded copy of what we hold already, or older than it
        if cur is not None:
            w.supersede(cur[0])
        row_id = uuid.uuid4()
        w.insert_received(dict(
            id=row_id, package_id=pkg.package_id, kind=pkg.kind, unit_code=pkg.unit_code,
            unit_name=pkg.unit_name, parent_code=pkg.parent_code, period_code=pkg.period_code,
            revision=pkg.revision, payload_sha256=pkg.payload_sha256, package_sha256=pkg.sha256,
            fingerprint=pkg.fingerprint, created_at=exchange_repo.utc_naive(pkg.created_at),
            created_at_text=pkg.manifest["created_at"], imported_at=now, via_id=via,
            status="current", review="pending", review_comment="", reviewed_at=None,
            data=pkg.raw))
        idx.stage_current(key, (row_id, pkg.revision, pkg.payload_sha256))
        if pkg.kind == "report":
            w.save_figures(row_id, pkg.unit_code, pkg.period_code or "", pkg.payload["figures"],
                           replace=cur is not None)
        return row_id
