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

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import DomainError
from ..exchange.errors import PackageError, printable
from ..exchange.limits import DEFAULT_LIMITS, MiB
from ..exchange.package import Package, open_archive, read_package
from ..storage.engine import is_disk_full
from ..storage.exchange_writes import ImportWriter
from .backup_service import BackupService
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import Clock, ExchangeBase, local_now
from .exchange_import_plan import ImportContext, describe, plan
from .exchange_import_trust import normal_fingerprint
from .exchange_import_write import apply
from .exchange_results import ImportOutcome, VerifyReport

if TYPE_CHECKING:
    from ..storage.engine import Database, Session

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


# What reading a file gave: (its bytes or None, its checked archive or the refusal).
Loaded = tuple[bytes | None, Any]


def read_bounded(path: Path) -> bytes:
    """The bytes of the file at ``path``, or ``package-too-large`` once there are more than
    a package may hold: never more than that is read, whatever the file (a device such as
    ``/dev/zero`` or a pipe has no size to check first)."""
    limit = DEFAULT_LIMITS.max_package_bytes
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise _too_large()
        data = f.read(size + 1)  # (what a regular file holds: one read, one buffer)
        if len(data) > size:  # no size to trust (a device, a pipe, a growing file)
            data += f.read(limit + 1 - len(data))
    if len(data) > limit:
        raise _too_large()
    return data


def _too_large() -> PackageError:
    return PackageError(
        "package-too-large",
        f"Tệp gói quá lớn (tối đa {DEFAULT_LIMITS.max_package_bytes // MiB} MB); gói bị từ chối.",
    )


def _load(path: Path) -> Loaded:
    """Read one file and check its archive (:func:`open_archive`): ``(data, archive)``, or
    the exception each step raised, raised again by :meth:`ImportService._one` where it
    words every refusal. (Running this for the next file on a worker thread was tried: zlib
    and hashlib release the GIL, but on the shared 2-core machine it gained nothing
    measurable, 2.74 s against 2.67 s for 500 packages, and was not kept.)"""
    try:
        data = read_bounded(path)
    except PackageError:  # (the import's wording of it, as before)
        return None, PackageError("package-too-large", "Tệp gói quá lớn; gói bị từ chối.")
    except OSError as exc:
        return None, exc
    try:
        return data, open_archive(data)
    except Exception as exc:  # noqa: BLE001 - raised again, unchanged, by _one
        return data, exc


def verify_bytes(data: bytes, name: str = "", code: str | None = None) -> VerifyReport:
    """Check a package completely without touching any database. Given ``code`` (the paper
    code printed on a signed report), also say whether this file is the package it names."""
    try:
        pkg = read_package(data)
    except PackageError as exc:
        return VerifyReport(file=name, valid=False, reason=exc.message, code=exc.code)
    except UNUSABLE as exc:  # never a crash, whatever the bytes
        return VerifyReport(
            file=name,
            valid=False,
            reason=printable(f"Gói có dữ liệu không dùng được: {exc}."),
            code="unusable",
        )
    return VerifyReport(
        file=name,
        valid=True,
        kind=pkg.kind,
        unit=pkg.unit_code,
        unit_name=pkg.unit_name,
        parent=pkg.parent_code,
        period=pkg.period_code,
        revision=pkg.revision,
        created_at=pkg.manifest["created_at"],
        fingerprint=pkg.fingerprint,
        figures=pkg.counts() if pkg.kind == "report" else {},
        embedded=pkg.embedded_codes(),
        has_pdf=pkg.pdf is not None,
        code_matches=None if code is None else _paper_matches(code, pkg),
    )


def _paper_matches(code: str, pkg: Package) -> bool:
    from ..reports.paper_code import matches

    return pkg.kind == "report" and matches(code, pkg)


def verify_file(path: Path | str, code: str | None = None) -> VerifyReport:
    """``verify FILE [--code CODE]``: every check of an import, nothing stored; with the
    paper code, whether the file is the package the signed paper describes."""
    try:
        data = read_bounded(Path(path))  # never read whole
    except PackageError as exc:
        return VerifyReport(file=str(path), valid=False, reason=exc.message, code=exc.code)
    except OSError as exc:
        return VerifyReport(
            file=str(path),
            valid=False,
            reason=f"Không đọc được tệp: {exc.strerror or exc}.",
            code="unreadable",
        )
    return verify_bytes(data, str(path), code)


class ImportService(ExchangeBase):
    """Verify, preview and import packages from the units below and the level above (the
    steps in :mod:`.exchange_import_plan`, :mod:`.exchange_import_trust` and
    :mod:`.exchange_import_write`)."""

    def __init__(
        self,
        db: Database,
        backup: BackupService,
        today: Callable[[], date] = date.today,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(db, today, clock)
        self.backup = backup  # a copy of the database before every import batch

    def verify_file(self, path: Path | str, code: str | None = None) -> VerifyReport:
        """``verify FILE [--code CODE]``: every check of an import, nothing stored; with the
        paper code, whether the file is the package the signed paper describes."""
        return verify_file(path, code)

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
        ctx = ImportContext(
            self.require_own_unit(),
            self.period_settings(),
            self.today(),
            set(accept_new_key),
            normal_fingerprint(accept_parent_key),
        )
        files = [Path(p) for p in paths]
        out: list[ImportOutcome] = []
        if not dry_run and files:
            self.backup.backup(reason="before-import")
        with self.db.reading() if dry_run else self.db.transaction() as s:
            for i, path in enumerate(files):
                if cancel():
                    raise Cancelled()
                out.append(self._one(s, path, _load(path), ctx, dry_run))
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

    def _one(
        self, s: Session, path: Path, loaded: Loaded, ctx: ImportContext, dry_run: bool
    ) -> ImportOutcome:
        data, archive = loaded
        if data is None:
            if isinstance(archive, PackageError):
                return ImportOutcome(str(path), "refused", archive.message, code=archive.code)
            return ImportOutcome(
                str(path),
                "refused",
                printable(f"Không đọc được tệp: {archive.strerror or archive}."),
                code="unreadable",
            )
        try:
            if isinstance(archive, BaseException):
                raise archive
            pkg = read_package(data, archive=archive)
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
                return plan(s, pkg, path, ctx)[0]
            if pkg.kind == "report":  # checks first, then rows collected for the batch
                w = ImportWriter(s)
                try:
                    outcome, steps = plan(s, pkg, path, ctx)
                    if outcome.outcome in ("new", "replaced"):
                        apply(s, pkg, outcome, steps, ctx, self.now_utc(), w)
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
                    outcome, steps = plan(s, pkg, path, ctx)
                    if outcome.outcome in ("new", "replaced"):
                        apply(s, pkg, outcome, steps, ctx, self.now_utc())
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
            return describe(pkg, path, "refused", exc.message, exc.code)
        except DomainError as exc:
            return describe(pkg, path, "refused", printable(str(exc)), "refused")
        except UNUSABLE as exc:  # verified, yet unusable
            return describe(
                pkg,
                path,
                "refused",
                printable(f"Gói có dữ liệu không dùng được: {exc}."),
                "unusable",
            )
