"""Excel import and export of the member roster, on workbooks generated here with openpyxl."""

from __future__ import annotations

import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.members import Member
from lai_chau_desk.services import roster_sheet
from lai_chau_desk.services.base import Cancelled
from lai_chau_desk.services.roster_io import DUPLICATE, ERROR, OK
from lai_chau_desk.services.roster_sheet import RosterFileError
from tests.conftest import TODAY


def write_xlsx(path: Path, rows: list[list[object]], title: str = "DS") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Đoàn viên",
    "Chức vụ",
    "Bộ phận",
    "Ngày vào",
]


@pytest.fixture
def mixed_file(tmp_path: Path) -> Path:
    """Title rows, header on row 3, Unicode, TCVN3, VNI, decomposed text, bad data."""
    decomposed = unicodedata.normalize("NFD", "Lò Thị Hương")
    rows = [
        ["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN TRƯỜNG THCS"],
        [],
        HEADER,
        [1, "Nguyễn Văn An", "Nam", 1985, "Kinh", "x", "Giáo viên", "Tổ Toán", date(2010, 9, 5)],
        [2, "NguyÔn ThÞ B×nh", "N÷", 1990, "Th¸i", "cã", "Tæ tr­ëng", "Tæ V¨n", "01/09/2015"],
        [3, "Nguyeãn Vaên Cöôøng", "Nam", "1979", "Kinh", "khoâng", "", "Toå Toaùn", None],
        [4, decomposed, "Nữ", datetime(1992, 3, 4), "Thái", "x", "Kế toán", "Văn phòng", None],
        [5, "Nguyễn Văn An", "nam", 1985.0, "Kinh", "x", "", "", None],  # duplicate of row 4
        [6, "Trần Văn Lỗi", "Nam", "năm 80", "Kinh", "x", "", "", None],  # bad year
        [None, None, None, None, None, None, None, None, None],  # empty row
        [7, "Phạm Thị Nhỏ", "Nữ", 2020, "Kinh", "x", "", "", None],  # too young
        [8, 12345, "Nam", 1980, "Kinh", "x", "", "", None],  # a number as name
        [9, "Vàng A Sử", "Gà", 1970, "Mông", "x", "", "", None],  # unknown gender
    ]
    return write_xlsx(tmp_path / "ds.xlsx", rows)


def test_read_workbook_guesses_header_under_title_and_mapping(unit_suite, mixed_file):
    wp = unit_suite.roster_io.read_workbook(mixed_file)
    assert wp.sheet_names == ["DS"] and wp.sheet == "DS"
    assert wp.header_row == 3 and wp.header_guessed
    assert wp.mapping == {
        "full_name": 1,
        "gender": 2,
        "birth": 3,
        "ethnicity": 4,
        "is_union_member": 5,
        "position": 6,
        "department": 7,
        "active_from": 8,
    }
    assert wp.rows[0][1] == "Nguyễn Văn An"
    assert wp.column_count == 9


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("Ho va ten", "full_name"),
        ("Hä vµ tªn", "full_name"),
        ("Hoï vaø teân", "full_name"),  # TCVN3, VNI
        ("Giới tính", "gender"),
        ("Nam/Nữ", "gender"),
        ("Nữ", "female"),
        ("N÷", "female"),
        ("Năm sinh", "birth"),
        ("Ngày sinh", "birth"),
        ("Ngày, tháng, năm sinh", "birth"),
        ("Dân tộc", "ethnicity"),
        ("Dan toc", "ethnicity"),
        ("Đoàn viên", "is_union_member"),
        ("Chức vụ", "position"),
        ("Bộ phận", "department"),
        ("Tổ", "department"),
        ("Phòng", "department"),
        ("Tổ chuyên môn", "department"),
        ("Ngày vào", "active_from"),
        ("Ngày vào công đoàn", "active_from"),
        ("STT", None),
        ("Ghi chú", None),
    ],
)
def test_headers_recognised(header, field):
    from lai_chau_desk.services.roster_columns import field_for_header

    assert field_for_header(header) == field


