"""The PySide6 desktop app. Only this package (and ``app.py``) imports Qt.

Importing it first pins None, True and False (see ``refcounts``: PySide6 6.12 on Python 3.11
loses a reference to them on every void call and every signal emitted)."""

from .refcounts import pin_singletons

pin_singletons()
