"""Timeliness of the reports held for a period.

Rule: a unit is *on time* when the first revision held for the period was created (the signed
``created_at`` of its manifest, read as a date in the sender's own UTC offset) on or before the
period's due date; *late* otherwise; *missing* when no report is held. A later correction does
not make an on-time report late.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.periods import Period
from ..storage import exchange_repo

if TYPE_CHECKING:
    from ..storage.engine import Session


def timeliness(s: Session, unit_code: str, period: Period) -> str:
    """``on_time``, ``late`` or ``missing`` for one unit (see the module docstring)."""
    rows = [r for r in exchange_repo.history(s, unit_code, period.code) if r.kind == "report"]
    if not rows:
        return "missing"
    first = min(rows, key=lambda r: r.created_at)
    created = datetime.fromisoformat(first.created_at_text).date()
    return "on_time" if created <= period.due else "late"


def timeliness_map(s: Session, period: Period) -> dict[str, str]:
    """``on_time`` or ``late`` for every unit with a report held for ``period`` (one query)."""
    return {
        code: "on_time" if datetime.fromisoformat(text).date() <= period.due else "late"
        for code, text in exchange_repo.first_report_created(s, period.code).items()
    }
