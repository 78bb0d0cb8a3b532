"""The ``.lcdx`` report package: canonical ZIP layout, JSON Schemas, Ed25519 signatures.

No Qt and no database here: bytes in, verified plain data out. See ``docs/lcdx-format.md``.
"""

from .errors import PackageError
from .limits import Limits
from .package import Package, read_package, write_package

__all__ = ["Limits", "Package", "PackageError", "read_package", "write_package"]
