"""The exchange service the CLI and the GUI call: keys, export, verify, import, status,
totals, receipts, catalogue packages and simulation. Each part lives in its own module."""

from __future__ import annotations

from pathlib import Path

from ..exchange.errors import PackageError, printable
from ..exchange.limits import DEFAULT_LIMITS, MiB
from ..exchange.package import Package, read_package
from .exchange_catalogue import CatalogueExportMixin
from .exchange_export import ExportMixin
from .exchange_import import ImportMixin
from .exchange_receipts import ReceiptMixin
from .exchange_results import VerifyReport
from .exchange_simulate import SimulateMixin
from .exchange_status import StatusMixin


def verify_bytes(data: bytes, name: str = "", code: str | None = None) -> VerifyReport:
    """Check a package completely without touching any database. Given ``code`` (the paper
    code printed on a signed report), also say whether this file is the package it names."""
    from .exchange_import import UNUSABLE

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


class ExchangeService(
    ExportMixin, CatalogueExportMixin, ImportMixin, StatusMixin, ReceiptMixin, SimulateMixin
):
    """Report packages: signed export, safe import, completeness, consolidation."""

    def verify_file(self, path: Path | str, code: str | None = None) -> VerifyReport:
        """``verify FILE [--code CODE]``: every check of an import, nothing stored; with the
        paper code, whether the file is the package the signed paper describes."""
        try:
            if Path(path).stat().st_size > DEFAULT_LIMITS.max_package_bytes:  # never read whole
                return VerifyReport(
                    file=str(path),
                    valid=False,
                    reason=(
                        f"Tệp gói quá lớn (tối đa {DEFAULT_LIMITS.max_package_bytes // MiB} MB); "
                        "gói bị từ chối."
                    ),
                    code="package-too-large",
                )
            data = Path(path).read_bytes()
        except OSError as exc:
            return VerifyReport(
                file=str(path),
                valid=False,
                reason=f"Không đọc được tệp: {exc.strerror or exc}.",
                code="unreadable",
            )
        return verify_bytes(data, str(path), code)
