"""The SQLite engine and the unit-of-work helper every service uses.

WAL with ``synchronous=FULL``: a save that the user saw succeed survives a power cut. Foreign
keys on; a busy timeout so a short concurrent read does not fail at once.
"""

from __future__ import annotations

import errno
import gc
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..domain.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session as Session  # re-exported for the services' hints

# The driver's errors, for the services that tell a damaged or locked file from a bug (the
# driver itself stays in storage).
DriverError = sqlite3.Error
DamagedFileError = sqlite3.DatabaseError

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32768  # page cache per connection: period figures over large tables stay in memory
# Reads map the file (up to this size) instead of copying each page into the new connection's
# cache: a period's figures over 100,000 sessions on a new connection ~0.9 -> ~0.6 s, measured.
# Writes still go through the journal as before (SQLite never writes through the map).
READER_MMAP_BYTES = 256 * 1024 * 1024
SQLITE_FULL = 13


class StorageFull(DomainError):
    """The disk (or the database's size limit) is full: the save was rolled back whole."""

    def __init__(self) -> None:
        super().__init__(
            "Ổ đĩa đã đầy nên chưa lưu được. Dữ liệu đã lưu trước đó vẫn nguyên vẹn. "
            "Hãy giải phóng dung lượng ổ đĩa (xóa tệp không cần, dọn thùng rác) rồi lưu lại."
        )


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (a driver or SQLAlchemy error, or an ``OSError`` such as ENOSPC/EDQUOT
    from a file write) means the disk, or the database's size limit, is full."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return True
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == SQLITE_FULL:
        return True
    return "database or disk is full" in str(orig)


def read_only_uri(path: Path | str) -> str:
    """A read-only SQLite URI for ``path`` (awkward folder names quoted)."""
    return f"file:{quote(Path(path).as_posix(), safe='/:')}?mode=ro"


def read_identity(path: Path | str) -> tuple[str | None, str | None, str | None]:
    """``(own unit code, its name, schema revision)`` recorded in the database file at
    ``path``, read without changing it; None for what the file does not hold."""
    with closing(sqlite3.connect(read_only_uri(path), uri=True)) as c:

        def one(sql: str, *params: str) -> str | None:
            try:
                row = c.execute(sql, params).fetchone()
            except sqlite3.DatabaseError:
                return None
            return str(row[0]) if row and row[0] is not None else None

        code = one("SELECT value FROM setting WHERE key = 'own_unit_code'") or None
        name = one("SELECT name FROM unit WHERE code = ?", code) if code else None
        return code, name, one("SELECT version_num FROM alembic_version")


def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    # The driver's own transaction handling would issue BEGIN lazily; let SQLAlchemy do it.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_connect_reader(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA mmap_size={READER_MMAP_BYTES}")
    cur.close()


def _begin_immediate(conn) -> None:  # noqa: ANN001
    # IMMEDIATE takes the write lock at the start: one writer, no deadlock on upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn) -> None:  # noqa: ANN001
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path | str, writer: bool = True) -> Engine:
    """An engine on the SQLite file at ``path``. A writer engine starts every transaction with
    ``BEGIN IMMEDIATE``; a reader engine with a plain ``BEGIN`` (WAL lets it read alongside)."""
    from sqlalchemy import URL, create_engine, event

    # URL.create, not an f-string: a folder name may hold "?", "#" or "%".
    engine = create_engine(URL.create("sqlite", database=str(Path(path))))
    event.listen(engine, "connect", _on_connect)
    if not writer:
        event.listen(engine, "connect", _on_connect_reader)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    return engine


class Database:
    """The database of one installation: an engine and short sessions, one per operation."""

    def __init__(self, path: Path | str) -> None:
        from sqlalchemy.orm import sessionmaker

        self.path = Path(path)
        self.engine = make_engine(path)
        self.reader = make_engine(path, writer=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reads = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def transaction(self, bulk: bool = False) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error.

        A full disk raises :class:`StorageFull` (a refusal with a clear message), nothing saved.
        ``bulk``: the transaction writes tens of thousands of rows; the cyclic garbage
        collector is paused while it runs (the rows built are short-lived and hold no cycles,
        yet each full collection would walk the whole heap: ~0.3 s per 50,000 members of a
        roster import, measured).
        """
        from sqlalchemy.exc import OperationalError

        paused = bulk and gc.isenabled()
        if paused:
            gc.disable()
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            if is_disk_full(exc):
                raise StorageFull() from exc
            raise
        finally:
            if paused:
                gc.enable()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; one deferred transaction gives a consistent view."""
        with self._reads() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        self.reader.dispose()
