"""Write and read ``.lcdx`` packages: the manifest, its signature, the payload, children."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from .. import __version__
from .canonical import canonical_json, parse_json
from .errors import PackageError
from .limits import DEFAULT_LIMITS, Limits
from .signing import KeyPair, b64, fingerprint, sign, unb64, verify
from .ziplayout import CHILD_NAME, build_zip, read_zip

FORMAT = "lcdx"
FORMAT_VERSION = 1
KINDS = ("report", "receipt", "catalogue")
COUNTS = ("sessions", "participants", "union_members", "female", "ethnic_minority",
          "supervisions", "recommendations")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Package:
    """A verified package: every check of :func:`read_package` has passed."""

    manifest: dict[str, Any]
    payload: dict[str, Any]
    raw: bytes
    manifest_bytes: bytes
    payload_bytes: bytes
    public_key: bytes
    pdf: bytes | None = None
    children: dict[str, Package] = field(default_factory=dict)

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

    @cached_property
    def sha256(self) -> str:
        return sha256(self.raw)

    @property
    def payload_sha256(self) -> str:
        return str(self.manifest["members"]["payload.json"]["sha256"])

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def counts(self) -> dict[str, int]:
        """The package's own figures under the keys of ``totals`` (reports only)."""
        figures = self.payload.get("figures", {})
        return {k: int(figures.get(k, 0)) for k in COUNTS}

    def walk(self) -> list[Package]:
        """This package and every embedded package below it, depth first."""
        out = [self]
        for code in sorted(self.children):
            out.extend(self.children[code].walk())
        return out


def write_package(kind: str, unit: dict[str, Any], period: dict[str, Any] | None, revision: int,
                  payload: dict[str, Any], key: KeyPair, created_at: datetime,
                  pdf: bytes | None = None, children: dict[str, bytes] | None = None,
                  package_id: str | None = None) -> bytes:
    """The bytes of a signed package. ``payload`` is serialised canonically, so the same data
    gives the same ``payload.json`` bytes; ``children`` (unit code -> package bytes) are
    embedded unchanged."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must carry a UTC offset")
    members: dict[str, bytes] = {"payload.json": canonical_json(payload)}
    if pdf is not None:
        members["report.pdf"] = pdf
    for code, data in (children or {}).items():
        members[f"children/{code}.lcdx"] = data
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "package_id": package_id or str(uuid.uuid4()), "kind": kind, "unit": unit,
        "period": period, "revision": revision,
        "created_at": created_at.isoformat(timespec="seconds"),
        "app": f"lai-chau-desk {__version__}",
        "members": {n: {"sha256": sha256(b), "size": len(b)} for n, b in members.items()},
        "signer": {"algorithm": "Ed25519", "public_key": b64(key.public)},
    }
    manifest_bytes = canonical_json(manifest)
    members["manifest.json"] = manifest_bytes
    members["manifest.sig"] = sign(key.private, manifest_bytes)
    return build_zip(members)


def _check_manifest(manifest: Any) -> None:
    from .schema import validate

    if not isinstance(manifest, dict):
        raise PackageError("schema", "Nội dung «manifest.json» phải là một đối tượng JSON.")
    if manifest.get("format") != FORMAT:
        raise PackageError("format", "Tệp không phải gói báo cáo Lai Châu Desk (sai tên định dạng).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise PackageError("format-version",
                           f"Phiên bản định dạng gói «{version}» chưa được hỗ trợ (phần mềm này "
                           f"đọc phiên bản {FORMAT_VERSION}); hãy cập nhật Lai Châu Desk.")
    validate("manifest", manifest, "manifest.json", DEFAULT_LIMITS.json_depth)
    try:
        created = datetime.fromisoformat(manifest["created_at"])
        # Year 1 or 9999 with an offset overflows when converted to UTC; no real package
        # was made outside these years.
        if created.tzinfo is None or not 2000 <= created.astimezone(UTC).year <= 2200:
            raise ValueError
    except (ValueError, OverflowError):
        raise PackageError("schema", "Thời điểm lập gói trong «manifest.json» không hợp lệ.") from None
    if manifest["kind"] in ("report", "receipt") and manifest["period"] is None:
        raise PackageError("schema", "Gói báo cáo hoặc phiếu tiếp nhận phải ghi kỳ báo cáo.")


def _check_signature(manifest: dict, manifest_bytes: bytes, members: dict[str, bytes]) -> bytes:
    signature = members.get("manifest.sig")
    if signature is None:
        raise PackageError("signature-missing", "Gói thiếu chữ ký số (manifest.sig); gói bị từ chối.")
    public = unb64(manifest["signer"]["public_key"])
    if len(signature) != 64 or not verify(public, signature, manifest_bytes):
        raise PackageError("signature-bad",
                           "Chữ ký số của gói không hợp lệ: gói đã bị sửa đổi hoặc không do "
                           "đơn vị ghi trong gói ký.")
    return public


def _check_members(manifest: dict, members: dict[str, bytes]) -> None:
    listed = manifest["members"]
    present = set(members) - {"manifest.json", "manifest.sig"}
    for name in sorted(present - set(listed)):
        raise PackageError("member-unlisted", f"Thành phần «{name}» không được kê trong manifest.")
    for name in sorted(set(listed) - present):
        raise PackageError("member-missing", f"Gói thiếu thành phần «{name}» được kê trong manifest.")
    for name in sorted(listed):
        data = members[name]
        if len(data) != listed[name]["size"] or sha256(data) != listed[name]["sha256"]:
            raise PackageError("hash-mismatch",
                               f"Mã băm SHA-256 của «{name}» không khớp với manifest: "
                               "nội dung đã bị thay đổi.")


def read_package(data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Package:
    """Verify untrusted bytes completely and return the package, or raise PackageError."""
    from .payload_checks import check_payload

    members = read_zip(data, limits)
    for required in ("manifest.json", "payload.json"):
        if required not in members:
            raise PackageError("member-missing", f"Gói thiếu thành phần bắt buộc «{required}».")
    manifest_bytes = members["manifest.json"]
    manifest = parse_json(manifest_bytes, "manifest.json", limits.manifest_bytes, limits.json_depth)
    _check_manifest(manifest)
    public = _check_signature(manifest, manifest_bytes, members)
    _check_members(manifest, members)
    payload = parse_json(members["payload.json"], "payload.json", limits.payload_bytes, None)
    pkg = Package(manifest, payload, data, manifest_bytes, members["payload.json"], public,
                  members.get("report.pdf"))
    check_payload(pkg, limits.json_depth)
    child_names = sorted(n for n in members if n.startswith("children/"))
    if child_names and depth >= limits.child_depth:
        raise PackageError("children-too-deep",
                           f"Gói tổng hợp lồng nhau quá {limits.child_depth} cấp; gói bị từ chối.")
    for name in child_names:
        code = CHILD_NAME.match(name).group(1)  # type: ignore[union-attr]
        try:
            pkg.children[code] = read_package(members[name], limits, depth + 1)
        except PackageError as exc:
            raise PackageError(exc.code, f"Gói con của đơn vị «{code}»: {exc.message}") from None
    from .payload_checks import check_children

    check_children(pkg)
    return pkg
