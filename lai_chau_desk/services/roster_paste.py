"""Rows copied from Excel and pasted into the roster (Ctrl+V on the Members screen).

The pasted cells go through the parsing and checks of the XLSX import (:class:`RosterIO`:
column titles recognised the same way, genders, years, "x" marks, legacy fonts, then
``validate_member``). A person already on the roster (same name and year of birth, or the
same name when no year is pasted and only one person has it) is updated with the pasted
columns; anyone else is added. :meth:`RosterPaste.preview_paste` writes nothing; then
:meth:`RosterPaste.apply_paste` writes every valid row in one transaction and returns what
:meth:`RosterPaste.undo_paste` needs to put the roster back as it was.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field

from ..domain.errors import ConflictError, ValidationError
from ..domain.members import Member, validate_member
from ..domain.text import fold_for_search
from ..storage import members_repo
from . import roster_columns as cols
from .roster_io import RosterIO

# Without a header row, the pasted columns are read in the order of the roster list.
PASTE_COLUMNS: tuple[str, ...] = (
    "full_name",
    "gender",
    "birth",
    "ethnicity",
    "is_union_member",
    "position",
    "department",
)
# The member attributes each import field sets (the columns a paste may change).
_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "full_name": ("full_name",),
    "gender": ("gender",),
    "female": ("gender",),
    "male": ("gender",),
    "birth": ("birth_year",),
    "ethnicity": ("ethnicity",),
    "is_union_member": ("is_union_member",),
    "position": ("position",),
    "department": ("department",),
    "active_from": ("active_from",),
    "active_to": ("active_to",),
}

ADD, UPDATE, SAME, REPEAT, ERROR = "add", "update", "same", "repeat", "error"


@dataclass
class PasteRow:
    """One pasted row: what it becomes (``add``, ``update``, ``same`` = already so,
    ``repeat`` = pasted twice, ``error``) and the member as it will be stored."""

    row_number: int  # 1-based, among the pasted lines
    member: Member
    action: str
    problems: list[str] = field(default_factory=list)
    before: Member | None = None  # the roster's member an update changes


@dataclass
class PastePreview:
    header: bool  # the first pasted line was a header row (column titles)
    mapping: dict[str, int]
    rows: list[PasteRow]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def changes(self) -> int:
        return self.count(ADD) + self.count(UPDATE)

    def summary(self) -> str:
        """E.g. "Thêm 3 người, cập nhật 1 người; bỏ qua 1 dòng lỗi"."""
        parts = [f"thêm {self.count(ADD)} người", f"cập nhật {self.count(UPDATE)} người"]
        skipped = []
        if self.count(SAME):
            skipped.append(f"{self.count(SAME)} dòng đã có đúng như vậy")
        if self.count(REPEAT):
            skipped.append(f"{self.count(REPEAT)} dòng dán trùng")
        if self.count(ERROR):
            skipped.append(f"{self.count(ERROR)} dòng lỗi")
        text = ", ".join(parts)
        if skipped:
            text += "; bỏ qua " + ", ".join(skipped)
        return text[:1].upper() + text[1:] + "."

    def problems(self) -> list[str]:
        """One line per row left out for a problem: "Dòng 3: …"."""
        return [f"Dòng {r.row_number}: {' '.join(r.problems)}" for r in self.rows if r.problems]


@dataclass
class PasteResult:
    """What a paste wrote, kept to undo it."""

    added: list[uuid.UUID]
    updated_before: list[Member]  # each updated member as it was before the paste

    @property
    def count(self) -> int:
        return len(self.added) + len(self.updated_before)


def _name_key(name: str) -> str:
    return fold_for_search(name)


class RosterPaste(RosterIO):
    """Paste into the own unit's roster: preview, apply in one transaction, undo."""

    def preview_paste(self, cells: list[list[str]]) -> PastePreview:
        """Parse pasted ``cells`` (rows × cells, as Excel copies them); nothing is written."""
        rows = [r for r in cells if any(c.strip() for c in r)]
        header = bool(rows) and cols.header_score(rows[0]) > 0
        if header:
            mapping = cols.guess_mapping(list(rows[0]))
            body, first = rows[1:], 2
        else:
            width = max((len(r) for r in rows), default=0)
            mapping = {name: i for i, name in enumerate(PASTE_COLUMNS[:width])}
            body, first = rows, 1
        preview = PastePreview(header, mapping, [])
        if "full_name" not in mapping:
            return preview
        unit = self.require_own_unit()
        with self.db.reading() as s:
            roster = members_repo.members_of(s, unit)
        by_key = {(_name_key(m.full_name), m.birth_year): m for m in roster}
        by_name: dict[str, list[Member]] = {}
        for m in roster:
            by_name.setdefault(_name_key(m.full_name), []).append(m)
        changed = {a for name in mapping for a in _ATTRIBUTES.get(name, ())}
        seen: set[tuple[str, int | None]] = set()
        for number, values in enumerate(body, start=first):
            cells_of: dict[str, object] = {
                name: (values[col] if col < len(values) else "") for name, col in mapping.items()
            }
            parsed = self._parse_row(number, cells_of, unit)
            m = parsed.member
            if parsed.problems:
                preview.rows.append(PasteRow(number, m, ERROR, parsed.problems))
                continue
            key = (_name_key(m.full_name), m.birth_year)
            if key in seen:
                preview.rows.append(PasteRow(number, m, REPEAT))
                continue
            seen.add(key)
            existing = by_key.get(key)
            if existing is None and "birth" not in mapping:
                same_name = by_name.get(key[0], [])
                existing = same_name[0] if len(same_name) == 1 else None
            if existing is None:
                preview.rows.append(PasteRow(number, m, ADD))
                continue
            updated = dataclasses.replace(
                existing, **{a: getattr(m, a) for a in changed if a != "full_name"}
            )
            try:
                validate_member(updated, self.today())
            except ValidationError as exc:
                problems = [p.message for p in exc.problems]
                preview.rows.append(PasteRow(number, updated, ERROR, problems, existing))
                continue
            action = SAME if updated == existing else UPDATE
            preview.rows.append(PasteRow(number, updated, action, before=existing))
        return preview

    def apply_paste(self, preview: PastePreview) -> PasteResult:
        """Add and update the rows of ``preview`` in ONE transaction (all or nothing)."""
        unit = self.require_own_unit()
        result = PasteResult([], [])
        adds = [
            dataclasses.replace(r.member, id=uuid.uuid4(), unit_code=unit)
            for r in preview.rows
            if r.action == ADD
        ]
        updates = [r for r in preview.rows if r.action == UPDATE]
        with self.db.transaction() as s:
            for r in updates:
                if not members_repo.update_member(s, r.member):
                    raise ConflictError(
                        f"«{r.member.full_name}» không còn trong danh sách; hãy dán lại."
                    )
                assert r.before is not None
                result.updated_before.append(r.before)
            members_repo.insert_members(s, adds)
        result.added = [m.id for m in adds]
        return result

    def undo_paste(self, result: PasteResult) -> None:
        """Put the roster back as before the paste: remove who it added, restore who it
        changed (one transaction)."""
        with self.db.transaction() as s:
            for member_id in result.added:
                members_repo.delete_member(s, member_id)
            for before in result.updated_before:
                members_repo.update_member(s, before)
