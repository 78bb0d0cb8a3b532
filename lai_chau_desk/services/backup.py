"""Consistent copies of the database with SQLite's online backup API, rotation, and restore.

Automatic backups go to ``backups/`` next to the database, named
``<db stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.db``: at most one a day when the app opens
(``daily``), before every migration, restore and import batch. Only the newest ``backup_keep``
(setting, default 10) files in that folder are kept, whatever their reason, and only as many
of those as fit together in :data:`SIZE_FACTOR` (5) times the size of the database: ten copies
of a 250 MB database would take 2.5 GB. The newest backup is always kept. A backup written
elsewhere with ``--out`` is never rotated.

Every backup knows whose it is: :func:`identify_backup` reads the unit and the date it holds,
and a restore refuses another unit's backup unless told otherwise.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import N_
from ..storage.engine import DriverError, is_disk_full, read_identity
from ..storage.sqlite_files import check_integrity, copy_database
from .messages import FileDiskFull, LocalizedError

if TYPE_CHECKING:
    from .backup_service import BackupService  # noqa: F401 - what __getattr__ gives

DEFAULT_KEEP = 10
SIZE_FACTOR = 5  # automatic backups together take at most this many times the database
REASONS = ("manual", "daily", "before-migration", "before-restore", "before-import")
_STAMP = r"-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.db"


class BackupError(LocalizedError):
    """A backup or restore refused; nothing changed."""


class OtherUnitBackup(BackupError):
    """The backup holds another unit's database than the one it would replace."""

    def __init__(self, source: Path, identity: BackupIdentity, own_code: str) -> None:
        self.identity = identity
        self.own_code = own_code
        super().__init__(
            N_(
                "«{name}» is a backup of the unit {code} – {unit} taken on {date}, not of this "
                "installation's unit {own}. Nothing was changed. To replace this installation's "
                "data with the other unit's anyway, run: lai-chau-desk restore --other-unit "
                '"{path}"'
            ),
            name=source.name,
            code=identity.unit_code,
            unit=identity.unit_name or "?",
            date=identity.taken_at.strftime("%d/%m/%Y %H:%M"),
            own=own_code,
            path=source,
        )


@dataclass(frozen=True)
class BackupIdentity:
    """Whose data a backup holds and when it was taken."""

    path: Path
    unit_code: str | None
    unit_name: str | None
    taken_at: datetime
    revision: str | None

    def describe(self, tr) -> str:  # noqa: ANN001 - i18n.Translator
        unit = (
            (f"{self.unit_code} – {self.unit_name}" if self.unit_name else self.unit_code)
            if self.unit_code
            else tr(N_("no unit declared"))
        )
        return tr(N_("Backup «{name}»: unit {unit}, taken on {date}.")).format(
            name=self.path.name, unit=unit, date=self.taken_at.strftime("%d/%m/%Y %H:%M")
        )


@dataclass(frozen=True)
class BackupFile:
    """One file in the backup folder: where, when, why."""

    path: Path
    taken_at: datetime
    reason: str


def backup_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def list_backups(db_path: Path) -> list[BackupFile]:
    """The automatic backups of the database at ``db_path``, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = []
    pattern = re.compile(re.escape(Path(db_path).stem) + _STAMP)
    for p in folder.glob("*.db"):
        m = pattern.fullmatch(p.name)
        if not m:
            continue
        found.append(BackupFile(p, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f"), m.group(2)))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def identify_backup(path: Path) -> BackupIdentity:
    """The unit and date a database file (a backup or the live database) holds. The date is
    the one in an automatic backup's name, else the file's modification time."""
    path = Path(path)
    code, name, revision = read_identity(path)
    m = re.search(_STAMP + "$", path.name)
    taken = (
        datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
        if m
        else datetime.fromtimestamp(path.stat().st_mtime)
    )
    return BackupIdentity(path, code, name, taken, revision)


def refuse_other_unit(own_code: str | None, source: Path) -> None:
    """Raise :class:`OtherUnitBackup` when ``source`` holds another unit than ``own_code``
    (a database or a backup without a declared unit is nobody's: not refused)."""
    identity = identify_backup(source)
    if own_code and identity.unit_code and identity.unit_code != own_code:
        raise OtherUnitBackup(Path(source), identity, own_code)


def latest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes ``integrity_check``, or None."""
    for b in list_backups(db_path):
        if check_integrity(b.path) == "ok":
            return b.path
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def rotate(db_path: Path, keep: int, size_factor: int = SIZE_FACTOR) -> list[Path]:
    """Keep the newest automatic backups while there are at most ``keep`` of them and they
    take together at most ``size_factor`` times the database (the newest is always kept);
    delete the others and any ``.part`` file left by an interrupted backup (the caller holds
    the database lock). Return the deleted paths."""
    backups = list_backups(db_path)
    # The database's size: its file, or the newest backup when larger (recent pages may still
    # be in the WAL, which the copy folds in).
    size_of_db = max([_size(Path(db_path))] + [_size(b.path) for b in backups[:1]])
    budget = size_factor * size_of_db
    kept, total, doomed = 0, 0, []
    for b in backups:
        size = _size(b.path)
        if kept == 0 or (kept < max(keep, 1) and total + size <= budget):
            kept, total = kept + 1, total + size
        else:
            doomed.append(b.path)
    doomed += list(backup_dir_for(db_path).glob(f"{Path(db_path).stem}-*.db.part"))
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed


def write_backup(db_path: Path, out: Path) -> Path:
    """Copy the database at ``db_path`` to ``out`` consistently (atomic rename at the end)."""
    out = Path(out)
    if out.exists():
        raise BackupError(N_("The file «{path}» already exists; choose another name."), path=out)
    tmp = out.with_suffix(out.suffix + ".part")
    try:
        copy_database(Path(db_path), tmp)
        tmp.replace(out)
    except (OSError, DriverError) as e:
        tmp.unlink(missing_ok=True)
        if is_disk_full(e):
            raise BackupError(
                N_(
                    "The disk is full, so no backup was made. Free some disk space "
                    "and try again; the database was not changed."
                )
            ) from e
        raise BackupError(N_("The backup failed: {error}"), error=e) from e
    return out


def stage_restore(db_path: Path, source: Path) -> Path:
    """Copy ``source`` next to ``db_path`` (``.restoring``), ready for :func:`commit_restore`."""
    staged = Path(db_path).with_suffix(".restoring")
    try:
        shutil.copyfile(source, staged)
    except OSError as e:
        staged.unlink(missing_ok=True)
        if is_disk_full(e):
            raise FileDiskFull(staged) from e
        raise
    return staged


def commit_restore(db_path: Path, staged: Path) -> None:
    """Put the staged copy in place of ``db_path`` with an atomic rename.

    The caller must have closed every connection to ``db_path`` first.
    """
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    Path(staged).replace(db_path)


def verify_source(source: Path) -> Path:
    """Refuse a missing, damaged or foreign file as a restore source."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(N_("The backup file «{path}» was not found."), path=source)
    verdict = check_integrity(source)
    if verdict != "ok":
        raise BackupError(
            N_("The file «{name}» is not a valid backup: {verdict}"),
            name=source.name,
            verdict=verdict,
        )
    return source


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a module attribute, typed above
    # BackupService needs the ORM (ServiceBase); it lives in backup_service so that this
    # module, which start-up imports before Qt, stays free of SQLAlchemy's import cost.
    if name == "BackupService":
        from .backup_service import BackupService

        return BackupService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
