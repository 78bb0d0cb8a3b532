"""Exporting this unit's report for a period, consolidated with the accepted child reports."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..domain.errors import NotFoundError
from ..domain.periods import Period
from ..domain.units import UnitTree
from ..exchange.canonical import canonical_json
from ..exchange.package import read_package, write_package
from ..exchange.payload_checks import subtree_counts
from ..storage import (
    exchange_repo,
    figures_repo,
    reports_repo,
    sessions_repo,
    supervision_repo,
    units_repo,
)
from ..storage.exchange_models import SentPackageRow
from ..storage.sessions_repo import SessionFilter
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import ExchangeBase, RenderPdf, write_file
from .exchange_payload import manifest_period, manifest_unit, report_payload
from .exchange_results import ExportResult


class ExportMixin(ExchangeBase):
    def _next_revision(self, kind: str, unit: str, period: str | None,
                       payload_sha: str) -> tuple[int, bool]:
        with self.db.reading() as s:
            last = exchange_repo.last_sent(s, kind, unit, period)
        if last is None:
            return 1, True
        if last.payload_sha256 == payload_sha:
            return last.revision, False
        return last.revision + 1, True

    def _consolidation(self, s: Any, own: str, period: Period, include_pending: bool,
                       progress: Progress, cancel: Cancel) -> tuple[dict | None, dict[str, bytes]]:
        """The consolidation table and the child packages to embed (direct children only)."""
        tree = UnitTree(units_repo.all_units(s))
        expected = sorted(u.code for u in tree.active_children(own, period.start, period.end))
        rows = [r for r in exchange_repo.current_reports(s, period.code)
                if tree.by_code.get(r.unit_code) and tree.by_code[r.unit_code].parent_code == own]
        if not expected and not rows:
            return None, {}
        from .exchange_status import timeliness

        wanted = ("accepted", "pending") if include_pending else ("accepted",)
        units: list[dict] = []
        children: dict[str, bytes] = {}
        on_time: list[str] = []
        late: list[str] = []
        subtree = {k: 0 for k in exchange_repo.FIGURE_COLUMNS if k != "materials"}
        for i, row in enumerate(rows):
            if cancel():
                raise Cancelled()
            status = timeliness(s, row.unit_code, period)
            (on_time if status == "on_time" else late).append(row.unit_code)
            if row.review not in wanted:
                continue
            child = read_package(row.data)
            children[row.unit_code] = row.data
            units.append({"code": row.unit_code, "name": row.unit_name,
                          "parent_code": row.parent_code, "revision": row.revision,
                          "package_sha256": row.package_sha256, "timeliness": status,
                          "counts": child.counts()})
            for k, v in subtree_counts(child).items():
                subtree[k] += v
            progress(i + 1, len(rows))
        reported = set(on_time) | set(late)
        return {"units": units, "subtree": subtree, "expected": expected,
                "on_time": sorted(on_time), "late": sorted(late),
                "missing": [c for c in expected if c not in reported]}, children

    def export_report(self, period_code: str, out: Path | None = None,
                      render_pdf: RenderPdf | None = None, include_pending: bool = False,
                      progress: Progress = no_progress,
                      cancel: Cancel = never_cancel) -> ExportResult:
        """Write the signed report package of the own unit for ``period_code``.

        The payload holds counts, never the roster. The revision rises only when the payload
        changed since the last export; otherwise the same payload bytes and revision are
        written again. An upper level embeds its children's accepted reports unchanged (and
        the pending ones with ``include_pending``). ``render_pdf(unit, period)`` adds
        ``report.pdf`` when given."""
        own = self.require_own_unit()
        period = self.period(period_code)
        key = self.own_key()
        with self.db.reading() as s:
            row = units_repo.find_unit(s, own)
            if row is None:
                raise NotFoundError(f"Không có đơn vị mã «{own}» trong danh mục.")
            unit = units_repo.unit_from_row(row)
            figures = figures_repo.period_figures(s, own, period.code, period.start, period.end)
            ids = sessions_repo.session_ids(s, SessionFilter(own, period.start, period.end),
                                            newest_first=False)
            sessions = sessions_repo.get_sessions(s, ids)
            sups = supervision_repo.list_supervisions(s, own, period.start, period.end)
            consolidation, children = self._consolidation(s, own, period, include_pending,
                                                          progress, cancel)
            if consolidation is not None:
                for k, v in figures.counts().items():
                    consolidation["subtree"][k] += v
            payload = report_payload(
                unit, period, figures, sessions, sups,
                reports_repo.indicator_values(s, own, period.code),
                reports_repo.narrative(s, own, period.code), units_repo.get_profile(s, own),
                consolidation)
        payload_sha = hashlib.sha256(canonical_json(payload)).hexdigest()
        revision, new = self._next_revision("report", own, period.code, payload_sha)
        render_pdf = render_pdf or self.render_pdf
        pdf = render_pdf(own, period.code) if render_pdf else None
        data = write_package("report", manifest_unit(unit), manifest_period(period), revision,
                             payload, key, self.now(), pdf=pdf, children=children)
        return self._record_sent(data, "report", own, period.code, revision, new, out,
                                 sorted(children))

    def forget_unsaved(self, package_id: str) -> bool:
        """Forget a package that was built without a file and never saved (the officer
        cancelled the save dialog), so it is not listed as sent. Returns True if forgotten."""
        from sqlalchemy import select

        with self.db.transaction() as s:
            rows = s.scalars(select(SentPackageRow).where(
                SentPackageRow.package_id == package_id, SentPackageRow.file_name == "")).all()
            for row in rows:
                s.delete(row)
        return bool(rows)

    def _record_sent(self, data: bytes, kind: str, unit: str, period: str | None, revision: int,
                     new: bool, out: Path | None, children: list[str]) -> ExportResult:
        pkg = read_package(data)  # never hand out a package we could not read back
        if out is not None:
            write_file(Path(out), data)
        with self.db.transaction() as s:
            s.add(SentPackageRow(package_id=pkg.package_id, kind=kind, unit_code=unit,
                                 period_code=period, revision=revision,
                                 payload_sha256=pkg.payload_sha256, created_at=self.now_utc(),
                                 file_name=str(out or "")))
        return ExportResult(data=data, kind=kind, unit=unit, period=period, revision=revision,
                            package_id=pkg.package_id, payload_sha256=pkg.payload_sha256,
                            new_revision=new, fingerprint=pkg.fingerprint, path=out,
                            children=children)
