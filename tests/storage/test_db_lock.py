"""One database, one process: the lock file refuses a second holder and never goes stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lai_chau_desk.storage.lock import DatabaseLock, DatabaseLocked, lock_path_for
from tests.conftest import ROOT

HOLD = """
import sys, time
from lai_chau_desk.storage.lock import lock_for_process
lock_for_process(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def _holder(db: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_lock_is_refused_then_free_after_release(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    first = DatabaseLock(db).acquire()
    with pytest.raises(DatabaseLocked) as e:
        DatabaseLock(db).acquire()
    assert "đang được một chương trình khác mở" in str(e.value)
    assert str(os.getpid()) in str(e.value)
    first.release()
    with DatabaseLock(db) as again:
        assert again.held
    assert lock_path_for(db).name == "unit.db.lock"


def test_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    db = tmp_path / "unit.db"
    proc = _holder(db)
    try:
        with pytest.raises(DatabaseLocked):
            DatabaseLock(db).acquire()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert lock_path_for(db).exists()  # the file stays; the OS lock went with the process
    deadline = time.monotonic() + 5
    lock = DatabaseLock(db)
    while True:
        try:
            lock.acquire()
            break
        except DatabaseLocked:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    lock.release()


def test_cli_write_command_refused_while_another_process_holds_the_db(tmp_path: Path,
                                                                       cli) -> None:  # noqa: ANN001
    db = tmp_path / "unit.db"
    cli("init", "--unit-code", "CDCS-A", "--unit-name", "Công đoàn A", db=db, check=True)
    proc = _holder(db)
    try:
        r = cli("session", "add", "--date", "2026-03-02", "--title", "Buổi thử", "--form",
                "truc-tiep", "--participants", "10", db=db)
        assert r.returncode == 1
        assert "đang được một chương trình khác mở" in r.stderr
        assert r.stderr.count("\n") == 1  # one clear line, no traceback
        totals = cli("totals", "--period", "2026S1", "--json", db=db)  # reads are not locked
        assert totals.returncode == 0, totals.stderr
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    r = cli("session", "add", "--date", "2026-03-02", "--title", "Buổi thử", "--form",
            "truc-tiep", "--participants", "10", db=db)
    assert r.returncode == 0, r.stderr
