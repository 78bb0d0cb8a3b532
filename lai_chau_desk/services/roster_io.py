"""Importing the member roster from Excel and exporting it back (no Qt; openpyxl lazily).

The import is two steps: :meth:`RosterIO.preview_import` parses every row into a
:class:`Member` with its problems and duplicate status, without writing anything; then
:meth:`RosterIO.apply_import` writes the valid rows in one transaction (all or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.members import Member, validate_member
from ..domain.text import fold_for_search, name_sort_key
from ..storage import members_repo
from . import roster_columns as cols
from .base import Cancel, Cancelled, Progress, ServiceBase, never_cancel, no_progress
from .roster_sheet import RosterFileError, load_sheet, write_atomically

__all__ = [
    "ImportPreview",
    "ImportResult",
    "PreviewRow",
    "RosterFileError",
    "RosterIO",
    "WorkbookPreview",
]

PREVIEW_ROWS = 20
HEADER_SCAN_ROWS = 30
CHUNK = 1000

OK, DUPLICATE, ERROR = "ok", "duplicate", "error"


@dataclass
class WorkbookPreview:
    """What a workbook holds, to let the user choose the sheet, header row and columns."""

    path: str
    sheet_names: list[str]
    sheet: str
    header_row: int  # 1-based row number in the sheet
    header_guessed: bool  # False when no row looked like a header (row 1 is assumed)
    headers: list[str]  # display text of the header row, one per column
    rows: list[list[str]]  # display text of the first rows below the header
    mapping: cols.Mapping  # proposed target field -> 0-based column
    row_count: int  # rows in the sheet
    column_count: int


@dataclass
class PreviewRow:
    """One data row of the file, parsed."""

    row_number: int  # 1-based, as Excel shows it
    member: Member
    problems: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # Vietnamese description of what it duplicates
    converted: bool = False  # a legacy (TCVN3/VNI) cell was converted
    # the duplicate key of ``member`` and the (name, birth year) it was computed from
    _key: tuple[str, int | None] | None = field(default=None, repr=False, compare=False)
    _key_of: tuple[str, int | None] | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, int | None]:
        """The member's duplicate key (folded name, birth year), computed once per name."""
        of = (self.member.full_name, self.member.birth_year)
        if self._key is None or self._key_of != of:
            self._key, self._key_of = _member_key(self.member), of
        return self._key

    @property
    def status(self) -> str:
        if self.problems:
            return ERROR
        return DUPLICATE if self.duplicate_of else OK


@dataclass
class ImportPreview:
    """Every non-empty data row of a sheet, parsed, with the counts the dialog shows."""

    path: str
    sheet: str
    header_row: int
    mapping: cols.Mapping
    rows: list[PreviewRow]
    empty_rows: int = 0
    # Set once an import of these rows has been committed: its members' ids are then taken,
    # so importing the same preview again gives its rows new ids.
    applied: bool = field(default=False, repr=False, compare=False)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def converted_rows(self) -> int:
        return sum(1 for r in self.rows if r.converted)

    def summary(self) -> str:
        """E.g. "45 dòng hợp lệ, 3 trùng, 2 lỗi"."""
        return (
            f"{self.count(OK)} dòng hợp lệ, {self.count(DUPLICATE)} trùng, {self.count(ERROR)} lỗi"
        )


@dataclass
class ImportResult:
    added: int
    skipped_duplicates: int
    skipped_errors: int
    problems: list[tuple[int, str]]  # (row number, Vietnamese message) of every skipped row


def _member_key(m: Member) -> tuple[str, int | None]:
    return fold_for_search(m.full_name), m.birth_year


