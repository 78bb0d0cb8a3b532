"""Automatic backups: daily at most once, rotation by age whatever the reason and by total
size (at most 5× the database), restore."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import (
    BackupError,
    backup_dir_for,
    check_integrity,
    list_backups,
    rotate,
)
from lai_chau_desk.services.settings import BACKUP_KEEP
from lai_chau_desk.services.suite import ServiceSuite

TODAY = date(2026, 11, 28)


def _session(title: str = "Quán triệt Nghị quyết") -> DisseminationSession:
    return DisseminationSession(
        held_on=date(2026, 3, 2),
        title=title,
        directive_codes=["50-KL/TW"],
        form="truc-tiep",
        attendance=Attendance(20, 15, 8, 3),
    )


def test_backup_rotation_keeps_newest_n_whatever_the_reason(unit_suite: ServiceSuite) -> None:
    unit_suite.settings.set(BACKUP_KEEP, "3")
    made = [
        unit_suite.backup.backup(reason=r)
        for r in ("manual", "before-import", "daily", "before-migration", "before-import")
    ]
    kept = list_backups(unit_suite.db.path)
    assert [b.path for b in kept] == made[:-4:-1]  # the three newest, newest first
    assert [b.reason for b in kept] == ["before-import", "before-migration", "daily"]
    assert not made[0].exists() and not made[1].exists()
    assert all(check_integrity(b.path) == "ok" for b in kept)


def test_default_keep_is_ten_and_out_copies_are_never_rotated(
    unit_suite: ServiceSuite, tmp_path: Path
) -> None:
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
        assert (
            c.execute(
                "SELECT count(*) FROM dissemination_session WHERE id = ?", (lost_id.hex,)
            ).fetchone()[0]
            == 1
        )
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


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    unit_suite: ServiceSuite, tmp_path: Path
) -> None:
    sid = unit_suite.sessions.add(_session())
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
    with pytest.raises(BackupError) as e:
        unit_suite.backup.restore(bad)
    assert "không phải bản sao lưu hợp lệ" in str(e.value)
    assert [x.id for x in unit_suite.sessions.fetch([sid])] == [sid]
    assert list_backups(unit_suite.db.path) == []


def test_restore_refuses_another_units_backup_unless_told(tmp_path: Path) -> None:
    from lai_chau_desk.services.backup import OtherUnitBackup, identify_backup
    from tests.services.fault_dbs import filled_db, snapshot

    ours = filled_db(tmp_path / "ours" / "unit.db", n=3, code="CDCS-A")
    theirs = filled_db(
        tmp_path / "theirs" / "unit.db", n=7, code="CDCS-B", name="Công đoàn cơ sở B"
    )
    identity = identify_backup(theirs)
    assert (identity.unit_code, identity.unit_name) == ("CDCS-B", "Công đoàn cơ sở B")
    s = open_database(ours, today=lambda: TODAY)  # takes the daily backup
    before = snapshot(ours.parent)
    with pytest.raises(OtherUnitBackup) as e:
        s.backup.restore(theirs)
    assert "CDCS-B – Công đoàn cơ sở B" in str(e.value) and "CDCS-A" in str(e.value)
    assert f'restore --other-unit "{theirs}"' in str(e.value)
    s.close()
    assert snapshot(ours.parent) == before  # refused before any backup or copy
    s = open_database(ours, today=lambda: TODAY)
    safety = s.backup.restore(theirs, other_unit=True)
    s.close()
    assert identify_backup(safety).unit_code == "CDCS-A"  # the current one backed up first
    s = open_database(ours, today=lambda: TODAY)
    assert s.units.own_unit().code == "CDCS-B" and s.sessions.count() == 7
    s.close()


def test_cli_restore_names_unit_and_date_and_needs_other_unit(tmp_path: Path, cli) -> None:  # noqa: ANN001
    from tests.services.fault_dbs import filled_db, snapshot

    ours = filled_db(tmp_path / "ours" / "unit.db", n=3, code="CDCS-A")
    own_copy = cli("backup", db=ours)
    assert own_copy.returncode == 0, own_copy.stderr
    copy = next(b for b in list_backups(ours) if b.reason == "manual")
    theirs = filled_db(
        tmp_path / "theirs" / "unit.db", n=7, code="CDCS-B", name="Công đoàn cơ sở B"
    )
    before = snapshot(ours.parent)
    r = cli("restore", str(theirs), db=ours)
    assert r.returncode == 1
    assert r.stdout.startswith(
        "Bản sao lưu «unit.db»: đơn vị CDCS-B – Công đoàn cơ sở B, lấy ngày "
    )
    assert "không phải của đơn vị máy này (CDCS-A)" in r.stderr and "--other-unit" in r.stderr
    assert snapshot(ours.parent) == before
    same = cli("restore", str(copy.path), db=ours)
    assert same.returncode == 0, same.stderr
    assert (
        f"Bản sao lưu «{copy.path.name}»: đơn vị CDCS-A – Công đoàn cơ sở A, lấy ngày "
        f"{copy.taken_at:%d/%m/%Y %H:%M}."
    ) in same.stdout
    forced = cli("restore", "--other-unit", str(theirs), db=ours)
    assert forced.returncode == 0, forced.stderr
    assert "Bản trước khi khôi phục:" in forced.stdout
    assert [b.reason for b in list_backups(ours)][:2] == ["before-restore", "before-restore"]
    s = open_database(ours, today=lambda: TODAY)
    assert s.units.own_unit().code == "CDCS-B"
    s.close()
