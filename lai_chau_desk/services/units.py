"""The unit directory, this installation's own unit and its profile."""

from __future__ import annotations

from ..domain.errors import ConflictError, NotFoundError
from ..domain.registration import check_code, normalise_code
from ..domain.units import Unit, UnitProfile, UnitTree, validate_profile, validate_unit
from ..storage import rollout_repo, units_repo
from .base import OWN_UNIT, NotInitialised
from .rollout import RolloutMixin


def normalised_codes(unit: Unit) -> Unit:
    """``unit`` with its code and parent code as stored and as a package carries them (format
    2, docs/lcdx-format.md §1: upper-case ``[A-Z0-9.-]``): lower case is upper-cased, anything
    else that breaks the rule (accents, ``_``, spaces) is refused with the rule in words, the
    same way ``init``, ``unit add`` and the wizard treat a typed code."""
    unit.code = check_code(unit.code)
    unit.parent_code = check_code(unit.parent_code, "parent_code") if unit.parent_code else None
    return unit


class UnitService(RolloutMixin):
    def list_units(self) -> list[Unit]:
        with self.db.reading() as s:
            return units_repo.all_units(s)

    def tree(self) -> UnitTree:
        return UnitTree(self.list_units())

    def get(self, code: str) -> Unit:
        with self.db.reading() as s:
            row = units_repo.find_unit(s, code)
            if row is None:
                raise NotFoundError(f"Không có đơn vị mã «{code}» trong danh mục.")
            return units_repo.unit_from_row(row)

    def find(self, code: str) -> Unit | None:
        with self.db.reading() as s:
            row = units_repo.find_unit(s, code)
            return units_repo.unit_from_row(row) if row else None

    def save_unit(self, unit: Unit) -> Unit:
        """Save an edit of a unit in the directory. Setting or moving its end date is a
        closing and follows the rules of :meth:`close_unit`. Its code and parent code are
        normalised (upper case, ``cdcs-bb`` -> ``CDCS-BB``) or refused as format 2 says."""
        unit = validate_unit(normalised_codes(unit))
        with self.db.transaction() as s:
            if unit.parent_code and units_repo.find_unit(s, unit.parent_code) is None:
                raise NotFoundError(f"Không có đơn vị cấp trên mã «{unit.parent_code}».")
            before = units_repo.find_unit(s, unit.code)
            if before is None and rollout_repo.find_unit_folded(s, unit.code) is not None:
                raise ConflictError(f"Mã «{unit.code}» đã có trong danh mục (khác chữ hoa/thường).")
            if unit.valid_to is not None and (before is None or before.valid_to != unit.valid_to):
                self.check_closing(s, unit, unit.valid_to)
            if unit.parent_code and unit.code in UnitTree(units_repo.all_units(s)).ancestors(
                unit.parent_code
            ) + [unit.parent_code]:
                raise ConflictError("Không thể đặt một đơn vị cấp dưới làm cấp trên.")
            units_repo.save_unit(s, unit)
        return unit

    def init_own_unit(
        self,
        code: str,
        name: str,
        parent_code: str | None = None,
        place_name: str = "Lai Châu",
        parent_name: str | None = None,
    ) -> Unit:
        """Declare this installation's own unit (creating it in the directory if needed).

        A parent not in the directory is created from ``parent_name``; without a name the
        refusal says what to type or which file to ask the level above for."""
        with self.db.transaction() as s:
            existing = rollout_repo.find_unit_folded(s, normalise_code(code))
            if existing is None:
                code = check_code(code)
            base = units_repo.unit_from_row(existing) if existing else Unit(code=code, name=name)
            base.name = name or base.name
            base.place_name = base.place_name or place_name
            validate_unit(base)  # before anything is written
            if parent_code is not None:
                base.parent_code = (
                    self.ensure_parent(s, normalise_code(parent_code), parent_name)
                    if parent_code
                    else None
                )
            unit = validate_unit(base)
            tree = UnitTree(units_repo.all_units(s))
            if unit.parent_code and unit.code in tree.ancestors(unit.parent_code) + [
                unit.parent_code
            ]:
                raise ConflictError("Không thể đặt một đơn vị cấp dưới làm cấp trên.")
            units_repo.save_unit(s, unit)
            units_repo.set_setting(s, OWN_UNIT, unit.code)
            if units_repo.get_profile(s, unit.code) is None:
                parent = units_repo.find_unit(s, unit.parent_code) if unit.parent_code else None
                units_repo.save_profile(
                    s,
                    UnitProfile(
                        unit_code=unit.code,
                        parent_body=(parent.name if parent else "").upper(),
                        issuing_body=unit.name.upper(),
                        place_name=unit.place_name or place_name,
                    ),
                )
        return unit

    def own_unit(self) -> Unit:
        code = self.own_unit_code()
        if not code:
            raise NotInitialised()
        return self.get(code)

    def profile(self, code: str | None = None) -> UnitProfile:
        code = code or self.require_own_unit()
        with self.db.reading() as s:
            return units_repo.get_profile(s, code) or UnitProfile(unit_code=code)

    def save_profile(self, profile: UnitProfile) -> UnitProfile:
        profile = validate_profile(profile)
        with self.db.transaction() as s:
            units_repo.save_profile(s, profile)
        return profile
