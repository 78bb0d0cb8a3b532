"""Consistent copies of the database with SQLite's online backup API, rotation, and restore.

Automatic backups go to ``backups/`` next to the database, named
``<db stem>-YYYYmmdd-HHMMSS-ffffff-<reason>.db``: at most one a day when the app opens
(``daily``), before every migration, restore and import batch. Only the newest ``backup_keep``
(setting, default 10) files in that folder are kept, whatever their reason. A backup written
elsewhere with ``--out`` is never rotated.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from ..domain.errors import DomainError
from ..storage.engine import is_disk_full
from .base import ServiceBase
from .settings import BACKUP_KEEP

DEFAULT_KEEP = 10
REASONS = ("manual", "daily", "before-migration", "before-restore", "before-import")
_STAMP = r"-(\d{8}-\d{6}-\d{6})-([a-z-]+)\.db"


class BackupError(DomainError):
    pass


@dataclass(frozen=True)
class BackupFile:
    """One file in the backup folder: where, when, why."""

    path: Path
    taken_at: datetime
    reason: str


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    # A backup must stand alone: fold the WAL into the file and switch it off.
    with sqlite3.connect(dst) as d:
        d.execute("PRAGMA journal_mode=DELETE")
    sqlite3.connect(dst).close()


def check_integrity(path: Path, read_only: bool = True) -> str:
    """``"ok"`` or SQLite's complaint about the file at ``path``.

    ``read_only=True`` suits backups (rollback-journal files). ``read_only=False`` opens the
    file normally so that a WAL left by a crash is recovered first (the state SQLite itself
    would see); use it for the live WAL database, which a read-only open may refuse.
    """
    uri = f"file:{quote(Path(path).as_posix(), safe='/:')}?mode={'ro' if read_only else 'rw'}"
    try:
        c = sqlite3.connect(uri, uri=True)
        try:
            row = c.execute("PRAGMA integrity_check").fetchone()
            c.execute("SELECT count(*) FROM alembic_version").fetchone()
        finally:
            c.close()
        return str(row[0])
    except sqlite3.DatabaseError as e:
        return str(e)


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


def latest_good_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that passes ``integrity_check``, or None."""
    for b in list_backups(db_path):
        if check_integrity(b.path) == "ok":
            return b.path
    return None


def rotate(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups, and any ``.part`` file left by an
    interrupted backup (the caller holds the database lock); return the deleted paths."""
    doomed = [b.path for b in list_backups(db_path)[max(keep, 1):]]
    doomed += list(backup_dir_for(db_path).glob(f"{Path(db_path).stem}-*.db.part"))
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed


def write_backup(db_path: Path, out: Path) -> Path:
    """Copy the database at ``db_path`` to ``out`` consistently (atomic rename at the end)."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"Tệp «{out}» đã tồn tại; chọn tên khác.")
    tmp = out.with_suffix(out.suffix + ".part")
    try:
        _copy(Path(db_path), tmp)
        tmp.replace(out)
    except (OSError, sqlite3.Error) as e:
        tmp.unlink(missing_ok=True)
        if is_disk_full(e) or getattr(e, "errno", None) == 28:
            raise BackupError("Ổ đĩa đã đầy nên không sao lưu được. Hãy giải phóng dung lượng "
                              "rồi thử lại; cơ sở dữ liệu không bị thay đổi.") from e
        raise BackupError(f"Không sao lưu được: {e}") from e
    return out


def stage_restore(db_path: Path, source: Path) -> Path:
    """Copy ``source`` next to ``db_path`` (``.restoring``), ready for :func:`commit_restore`."""
    staged = Path(db_path).with_suffix(".restoring")
    shutil.copyfile(source, staged)
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
        raise BackupError(f"Không tìm thấy tệp sao lưu «{source}».")
    verdict = check_integrity(source)
    if verdict != "ok":
        raise BackupError(f"Tệp «{source.name}» không phải bản sao lưu hợp lệ: {verdict}")
    return source


class BackupService(ServiceBase):
    def backup_dir(self) -> Path:
        d = backup_dir_for(self.db.path)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def keep(self) -> int:
        """How many automatic backups to keep (setting ``backup_keep``, default 10, at least 1)."""
        try:
            return max(1, int(self.read_setting(BACKUP_KEEP, str(DEFAULT_KEEP))))
        except (ValueError, DomainError):
            return DEFAULT_KEEP
        except Exception:  # noqa: BLE001 - before the first migration there is no setting table
            return DEFAULT_KEEP

    def backup(self, out: Path | None = None, reason: str = "manual") -> Path:
        """Write a consistent copy of the live database and return its path.

        Without ``out`` the copy goes to the backup folder and the oldest ones beyond
        :meth:`keep` are deleted. ``reason`` is one of :data:`REASONS` (e.g. the exchange layer
        calls ``backup(reason="before-import")`` before an import batch).
        """
        if out is not None:
            return write_backup(self.db.path, Path(out))
        if reason not in REASONS:
            raise ValueError(f"unknown backup reason {reason!r}")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = write_backup(self.db.path,
                            self.backup_dir() / f"{self.db.path.stem}-{stamp}-{reason}.db")
        rotate(self.db.path, self.keep())
        return path

    def list(self) -> list[BackupFile]:
        return list_backups(self.db.path)

    def latest_good(self) -> Path | None:
        return latest_good_backup(self.db.path)

    def daily(self, today: date | None = None) -> Path | None:
        """Back up unless a backup was already taken today (any reason); return the new path.

        A failure (e.g. a full disk) does not stop the app from opening: it returns None and
        the next open tries again.
        """
        day = today or datetime.now().date()
        newest = list_backups(self.db.path)
        if newest and newest[0].taken_at.date() >= day:
            return None
        try:
            return self.backup(reason="daily")
        except BackupError:
            return None

    def restore(self, source: Path) -> Path:
        """Replace the live database with ``source`` after backing up the current one.

        Returns the path of the safety backup. The source is checked first; a damaged or
        foreign file is refused and nothing changes.
        """
        staged = stage_restore(self.db.path, verify_source(source))  # rotation may delete source
        try:
            safety = self.backup(reason="before-restore")
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        self.db.dispose()
        commit_restore(self.db.path, staged)
        return safety
