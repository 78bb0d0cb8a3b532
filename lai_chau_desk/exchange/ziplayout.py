"""The canonical ZIP layout of a package, and a guarded reader of untrusted ZIP bytes.

Members are stored uncompressed with fixed headers (see ``docs/lcdx-format.md`` §2), so a
package has exactly one valid byte layout. The reader parses the central directory with
:mod:`zipfile`, checks every name and size before reading anything, then takes each member
where the canonical layout puts it and rebuilds every header, the central directory and the
end record from the members and compares: any flipped byte anywhere in the file is refused.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from .errors import PackageError
from .limits import Limits

FLAG_UTF8 = 0x0800
VERSION = 20  # ZIP 2.0, host MS-DOS
DOS_DATE = 0x0021  # 1980-01-01
DOS_TIME = 0x0000
CHILD_NAME = re.compile(r"^children/([A-Za-z0-9][A-Za-z0-9._-]{0,39})\.lcdx$")
FIXED_NAMES = ("manifest.json", "manifest.sig", "payload.json", "report.pdf")
_DRIVE = re.compile(r"^[A-Za-z]:")


def member_order(names: list[str]) -> list[str]:
    """``manifest.json``, ``manifest.sig``, then every other name in ascending byte order."""
    head = [n for n in ("manifest.json", "manifest.sig") if n in names]
    rest = sorted((n for n in names if n not in head), key=lambda n: n.encode("utf-8"))
    return head + rest


def _local_header(raw_name: bytes, crc: int, size: int) -> bytes:
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, VERSION, FLAG_UTF8, 0, DOS_TIME, DOS_DATE,
                       crc, size, size, len(raw_name), 0) + raw_name


def _central_entry(raw_name: bytes, crc: int, size: int, offset: int) -> bytes:
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, VERSION, VERSION, FLAG_UTF8, 0,
                       DOS_TIME, DOS_DATE, crc, size, size, len(raw_name), 0, 0, 0, 0, 0,
                       offset) + raw_name


def _end_record(count: int, cd_size: int, cd_offset: int) -> bytes:
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_offset, 0)


def build_zip(members: dict[str, bytes]) -> bytes:
    """The canonical archive of ``members`` (name -> bytes)."""
    out = io.BytesIO()
    central = []
    for name in member_order(list(members)):
        data = members[name]
        raw_name = name.encode("utf-8")
        crc = zlib.crc32(data) & 0xFFFFFFFF
        central.append(_central_entry(raw_name, crc, len(data), out.tell()))
        out.write(_local_header(raw_name, crc, len(data)))
        out.write(data)
    cd_offset = out.tell()
    for entry in central:
        out.write(entry)
    out.write(_end_record(len(central), out.tell() - cd_offset, cd_offset))
    return out.getvalue()


def _canonical_members(data: bytes, infos: list[zipfile.ZipInfo]) -> dict[str, bytes] | None:
    """The members of ``data`` when it is byte for byte the canonical archive of the members
    its central directory lists (what ``build_zip(members) == data`` tells, without copying
    the archive again): each member's bytes are taken where the canonical layout puts them,
    and every header, the central directory and the end record are rebuilt from them (CRCs
    included) and compared. ``None`` when any byte differs."""
    names = [info.orig_filename for info in infos]
    if member_order(names) != names:
        return None
    view = memoryview(data)
    members: dict[str, bytes] = {}
    central = []
    offset = 0
    for name, info in zip(names, infos, strict=True):
        raw_name = name.encode("utf-8")
        start = offset + 30 + len(raw_name)
        body = data[start:start + info.file_size]
        crc = zlib.crc32(body) & 0xFFFFFFFF
        if len(body) != info.file_size or view[offset:start] != _local_header(raw_name, crc,
                                                                              len(body)):
            return None
        central.append(_central_entry(raw_name, crc, len(body), offset))
        members[name] = body
        offset = start + len(body)
    tail = b"".join(central)
    tail += _end_record(len(central), len(tail), offset)
    return members if view[offset:] == tail else None


def check_name(name: str) -> None:
    """Refuse traversal, absolute paths, backslashes and anything outside the allowed set."""
    if "\\" in name:
        raise PackageError("member-name",
                           f"Tên thành phần «{name}» trong gói có dấu gạch chéo ngược; gói bị từ chối.")
    if name.startswith("/") or _DRIVE.match(name):
        raise PackageError("member-name",
                           f"Tên thành phần «{name}» trong gói là đường dẫn tuyệt đối; gói bị từ chối.")
    parts = name.split("/")
    if any(p in ("..", ".", "") for p in parts) or "\x00" in name:
        raise PackageError("member-name",
                           f"Tên thành phần «{name}» trong gói trỏ ra ngoài thư mục gói; gói bị từ chối.")
    if name not in FIXED_NAMES and not CHILD_NAME.match(name):
        raise PackageError("member-unexpected",
                           f"Gói có thành phần không được phép: «{name}».")


def _open(data: bytes) -> zipfile.ZipFile:
    if not data.startswith(b"PK\x03\x04"):
        raise PackageError("not-zip", "Tệp không phải là gói báo cáo .lcdx (không phải tệp ZIP).")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            struct.error, NotImplementedError, UnicodeDecodeError, IndexError, KeyError,
            OverflowError):
        raise PackageError("zip-damaged",
                           "Tệp gói bị hỏng hoặc bị cắt cụt: không đọc được cấu trúc ZIP.") from None


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        name = info.orig_filename
        limit = limits.member_limit(name)
        if info.file_size > limit:
            raise PackageError("member-too-large",
                               f"Thành phần «{name}» quá lớn ({info.file_size} byte, "
                               f"tối đa {limit}).")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise PackageError("zip-bomb",
                               "Tổng dung lượng giải nén của gói vượt giới hạn "
                               f"({limits.max_total_bytes} byte): nghi là «bom nén», gói bị từ chối.")
        if info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError("zip-bomb",
                               f"Tỉ lệ nén của thành phần «{name}» bất thường: nghi là «bom nén», "
                               "gói bị từ chối.")
    for info in infos:
        name = info.orig_filename
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            raise PackageError("member-compressed",
                               f"Thành phần «{name}» được nén hoặc mã hóa; định dạng .lcdx chỉ "
                               "cho phép lưu nguyên văn.")


def _read_each(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Read every member with :mod:`zipfile` (CRC checked), for the refusal's wording only."""
    try:
        for info in infos:
            with zf.open(info) as f:
                f.read(info.file_size + 1)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error, zlib.error,
            NotImplementedError, UnicodeDecodeError, IndexError, KeyError, OverflowError):
        raise PackageError("zip-damaged",
                           "Tệp gói bị hỏng hoặc đã bị sửa: dữ liệu bên trong không khớp mã kiểm tra.") from None


def read_zip(data: bytes, limits: Limits) -> dict[str, bytes]:
    """The members of an untrusted package, after every structural check."""
    if len(data) > limits.max_package_bytes:
        raise PackageError("package-too-large",
                           f"Tệp gói quá lớn ({len(data)} byte, tối đa {limits.max_package_bytes}).")
    zf = _open(data)
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise PackageError("too-many-members",
                           f"Gói có quá nhiều thành phần ({len(infos)}, tối đa {limits.max_members}).")
    seen: set[str] = set()
    for info in infos:
        check_name(info.orig_filename)
        if info.orig_filename in seen:
            raise PackageError("member-duplicate",
                               f"Thành phần «{info.orig_filename}» xuất hiện hai lần trong gói.")
        seen.add(info.orig_filename)
    _check_sizes(infos, limits)
    members = _canonical_members(data, infos)
    if members is None:
        _read_each(zf, infos)  # damage zipfile itself notices is reported as damage
        raise PackageError("zip-not-canonical",
                           "Cấu trúc tệp gói không đúng chuẩn .lcdx hoặc đã bị sửa đổi; gói bị từ chối.")
    return members
