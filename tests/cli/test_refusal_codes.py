"""``--lang en``: every refusal code of docs/lcdx-format.md §10 reads in English on the command
line, whatever Vietnamese sentence the exchange layer wrote for it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from lai_chau_desk.i18n import translator
from lai_chau_desk.i18n.refusals import REFUSAL_CODES, localized_refusal

ROOT = Path(__file__).resolve().parents[2]
# letters only Vietnamese text has (English text of a refusal must have none)
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]"
)


def vietnamese(text: str) -> bool:
    """True when ``text`` has Vietnamese letters (the product's name aside)."""
    return bool(VIETNAMESE.search(text.replace("Lai Châu", "")))


def documented_codes() -> list[str]:
    doc = (ROOT / "docs" / "lcdx-format.md").read_text(encoding="utf-8")
    table = doc[doc.index("## 10. Refusal codes") :]
    codes: list[str] = []
    for line in table.splitlines():
        if line.startswith("| `"):
            codes += re.findall(r"`([a-z0-9-]+)`", line.split("|")[1])
    return codes


def raised_codes() -> set[str]:
    """The codes the source refuses with (PackageError, ImportRefused, refuse…)."""
    found: set[str] = set()
    for path in (ROOT / "lai_chau_desk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(
            re.findall(r"(?:PackageError|ImportRefused|\b_?refuse)\(\s*\"([a-z0-9-]+)\"", text)
        )
    return found


def test_every_documented_code_has_words_in_both_languages() -> None:
    codes = documented_codes()
    assert len(codes) >= 49 and len(set(codes)) == len(codes)
    assert set(codes) == set(REFUSAL_CODES)
    en, vi = translator("en"), translator("vi")
    for code in codes:
        english = en(REFUSAL_CODES[code])
        assert english == REFUSAL_CODES[code] and not vietnamese(english), code
        assert vi(REFUSAL_CODES[code]) != english and vietnamese(vi(REFUSAL_CODES[code])), code


def test_every_code_the_source_raises_is_documented() -> None:
    raised = raised_codes()
    assert len(raised) > 40
    assert raised <= set(documented_codes()), raised - set(documented_codes())


@pytest.mark.parametrize("code", documented_codes())
def test_a_vietnamese_refusal_of_each_code_reads_in_english(code: str) -> None:
    """A Vietnamese sentence the catalogue does not list (as most package refusals are) gives
    the words of its code, keeping the unit codes and fingerprints it names."""
    message = (
        f"Gói của «CDCS-THU» bị từ chối vì lý do riêng ({code}); dấu vân tay "
        "9C01 BE23 41A2 E614 1D9D 5F26 9A22 ACC6."
    )
    out = localized_refusal(message, code, translator("en"))
    assert out.startswith(REFUSAL_CODES[code]), out
    assert "CDCS-THU" in out and "9C01 BE23 41A2 E614 1D9D 5F26 9A22 ACC6" in out
    assert out.endswith(f"[{code}]") and not vietnamese(out), out
    assert localized_refusal(message, code, translator("vi")) == message


def test_a_listed_refusal_keeps_its_own_english_sentence() -> None:
    vi = translator("vi")
    message = vi("The package lacks the required component «{name}».").format(name="payload.json")
    out = localized_refusal(message, "member-missing", translator("en"))
    assert out == "The package lacks the required component «payload.json»."


def test_verify_and_import_refusals_in_english_on_the_command_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "u.db"
    cli("init", "--unit-code", "CDVC-LC", "--unit-name", "Công đoàn Viên chức", db=db, check=True)
    text = tmp_path / "thu.lcdx"
    text.write_text("không phải gói", encoding="utf-8")
    empty_zip = tmp_path / "rong.lcdx"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("ghi-chu.txt", "x")
    seen: set[str] = set()
    for f in (text, empty_zip):
        for args in (("verify", str(f)), ("import", str(f))):
            proc = cli("--lang", "en", *args, db=db)
            out = proc.stdout + proc.stderr
            assert proc.returncode == 1, out
            assert not vietnamese(out.replace(str(tmp_path), "")), out
            seen |= set(re.findall(r"\[([a-z0-9-]+)\]", out))
            assert "refused" in out.lower() or "not valid" in out.lower(), out
    vi = cli("verify", str(empty_zip), db=db)
    assert vietnamese(vi.stdout + vi.stderr)  # Vietnamese stays Vietnamese
