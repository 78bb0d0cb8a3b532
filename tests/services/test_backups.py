"""Automatic backups: daily at most once, rotation by age whatever the reason, restore."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import BackupError, check_integrity, list_backups
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
    outside = unit_suite.backup.backup(tmp_path / "elsewhere.db")
    for _ in range(12):
        unit_suite.backup.backup(reason="before-import")
    assert len(list_backups(unit_suite.db.path)) == 10
    assert outside.exists()
    with pytest.raises(BackupError):
        unit_suite.backup.backup(outside)  # never overwrite


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
