"""Composition root: paths, settings, database, services, then the main window."""

from __future__ import annotations

import argparse


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
