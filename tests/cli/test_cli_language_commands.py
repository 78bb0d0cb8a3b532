"""The commands' own words in the run's language: `init`/`unit` (commands_admin), `export`/
`verify`/`import`/`status` (commands_exchange) and `report` (commands_report) speak English with
--lang en or an English LANG, Vietnamese by default, and their usual refusals from the layers
below (written there in Vietnamese) are said in English too (``i18n.refusals``). Vietnamese
output is byte for byte what it was; UTF-8 whatever the code page."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from lai_chau_desk.i18n import translator
from lai_chau_desk.i18n.refusals import REFUSALS, localized
from tests.cli.conftest import run_raw
from tests.conftest import ROOT

EN_LOCALE = {"LANG": "en_US.UTF-8"}
EN, VI = translator("en"), translator("vi")


def _run(
    *args: str, db: Path, env: dict[str, str] | None = None, encoding: str = "utf-8"
) -> subprocess.CompletedProcess:
    return run_raw("--db", str(db), *args, env=env, encoding=encoding)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("langcmd") / "unit.db"
    r = _run(
        "init",
        "--unit-code",
        "CDVC-LC",
        "--unit-name",
        "Công đoàn Viên chức tỉnh Lai Châu",
        db=path,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Đã khai báo đơn vị: CDVC-LC — Công đoàn Viên chức tỉnh Lai Châu")
    return path


# --- commands_admin ----------------------------------------------------------------------------


def test_admin_speaks_english_with_lang_en_and_an_english_locale(db: Path) -> None:
    for n, lang in enumerate((("--lang", "en"), ())):
        env = EN_LOCALE if not lang else None
        added = _run(
            *lang,
            "unit",
            "add",
            "--code",
            f"cdcs-{n}",
            "--name",
            "Công đoàn cơ sở Trường Mầm non",
            "--parent-code",
            "CDVC-LC",
            db=db,
            env=env,
        )
        assert added.returncode == 0, added.stderr
        assert added.stdout == (
            f"Registered the unit: CDCS-{n} — Công đoàn cơ sở Trường "
            "Mầm non (upper level: CDVC-LC). Export the catalogue package "
            "(export-catalogue) to send to the unit.\n"
        )
        own = _run(
            *lang, "unit", "close", "--code", "CDVC-LC", "--on", "2026-12-31", db=db, env=env
        )
        assert own.returncode == 1
        assert own.stderr == "lai-chau-desk: This computer's own unit cannot be closed.\n"
        dup = _run(
            *lang,
            "unit",
            "add",
            "--code",
            "CDCS-0",
            "--name",
            "X",
            "--parent-code",
            "CDVC-LC",
            db=db,
            env=env,
        )
        assert dup.returncode == 1
        assert (
            "Code «CDCS-0» is already in the directory: Công đoàn cơ sở Trường Mầm non "
            "(CDCS-0). Assign another code." in dup.stderr
        )
        bad = _run(
            *lang,
            "unit",
            "add",
            "--code",
            "bad code",
            "--name",
            "",
            "--parent-code",
            "NOPE",
            db=db,
            env=env,
        )
        assert bad.stderr.splitlines() == [
            "lai-chau-desk: Code «BAD CODE» is not valid. A unit code has only capital letters "
            "without accents (A–Z), digits, dots and hyphens, at most 40 characters (for "
            "example: CDCS-THCS-BANBO).",
            "lai-chau-desk: The unit name must not be empty.",
            "lai-chau-desk: There is no unit with code «NOPE» in the directory.",
        ]
    listed = _run("--lang", "en", "unit", "list", db=db)
    assert "CDCS-0\tCông đoàn cơ sở Trường Mầm non\t-\tupper level CDVC-LC\tactive" in listed.stdout
    assert re.search(r"\n\d+ units\.\n$", listed.stdout)
    usage = _run("--lang", "en", "init", "--unit-code", "X", db=db)
    assert (
        usage.returncode == 2 and 'usage error: --unit-name "Unit name" is needed' in usage.stderr
    )
    helped = _run("--lang", "en", "unit", "add", "--help", db=db)
    assert "register a unit below this one" not in helped.stdout  # the parent's help line
    assert "day the unit starts" in helped.stdout and "ngày" not in helped.stdout


def test_admin_is_vietnamese_by_default_exactly_as_before(db: Path) -> None:
    own = _run("unit", "close", "--code", "CDVC-LC", "--on", "2026-12-31", db=db)
    assert own.returncode == 1
    assert own.stderr == "lai-chau-desk: Không thể cho thôi hoạt động đơn vị của chính máy này.\n"
    bad = _run(
        "unit",
        "add",
        "--code",
        "bad code",
        "--name",
        "",
        "--parent-code",
        "NOPE",
        db=db,
        env={"LANG": "vi_VN.UTF-8"},
    )
    assert bad.stderr.splitlines()[1:] == [
        "lai-chau-desk: Tên đơn vị không được để trống.",
        "lai-chau-desk: Không có đơn vị mã «NOPE» trong danh mục.",
    ]
    listed = _run("unit", "list", db=db, encoding="cp1258")
    assert listed.returncode == 0, listed.stderr
    assert "CDVC-LC\tCông đoàn Viên chức tỉnh Lai Châu\t" in listed.stdout
    assert "cấp trên" in listed.stdout and re.search(r"\n\d+ đơn vị\.\n$", listed.stdout)
    usage = _run("init", "--unit-code", "X", db=db, encoding="cp1258")
    assert usage.returncode == 2 and usage.stderr == (
        'lai-chau-desk: lỗi cú pháp: cần --unit-name "Tên đơn vị" (hoặc --catalogue TỆP là gói '
        "danh mục của cấp trên đã đăng ký đơn vị này).\n"
    )
    helped = _run("unit", "add", "--help", db=db)
    assert (
        "ngày bắt đầu hoạt động" in helped.stdout and "cấp, ví dụ: Công đoàn cơ sở" in helped.stdout
    )


# --- commands_exchange -------------------------------------------------------------------------


def test_exchange_speaks_english_and_vietnamese(db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.lcdx"
    junk.write_bytes(b"not a package")
    for lang, env in ((("--lang", "en"), None), ((), EN_LOCALE)):
        v = _run(*lang, "verify", str(junk), db=db, env=env)
        assert v.returncode == 1
        assert v.stdout == "Not valid: The file is not a .lcdx report package (not a ZIP file).\n"
        i = _run(*lang, "import", str(junk), db=db, env=env)
        assert i.returncode == 1
        assert i.stdout == (
            f"{junk}: refused: The file is not a .lcdx report package (not a ZIP file).\n"
        )
        bad = _run(
            *lang, "export", "--period", "2026X9", "--out", str(tmp_path / "x.lcdx"), db=db, env=env
        )
        assert bad.returncode == 1 and bad.stderr == (
            "lai-chau-desk: Invalid report period code: «2026X9». Use the form 2026S1, 2026S2, "
            "2026 or 2026Q1.\n"
        )
    pkg = tmp_path / "bc.lcdx"
    out = _run("--lang", "en", "export", "--period", "2026S1", "--out", str(pkg), db=db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(
        f"Exported {pkg}: unit CDVC-LC, period 2026S1, revision 1 "
        "(a new revision).\nNo report of a unit below is included: "
        "none has been accepted yet (use --include-pending"
    )
    assert (
        "  Not included: CDCS-0 (Công đoàn cơ sở Trường Mầm non): no report received.\n"
        in out.stdout
    )
    assert "Signing key fingerprint: " in out.stdout
    ok = _run("--lang", "en", "verify", str(pkg), db=db)
    assert ok.returncode == 0 and ok.stdout.startswith(
        "Valid: report of CDVC-LC (Công đoàn Viên chức tỉnh Lai Châu), period 2026S1, "
        "revision 1, made at "
    )
    assert "\n  Sessions: 0\n  Attendances: 0\n" in ok.stdout
    status = _run("--lang", "en", "status", "--period", "2026S1", db=db)
    assert status.stdout.startswith("Period 2026S1, due ")
    assert re.search(r"  CDCS-0 +not sent  Công đoàn cơ sở Trường Mầm non\n", status.stdout)
    # Vietnamese by default, through a legacy code page
    vi = _run("verify", str(junk), db=db, encoding="cp1258")
    assert vi.stdout == "Không hợp lệ: Tệp không phải là gói báo cáo .lcdx (không phải tệp ZIP).\n"
    vi_ok = _run("verify", str(pkg), db=db, encoding="cp1258")
    assert vi_ok.stdout.startswith(
        "Hợp lệ: báo cáo của CDVC-LC (Công đoàn Viên chức tỉnh Lai "
        "Châu), kỳ 2026S1, lần 1, lập lúc "
    )
    assert "\n  Số buổi: 0\n  Lượt người tham dự: 0\n" in vi_ok.stdout
    vi_status = _run("status", "--period", "2026S1", db=db, encoding="cp1258")
    assert re.search(r"  CDCS-0 +chưa nộp  Công đoàn cơ sở Trường Mầm non\n", vi_status.stdout)
    again = _run("export", "--period", "2026S1", "--out", str(pkg), db=db, encoding="cp1258")
    assert again.stdout.startswith(
        f"Đã xuất {pkg}: đơn vị CDVC-LC, kỳ 2026S1, lần 1 (nội dung "
        "không đổi).\nKhông kèm báo cáo nào của đơn vị cấp dưới"
    )
    assert "UnicodeEncodeError" not in vi.stderr + vi_ok.stderr + again.stderr


# --- commands_report ---------------------------------------------------------------------------


def test_report_speaks_english_and_vietnamese(db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bc.pdf"
    for lang, env in ((("--lang", "en"), None), ((), EN_LOCALE)):
        bad = _run(*lang, "report", "--period", "2026S7", "--pdf", str(pdf), db=db, env=env)
        assert bad.returncode == 1
        assert bad.stderr == "lai-chau-desk: Invalid report period code: «2026S7».\n"
    en = _run("--lang", "en", "report", "--period", "2026S1", "--pdf", str(pdf), db=db)
    assert en.returncode == 0, en.stderr
    assert re.match(
        rf"Wrote report number \S+ \(6 tháng đầu năm 2026\): {re.escape(str(pdf))}\n", en.stdout
    )  # the report itself stays Vietnamese (report's own --lang)
    assert "Note: The signer's name has not been entered (Settings › Unit profile).\n" in en.stdout
    assert "Note: Section «III.2. Nguyên nhân» is empty.\n" in en.stdout
    vi = _run("report", "--period", "2026S1", "--pdf", str(pdf), db=db, encoding="cp1258")
    assert vi.returncode == 0, vi.stderr
    assert re.match(
        rf"Đã ghi báo cáo số \S+ \(6 tháng đầu năm 2026\): {re.escape(str(pdf))}\n", vi.stdout
    )
    assert "Lưu ý: Chưa nhập họ tên người ký (Cài đặt › Hồ sơ đơn vị).\n" in vi.stdout
    helped = _run("--lang", "en", "report", "--help", db=db)
    assert "the PDF file to write" in helped.stdout and "tệp PDF" not in helped.stdout


# --- the refusal mapping -----------------------------------------------------------------------


def test_localized_keeps_vietnamese_and_unknown_text() -> None:
    text = "Không có đơn vị mã «CDCS-9» trong danh mục."
    assert localized(text, VI) == text
    assert localized(text, EN) == "There is no unit with code «CDCS-9» in the directory."
    assert localized("Một câu chưa có trong danh sách.", EN) == "Một câu chưa có trong danh sách."
    nested = "  Không kèm CDCS-1 (Công đoàn cơ sở Một): chưa nhận được báo cáo."
    assert (
        localized(nested, EN) == "  Not included: CDCS-1 (Công đoàn cơ sở Một): no report received."
    )
    twice = VI(
        "There is no upper-level unit with code «{code}» in the directory. If this code "
        "is right, give the upper level's name too, for example: --parent-code {code} "
        '--parent-name "Công đoàn xã Bình Lư"; or ask the upper level for its catalogue '
        "package (the .lcdx file the upper level exports with export-catalogue), then "
        "run: lai-chau-desk init --catalogue FILE --unit-code UNIT_CODE."
    )
    assert localized(twice.format(code="CDX-A"), EN).startswith(
        "There is no upper-level unit with code «CDX-A» in the directory."
    )


def _source_texts() -> list[str]:
    """Every string literal of the package, an f-string's values shown as ``\\x00``."""
    out: list[str] = []
    for path in (ROOT / "lai_chau_desk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append(node.value)
            elif isinstance(node, ast.JoinedStr):
                out.append(
                    "".join(v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values)
                )
    return out


def test_every_listed_refusal_is_still_what_the_lower_layers_write() -> None:
    """A refusal reworded below would silently stay Vietnamese under --lang en: each listed
    one's Vietnamese text (its fixed parts) must still be in the source."""
    texts = "\x01".join(_source_texts())
    for msgid in REFUSALS:
        vietnamese = VI(msgid)
        assert vietnamese != msgid, f"no Vietnamese translation: {msgid}"
        # the fixed parts, cut where a sentence may be glued from several literals
        for part in re.split(r"\{\w+\}|(?<=[.;:])\s+|\s+(?=\()", vietnamese):
            part = part.strip()
            if len(part) > 3:
                assert part in texts or part.rstrip(".") in texts, (msgid, part)
