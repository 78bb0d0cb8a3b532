"""Databases with each start-up fault, built for real (shared by the CLI and GUI tests), and a
fingerprint of a folder to show that a refusal changed nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.services.backup import list_backups
from tests.conftest import ROOT

TODAY = date(2026, 11, 28)


def filled_db(
    path: Path, n: int = 200, code: str = "CDCS-A", name: str = "Công đoàn cơ sở A"
) -> Path:
    s = open_database(path, today=lambda: TODAY)
    s.units.init_own_unit(code, name, "CDVC-LC")
    for i in range(n):
        s.sessions.add(
            DisseminationSession(
                held_on=date(2026, 3, 2),
                title=f"Buổi tuyên truyền số {i} về an toàn lao động",
                directive_codes=["50-KL/TW"],
                form="truc-tiep",
                attendance=Attendance(20, 15, 8, 3),
            )
        )
    s.close()
    return path


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(3 * page, len(data) - page, 2 * page):
        data[start + 100 : start + 900] = b"\xa5" * 800
    path.write_bytes(bytes(data))


def damaged_db(folder: Path) -> tuple[Path, Path]:
    """A damaged database with one good daily backup: (database, backup)."""
    db = filled_db(folder / "unit.db")
    open_database(db, today=lambda: TODAY).close()  # the daily backup
    [good] = list_backups(db)
    damage(db)
    return db, good.path


def newer_db(folder: Path) -> Path:
    """A database whose schema revision this version does not know (made by a newer one)."""
    db = filled_db(folder / "unit.db", n=5)
    c = sqlite3.connect(db)
    c.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    c.commit()
    c.close()  # the last connection: the WAL is folded into the file
    return db


def unreadable_db(folder: Path) -> Path:
    """A path that cannot be read as a database file (a folder of that name)."""
    db = folder / "unit.db"
    db.mkdir()
    (db / "something.txt").write_text("not a database")
    return db


@contextmanager
def read_only_db(folder: Path) -> Iterator[Path]:
    """A healthy database on a read-only file system (a tmpfs remounted read-only, as root)
    or in a read-only folder (chmod, as another user); skipped when neither is possible."""
    if os.geteuid() != 0:
        db = filled_db(folder / "ro" / "unit.db", n=5)
        for p in [db, *db.parent.iterdir()]:
            p.chmod(0o444)
        db.parent.chmod(0o555)
        try:
            yield db
        finally:
            db.parent.chmod(0o755)
        return
    mount = folder / "ro"
    mount.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here to make a read-only file system")
    try:
        db = filled_db(mount / "unit.db", n=5)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield db
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@contextmanager
def held_by_another_process(db: Path) -> Iterator[int]:
    """Another process holds the database's lock (as a running window would)."""
    code = (
        "import sys, time; from lai_chau_desk.storage.lock import lock_for_process; "
        "lock_for_process(sys.argv[1]); print('held', flush=True); time.sleep(120)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256, to compare before and after a refusal.
    Left out: lock files (a refused process may create an empty one) and the holder's note
    beside them (``.lock.info``, written by the process that holds the lock), SQLite's
    shared-memory index and an empty WAL (transient: SQLite makes and removes them on any
    open)."""
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name.endswith((".lock", ".lock.info", "-shm")):
            continue
        if p.name.endswith("-wal") and p.stat().st_size == 0:
            continue
        out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
