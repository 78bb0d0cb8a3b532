"""What the import's plain results show of a file's name."""

from __future__ import annotations

from pathlib import Path

from lai_chau_desk.services.exchange_results import ImportOutcome


def test_a_file_name_is_shown_with_its_hidden_characters_escaped(tmp_path: Path) -> None:
    spoof = tmp_path / "báo cáo \u202egpj.lcdx"  # drawn right to left: «báo cáo xdcl.jpg»
    out = ImportOutcome(file=str(spoof), outcome="refused", reason="x")
    assert out.shown_name == "báo cáo \\u202egpj.lcdx"
    assert "\u202e" not in out.shown_file and str(tmp_path) in out.shown_file
    plain = ImportOutcome(file=str(tmp_path / "CĐCS xã Bản Bo.lcdx"), outcome="new", reason="")
    assert plain.shown_name == "CĐCS xã Bản Bo.lcdx"
