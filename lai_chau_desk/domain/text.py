"""Vietnamese text helpers: normalisation, collation, name sorting and search folding.

Everything here is pure standard library (``unicodedata``) so it can be used from the
storage layer, the importers, the reports and the UI alike.

Collation follows DESIGN.md §7:

* base letters ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y`` (the non-Vietnamese
  Latin letters ``f j w z`` sit in their usual Latin position);
* primary level: base letters of the whole string, case-insensitive;
* secondary level: tone marks, ordered none, huyền, hỏi, ngã, sắc, nặng;
* tertiary level: case (lower case before upper case);
* whitespace < punctuation < digits < letters < any other character.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache, lru_cache

__all__ = [
    "clean_multiline",
    "clean_text",
    "collation_key",
    "fold_for_search",
    "name_sort_key",
    "nfc",
]

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters drawn as
# nothing when a font has no glyph for them (soft hyphen, zero-width and bidirectional marks,
# Hangul fillers, variation selectors, tag characters…).
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip


@cache
def hidden_characters() -> frozenset[int]:
    """The code points text never holds, in a form or in a package: controls (Cc), format
    characters (Cf), line and paragraph separators (Zl, Zp) and the default-ignorable code
    points. Each can hide, reorder or disguise what a reader sees; Vietnamese needs none."""
    found = {
        c
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")
    }
    for first, last in _DEFAULT_IGNORABLE:
        found.update(range(first, last + 1))
    return frozenset(found)


@cache
def _dropped(keep: str) -> dict[int, None]:
    """A ``str.translate`` table removing the hidden characters but those in ``keep``."""
    return dict.fromkeys(hidden_characters() - set(map(ord, keep)))


# Hidden characters that are whitespace: a single-line value turns them into one space.
_SPACES = "".join(chr(c) for c in (9, 10, 11, 12, 13, *range(28, 32), 0x85, 0x2028, 0x2029))

# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    """Return ``s`` in Unicode Normalisation Form C (precomposed)."""
    return unicodedata.normalize("NFC", s)


def clean_text(s: str | None) -> str:
    """Normalise a single-line value.

    NFC-normalises, removes hidden characters (:func:`hidden_characters`: zero-width spaces,
    BOMs, bidirectional marks…), strips the ends and collapses every internal run of
    whitespace (spaces, tabs, newlines, non-breaking spaces) into one space.
    ``None`` becomes ``""``.
    """
    if not s:
        return ""
    return " ".join(nfc(s).translate(_dropped(_SPACES)).split())


def clean_multiline(s: str | None) -> str:
    """Normalise a multi-line value (notes, addresses) while keeping its line breaks.

    NFC-normalises, removes hidden characters but tabs and line breaks, converts ``\\r\\n``/``\\r`` to ``\\n``, strips trailing whitespace from
    every line and removes leading and trailing blank lines. Internal blank lines and the
    indentation of lines are kept. ``None`` becomes ``""``.
    """
    if not s:
        return ""
    text = nfc(s).translate(_dropped("\t\n\r")).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Collation
# --------------------------------------------------------------------------------------

_COMBINING_BREVE = "\u0306"
_COMBINING_CIRCUMFLEX = "\u0302"
_COMBINING_HORN = "\u031b"

# Tone marks (combining characters) -> secondary weight.
_TONE_WEIGHT: dict[str, int] = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}

# Full primary alphabet, lower case. Vietnamese letters with breve/circumflex/horn and đ are
# separate letters; f j w z are placed where they sit in the Latin alphabet.
_ALPHABET: tuple[str, ...] = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip
_LETTER_INDEX: dict[str, int] = {letter: i for i, letter in enumerate(_ALPHABET)}

# Letter modifiers that create a distinct Vietnamese base letter: (base, mark) -> letter.
_MODIFIED_LETTER: dict[tuple[str, str], str] = {
    ("a", _COMBINING_BREVE): "ă",
    ("a", _COMBINING_CIRCUMFLEX): "â",
    ("e", _COMBINING_CIRCUMFLEX): "ê",
    ("o", _COMBINING_CIRCUMFLEX): "ô",
    ("o", _COMBINING_HORN): "ơ",
    ("u", _COMBINING_HORN): "ư",
}

# Primary weight bands (ints compare faster than nested tuples).
_W_SPACE = 1
_W_PUNCT = 1_000
_W_DIGIT = 2_000_000
_W_LETTER = 3_000_000
_W_OTHER = 4_000_000


def _clusters(s: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, combining marks) clusters."""
    out: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", s):
        if out and unicodedata.combining(ch):
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


