"""Ctrl+V of cells copied from Excel (tab-separated lines) into the app's tables."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView


def clipboard_cells(text: str | None = None) -> list[list[str]]:
    """The rows × cells of what Excel put on the clipboard (or of ``text``); empty rows go."""
    if text is None:
        text = QGuiApplication.clipboard().text()
    rows = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]


def on_paste(view: QAbstractItemView, handler: Callable[[list[list[str]]], object]) -> QShortcut:
    """Call ``handler(cells)`` when Ctrl+V is pressed in ``view`` (what it returns is dropped)."""
    shortcut = QShortcut(
        QKeySequence(QKeySequence.StandardKey.Paste),
        view,
        context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
    )
    shortcut.activated.connect(lambda: handler(clipboard_cells()))
    return shortcut


def paste_down(view: QAbstractItemView, cells: list[list[str]]) -> int:
    """Write the pasted block into the editable cells from the current one down and right, as
    Excel does; returns how many cells took the value."""
    model, start = view.model(), view.currentIndex()
    if not start.isValid():
        return 0
    written = 0
    for dr, row in enumerate(cells):
        for dc, value in enumerate(row):
            index = model.index(start.row() + dr, start.column() + dc)
            if (
                index.isValid()
                and model.flags(index) & Qt.ItemFlag.ItemIsEditable
                and model.setData(index, value, Qt.ItemDataRole.EditRole)
            ):
                written += 1
    return written
