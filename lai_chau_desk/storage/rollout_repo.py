"""Reads and writes of rolling a hierarchy out: case-insensitive unit look-ups and the
parent's key pinned from the catalogue an installation started from (trust rule 1)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .exchange_models import PinnedKeyRow
from .models import UnitRow


def find_unit_folded(s: Session, code: str) -> UnitRow | None:
    """The unit whose code equals ``code`` ignoring case (codes are ASCII)."""
    return s.scalars(select(UnitRow).where(func.upper(UnitRow.code) == code.upper())).first()


def current_pin(s: Session, unit_code: str) -> tuple[bytes, str] | None:
    """The key in force for ``unit_code``: (public key, fingerprint), or None."""
    row = s.execute(
        select(PinnedKeyRow.public_key, PinnedKeyRow.fingerprint).where(
            PinnedKeyRow.unit_code == unit_code, PinnedKeyRow.retired_at.is_(None)
        )
    ).first()
    return (bytes(row[0]), str(row[1])) if row else None


def pin_key(
    s: Session, unit_code: str, public_key: bytes, fingerprint: str, how: str, now: datetime
) -> bool:
    """Pin ``public_key`` as the unit's key; a different key in force is retired (kept as
    history). Returns False when that very key was pinned already (nothing written)."""
    pin = current_pin(s, unit_code)
    if pin is not None and pin[0] == public_key:
        return False
    if pin is not None:
        s.execute(
            update(PinnedKeyRow)
            .where(PinnedKeyRow.unit_code == unit_code, PinnedKeyRow.retired_at.is_(None))
            .values(retired_at=now)
        )
    s.add(
        PinnedKeyRow(
            unit_code=unit_code,
            public_key=public_key,
            fingerprint=fingerprint,
            pinned_at=now,
            retired_at=None,
            how=how,
        )
    )
    s.flush()
    return True
