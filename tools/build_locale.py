"""Extract the UI strings, merge the Vietnamese translations and compile the catalogue.

Run from the checkout: ``python tools/build_locale.py``. Writes
``resources/locale/lai_chau_desk.pot``, ``resources/locale/vi/LC_MESSAGES/lai_chau_desk.po``
and its ``.mo``. Strings without a translation are listed and the exit code is 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vi_messages import VI  # noqa: E402


def main() -> int:
    pot = LOCALE / "lai_chau_desk.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_", "-k", "N_", "--no-location", "--sort-output", "--omit-header",
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    template = read_po(pot.open("rb"))
    cat = Catalog(locale="vi", domain="lai_chau_desk", project="lai-chau-desk", version="0.1.0",
                  copyright_holder="Lai Châu Desk contributors",
                  last_translator="Lai Châu Desk team", language_team="Tiếng Việt",
                  creation_date=template.creation_date, revision_date=template.creation_date,
                  fuzzy=False)
    missing = []
    for m in template:
        if not m.id:
            continue
        text = VI.get(m.id, "")
        if not text:
            missing.append(m.id)
        cat.add(m.id, text)
    out = LOCALE / "vi" / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "lai_chau_desk.po").open("wb") as f:
        write_po(f, cat, omit_header=False, sort_output=True, width=100)
    with (out / "lai_chau_desk.mo").open("wb") as f:
        write_mo(f, read_po((out / "lai_chau_desk.po").open("rb")))
    for m in missing:
        print(f"missing vi translation: {m!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
