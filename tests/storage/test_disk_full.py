"""A full disk anywhere (session save, roster import, report and roster export, backup) is
refused with a clear message; nothing is half written, the database stays intact and usable.

In the database, the full disk is simulated with ``PRAGMA max_page_count`` on every
connection of the engine (SQLite then fails exactly as on a full disk: SQLITE_FULL, "database
or disk is full"). For files, a real full disk: a tiny tmpfs filled up (as root), else ENOSPC
from ``fsync``.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, text

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services import backup as backup_module
from lai_chau_desk.services.backup import BackupError, check_integrity
from lai_chau_desk.services.messages import FileDiskFull
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.storage.engine import StorageFull


def _session(i: int) -> DisseminationSession:
    return DisseminationSession(
        held_on=date(2026, 3, 2),
        title=f"Tuyên truyền pháp luật lao động, đợt {i}",
        directive_codes=["50-KL/TW"],
        form="truc-tiep",
        note="Ghi chú dài về nội dung buổi sinh hoạt. " * 40,
        attendance=Attendance(30, 25, 12, 6),
    )


class FullDisk:
    """Cap the database at its current size plus ``spare`` pages until ``lift()``."""

    def __init__(self, suite: ServiceSuite, spare: int = 3) -> None:
        self.engine = suite.db.engine
        with suite.db.reading() as s:
            self.pages = s.execute(text("PRAGMA page_count")).scalar_one() + spare
        event.listen(self.engine, "connect", self._cap)
        self.engine.dispose()

    def _cap(self, dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count={self.pages}")

    def lift(self) -> None:
        event.remove(self.engine, "connect", self._cap)
        self.engine.dispose()


def test_save_on_full_disk_is_refused_and_database_stays_usable(unit_suite: ServiceSuite) -> None:
    saved = [unit_suite.sessions.add(_session(i)) for i in range(5)]
    full = FullDisk(unit_suite)
    with pytest.raises(StorageFull) as e:
        for i in range(5, 500):
            saved.append(unit_suite.sessions.add(_session(i)))
    assert "Ổ đĩa đã đầy" in str(e.value)
    assert "vẫn nguyên vẹn" in str(e.value)
    # Still readable while full, and every acknowledged save is there.
    assert len(unit_suite.sessions.fetch(saved)) == len(saved)
    full.lift()
    unit_suite.close()
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"
    again = open_database(unit_suite.db.path, today=unit_suite.sessions.today)
    assert len(again.sessions.fetch(saved)) == len(saved)
    new_id = again.sessions.add(_session(999))
    assert again.sessions.fetch([new_id])[0].title.endswith("đợt 999")
    again.close()


def test_bulk_insert_on_full_disk_saves_nothing(unit_suite: ServiceSuite) -> None:
    before = unit_suite.sessions.count()
    full = FullDisk(unit_suite, spare=20)
    with pytest.raises(StorageFull):
        unit_suite.sessions.bulk_add(_session(i) for i in range(3000))
    assert unit_suite.sessions.count() == before
    full.lift()
    assert unit_suite.sessions.bulk_add(_session(i) for i in range(50)) == 50
    assert unit_suite.sessions.count() == before + 50
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"


def test_full_disk_refusal_reaches_the_cli_as_one_vietnamese_line(
    unit_suite: ServiceSuite, capsys
) -> None:  # noqa: ANN001
    from lai_chau_desk.cli import _print_refusal

    full = FullDisk(unit_suite, spare=0)
    with pytest.raises(StorageFull) as e:
        for i in range(200):
            unit_suite.sessions.add(_session(i))
    full.lift()
    _print_refusal(e.value)
    err = capsys.readouterr().err
    assert err.startswith("lai-chau-desk: Ổ đĩa đã đầy") and err.count("\n") == 1


# --- every other path: roster import, file exports, backups ------------------------------


@contextmanager
def full_folder(tmp_path: Path, monkeypatch) -> Iterator[Path]:  # noqa: ANN001
    """A folder on a disk with no space left: a tiny tmpfs filled up (root), else a folder
    where every file's fsync fails with ENOSPC (as a full disk reports a delayed write)."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    try:
        (folder / "earlier.pdf").write_bytes(b"%PDF-1.4 an earlier report\n")
        if mounted:
            with suppress(OSError), (folder / "filler").open("wb", buffering=0) as f:
                while True:
                    f.write(b"\0" * 4096)
        else:
            real_fsync = os.fsync

            def fsync(fd: int) -> None:
                if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == folder:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                real_fsync(fd)

            monkeypatch.setattr(os, "fsync", fsync)
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _left(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} - {"filler"}


