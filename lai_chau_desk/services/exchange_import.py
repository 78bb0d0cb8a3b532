"""Importing packages: verify, preview (dry run), then apply all-or-nothing per package.

A batch runs in one write transaction: a report is checked completely before its rows are
collected (written with the batch's, many at a time), a receipt or catalogue is applied in
its own savepoint, so a refused package changes nothing; ``cancel()`` or a full disk rolls the
whole batch back. The trust rules of
DESIGN §5 are enforced here, each refusal one Vietnamese line:

1. receipts and catalogues only from the parent, under its pinned key (first pinned when
   the officer confirms the fingerprint: ``accept_parent_key``); a receipt names a package
   this installation sent;
2. a child's key pinned at its first report (shown in the preview); a changed key refused
   unless accepted for that unit, after which the new key's first report replaces the old;
3. a descendant's report only inside its parent's package, signed by the key held for it or,
   for a unit new here, the key the embedding child's signed table lists;
4. revisions: identical unchanged, higher replaces, lower or equal-with-other-content stale,
   for carried reports exactly as for direct ones;
5. a period code means this installation's period;
6. unit codes compared after NFC and case folding (the rest of rule 6 is the reader's).
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
from ..exchange.errors import PackageError, printable
from ..exchange.limits import DEFAULT_LIMITS
from ..exchange.package import Embedded, Package, read_package
from ..storage import exchange_repo
from ..storage.engine import is_disk_full
from ..storage.exchange_writes import ImportWriter
from .backup import BackupService
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import ExchangeBase
from .exchange_index import BatchIndex, Current
from .exchange_results import ImportOutcome, ImportRefused

UNUSABLE = (
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    ArithmeticError,
    UnicodeError,
    RecursionError,
)


def _disk_full(exc: BaseException) -> BaseException | None:
    """The "database or disk is full" error behind ``exc`` (itself or what it interrupted)."""
    seen: BaseException | None = exc
    while seen is not None:
        if is_disk_full(seen):
            return seen
        seen = seen.__context__
    return None


def normal_fingerprint(text: str | None) -> str:
    """A fingerprint as typed (any spacing or case) in the printed form's letters only."""
    return "".join((text or "").split()).upper()


@dataclass
class _Context:
    own: str
    settings: PeriodSettings
    today: date
    accept: set[str]
    parent_key: str  # normalised fingerprint the officer confirmed for the parent, or ""
    index: BatchIndex | None = None
    periods: dict[str, Period] = field(default_factory=dict)  # parsed once per batch
    writer: ImportWriter | None = None  # accepted reports' rows not yet written

    def idx(self, s: Any) -> BatchIndex:
        if self.index is None:
            self.index = BatchIndex(s, self.own)
        return self.index

    def batch(self, s: Any) -> ImportWriter:
        if self.writer is None:
            self.writer = ImportWriter(s)
        return self.writer

    def flush(self) -> None:
        if self.writer is not None:
            self.writer.flush()


@dataclass
class _Step:
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


def _refuse(code: str, message: str) -> ImportRefused:
    return ImportRefused(code, message)


