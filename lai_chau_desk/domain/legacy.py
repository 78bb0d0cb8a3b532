"""Detection and conversion of legacy Vietnamese encodings found in old Excel files.

Before Unicode, Vietnamese offices typed with two families of 8-bit fonts:

* **TCVN3** (TCVN 5712:1993 "VN3", the ABC keyboard, fonts ``.VnTime``, ``.VnArial``...):
  one byte per precomposed letter.
* **VNI** (VNI-Windows, fonts ``VNI-Times``, ``VNI-Helve``...): a Latin base letter followed by
  one modifier byte carrying the vowel mark and/or the tone.

When such a workbook is opened today, Excel (and openpyxl) hand us each byte decoded as a
Windows-1252 / Latin-1 character, e.g. ``"NguyÔn V¨n An"`` (TCVN3) or ``"Nguyeãn Vaên An"``
(VNI) for *Nguyễn Văn An*. This module maps those strings back to Unicode (NFC).

Limitation (TCVN3 capitals): VN3 only has the capitals Ă Â Đ Ê Ô Ơ Ư. Capital letters with a
tone were typed with the companion "H" fonts (``.VnTimeH``), which reuse the *lower-case*
codes and merely draw them as capitals; the font is not in the cell text, so the information
is lost. :func:`convert_tcvn3` therefore returns such letters in lower case, except that by
default (``restore_caps=True``) a word written otherwise entirely in capitals (at least two
capital letters and no lower-case ASCII letter, e.g. ``"NGUYÔN"``), or a whole string whose
ASCII letters are all capitals, is upper-cased (→ ``"NGUYỄN"``). ``"Hå"`` stays ``"Hồ"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Literal

__all__ = [
    "LegacyEncoding",
    "TCVN3_TO_UNICODE",
    "VNI_TO_UNICODE",
    "convert_tcvn3",
    "convert_vni",
    "detect_legacy_encoding",
    "detect_legacy_encoding_many",
    "to_unicode",
]

LegacyEncoding = Literal["unicode", "tcvn3", "vni"]

# --------------------------------------------------------------------------------------
# TCVN3 (VN3 / ABC) table: byte (as a cp1252/latin-1 character) -> Unicode letter.
# Every byte 0xA1..0xFE used by VN3 is listed; unused bytes (0xAF-0xB4, 0xBA, 0xBF,
# 0xC0-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0, 0xFF) pass through unchanged.
# --------------------------------------------------------------------------------------
TCVN3_TO_UNICODE: dict[str, str] = {
    # capitals present in VN3
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    # lower-case base letters
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    # a: huyền hỏi ngã sắc nặng
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    # ă
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    # â
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    # e
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    # ê
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    # i
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    # o
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    # ô
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    # ơ
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    # u
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    # ư
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    # y
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}  # fmt: skip

_TCVN3_TRANS = str.maketrans(TCVN3_TO_UNICODE)
_TCVN3_CAPITAL_CODES = frozenset("\xa1\xa2\xa3\xa4\xa5\xa6\xa7")

# --------------------------------------------------------------------------------------
# VNI (VNI-Windows) table: legacy sequence -> Unicode letter, lower case. Tone modifiers:
#   plain vowel:      sắc ù  huyền ø  hỏi û  ngã õ  nặng ï
#   â ê ô (after â):  sắc á  huyền à  hỏi å  ngã ã  nặng ä   (â itself = base + â)
#   ă (after a):      sắc é  huyền è  hỏi ú  ngã ü  nặng ë   (ă itself = a + ê)
# ơ = ô, ư = ö, đ = ñ; i and ỵ use single precomposed bytes (í ì æ ó ò, î).
# Capitals use the capital base and the capital modifier (one byte 0x20 lower), see below.
# --------------------------------------------------------------------------------------
_VNI_LOWER: dict[str, str] = {
    "a\xf9": "á", "a\xf8": "à", "a\xfb": "ả", "a\xf5": "ã", "a\xef": "ạ",
    "a\xea": "ă", "a\xe9": "ắ", "a\xe8": "ằ", "a\xfa": "ẳ", "a\xfc": "ẵ", "a\xeb": "ặ",
    "a\xe2": "â", "a\xe1": "ấ", "a\xe0": "ầ", "a\xe5": "ẩ", "a\xe3": "ẫ", "a\xe4": "ậ",
    "e\xf9": "é", "e\xf8": "è", "e\xfb": "ẻ", "e\xf5": "ẽ", "e\xef": "ẹ",
    "e\xe2": "ê", "e\xe1": "ế", "e\xe0": "ề", "e\xe5": "ể", "e\xe3": "ễ", "e\xe4": "ệ",
    "\xed": "í", "\xec": "ì", "\xe6": "ỉ", "\xf3": "ĩ", "\xf2": "ị",
    "o\xf9": "ó", "o\xf8": "ò", "o\xfb": "ỏ", "o\xf5": "õ", "o\xef": "ọ",
    "o\xe2": "ô", "o\xe1": "ố", "o\xe0": "ồ", "o\xe5": "ổ", "o\xe3": "ỗ", "o\xe4": "ộ",
    "\xf4": "ơ", "\xf4\xf9": "ớ", "\xf4\xf8": "ờ", "\xf4\xfb": "ở", "\xf4\xf5": "ỡ",
    "\xf4\xef": "ợ",
    "u\xf9": "ú", "u\xf8": "ù", "u\xfb": "ủ", "u\xf5": "ũ", "u\xef": "ụ",
    "\xf6": "ư", "\xf6\xf9": "ứ", "\xf6\xf8": "ừ", "\xf6\xfb": "ử", "\xf6\xf5": "ữ",
    "\xf6\xef": "ự",
    "y\xf9": "ý", "y\xf8": "ỳ", "y\xfb": "ỷ", "y\xf5": "ỹ", "\xee": "ỵ",
    "\xf1": "đ",
}  # fmt: skip


def _build_vni_table() -> dict[str, str]:
    """Add the capital forms (and tolerated mixed-case forms) to the lower-case table.

    In VNI-Windows every capital byte is its lower-case byte minus 0x20, which coincides with
    Latin-1 case mapping, so ``"a\\xf9".upper() == "A\\xd9"`` (→ Á). A capital base followed
    by a lower-case modifier (e.g. ``"Aù"``, produced by some case-changing tools) is accepted
    as the capital letter too.
    """
    table = dict(_VNI_LOWER)
    for seq, letter in _VNI_LOWER.items():
        table[seq.upper()] = letter.upper()
        if len(seq) == 2:
            table.setdefault(seq[0].upper() + seq[1], letter.upper())
    return table


VNI_TO_UNICODE: dict[str, str] = _build_vni_table()

_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True))
)

# --------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------

# Latin-1 letters that legitimately occur in Unicode Vietnamese text.
_VIET_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")

# Typographic characters that may appear in any text (cp1252 0x80-0x9F decodes, NBSP...).
_NEUTRAL = frozenset("\xa0\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u20ac")

# VNI two-character sequences that also occur in ordinary Unicode Vietnamese
# ("Hoàng", "Toán", "Xoã"), so they are not evidence of VNI on their own.
_VNI_AMBIGUOUS = frozenset(
    {"o\xe0", "o\xe1", "o\xe3", "O\xc0", "O\xc1", "O\xc3", "O\xe0", "O\xe1", "O\xe3"}
)

# Single VNI characters that are not Vietnamese Unicode letters (ư, đ, ỉ, ỵ).
_VNI_STRONG_SINGLES = frozenset("\xf6\xd6\xf1\xd1\xe6\xc6\xee\xce")


def _is_vietnamese_unicode(ch: str) -> bool:
    """True for characters only proper Unicode Vietnamese text contains."""
    cp = ord(ch)
    return (
        ch in "ĂăĐđƠơƯưĨĩŨũ"
        or 0x1EA0 <= cp <= 0x1EF9
        or 0x0300 <= cp <= 0x036F  # combining marks (decomposed Unicode)
    )


def _tcvn3_scores(s: str) -> tuple[int, int]:
    """Return (evidence, contradictions) for reading ``s`` as TCVN3."""
    strong = bad = 0
    prev = ""
    for ch in s:
        if ch in TCVN3_TO_UNICODE:
            if ch not in _VIET_LATIN1:
                strong += 1
            elif ch.isupper() and prev.isalpha() and prev.islower():
                # "NguyÔn": a capital Latin-1 letter inside a lower-case word.
                strong += 1
        elif ord(ch) > 0x7F and ch not in _NEUTRAL:
            bad += 1
        prev = ch
    return strong, bad


def _vni_scores(s: str) -> tuple[int, int]:
    """Return (evidence, contradictions) for reading ``s`` as VNI."""
    strong = bad = 0
    consumed = [False] * len(s)
    for m in _VNI_PATTERN.finditer(s):
        seq = m.group()
        for i in range(m.start(), m.end()):
            consumed[i] = True
        if len(seq) == 2 and seq not in _VNI_AMBIGUOUS:
            strong += 2
        elif seq in _VNI_STRONG_SINGLES:
            strong += 1
        start = m.start()
        if seq[-1].isupper() and start > 0 and s[start - 1].islower():
            bad += 1  # "mÑ": a capital in the middle of a lower-case word
    for i, ch in enumerate(s):
        if not consumed[i] and ord(ch) > 0x7F and ch not in _NEUTRAL and ch not in _VIET_LATIN1:
            bad += 1
    return strong, bad


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowel nuclei (tone removed). Open nuclei end in a glide (or are ia/ua/ưa/y) and never take
# a final consonant; closed-capable ones may.
_OPEN_NUCLEI = (
    "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "yêu", "uyu",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui",
    "ưa", "ưi", "ưu", "y",
)  # fmt: skip
_CLOSED_NUCLEI = (
    "uyê", "iê", "yê", "oa", "oă", "oe", "uâ", "uê", "uô", "uơ", "uy", "ươ",
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư",
)  # fmt: skip
_SYLLABLE = re.compile(
    "(?:ngh(?=[ieê])|ng(?![ieê])|gh(?=[ieê])|gi|kh|nh|ph|th|tr|ch|qu(?![ou])"
    "|k(?=[ieêy])|c(?![ieêy])|g(?![eê])|[bdđhlmnprstvx])?"
    f"(?:(?:{'|'.join(_OPEN_NUCLEI)})|(?:{'|'.join(_CLOSED_NUCLEI)})(?:ng|nh|ch|[cmnpt])?"
    "|oo(?:ng|c))"
)
_STOP_FINAL = re.compile("(?:c|ch|p|t)$")
_STOP_TONES = frozenset("\u0301\u0323")  # only sắc and nặng go with -c -ch -p -t
_LETTERS = re.compile(r"[^\W\d_]+")


def _syllable_stats(text: str) -> tuple[int, int]:
    """Return (well-formed Vietnamese syllables, all words) among the non-ASCII words.

    A word is well formed when it is initial + vowel nucleus + final with at most one tone,
    respects the k/c, gh/g and ngh/ng spelling rules, has no final after a glide, and a
    syllable closed by -c/-ch/-p/-t carries sắc or nặng.
    """
    count = total = 0
    for word in _LETTERS.findall(text):
        if word.isascii():
            continue
        total += 1
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = [ch for ch in decomposed if ch in _TONE_MARKS]
        toneless = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        )
        if len(tones) > 1 or not _SYLLABLE.fullmatch(toneless):
            continue
        if _STOP_FINAL.search(toneless) and not (tones and tones[0] in _STOP_TONES):
            continue
        count += 1
    return count, total


def detect_legacy_encoding(s: str) -> LegacyEncoding:
    """Guess whether ``s`` is Unicode, TCVN3 or VNI text read as cp1252.

    Plain ASCII, text containing any character specific to Unicode Vietnamese (ă, đ, ơ, ư,
    the U+1EA0-U+1EF9 block or combining marks) and text whose only non-ASCII characters are
    ordinary accented letters (``"café"``, ``"Hoàng"``, ``"Tô Lê"``) are ``"unicode"``. Otherwise
    characteristic characters are counted: TCVN3 symbols such as ``¨ © ª « ¬ ® µ ¸`` or
    capitals inside lower-case words, and VNI vowel+modifier pairs such as ``"aø"``/``"eã"``
    or ``ö``/``ñ``. A reading is only accepted if at least half of the accented words it
    produces are well-formed Vietnamese syllables (so ``"Crème brûlée"`` stays Unicode).
    Text made only of ordinary accented letters is read as legacy only when that turns
    malformed syllables into well-formed ones (``"Quèc"`` → TCVN3 *Quốc*, ``"tòch"`` → VNI
    *tịch*). The reading with more well-formed syllables, then more evidence, wins; unicode
    is the fallback. Very short cells can be genuinely ambiguous (``"Hoà"`` is also VNI for
    *Hồ*, ``"Thò"`` VNI for *Thị*): they are left as Unicode.
    """
    if s.isascii() or any(_is_vietnamese_unicode(ch) for ch in s):
        return "unicode"
    tcvn_strong, tcvn_bad = _tcvn3_scores(s)
    vni_strong, vni_bad = _vni_scores(s)
    valid_uni, total_uni = _syllable_stats(s)
    candidates: list[tuple[int, int, LegacyEncoding]] = []
    readings: tuple[tuple[LegacyEncoding, int, int, Callable[[str], str]], ...] = (
        ("tcvn3", tcvn_strong, tcvn_bad, convert_tcvn3),
        ("vni", vni_strong, vni_bad, convert_vni),
    )
    for name, strong, bad, convert in readings:
        if bad * 4 > strong or (strong == 0 and bad > 0):
            continue
        valid, total = _syllable_stats(convert(s))
        if strong > 0:
            # characteristic legacy characters: the reading must still look Vietnamese
            if valid * 2 >= total:
                candidates.append((valid, strong, name))
        elif valid == total > 0 and valid > valid_uni:
            # only ordinary accented letters: accept the legacy reading when it turns
            # malformed syllables ("Quèc", "tòch") into well-formed ones ("Quốc", "tịch")
            candidates.append((valid, strong, name))
    if not candidates:
        return "unicode"
    # more well-formed syllables first, then more evidence; TCVN3 (the northern/government
    # standard, by far the most common in Lai Châu files) wins exact ties
    candidates.sort(key=lambda c: (c[0], c[1], c[2] == "tcvn3"), reverse=True)
    return candidates[0][2]


# --------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")


def _restore_tcvn3_caps(legacy: str, converted: str) -> str:
    """Upper-case letters of words evidently typed in capitals with a ``.VnTimeH`` font."""

    def is_cap(ch: str) -> bool:
        return (ch.isascii() and ch.isupper()) or ch in _TCVN3_CAPITAL_CODES

    def is_lower(ch: str) -> bool:
        return ch.islower() and ch not in TCVN3_TO_UNICODE

    def all_caps(text: str) -> bool:
        return not any(map(is_lower, text)) and sum(map(is_cap, text)) >= 2

    chars = list(converted)
    spans = [(0, len(legacy))] if all_caps(legacy) else []
    spans += [m.span() for m in _WORD.finditer(legacy) if all_caps(m.group())]
    for start, end in spans:
        for i in range(start, end):
            if legacy[i] in TCVN3_TO_UNICODE:
                chars[i] = chars[i].upper()
    return "".join(chars)


def convert_tcvn3(s: str, *, restore_caps: bool = True) -> str:
    """Convert TCVN3 (ABC, ``.VnTime``) text decoded as cp1252 to NFC Unicode.

    Toned capitals cannot be told apart from lower-case letters (see the module docstring);
    with ``restore_caps`` words written in capitals are upper-cased as a whole.

    >>> convert_tcvn3("NguyÔn V¨n An")
    'Nguyễn Văn An'
    """
    converted = s.translate(_TCVN3_TRANS)
    if restore_caps:
        converted = _restore_tcvn3_caps(s, converted)
    return unicodedata.normalize("NFC", converted)


def convert_vni(s: str) -> str:
    """Convert VNI-Windows (``VNI-Times``) text decoded as cp1252 to NFC Unicode.

    >>> convert_vni("Nguyeãn Vaên An")
    'Nguyễn Văn An'
    """
    converted = _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group()], s)
    return unicodedata.normalize("NFC", converted)


def detect_legacy_encoding_many(values: Iterable[str | None]) -> LegacyEncoding:
    """Detect the encoding of a group of cells (a column or a sheet) at once.

    Short cells are often ambiguous on their own (``"Thò"`` is Unicode *Thò* or VNI *Thị*);
    a whole column written in one font is not. Importers should detect per column and pass
    the result to :func:`to_unicode`. Cells that already contain Unicode-only Vietnamese
    letters are ignored, so a partly converted column still reveals its legacy cells.
    """
    legacy_like = [v for v in values if v and not any(_is_vietnamese_unicode(ch) for ch in v)]
    return detect_legacy_encoding("\n".join(legacy_like))


def to_unicode(s: str, encoding: LegacyEncoding | None = None) -> str:
    """Convert ``s`` to NFC Unicode, detecting its encoding unless ``encoding`` is given.

    Idempotent when detecting: Unicode input (including the output of this function) is
    only NFC-normalised. Text containing Unicode-only Vietnamese letters is never converted,
    even when ``encoding`` says otherwise.
    """
    if encoding is None or any(_is_vietnamese_unicode(ch) for ch in s):
        encoding = detect_legacy_encoding(s)
    if encoding == "tcvn3":
        return convert_tcvn3(s)
    if encoding == "vni":
        return convert_vni(s)
    return unicodedata.normalize("NFC", s)
