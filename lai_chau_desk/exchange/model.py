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


def counts_of(figures: dict[str, Any]) -> dict[str, int]:
    """Signed figures under the keys of ``totals`` (a package's and a carried report's)."""
    return {k: int(figures.get(k, 0)) for k in COUNT_KEYS}


class _ManifestView:
    """What a signed manifest says, read from the parsed manifest a :class:`Package` keeps
    (an :class:`Embedded` keeps the same values, compact, without it)."""

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
    def created_at_text(self) -> str:
        """``created_at`` exactly as signed."""
        return str(self.manifest["created_at"])

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
        return counts_of(self.figures)


class Embedded:
    """A report below the package's unit, as carried in ``units/<CODE>/``, verified (its own
    signature, its row of the consolidation table, and a direct child's payload), kept
    compact: a province's package carries thousands, so an embedded report holds the few
    values an import needs and where its members sit in the package; its manifest (and a
    direct child's payload) is read from the package again when asked for, never held.

    Kept: ``code``, ``unit_name``, ``parent_code``, ``period`` (the package's, which it
    equals), ``revision``, ``package_id``, ``created_at_text`` (as signed), the hashes
    ``package_sha256`` (from the table), ``manifest_sha256``, ``content_sha256`` and
    ``payload_sha256``, ``public_key``, ``fingerprint``, ``signature``; for a direct child
    ``payload_figures`` and ``payload_unit`` (the payload's ``figures`` and ``unit``
    objects). Read again on demand: ``manifest_bytes``, ``manifest``, ``figures``,
    ``payload_bytes`` and ``payload`` (``None`` below the direct children)."""

    __slots__ = (
        "code",
        "unit_name",
        "parent_code",
        "period",
        "revision",
        "package_id",
        "created_at_text",
        "package_sha256",
        "manifest_sha256",
        "content_sha256",
        "payload_sha256",
        "public_key",
        "fingerprint",
        "signature",
        "payload_figures",
        "payload_unit",
        "_manifest",
        "_payload",
    )
    kind = "report"

    def __init__(
        self,
        code: str,
        manifest: dict[str, Any],
        manifest_member: Encoded | bytes,
        signature: bytes,
        public_key: bytes,
        package_sha256: str,
        manifest_sha256: str | None = None,
        fingerprint_text: str | None = None,
        period: dict[str, str] | None = None,
    ) -> None:
        unit = manifest["unit"]
        self.code = code
        self.unit_name: str = unit["name"]
        self.parent_code: str | None = unit["parent_code"]
        self.period: dict[str, str] | None = period if period is not None else manifest["period"]
        self.revision = int(manifest["revision"])
        self.package_id = str(manifest["package_id"])
        self.created_at_text = str(manifest["created_at"])
        self.package_sha256 = package_sha256
        self.manifest_sha256 = manifest_sha256 or sha256(_bytes_of(code, manifest_member))
        self.content_sha256 = content_sha256(manifest)
        self.payload_sha256 = str(manifest["members"]["payload.json"]["sha256"])
        self.public_key = public_key
        self.fingerprint = fingerprint_text or fingerprint(public_key)
        self.signature = signature
        self.payload_figures: dict[str, Any] | None = None
        self.payload_unit: dict[str, Any] | None = None
        self._manifest = manifest_member
        self._payload: Encoded | bytes | None = None

    def set_payload(self, member: Encoded | bytes, payload: dict[str, Any]) -> None:
        """A direct child's verified payload: where it sits, and the two objects an import
        keeps of it (its figures and its unit)."""
        self._payload = member
        self.payload_figures = payload["figures"]
        self.payload_unit = payload["unit"]

    @property
    def unit_code(self) -> str:
        return self.code

    @property
    def period_code(self) -> str | None:
        return self.period["code"] if self.period else None

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.created_at_text)

    @property
    def manifest_bytes(self) -> bytes:
        """The exact signed bytes of ``units/<CODE>/manifest.json`` (inflated again)."""
        return _bytes_of(self.code, self._manifest)

    @property
    def manifest(self) -> dict[str, Any]:
        """The signed manifest, parsed again (it was verified; nothing keeps it)."""
        from .canonical import _DECODER

        return _DECODER.decode(self.manifest_bytes.decode("utf-8"))  # type: ignore[no-any-return]

    @property
    def figures(self) -> dict[str, Any]:
        """The figures the manifest signs, parsed again from it."""
        return self.manifest.get("figures") or {}

    def counts(self) -> dict[str, int]:
        """The figures under the keys of ``totals``."""
        return counts_of(self.figures)

    @property
    def has_payload(self) -> bool:
        return self._payload is not None

    @property
    def payload_bytes(self) -> bytes | None:
        """A direct child's ``payload.json`` (None below): its exact bytes."""
        p = self._payload
        return None if p is None else bytes(p.data if isinstance(p, Encoded) else p)

    @property
    def payload(self) -> dict[str, Any] | None:
        """A direct child's payload, parsed again (None below the direct children)."""
        raw = self.payload_bytes
        if raw is None:
            return None
        from .canonical import _DECODER

        return _DECODER.decode(raw.decode("utf-8"))  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"Embedded({self.code!r}, revision={self.revision})"


def _bytes_of(code: str, member: Encoded | bytes) -> bytes:
    if isinstance(member, Encoded):
        from .ziplayout import inflate_trusted

        return inflate_trusted(f"units/{code}/manifest.json", member)
    return member


@dataclass
class Package(_ManifestView):
    """A verified package: every check of :func:`read_package` has passed.

    ``units``: every report carried below the unit (compact, see :class:`Embedded`);
    ``subtree``: the verified counts of the unit and all of them (a consolidated report),
    ``consolidation``: its table, parsed again from the package when asked for."""

    manifest: dict[str, Any]
    payload: dict[str, Any]
    raw: bytes
    manifest_bytes: bytes
    payload_bytes: bytes
    public_key: bytes
    signature: bytes = b""
    pdf: bytes | None = None
    units: dict[str, Embedded] = field(default_factory=dict)
    subtree: dict[str, int] | None = None
    consolidation_member: Encoded | None = None

    @cached_property
    def sha256(self) -> str:
        return sha256(self.raw)

    @cached_property
    def consolidation(self) -> dict[str, Any] | None:
        """The consolidation table (parsed again: the reader checks it row by row and keeps
        none of it), or None for a package without one."""
        enc = self.consolidation_member
        if enc is None:
            return None
        from .canonical import _DECODER
        from .ziplayout import inflate_trusted

        raw = inflate_trusted("consolidation.json", enc)
        return _DECODER.decode(raw.decode("utf-8"))  # type: ignore[no-any-return]

    def embedded_codes(self) -> list[str]:
        """The codes of every report carried below this package's unit."""
        return sorted(self.units)

    def subtree_counts(self) -> dict[str, int]:
        """The additive counts of this unit and every unit carried below it."""
        if self.subtree is not None:
            return dict(self.subtree)
        return {k: int(self.figures.get(k, 0)) for k in COUNTS}
