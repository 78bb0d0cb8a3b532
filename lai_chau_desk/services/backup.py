"""Consistent copies of the database with SQLite's online backup API, and restore."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from ..domain.errors import DomainError
from .base import ServiceBase


class BackupError(DomainError):
    pass


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as s, sqlite3.connect(dst) as d:
        s.backup(d)
    # A backup must stand alone: fold the WAL into the file and switch it off.
    with sqlite3.connect(dst) as d:
        d.execute("PRAGMA journal_mode=DELETE")
    sqlite3.connect(dst).close()


def check_integrity(path: Path) -> str:
    """``"ok"`` or SQLite's complaint about the file at ``path``."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as c:
            row = c.execute("PRAGMA integrity_check").fetchone()
            c.execute("SELECT count(*) FROM alembic_version").fetchone()
        return str(row[0])
    except sqlite3.DatabaseError as e:
        return str(e)


class BackupService(ServiceBase):
    def backup_dir(self) -> Path:
        d = self.db.path.parent / "backups"
        d.mkdir(parents=True, exist_ok=True)
        return d

    def backup(self, out: Path | None = None, reason: str = "manual") -> Path:
        """Write a consistent copy of the live database and return its path."""
        if out is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            out = self.backup_dir() / f"{self.db.path.stem}-{stamp}-{reason}.db"
        out = Path(out)
        if out.exists():
            raise BackupError(f"Tệp «{out}» đã tồn tại; chọn tên khác.")
        tmp = out.with_suffix(out.suffix + ".part")
        try:
            _copy(self.db.path, tmp)
            tmp.replace(out)
        except (OSError, sqlite3.Error) as e:
            tmp.unlink(missing_ok=True)
            raise BackupError(f"Không sao lưu được: {e}") from e
        return out

    def restore(self, source: Path) -> Path:
        """Replace the live database with ``source`` after backing up the current one.

        Returns the path of the safety backup. The source is checked first; a damaged or
        foreign file is refused and nothing changes.
        """
        source = Path(source)
        if not source.is_file():
            raise BackupError(f"Không tìm thấy tệp sao lưu «{source}».")
        verdict = check_integrity(source)
        if verdict != "ok":
            raise BackupError(f"Tệp «{source.name}» không phải bản sao lưu hợp lệ: {verdict}")
        safety = self.backup(reason="before-restore")
        self.db.dispose()
        staged = self.db.path.with_suffix(".restoring")
        shutil.copyfile(source, staged)
        for suffix in ("-wal", "-shm"):
            Path(str(self.db.path) + suffix).unlink(missing_ok=True)
        staged.replace(self.db.path)
        return safety
