"""Date rules shared by every record: no impossible or implausible dates."""

from __future__ import annotations

from datetime import date

from .errors import Problems

EARLIEST = date(2000, 1, 1)


def check_record_date(
    p: Problems, field_name: str, day: date | None, today: date | None = None, label: str = "Ngày"
) -> None:
    """Add a problem when ``day`` is missing, before 2000 or after today."""
    today = today or date.today()
    if day is None:
        p.add(field_name, f"{label} không được để trống.")
    elif day < EARLIEST:
        p.add(field_name, f"{label} {day:%d/%m/%Y} quá xa trong quá khứ (trước năm 2000).")
    elif day > today:
        p.add(field_name, f"{label} {day:%d/%m/%Y} ở sau ngày hôm nay ({today:%d/%m/%Y}).")


def parse_iso_date(text: str) -> date:
    """Parse ``YYYY-MM-DD`` or ``DD/MM/YYYY``; raises ValueError with a Vietnamese message."""
    s = (text or "").strip()
    try:
        if "/" in s:
            d, m, y = s.split("/")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(s)
    except (ValueError, TypeError):
        raise ValueError(
            f"Ngày không hợp lệ: «{text}» (dùng dạng 2026-03-05 hoặc 05/03/2026)."
        ) from None
