"""Qt's own strings (dialog buttons, text-field menus, file dialogs, the wizard) in Vietnamese.

PySide6 ships no ``qtbase_vi.qm``, so ``python -m lai_chau_desk.ui.qt_i18n`` builds one into
``resources/locale`` from our gettext catalogue (the strings below, under the Qt classes that
use them) with PySide6's ``lrelease``. A compiled .qm is read by Qt's C++ alone: an earlier
QTranslator subclass written in Python lost one reference to None on every call Qt made into
it, and the process died with "none_dealloc" / "bool_dealloc" after a few thousand
translated strings (issue 11: the crash at exit after saving Settings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..i18n import N_, _, current_language
from ..paths import resource

# The Qt strings users meet, marked for extraction (contexts do not matter to us).
QT_STRINGS = [
    N_("&Yes"),
    N_("&No"),
    N_("OK"),
    N_("&OK"),
    N_("Cancel"),
    N_("&Cancel"),
    N_("Close"),
    N_("Apply"),
    N_("Open"),
    N_("&Open"),
    N_("&Save"),
    N_("Save"),
    N_("Discard"),
    N_("Yes"),
    N_("No"),
    N_("&Undo"),
    N_("&Redo"),
    N_("Cu&t"),
    N_("&Copy"),
    N_("&Paste"),
    N_("Delete"),
    N_("Select All"),
    N_("Look in:"),
    N_("File &name:"),
    N_("Files of type:"),
    N_("Directory:"),
    N_("Back"),
    N_("Forward"),
    N_("Parent Directory"),
    N_("Create New Folder"),
    N_("List View"),
    N_("Detail View"),
    N_("Name"),
    N_("Size"),
    N_("Type"),
    N_("Date Modified"),
    N_("&Next >"),
    N_("< &Back"),
    N_("&Finish"),
    N_("&Help"),
    N_("All Files (*)"),
    N_("Restore Defaults"),
    N_("Reset"),
    N_("Save All"),
    N_("Abort"),
    N_("Retry"),
    N_("Ignore"),
    N_("Show Details..."),
    N_(
        "Hide Details..."
    ),  # QFileDialog and its QFileSystemModel (Qt 6's own sources, with their & marks): the
    # non-native file dialog reads Vietnamese only when each string it shows is here
    N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    N_("%1\nFile not found.\nPlease verify the correct file name was given."),
    N_("%1 already exists.\nDo you want to replace it?"),
    N_("&Choose"),
    N_("&Delete"),
    N_("&Look in:"),
    N_("&New Folder"),
    N_("&Rename"),
    N_("'%1' is write protected.\nDo you want to delete it anyway?"),
    N_("All files (*)"),
    N_("Are you sure you want to delete '%1'?"),
    N_("Change to detail view mode"),
    N_("Change to list view mode"),
    N_("Could not delete directory."),
    N_("Create a New Folder"),
    N_("Directories"),
    N_("Files"),
    N_("Files of &type:"),
    N_("Find Directory"),
    N_("Go back"),
    N_("Go forward"),
    N_("Go to the parent directory"),
    N_("List of places and bookmarks"),
    N_("New Folder"),
    N_("Recent Places"),
    N_("Remove"),
    N_("Save As"),
    N_("Show &hidden files"),
    N_("Sidebar"),
    N_("Show "),
    N_("Computer"),
    N_("Kind"),
    N_("My Computer"),
    # QAbstractFileIconProvider: the file dialog's Type column
    N_("Alias"),
    N_("Drive"),
    N_("File Folder"),
    N_("Folder"),
    N_("Shortcut"),
    N_("File"),
    N_("Unknown"),
]


# The Qt classes whose tr() looks these strings up (a .qm is keyed by class and text).
QT_CONTEXTS = (
    "QPlatformTheme",
    "QDialogButtonBox",
    "QMessageBox",
    "QLineEdit",
    "QWidgetTextControl",
    "QTextControl",
    "QFileDialog",
    "QFileSystemModel",
    "QAbstractFileIconProvider",
    "QWizard",
    "QAbstractSpinBox",
    "QInputDialog",
    "QPrintDialog",
    "QCalendarWidget",
)


def qt_ts(lang: str = "vi") -> str:
    """A Qt Linguist .ts of ``QT_STRINGS`` under every context, from the gettext catalogue."""
    from xml.sax.saxutils import escape

    from .. import i18n

    previous = current_language()
    i18n.install(lang)
    try:
        pairs = [(src, _(src)) for src in dict.fromkeys(QT_STRINGS) if _(src) != src]
    finally:
        i18n.install(previous)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{lang}">',
    ]
    for context in QT_CONTEXTS:
        out.append(f"<context><name>{context}</name>")
        out += [
            f"<message><source>{escape(src)}</source><translation>{escape(dst)}"
            "</translation></message>"
            for src, dst in pairs
        ]
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out) + "\n"


def build_qm(lang: str = "vi") -> Path:
    """Write ``resources/locale/qtbase_<lang>.qm`` with PySide6's lrelease (developer step)."""
    import shutil
    import subprocess
    import sys
    import tempfile

    target = Path(resource("locale")) / f"qtbase_{lang}.qm"
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / f"qtbase_{lang}.ts"
        ts.write_text(qt_ts(lang), encoding="utf-8")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(target)], check=True)
    return target


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Install translators for the active language and set the locale for dates and numbers."""
    lang = current_language()
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
        if lang == "vi"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    for folder in (
        Path(resource("locale")),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        qm = folder / f"qtbase_{lang}.qm"
        if qm.is_file():
            t = QTranslator(app)
            if t.load(str(qm)):
                app.installTranslator(t)
                installed.append(t)
                break
    return installed


if __name__ == "__main__":
    print(build_qm())
