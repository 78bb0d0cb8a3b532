"""The Vietnamese catalogue is complete and its compiled .mo matches the .po."""

from __future__ import annotations

import gettext
import io

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from lai_chau_desk import i18n
from tests.conftest import ROOT

LOCALE = ROOT / "resources" / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "lai_chau_desk.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "lai_chau_desk.mo"


def _ui_strings() -> set[str]:
    found: set[str] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "lai_chau_desk" / "ui"),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_ui_string_has_a_vietnamese_translation() -> None:
    catalogue = read_po(PO.open("rb"))
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id): (
            m.string[0] if isinstance(m.string, tuple) else m.string
        )
        for m in catalogue
        if m.id
    }
    strings = _ui_strings()
    assert len(strings) > 200
    missing = sorted(s for s in strings if not translated.get(s))
    assert missing == [], "run python -m lai_chau_desk.i18n.catalogue; missing: " + repr(
        missing[:10]
    )
    for s in strings:  # placeholders survive translation
        for name in ("{n}", "{path}", "{what}", "{title}", "{date}", "{name}", "{error}"):
            assert (name in s) == (name in translated[s]), s


def test_compiled_catalogue_matches_the_po() -> None:
    buf = io.BytesIO()
    write_mo(buf, read_po(PO.open("rb")))
    buf.seek(0)
    fresh = gettext.GNUTranslations(buf)
    shipped = gettext.GNUTranslations(MO.open("rb"))
    assert fresh._catalog == shipped._catalog  # type: ignore[attr-defined]


def test_vietnamese_is_loaded_and_english_is_the_source() -> None:
    try:
        i18n.install("vi")
        assert i18n._("Dissemination") == "Tuyên truyền"
        i18n.install("en")
        assert i18n._("Dissemination") == "Dissemination"
    finally:
        i18n.install("vi")


def test_qt_own_strings_come_from_the_catalogue(qapp) -> None:  # noqa: ANN001
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from lai_chau_desk.ui.qt_i18n import install_qt_translations

    i18n.install("vi")
    installed = install_qt_translations(qapp)
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes
        )
        assert sorted(b.text() for b in box.buttons()) == ["&Có", "Hủy"]
        # strings we do not translate keep Qt's text instead of vanishing
        assert (
            QCoreApplication.translate("QFileDialog", "Not a known string") == "Not a known string"
        )
    finally:
        for t in installed:
            qapp.removeTranslator(t)


def test_qt_strings_come_from_a_compiled_qm_with_no_python_in_the_way(qapp) -> None:  # noqa: ANN001
    """Qt's translations never call into Python: a Python QTranslator lost one reference to
    None per call and the app died with none_dealloc/bool_dealloc (issue 11, crash at exit)."""
    from PySide6.QtCore import QTranslator

    from lai_chau_desk.ui.qt_i18n import QT_STRINGS, install_qt_translations

    i18n.install("vi")
    installed = install_qt_translations(qapp)
    try:
        assert installed and all(type(t) is QTranslator for t in installed)
        # the shipped .qm holds every Qt string the .po translates (rebuild:
        # python -m lai_chau_desk.ui.qt_i18n)
        stale = [
            s
            for s in QT_STRINGS
            if i18n._(s) != s and installed[0].translate("QPlatformTheme", s) != i18n._(s)
        ]
        assert stale == []
    finally:
        for t in installed:
            qapp.removeTranslator(t)
