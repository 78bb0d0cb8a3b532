"""Qt's own strings (dialog buttons, text-field menus, file dialogs, the wizard) translated
through our gettext catalogue, because PySide6 ships no ``qtbase_vi.qm``. If a
``qtbase_<lang>.qm`` is found (bundled in ``resources/locale`` or in PySide6) it is used too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..i18n import N_, _, current_language
from ..paths import resource

# The Qt strings users meet, marked for extraction (contexts do not matter to us).
QT_STRINGS = [
    N_("&Yes"), N_("&No"), N_("OK"), N_("&OK"), N_("Cancel"), N_("&Cancel"), N_("Close"),
    N_("Apply"), N_("Open"), N_("&Open"), N_("&Save"), N_("Save"), N_("Discard"), N_("Yes"),
    N_("No"), N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
    N_("Select All"), N_("Look in:"), N_("File &name:"), N_("Files of type:"), N_("Directory:"),
    N_("Back"), N_("Forward"), N_("Parent Directory"), N_("Create New Folder"),
    N_("List View"), N_("Detail View"), N_("Name"), N_("Size"), N_("Type"),
    N_("Date Modified"), N_("&Next >"), N_("< &Back"), N_("&Finish"), N_("&Help"),
    N_("All Files (*)"), N_("Restore Defaults"), N_("Reset"), N_("Save All"), N_("Abort"),
    N_("Retry"), N_("Ignore"), N_("Show Details..."), N_("Hide Details..."),
]


class GettextTranslator(QTranslator):
    """Answers Qt's translate() calls from the gettext catalogue; unknown strings fall through."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str | None:
        # None (a null QString) lets Qt ask the next translator; "" would be taken as the
        # translation and blank Qt's own strings (QPageSize("A4") even became invalid).
        if not source:
            return None
        text = _(source)
        return text if text != source else None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Install translators for the active language and set the locale for dates and numbers."""
    lang = current_language()
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
                       if lang == "vi" else QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedKingdom))
    installed: list[QTranslator] = []
    if lang == "en":
        return installed
    for folder in (Path(resource("locale")), Path(QLibraryInfo.path(
            QLibraryInfo.LibraryPath.TranslationsPath))):
        qm = folder / f"qtbase_{lang}.qm"
        if qm.is_file():
            t = QTranslator(app)
            if t.load(str(qm)):
                app.installTranslator(t)
                installed.append(t)
                break
    ours = GettextTranslator(app)
    app.installTranslator(ours)
    installed.append(ours)
    return installed