class RosterIO(ServiceBase):
    """Excel import and export of the own unit's roster."""

    # ------------------------------------------------------------------ reading
    def read_workbook(
        self, path: Path | str, sheet: str | None = None, header_row: int | None = None
    ) -> WorkbookPreview:
        """Open the workbook, guess the header row (unless given) and the column mapping."""
        data = load_sheet(path, sheet)
        guessed = True
        if header_row is None:
            scores = [
                cols.header_score(self._header_labels(data.rows, i + 1))
                for i in range(min(HEADER_SCAN_ROWS, len(data.rows)))
            ]
            best = max(range(len(scores)), key=lambda i: (scores[i], -i))
            guessed = scores[best] > 0
            header_row = best + 1 if guessed else 1
        if not 1 <= header_row <= len(data.rows):
            raise RosterFileError(f"Dòng tiêu đề {header_row} nằm ngoài trang “{data.sheet}”.")
        header = self._header_labels(data.rows, header_row)
        body = data.rows[header_row : header_row + PREVIEW_ROWS]
        return WorkbookPreview(
            path=str(path),
            sheet_names=list(data.sheet_names),
            sheet=data.sheet,
            header_row=header_row,
            header_guessed=guessed,
            headers=[cols.text_value(v)[0] for v in header],
            rows=[[cols.cell_text(v) for v in r] for r in body],
            mapping=cols.guess_mapping(list(header)),
            row_count=len(data.rows),
            column_count=data.width,
        )

    @staticmethod
    def _header_labels(rows: tuple[tuple[object, ...], ...], header_row: int) -> list[object]:
        """The header row's values; an empty cell takes the title above it (a cell merged
        down over two header rows keeps its value only in the upper row)."""
        labels = list(rows[header_row - 1])
        if header_row >= 2:
            above = rows[header_row - 2]
            labels = [v if cols.cell_text(v).strip() else above[i] for i, v in enumerate(labels)]
        return labels

    def preview_import(
        self, path: Path | str, sheet: str | None, mapping: cols.Mapping, header_row: int
    ) -> ImportPreview:
        """Parse every row below ``header_row`` with ``mapping``; nothing is written."""
        data = load_sheet(path, sheet)
        if "full_name" not in mapping:
            raise RosterFileError("Chưa chọn cột Họ và tên.")
        for name, col in mapping.items():
            if name not in cols.TARGET_FIELDS or not 0 <= col < max(data.width, 1):
                raise RosterFileError(
                    f"Cột đã chọn cho “{cols.FIELD_TITLES.get(name, name)}” "
                    "không có trong trang tính."
                )
        unit = self.own_unit_code() or ""
        existing = self._existing_keys(unit) if unit else {}
        preview = ImportPreview(str(path), data.sheet, header_row, dict(mapping), [])
        seen: dict[tuple[str, int | None], int] = {}
        for index, values in enumerate(data.rows[header_row:], start=header_row + 1):
            cells = {name: values[col] for name, col in mapping.items()}
            if all(not cols.cell_text(v).strip() for v in cells.values()):
                preview.empty_rows += 1
                continue
            row = self._parse_row(index, cells, unit)
            key = row.key
            if key in seen:
                row.duplicate_of = f"Trùng với dòng {seen[key]} trong tệp."
            elif key in existing:
                row.duplicate_of = f"Đã có trong danh sách: {existing[key]}."
            if not row.problems:
                seen.setdefault(key, index)
            preview.rows.append(row)
        return preview

    def _existing_keys(self, unit: str) -> dict[tuple[str, int | None], str]:
        with self.db.reading() as s:
            members = members_repo.members_of(s, unit)
        return {_member_key(m): m.full_name for m in members}

    def _parse_row(self, number: int, cells: dict[str, object], unit: str) -> PreviewRow:
        problems: list[str] = []
        converted = False

        def text(name: str) -> str:
            nonlocal converted
            value, was_legacy = cols.text_value(cells.get(name))
            converted = converted or was_legacy
            return value

        def take(result: tuple) -> object:  # (value, problem)
            if result[1]:
                problems.append(result[1])
            return result[0]

        m = Member(full_name=text("full_name"), unit_code=unit)
        raw_name = cells.get("full_name")
        if isinstance(raw_name, int | float) and not isinstance(raw_name, bool):
            problems.append(
                f"Họ và tên là một con số (“{cols.cell_text(raw_name)}”), có lẽ đã chọn nhầm cột."
            )
        self._parse_gender_and_birth(m, cells, take)
        if "ethnicity" in cells:
            m.ethnicity = text("ethnicity") or m.ethnicity
        if "is_union_member" in cells:
            m.is_union_member = bool(take(cols.parse_union_member(cells["is_union_member"])))
        m.position, m.department = text("position"), text("department")
        m.active_from = take(cols.parse_date(cells.get("active_from"), "Ngày vào"))  # type: ignore[assignment]
        m.active_to = take(cols.parse_date(cells.get("active_to"), "Ngày thôi"))  # type: ignore[assignment]
        if not problems:
            try:
                validate_member(m, self.today())
            except ValidationError as exc:
                problems.extend(p.message for p in exc.problems)
        return PreviewRow(number, m, problems, converted=converted)

    @staticmethod
    def _parse_gender_and_birth(m: Member, cells: dict[str, object], take) -> None:  # noqa: ANN001
        """Gender from a Nam/Nữ column, or from tick columns; in the classic layout
        "Năm sinh: Nam | Nữ" the year itself is written in the tick column."""
        birth = take(cols.parse_birth_year(cells.get("birth")))
        for mark, gender in (("female", "nu"), ("male", "nam")):
            value = cells.get(mark)
            if "gender" not in cells and cols.is_marked(value):
                m.gender = gender
                year, _ = cols.parse_birth_year(value)
                birth = birth or year
                break
        else:
            if "gender" in cells:
                m.gender = take(cols.parse_gender(cells["gender"])) or m.gender  # type: ignore[assignment]
            elif "female" in cells:
                m.gender = "nam"
        m.birth_year = birth  # type: ignore[assignment]

    # ------------------------------------------------------------------ writing
    def apply_import(
        self,
        preview: ImportPreview,
        skip_duplicates: bool = True,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportResult:
        """Write the valid rows in ONE transaction; rows with problems are skipped (and, unless
        ``skip_duplicates`` is False, duplicates too). Cancelled: nothing is written."""
        progress, cancel = progress or no_progress, cancel or never_cancel
        unit = self.require_own_unit()
        result = ImportResult(0, 0, 0, [])
        wanted: list[PreviewRow] = []
        for row in preview.rows:
            if row.status == ERROR:
                result.skipped_errors += 1
                result.problems.append((row.row_number, " ".join(row.problems)))
            elif row.status == DUPLICATE and skip_duplicates:
                result.skipped_duplicates += 1
                result.problems.append((row.row_number, row.duplicate_of))
            else:
                wanted.append(row)
        if cancel():
            raise Cancelled()
        with self.db.transaction(bulk=True) as s:
            # The roster may have changed since the preview: check duplicates again, inside.
            existing = {
                (fold_for_search(name), year) for name, year in members_repo.member_keys(s, unit)
            }
            batch: list[Member] = []
            for done, row in enumerate(wanted, start=1):
                key = row.key  # computed by the preview (again if the row was edited since)
                if skip_duplicates and key in existing:
                    result.skipped_duplicates += 1
                    result.problems.append((row.row_number, "Đã có trong danh sách."))
                else:
                    existing.add(key)
                    batch.append(row.member)
                if len(batch) >= CHUNK or done == len(wanted):
                    # each row written under the own unit, with the id its member was
                    # given by the preview (a new one when this preview was applied before)
                    result.added += members_repo.bulk_insert_members(
                        s, batch, unit, new_ids=preview.applied
                    )
                    batch = []
                    if cancel():
                        raise Cancelled()  # rolls the whole transaction back
                    progress(done, len(wanted))
            if cancel():
                raise Cancelled()
        preview.applied = True
        progress(len(wanted), len(wanted))
        return result

    def export_xlsx(self, path: Path | str) -> int:
        """Write the own unit's roster to ``path`` (Vietnamese name order, frozen header).
        Returns the number of members written."""
        unit = self.require_own_unit()
        with self.db.reading() as s:
            members = members_repo.members_of(s, unit)
        members.sort(key=lambda m: name_sort_key(m.full_name))
        write_atomically(path, lambda tmp: _write_workbook(tmp, members))
        return len(members)


EXPORT_FIELDS = (
    "full_name",
    "gender",
    "birth",
    "ethnicity",
    "is_union_member",
    "position",
    "department",
    "active_from",
    "active_to",
)


def _export_values(number: int, m: Member) -> list[object]:
    return [
        number,
        m.full_name,
        "Nữ" if m.gender == "nu" else "Nam",
        m.birth_year,
        m.ethnicity,
        "x" if m.is_union_member else "",
        m.position,
        m.department,
        m.active_from,
        m.active_to,
    ]


def _write_workbook(target: Path, members: list[Member]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đoàn viên")
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (6, 30, 9, 9, 12, 10, 22, 22, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for title in ["STT", *(cols.FIELD_TITLES[f] for f in EXPORT_FIELDS)]:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for number, m in enumerate(members, start=1):
        row: list[object] = []
        for value in _export_values(number, m):
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # text, never a formula
                value = cell
            elif isinstance(value, date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "DD/MM/YYYY"
                value = cell
            row.append(value)
        ws.append(row)
    # Built in memory, written in one call: on a full disk a half-written ZipFile left open
    # would fail again when collected; write_atomically removes the partial file.
    from io import BytesIO

    buffer = BytesIO()
    wb.save(buffer)
    Path(target).write_bytes(buffer.getvalue())
