"""Reading an untrusted ``.lcdx`` package: every check of ``docs/lcdx-format.md`` §7, in
that order, or a :class:`PackageError` naming the first that fails."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from .errors import PackageError
from .limits import DEFAULT_LIMITS, Limits
from .model import FORMAT, FORMAT_VERSION, TOP_MEMBERS, Embedded, Package, sha256
from .signing import unb64, verify
from .strict import check_date, check_moment, strict_json
from .ziplayout import CODE_PATTERN, UNIT_MEMBER, Archive, read_archive


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


def _check_members(manifest: dict, archive: Archive) -> None:
    listed = manifest["members"]
    present = {n for n in archive.encoded if n in TOP_MEMBERS}
    for name in sorted(present - set(listed)):
        raise PackageError("member-unlisted", f"Thành phần «{name}» không được kê trong manifest.")
    for name in sorted(set(listed) - present):
        raise PackageError(
            "member-missing", f"Gói thiếu thành phần «{name}» được kê trong manifest."
        )
    for name in sorted(listed):
        size = archive.encoded[name].size
        digest = archive.digests.get(name) or sha256(archive.member(name) or b"")
        if size != listed[name]["size"] or digest != listed[name]["sha256"]:
            raise PackageError(
                "hash-mismatch",
                f"Mã băm SHA-256 của «{name}» không khớp với manifest: nội dung đã bị thay đổi.",
            )


def open_archive(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Archive:
    """The first step of :func:`read_package`: the archive's structure, names, sizes and
    canonical layout checked (§1, §2) and its members inflated, or the refusal (a format-1
    file named as such). Pure: an import runs it for the next file on another thread while
    it checks the current one (most of it is zlib, which releases the GIL)."""
    try:
        archive = read_archive(data, limits)
    except PackageError as exc:
        if exc.code in ("member-method", "member-unexpected", "zip-not-canonical"):
            old = _old_format(data, limits)
            if old is not None:
                raise old from None
        raise
    # The hashes the manifest is compared with later, taken here (hashlib releases the GIL).
    members = archive.members  # (a member too large to keep has its digest already)
    archive.digests.update({n: sha256(members[n]) for n in TOP_MEMBERS if n in members})
    archive.digests[""] = sha256(data)
    return archive


def read_package(
    data: bytes, limits: Limits = DEFAULT_LIMITS, archive: Archive | None = None
) -> Package:
    """Verify untrusted bytes completely and return the package, or raise PackageError.

    ``archive``, when given, is what :func:`open_archive` returned for these very bytes and
    limits (its checks are not repeated); every other check is made here."""
    from .consolidation_checks import check_consolidation
    from .payload_checks import check_payload

    if archive is None:
        archive = open_archive(data, limits)
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
    _check_members(manifest, archive)
    pdf = members.get("report.pdf")
    if pdf is not None and not pdf.startswith(b"%PDF-"):
        raise PackageError("member-unexpected", "Bản in kèm gói (report.pdf) không phải tệp PDF.")
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
    )
    if "" in archive.digests:
        pkg.__dict__["sha256"] = archive.digests[""]  # the cached_property, already known
    check_payload(pkg.manifest, pkg.payload, "")
    has_units = any(UNIT_MEMBER.match(n) for n in archive.encoded)
    has_table = "consolidation.json" in archive.encoded
    if kind != "report" and (has_units or has_table or "report.pdf" in members):
        raise PackageError(
            "payload-inconsistent",
            "Chỉ gói báo cáo mới được kèm bản in, bảng tổng hợp hoặc báo cáo cấp dưới.",
        )
    if has_table:
        check_consolidation(pkg, archive, limits)
        pkg.consolidation_member = archive.encoded["consolidation.json"]
    elif has_units:
        raise PackageError(
            "payload-inconsistent",
            "Gói kèm báo cáo cấp dưới nhưng thiếu bảng tổng hợp (consolidation.json).",
        )
    return pkg


def read_carried(
    code: str, archive: Archive, limits: Limits
) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """The report of unit ``code`` carried under ``units/<code>/``, checked on its own:
    its manifest, the manifest's exact bytes, its signature and its signer's key."""
    where = f"Báo cáo của đơn vị «{code}» kèm trong gói: "
    base = f"units/{code}/"
    raw = archive.member(base + "manifest.json")
    if raw is None:
        raise PackageError("member-missing", f"{where}thiếu «{base}manifest.json».")
    try:
        manifest = read_manifest(raw, base + "manifest.json", limits)
    except PackageError as exc:
        raise PackageError(exc.code, where + exc.message) from None
    signature = archive.member(base + "manifest.sig")
    public = _check_signature(manifest["signer"]["public_key"], signature, raw, where)
    assert signature is not None
    return manifest, raw, signature, public


def read_embedded(code: str, archive: Archive, entry: dict[str, Any], limits: Limits) -> Embedded:
    """The report of unit ``code`` carried under ``units/<code>/``, checked on its own (not
    against its row ``entry`` of the table: :func:`check_consolidation` does that)."""
    manifest, raw, signature, public = read_carried(code, archive, limits)
    return Embedded(code, manifest, raw, signature, public, str(entry["package_sha256"]))
