"""Completeness and timeliness of the units below, and figures summed over the subtree.

Timeliness rule: a unit is *on time* when the first revision held for the period was created
(the signed ``created_at`` of its manifest, read as a date in the sender's own UTC offset) on
or before the period's due date; *late* otherwise; *missing* when no report is held. A later
correction does not make an on-time report late. The import time is kept beside it so an
officer can compare it with a sender whose clock looks wrong.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..domain.figures import COUNT_KEYS
from ..domain.periods import Period
from ..domain.units import UnitTree
from ..exchange.package import read_package
from ..storage import exchange_repo, figures_repo, units_repo
from ..storage.exchange_models import ReceivedPackageRow
from .exchange_base import ExchangeBase
from .exchange_results import CompletenessStatus, SubtreeTotals, UnitStatus


def timeliness(s: Any, unit_code: str, period: Period) -> str:
    """``on_time``, ``late`` or ``missing`` for one unit (see the module docstring)."""
    rows = [r for r in exchange_repo.history(s, unit_code, period.code) if r.kind == "report"]
    if not rows:
        return "missing"
    first = min(rows, key=lambda r: r.created_at)
    created = datetime.fromisoformat(first.created_at_text).date()
    return "on_time" if created <= period.due else "late"


def timeliness_map(s: Any, period: Period) -> dict[str, str]:
    """``on_time`` or ``late`` for every unit with a report held for ``period`` (one query)."""
    from sqlalchemy import select

    first: dict[str, tuple[datetime, str]] = {}
    for code, created, text in s.execute(
        select(
            ReceivedPackageRow.unit_code,
            ReceivedPackageRow.created_at,
            ReceivedPackageRow.created_at_text,
        ).where(ReceivedPackageRow.period_code == period.code, ReceivedPackageRow.kind == "report")
    ):
        if code not in first or created < first[code][0]:
            first[code] = (created, text)
    return {
        code: "on_time" if datetime.fromisoformat(text).date() <= period.due else "late"
        for code, (_c, text) in first.items()
    }


class StatusMixin(ExchangeBase):
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

    def pinned_keys(self) -> list[dict[str, Any]]:
        """Every unit key pinned here (current and retired), for the officer to compare
        fingerprints with the units by phone."""
        with self.db.reading() as s:
            return [
                {
                    "unit": r.unit_code,
                    "fingerprint": r.fingerprint,
                    "how": r.how,
                    "pinned_at": r.pinned_at.isoformat(),
                    "retired_at": r.retired_at.isoformat() if r.retired_at else None,
                }
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

    def received(self, period_code: str | None = None) -> list[dict[str, Any]]:
        """Every package held (current and history) as plain rows, newest first."""
        with self.db.reading() as s:
            from sqlalchemy import select

            q = select(ReceivedPackageRow).order_by(ReceivedPackageRow.imported_at.desc())
            if period_code:
                q = q.where(ReceivedPackageRow.period_code == self.period(period_code).code)
            return [
                {
                    "id": str(r.id),
                    "kind": r.kind,
                    "unit": r.unit_code,
                    "unit_name": r.unit_name,
                    "period": r.period_code,
                    "revision": r.revision,
                    "status": r.status,
                    "review": r.review,
                    "comment": r.review_comment,
                    "created_at": r.created_at_text,
                    "imported_at": r.imported_at.isoformat(),
                    "fingerprint": r.fingerprint,
                    "embedded": r.via_id is not None,
                }
                for r in s.scalars(q)
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

    def report_detail(self, unit_code: str, period_code: str) -> dict[str, Any]:
        """The manifest and payload of the report held for a unit and period (GUI drill-down).
        A report that arrived inside a consolidated package has its payload only when it came
        from a direct child of the unit that carried it; otherwise its signed figures."""
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
            via = s.get(ReceivedPackageRow, row.via_id) if row.via_id else None
            via_data = via.data if via is not None else None
            details = s.get(exchange_repo.ReceivedFiguresRow, (unit_code, code))
        figures = json.loads(details.details) if details else {}
        if data is not None:
            pkg = read_package(data)
            return {
                "manifest": pkg.manifest,
                "payload": pkg.payload,
                "has_pdf": pkg.pdf is not None,
                "fingerprint": pkg.fingerprint,
                "figures": figures,
            }
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
        return {
            "manifest": manifest,
            "payload": payload,
            "has_pdf": False,
            "fingerprint": fingerprint(public),
            "figures": figures,
        }

    def report_pdf(self, unit_code: str, period_code: str) -> bytes | None:
        """The ``report.pdf`` of the report held, if it carried one."""
        code = self.period(period_code).code
        with self.db.reading() as s:
            row = exchange_repo.current_received(s, unit_code, code)
            data = row.data if row and row.format_version >= 2 else None
        return read_package(data).pdf if data else None