def _weigh(base: str, marks: str) -> tuple[int, int, int]:
    """Return (primary, secondary, tertiary) weights for one cluster."""
    lower = base.lower()
    tertiary = 1 if lower != base else 0
    if lower == "\u0111":  # đ does not decompose in NFD
        letter = "đ"
    else:
        letter = lower
        for mark in marks:
            modified = _MODIFIED_LETTER.get((letter, mark))
            if modified is not None:
                letter = modified
    secondary = 0
    for mark in marks:
        if mark in _TONE_WEIGHT:
            secondary = secondary * 10 + _TONE_WEIGHT[mark]
        elif (lower, mark) not in _MODIFIED_LETTER:
            # Foreign diacritics (ç, ñ, ü...) sort after every Vietnamese tone.
            secondary = secondary * 1000 + 100 + ord(mark) - 0x300

    if letter in _LETTER_INDEX:
        primary = _W_LETTER + _LETTER_INDEX[letter]
    elif base.isspace():
        primary = _W_SPACE
    elif base.isdigit():
        primary = _W_DIGIT + unicodedata.digit(base, 0) * 0x1_0000 + ord(base) % 0x1_0000
    elif base.isalpha() or base.isnumeric():
        primary = _W_OTHER + ord(lower)
    else:
        primary = _W_PUNCT + ord(base)
    return primary, secondary, tertiary


def collation_key(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Return a sort key implementing Vietnamese collation for ``s``.

    The key is ``(primary, secondary, tertiary)``: all base letters of the whole string are
    compared first (case-insensitively), then the tone marks (none < huyền < hỏi < ngã <
    sắc < nặng), then case (lower before upper). Input may be composed or decomposed.

    >>> sorted(["Ánh", "Ba", "Anh"], key=collation_key)
    ['Anh', 'Ánh', 'Ba']
    """
    weights = [_weigh(base, marks) for base, marks in _clusters(s)]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
    )


def name_sort_key(full_name: str) -> tuple[object, ...]:
    """Return a sort key for a Vietnamese personal name "Họ [tên đệm ...] Tên".

    Names are ordered by given name (last word), then family name (first word), then the
    middle names, each compared with :func:`collation_key`; the whole cleaned name is the
    final tie-break. A single-word name is treated as a given name with no family name.

    >>> sorted(["Trần Thị Bình", "Lê Văn Bình", "Nguyễn Văn An"], key=name_sort_key)
    ['Nguyễn Văn An', 'Lê Văn Bình', 'Trần Thị Bình']
    """
    cleaned = clean_text(full_name)
    parts = cleaned.split(" ") if cleaned else []
    if not parts:
        return (_word_key(""), _word_key(""), (), "")
    given = parts[-1]
    family = parts[0] if len(parts) > 1 else ""
    middle = tuple(_word_key(p) for p in parts[1:-1])
    # Equal keys for every word mean equal words, so the cleaned text is tie-break enough.
    return (_word_key(given), _word_key(family), middle, cleaned)


@lru_cache(maxsize=8192)
def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    # Names reuse a few hundred words (Nguyễn, Thị, Văn, Hương…): key each word once.
    return collation_key(word)


# --------------------------------------------------------------------------------------
# Search folding
# --------------------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict):
    """``str.translate`` table filled lazily: each character's fold is computed once.

    Folding is character by character (canonical decomposition, dropping combining marks and
    case folding are all per character), so translating with this table equals folding the
    whole string, at C speed once the characters of a text have been seen.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < 65536:  # bounded: text is mostly a few hundred distinct letters
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_for_search(s: str | None) -> str:
    """Fold text for accent- and case-insensitive searching.

    Lower-cases (``casefold``), removes every diacritic (tones and the ă/â/ê/ô/ơ/ư
    modifiers), maps đ to d and collapses whitespace, so ``fold_for_search("Nguyễn  Văn")``
    is ``"nguyen van"``. Works on composed and decomposed input.
    """
    if not s:
        return ""
    return clean_text(s.translate(_FOLD_TABLE))
