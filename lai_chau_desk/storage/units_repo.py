"""Reads and writes of units, profiles and settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.units import Unit, UnitProfile
from .models import Setting, UnitProfileRow, UnitRow

_UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "parent_code",
    "level",
    "parent_body",
    "place_name",
    "valid_from",
    "valid_to",
)
_PROFILE_FIELDS = tuple(f for f in UnitProfile.__dataclass_fields__)


def unit_from_row(r: UnitRow) -> Unit:
    return Unit(id=r.id, **{f: getattr(r, f) for f in _UNIT_FIELDS})


def all_units(s: Session) -> list[Unit]:
    return [unit_from_row(r) for r in s.scalars(select(UnitRow))]


def find_unit(s: Session, code: str) -> UnitRow | None:
    return s.scalar(select(UnitRow).where(UnitRow.code == code))


def save_unit(s: Session, unit: Unit, origin: str = "user") -> UnitRow:
    row = find_unit(s, unit.code)
    if row is None:
        row = UnitRow(id=unit.id, origin=origin)
        s.add(row)
    for f in _UNIT_FIELDS:
        setattr(row, f, getattr(unit, f))
    if origin == "user" and row.origin != "user":
        row.user_edited = True
    return row


def get_profile(s: Session, unit_code: str) -> UnitProfile | None:
    row = s.get(UnitProfileRow, unit_code)
    if row is None:
        return None
    return UnitProfile(**{f: getattr(row, f) for f in _PROFILE_FIELDS})


def save_profile(s: Session, profile: UnitProfile) -> None:
    row = s.get(UnitProfileRow, profile.unit_code) or UnitProfileRow(unit_code=profile.unit_code)
    for f in _PROFILE_FIELDS:
        setattr(row, f, getattr(profile, f))
    s.add(row)


def get_setting(s: Session, key: str, default: str = "") -> str:
    row = s.get(Setting, key)
    return row.value if row else default


def set_setting(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
