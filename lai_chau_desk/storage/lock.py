"""One database, one process: an operating-system lock on a file next to the database.

The lock is taken through ``filelock`` (``fcntl.flock`` on Linux/macOS, ``msvcrt.locking`` on
Windows — code its maintainers test on every platform). It is held on an open file descriptor,
not the mere existence of the file: when the process ends — normally, by an exception or
killed — the system drops it, so a crash never leaves a stale lock behind.

Who holds it is written, after acquiring, to a small sidecar file (``<name>.db.lock.info``:
process id, program, host) that is read only to word a refusal. A crash leaves that file
behind too, but it is never read unless the lock itself is taken, so it cannot block anyone.

The CLI takes the lock for write commands and the GUI when it opens a database, so the two
refuse each other.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import sys
from pathlib import Path

from filelock import FileLock, Timeout

from ..domain.errors import DomainError

LOCK_SUFFIX = ".lock"
INFO_SUFFIX = ".info"


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


def info_path_for(db_path: Path | str) -> Path:
    """The sidecar naming the holder: ``<name>.db.lock.info`` next to the lock file."""
    lock = lock_path_for(db_path)
    return lock.with_name(lock.name + INFO_SUFFIX)


def _program() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if name in ("", "-c", "__main__.py"):
        return "python"
    return name


def holder_line() -> str:
    """This process as the sidecar records it: ``<pid> <program> <host>`` (one line)."""
    host = socket.gethostname() or "?"
    return f"{os.getpid()} {_program()} {host}".replace("\n", " ")


def _describe(line: str) -> str:
    """``1234 lai-chau-desk may-a`` -> ``1234, lai-chau-desk trên máy may-a`` (for messages)."""
    parts = line.split(" ", 2)
    if not parts or not parts[0].isdigit():
        return ""
    text = parts[0]
    if len(parts) > 1 and parts[1]:
        text += f", {parts[1]}"
    if len(parts) > 2 and parts[2]:
        text += f" trên máy {parts[2]}"
    return text


def _read_holder(info: Path) -> str:
    try:
        return _describe(info.read_text(encoding="utf-8", errors="replace").strip()[:200])
    except OSError:
        return ""


def _write_holder(info: Path) -> None:
    """Write the sidecar atomically (a reader never sees half a line); it is for messages
    only, so a failure to write it never stops the lock from being held."""
    tmp = info.with_name(f"{info.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(holder_line() + "\n", encoding="utf-8")
        os.replace(tmp, info)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _clear_holder(info: Path) -> None:
    """Remove the sidecar if it still names this process (another holder may have replaced it)."""
    try:
        if info.read_text(encoding="utf-8", errors="replace").split(" ", 1)[0] == str(os.getpid()):
            info.unlink()
    except OSError:
        pass


class DatabaseLock:
    """An exclusive, non-blocking, crash-safe lock on one database file.

    ``acquire()`` raises :class:`DatabaseLocked` when another process (or another
    ``DatabaseLock`` object) holds it; ``release()`` (or process exit) frees it. Re-acquiring
    in the same object is a no-op.
    """

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(db_path)
        self.info_path = info_path_for(db_path)
        self._lock: FileLock | None = None

    @property
    def held(self) -> bool:
        return self._lock is not None

    def acquire(self) -> DatabaseLock:
        if self._lock is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # thread_local=False: the GUI takes the lock on a worker thread and keeps it for the
        # process; one attempt (timeout 0), never a wait.
        lock = FileLock(self.path, timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise DatabaseLocked(self.db_path, _read_holder(self.info_path)) from None
        self._lock = lock
        _write_holder(self.info_path)
        return self

    def release(self) -> None:
        if self._lock is None:
            return
        lock, self._lock = self._lock, None
        _clear_holder(self.info_path)
        lock.release(force=True)

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
