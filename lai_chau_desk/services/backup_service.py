"""The backup service of one open database: manual, daily and pre-migration backups, rotation
and restore (the file-level work is in :mod:`.backup`)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..domain.errors import DomainError
from .backup import (
    DEFAULT_KEEP,
    REASONS,
    BackupError,
    BackupFile,
    backup_dir_for,
    commit_restore,
    latest_good_backup,
    list_backups,
    refuse_other_unit,
    rotate,
    stage_restore,
    verify_source,
    write_backup,
)
from .base import ServiceBase
from .settings import BACKUP_KEEP


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
        path = write_backup(
            self.db.path, self.backup_dir() / f"{self.db.path.stem}-{stamp}-{reason}.db"
        )
        rotate(self.db.path, self.keep())
        return path

    def list(self) -> list[BackupFile]:
        return list_backups(self.db.path)

    def latest_good(self) -> Path | None:
        return latest_good_backup(self.db.path)

    def daily_due(self, today: date | None = None) -> bool:
        """Whether no backup (of any reason) was taken today yet."""
        day = today or datetime.now().date()
        newest = list_backups(self.db.path)
        return not (newest and newest[0].taken_at.date() >= day)

    def daily(self, today: date | None = None) -> Path | None:
        """Back up unless a backup was already taken today (any reason); return the new path.

        A failure (e.g. a full disk) does not stop the app from opening: it returns None and
        the next open tries again.
        """
        if not self.daily_due(today):
            return None
        try:
            return self.backup(reason="daily")
        except BackupError:
            return None

    def restore(self, source: Path, other_unit: bool = False) -> Path:
        """Replace the live database with ``source`` after backing up the current one.

        Returns the path of the safety backup. The source is checked first; a damaged file, or
        another unit's backup unless ``other_unit``, is refused and nothing changes.
        """
        verify_source(source)
        if not other_unit:
            refuse_other_unit(self.own_unit_code(), Path(source))
        staged = stage_restore(self.db.path, Path(source))  # rotation may delete source
        try:
            safety = self.backup(reason="before-restore")
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        self.db.dispose()
        commit_restore(self.db.path, staged)
        return safety
