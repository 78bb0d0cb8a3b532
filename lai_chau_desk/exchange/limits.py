"""Hard limits that bound the memory and time a hostile package can cost."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1024
MiB = 1024 * KiB


@dataclass(frozen=True)
class Limits:
    """Every size a reader accepts. Tests pass smaller limits; the defaults suit a province
    of tens of thousands of units (a format-2 package carries manifests, not packages)."""

    max_package_bytes: int = 96 * MiB
    max_members: int = 65535  # the most a ZIP without ZIP64 lists
    max_total_bytes: int = 256 * MiB  # sum of the uncompressed sizes of all members
    max_ratio: float = 100.0  # uncompressed / compressed, per member
    manifest_bytes: int = 256 * KiB
    signature_bytes: int = 64
    payload_bytes: int = 16 * MiB
    pdf_bytes: int = 32 * MiB
    consolidation_bytes: int = 64 * MiB
    json_depth: int = 24
    unit_depth: int = 12  # levels of units below the package's own unit

    def member_limit(self, name: str) -> int:
        base = name.rsplit("/", 1)[-1]
        if base == "manifest.json":
            return self.manifest_bytes
        if base == "manifest.sig":
            return self.signature_bytes
        if base == "payload.json":
            return self.payload_bytes
        if base == "report.pdf":
            return self.pdf_bytes
        return self.consolidation_bytes


DEFAULT_LIMITS = Limits()
