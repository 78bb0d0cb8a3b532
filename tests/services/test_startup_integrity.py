"""A damaged database is caught at start, with the way back: the exact restore command."""

from __future__ import annotations

import os
import shlex
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import check_integrity, list_backups
from lai_chau_desk.services.startup import DatabaseDamaged
from tests.conftest import ROOT

TODAY = date(2026, 11, 28)


def _filled_db(path: Path, n: int = 300) -> list:
    s = open_database(path, today=lambda: TODAY)
    s.units.init_own_unit("CDCS-A", "Công đoàn cơ sở A", "CDVC-LC")
    ids = [
        s.sessions.add(
            DisseminationSession(
                held_on=date(2026, 3, 2),
                title=f"Buổi tuyên truyền số {i} về an toàn lao động",
                directive_codes=["50-KL/TW"],
                form="truc-tiep",
                attendance=Attendance(20, 15, 8, 3),
            )
        )
        for i in range(n)
    ]
    s.close()
    return ids


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(3 * page, len(data) - page, 2 * page):
        data[start + 100 : start + 900] = b"\xa5" * 800
    path.write_bytes(bytes(data))


def test_damaged_database_raises_with_latest_good_backup(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    _filled_db(db)
    open_database(db, today=lambda: TODAY).close()  # takes the daily backup
    [good] = list_backups(db)
    _damage(db)
    assert check_integrity(db, read_only=False) != "ok"
    with pytest.raises(DatabaseDamaged) as e:
        open_database(db, today=lambda: TODAY)
    assert e.value.backup == good.path
    assert "bị hỏng" in str(e.value)
    assert f'restore "{good.path}"' in str(e.value)


def test_damaged_database_without_backup_says_so(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    _filled_db(db)
    _damage(db)
    with pytest.raises(DatabaseDamaged) as e:
        open_database(db, today=lambda: TODAY)
    assert e.value.backup is None
    assert "Không tìm thấy bản sao lưu tốt" in str(e.value)


def test_cli_names_the_restore_command_and_that_command_recovers(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = tmp_path / "unit.db"
    ids = _filled_db(db)
    open_database(db, today=lambda: TODAY).close()
    _damage(db)
    r = cli(
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
        db=db,
    )
    assert r.returncode == 1
    assert "bị hỏng" in r.stderr
    command = next(
        ln.strip() for ln in r.stderr.splitlines() if ln.strip().startswith("lai-chau-desk --db")
    )
    argv = shlex.split(command)
    assert argv[:3] == ["lai-chau-desk", "--db", str(db)]
    fixed = cli(*argv[1:], env={"LAI_CHAU_DESK_DB": str(tmp_path / "not-this.db")})
    assert fixed.returncode == 0, fixed.stderr
    assert check_integrity(db) == "ok"
    assert list(db.parent.joinpath("backups").glob("*.damaged"))  # the damaged file set aside
    s = open_database(db, today=lambda: TODAY)
    assert len(s.sessions.fetch(ids)) == len(ids)
    s.close()


def test_integrity_check_handles_awkward_folder_names(tmp_path: Path) -> None:
    folder = tmp_path / "Dữ liệu #1 ?công đoàn%20"
    db = folder / "unit.db"
    _filled_db(db, n=3)
    assert check_integrity(db, read_only=False) == "ok"
    s = open_database(db, today=lambda: TODAY)  # the start check passes, daily backup taken
    [backup] = list_backups(db)
    assert check_integrity(backup.path) == "ok"  # read-only URI on the awkward path
    s.close()


def _break_index(path: Path) -> None:
    """Damage that only the full check sees: an index whose entries no longer match its table
    (every page and record is sound, so ``quick_check`` passes)."""
    c = sqlite3.connect(path)
    c.execute("PRAGMA writable_schema=ON")
    c.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_unit_parent_code ON unit (name)' "
        "WHERE name = 'ix_unit_parent_code'"
    )
    c.commit()
    c.close()


def test_start_runs_the_quick_check_and_the_daily_backup_the_full_one(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    _filled_db(db, n=20)
    open_database(db, today=lambda: TODAY).close()  # today's backup, of the sound database
    [good] = list_backups(db)
    _break_index(db)
    assert check_integrity(db, read_only=False, quick=True) == "ok"
    assert check_integrity(db, read_only=False).startswith("row ")
    open_database(db, today=lambda: TODAY).close()  # same day: the quick check only, it opens
    # The next day's first start takes the daily backup: the full check runs first, catches
    # the damage, offers the sound backup and copies nothing.
    yesterday = good.path.with_name(
        good.path.name.replace(good.taken_at.strftime("%Y%m%d"), "20000101")
    )
    good.path.rename(yesterday)
    with pytest.raises(DatabaseDamaged) as e:
        open_database(db, today=lambda: TODAY)
    assert e.value.backup == yesterday
    assert [b.path for b in list_backups(db)] == [yesterday]


def test_the_storage_layer_is_not_imported_before_qt_starts(tmp_path: Path) -> None:
    """The GUI's first steps (the file checks and the lock) import no SQLAlchemy: it loads on
    the worker thread, after the opening window is painted."""
    db = tmp_path / "unit.db"
    _filled_db(db, n=3)
    code = (
        "import sys\n"
        "from lai_chau_desk.services.startup import claim_database, preflight\n"
        "import lai_chau_desk.ui.application\n"
        "preflight(sys.argv[1]); claim_database(sys.argv[1])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic') or m.startswith('lai_chau_desk.storage.models')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
