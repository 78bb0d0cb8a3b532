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
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
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


def test_cli_write_command_refused_while_another_process_holds_the_db(tmp_path: Path, cli) -> None:  # noqa: ANN001
    db = tmp_path / "unit.db"
    cli("init", "--unit-code", "CDCS-A", "--unit-name", "Công đoàn A", db=db, check=True)
    proc = _holder(db)
    try:
        r = cli(
            "session",
            "add",
            "--directive",
            "50-KL/TW",
            "--date",
            "2026-03-02",
            "--title",
            "Buổi thử",
            "--form",
            "truc-tiep",
            "--participants",
            "10",
            db=db,
        )
        assert r.returncode == 1
        assert "đang được một chương trình khác mở" in r.stderr
        assert r.stderr.count("\n") == 1  # one clear line, no traceback
        totals = cli("totals", "--period", "2026S1", "--json", db=db)  # reads are not locked
        assert totals.returncode == 0, totals.stderr
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    r = cli(
        "session",
        "add",
        "--directive",
        "50-KL/TW",
        "--date",
        "2026-03-02",
        "--title",
        "Buổi thử",
        "--form",
        "truc-tiep",
        "--participants",
        "10",
        db=db,
    )
    assert r.returncode == 0, r.stderr


def test_refusal_names_the_holder_process_program_and_host(tmp_path: Path) -> None:
    import socket

    from lai_chau_desk.storage.lock import info_path_for

    db = tmp_path / "unit.db"
    proc = _holder(db)
    try:
        with pytest.raises(DatabaseLocked) as e:
            DatabaseLock(db).acquire()
        message = str(e.value)
        assert f"tiến trình {proc.pid}, python trên máy {socket.gethostname()}" in message
        assert info_path_for(db).read_text(encoding="utf-8").split()[0] == str(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_stale_holder_file_of_a_crashed_process_never_blocks(tmp_path: Path) -> None:
    from lai_chau_desk.storage.lock import info_path_for

    db = tmp_path / "unit.db"
    proc = _holder(db)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    info = info_path_for(db)
    assert info.exists()  # the crash left the sidecar naming the dead process
    with DatabaseLock(db) as lock:
        assert lock.held
        assert info.read_text(encoding="utf-8").split()[0] == str(os.getpid())
    assert not info.exists()  # a clean release removes it


def test_second_object_in_the_same_process_is_refused_and_reacquire_is_a_no_op(
    tmp_path: Path,
) -> None:
    db = tmp_path / "unit.db"
    lock = DatabaseLock(db)
    assert lock.acquire() is lock.acquire()
    with pytest.raises(DatabaseLocked):
        DatabaseLock(db).acquire()
    lock.release()
    lock.release()  # releasing twice is harmless
    assert not lock.held
