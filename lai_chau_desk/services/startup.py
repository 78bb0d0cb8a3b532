"""What happens when a database is opened: the checks before it (readable, writable, not from a
newer version, not damaged), the daily backup, and the way back from each fault.

Every start-up fault is a :class:`StartupFault` with its own ``kind`` (``damaged``, ``locked``,
``read-only``, ``newer``, ``unreadable``), the actions that make sense for it (``restore`` the
named backup, ``open-folder``, ``quit``) and a message in either language
(:meth:`StartupFault.describe` takes the translator; ``str()`` is the Vietnamese one). The CLI
prints it as its refusal; the GUI shows it in a dialog with those actions. A fault is raised
before anything is written: the database file is left as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from ..i18n import N_, Translator, translator
from ..storage.engine import DamagedFileError, DriverError
from ..storage.lock import DatabaseLocked
from ..storage.migrate import DatabaseNewer, known_revisions
from .backup import (
    backup_dir_for,
    check_integrity,
    commit_restore,
    identify_backup,
    latest_good_backup,
    refuse_other_unit,
    stage_restore,
    verify_source,
)

if TYPE_CHECKING:
    from .suite import ServiceSuite

# (path, today, startup_checks) -> the services of the database opened there: the composition
# root's ``app.open_database``, handed down.
OpenDatabase = Callable[..., "ServiceSuite"]

SQLITE_HEADER = b"SQLite format 3\x00"


class StartupFault(DomainError):
    """A database that cannot be opened, and why. ``detail`` is the system's own words."""

    kind = ""
    actions: tuple[str, ...] = ("quit",)

    def __init__(self, db_path: Path | str, detail: str = "") -> None:
        self.db_path = Path(db_path)
        self.detail = detail
        # Not super(): in DatabaseInUse the next class is DatabaseLocked, whose __init__ differs.
        DomainError.__init__(self, self.describe(translator("vi")))

    @property
    def folder(self) -> Path:
        return self.db_path.parent

    def describe(self, tr: Translator) -> str:  # pragma: no cover - every kind overrides it
        raise NotImplementedError


class DatabaseDamaged(StartupFault):
    """``PRAGMA integrity_check`` failed, or the file is not a database. ``backup`` is the newest
    backup that passes the check (None when there is none); :func:`restore_database` puts it
    back."""

    kind = "damaged"

    def __init__(self, db_path: Path, verdict: str, backup: Path | None) -> None:
        self.verdict = verdict
        self.backup = backup
        self.actions = ("restore", "open-folder", "quit") if backup else ("open-folder", "quit")
        super().__init__(db_path, verdict)

    def describe(self, tr: Translator) -> str:
        if self.backup is not None:
            text = tr(
                N_(
                    "The database «{path}» is damaged ({detail}). Latest good backup: "
                    "{backup}. Restore it with:\n"
                    '  lai-chau-desk --db "{path}" restore "{backup}"'
                )
            )
        else:
            text = tr(
                N_(
                    "The database «{path}» is damaged ({detail}). No good backup was "
                    "found in the folder «{folder}». Ask a technician for help; do not "
                    "delete the damaged file."
                )
            )
        return text.format(
            path=self.db_path,
            detail=self.detail,
            backup=self.backup,
            folder=backup_dir_for(self.db_path),
        )


class DatabaseInUse(StartupFault, DatabaseLocked):
    """Another process (a Lai Châu Desk window or command) has the database open."""

    kind = "locked"

    def __init__(self, db_path: Path | str, holder: str = "") -> None:
        self.holder = holder
        StartupFault.__init__(self, db_path, holder)

    def describe(self, tr: Translator) -> str:
        who = tr(N_(" (process {pid})")).format(pid=self.holder) if self.holder else ""
        return tr(
            N_(
                "The database «{path}» is open in another program{who}. Close the other "
                "Lai Châu Desk window or wait for the other command to finish, then try "
                "again."
            )
        ).format(path=self.db_path, who=who)


class DatabaseReadOnly(StartupFault):
    """The file or its folder cannot be written (read-only disk, folder or file). The data are
    not damaged."""

    kind = "read-only"
    actions = ("open-folder", "quit")

    def describe(self, tr: Translator) -> str:
        return tr(
            N_(
                "The database «{path}» is in a place that cannot be written ({detail}). "
                "The data are not damaged. Copy the folder «{folder}» to a writable disk "
                "(or remove the read-only setting), then open the copy with: "
                'lai-chau-desk --db "NEW-PATH"'
            )
        ).format(path=self.db_path, detail=self.detail, folder=self.folder)


