"""The short code printed on the paper report, so a recipient holding a file can tell whether it
is the package the signed and stamped paper describes (DESIGN §5 "Trust", issue 10 item 6).

The code reads ``CDCS-THCS-TN 2026S1 R2 7F3A-9C1B K-3F2A``:

* the unit code and the period code, as the package's manifest names them;
* ``R`` and the revision;
* the first 8 hex digits of the SHA-256 of ``payload.json``, the hash that the **signed
  manifest** lists for that member. Not the hash of the package file: the package holds
  ``report.pdf``, which holds this code, so no code printed inside it can name the file's own
  hash (nor the manifest's, which lists the PDF's hash). The payload holds every record behind
  the figures and the manifest's figures must equal those computed from it, so the payload hash
  pins everything the paper reports;
* ``K-`` and the first 4 hex digits of the signing key's fingerprint (the full fingerprint is
  printed under the signature for comparison by phone).

Hex digits only (no O/I/L to confuse), groups of four, spaces between fields. Matching ignores
case, repeated spaces and the dashes inside the hash groups, so a code typed from paper as
``cdcs-thcs-tn 2026s1 r2 7f3a9c1b k3f2a`` matches. The QR code carries the same text (QR
alphanumeric mode covers upper-case letters, digits, space, ``-`` and ``.``). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

SHA_DIGITS = 8
KEY_DIGITS = 4


@dataclass(frozen=True)
class PaperIdentity:
    """What the paper code is computed from: a report package's unit, period, revision, the
    SHA-256 (hex) of its ``payload.json`` and its signer's key fingerprint (any spacing)."""

    unit: str
    period: str
    revision: int
    payload_sha256: str
    fingerprint: str


class PackageLike(Protocol):
    """The attributes of a read package (``exchange.package.ReportPackage``) the match needs."""

    @property
    def unit_code(self) -> str: ...
    @property
    def period_code(self) -> str | None: ...
    @property
    def revision(self) -> int: ...
    @property
    def payload_sha256(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...


def _hex(text: str) -> str:
    return re.sub(r"[^0-9A-F]", "", text.upper())


def make_code(ident: PaperIdentity) -> str:
    """The printed code of ``ident`` (see the module docstring)."""
    sha = _hex(ident.payload_sha256)[:SHA_DIGITS]
    key = _hex(ident.fingerprint)[:KEY_DIGITS]
    return (
        f"{ident.unit.upper()} {ident.period.upper()} R{int(ident.revision)} "
        f"{sha[:4]}-{sha[4:]} K-{key}"
    )


@dataclass(frozen=True)
class ParsedCode:
    unit: str
    period: str
    revision: int
    sha_prefix: str
    key_prefix: str


def parse_code(code: str) -> ParsedCode | None:
    """The fields of a typed or scanned code, or None when it is not one."""
    words = code.upper().split()
    if len(words) < 5:
        return None
    unit, period, rev = words[0], words[1], words[2]
    rest = "".join(words[3:])
    if not rev.startswith("R") or not rev[1:].isdigit():
        return None
    key_at = rest.rfind("K")
    if key_at < 0:
        return None
    sha, key = _hex(rest[:key_at]), _hex(rest[key_at + 1 :])
    if len(sha) != SHA_DIGITS or len(key) != KEY_DIGITS:
        return None
    return ParsedCode(unit, period, int(rev[1:]), sha, key)


def identity_of(package: PackageLike) -> PaperIdentity:
    return PaperIdentity(
        package.unit_code,
        package.period_code or "",
        package.revision,
        package.payload_sha256,
        package.fingerprint,
    )


def matches(code: str, package: PackageLike) -> bool:
    """True when ``code`` (typed from paper or scanned) describes ``package``: same unit,
    period and revision, and its payload hash and key fingerprint begin with the code's
    digits. ``package`` is a verified package as ``exchange.package.read_package`` returns."""
    parsed = parse_code(code)
    if parsed is None:
        return False
    mine = parse_code(make_code(identity_of(package)))
    return mine is not None and parsed == mine
