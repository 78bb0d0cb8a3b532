"""Automatic backups: daily at most once, rotation by age whatever the reason and by total
size (at most 5× the database), restore."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import (
    BackupError,
    backup_dir_for,
    check_integrity,
    list_backups,
    rotate,
)
from lai_chau_desk.services.settings import BACKUP_KEEP
from lai_chau_desk.services.suite import ServiceSuite, open_database

TODAY = date(2026, 11, 28)


def _session(title: str = "Quán triệt Nghị quyết") -> DisseminationSession:
    return DisseminationSession(held_on=date(2026, 3, 2), title=title, form="truc-tiep",
                                attendance=Attendance(20, 15, 8, 3))


def test_backup_rotation_keeps_newest_n_whatever_the_reason(unit_suite: ServiceSuite) -> None:
    unit_suite.settings.set(BACKUP_KEEP, "3")
    made = [unit_suite.backup.backup(reason=r) for r in
            ("manual", "before-import", "daily", "before-migration", "before-import")]
    kept = list_backups(unit_suite.db.path)
    assert [b.path for b in kept] == made[:-4:-1]  # the three newest, newest first
    assert [b.reason for b in kept] == ["before-import", "before-migration", "daily"]
    assert not made[0].exists() and not made[1].exists()
    assert all(check_integrity(b.path) == "ok" for b in kept)


def test_default_keep_is_ten_and_out_copies_are_never_rotated(unit_suite: ServiceSuite,
                                                              tmp_path: Path) -> None:
    """Ten kept while they fit in five times the database: older backups of a database that
    has grown are smaller, so ten fit."""
    small = unit_suite.backup.backup(tmp_path / "small.db")  # the database nearly empty
    folder = backup_dir_for(unit_suite.db.path)
    folder.mkdir(exist_ok=True)
    for i in range(12):
        shutil.copyfile(small, folder / f"unit-20260101-0000{i:02d}-000000-daily.db")
    unit_suite.sessions.bulk_add(_session(f"Buổi {i} " + "nội dung " * 50) for i in range(3000))
    unit_suite.backup.backup(reason="before-import")
    kept = list_backups(unit_suite.db.path)
    assert len(kept) == 10
    sizes = [b.path.stat().st_size for b in kept]
    assert sizes[0] > 3 * sizes[1] and sum(sizes) <= 5 * sizes[0]
    assert small.exists()  # a copy written elsewhere is never rotated
    with pytest.raises(BackupError):
        unit_suite.backup.backup(small)  # never overwrite


def test_backups_never_take_more_than_five_times_the_database(unit_suite: ServiceSuite) -> None:
    """Copies of a database that does not change: the size cap binds before the count."""
    unit_suite.sessions.bulk_add(_session(f"Buổi {i}") for i in range(500))
    for _ in range(12):
        unit_suite.backup.backup(reason="before-import")
    kept = list_backups(unit_suite.db.path)
    sizes = [b.path.stat().st_size for b in kept]
    assert len(kept) == 5 and sum(sizes) <= 5 * sizes[0]
    assert check_integrity(kept[0].path) == "ok"
    assert rotate(unit_suite.db.path, keep=1) != []  # the newest alone is always kept
    assert len(list_backups(unit_suite.db.path)) == 1


def test_unknown_reason_is_a_programming_error(unit_suite: ServiceSuite) -> None:
    with pytest.raises(ValueError):
        unit_suite.backup.backup(reason="whenever")


def test_daily_backup_on_open_at_most_once_a_day(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    s = open_database(db, today=lambda: TODAY)
    s.close()
    assert list_backups(db) == []  # a brand-new database is not backed up
    s = open_database(db, today=lambda: TODAY)
    s.close()
    s = open_database(db, today=lambda: TODAY)
    first = list_backups(db)
    assert [b.reason for b in first] == ["daily"]
    assert s.backup.daily() is None  # already one today
    later = s.backup.daily(today=date.today().replace(year=date.today().year + 1))
    assert later is not None and len(list_backups(db)) == 2
    s.close()


def test_restore_puts_back_the_data_and_backs_up_current_first(unit_suite: ServiceSuite) -> None:
    kept_id = unit_suite.sessions.add(_session("Buổi giữ lại"))
    copy = unit_suite.backup.backup()
    lost_id = unit_suite.sessions.add(_session("Buổi sau sao lưu"))
    safety = unit_suite.backup.restore(copy)
    assert safety.name.endswith("-before-restore.db")
    s2 = open_database(unit_suite.db.path, today=lambda: TODAY)
    assert [x.id for x in s2.sessions.fetch([kept_id, lost_id])] == [kept_id]
    with sqlite3.connect(safety) as c:  # the safety copy has the session the restore dropped
        assert c.execute("SELECT count(*) FROM dissemination_session WHERE id = ?",
                         (lost_id.hex,)).fetchone()[0] == 1
    s2.close()


def test_restore_from_oldest_backup_survives_its_own_rotation(unit_suite: ServiceSuite) -> None:
    unit_suite.settings.set(BACKUP_KEEP, "2")
    sid = unit_suite.sessions.add(_session())
    oldest = unit_suite.backup.backup()
    unit_suite.sessions.delete(sid)
    unit_suite.backup.backup()
    unit_suite.backup.restore(oldest)  # the safety backup rotates `oldest` away
    assert not oldest.exists()
    s2 = open_database(unit_suite.db.path, today=lambda: TODAY)
    assert [x.id for x in s2.sessions.fetch([sid])] == [sid]
    s2.close()


def test_restore_refuses_a_damaged_file_and_changes_nothing(unit_suite: ServiceSuite,
                                                            tmp_path: Path) -> None:
    sid = unit_suite.sessions.add(_session())
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
    with pytest.raises(BackupError) as e:
        unit_suite.backup.restore(bad)
    assert "không phải bản sao lưu hợp lệ" in str(e.value)
    assert [x.id for x in unit_suite.sessions.fetch([sid])] == [sid]
    assert list_backups(unit_suite.db.path) == []
