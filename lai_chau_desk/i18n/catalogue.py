"""Maintain the translation catalogue: ``python -m lai_chau_desk.i18n.catalogue [--merge PO…]``.

The Vietnamese ``.po`` in ``resources/locale/vi/LC_MESSAGES/`` is the source of truth for the
translations. This tool extracts every ``_()``, ``N_()`` and ``ngettext()`` string of the
package into ``lai_chau_desk.pot``, updates the ``.po`` (new strings are added untranslated,
strings no longer used are dropped, translations are kept), optionally merges translations
from other ``.po`` files (``--merge``), and compiles the ``.mo`` the app loads. It lists the
strings still missing a translation and exits 1 when there are any. Developer tool only:
Babel's extraction and catalogue modules are not needed at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import resource
from . import DOMAIN

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# the packages and modules whose strings are UI or command-line strings
SOURCES = ("ui", "i18n", "cli", "services", "app.py")


def locale_files() -> tuple[Path, Path, Path]:
    base = resource("locale")
    vi = base / "vi" / "LC_MESSAGES"
    return base / f"{DOMAIN}.pot", vi / f"{DOMAIN}.po", vi / f"{DOMAIN}.mo"


def extract():  # noqa: ANN201 - babel Catalog
    """The template: every translatable string of the UI, with plurals."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir, extract_from_file

    package = Path(__file__).resolve().parent.parent
    template = Catalog(domain=DOMAIN, project="lai-chau-desk", fuzzy=False)
    for sub in SOURCES:
        where = package / sub
        if where.is_file():
            messages = [
                m for _line, m, *_rest in extract_from_file("python", str(where), keywords=KEYWORDS)
            ]
        else:
            messages = [
                m
                for _file, _line, m, *_rest in extract_from_dir(
                    str(where), method_map=[("**.py", "python")], keywords=KEYWORDS
                )
            ]
        for message in messages:
            template.add(message)
    return template


def _read(path: Path):  # noqa: ANN202
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale="vi")


def _strings(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


def update(merge: list[Path]) -> list[str]:
    """Rewrite the .pot, .po and .mo; return the ids still without a Vietnamese translation."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    pot, po, mo = locale_files()
    template = extract()
    with pot.open("wb") as f:
        write_po(f, template, omit_header=True, sort_output=True, width=100)
    catalogue = _read(po)
    for extra in merge:
        for m in _read(extra):
            if not (m.id and m.string):
                continue
            if m.id not in catalogue:
                catalogue.add(m.id, m.string)
            elif not any(_strings(catalogue[m.id].string)):  # add() keeps an empty one
                catalogue[m.id].string = m.string
    catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    with po.open("wb") as f:
        write_po(f, catalogue, sort_output=True, width=100, ignore_obsolete=True)
    with mo.open("wb") as f:
        write_mo(f, _read(po))
    return [
        str(m.id)
        for m in catalogue
        if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lai_chau_desk.i18n.catalogue")
    parser.add_argument(
        "--merge",
        nargs="*",
        type=Path,
        default=[],
        help="other .po files whose translations fill missing entries",
    )
    args = parser.parse_args(argv)
    missing = update(args.merge)
    for m in missing:
        print(f"missing vi translation: {m}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