def test_preview_converts_legacy_text_and_flags_problems(unit_suite, mixed_file):
    io = unit_suite.roster_io
    wp = io.read_workbook(mixed_file)
    pv = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    by_row = {r.row_number: r for r in pv.rows}
    assert pv.empty_rows == 1 and len(pv.rows) == 9
    binh = by_row[5].member
    assert (binh.full_name, binh.gender, binh.ethnicity, binh.position, binh.department) == (
        "Nguyễn Thị Bình",
        "nu",
        "Thái",
        "Tổ trưởng",
        "Tổ Văn",
    )
    assert binh.active_from == date(2015, 9, 1) and by_row[5].converted
    cuong = by_row[6].member
    assert (cuong.full_name, cuong.birth_year, cuong.is_union_member, cuong.department) == (
        "Nguyễn Văn Cường",
        1979,
        False,
        "Tổ Toán",
    )
    huong = by_row[7].member
    assert huong.full_name == "Lò Thị Hương" and unicodedata.is_normalized("NFC", huong.full_name)
    assert huong.birth_year == 1992 and by_row[7].status == OK
    assert by_row[4].member.active_from == date(2010, 9, 5)
    assert by_row[8].status == DUPLICATE and "dòng 4" in by_row[8].duplicate_of
    assert by_row[9].status == ERROR and "Năm sinh" in by_row[9].problems[0]
    assert by_row[11].status == ERROR and "2020" in by_row[11].problems[0]
    assert by_row[12].status == ERROR and "con số" in by_row[12].problems[0]
    assert by_row[13].status == ERROR and "Giới tính" in by_row[13].problems[0]
    assert pv.summary() == "4 dòng hợp lệ, 1 trùng, 4 lỗi"


def test_apply_imports_valid_rows_and_reports_the_rest(unit_suite, mixed_file):
    io = unit_suite.roster_io
    wp = io.read_workbook(mixed_file)
    pv = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    seen: list[tuple[int, int]] = []
    result = io.apply_import(pv, progress=lambda d, t: seen.append((d, t)))
    assert (result.added, result.skipped_duplicates, result.skipped_errors) == (4, 1, 4)
    assert {n for n, _ in result.problems} == {8, 9, 11, 12, 13}
    names = [m.full_name for m in unit_suite.members.list()]
    assert names == ["Nguyễn Văn An", "Nguyễn Thị Bình", "Nguyễn Văn Cường", "Lò Thị Hương"]
    assert seen[-1] == (4, 4)
    # The same file again: every valid row is now a duplicate of the roster.
    again = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    assert again.count(OK) == 0 and again.count(DUPLICATE) == 5
    assert "Đã có trong danh sách" in again.rows[0].duplicate_of
    assert io.apply_import(again).added == 0
    assert len(unit_suite.members.list()) == 4


def test_duplicates_can_be_imported_on_request(unit_suite, mixed_file):
    io = unit_suite.roster_io
    wp = io.read_workbook(mixed_file)
    pv = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    assert io.apply_import(pv, skip_duplicates=False).added == 5


def test_cancel_writes_nothing(unit_suite, tmp_path):
    rows = [HEADER] + [
        [i, f"Người Thứ {i}", "Nam", 1980, "Kinh", "x", "", "", None] for i in range(2500)
    ]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    io = unit_suite.roster_io
    wp = io.read_workbook(path)
    pv = io.preview_import(path, wp.sheet, wp.mapping, wp.header_row)
    calls = {"n": 0}

    def cancel_after_first_chunk() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(Cancelled):
        io.apply_import(pv, cancel=cancel_after_first_chunk)
    assert unit_suite.members.list() == []
    assert io.apply_import(pv).added == 2500


def test_tick_columns_and_classic_birth_layout(unit_suite, tmp_path):
    """ "Năm sinh" merged over "Nam | Nữ": the year is written under the person's gender."""
    rows = [
        ["TT", "Họ và tên", "Năm sinh", None, "Dân tộc"],
        [None, None, "Nam", "Nữ", None],
        [1, "Lò Văn Sáng", 1975, None, "Thái"],
        [2, "Tòng Thị Ánh", None, 1988, "Thái"],
    ]
    path = write_xlsx(tmp_path / "classic.xlsx", rows)
    io = unit_suite.roster_io
    wp = io.read_workbook(path)
    assert wp.header_row == 2
    assert wp.mapping == {"full_name": 1, "male": 2, "female": 3, "ethnicity": 4}
    pv = io.preview_import(path, wp.sheet, wp.mapping, wp.header_row)
    got = [(r.member.full_name, r.member.gender, r.member.birth_year) for r in pv.rows]
    assert got == [("Lò Văn Sáng", "nam", 1975), ("Tòng Thị Ánh", "nu", 1988)]