class DatabaseFromNewer(StartupFault):
    """The database was made by a newer version of the app (an unknown schema revision)."""

    kind = "newer"

    def describe(self, tr: Translator) -> str:
        return tr(
            N_(
                "This database was made by a newer version of Lai Châu Desk; update the "
                "software. ({path}; nothing was changed)"
            )
        ).format(path=self.db_path)


class DatabaseUnreadable(StartupFault):
    """The file cannot be read at all (no permission, a folder, a disk error)."""

    kind = "unreadable"
    actions = ("open-folder", "quit")

    def describe(self, tr: Translator) -> str:
        return tr(
            N_(
                "The database «{path}» cannot be read ({detail}). Check that the disk or "
                "USB stick is connected and that you may read the file, or choose another "
                "file with --db."
            )
        ).format(path=self.db_path, detail=self.detail)


def claim_database(path: Path | str) -> None:
    """Take this process's lock on the database at ``path`` until it exits (GUI and CLI call
    this before opening). Raises :class:`DatabaseInUse` when another process has it, and
    :class:`DatabaseReadOnly` when the lock cannot be written next to the database."""
    from ..storage.lock import lock_for_process

    try:
        lock_for_process(path)
    except DatabaseLocked as exc:
        if isinstance(exc, DatabaseInUse):
            raise
        raise DatabaseInUse(exc.db_path, exc.holder) from exc
    except OSError as exc:
        fault = as_fault(exc, Path(path))
        if fault is None:
            raise
        raise fault from exc


def release_database(path: Path | str) -> None:
    """Give back the lock taken with :func:`claim_database` (it also goes at process exit)."""
    from ..storage.lock import release_for_process

    release_for_process(path)


def is_existing_database(path: Path | str) -> bool:
    p = Path(path)
    return p.is_file() and p.stat().st_size > 0


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs
        return False


def _unwritable(path: Path) -> str | None:
    """Why the database at ``path`` (or a new one there) cannot be written, or None."""
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return exc.strerror or str(exc)
        return None
    if _read_only_mount(folder):
        return os.strerror(errno.EROFS)
    for target in [folder, path] if path.exists() else [folder]:
        if not os.access(target, os.W_OK):
            return os.strerror(errno.EACCES)
    return None


def preflight(path: Path | str, content: bool = True) -> None:
    """The checks that need no database connection, in the order that names the real fault:
    readable, an SQLite file (unless not ``content``: a restore may replace a damaged file),
    writable. Raises a :class:`StartupFault`; changes nothing."""
    p = Path(path)
    if p.is_dir():
        raise DatabaseUnreadable(p, os.strerror(errno.EISDIR))
    if p.exists() and content:
        try:
            with p.open("rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseUnreadable(p, exc.strerror or str(exc)) from exc
        if head and head != SQLITE_HEADER:
            raise DatabaseDamaged(p, "file is not a database", latest_good_backup(p))
    problem = _unwritable(p)
    if problem:
        raise DatabaseReadOnly(p, problem)


def check_at_start(path: Path | str) -> None:
    """Check an existing database before it is opened: :func:`preflight`, then
    ``PRAGMA quick_check`` (:class:`DatabaseDamaged`, carrying the latest good backup) and the
    schema revision (:class:`DatabaseFromNewer`). The full ``integrity_check`` (which also
    compares every index with its table, 5–9 times slower) runs once a day with the daily
    backup: :func:`check_thoroughly`."""
    from ..storage.engine import read_identity

    path = Path(path)
    preflight(path)
    if not is_existing_database(path):
        return
    _raise_if_damaged(path, check_integrity(path, read_only=False, quick=True))
    revision = read_identity(path)[2]
    if revision is not None and revision not in known_revisions():
        raise DatabaseFromNewer(path, revision)


def check_thoroughly(path: Path | str) -> None:
    """The full ``PRAGMA integrity_check`` of the database at ``path``
    (:class:`DatabaseDamaged` when it fails)."""
    path = Path(path)
    _raise_if_damaged(path, check_integrity(path, read_only=False))


def _raise_if_damaged(path: Path, verdict: str) -> None:
    if verdict != "ok":
        raise as_fault(DamagedFileError(verdict), path) or DatabaseDamaged(
            path, verdict, latest_good_backup(path)
        )


def as_fault(exc: BaseException, db_path: Path) -> StartupFault | None:
    """The start-up fault ``exc`` (raised while opening ``db_path``) stands for, or None when
    it is not one (then it is a refusal of its own or a bug)."""
    if isinstance(exc, StartupFault):
        return exc
    if isinstance(exc, DatabaseLocked):
        return DatabaseInUse(exc.db_path, exc.holder)
    if isinstance(exc, DatabaseNewer):
        return DatabaseFromNewer(db_path, exc.revision)
    if isinstance(exc, DomainError):
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseReadOnly(db_path, exc.strerror or str(exc))
        if exc.errno in (errno.ENOSPC,):
            return None
        return DatabaseUnreadable(db_path, exc.strerror or str(exc))
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, DriverError):
        return None
    text = str(orig)
    if "locked" in text or "busy" in text:
        return DatabaseInUse(db_path)
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(db_path, text)
    if "unable to open" in text or "disk I/O error" in text:
        return DatabaseUnreadable(db_path, text)
    if "full" in text:
        return None
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(db_path, text, latest_good_backup(db_path))
    return None


