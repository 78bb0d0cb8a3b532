"""The canonical ZIP layout of a format-2 package, and a guarded reader of untrusted ZIP bytes.

Every member has exactly one valid encoding (``docs/lcdx-format.md`` §2): the consolidation
table and the carried manifests are deflated with zlib at level 6 (raw deflate, window 15,
memory level 8, default strategy), every other member is stored; headers are fixed. The
reader parses the central directory with :mod:`zipfile`, checks every name, declared size and
compression ratio before inflating anything, inflates each member with a size cap, deflates it
again and compares, rebuilds every header, the central directory and the end record and
compares: any changed byte anywhere in the file is refused.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from .errors import PackageError
from .limits import Limits

FLAG_UTF8 = 0x0800
VERSION = 20  # ZIP 2.0, host MS-DOS
DOS_DATE = 0x0021  # 1980-01-01
DOS_TIME = 0x0000
STORED, DEFLATED = 0, 8
LEVEL = 6
MAX_ENTRIES = 65535  # no ZIP64
CODE_PATTERN = r"[A-Z0-9][A-Z0-9.-]{0,39}"
UNIT_MEMBER = re.compile(
    rf"^units/({CODE_PATTERN})/(manifest\.json|manifest\.sig|payload\.json)\Z"
)  # \Z: never before a final "\n"
FIXED_NAMES = ("manifest.json", "manifest.sig", "payload.json", "report.pdf", "consolidation.json")
_DRIVE = re.compile(r"^[A-Za-z]:")
# A consolidation table larger than this (a province's) is inflated, deflated again and
# compared a piece at a time, and not kept: read again from the file when needed.
STREAM_OVER = 1 << 20
_PIECE = 1 << 16  # compressed bytes fed at a time
_OUT = 1 << 18  # inflated bytes taken at a time


@dataclass(frozen=True, slots=True)
class Encoded:
    """A member already in its canonical encoding (copied from a trusted package unchanged)."""

    data: bytes | memoryview  # the bytes as they sit in the archive (deflated or stored)
    crc: int
    size: int  # uncompressed


def method_of(name: str) -> int:
    """Deflated: the consolidation table and every carried manifest
    (``units/<CODE>/manifest.json``); stored: the rest, among them the package's own
    ``manifest.json`` and every ``payload.json`` (§2).

    What every reader checks in every package it reads is stored: checked by its hash alone,
    where a deflated member has to be inflated and deflated again (0.45 ms of a 20 KB payload,
    0.08 ms of a 2 KB manifest: a zlib state set up for each). Carried manifests, a thousand
    in a province's package, are what deflating saves size on."""
    if name == "consolidation.json" or (
        name.startswith("units/") and name.endswith("/manifest.json")
    ):
        return DEFLATED
    return STORED


def deflate(data: bytes | memoryview) -> bytes:
    c = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    return c.compress(data) + c.flush()


def encode(name: str, data: bytes) -> Encoded:
    body = deflate(data) if method_of(name) == DEFLATED else data
    return Encoded(body, zlib.crc32(data) & 0xFFFFFFFF, len(data))


def member_order(names: list[str]) -> list[str]:
    """``manifest.json``, ``manifest.sig``, then every other name in ascending byte order."""
    head = [n for n in ("manifest.json", "manifest.sig") if n in names]
    rest = sorted((n for n in names if n not in head), key=lambda n: n.encode("utf-8"))
    return head + rest


def _local_header(raw_name: bytes, method: int, crc: int, csize: int, size: int) -> bytes:
    return (
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            VERSION,
            FLAG_UTF8,
            method,
            DOS_TIME,
            DOS_DATE,
            crc,
            csize,
            size,
            len(raw_name),
            0,
        )
        + raw_name
    )


def _central_entry(
    raw_name: bytes, method: int, crc: int, csize: int, size: int, offset: int
) -> bytes:
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            VERSION,
            VERSION,
            FLAG_UTF8,
            method,
            DOS_TIME,
            DOS_DATE,
            crc,
            csize,
            size,
            len(raw_name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + raw_name
    )


def _end_record(count: int, cd_size: int, cd_offset: int) -> bytes:
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, cd_size, cd_offset, 0)


