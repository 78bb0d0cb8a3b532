"""What a verified package says: the manifest view shared by a package and a report carried
in it, the two verified forms (:class:`Package`, :class:`Embedded`) and the hashes the format
names (``docs/lcdx-format.md`` §4.1)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from ..domain.figures import COUNT_KEYS, COUNTS
from .signing import fingerprint
from .ziplayout import Encoded

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
    manifest_bytes: bytes
    public_key: bytes

    @cached_property
    def manifest_sha256(self) -> str:
        return sha256(self.manifest_bytes)

    @property
    def content_sha256(self) -> str:
        return content_sha256(self.manifest)

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
