"""Write and read ``.lcdx`` packages, format version 2 (``docs/lcdx-format.md``): the
entry points of :mod:`writer` (``build_package``) and :mod:`reader` (``read_package``), and
the verified forms of :mod:`model`.

A report's signed manifest carries the unit's figures. A consolidated report carries its own
consolidation table (``consolidation.json``) and, under ``units/<CODE>/``, the signed manifest
of every report below it at any depth, with the ``payload.json`` of its direct children. No
package is embedded whole, and no ``report.pdf`` travels past the level that received it.
"""

from __future__ import annotations

from .model import (
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    TOP_MEMBERS,
    Embedded,
    Package,
    content_sha256,
    sha256,
)
from .reader import open_archive, parse_checked, read_embedded, read_manifest, read_package
from .writer import (
    ListedMember,
    Written,
    build_package,
    consolidation_bytes,
    consolidation_member,
    write_package,
)

__all__ = [
    "Embedded",
    "FORMAT",
    "FORMAT_VERSION",
    "Package",
    "KINDS",
    "TOP_MEMBERS",
    "Written",
    "open_archive",
    "parse_checked",
    "read_embedded",
    "read_manifest",
    "build_package",
    "consolidation_bytes",
    "consolidation_member",
    "ListedMember",
    "content_sha256",
    "read_package",
    "sha256",
    "write_package",
]
