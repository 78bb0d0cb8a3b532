"""Translations and Vietnamese formatting.

Source strings are English (``_("Save")``); the Vietnamese catalogue in
``resources/locale/vi/LC_MESSAGES/lai_chau_desk.po`` is complete and is the default. There is
no global translator object to reach for: ``install(lang)`` sets the active catalogue once at
start (composition root) and ``_`` looks it up.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date

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
    """``0.925`` -> ``92,5%``."""
    return format_decimal(x * 100, digits) + "%"


def format_number(x: float) -> str:
    """Whole numbers without decimals, others with one: 12 -> "12", 2.5 -> "2,5"."""
    return format_int(x) if float(x).is_integer() else format_decimal(x, 1)
