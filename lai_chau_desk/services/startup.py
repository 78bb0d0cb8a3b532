"""What happens when a database is opened: integrity check, daily backup, and the way back
from a damaged file (restore the latest good backup)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from ..domain.errors import DomainError
from .backup import (
    backup_dir_for,
    check_integrity,
    commit_restore,
    latest_good_backup,
    stage_restore,
    verify_source,
)


class DatabaseDamaged(DomainError):
    """``PRAGMA integrity_check`` failed at start. ``backup`` is the newest backup that passes
    the check (None when there is none); :func:`restore_database` puts it back."""

    def __init__(self, db_path: Path, verdict: str, backup: Path | None) -> None:
        self.db_path = Path(db_path)
        self.verdict = verdict
        self.backup = backup
        if backup is not None:
            way_back = (f"Bản sao lưu tốt gần nhất: {backup}. Khôi phục bằng lệnh:\n"
                        f"  lai-chau-desk --db \"{self.db_path}\" restore \"{backup}\"")
        else:
            way_back = ("Không tìm thấy bản sao lưu tốt nào trong thư mục "
                        f"«{backup_dir_for(self.db_path)}». Hãy liên hệ cán bộ kỹ thuật; "
                        "đừng xóa tệp hỏng.")
        super().__init__(f"Cơ sở dữ liệu «{self.db_path}» bị hỏng ({verdict}). {way_back}")


def claim_database(path: Path | str) -> None:
    """Take this process's lock on the database at ``path`` until it exits (GUI and CLI call
    this before opening). Raises ``storage.lock.DatabaseLocked`` — a DomainError with a
    Vietnamese message — when another process has it."""
    from ..storage.lock import lock_for_process

    lock_for_process(path)


def release_database(path: Path | str) -> None:
    """Give back the lock taken with :func:`claim_database` (it also goes at process exit)."""
    from ..storage.lock import release_for_process

    release_for_process(path)


def is_existing_database(path: Path | str) -> bool:
    p = Path(path)
    return p.is_file() and p.stat().st_size > 0


def check_at_start(path: Path | str) -> None:
    """Run ``PRAGMA integrity_check`` on an existing database; raise :class:`DatabaseDamaged`
    carrying the latest good backup when it fails."""
    path = Path(path)
    if not is_existing_database(path):
        return
    verdict = check_integrity(path, read_only=False)
    if verdict != "ok":
        raise DatabaseDamaged(path, verdict, latest_good_backup(path))


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


def restore_database(db_path: Path | str, source: Path | str) -> Path | None:
    """Restore ``source`` over the database at ``db_path``, whether that one is healthy or not.

    A healthy current database is first backed up with the online backup API (reason
    ``before-restore``); a damaged one is copied aside as ``*.damaged`` in the backup folder.
    Returns the path of that safety copy (None when there was no database). The caller must
    hold the database lock and have no connection open to it.
    """
    from ..storage.engine import Database
    from .backup import BackupService

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
    db = Database(db_path)
    try:
        return BackupService(db).restore(source)
    finally:
        db.dispose()
