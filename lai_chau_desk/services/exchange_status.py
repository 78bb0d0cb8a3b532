"""Completeness and timeliness of the units below, and figures summed over the subtree.

Timeliness rule: a unit is *on time* when the first revision held for the period was created
(the signed ``created_at`` of its manifest, read as a date in the sender's own UTC offset) on
or before the period's due date; *late* otherwise; *missing* when no report is held. A later
correction does not make an on-time report late. The import time is kept beside it so an
officer can compare it with a sender whose clock looks wrong.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.figures import COUNT_KEYS, PeriodFigures
from ..domain.units import UnitTree
from ..exchange.errors import PackageError
from ..exchange.package import read_package
from ..storage import exchange_repo, figures_repo, units_repo
from .base import ServiceBase
from .exchange_results import (
    CarriedSession,
    CompletenessStatus,
    PinnedKey,
    ReceivedPackage,
    ReportDetail,
    SubtreeTotals,
    UnitStatus,
)
from .exchange_timeliness import timeliness


class StatusService(ServiceBase):
    """What is held from the units below: completeness, totals, keys, each report."""

    def completeness(self, period_code: str) -> CompletenessStatus:
        """Expected units (children of the own unit active in the period) against the
        reports held: on time, late, missing."""
        own = self.require_own_unit()
        period = self.period(period_code)
        with self.db.reading() as s:
            tree = UnitTree(units_repo.all_units(s))
            children = sorted(
                tree.active_children(own, period.start, period.end), key=lambda u: u.code
            )
            units: list[UnitStatus] = []
            groups: dict[str, list[str]] = {"on_time": [], "late": [], "missing": []}
            figures = exchange_repo.figures_by_unit(s, period.code)
            for unit in children:
                status = timeliness(s, unit.code, period)
                groups[status].append(unit.code)
                cur = exchange_repo.current_received(s, unit.code, period.code)
                units.append(
                    UnitStatus(
                        code=unit.code,
                        name=unit.name,
                        timeliness=status,
                        revision=cur.revision if cur else None,
                        created_at=cur.created_at_text if cur else None,
                        imported_at=cur.imported_at.isoformat() if cur else None,
                        review=cur.review if cur else None,
                        counts={
                            k: v for k, v in figures.get(unit.code, {}).items() if k in COUNT_KEYS
                        },
                    )
                )
        return CompletenessStatus(
            period=period.code,
            due=period.due.isoformat(),
            expected=[u.code for u in children],
            on_time=groups["on_time"],
            late=groups["late"],
            missing=groups["missing"],
            units=units,
        )

    def completeness_matrix(self, period_codes: list[str]) -> dict[str, CompletenessStatus]:
        """Units × periods for the *Tiếp nhận báo cáo* screen: one status per period code."""
        return {code: self.completeness(code) for code in period_codes}

    def pinned_keys(self) -> list[PinnedKey]:
        """Every unit key pinned here (current and retired), for the officer to compare
        fingerprints with the units by phone."""
        with self.db.reading() as s:
            return [
                PinnedKey(
                    unit=r.unit_code,
                    fingerprint=r.fingerprint,
                    how=r.how,
                    pinned_at=r.pinned_at.isoformat(),
                    retired_at=r.retired_at.isoformat() if r.retired_at else None,
                )
                for r in exchange_repo.pins(s)
            ]

    def subtree_totals(self, period_code: str) -> SubtreeTotals:
        """The own unit's figures plus those of every unit below it whose report is held, at
        any depth (reports embedded in consolidated packages count as held)."""
        own = self.require_own_unit()
        period = self.period(period_code)
        with self.db.reading() as s:
            mine = figures_repo.period_figures(
                s, own, period.code, period.start, period.end
            ).counts()
            below = set(UnitTree(units_repo.all_units(s)).subtree_codes(own)) - {own}
            held = {
                code: {k: v for k, v in counts.items() if k in COUNT_KEYS}
                for code, counts in exchange_repo.figures_by_unit(s, period.code).items()
                if code in below
            }
        subtree = dict(mine)
        for counts in held.values():
            for k in COUNT_KEYS:
                subtree[k] += counts[k]
        return SubtreeTotals(
            period=period.code,
            own=mine,
            subtree=subtree,
            units_reported=len(held),
            by_unit=dict(sorted(held.items())),
        )

    def received(self, period_code: str | None = None) -> list[ReceivedPackage]:
        """Every package held (current and history), newest first."""
        code = self.period(period_code).code if period_code else None
        with self.db.reading() as s:
            return [
                ReceivedPackage(
                    id=str(r.id),
                    kind=r.kind,
                    unit=r.unit_code,
                    unit_name=r.unit_name,
                    period=r.period_code,
                    revision=r.revision,
                    status=r.status,
                    review=r.review,
                    comment=r.review_comment,
                    created_at=r.created_at_text,
                    imported_at=r.imported_at.isoformat(),
                    fingerprint=r.fingerprint,
                    embedded=r.via_id is not None,
                )
                for r in exchange_repo.received_packages(s, code)
            ]

    def paper_code_matches(self, unit_code: str, period_code: str, code: str) -> bool:
        """Whether the report held for a unit and period is the package that the paper code
        printed on its signed report names (unit, period, revision, payload hash, key)."""
        from ..domain.errors import NotFoundError
        from ..reports.paper_code import PaperIdentity, make_code, parse_code

        period = self.period(period_code).code
        with self.db.reading() as s:
            row = exchange_repo.current_received(s, unit_code, period)
            if row is None:
                raise NotFoundError(f"Chưa nhận báo cáo kỳ {period} của đơn vị «{unit_code}».")
            held = PaperIdentity(
                row.unit_code, period, row.revision, row.payload_sha256, row.fingerprint
            )
        typed = parse_code(code)
        return typed is not None and typed == parse_code(make_code(held))

    def report_detail(self, unit_code: str, period_code: str) -> ReportDetail:
        """The report held for a unit and period (GUI drill-down). A report that arrived
        inside a consolidated package has its narrative and sessions only when it came from a
        direct child of the unit that carried it; otherwise its signed figures."""
        from ..domain.errors import NotFoundError
        from ..exchange.signing import fingerprint
        from ..exchange.ziplayout import inflate_trusted, trusted_members

        code = self.period(period_code).code
        with self.db.reading() as s:
            row = exchange_repo.current_received(s, unit_code, code)
            if row is None:
                raise NotFoundError(f"Chưa nhận báo cáo kỳ {code} của đơn vị «{unit_code}».")
            if row.format_version < 2:
                raise NotFoundError(
                    f"Báo cáo kỳ {code} của «{unit_code}» được nhận theo định dạng "
                    "cũ (phiên bản 1); hãy đề nghị đơn vị gửi lại bằng phiên bản mới."
                )
            data, manifest_bytes, public = row.data, row.manifest, row.public_key
            via = exchange_repo.received_by_id(s, row.via_id) if row.via_id else None
            via_data = via.data if via is not None else None
            details = exchange_repo.received_figures(s, unit_code, code)
        stored = PeriodFigures.from_dict(json.loads(details.details)) if details else None
        if data is not None:
            try:
                pkg = read_package(data)
            except PackageError as exc:  # held by a build whose format rules differed
                raise NotFoundError(
                    f"Không đọc lại được báo cáo kỳ {code} của «{unit_code}» đã nhận "
                    f"({exc.message}); hãy đề nghị đơn vị gửi lại."
                ) from None
            return _detail(pkg.manifest, pkg.payload, pkg.pdf is not None, pkg.fingerprint, stored)
        assert manifest_bytes is not None and public is not None
        manifest = json.loads(manifest_bytes)
        payload: dict[str, Any] = {
            "figures": {"unit": unit_code, "period": code, **manifest["figures"]},
            "narrative": {},
            "sessions": [],
        }
        name = f"units/{unit_code}/payload.json"
        found = trusted_members(via_data, {name}) if via_data else {}
        if name in found:
            payload = json.loads(inflate_trusted(name, found[name]))
        return _detail(manifest, payload, False, fingerprint(public), stored)

    def report_pdf(self, unit_code: str, period_code: str) -> bytes | None:
        """The ``report.pdf`` of the report held, if it carried one."""
        code = self.period(period_code).code
        with self.db.reading() as s:
            row = exchange_repo.current_received(s, unit_code, code)
            data = row.data if row and row.format_version >= 2 else None
        return read_package(data).pdf if data else None


def _detail(
    manifest: dict[str, Any],
    payload: dict[str, Any],
    has_pdf: bool,
    fingerprint: str,
    stored: PeriodFigures | None,
) -> ReportDetail:
    """The typed drill-down of a verified report's manifest and payload."""
    unit = manifest.get("unit", {})
    period = manifest.get("period") or {}
    return ReportDetail(
        unit=unit.get("code", ""),
        unit_name=unit.get("name", ""),
        period=period.get("code", "") if isinstance(period, dict) else str(period),
        revision=int(manifest.get("revision", 0)),
        created_at=manifest.get("created_at", ""),
        fingerprint=fingerprint,
        has_pdf=has_pdf,
        figures=PeriodFigures.from_dict(payload["figures"]),
        stored_figures=stored,
        narrative=dict(payload.get("narrative") or {}),
        sessions=[
            CarriedSession(
                id=str(x.get("id", "")),
                held_on=x.get("held_on"),
                title=x.get("title", ""),
                form=x.get("form", ""),
                directives=list(x.get("directives", [])),
                participants=int(x.get("participants", 0)),
                female=int(x.get("female", 0)),
            )
            for x in payload.get("sessions", [])
        ],
    )
