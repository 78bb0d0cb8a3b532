"""None/True/False survive PySide6's lost references (the crash at exit of issue 11)."""

from __future__ import annotations

import subprocess
import sys

from lai_chau_desk.ui.refcounts import PIN, pin_singletons
from tests.conftest import ROOT

CHURN = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import lai_chau_desk.ui  # pins
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
app = QApplication([])
edit, window = QLineEdit(), QMainWindow()
for i in range(30000):  # a long day's worth of signals and void calls
    edit.setText("x")
    QObject().deleteLater()
    window.windowTitleChanged.emit("t")
print("ok")
"""


def test_singletons_are_pinned_once() -> None:
    if sys.version_info >= (3, 12):
        assert pin_singletons() is False
        return
    pin_singletons()
    before = sys.getrefcount(True)
    assert before > PIN // 2 and sys.getrefcount(None) > PIN // 2
    pin_singletons()
    assert abs(sys.getrefcount(True) - before) < 1000  # not pinned twice


def test_thousands_of_signals_and_void_calls_then_a_clean_exit() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHURN], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
    assert "dealloc" not in proc.stderr
