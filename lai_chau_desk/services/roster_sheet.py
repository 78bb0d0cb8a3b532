"""Opening a roster workbook safely: every failure becomes a clear Vietnamese message.

openpyxl is imported lazily. A sheet is read once, in read-only streaming mode, into a list of
value tuples that is cached (keyed on the file's path, size and modification time) so that the
user can remap columns without the file being read again.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DomainError
from ..storage.engine import is_disk_full
from .messages import FileDiskFull

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_UNCOMPRESSED = 400 * 1024 * 1024  # a sane workbook of 100,000 rows is far smaller
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class RosterFileError(DomainError):
    """The workbook cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class SheetData:
    """The cell values of one sheet (rows as tuples, padded to ``width``)."""

    sheet_names: tuple[str, ...]
    sheet: str
    rows: tuple[tuple[object, ...], ...]
    width: int


_cache: dict[tuple[str, int, int, str], SheetData] = {}


def _check_container(path: Path) -> None:
    if not path.is_file():
        raise RosterFileError(f"Không tìm thấy tệp “{path.name}”.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise RosterFileError(
            f"Tệp “{path.name}” là định dạng Excel cũ (.xls) hoặc có đặt mật khẩu. "
            "Hãy mở tệp trong Excel, bỏ mật khẩu nếu có, và lưu lại dạng .xlsx."
        )
    if not zipfile.is_zipfile(path):
        raise RosterFileError(
            f"Tệp “{path.name}” không phải là bảng tính Excel (.xlsx). "
            "Hãy lưu danh sách dưới dạng Excel Workbook (.xlsx) rồi chọn lại."
        )
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise RosterFileError(f"Tệp “{path.name}” bị hỏng, không đọc được.") from exc
    if total > MAX_UNCOMPRESSED:
        raise RosterFileError(f"Tệp “{path.name}” quá lớn để nhập danh sách đoàn viên.")


def _open(path: Path):  # noqa: ANN202 - openpyxl workbook
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise RosterFileError(
            f"Không đọc được tệp “{path.name}”: tệp không phải bảng tính .xlsx hợp lệ hoặc bị hỏng."
        ) from exc


def _read_rows(ws, sheet: str) -> tuple[tuple[tuple[object, ...], ...], int]:  # noqa: ANN001
    rows: list[tuple[object, ...]] = []
    width = 0
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # declared dimensions are often wrong in files from other tools
    for raw in ws.iter_rows(values_only=True):
        if len(rows) >= MAX_ROWS:
            raise RosterFileError(
                f"Trang “{sheet}” có hơn {MAX_ROWS:,} dòng".replace(",", ".")
                + ": quá nhiều để nhập một lần. Hãy chia danh sách thành nhiều tệp."
            )
        row = tuple(raw[:MAX_COLUMNS])
        last = len(row)
        while last and (row[last - 1] is None or row[last - 1] == ""):
            last -= 1
        rows.append(row[:last])
        width = max(width, last)
    while rows and not rows[-1]:
        rows.pop()
    padded = tuple(r + (None,) * (width - len(r)) for r in rows)
    return padded, width


def load_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """The values of ``sheet`` (default: the first sheet with data) of the workbook at ``path``."""
    path = Path(path)
    _check_container(path)
    stat = path.stat()
    wb = _open(path)
    try:
        names = tuple(wb.sheetnames)
        if not names:
            raise RosterFileError(f"Tệp “{path.name}” không có trang tính nào.")
        if sheet is not None and sheet not in names:
            raise RosterFileError(f"Tệp không có trang “{sheet}”.")
        candidates = [sheet] if sheet is not None else list(names)
        for name in candidates:
            key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, name)
            if key in _cache:
                return _cache[key]
            try:
                rows, width = _read_rows(wb[name], name)
            except RosterFileError:
                raise
            except Exception as exc:
                raise RosterFileError(
                    f"Không đọc được trang “{name}” của tệp “{path.name}”: dữ liệu bị hỏng."
                ) from exc
            if rows:
                data = SheetData(names, name, rows, width)
                _cache.clear()  # keep one sheet in memory at most
                _cache[key] = data
                return data
        where = f"Trang “{sheet}”" if sheet is not None else f"Tệp “{path.name}”"
        raise RosterFileError(f"{where} không có dữ liệu.")
    finally:
        wb.close()


def write_atomically(path: Path | str, save) -> None:  # noqa: ANN001 - callable(Path)
    """Call ``save(tmp)`` on a temporary file beside ``path``, then rename it over ``path``:
    a failure never leaves a half-written workbook behind."""
    path = Path(path)
    if not path.parent.is_dir():
        raise RosterFileError(
            f"Không ghi được tệp “{path.name}”: thư mục “{path.parent}” không tồn tại."
        )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        save(tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        raise RosterFileError(
            f"Không ghi được tệp “{path.name}”: không có quyền ghi hoặc tệp đang mở trong Excel."
        ) from exc
    except OSError as exc:
        if is_disk_full(exc):
            raise FileDiskFull(path) from exc
        raise RosterFileError(f"Không ghi được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
