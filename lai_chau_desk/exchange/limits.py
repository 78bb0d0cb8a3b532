"""Hard limits that bound the memory and time a hostile package can cost."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every size a reader accepts. Tests pass smaller limits; the defaults suit a province."""

    max_package_bytes: int = 96 * MiB
    max_members: int = 2000
    max_total_bytes: int = 192 * MiB  # sum of the uncompressed sizes of all members
    max_ratio: float = 100.0  # uncompressed / compressed, per member
    manifest_bytes: int = 1 * MiB
    signature_bytes: int = 64
    payload_bytes: int = 16 * MiB
    pdf_bytes: int = 32 * MiB
    child_bytes: int = 64 * MiB
    json_depth: int = 24
    child_depth: int = 6  # consolidation levels below this package

    def member_limit(self, name: str) -> int:
        if name == "manifest.json":
            return self.manifest_bytes
        if name == "manifest.sig":
            return self.signature_bytes
        if name == "payload.json":
            return self.payload_bytes
        if name == "report.pdf":
            return self.pdf_bytes
        return self.child_bytes


DEFAULT_LIMITS = Limits()
