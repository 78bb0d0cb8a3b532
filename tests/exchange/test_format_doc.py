"""The format's spec (``docs/lcdx-format.md``) agrees with the domain's declaration: §4.2 names
every figure that is not a session count's (those share one rule, by kind, so a new session
count needs no edit of the spec), §5.1 lists the session's counted fields as today's and §4.3
lists every schema object derived from the declaration."""

from __future__ import annotations

import re
from pathlib import Path

from lai_chau_desk.domain.figures import MANIFEST_FIGURES
from lai_chau_desk.domain.sessions import SESSION_COUNTS, SESSION_FIELDS
from lai_chau_desk.exchange.schema_fields import DERIVED

SPEC = Path(__file__).resolve().parents[2] / "docs" / "lcdx-format.md"


def _section(title: str) -> str:
    text = SPEC.read_text("utf-8")
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start : end if end > 0 else None]


def test_figures_table_names_every_signed_figure() -> None:
    table = _section("### 4.2 Figures")
    named = set(re.findall(r"`([a-z_]+)`", table))
    of_sessions = {c.figure for c in SESSION_COUNTS}
    assert set(MANIFEST_FIGURES) - of_sessions - named == set()
    assert "one per counted field of a session (§4.3)" in table


def test_report_sessions_name_the_counted_fields_by_rule() -> None:
    sessions = " ".join(_section("### 5.1 `report`").split("`sessions`", 1)[1].split())
    listed = sessions.split("the counted fields of §4.3 —", 1)[1].split("— and note", 1)[0]
    names = re.findall(r"[a-z_]{3,}", listed.replace("(boolean)", ""))
    assert names and set(names) <= set(SESSION_FIELDS)  # today's, none stale


def test_derived_objects_are_listed() -> None:
    rows = re.findall(r"^\| `(\w+)` \| `\$defs/(\w+)`", _section("### 4.3"), re.M)
    assert set(rows) == set(DERIVED)