def test_roster_import_on_full_disk_saves_nobody(unit_suite: ServiceSuite, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Dân tộc"])
    for i in range(2000):
        ws.append([i + 1, f"Lò Văn Thử Nghiệm Số {i}", "Nam", 1980 + i % 30, "Thái"])
    wb.save(tmp_path / "ds.xlsx")
    io = unit_suite.roster_io
    wp = io.read_workbook(tmp_path / "ds.xlsx")
    preview = io.preview_import(tmp_path / "ds.xlsx", wp.sheet, wp.mapping, wp.header_row)
    full = FullDisk(unit_suite, spare=2)
    with pytest.raises(StorageFull) as e:
        io.apply_import(preview)
    assert "Ổ đĩa đã đầy" in str(e.value)
    full.lift()
    with unit_suite.db.reading() as s:
        assert s.execute(text("SELECT count(*) FROM member")).scalar_one() == 0
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"
    assert io.apply_import(preview).added == 2000  # with space again, all of it


def test_report_export_on_full_disk_leaves_no_partial_file(
    unit_suite: ServiceSuite, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    with full_folder(tmp_path, monkeypatch) as folder:
        earlier = (folder / "earlier.pdf").read_bytes()
        for target in ("bao-cao.pdf", "earlier.pdf"):
            with pytest.raises(FileDiskFull) as e:
                unit_suite.reports.write_pdf("2026S1", folder / target)
            assert str(e.value).startswith("Ổ đĩa đã đầy nên không ghi được tệp")
        assert _left(folder) == {"earlier.pdf"}  # no new file, no temporary file
        assert (folder / "earlier.pdf").read_bytes() == earlier  # the old one untouched


def test_roster_export_on_full_disk_leaves_no_partial_file(
    unit_suite: ServiceSuite, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from lai_chau_desk.domain.members import Member

    unit_suite.members.add_many([Member(f"Lò Thị Mai {i}", "nu", 1990) for i in range(300)])
    with full_folder(tmp_path, monkeypatch) as folder:
        with pytest.raises(FileDiskFull) as e:
            unit_suite.roster_io.export_xlsx(folder / "danh-sach.xlsx")
        assert "Ổ đĩa đã đầy" in str(e.value)
        assert _left(folder) == {"earlier.pdf"}


def test_backup_on_full_disk_is_refused_and_leaves_nothing(
    unit_suite: ServiceSuite, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    for i in range(50):
        unit_suite.sessions.add(_session(i))
    with full_folder(tmp_path, monkeypatch) as folder:
        if os.geteuid() != 0:  # SQLite writes without fsync per page: simulate its own error

            def full(_src: Path, _dst: Path) -> None:
                raise sqlite3.OperationalError("database or disk is full")

            monkeypatch.setattr(backup_module, "_copy", full)
        with pytest.raises(BackupError) as e:
            unit_suite.backup.backup(folder / "sao-luu.db")
        assert str(e.value).startswith("Ổ đĩa đã đầy nên không sao lưu được")
        assert _left(folder) == {"earlier.pdf"}
    assert check_integrity(unit_suite.db.path, read_only=False) == "ok"


def test_disk_full_through_the_cli_is_one_line(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = tmp_path / "unit.db"
    assert cli("init", "--unit-code", "CDCS-A", "--unit-name", "Công đoàn A", db=db).returncode == 0
    if os.geteuid() != 0:
        pytest.skip("needs a real full disk (a tmpfs, as root) for a separate process")
    folder = tmp_path / "full"
    folder.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here")
    try:
        with suppress(OSError), (folder / "filler").open("wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 4096)
        for args in (
            ("backup", "--out", str(folder / "x.db")),
            ("report", "--period", "2026S1", "--pdf", str(folder / "x.pdf")),
        ):
            r = cli(*args, db=db)
            assert r.returncode == 1, r.stderr
            assert r.stderr.startswith("lai-chau-desk: Ổ đĩa đã đầy"), r.stderr
            assert r.stderr.count("\n") == 1
            assert _left(folder) == set()
        en = cli(
            "--lang", "en", "report", "--period", "2026S1", "--pdf", str(folder / "x.pdf"), db=db
        )
        assert en.stderr.startswith("lai-chau-desk: The disk is full"), en.stderr
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