class ImportMixin(ExchangeBase):
    def import_files(
        self,
        paths: Iterable[Path | str],
        dry_run: bool = False,
        accept_new_key: Iterable[str] = (),
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
        accept_parent_key: str | None = None,
    ) -> list[ImportOutcome]:
        """Import (or with ``dry_run`` only preview) each file; one outcome per file, in order.

        ``accept_new_key`` lists unit codes whose changed signing key the officer accepted;
        ``accept_parent_key`` is the fingerprint of the parent's key the officer confirmed
        (from the parent's paper documents or by phone): receipts and catalogues signed by
        it are taken and the key is pinned as the parent's."""
        ctx = _Context(
            self.require_own_unit(),
            self.period_settings(),
            self.today(),
            set(accept_new_key),
            normal_fingerprint(accept_parent_key),
        )
        files = [Path(p) for p in paths]
        out: list[ImportOutcome] = []
        if not dry_run and files:
            BackupService(self.db, self.today).backup(reason="before-import")
        with self.db.reading() if dry_run else self.db.transaction() as s:
            for i, path in enumerate(files):
                if cancel():
                    raise Cancelled()
                out.append(self._one(s, path, ctx, dry_run))
                progress(i + 1, len(files))
            if not dry_run:
                ctx.flush()
        return out

    def preview_files(
        self,
        paths: Iterable[Path | str],
        accept_new_key: Iterable[str] = (),
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
        accept_parent_key: str | None = None,
    ) -> list[ImportOutcome]:
        """The dry run: what :meth:`import_files` would do, changing nothing."""
        return self.import_files(paths, True, accept_new_key, progress, cancel, accept_parent_key)

    def _one(self, s: Any, path: Path, ctx: _Context, dry_run: bool) -> ImportOutcome:
        try:
            if path.stat().st_size > DEFAULT_LIMITS.max_package_bytes:
                raise PackageError("package-too-large", "Tệp gói quá lớn; gói bị từ chối.")
            data = path.read_bytes()
        except OSError as exc:
            return ImportOutcome(
                str(path),
                "refused",
                printable(f"Không đọc được tệp: {exc.strerror or exc}."),
                code="unreadable",
            )
        except PackageError as exc:
            return ImportOutcome(str(path), "refused", exc.message, code=exc.code)
        try:
            pkg = read_package(data)
        except PackageError as exc:
            return ImportOutcome(str(path), "refused", exc.message, code=exc.code)
        except UNUSABLE as exc:  # never a crash of the batch, whatever the bytes
            return ImportOutcome(
                str(path),
                "refused",
                printable(f"Gói có dữ liệu không dùng được: {exc}."),
                code="unusable",
            )
        idx = ctx.idx(s)
        try:
            if dry_run:
                return self._plan(s, pkg, path, ctx)[0]
            if pkg.kind == "report":  # checks first, then rows collected for the batch
                w = ImportWriter(s)
                try:
                    outcome, steps = self._plan(s, pkg, path, ctx)
                    if outcome.outcome in ("new", "replaced"):
                        self._apply(s, pkg, outcome, steps, ctx, w)
                except BaseException:
                    idx.undo()
                    raise
                idx.keep()
                batch = ctx.batch(s)
                batch.absorb(w)
                if batch.size() >= 2000:
                    batch.flush()
                return outcome
            ctx.flush()  # receipts and catalogues write through the ORM: rows first
            try:
                with s.begin_nested():
                    outcome, steps = self._plan(s, pkg, path, ctx)
                    if outcome.outcome in ("new", "replaced"):
                        self._apply(s, pkg, outcome, steps, ctx)
            except BaseException as exc:
                idx.undo()
                # SQLite undoes the whole transaction on a full disk, so rolling back to the
                # savepoint then fails: report the full disk, not the missing savepoint
                full = _disk_full(exc)
                if full is not None and full is not exc:
                    raise full from None
                raise
            idx.keep()
            if pkg.kind == "catalogue" and outcome.outcome in ("new", "replaced"):
                ctx.index = None  # the directory changed: the next package reads it again
            return outcome
        except PackageError as exc:
            return self._describe(pkg, path, "refused", exc.message, exc.code)
        except DomainError as exc:
            return self._describe(pkg, path, "refused", printable(str(exc)), "refused")
        except UNUSABLE as exc:  # verified, yet unusable
            return self._describe(
                pkg,
                path,
                "refused",
                printable(f"Gói có dữ liệu không dùng được: {exc}."),
                "unusable",
            )

    @staticmethod
    def _describe(
        pkg: Package, path: Path, outcome: str, reason: str = "", code: str = ""
    ) -> ImportOutcome:
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

    # --- deciding -------------------------------------------------------------------------

    def _plan(
        self, s: Any, pkg: Package, path: Path, ctx: _Context
    ) -> tuple[ImportOutcome, list[_Step]]:
        idx = ctx.idx(s)
        result = self._describe(pkg, path, "new")
        self._check_code(pkg.unit_code, idx)
        if pkg.kind == "report":
            steps = self._plan_report(pkg, ctx, idx, result)
            result.outcome = steps[0].outcome
            result.key_status = steps[0].key_action
            return result, steps
        self._check_period(pkg, ctx)
        result.key_status = self._parent_key(pkg, ctx, idx, result)
        if pkg.kind == "receipt":
            self._check_receipt(s, pkg, ctx)
            if exchange_repo.receipt_by_package(s, pkg.package_id, "received") is not None:
                result.outcome = "unchanged"
            return result, []
        from .exchange_catalogue import check_catalogue_tree

        check_catalogue_tree(s, pkg.payload, ctx.own)
        outcome, cur = self._revision(idx, pkg.unit_code, pkg, result.key_status)
        result.outcome = outcome
        result.previous_revision = cur.revision if cur else None
        return result, []

    @staticmethod
    def _check_code(code: str, idx: BatchIndex) -> None:
        other = idx.same_as(code)
        if other is not None:
            raise _refuse(
                "unit-code-case",
                f"Mã đơn vị «{code}» trong gói chỉ khác mã «{other}» trong danh mục ở chữ "
                "hoa/thường: đó là cùng một đơn vị; gói bị từ chối.",
            )

    def _check_period(self, pkg: Package, ctx: _Context) -> None:
        """Rule 5: the package's period is this installation's period of that code."""
        code = pkg.period_code
        if code is None:
            return
        period = ctx.periods.get(code)
        if period is None:
            try:
                period = parse_period(code, ctx.settings)
            except PeriodError:
                raise _refuse(
                    "unknown-period", f"Kỳ báo cáo «{code}» trong gói không hợp lệ."
                ) from None
            ctx.periods[code] = period
        if pkg.kind == "report" and period.start > ctx.today:
            raise _refuse("unknown-period", f"Kỳ báo cáo «{code}» chưa bắt đầu; gói bị từ chối.")
        sent = pkg.period or {}
        if (sent.get("start"), sent.get("end")) != (
            period.start.isoformat(),
            period.end.isoformat(),
        ):
            raise _refuse(
                "period-mismatch",
                f"Kỳ {code} trong gói tính từ {sent.get('start')} đến {sent.get('end')}, "
                f"khác với kỳ {code} của đơn vị này (từ {period.start.isoformat()} đến "
                f"{period.end.isoformat()}); gói bị từ chối.",
            )

    def _plan_report(
        self, pkg: Package, ctx: _Context, idx: BatchIndex, result: ImportOutcome
    ) -> list[_Step]:
        self._check_period(pkg, ctx)
        code = pkg.unit_code
        if code == ctx.own:
            raise _refuse(
                "own-unit", "Đây là báo cáo của chính đơn vị này, không phải của đơn vị cấp dưới."
            )
        new_unit = not idx.known(code)
        if new_unit:
            if pkg.parent_code != ctx.own:
                raise _refuse(
                    "outside-tree",
                    f"Đơn vị «{code}» ({pkg.unit_name}) không thuộc phạm vi đơn vị "
                    f"này (cấp trên ghi trong gói: «{pkg.parent_code}»); gói bị từ chối.",
                )
            result.new_child = True
        elif idx.parent.get(code) != ctx.own:
            parent = idx.parent.get(code)
            if code in idx.below:
                raise _refuse(
                    "not-direct",
                    f"Đơn vị «{code}» thuộc «{parent}» trong danh mục của đơn vị này: báo "
                    f"cáo của nó chỉ được nhận kèm gói tổng hợp của «{parent}»; gói bị từ chối.",
                )
            raise _refuse(
                "outside-tree",
                f"Đơn vị «{code}» không thuộc cây đơn vị trực thuộc «{ctx.own}»; "
                "gói bị từ chối. Hãy sửa danh mục đơn vị nếu đơn vị đã chuyển về.",
            )
        elif pkg.parent_code != ctx.own:
            raise _refuse(
                "outside-tree",
                f"Gói của «{code}» ghi cấp trên là «{pkg.parent_code}», không phải đơn vị "
                f"này («{ctx.own}»); gói bị từ chối.",
            )
        key = self._child_key(code, pkg, ctx, idx, result, "")
        outcome, cur = self._revision(idx, code, pkg, key)
        result.previous_revision = cur.revision if cur else None
        steps = [
            _Step(code, pkg.unit_name, pkg.parent_code, pkg, True, key, new_unit, outcome, cur)
        ]
        if outcome == "unchanged":
            return steps
        below = idx.subtree(code) if not new_unit else set()
        relay = f"Gói tổng hợp của «{code}» mang báo cáo của "
        for e_code in sorted(pkg.units):
            e = pkg.units[e_code]
            self._check_code(e_code, idx)
            if idx.known(e_code) and (
                e_code not in below or idx.parent.get(e_code) != e.parent_code
            ):
                raise _refuse(
                    "outside-tree",
                    f"{relay}đơn vị «{e_code}», nhưng trong danh mục của đơn vị này "
                    f"«{e_code}» thuộc «{idx.parent.get(e_code)}», không phải "
                    f"«{e.parent_code}» dưới «{code}»: một đơn vị không được báo cáo "
                    "thay đơn vị khác; gói bị từ chối.",
                )
            e_key = self._child_key(e_code, e, ctx, idx, result, relay)
            e_outcome, e_cur = self._revision(idx, e_code, e, e_key, relay)
            steps.append(
                _Step(
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
                raise _refuse("key-reused", self._reused(step.code, owner, step.source, relay))
        return steps

    def _child_key(
        self,
        code: str,
        source: Package | Embedded,
        ctx: _Context,
        idx: BatchIndex,
        result: ImportOutcome,
        relay: str,
    ) -> str:
        """Rule 2 (and 3 for a carried report): ``new``, ``known`` or ``accepted``."""
        pin = idx.pins.get(code)
        if pin is None or pin[0] != source.public_key:
            owner = idx.key_owner.get(source.public_key)
            if owner is not None and owner != code and code not in ctx.accept:
                raise _refuse("key-reused", self._reused(code, owner, source, relay))
        if pin is None:
            result.first_keys.append(
                {"unit": code, "name": source.unit_name, "fingerprint": source.fingerprint}
            )
            return "new"
        if pin[0] == source.public_key:
            return "known"
        if code in ctx.accept:
            result.changed_keys.append(
                {"unit": code, "name": source.unit_name, "old": pin[1], "new": source.fingerprint}
            )
            return "accepted"
        where = f"{relay}«{code}»: " if relay else ""
        raise _refuse(
            "key-changed",
            f"{where}Khóa ký của đơn vị «{code}» đã thay đổi ({source.unit_name}: dấu vân "
            f"tay đã ghi nhận: {pin[1]}; trong gói: {source.fingerprint}). Chỉ nhập sau "
            f"khi đã xác minh với đơn vị, bằng: import --accept-new-key {code}.",
        )

    @staticmethod
    def _reused(code: str, owner: str, source: Package | Embedded, relay: str) -> str:
        where = f"{relay}«{code}»: " if relay else ""
        return (
            f"{where}Báo cáo của đơn vị «{code}» được ký bằng khóa của đơn vị «{owner}» (dấu "
            f"vân tay {source.fingerprint}): mỗi đơn vị ký bằng khóa riêng của máy mình, "
            "không đơn vị nào ký thay đơn vị khác; gói bị từ chối."
        )

    @staticmethod
    def _revision(
        idx: BatchIndex, code: str, source: Package | Embedded, key_action: str, relay: str = ""
    ) -> tuple[str, Current | None]:
        """Rule 4 (and 2: the first report under a newly accepted key replaces the old)."""
        cur = idx.current.get((code, source.period_code, source.kind))
        if cur is None:
            return "new", None
        if cur.fingerprint != source.fingerprint and key_action in (
            "accepted",
            "known",
            "parent-confirmed",
        ):
            return "replaced", cur  # the new key's first report for this period
        if cur.revision == source.revision and cur.content_sha256 == source.content_sha256:
            return "unchanged", cur
        if source.revision > cur.revision:
            return "replaced", cur
        where = f"{relay}«{code}»: " if relay else ""
        raise _refuse(
            "stale",
            f"{where}Gói lần {source.revision} của «{code}» cũ hơn hoặc bằng "
            f"bản đang lưu (lần {cur.revision}) nhưng nội dung khác; gói bị "
            "từ chối.",
        )

    def _parent_key(
        self, pkg: Package, ctx: _Context, idx: BatchIndex, result: ImportOutcome
    ) -> str:
        """Rule 1: receipts and catalogues only from the parent, under its pinned key."""
        parent = idx.parent.get(ctx.own)
        what = "Phiếu tiếp nhận" if pkg.kind == "receipt" else "Gói danh mục"
        if not parent:
            raise _refuse(
                "not-parent",
                f"{what} do «{pkg.unit_code}» lập, nhưng đơn vị này không có "
                "đơn vị cấp trên trong danh mục; gói bị từ chối.",
            )
        if pkg.unit_code != parent:
            raise _refuse(
                "not-parent",
                f"{what} do «{pkg.unit_code}» lập, không phải đơn vị cấp trên trực tiếp "
                f"«{parent}» của đơn vị này (văn bản của cấp trên nữa phải do «{parent}» "
                "chuyển và ký); gói bị từ chối.",
            )
        pin = idx.pins.get(parent)
        confirmed = ctx.parent_key and ctx.parent_key == normal_fingerprint(pkg.fingerprint)
        if pin is not None and pin[0] == pkg.public_key:
            return "known"
        if confirmed:
            if pin is not None:
                result.changed_keys.append(
                    {"unit": parent, "name": pkg.unit_name, "old": pin[1], "new": pkg.fingerprint}
                )
            else:
                result.first_keys.append(
                    {"unit": parent, "name": pkg.unit_name, "fingerprint": pkg.fingerprint}
                )
            return "parent-confirmed"
        hint = (
            f"Hãy đối chiếu dấu vân tay này với dấu vân tay in trên văn bản giấy của cấp trên "
            f"(hoặc hỏi qua điện thoại), rồi nhập lại bằng: import --accept-parent-key "
            f'"{pkg.fingerprint}" TỆP.'
        )
        if pin is None:
            raise _refuse(
                "parent-key-unconfirmed",
                f"Chưa xác nhận khóa ký của đơn vị cấp trên «{parent}»; dấu vân tay trong "
                f"gói: {pkg.fingerprint}. {hint}",
            )
        raise _refuse(
            "key-changed",
            f"Khóa ký của đơn vị cấp trên «{parent}» khác với khóa đã ghi nhận (đã ghi "
            f"nhận: {pin[1]}; trong gói: {pkg.fingerprint}); gói bị từ chối. Chỉ khi cấp "
            f"trên xác nhận đã đổi khóa: {hint}",
        )

    def _check_receipt(self, s: Any, pkg: Package, ctx: _Context) -> None:
        subject = pkg.payload["subject"]
        if subject["unit"] != ctx.own:
            raise _refuse(
                "not-ours",
                f"Phiếu tiếp nhận dành cho đơn vị «{subject['unit']}», không phải đơn vị này.",
            )
        sent = [
            r
            for r in exchange_repo.sent_reports(s, ctx.own)
            if r.period_code == subject["period"]
            and r.revision == subject["revision"]
            and r.payload_sha256 == subject["payload_sha256"]
            and r.package_id == subject["package_id"]
        ]
        if not sent:
            raise _refuse(
                "unknown-report",
                f"Phiếu tiếp nhận nói về báo cáo kỳ {subject['period']} "
                f"lần {subject['revision']} (mã gói {subject['package_id']}) "
                "mà máy này chưa từng gửi; gói bị từ chối.",
            )

    # --- applying -------------------------------------------------------------------------

    def _apply(
        self,
        s: Any,
        pkg: Package,
        outcome: ImportOutcome,
        steps: list[_Step],
        ctx: _Context,
        w: ImportWriter | None = None,
    ) -> None:
        """Stage the package's changes in the index and its rows in ``w`` (reports: written
        with the batch) or write them at once (receipts and catalogues, in their savepoint)."""
        now = self.now_utc()
        idx = ctx.idx(s)
        if w is None:
            w = ImportWriter(s)
        if pkg.kind == "receipt":
            self._pin_parent(w, idx, pkg, outcome, now)
            w.flush()
            from .exchange_receipts import record_received_receipt

            record_received_receipt(s, pkg, now)
            return
        if pkg.kind == "catalogue":
            self._pin_parent(w, idx, pkg, outcome, now)
            cur = idx.current.get((pkg.unit_code, None, "catalogue"))
            self._register(w, idx, pkg, pkg.unit_code, None, cur, now)
            w.flush()
            from .exchange_catalogue import apply_catalogue

            apply_catalogue(s, pkg.payload)
            return
        top_id: uuid.UUID | None = None
        for step in steps:
            src = step.source
            if step.new_unit:
                unit = src.payload["unit"] if src.payload else {}
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
            row_id = self._register(
                w, idx, src, step.code, None if step.top else top_id, step.current, now
            )
            if step.top:
                top_id = row_id

    @staticmethod
    def _pin_parent(
        w: ImportWriter, idx: BatchIndex, pkg: Package, outcome: ImportOutcome, now: Any
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

    @staticmethod
    def _register(
        w: ImportWriter,
        idx: BatchIndex,
        src: Package | Embedded,
        code: str,
        via: uuid.UUID | None,
        cur: Current | None,
        now: Any,
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
                created_at_text=src.manifest["created_at"],
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
            figures = (
                src.payload["figures"]
                if src.payload is not None
                else {"unit": code, "period": src.period_code, **src.figures}
            )
            w.save_figures(row_id, code, src.period_code or "", figures)
        return row_id