def build_zip(members: dict[str, bytes | Encoded]) -> bytes:
    """The canonical archive of ``members`` (name -> bytes, or an already encoded member)."""
    if len(members) > MAX_ENTRIES:
        raise ValueError(f"a package holds at most {MAX_ENTRIES} members")
    parts: list[bytes | memoryview] = []
    central = []
    offset = 0
    for name in member_order(list(members)):
        value = members[name]
        enc = value if isinstance(value, Encoded) else encode(name, value)
        raw_name = name.encode("utf-8")
        method = method_of(name)
        central.append(_central_entry(raw_name, method, enc.crc, len(enc.data), enc.size, offset))
        header = _local_header(raw_name, method, enc.crc, len(enc.data), enc.size)
        parts.append(header)
        parts.append(enc.data)
        offset += len(header) + len(enc.data)
    tail = b"".join(central)
    parts.append(tail)
    parts.append(_end_record(len(central), len(tail), offset))
    return b"".join(parts)


@dataclass
class Archive:
    """The members of a verified archive: where each sits encoded in it (``encoded``, views
    into the file: no copy), the bytes of the package's own members (``members``: every
    member outside ``units/``), and ``digests``: SHA-256 already taken of some members (by
    the reader, ahead of comparing them with the manifest), ``""`` naming the whole file.

    A member under ``units/`` is not kept inflated (a province's package carries thousands),
    nor a consolidation table over :data:`STREAM_OVER` (its SHA-256 is in ``digests``):
    :meth:`member` inflates it again from the file when it is read, and nothing holds it
    after."""

    members: dict[str, bytes]
    encoded: dict[str, Encoded]
    digests: dict[str, str] = field(default_factory=dict)

    def member(self, name: str) -> bytes | None:
        """The bytes of member ``name`` (inflated again for a carried member), or None."""
        body = self.members.get(name)
        if body is not None:
            return body
        enc = self.encoded.get(name)
        return None if enc is None else inflate_trusted(name, enc)

    def all_members(self) -> dict[str, bytes]:
        """Every member's bytes, carried ones included (tests and tools; the reader never
        holds them all)."""
        return {n: b for n in self.encoded if (b := self.member(n)) is not None}


def _inflate(comp: bytes | memoryview, size: int) -> bytes | None:
    d = zlib.decompressobj(-15)
    try:
        body = d.decompress(comp, size + 1)
    except zlib.error:
        return None
    if len(body) != size or not d.eof or d.unused_data or d.unconsumed_tail:
        return None
    return body


def _streamed(data: bytes, start: int, comp: memoryview, size: int) -> tuple[int, str] | None:
    """CRC-32 and SHA-256 of the member whose stored deflate stream is ``comp`` (at ``start``
    in ``data``), inflated and deflated again a piece at a time and compared with ``data`` in
    place; None when it is not the canonical stream of exactly ``size`` bytes. Deflate's
    output does not depend on how its input is cut (the writer streams the table the same
    way: ``writer.consolidation_member``)."""
    d = zlib.decompressobj(-15)
    c = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    crc, digest, got, at, i, n = 0, hashlib.sha256(), 0, start, 0, len(comp)
    tail: bytes = b""
    try:
        while True:
            if tail:
                piece: bytes | memoryview = tail
            else:
                piece = comp[i : i + _PIECE]
                i += len(piece)
            out = d.decompress(piece, _OUT)
            tail = d.unconsumed_tail
            got += len(out)
            if got > size:
                return None
            crc = zlib.crc32(out, crc)
            digest.update(out)
            again = c.compress(out)
            if again:
                if not data.startswith(again, at):
                    return None
                at += len(again)
            if d.eof or (not out and not tail and i >= n):
                break
    except zlib.error:
        return None
    again = c.flush()
    if not d.eof or d.unused_data or tail or i < n or got != size:
        return None
    if not data.startswith(again, at) or at + len(again) != start + n:
        return None
    return crc & 0xFFFFFFFF, digest.hexdigest()


