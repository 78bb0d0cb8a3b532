"""Translations and Vietnamese formatting.

Source strings are English (``_("Save")``); the Vietnamese catalogue in
``resources/locale/vi/LC_MESSAGES/lai_chau_desk.po`` is complete and is the default.

Two ways to reach it. New code takes a :class:`Translator` (``translator(lang)``) and passes it
down explicitly: the command line builds one from ``--lang`` / ``LANG`` and hands it to every
message it prints. The GUI still calls ``install(lang)`` once at start and uses the module's
``_`` (kept for the existing UI code).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from datetime import date
from functools import cache

from ..paths import resource

DOMAIN = "lai_chau_desk"
LANGUAGES = ("vi", "en")
_active: _gettext.NullTranslations = _gettext.NullTranslations()
_lang = "en"


def locale_dir() -> str:
    return str(resource("locale"))


def load(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (English is the source language: no catalogue needed)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)


class Translator:
    """The messages of one language, passed explicitly to whatever prints (no module state)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "vi"
        self._catalogue = load(self.lang)

    def __call__(self, message: str) -> str:
        return self._catalogue.gettext(message)

    gettext = __call__

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


@cache
def translator(lang: str | None = None) -> Translator:
    """The (shared, immutable) translator of ``lang``; Vietnamese when None or unknown."""
    return Translator(lang or "vi")


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, gettext's way: the first of ``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set decides; English only when it names
    English (``en_US.UTF-8``, ``en``), Vietnamese otherwise (``C``, ``vi_VN``, unset)."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if not value:
            continue
        first = value.split(":")[0].split(".")[0].split("@")[0].lower()
        if first in ("c", "posix") and name == "LANGUAGE":
            continue
        return "en" if first == "en" or first.startswith("en_") else "vi"
    return "vi"


def install(lang: str) -> None:
    """Make ``lang`` the language of every later ``_()`` call."""
    global _active, _lang
    _active = load(lang if lang in LANGUAGES else "vi")
    _lang = lang if lang in LANGUAGES else "vi"


def current_language() -> str:
    return _lang


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


# Formatting in the Vietnamese way: dd/MM/yyyy, 1.234,5
def format_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def format_int(n: int | float) -> str:
    return f"{int(n):,}".replace(",", ".")


def format_decimal(x: float, digits: int = 1) -> str:
    text = f"{x:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(x: float, digits: int = 1) -> str:
    """The one percentage of the app (dashboard, screens, printed report): ``0.925`` ->
    ``92,5%``, and ``1.0`` -> ``100%`` (never ``100,0%``: no ",0" for a whole number)."""
    value = round(x * 100, digits)
    if float(value).is_integer():
        return format_int(value) + "%"
    return format_decimal(value, digits) + "%"


def format_number(x: float) -> str:
    """Whole numbers without decimals, others with one: 12 -> "12", 2.5 -> "2,5"."""
    return format_int(x) if float(x).is_integer() else format_decimal(x, 1)