def test_female_x_column(unit_suite, tmp_path):
    rows = [
        ["Họ tên", "Nữ", "Ngày sinh"],
        ["Lê Văn Tám", None, "12/05/1980"],
        ["Lê Thị Chín", "x", date(1991, 1, 2)],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows)
    io = unit_suite.roster_io
    wp = io.read_workbook(path)
    pv = io.preview_import(path, wp.sheet, wp.mapping, wp.header_row)
    assert [(r.member.gender, r.member.birth_year) for r in pv.rows] == [
        ("nam", 1980),
        ("nu", 1991),
    ]


@pytest.mark.parametrize("content", [b"", b"hello, not excel", b"PK\x03\x04broken zip"])
def test_not_an_xlsx_is_refused_clearly(unit_suite, tmp_path, content):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(RosterFileError, match="không phải|hỏng"):
        unit_suite.roster_io.read_workbook(path)


def test_old_xls_and_zip_without_workbook(unit_suite, tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(roster_sheet._OLE_MAGIC + b"\0" * 512)
    with pytest.raises(RosterFileError, match=r"\.xls"):
        unit_suite.roster_io.read_workbook(old)
    z = tmp_path / "z.xlsx"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(RosterFileError, match="không phải bảng tính"):
        unit_suite.roster_io.read_workbook(z)
    with pytest.raises(RosterFileError, match="Không tìm thấy"):
        unit_suite.roster_io.read_workbook(tmp_path / "missing.xlsx")


def test_empty_sheet_and_unknown_sheet(unit_suite, tmp_path):
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(RosterFileError, match="không có dữ liệu"):
        unit_suite.roster_io.read_workbook(path)
    full = write_xlsx(tmp_path / "full.xlsx", [HEADER])
    with pytest.raises(RosterFileError, match="không có trang"):
        unit_suite.roster_io.read_workbook(full, sheet="Khác")


def test_merged_header_cells_and_formulas(unit_suite, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH"])
    ws.merge_cells("A1:D1")
    ws.append(["Họ và tên", "Giới tính", "Năm sinh", "Tuổi"])
    ws.append(["Hà Văn Một", "Nam", 1980, "=2026-C3"])
    ws.append(['="Hà Văn "&"Hai"', "Nam", 1981, None])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    io = unit_suite.roster_io
    wp = io.read_workbook(path)
    assert wp.header_row == 2
    pv = io.preview_import(path, wp.sheet, wp.mapping, wp.header_row)
    # A formula with no value computed by Excel reads as empty: a clear problem, no crash.
    assert pv.rows[0].status == OK
    assert pv.rows[1].status == ERROR and "Họ và tên" in pv.rows[1].problems[0]


def test_mapping_without_name_or_outside_sheet_is_refused(unit_suite, mixed_file):
    io = unit_suite.roster_io
    with pytest.raises(RosterFileError, match="Họ và tên"):
        io.preview_import(mixed_file, "DS", {"gender": 2}, 3)
    with pytest.raises(RosterFileError, match="không có trong trang"):
        io.preview_import(mixed_file, "DS", {"full_name": 40}, 3)


def test_too_many_rows_is_refused(unit_suite, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "many.xlsx", [HEADER] + [[i, f"A {i}"] for i in range(30)])
    monkeypatch.setattr(roster_sheet, "MAX_ROWS", 20)
    with pytest.raises(RosterFileError, match="quá nhiều"):
        unit_suite.roster_io.read_workbook(path)


def _roster(suite) -> list[tuple]:
    return [
        (
            m.full_name,
            m.gender,
            m.birth_year,
            m.ethnicity,
            m.is_union_member,
            m.position,
            m.department,
            m.active_from,
            m.active_to,
        )
        for m in suite.members.list()
    ]


def test_export_sorted_frozen_then_round_trip(unit_suite, tmp_path):
    members = [
        Member("Trần Thị Bình", "nu", 1990, "Thái", True, "Tổ trưởng", "Tổ Văn", date(2015, 9, 1)),
        Member("Nguyễn Văn An", "nam", 1985, "Kinh", False, "", "", None, date(2020, 1, 31)),
        Member("Lê Văn Bình", "nam", None, "Mông", True, "=cmd", "Văn phòng"),
    ]
    unit_suite.members.add_many(members)
    out = tmp_path / "xuat" / "roster.xlsx"
    out.parent.mkdir()
    assert unit_suite.roster_io.export_xlsx(out) == 3
    assert [p.name for p in out.parent.iterdir()] == ["roster.xlsx"]  # no temp file left
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:4] == ["STT", "Họ và tên", "Giới tính", "Năm sinh"]
    assert [ws.cell(r, 2).value for r in (2, 3, 4)] == [
        "Nguyễn Văn An",
        "Lê Văn Bình",
        "Trần Thị Bình",
    ]
    assert ws.cell(3, 7).value == "=cmd" and ws.cell(3, 7).data_type == "s"

    fresh = open_database(tmp_path / "fresh.db", today=lambda: TODAY)
    try:
        fresh.units.init_own_unit("CDCS-KHAC", "Công đoàn cơ sở Khác", "CDVC-LC")
        wp = fresh.roster_io.read_workbook(out)
        pv = fresh.roster_io.preview_import(out, wp.sheet, wp.mapping, wp.header_row)
        assert pv.count(OK) == 3, [r.problems for r in pv.rows]
        fresh.roster_io.apply_import(pv)
        assert _roster(fresh) == _roster(unit_suite)
    finally:
        fresh.close()


def test_export_refuses_unwritable_target_cleanly(unit_suite, tmp_path):
    unit_suite.members.add(Member("Nguyễn Văn An"))
    target = tmp_path / "no-such-dir" / "x.xlsx"
    with pytest.raises(RosterFileError, match="Không ghi được"):
        unit_suite.roster_io.export_xlsx(target)


def _stored_members(db_path: Path) -> list[tuple]:
    """Every member row as stored (the id only checked for its form: new ones are random)."""
    import sqlite3

    with sqlite3.connect(db_path) as c:
        rows = c.execute(
            "SELECT id, full_name, gender, birth_year, ethnicity, is_union_member, position, "
            "department, active_from, active_to, unit_code FROM member "
            "ORDER BY full_name, birth_year, position"
        ).fetchall()
    assert all(len(r[0]) == 32 and int(r[0], 16) >= 0 for r in rows)
    return [r[1:] for r in rows]


# The rows the import wrote before it moved from the ORM's bulk insert to Core executemany
# (recorded with that code): the same file must give exactly these, NFC text included.
ROWS_WRITTEN = [
    ("Lò Thị Hương", "nu", 1992, "Thái", 1, "Kế toán", "Văn phòng", None, None, "CDCS-THCS-TN"),
    (
        "Nguyễn Thị Bình",
        "nu",
        1990,
        "Thái",
        1,
        "Tổ trưởng",
        "Tổ Văn",
        "2015-09-01",
        None,
        "CDCS-THCS-TN",
    ),
    ("Nguyễn Văn An", "nam", 1985, "Kinh", 1, "", "", None, None, "CDCS-THCS-TN"),
    (
        "Nguyễn Văn An",
        "nam",
        1985,
        "Kinh",
        1,
        "Giáo viên",
        "Tổ Toán",
        "2010-09-05",
        None,
        "CDCS-THCS-TN",
    ),
    ("Nguyễn Văn Cường", "nam", 1979, "Kinh", 0, "", "Tổ Toán", None, None, "CDCS-THCS-TN"),
]


def test_import_writes_the_same_rows_as_before(unit_suite, mixed_file):
    io = unit_suite.roster_io
    wp = io.read_workbook(mixed_file)
    pv = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    ids_before = [r.member.id for r in pv.rows]
    assert io.apply_import(pv, skip_duplicates=False).added == 5
    rows = _stored_members(unit_suite.db.path)
    assert rows == ROWS_WRITTEN
    assert all(unicodedata.is_normalized("NFC", str(v)) for r in rows for v in r if v)
    # the preview is left as it was; its valid rows' members were written with their ids
    assert [r.member.id for r in pv.rows] == ids_before
    written = {m.id for m in unit_suite.members.list()}
    assert written == {r.member.id for r in pv.rows if r.status != ERROR}
    # applied again: every row a duplicate now, nothing written
    assert io.apply_import(pv).added == 0
    assert _stored_members(unit_suite.db.path) == ROWS_WRITTEN
    # and again with the duplicates: new rows with new ids (the preview's are taken)
    assert io.apply_import(pv, skip_duplicates=False).added == 5
    assert len(_stored_members(unit_suite.db.path)) == 10
    assert len({m.id for m in unit_suite.members.list()} - written) == 5


def test_a_cancelled_import_leaves_the_preview_applicable(unit_suite, mixed_file):
    io = unit_suite.roster_io
    wp = io.read_workbook(mixed_file)
    pv = io.preview_import(mixed_file, wp.sheet, wp.mapping, wp.header_row)
    with pytest.raises(Cancelled):
        io.apply_import(pv, cancel=lambda: True)
    assert not pv.applied and unit_suite.members.list() == []
    assert io.apply_import(pv).added == 4
    assert pv.applied