def _canonical(data: bytes, infos: list[zipfile.ZipInfo]) -> Archive | None:
    """The members of ``data`` when it is byte for byte the canonical archive of the members
    its central directory lists; ``None`` when any byte differs.

    Every comparison is made on ``data`` in place (``bytes.startswith`` at an offset: a
    ``memcmp``, no copy; comparing a memoryview with bytes goes item by item, 20× slower)."""
    names = [info.orig_filename for info in infos]
    if member_order(names) != names:
        return None
    view = memoryview(data)
    size = len(data)
    members: dict[str, bytes] = {}
    encoded: dict[str, Encoded] = {}
    digests: dict[str, str] = {}
    central = []
    offset = 0
    for name, info in zip(names, infos, strict=True):
        raw_name = name.encode("utf-8")
        method = method_of(name)
        start = offset + 30 + len(raw_name)
        end = start + info.compress_size
        if end > size:
            return None
        comp = view[start:end]
        carried = name.startswith("units/")  # checked here, inflated again when read
        body: bytes | memoryview | None
        if method == STORED:
            body = comp if carried else data[start:end]
        elif name == "consolidation.json" and info.file_size > STREAM_OVER:
            checked = _streamed(data, start, comp, info.file_size)
            if checked is None:
                return None
            crc, digests[name] = checked
            body = None
        else:
            body = _inflate(comp, info.file_size)
            if body is None:
                return None
            again = deflate(body)
            if len(again) != info.compress_size or not data.startswith(again, start):
                return None
        length = info.file_size if body is None else len(body)
        if body is not None:
            crc = zlib.crc32(body) & 0xFFFFFFFF
        header = _local_header(raw_name, method, crc, len(comp), length)
        if not data.startswith(header, offset):
            return None
        central.append(_central_entry(raw_name, method, crc, len(comp), length, offset))
        if body is not None and not carried:
            members[name] = bytes(body)  # (already bytes: stored ones are sliced from data)
        encoded[name] = Encoded(comp, crc, length)
        offset = end
    tail = b"".join(central)
    tail += _end_record(len(central), len(tail), offset)
    if size - offset != len(tail) or not data.startswith(tail, offset):
        return None
    return Archive(members, encoded, digests)


def check_name(name: str) -> None:
    """Refuse traversal, absolute paths, backslashes and anything outside the allowed set."""
    if "\\" in name:
        raise PackageError(
            "member-name",
            f"Tên thành phần «{name}» trong gói có dấu gạch chéo ngược; gói bị từ chối.",
        )
    if name.startswith("/") or _DRIVE.match(name):
        raise PackageError(
            "member-name",
            f"Tên thành phần «{name}» trong gói là đường dẫn tuyệt đối; gói bị từ chối.",
        )
    parts = name.split("/")
    if any(p in ("..", ".", "") for p in parts) or "\x00" in name:
        raise PackageError(
            "member-name",
            f"Tên thành phần «{name}» trong gói trỏ ra ngoài thư mục gói; gói bị từ chối.",
        )
    if name not in FIXED_NAMES and not UNIT_MEMBER.match(name):
        raise PackageError("member-unexpected", f"Gói có thành phần không được phép: «{name}».")


# The largest central directory of a package: every entry 46 bytes and a name of at most 60
# (``units/<40-character code>/manifest.json``), no extra field, no comment. zipfile builds
# an object per entry before a reader can count them: 2 million entries in 96 MB took 30 s
# and 1 GB, so a larger directory is refused from the end record, before zipfile reads it.
MOST_CENTRAL = MAX_ENTRIES * (46 + 60)


