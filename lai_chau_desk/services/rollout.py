"""Rolling a hierarchy out (DESIGN §2): an upper level registers, edits and closes the units
directly below it, with codes it assigns; a new installation starts from the catalogue package
of the level above, which pins that level's key as the parent's (trust rule 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.errors import ConflictError, DomainError, NotFoundError, Problems
from ..domain.registration import (
    by_vietnamese_name,
    check_code,
    code_key,
    is_closed,
    normalise_code,
    parent_choices,
    same_code,
)
from ..domain.text import clean_text
from ..domain.units import Unit, UnitProfile, UnitTree, validate_unit
from ..storage import rollout_repo, units_repo
from .base import OWN_UNIT, ServiceBase

if TYPE_CHECKING:
    from ..storage.engine import Session

PIN_HOW = "catalogue"


@dataclass
class CataloguePreview:
    """Who issued a catalogue package and which units it registers directly below the issuer."""

    issuer_code: str
    issuer_name: str
    fingerprint: str
    revision: int
    created_at: str
    registered: list[Unit] = field(default_factory=list)  # open units whose parent is the issuer
    counts: dict[str, int] = field(default_factory=dict)  # directives, indicators, units carried

    @property
    def codes(self) -> list[str]:
        return [u.code for u in self.registered]


@dataclass
class CatalogueStart:
    """What ``init --catalogue`` did."""

    preview: CataloguePreview
    unit: Unit
    applied: dict[str, int]
    pinned: bool  # False when the issuer's key was pinned here already


def _no_parent_message(code: str) -> str:
    return (
        f"Không có đơn vị cấp trên mã «{code}» trong danh mục. Nếu mã này đúng, khai báo cả "
        f"tên của đơn vị cấp trên, ví dụ: --parent-code {code} --parent-name "
        '"Công đoàn xã Bình Lư"; hoặc xin đơn vị cấp trên gói danh mục (tệp .lcdx do cấp '
        "trên xuất bằng lệnh export-catalogue) rồi chạy: lai-chau-desk init --catalogue "
        "TỆP --unit-code MÃ_ĐƠN_VỊ."
    )


class RolloutMixin(ServiceBase):
    """Registration, closing and the start from a catalogue; mixed into ``UnitService``."""

    # --- the directory --------------------------------------------------------------------

    def directory(self) -> list[Unit]:
        """Every unit of the directory, in Vietnamese alphabetical order of the names."""
        with self.db.reading() as s:
            return by_vietnamese_name(units_repo.all_units(s))

    def parent_choices(self, day: date | None = None) -> list[Unit]:
        """Units that may be chosen as a parent: the ones not closed before ``day`` (today)."""
        with self.db.reading() as s:
            return parent_choices(units_repo.all_units(s), day or self.today())

    def registrable_parents(self) -> list[Unit]:
        """This unit and the open units below it: where a new unit may be registered."""
        own = self.require_own_unit()
        with self.db.reading() as s:
            units = units_repo.all_units(s)
        allowed = set(UnitTree(units).subtree_codes(own))
        return parent_choices([u for u in units if u.code in allowed], self.today())

    def find_folded(self, code: str) -> Unit | None:
        """The unit whose code is ``code`` ignoring case and Unicode form."""
        with self.db.reading() as s:
            row = rollout_repo.find_unit_folded(s, normalise_code(code))
            return units_repo.unit_from_row(row) if row else None

    def parent_fingerprint(self) -> str | None:
        """The fingerprint of the key pinned for this installation's parent, if any."""
        own = self.require_own_unit()
        with self.db.reading() as s:
            row = units_repo.find_unit(s, own)
            pin = rollout_repo.current_pin(s, row.parent_code) if row and row.parent_code else None
        return pin[1] if pin else None

    # --- registering below this unit ---------------------------------------------------------

    def register_unit(
        self,
        code: str,
        name: str,
        parent_code: str,
        level: str = "",
        valid_from: date | None = None,
        short_name: str = "",
        place_name: str = "",
    ) -> Unit:
        """Register a new unit below this unit (or below a unit below it). The code is the one
        the upper level assigns: upper case, unique ignoring case."""
        own = self.require_own_unit()
        p = Problems()
        try:
            code = check_code(code)
        except DomainError as e:
            p.items.extend(getattr(e, "problems", []))
        parent_code = normalise_code(parent_code)
        if not clean_text(name):
            p.add("name", "Tên đơn vị không được để trống.")
        with self.db.transaction() as s:
            if code and not p.items:
                clash = rollout_repo.find_unit_folded(s, code)
                if clash is not None:
                    p.add(
                        "code",
                        f"Mã «{code}» đã có trong danh mục: {clash.name} "
                        f"({clash.code}). Hãy cấp một mã khác.",
                    )
            parent = rollout_repo.find_unit_folded(s, parent_code) if parent_code else None
            units = units_repo.all_units(s)
            if not parent_code:
                p.add("parent_code", "Cần chọn đơn vị cấp trên của đơn vị mới.")
            elif parent is None:
                p.add("parent_code", f"Không có đơn vị mã «{parent_code}» trong danh mục.")
            else:
                parent_unit = units_repo.unit_from_row(parent)
                if parent_unit.code not in UnitTree(units).subtree_codes(own):
                    p.add(
                        "parent_code",
                        f"Đơn vị «{parent_unit.code}» không thuộc đơn vị này; chỉ "
                        f"đăng ký được đơn vị dưới «{own}» hoặc dưới một đơn vị "
                        "trực thuộc của nó.",
                    )
                elif is_closed(parent_unit, self.today()):
                    p.add(
                        "parent_code",
                        f"Đơn vị «{parent_unit.code}» đã thôi hoạt động (đến "
                        f"hết ngày {parent_unit.valid_to:%d/%m/%Y}); không "
                        "đăng ký đơn vị mới dưới nó được.",
                    )
            p.raise_if_any()
            assert parent is not None
            unit = validate_unit(
                Unit(
                    code=code,
                    name=name,
                    parent_code=parent.code,
                    level=level,
                    short_name=short_name,
                    place_name=place_name or parent.place_name or "Lai Châu",
                    valid_from=valid_from,
                )
            )
            units_repo.save_unit(s, unit)
        return unit

    def check_closing(self, s: Session, unit: Unit, on: date) -> None:
        """Refuse closing ``unit`` on ``on`` (a problem on ``valid_to``): this installation's
        own unit, a unit not below it, or one with units below it still open after ``on``."""
        own = units_repo.get_setting(s, OWN_UNIT)
        tree = UnitTree(units_repo.all_units(s))
        p = Problems()
        if own and same_code(unit.code, own):
            p.add("valid_to", "Không thể cho thôi hoạt động đơn vị của chính máy này.")
        elif (
            own
            and unit.code not in (mine := tree.subtree_codes(own))
            and (unit.parent_code not in mine)
        ):
            p.add(
                "valid_to",
                f"Đơn vị «{unit.code}» không thuộc đơn vị này; chỉ đơn vị cấp trên "
                "của nó mới cho thôi hoạt động được.",
            )
        elif unit.valid_from and on < unit.valid_from:
            p.add(
                "valid_to",
                "Ngày thôi hoạt động phải sau ngày bắt đầu hoạt động "
                f"({unit.valid_from:%d/%m/%Y}).",
            )
        else:
            still_open = by_vietnamese_name(
                u
                for u in tree.children.get(unit.code, [])
                if u.code != unit.code and (u.valid_to is None or u.valid_to > on)
            )
            if still_open:
                names = ", ".join(f"{u.name} ({u.code})" for u in still_open[:5])
                more = f" và {len(still_open) - 5} đơn vị khác" if len(still_open) > 5 else ""
                p.add(
                    "valid_to",
                    f"Đơn vị «{unit.code}» còn {len(still_open)} đơn vị trực thuộc "
                    f"đang hoạt động: {names}{more}. Hãy cho các đơn vị đó thôi "
                    "hoạt động (hoặc chuyển sang đơn vị khác) trước.",
                )
        p.raise_if_any()

    def close_unit(self, code: str, on: date) -> Unit:
        """Set the day a unit below this one stops (``valid_to``)."""
        with self.db.transaction() as s:
            row = rollout_repo.find_unit_folded(s, normalise_code(code))
            if row is None:
                raise NotFoundError(f"Không có đơn vị mã «{normalise_code(code)}» trong danh mục.")
            unit = units_repo.unit_from_row(row)
            self.check_closing(s, unit, on)
            unit.valid_to = on
            units_repo.save_unit(s, validate_unit(unit))
        return unit

    # --- declaring this installation's unit by hand --------------------------------------------

    def ensure_parent(self, s: Session, parent_code: str, parent_name: str | None) -> str:
        """The stored code of the parent, creating it from ``parent_name`` when unknown."""
        row = rollout_repo.find_unit_folded(s, parent_code)
        if row is not None:
            return row.code
        parent_code = check_code(parent_code, "parent_code")
        if not clean_text(parent_name):
            p = Problems()
            p.add("parent_code", _no_parent_message(parent_code))
            p.raise_if_any()
        # A stand-in for the level above, origin "package": its own catalogue refreshes it.
        parent = validate_unit(Unit(code=parent_code, name=parent_name or ""))
        units_repo.save_unit(s, parent, origin="package")
        return parent.code

    # --- starting from the catalogue of the level above ---------------------------------------

    @staticmethod
    def _read_catalogue(data: bytes) -> Any:
        from ..exchange.package import read_package

        pkg = read_package(data)
        if pkg.kind != "catalogue":
            raise ConflictError(
                f"Tệp này (gói của đơn vị «{pkg.unit_code}») không phải gói danh mục của cấp "
                "trên. Hãy xin cấp trên tệp danh mục: trên màn hình «Gửi báo cáo», nút «Xuất "
                "danh mục cho đơn vị trực thuộc…» (hoặc lệnh lai-chau-desk export-catalogue)."
            )
        return pkg

    def preview_catalogue(self, data: bytes) -> CataloguePreview:
        """Verify a catalogue package and say who issued it and whom it registers."""
        from .catalogue import directives_from_json, indicators_from_json, units_from_json

        pkg = self._read_catalogue(data)
        units = units_from_json(pkg.payload)
        today = self.today()
        registered = by_vietnamese_name(
            u
            for u in units
            if same_code(u.parent_code, pkg.unit_code)
            and not same_code(u.code, pkg.unit_code)
            and not is_closed(u, today)
        )
        return CataloguePreview(
            issuer_code=pkg.unit_code,
            issuer_name=pkg.unit_name,
            fingerprint=pkg.fingerprint,
            revision=pkg.revision,
            created_at=str(pkg.manifest.get("created_at", "")),
            registered=registered,
            counts={
                "directives": len(directives_from_json(pkg.payload)),
                "indicators": len(indicators_from_json(pkg.payload)),
                "units": len(units),
            },
        )

    def init_from_catalogue(self, data: bytes, unit_code: str) -> CatalogueStart:
        """Apply the catalogue, take unit ``unit_code`` as registered there, and pin the
        issuer's key as the parent's. Refused (nothing changed) when the code is not one the
        issuer registered for a unit below it."""
        from .exchange_catalogue import apply_catalogue

        preview = self.preview_catalogue(data)
        pkg = self._read_catalogue(data)
        wanted = code_key(unit_code)
        chosen = next((u for u in preview.registered if code_key(u.code) == wanted), None)
        if chosen is None:
            if preview.registered:
                listed = ", ".join(f"{u.code} ({u.name})" for u in preview.registered)
                raise NotFoundError(
                    f"Mã «{normalise_code(unit_code)}» không có trong các đơn vị mà "
                    f"{preview.issuer_name} đăng ký trong gói này. Các mã đã đăng ký: {listed}."
                )
            raise NotFoundError(
                f"Gói danh mục của {preview.issuer_name} chưa đăng ký đơn vị trực "
                "thuộc nào. Đề nghị cấp trên đăng ký đơn vị (unit add) rồi xuất "
                "lại gói danh mục."
            )
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.db.transaction() as s:
            issuer = pkg.manifest["unit"]
            pin = rollout_repo.current_pin(s, pkg.unit_code)
            if pin is not None and pin[0] != pkg.public_key:
                raise ConflictError(
                    f"Máy này đã ghi nhận một khóa ký khác của «{pkg.unit_code}» (dấu vân tay "
                    f"{pin[1]}; trong gói: {pkg.fingerprint}). Không thay khóa khi chưa xác minh."
                )
            applied = apply_catalogue(s, pkg.payload)
            if units_repo.find_unit(s, pkg.unit_code) is None:
                units_repo.save_unit(
                    s,
                    validate_unit(
                        Unit(
                            code=pkg.unit_code,
                            name=issuer["name"],
                            parent_code=issuer.get("parent_code"),
                        )
                    ),
                    origin="package",
                )
            # the unit as the issuer registered it, even over a local copy of that code
            local = rollout_repo.find_unit_folded(s, chosen.code)
            if local is not None and local.code != chosen.code:
                local.code = chosen.code  # the same unit, its code written as the issuer does
                s.flush()
            unit = validate_unit(chosen)
            units_repo.save_unit(s, unit, origin="package")
            pinned = rollout_repo.pin_key(
                s, pkg.unit_code, pkg.public_key, pkg.fingerprint, PIN_HOW, now
            )
            units_repo.set_setting(s, OWN_UNIT, unit.code)
            if units_repo.get_profile(s, unit.code) is None:
                units_repo.save_profile(
                    s,
                    UnitProfile(
                        unit_code=unit.code,
                        parent_body=issuer["name"].upper(),
                        issuing_body=unit.name.upper(),
                        place_name=unit.place_name or "Lai Châu",
                    ),
                )
        return CatalogueStart(preview=preview, unit=unit, applied=applied, pinned=pinned)
