"""Write and read ``.lcdx`` packages, format version 2 (``docs/lcdx-format.md``).

A report's signed manifest carries the unit's figures. A consolidated report carries its own
consolidation table (``consolidation.json``) and, under ``units/<CODE>/``, the signed manifest
of every report below it at any depth, with the ``payload.json`` of its direct children. No
package is embedded whole, and no ``report.pdf`` travels past the level that received it.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from .. import __version__
from ..domain.figures import COUNT_KEYS, COUNTS
from .errors import PackageError
from .limits import DEFAULT_LIMITS, Limits
from .signing import KeyPair, b64, fingerprint, sign, unb64, verify
from .strict import check_date, check_moment, clean_value, strict_json
from .ziplayout import UNIT_MEMBER, Archive, Encoded, build_zip, read_archive

FORMAT = "lcdx"
FORMAT_VERSION = 2
KINDS = ("report", "receipt", "catalogue")
TOP_MEMBERS = ("payload.json", "report.pdf", "consolidation.json")


def sha256(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


def content_sha256(manifest: dict[str, Any]) -> str:
    """What a revision numbers: the SHA-256 of ``payload.json`` alone, or, for a consolidated
    report, the SHA-256 of ``"<payload sha>:<consolidation sha>"`` (docs §4)."""
    members = manifest["members"]
    payload = members["payload.json"]["sha256"]
    cons = members.get("consolidation.json")
    return payload if cons is None else sha256(f"{payload}:{cons['sha256']}".encode("ascii"))


class _ManifestView:
    """What a signed report manifest says (shared by a package and an embedded report)."""

    manifest: dict[str, Any]
    public_key: bytes

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit"]["code"])

    @property
    def unit_name(self) -> str:
        return str(self.manifest["unit"]["name"])

    @property
    def parent_code(self) -> str | None:
        return self.manifest["unit"]["parent_code"]

    @property
    def period(self) -> dict[str, str] | None:
        return self.manifest["period"]

    @property
    def period_code(self) -> str | None:
        p = self.manifest["period"]
        return p["code"] if p else None

    @property
    def revision(self) -> int:
        return int(self.manifest["revision"])

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_at"])

    @property
    def payload_sha256(self) -> str:
        return str(self.manifest["members"]["payload.json"]["sha256"])

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def figures(self) -> dict[str, Any]:
        """The figures the manifest signs (reports only; ``{}`` otherwise)."""
        return self.manifest.get("figures") or {}

    def counts(self) -> dict[str, int]:
        """The figures under the keys of ``totals`` (reports only)."""
        f = self.figures
        return {k: int(f.get(k, 0)) for k in COUNT_KEYS}


@dataclass
class Embedded(_ManifestView):
    """A report below the package's unit, as carried in ``units/<CODE>/``: verified (its own
    signature, and its row of the consolidation table), with its payload for a direct child."""

    code: str
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    public_key: bytes
    entry: dict[str, Any]
    payload: dict[str, Any] | None = None
    payload_bytes: bytes | None = None

    @cached_property
    def manifest_sha256(self) -> str:
        return sha256(self.manifest_bytes)

    @property
    def content_sha256(self) -> str:
        return content_sha256(self.manifest)

    @property
    def package_sha256(self) -> str:
        return str(self.entry["package_sha256"])


@dataclass
class Package(_ManifestView):
    """A verified package: every check of :func:`read_package` has passed."""

    manifest: dict[str, Any]
    payload: dict[str, Any]
    raw: bytes
    manifest_bytes: bytes
    payload_bytes: bytes
    public_key: bytes
    signature: bytes = b""
    pdf: bytes | None = None
    consolidation: dict[str, Any] | None = None
    units: dict[str, Embedded] = field(default_factory=dict)
    encoded: dict[str, Encoded] = field(default_factory=dict)

    @cached_property
    def sha256(self) -> str:
        return sha256(self.raw)

    @cached_property
    def manifest_sha256(self) -> str:
        return sha256(self.manifest_bytes)

    @property
    def content_sha256(self) -> str:
        return content_sha256(self.manifest)

    def embedded_codes(self) -> list[str]:
        """The codes of every report carried below this package's unit."""
        return sorted(self.units)

    def subtree_counts(self) -> dict[str, int]:
        """The additive counts of this unit and every unit carried below it."""
        total = {k: int(self.figures.get(k, 0)) for k in COUNTS}
        for e in self.units.values():
            for k in COUNTS:
                total[k] += int(e.figures.get(k, 0))
        return total


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
    consolidation: dict[str, Any] | None = None,
    units: dict[str, dict[str, bytes | Encoded]] | None = None,
    package_id: str | None = None,
) -> Written:
    """A signed package. ``payload`` is cleaned (NFC, no control characters) and
    serialised canonically, so the same data gives the same ``payload.json`` bytes. For a
    report, ``figures`` are the unit's own manifest figures; a consolidated report adds its
    ``consolidation`` table and ``units`` (code -> ``manifest.json``, ``manifest.sig`` and,
    for a direct child, ``payload.json``), copied unchanged from what was verified."""
    from .canonical import canonical_json

    if created_at.tzinfo is None:
        raise ValueError("created_at must carry a UTC offset")
    members: dict[str, bytes | Encoded] = {"payload.json": canonical_json(clean_value(payload))}
    if pdf is not None:
        members["report.pdf"] = pdf
    if consolidation is not None:
        members["consolidation.json"] = canonical_json(clean_value(consolidation))
    listed = {
        n: {"sha256": sha256(b), "size": len(b)} for n, b in members.items() if isinstance(b, bytes)
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


# --- reading ------------------------------------------------------------------------------


def _old_format(data: bytes, limits: Limits) -> PackageError | None:
    """The refusal of a file written in another format version, read from its manifest
    without trusting anything else (a format-1 file fails the format-2 layout first)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("manifest.json")
            if info.file_size > limits.manifest_bytes or info.compress_type not in (0, 8):
                return None
            with zf.open(info) as f:
                manifest = json.loads(f.read(limits.manifest_bytes + 1))
    except Exception:  # noqa: BLE001 - any failure: not a recognisable manifest
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None
    return _version_refusal(manifest.get("format_version"))


def _version_refusal(version: Any) -> PackageError | None:
    if type(version) is int and version == FORMAT_VERSION:  # never 2.0 (nor True for 1)
        return None
    if type(version) is int and version < FORMAT_VERSION:
        return PackageError(
            "format-old",
            "Gói được lập bằng phiên bản cũ của Lai Châu Desk (định dạng phiên bản "
            f"{version}); phần mềm này chỉ đọc định dạng phiên bản {FORMAT_VERSION}. "
            "Hãy đề nghị đơn vị cập nhật Lai Châu Desk rồi xuất lại gói.",
        )
    return PackageError(
        "format-version",
        f"Phiên bản định dạng gói «{str(version)[:20]}» chưa được hỗ trợ (phần mềm "
        f"này đọc phiên bản {FORMAT_VERSION}); hãy cập nhật Lai Châu Desk.",
    )


def read_manifest(raw: bytes, member: str, limits: Limits) -> dict[str, Any]:
    """A signed manifest's content after every check that needs nothing else."""
    from .schema import validate

    manifest = parse_checked(raw, member, limits.manifest_bytes, limits, schema=None)
    if not isinstance(manifest, dict):
        raise PackageError("schema", f"Nội dung «{member}» phải là một đối tượng JSON.")
    if manifest.get("format") != FORMAT:
        raise PackageError(
            "format", "Tệp không phải gói báo cáo Lai Châu Desk (sai tên định dạng)."
        )
    refusal = _version_refusal(manifest.get("format_version"))
    if refusal is not None:
        raise refusal
    _check_codes(manifest, member)
    validate("manifest", manifest, member, limits.json_depth)
    check_moment(manifest["created_at"])
    period = manifest["period"]
    if period is not None:
        start, end = check_date(period["start"]), check_date(period["end"])
        assert start is not None and end is not None
        if start > end:
            raise PackageError("schema", f"Kỳ báo cáo trong «{member}» kết thúc trước khi bắt đầu.")
    kind = manifest["kind"]
    if kind in ("report", "receipt") and period is None:
        raise PackageError("schema", "Gói báo cáo hoặc phiếu tiếp nhận phải ghi kỳ báo cáo.")
    if (kind == "report") != ("figures" in manifest):
        raise PackageError(
            "schema",
            "Chỉ manifest của gói báo cáo ghi số liệu (figures), và "
            "manifest của gói báo cáo phải ghi số liệu.",
        )
    return manifest


def _check_codes(manifest: dict[str, Any], member: str) -> None:
    """A clear refusal for a unit code that breaks rule 6 (before the schema's wording)."""
    import re

    from .ziplayout import CODE_PATTERN

    unit = manifest.get("unit")
    if not isinstance(unit, dict):
        return
    for key in ("code", "parent_code"):
        code = unit.get(key)
        if isinstance(code, str) and not re.fullmatch(CODE_PATTERN, code):
            raise PackageError(
                "unit-code",
                f"Mã đơn vị «{code[:60]}» trong «{member}» không hợp lệ: mã đơn vị "
                "chỉ gồm chữ in hoa, chữ số, dấu chấm và gạch ngang; gói bị từ chối.",
            )


def parse_checked(
    raw: bytes, member: str, max_bytes: int, limits: Limits, schema: str | None
) -> Any:
    """A JSON member parsed strictly (canonical bytes, text rules) and, when ``schema`` is
    named, validated against it."""
    data = strict_json(raw, member, max_bytes, limits.json_depth)
    if schema is not None:
        from .schema import validate

        validate(schema, data, member, limits.json_depth)
    return data


def _check_signature(
    public_b64: str, signature: bytes | None, manifest_bytes: bytes, where: str = ""
) -> bytes:
    if signature is None:
        raise PackageError(
            "signature-missing", f"{where}Gói thiếu chữ ký số (manifest.sig); gói bị từ chối."
        )
    public = unb64(public_b64)
    if len(signature) != 64 or not verify(public, signature, manifest_bytes):
        raise PackageError(
            "signature-bad",
            f"{where}Chữ ký số không hợp lệ: gói đã bị sửa đổi hoặc không do "
            "đơn vị ghi trong gói ký.",
        )
    return public


def _check_members(manifest: dict, members: dict[str, bytes]) -> None:
    listed = manifest["members"]
    present = {n for n in members if n in TOP_MEMBERS}
    for name in sorted(present - set(listed)):
        raise PackageError("member-unlisted", f"Thành phần «{name}» không được kê trong manifest.")
    for name in sorted(set(listed) - present):
        raise PackageError(
            "member-missing", f"Gói thiếu thành phần «{name}» được kê trong manifest."
        )
    for name in sorted(listed):
        data = members[name]
        if len(data) != listed[name]["size"] or sha256(data) != listed[name]["sha256"]:
            raise PackageError(
                "hash-mismatch",
                f"Mã băm SHA-256 của «{name}» không khớp với manifest: nội dung đã bị thay đổi.",
            )


def read_package(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Verify untrusted bytes completely and return the package, or raise PackageError."""
    from .payload_checks import check_consolidation, check_payload

    try:
        archive: Archive = read_archive(data, limits)
    except PackageError as exc:
        if exc.code in ("member-method", "member-unexpected", "zip-not-canonical"):
            old = _old_format(data, limits)
            if old is not None:
                raise old from None
        raise
    members = archive.members
    for required in ("manifest.json", "manifest.sig", "payload.json"):
        if required not in members:
            if required == "manifest.sig":
                raise PackageError(
                    "signature-missing", "Gói thiếu chữ ký số (manifest.sig); gói bị từ chối."
                )
            raise PackageError("member-missing", f"Gói thiếu thành phần bắt buộc «{required}».")
    manifest_bytes = members["manifest.json"]
    manifest = read_manifest(manifest_bytes, "manifest.json", limits)
    public = _check_signature(
        manifest["signer"]["public_key"], members.get("manifest.sig"), manifest_bytes
    )
    _check_members(manifest, members)
    kind = manifest["kind"]
    payload = parse_checked(
        members["payload.json"], "payload.json", limits.payload_bytes, limits, schema=kind
    )
    pkg = Package(
        manifest,
        payload,
        data,
        manifest_bytes,
        members["payload.json"],
        public,
        members["manifest.sig"],
        members.get("report.pdf"),
        encoded=archive.encoded,
    )
    check_payload(pkg.manifest, pkg.payload, "")
    has_units = any(UNIT_MEMBER.match(n) for n in members)
    if kind != "report" and (
        has_units or "consolidation.json" in members or "report.pdf" in members
    ):
        raise PackageError(
            "payload-inconsistent",
            "Chỉ gói báo cáo mới được kèm bản in, bảng tổng hợp hoặc báo cáo cấp dưới.",
        )
    if "consolidation.json" in members:
        pkg.consolidation = parse_checked(
            members["consolidation.json"],
            "consolidation.json",
            limits.consolidation_bytes,
            limits,
            schema="consolidation",
        )
        check_consolidation(pkg, members, limits)
    elif has_units:
        raise PackageError(
            "payload-inconsistent",
            "Gói kèm báo cáo cấp dưới nhưng thiếu bảng tổng hợp (consolidation.json).",
        )
    return pkg


def read_embedded(
    code: str, members: dict[str, bytes], entry: dict[str, Any], limits: Limits
) -> Embedded:
    """The report of unit ``code`` carried under ``units/<code>/``, checked on its own."""
    where = f"Báo cáo của đơn vị «{code}» kèm trong gói: "
    base = f"units/{code}/"
    raw = members.get(base + "manifest.json")
    if raw is None:
        raise PackageError("member-missing", f"{where}thiếu «{base}manifest.json».")
    try:
        manifest = read_manifest(raw, base + "manifest.json", limits)
    except PackageError as exc:
        raise PackageError(exc.code, where + exc.message) from None
    public = _check_signature(
        manifest["signer"]["public_key"], members.get(base + "manifest.sig"), raw, where
    )
    return Embedded(code, manifest, raw, members[base + "manifest.sig"], public, entry)


__all__ = [
    "Embedded",
    "FORMAT",
    "FORMAT_VERSION",
    "Package",
    "Written",
    "build_package",
    "content_sha256",
    "read_package",
    "sha256",
    "write_package",
]
