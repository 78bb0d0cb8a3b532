"""Every start-up fault through the command line: its own one-line message, exit 1, nothing
changed (whole folder compared), in Vietnamese by default and in English with --lang en."""

from __future__ import annotations

from pathlib import Path

from tests.services.fault_dbs import (
    damaged_db,
    filled_db,
    held_by_another_process,
    newer_db,
    read_only_db,
    snapshot,
    unreadable_db,
)

WRITE = (
    "session",
    "add",
    "--directive",
    "50-KL/TW",
    "--date",
    "2026-03-02",
    "--title",
    "Buổi mới",
    "--form",
    "loa",
    "--participants",
    "5",
)
READ = ("totals", "--period", "2026S1")


def _refused(cli, db: Path, *args: str, lang: str | None = None) -> str:  # noqa: ANN001
    extra = ("--lang", lang) if lang else ()
    r = cli(*extra, *args, db=db)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "lỗi không mong đợi" not in r.stderr
    assert r.stderr.startswith("lai-chau-desk: ")
    return r.stderr


def test_damaged_database_names_its_backup_and_changes_nothing(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db, backup = damaged_db(tmp_path)
    before = snapshot(tmp_path)
    for args in (READ, WRITE):
        err = _refused(cli, db, *args)
        assert "bị hỏng" in err and f'restore "{backup}"' in err
    err = _refused(cli, db, *READ, lang="en")
    assert "is damaged" in err and "Latest good backup" in err
    assert snapshot(tmp_path) == before


def test_file_that_is_not_a_database_is_damaged_not_unexpected(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = tmp_path / "unit.db"
    db.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    before = snapshot(tmp_path)
    err = _refused(cli, db, *READ)
    assert "bị hỏng (file is not a database)" in err
    assert "Không tìm thấy bản sao lưu tốt" in err
    assert snapshot(tmp_path) == before


def test_database_of_a_newer_version_says_update_the_software(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = newer_db(tmp_path)
    before = snapshot(tmp_path)
    for args in (READ, WRITE, ("backup",)):
        err = _refused(cli, db, *args)
        assert err.startswith(
            "lai-chau-desk: Cơ sở dữ liệu này do phiên bản mới hơn của Lai "
            "Châu Desk tạo; hãy cập nhật phần mềm."
        )
        assert "Can't locate revision" not in err and "bị hỏng" not in err
        assert err.count("\n") == 1
    assert "made by a newer version" in _refused(cli, db, *READ, lang="en")
    assert snapshot(tmp_path) == before  # no migration, no backup


def test_unreadable_database_says_it_cannot_be_read(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = unreadable_db(tmp_path)
    before = snapshot(tmp_path)
    for args in (READ, WRITE):
        err = _refused(cli, db, *args)
        assert "Không đọc được cơ sở dữ liệu" in err and "bị hỏng" not in err
        assert err.count("\n") == 1
    assert "cannot be read" in _refused(cli, db, *READ, lang="en")
    assert snapshot(tmp_path) == before


def test_read_only_database_is_called_read_only_not_damaged(tmp_path: Path, cli) -> None:  # noqa: ANN001
    """Writes are refused as read-only (never "damaged", never "restore"); reads still work,
    from a temporary copy, and say so on stderr."""
    with read_only_db(tmp_path) as db:
        before = snapshot(db.parent)
        for args in (WRITE, ("backup",)):
            err = _refused(cli, db, *args)
            assert "không ghi được" in err and "Dữ liệu không bị hỏng" in err
            assert "bị hỏng" not in err.replace("không bị hỏng", "")
            assert "restore" not in err
            assert err.count("\n") == 1
        assert "cannot be written" in _refused(cli, db, *WRITE, lang="en")
        read = cli(*READ, "--json", db=db)
        assert read.returncode == 0, read.stderr
        assert '"unit": "CDCS-A"' in read.stdout
        assert read.stderr.startswith("lai-chau-desk: Cơ sở dữ liệu «")
        assert "lệnh này đọc một bản sao tạm" in read.stderr and "bị hỏng" not in read.stderr
        assert snapshot(db.parent) == before


def test_database_held_by_another_process_is_refused(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = filled_db(tmp_path / "unit.db", n=3)
    before = snapshot(tmp_path)
    with held_by_another_process(db) as pid:
        err = _refused(cli, db, *WRITE)
        assert "đang được một chương trình khác mở" in err and f"tiến trình {pid}" in err
        assert err.count("\n") == 1
        assert "open in another program" in _refused(cli, db, *WRITE, lang="en")
    assert snapshot(tmp_path) == before


def test_file_overwritten_by_something_else_is_restored_by_the_named_command(
    tmp_path: Path, cli
) -> None:  # noqa: ANN001
    import shlex

    from lai_chau_desk.services.backup import check_integrity

    db = filled_db(tmp_path / "unit.db", n=4)
    assert cli("backup", db=db).returncode == 0
    db.write_bytes(b"\x00garbage, e.g. a copy that went wrong" * 500)
    err = _refused(cli, db, *READ)
    assert "bị hỏng (file is not a database)" in err and "Bản sao lưu tốt gần nhất" in err
    command = next(
        ln.strip() for ln in err.splitlines() if ln.strip().startswith("lai-chau-desk --db")
    )
    fixed = cli(*shlex.split(command)[1:])
    assert fixed.returncode == 0, fixed.stderr
    assert "đơn vị CDCS-A" in fixed.stdout
    assert check_integrity(db) == "ok"
    assert cli(*READ, db=db).returncode == 0
