"""Exporting this unit's report for a period; at an upper level, consolidated (format 2).

A consolidated package carries its own consolidation table and, for every report held below
that it includes, the signed manifest (and for a direct child its ``payload.json``), copied
from what was verified and stored at import: nothing is read back or verified again, and no
``report.pdf`` of another unit travels.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import NotFoundError
from ..domain.figures import COUNTS
from ..domain.periods import Period
from ..domain.units import UnitTree
from ..exchange.canonical import canonical_json
from ..exchange.package import (
    ListedMember,
    build_package,
    consolidation_member,
    content_sha256,
    sha256,
)
from ..exchange.signing import b64, fingerprint
from ..exchange.strict import clean_value
from ..exchange.ziplayout import Encoded, encode, trusted_members
from ..reports.paper_code import PaperIdentity
from ..storage import (
    reports_repo,
    sessions_repo,
    supervision_repo,
    units_repo,
)
from ..storage.exchange_export_reads import ReportHead, carried_parts, current_report_heads
from ..storage.sessions_repo import SessionFilter
from .base import Cancel, Cancelled, Progress, never_cancel, no_progress
from .exchange_base import Clock, RenderPdf, local_now
from .exchange_keys import SigningKeys
from .exchange_outbox import SentPackages, SigningSender
from .exchange_payload import manifest_period, manifest_unit, report_payload
from .exchange_results import ExportResult
from .exchange_timeliness import timeliness_map
from .reporting import figures_for

if TYPE_CHECKING:
    from ..storage.engine import Database, Session

PENDING_HINT = (
    "chưa tiếp nhận; dùng --include-pending (hoặc «Kèm cả báo cáo chưa tiếp nhận») để kèm theo"
)
REASONS = {
    "pending": PENDING_HINT,
    "returned": "đã trả lại, chờ đơn vị gửi bản sửa",
    "old-format": "gói định dạng cũ (phiên bản 1), cần đơn vị xuất lại bằng phiên bản mới",
    "missing": "chưa nhận được báo cáo",
}


@dataclass
class ExportPlan:
    """What a consolidated export of a period would carry (the GUI shows it before writing).

    ``included``: direct children whose reports go in, as (code, name, revision);
    ``left_out``: direct children that do not, as (code, name, reason in Vietnamese);
    ``below``: how many reports are carried at every depth (direct children included)."""

    period: str
    consolidated: bool
    include_pending: bool
    included: list[tuple[str, str, int]] = field(default_factory=list)
    left_out: list[tuple[str, str, str]] = field(default_factory=list)
    below: int = 0
    expected: list[str] = field(default_factory=list)  # direct children expected or reporting
    missing: list[str] = field(default_factory=list)  # of which no report is held

    def lines(self) -> list[str]:
        """The plan in words, one line each (the CLI prints these)."""
        if not self.consolidated:
            return []
        out: list[str] = []
        if self.included:
            names = ", ".join(f"{c} (lần {r})" for c, _n, r in self.included)
            out.append(
                f"Kèm {len(self.included)} báo cáo đơn vị trực thuộc: {names}"
                + (f"; tổng cộng {self.below} báo cáo các cấp." if self.below else ".")
            )
        else:
            out.append(
                "Không kèm báo cáo nào của đơn vị cấp dưới: chưa có báo cáo nào được "
                "tiếp nhận"
                + (
                    "."
                    if self.include_pending
                    else " (dùng --include-pending để kèm báo cáo chưa tiếp nhận)."
                )
            )
        for code, name, reason in self.left_out:
            out.append(f"  Không kèm {code} ({name}): {reason}.")
        return out


def _drained(rows: list[bytes]) -> Iterator[bytes]:
    """``rows`` in order, each dropped from the list once given (the table is deflated as
    it is read, so its rows are not held twice)."""
    for i in range(len(rows)):
        row, rows[i] = rows[i], b""
        yield row


@dataclass
class _Carried:
    row: ReportHead
    direct: bool
    timeliness: str


class ExportService(SigningSender):
    """The own unit's signed report package of a period (at an upper level, consolidated)."""

    def __init__(
        self,
        db: Database,
        keys: SigningKeys,
        sent: SentPackages,
        render_pdf: RenderPdf | None = None,
        today: Callable[[], date] = date.today,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(db, keys, sent, today, clock)
        self.render_pdf = render_pdf  # adds report.pdf to every report package when given

    # --- planning -------------------------------------------------------------------------

    def plan_export(self, period_code: str, include_pending: bool = False) -> ExportPlan:
        """Which received reports an export of ``period_code`` would include and which it
        would leave out, and why (nothing written)."""
        own = self.require_own_unit()
        period = self.period(period_code)
        with self.db.reading() as s:
            plan, _carried = self._export_plan(s, own, period, include_pending)
        return plan

    def _export_plan(
        self, s: Session, own: str, period: Period, include_pending: bool
    ) -> tuple[ExportPlan, list[_Carried]]:
        tree = UnitTree(units_repo.all_units(s))
        expected = {u.code: u for u in tree.active_children(own, period.start, period.end)}
        rows = current_report_heads(s, period.code)  # no blobs: planning reads heads only
        direct = [
            r
            for r in rows
            if tree.by_code.get(r.unit_code) and tree.by_code[r.unit_code].parent_code == own
        ]
        plan = ExportPlan(period.code, bool(expected or direct), include_pending)
        wanted = ("accepted", "pending") if include_pending else ("accepted",)
        times = timeliness_map(s, period)
        carried: list[_Carried] = []
        taken: set[str] = set()
        for r in direct:
            if r.format_version < 2 or not r.has_manifest:
                plan.left_out.append((r.unit_code, r.unit_name, REASONS["old-format"]))
            elif r.review not in wanted:
                plan.left_out.append((r.unit_code, r.unit_name, REASONS[r.review]))
            else:
                plan.included.append((r.unit_code, r.unit_name, r.revision))
                carried.append(_Carried(r, True, times.get(r.unit_code, "late")))
                taken.add(r.unit_code)
        held = {r.unit_code for r in direct}
        for code, unit in sorted(expected.items()):
            if code not in held:
                plan.left_out.append((code, unit.name, REASONS["missing"]))
                plan.missing.append(code)
        plan.expected = sorted(set(expected) | held)
        # reports held below the included children, by the parent each manifest names
        below = set(tree.subtree_codes(own)) - {own}
        by_parent: dict[str, list[ReportHead]] = {}
        for r in rows:
            if (
                r.unit_code in below
                and r.unit_code not in held
                and r.parent_code
                and r.format_version >= 2
                and r.has_manifest
            ):
                by_parent.setdefault(r.parent_code, []).append(r)
        stack = sorted(taken)
        while stack:
            for r in by_parent.get(stack.pop(), ()):
                if r.unit_code not in taken:
                    taken.add(r.unit_code)
                    carried.append(_Carried(r, False, times.get(r.unit_code, "late")))
                    stack.append(r.unit_code)
        plan.below = len(carried)
        return plan, carried

    # --- writing --------------------------------------------------------------------------

    def _consolidation(
        self,
        s: Any,
        plan: ExportPlan,
        carried: list[_Carried],
        own_counts: dict[str, int],
        progress: Progress,
        cancel: Cancel,
    ) -> tuple[ListedMember, dict[str, dict[str, bytes | Encoded]]]:
        """The consolidation table (deflated as it is serialised, with its SHA-256: its plain
        bytes are never joined) and the members under ``units/``,
        read from the database a chunk at a time and copied as verified at import: each row
        of the table is serialised as soon as it is read, each carried member encoded, so
        nothing is held parsed and no received file is kept (a direct child's is read only to
        slice its ``payload.json``)."""
        entries: list[bytes] = []
        units: dict[str, dict[str, bytes | Encoded]] = {}
        subtree = dict(own_counts)
        ordered = sorted(carried, key=lambda c: c.row.unit_code)
        info = {c.row.id: c for c in ordered}
        direct_ids = {c.row.id for c in ordered if c.direct}
        for i, r in enumerate(carried_parts(s, [c.row.id for c in ordered], direct_ids)):
            if cancel():
                raise Cancelled()
            c = info[r.id]
            figures = json.loads(r.manifest)["figures"]
            entry = {
                "code": r.unit_code,
                "name": r.unit_name,
                "parent_code": r.parent_code,
                "package_id": r.package_id,
                "revision": r.revision,
                "created_at": r.created_at_text,
                "package_sha256": r.package_sha256,
                "manifest_sha256": r.manifest_sha256 or sha256(r.manifest),
                "public_key": b64(r.public_key),
                "fingerprint": r.fingerprint,
                "timeliness": c.timeliness,
                "figures": figures,
            }
            entries.append(canonical_json(clean_value(entry)))
            for k in COUNTS:
                subtree[k] += int(figures[k])
            parts: dict[str, bytes | Encoded] = {
                "manifest.json": encode(f"units/{r.unit_code}/manifest.json", r.manifest),
                "manifest.sig": r.signature,
            }
            if c.direct:
                assert r.data is not None
                enc = trusted_members(r.data, {"payload.json"})["payload.json"]
                parts["payload.json"] = Encoded(bytes(enc.data), enc.crc, enc.size)  # a copy:
                # a slice would keep the whole received file alive
            units[r.unit_code] = parts
            progress(i + 1, len(carried))
        direct = [c for c in carried if c.direct]
        on_time = sorted(c.row.unit_code for c in direct if c.timeliness == "on_time")
        late = sorted(c.row.unit_code for c in direct if c.timeliness != "on_time")
        rest = {
            "subtree": subtree,
            "expected": plan.expected,
            "on_time": on_time,
            "late": late,
            "missing": plan.missing,
        }
        return consolidation_member(rest, _drained(entries)), units

    def export_report(
        self,
        period_code: str,
        out: Path | None = None,
        render_pdf: RenderPdf | None = None,
        include_pending: bool = False,
        progress: Progress = no_progress,
        cancel: Cancel = never_cancel,
    ) -> ExportResult:
        """Write the signed report package of the own unit for ``period_code``.

        The payload holds counts, never the roster. The revision rises only when the payload
        (or, at an upper level, the consolidation table) changed since the last export. An
        upper level carries the reports it accepted (and the pending ones with
        ``include_pending``), with every report held below them. ``render_pdf(unit, period)``
        adds ``report.pdf`` when given."""
        own = self.require_own_unit()
        period = self.period(period_code)
        key = self.keys.own_key()
        with self.db.reading() as s:
            row = units_repo.find_unit(s, own)
            if row is None:
                raise NotFoundError(f"Không có đơn vị mã «{own}» trong danh mục.")
            unit = units_repo.unit_from_row(row)
            figures = figures_for(s, own, period)  # a year adds up its indicators by kind
            ids = sessions_repo.session_ids(
                s, SessionFilter(own, period.start, period.end), newest_first=False
            )
            sessions = sessions_repo.get_sessions(s, ids)
            sups = supervision_repo.list_supervisions(s, own, period.start, period.end)
            plan, carried = self._export_plan(s, own, period, include_pending)
            consolidation: ListedMember | None = None
            units: dict[str, dict[str, bytes | Encoded]] = {}
            if plan.consolidated:
                consolidation, units = self._consolidation(
                    s, plan, carried, figures.all_counts(), progress, cancel
                )
            payload = clean_value(
                report_payload(
                    unit,
                    period,
                    figures,
                    sessions,
                    sups,
                    reports_repo.indicator_values(s, own, period.code),
                    reports_repo.narrative(s, own, period.code),
                    units_repo.get_profile(s, own),
                )
            )
        listed = {"payload.json": {"sha256": sha256(canonical_json(payload))}}
        if consolidation is not None:
            listed["consolidation.json"] = {"sha256": consolidation.sha256}
        revision, new = self.sent.next_revision(
            "report", own, period.code, content_sha256({"members": listed})
        )
        render_pdf = render_pdf or self.render_pdf
        # the printed report names this very package (its payload hash, as the signed
        # manifest lists it), so the signed paper can be checked against the file
        paper = PaperIdentity(
            own, period.code, revision, listed["payload.json"]["sha256"], fingerprint(key.public)
        )
        pdf = render_pdf(own, period.code, paper) if render_pdf else None
        written = build_package(
            "report",
            manifest_unit(unit),
            manifest_period(period),
            revision,
            payload,
            key,
            self.now(),
            pdf=pdf,
            figures=figures.manifest_figures(),
            consolidation=consolidation,
            units=units,
        )
        return self.sent.record_sent(
            written,
            "report",
            own,
            period.code,
            revision,
            new,
            out,
            [c for c, _n, _r in plan.included],
            plan,
        )

    def forget_unsaved(self, package_id: str) -> bool:
        """Forget a package that was built without a file and never saved (the officer
        cancelled the save dialog), so it is not listed as sent. Returns True if forgotten."""
        return self.sent.forget_unsaved(package_id)
