"""Composition root: paths, settings, database, services, then the main window."""

from __future__ import annotations

import argparse
import gc

# --- the cyclic garbage collector during start-up --------------------------------------
# Start-up creates a large graph of long-lived objects (modules, classes, SQLAlchemy's mapper and
# SQL-construct caches, Qt wrappers) and almost no garbage. Left on, the collector walks that
# growing graph again and again (some 180 collections, ~0.15 s of a ~1.3 s start, measured), and
# once more at exit. The process entry points call pause_gc first; resume_gc moves
# everything alive into the permanent generation (gc.freeze, never scanned again) and turns
# the collector back on: the CLI before running a command, the GUI once the first window is up.
# Importing this module changes nothing (tests import it without calling pause_gc).

_paused = False


def pause_gc() -> None:
    """Turn the collector off until :func:`resume_gc` (process entry points only)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_gc() -> None:
    """Freeze what start-up built and turn the collector back on, if :func:`pause_gc` turned it
    off. Safe to call more than once."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def run_gui(args: argparse.Namespace) -> int:
    """Open the desktop app on the chosen database."""
    from .ui.application import run

    return run(args)


_self_test_app = None


def qt_check() -> str:
    """Self-test step: start Qt (offscreen unless a platform is set), draw Vietnamese text into
    an off-screen image and return the platform name. Proves the Qt libraries and the platform
    plugin are present (in the bundle too)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    global _self_test_app
    if QApplication.instance() is None:  # keep a reference: Qt needs it alive while drawing
        _self_test_app = QApplication(["lai-chau-desk", "--self-test"])
    image = QImage(240, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "Công đoàn Lai Châu")
    painter.end()
    if image.isNull():
        raise RuntimeError("Qt could not draw an image")
    return QApplication.platformName()
