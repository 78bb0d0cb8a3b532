"""Refusals that can be said in either language.

A :class:`LocalizedError` keeps its English message id and its values, so the command line and
the GUI say it in the user's language (:func:`describe` with a :class:`~..i18n.Translator`);
``str()`` stays the Vietnamese text, as for every other refusal. :func:`describe` also knows
the storage layer's refusals, whose module cannot reach the catalogue.
"""

from __future__ import annotations

import errno
import os

from ..domain.errors import DomainError
from ..i18n import N_, Translator, translator
from ..storage.engine import StorageFull

DISK_FULL = N_(
    "The disk is full, so nothing was saved. What was saved before is intact. Free "
    "some disk space (delete files you do not need, empty the recycle bin) and save "
    "again."
)
FILE_DISK_FULL = N_(
    "The disk is full, so the file «{path}» was not written; no half-written "
    "file is left. Free some disk space and try again."
)


class LocalizedError(DomainError):
    """A refusal kept as an English message id plus values (see the module docstring)."""

    def __init__(self, msgid: str, **values: object) -> None:
        self.msgid = msgid
        self.values = values
        super().__init__(self.describe(translator("vi")))

    def describe(self, tr: Translator) -> str:
        return tr(self.msgid).format(**self.values) if self.values else tr(self.msgid)


class FileDiskFull(LocalizedError, OSError):
    """A file (export, report, backup) could not be written: the disk is full. The partial
    file was removed. Still an ``OSError`` (``ENOSPC``) for callers that catch those."""

    def __init__(self, path: object) -> None:
        super().__init__(FILE_DISK_FULL, path=path)
        self.errno = errno.ENOSPC
        self.strerror = os.strerror(errno.ENOSPC)

    def __str__(self) -> str:
        return str(self.args[0])


def describe(exc: BaseException, tr: Translator) -> str:
    """``exc``'s message in the language of ``tr``."""
    own = getattr(exc, "describe", None)
    if callable(own):
        return str(own(tr))
    if isinstance(exc, StorageFull):
        return tr(DISK_FULL)
    return str(exc)
