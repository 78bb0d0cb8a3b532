"""Keep None, True and False alive whatever PySide6 does to their reference counts.

PySide6 6.12 on CPython 3.11, measured here: every call of a method returning void gives back
None without taking a reference (``QLineEdit.setText``, ``deleteLater``, ``QSettings.sync``,
``processEvents``…) and every ``Signal.emit`` does the same with True. Each call then costs one
reference, and after a few thousand signals True's count reaches zero: "Fatal Python error:
bool_dealloc" (issue 11: once in four quits after saving Settings, when module teardown drops
the last references), or "none_dealloc". CPython 3.12 made these objects immortal; here they
get a reference count no session can use up. They are never freed anyway, so the extra count
changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys

PIN = sys.maxsize // 4  # far from overflowing, and far more than any session could lose


def pin_singletons() -> bool:
    """Give None, True and False a huge reference count (CPython before 3.12 only).

    True when done; idempotent (pinned objects are not pinned twice)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: PyObject's first field
        if count.value < PIN // 2:
            count.value += PIN
    return True