def _open(data: bytes) -> zipfile.ZipFile:
    if not data.startswith(b"PK\x03\x04"):
        raise PackageError("not-zip", "Tệp không phải là gói báo cáo .lcdx (không phải tệp ZIP).")
    try:  # the end record, found as zipfile finds it (item 5: the central directory's size)
        end = zipfile._EndRecData(io.BytesIO(data))  # type: ignore[attr-defined]
        central = int(end[5]) if end else 0
    except Exception:  # noqa: BLE001 - zipfile itself words the damage below
        central = 0
    if central > MOST_CENTRAL:
        raise PackageError(
            "too-many-members",
            f"Danh mục thành phần của gói quá lớn ({central} byte, tối đa {MOST_CENTRAL}): "
            "gói có quá nhiều thành phần; gói bị từ chối.",
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        struct.error,
        NotImplementedError,
        UnicodeDecodeError,
        IndexError,
        KeyError,
        OverflowError,
    ):
        raise PackageError(
            "zip-damaged", "Tệp gói bị hỏng hoặc bị cắt cụt: không đọc được cấu trúc ZIP."
        ) from None


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        name = info.orig_filename
        limit = limits.member_limit(name)
        if info.file_size > limit:
            raise PackageError(
                "member-too-large",
                f"Thành phần «{name}» quá lớn ({info.file_size} byte, tối đa {limit}).",
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise PackageError(
                "zip-bomb",
                "Tổng dung lượng giải nén của gói vượt giới hạn "
                f"({limits.max_total_bytes} byte): nghi là «bom nén», gói bị từ chối.",
            )
        if info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError(
                "zip-bomb",
                f"Tỉ lệ nén của thành phần «{name}» bất thường: nghi là «bom nén», gói bị từ chối.",
            )
    for info in infos:
        name = info.orig_filename
        if info.flag_bits & 0x1:
            raise PackageError(
                "member-encrypted",
                f"Thành phần «{name}» được mã hóa; định dạng .lcdx không cho phép.",
            )
        if info.compress_type != method_of(name):
            raise PackageError(
                "member-method",
                f"Thành phần «{name}» được nén sai cách: định dạng .lcdx chỉ nén "
                "(deflate) consolidation.json và các manifest.json trong units/, "
                "các thành phần khác lưu nguyên văn.",
            )


def _read_each(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Read every member with :mod:`zipfile` (CRC checked), for the refusal's wording only."""
    try:
        for info in infos:
            with zf.open(info) as f:
                f.read(info.file_size + 1)
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        struct.error,
        zlib.error,
        NotImplementedError,
        UnicodeDecodeError,
        IndexError,
        KeyError,
        OverflowError,
    ):
        raise PackageError(
            "zip-damaged",
            "Tệp gói bị hỏng hoặc đã bị sửa: dữ liệu bên trong không khớp mã kiểm tra.",
        ) from None


def read_archive(data: bytes, limits: Limits) -> Archive:
    """The members of an untrusted package, after every structural check."""
    if len(data) > limits.max_package_bytes:
        raise PackageError(
            "package-too-large",
            f"Tệp gói quá lớn ({len(data)} byte, tối đa {limits.max_package_bytes}).",
        )
    zf = _open(data)
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise PackageError(
            "too-many-members",
            f"Gói có quá nhiều thành phần ({len(infos)}, tối đa {limits.max_members}).",
        )
    seen: set[str] = set()
    for info in infos:
        check_name(info.orig_filename)
        if info.orig_filename in seen:
            raise PackageError(
                "member-duplicate",
                f"Thành phần «{info.orig_filename}» xuất hiện hai lần trong gói.",
            )
        seen.add(info.orig_filename)
    _check_sizes(infos, limits)
    archive = _canonical(data, infos)
    if archive is None:
        _read_each(zf, infos)  # damage zipfile itself notices is reported as damage
        raise PackageError(
            "zip-not-canonical",
            "Cấu trúc tệp gói không đúng chuẩn .lcdx hoặc đã bị sửa đổi; gói bị từ chối.",
        )
    return archive


def read_zip(data: bytes, limits: Limits) -> dict[str, bytes]:
    """The members of an untrusted package (bytes as they are once inflated), every one."""
    return read_archive(data, limits).all_members()


def trusted_members(data: bytes, names: set[str] | None = None) -> dict[str, Encoded]:
    """The encoded members of a package this installation verified before (at import): their
    bytes sliced from ``data`` without inflating or checking again. ``names`` limits which.

    A member stored in another method than §2 now gives it (a package verified by a build
    whose rule differed: ``payload.json`` was once deflated) is given re-encoded the current
    way, so what is copied from it into a new package is always canonical (its plain bytes,
    which the signatures cover, are unchanged)."""
    view = memoryview(data)
    out: dict[str, Encoded] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = info.orig_filename
            if names is not None and name not in names:
                continue
            start = info.header_offset + 30 + len(name.encode("utf-8"))
            enc = Encoded(view[start : start + info.compress_size], info.CRC, info.file_size)
            if info.compress_type != method_of(name):
                plain = (
                    zlib.decompress(enc.data, -15)
                    if info.compress_type == DEFLATED
                    else bytes(enc.data)
                )
                enc = encode(name, plain)
            out[name] = enc
    return out


def inflate_trusted(name: str, enc: Encoded) -> bytes:
    """The bytes of a trusted encoded member (as :func:`trusted_members` gives it)."""
    return bytes(enc.data) if method_of(name) == STORED else zlib.decompress(enc.data, -15)