def open_checked(
    path: Path | str, open_database: OpenDatabase, today: Callable[[], date] = date.today
) -> ServiceSuite:
    """Open the services on ``path`` with ``open_database`` (the composition root's,
    ``app.open_database``) with every fault as a :class:`StartupFault`. The caller takes the
    lock first for a write (:func:`claim_database`)."""
    path = Path(path)
    preflight(path)
    try:
        return open_database(path, today=today)
    except Exception as exc:
        fault = as_fault(exc, path)
        if fault is None or fault is exc:
            raise
        raise fault from exc


def open_read_only_copy(
    path: Path | str, open_database: OpenDatabase, today: Callable[[], date] = date.today
) -> ServiceSuite:
    """For a read command on a healthy database that cannot be written (a CD, a write-protected
    stick): open a temporary copy of it, checked like the original; the copy goes at exit.
    Nothing is ever written next to ``path``."""
    import atexit
    import tempfile

    source = Path(path)
    folder = Path(tempfile.mkdtemp(prefix="lai-chau-desk-read-only-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / source.name
    try:
        shutil.copyfile(source, copy)
        wal = Path(str(source) + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
    except OSError as exc:
        raise DatabaseUnreadable(source, exc.strerror or str(exc)) from exc
    try:
        check_at_start(copy)
        return open_database(copy, today=today, startup_checks=False)
    except StartupFault as fault:  # said of the original, not of the copy
        raise _same_fault_for(fault, source) from fault


def _same_fault_for(fault: StartupFault, path: Path) -> StartupFault:
    if isinstance(fault, DatabaseDamaged):
        return DatabaseDamaged(path, fault.verdict, latest_good_backup(path))
    if isinstance(fault, DatabaseInUse):
        return DatabaseInUse(path, fault.holder)
    return type(fault)(path, fault.detail)


READ_ONLY_NOTE = N_(
    "The database «{path}» cannot be written: this command reads a temporary "
    "copy of it, nothing can be changed."
)


def _set_aside_damaged(path: Path) -> Path:
    """Copy a damaged database (and its WAL) into the backup folder, for the technician."""
    folder = backup_dir_for(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    out = folder / f"{path.stem}-{stamp}.damaged"
    shutil.copyfile(path, out)
    wal = Path(str(path) + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, Path(str(out) + "-wal"))
    return out


def _own_unit_of(path: Path) -> str | None:
    try:
        return identify_backup(path).unit_code
    except (OSError, DriverError):
        return None  # a damaged current database has no identity to defend


def restore_database(
    db_path: Path | str, source: Path | str, other_unit: bool = False
) -> Path | None:
    """Restore ``source`` over the database at ``db_path``, whether that one is healthy or not.

    A backup of another unit than the current database's is refused (:class:`BackupError`)
    unless ``other_unit``. A healthy current database is first backed up with the online backup
    API (reason ``before-restore``); a damaged one is copied aside as ``*.damaged`` in the
    backup folder. Returns the path of that safety copy (None when there was no database).
    The caller must hold the database lock and have no connection open to it.
    """
    from ..storage.engine import Database
    from .backup_service import BackupService

    db_path = Path(db_path)
    source = verify_source(Path(source))
    if not is_existing_database(db_path):
        db_path.parent.mkdir(parents=True, exist_ok=True)
        commit_restore(db_path, stage_restore(db_path, source))
        return None
    if check_integrity(db_path, read_only=False) != "ok":
        safety = _set_aside_damaged(db_path)
        commit_restore(db_path, stage_restore(db_path, source))
        return safety
    if not other_unit:
        refuse_other_unit(_own_unit_of(db_path), source)
    db = Database(db_path)
    try:
        return BackupService(db).restore(source, other_unit=True)
    finally:
        db.dispose()
