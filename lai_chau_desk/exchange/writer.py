"""Writing a signed ``.lcdx`` package, format version 2 (``docs/lcdx-format.md`` §8)."""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import __version__
from .canonical import canonical_json
from .model import FORMAT, FORMAT_VERSION, content_sha256, sha256
from .signing import KeyPair, b64, fingerprint, sign
from .strict import clean_value
from .ziplayout import LEVEL, Encoded, build_zip


@dataclass
class Written:
    """A package just written, with what the writer records about it (no need to read it back)."""

    data: bytes
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    public_key: bytes

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def payload_sha256(self) -> str:
        return str(self.manifest["members"]["payload.json"]["sha256"])

    @property
    def content_sha256(self) -> str:
        return content_sha256(self.manifest)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class ListedMember:
    """A listed member already in its canonical encoding, with the SHA-256 of its bytes (what
    the manifest lists), so its plain bytes need not be held (see :func:`consolidation_member`)."""

    encoded: Encoded
    sha256: str


def write_package(*args: Any, **kwargs: Any) -> bytes:
    """The bytes of a signed package (see :func:`build_package`)."""
    return build_package(*args, **kwargs).data


def build_package(
    kind: str,
    unit: dict[str, Any],
    period: dict[str, Any] | None,
    revision: int,
    payload: dict[str, Any],
    key: KeyPair,
    created_at: datetime,
    pdf: bytes | None = None,
    figures: dict[str, Any] | None = None,
    consolidation: dict[str, Any] | bytes | ListedMember | None = None,
    units: dict[str, dict[str, bytes | Encoded]] | None = None,
    package_id: str | None = None,
) -> Written:
    """A signed package. ``payload`` is cleaned (NFC, no control characters) and
    serialised canonically, so the same data gives the same ``payload.json`` bytes. For a
    report, ``figures`` are the unit's own manifest figures; a consolidated report adds its
    ``consolidation`` table (a dict, the bytes of :func:`consolidation_bytes` or the member of
    :func:`consolidation_member`) and ``units`` (code -> ``manifest.json``, ``manifest.sig`` and,
    for a direct child, ``payload.json``), copied unchanged from what was verified."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must carry a UTC offset")
    members: dict[str, bytes | Encoded] = {"payload.json": canonical_json(clean_value(payload))}
    if pdf is not None:
        members["report.pdf"] = pdf
    if isinstance(consolidation, bytes):  # already canonical (see consolidation_bytes)
        members["consolidation.json"] = consolidation
    elif consolidation is not None and not isinstance(consolidation, ListedMember):
        members["consolidation.json"] = canonical_json(clean_value(consolidation))
    listed = {
        n: {"sha256": sha256(b), "size": len(b)} for n, b in members.items() if isinstance(b, bytes)
    }
    if isinstance(consolidation, ListedMember):  # encoded as it was serialised
        members["consolidation.json"] = consolidation.encoded
        listed["consolidation.json"] = {
            "sha256": consolidation.sha256,
            "size": consolidation.encoded.size,
        }
    for code, parts in (units or {}).items():
        for name, value in parts.items():
            members[f"units/{code}/{name}"] = value
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "package_id": package_id or str(uuid.uuid4()),
        "kind": kind,
        "unit": clean_value(unit),
        "period": period,
        "revision": revision,
        "created_at": created_at.isoformat(timespec="seconds"),
        "app": f"lai-chau-desk {__version__}",
        "members": listed,
        "signer": {"algorithm": "Ed25519", "public_key": b64(key.public)},
    }
    if kind == "report":
        manifest["figures"] = clean_value(figures or {})
    manifest_bytes = canonical_json(manifest)
    signature = sign(key.private, manifest_bytes)
    members["manifest.json"] = manifest_bytes
    members["manifest.sig"] = signature
    return Written(build_zip(members), manifest, manifest_bytes, signature, key.public)


def consolidation_bytes(rest: dict[str, Any], entries: list[bytes]) -> bytes:
    """The canonical ``consolidation.json`` of the table ``rest`` with ``"units"`` the list
    whose rows are ``entries``, each already the canonical bytes of one cleaned row: the rows
    are never held parsed. ``"units"`` sorts after every other key of the table, so the
    canonical form is ``rest``'s with the list appended before the closing brace."""
    if any(k >= "units" for k in rest):
        raise ValueError("every other key of the table sorts before 'units'")
    head = canonical_json(clean_value(rest))
    opening = head[:-1] + (b',"units":[' if rest else b'"units":[')
    return b"".join((opening, b",".join(entries), b"]}"))


def consolidation_member(rest: dict[str, Any], entries: Iterable[bytes]) -> ListedMember:
    """The ``consolidation.json`` of :func:`consolidation_bytes` (the same bytes), deflated,
    hashed and checksummed as each row is written, so the table's plain bytes are never held
    whole: the member as it sits in the archive, with its SHA-256 and size."""
    if any(k >= "units" for k in rest):
        raise ValueError("every other key of the table sorts before 'units'")
    head = canonical_json(clean_value(rest))
    digest = hashlib.sha256()
    deflater = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    out: list[bytes] = []
    crc = size = 0

    def put(chunk: bytes) -> None:
        nonlocal crc, size
        digest.update(chunk)
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        piece = deflater.compress(chunk)
        if piece:
            out.append(piece)

    put(head[:-1] + (b',"units":[' if rest else b'"units":['))
    for i, entry in enumerate(entries):
        put(b"," + entry if i else entry)
    put(b"]}")
    out.append(deflater.flush())
    return ListedMember(Encoded(b"".join(out), crc & 0xFFFFFFFF, size), digest.hexdigest())
