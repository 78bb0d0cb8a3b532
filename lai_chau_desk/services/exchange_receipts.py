"""Receipts: the level above accepts a report or returns it with a comment, signed; the unit
imports the receipt and sees the status of each report it sent."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import NotFoundError, Problems
from ..domain.text import clean_multiline
from ..exchange.package import Package, build_package
from ..storage import exchange_repo
from .exchange_outbox import SigningSender
from .exchange_payload import manifest_period, manifest_unit
from .exchange_results import ExportResult, ReviewResult, SentReportStatus

if TYPE_CHECKING:
    from ..storage.engine import Session

DECISIONS = ("accepted", "returned")


def record_received_receipt(s: Session, pkg: Package, now: datetime) -> None:
    """Store a verified receipt from the level above (inside the import's savepoint)."""
    p = pkg.payload
    subject = p["subject"]
    exchange_repo.add_receipt(
        s,
        direction="received",
        package_id=pkg.package_id,
        issuer_unit=pkg.unit_code,
        subject_unit=subject["unit"],
        period_code=subject["period"],
        revision=subject["revision"],
        payload_sha256=subject["payload_sha256"],
        decision=p["decision"],
        comment=p["comment"],
        decided_at=exchange_repo.utc_naive(datetime.fromisoformat(p["decided_at"])),
        recorded_at=now,
    )


class ReceiptService(SigningSender):
    """The level above accepts or returns a report held for a direct child (a signed
    receipt); the unit sees the decision on each report it sent."""

    def review(
        self,
        unit_code: str,
        period_code: str,
        decision: str,
        comment: str = "",
        out: Path | None = None,
    ) -> ReviewResult:
        """Accept or return (with a comment) the report held for a direct child, and write the
        signed receipt package for the unit (to ``out`` when given)."""
        comment = clean_multiline(comment)
        p = Problems()
        if decision not in DECISIONS:
            p.add("decision", "Chỉ có thể tiếp nhận (accepted) hoặc trả lại (returned) báo cáo.")
        if decision == "returned" and not comment:
            p.add("comment", "Cần ghi lý do trả lại báo cáo.")
        p.raise_if_any()
        own_code = self.require_own_unit()
        period = self.period(period_code)
        key = self.keys.own_key()
        now = self.now()
        with self.db.transaction() as s:
            row = exchange_repo.current_received(s, unit_code, period.code)
            if row is None:
                raise NotFoundError(f"Chưa nhận báo cáo kỳ {period.code} của đơn vị «{unit_code}».")
            if row.parent_code != own_code:
                raise NotFoundError(
                    f"Báo cáo của «{unit_code}» do đơn vị cấp trên trực tiếp của "
                    "nó tiếp nhận, không phải đơn vị này."
                )
            own = self.own_unit_row(s, own_code)
            row.review, row.review_comment, row.reviewed_at = (
                decision,
                comment,
                now.replace(tzinfo=None),
            )
            revision = exchange_repo.count_receipts_sent(s, unit_code, period.code) + 1
            payload = {
                "subject": {
                    "unit": unit_code,
                    "period": period.code,
                    "revision": row.revision,
                    "package_id": row.package_id,
                    "payload_sha256": row.payload_sha256,
                },
                "decision": decision,
                "comment": comment,
                "decided_at": now.isoformat(timespec="seconds"),
            }
            data = build_package(
                "receipt", manifest_unit(own), manifest_period(period), revision, payload, key, now
            )
            exchange_repo.add_receipt(
                s,
                direction="sent",
                package_id=row.package_id,
                issuer_unit=own_code,
                subject_unit=unit_code,
                period_code=period.code,
                revision=row.revision,
                payload_sha256=row.payload_sha256,
                decision=decision,
                comment=comment,
                decided_at=exchange_repo.utc_naive(now),
                recorded_at=self.now_utc(),
            )
        receipt: ExportResult = self.sent.record_sent(
            data, "receipt", own_code, period.code, revision, True, out, []
        )
        return ReviewResult(unit_code, period.code, decision, comment, receipt)

    def sent_reports(self) -> list[SentReportStatus]:
        """Each report revision this unit sent, with the decision of the level above."""
        own = self.require_own_unit()
        with self.db.reading() as s:
            sent = exchange_repo.sent_reports(s, own)
            decisions = {
                (r.period_code, r.revision, r.payload_sha256): r
                for r in exchange_repo.receipts(s, "received", own)
            }  # latest wins
        out: dict[tuple[str, int], SentReportStatus] = {}
        for row in sent:
            d = decisions.get((row.period_code or "", row.revision, row.payload_sha256))
            out[(row.period_code or "", row.revision)] = SentReportStatus(
                period=row.period_code or "",
                revision=row.revision,
                created_at=row.created_at.isoformat(),
                package_id=row.package_id,
                status=d.decision if d else "sent",
                comment=d.comment if d else "",
                decided_at=d.decided_at.isoformat() if d else None,
            )
        return list(out.values())
