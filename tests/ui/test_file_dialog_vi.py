"""Qt's file dialog in Vietnamese: "Look in", "Files of type", "Cancel", the Type column and the
tool tips were English although the app speaks Vietnamese (PySide6 ships no qtbase_vi.qm)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView, QWidget

from lai_chau_desk import i18n
from lai_chau_desk.ui.qt_i18n import QT_STRINGS, install_qt_translations

CONTEXTS = ("QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider")
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


def qt_sources(contexts: tuple[str, ...]) -> set[str]:
    """The source strings Qt itself translates under ``contexts``, read from a .qm PySide6
    ships (its messages keep their context and source text)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    data = (folder / "qtbase_de.qm").read_bytes()
    assert data[:16] == QM_MAGIC
    pos, messages = 16, b""
    while pos < len(data):
        tag, size = data[pos], struct.unpack(">I", data[pos + 1 : pos + 5])[0]
        if tag == 0x69:
            messages = data[pos + 5 : pos + 5 + size]
        pos += 5 + size
    found, current, i = set(), {}, 0
    while i < len(messages):
        tag = messages[i]
        i += 1
        if tag == 1:  # end of a message
            if current.get(7) in contexts and 6 in current:
                found.add(current[6])
            current = {}
        elif tag == 2:  # obsolete hash
            i += 4
        elif tag == 5:
            pass
        else:
            size = struct.unpack(">I", messages[i : i + 4])[0]
            i += 4
            if size != 0xFFFFFFFF:
                if tag in (6, 7):
                    current[tag] = messages[i : i + size].decode("utf-8")
                i += size
    return found


@pytest.fixture
def vietnamese_qt(qapp):  # noqa: ANN001
    i18n.install("vi")
    installed = install_qt_translations(qapp)
    yield
    for t in installed:
        qapp.removeTranslator(t)


def test_every_string_of_qt_file_dialog_is_translated() -> None:
    sources = qt_sources(CONTEXTS)
    assert "&Look in:" in sources and "Files of &type:" in sources
    shortcuts = {s for s in sources if re.fullmatch(r"(Alt|Ctrl)\+\w+", s)}
    missing = sorted(s for s in sources - shortcuts if s not in QT_STRINGS)
    assert missing == []
    try:
        i18n.install("vi")
        assert [s for s in sources - shortcuts if i18n._(s) == s] == []
    finally:
        i18n.install("vi")


def test_file_dialog_labels_buttons_and_columns_are_vietnamese(
    qtbot, vietnamese_qt, tmp_path
) -> None:  # noqa: ANN001
    (tmp_path / "bao-cao").mkdir()
    (tmp_path / "CDCS-BB_2026S2_r1.lcdx").write_bytes(b"x")
    dialog = QFileDialog(None, "Lưu gói báo cáo", str(tmp_path), "Gói báo cáo (*.lcdx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = QFileDialog.DialogLabel
    assert dialog.labelText(label.LookIn) == "&Tìm trong:"
    assert dialog.labelText(label.FileName) == "&Tên tệp:"
    assert dialog.labelText(label.FileType) == "&Loại tệp:"
    assert dialog.labelText(label.Reject) == "Hủy"
    texts = {w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)}
    assert {"&Lưu", "Hủy", "&Tìm trong:", "&Loại tệp:"} <= texts
    tips = {w.toolTip() for w in dialog.findChildren(QWidget) if w.toolTip()}
    assert {"Quay lại", "Tiến tới", "Tạo thư mục mới"} <= tips
    view = next(v for v in dialog.findChildren(QTreeView) if v.model() is not None)
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]
    english = {"Look in:", "Files of type:", "Cancel", "Folder", "Back", "Name", "Size", "Type"}
    shown = {t.replace("&", "") for t in texts | tips | set(headers)}
    assert shown & english == set()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) >= 1, timeout=5_000)
    kinds = {
        model.index(r, 2, view.rootIndex()).data() for r in range(model.rowCount(view.rootIndex()))
    }
    assert "Thư mục" in kinds and "Folder" not in kinds
