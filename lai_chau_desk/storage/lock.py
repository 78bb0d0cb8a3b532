"""One database, one process: an advisory lock on a file next to the database.

The lock is an operating-system lock (``fcntl.flock`` on Linux/macOS, ``msvcrt.locking`` on
Windows) held on an open file descriptor, not the mere existence of the file. When the process
ends — normally, by an exception or killed — the system drops the lock, so a crash never leaves
a stale lock behind. The file itself stays and records the holder's process id for messages.

The CLI takes it for write commands; the GUI should take the same lock (``DatabaseLock``) when
it opens a database so the two refuse each other.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from ..domain.errors import DomainError

LOCK_SUFFIX = ".lock"


class DatabaseLocked(DomainError):
    """Another process has this database open for writing."""

    def __init__(self, db_path: Path, holder: str = "") -> None:
        self.db_path = db_path
        self.holder = holder
        who = f" (tiến trình {holder})" if holder else ""
        super().__init__(
            f"Cơ sở dữ liệu «{db_path}» đang được một chương trình khác mở{who}. "
            "Hãy đóng cửa sổ Lai Châu Desk hoặc đợi lệnh kia chạy xong rồi thử lại."
        )


def lock_path_for(db_path: Path | str) -> Path:
    """The lock file of the database at ``db_path``: ``<name>.db.lock`` in the same folder."""
    p = Path(db_path)
    return p.with_name(p.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()[:20]
    except OSError:
        return ""


class DatabaseLock:
    """An exclusive, non-blocking, crash-safe lock on one database file.

    ``acquire()`` raises :class:`DatabaseLocked` when another process holds it; ``release()``
    (or process exit) frees it. Re-acquiring in the same object is a no-op.
    """

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseLocked(self.db_path, _read_holder(self.path))
        # Byte 0 is the Windows lock region; the pid is written after it, for messages only.
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f" {os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


_held: dict[Path, DatabaseLock] = {}


def lock_for_process(db_path: Path | str) -> DatabaseLock:
    """Take the lock of ``db_path`` until this process exits (idempotent per path)."""
    key = Path(db_path).resolve()
    lock = _held.get(key)
    if lock is None:
        lock = DatabaseLock(db_path).acquire()
        _held[key] = lock
    return lock


def release_for_process(db_path: Path | str) -> None:
    """Release the lock :func:`lock_for_process` took on ``db_path``, if any."""
    lock = _held.pop(Path(db_path).resolve(), None)
    if lock is not None:
        lock.release()


def release_all() -> None:
    """Release every lock taken with :func:`lock_for_process` (run at exit)."""
    while _held:
        _, lock = _held.popitem()
        lock.release()


atexit.register(release_all)
