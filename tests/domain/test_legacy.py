"""Tests for lai_chau_desk.domain.legacy (TCVN3 / VNI detection and conversion).

The expected legacy forms below are written independently of the module's tables: TCVN3 as
raw byte rows, VNI through a small compositional encoder (base letter + mark/tone byte).
"""

from __future__ import annotations

import unicodedata

import pytest

from lai_chau_desk.domain.legacy import (
    convert_tcvn3,
    convert_vni,
    detect_legacy_encoding,
    detect_legacy_encoding_many,
    to_unicode,
)

TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none huyền hỏi ngã sắc nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]


def with_tone(vowel: str, tone: str) -> str:
    return unicodedata.normalize("NFC", vowel + tone)


ALL_LOWER_LETTERS = [with_tone(v, t) for v in VOWELS for t in TONES] + ["đ"]
ALL_UPPER_LETTERS = [ch.upper() for ch in ALL_LOWER_LETTERS]

# --------------------------------------------------------------------------- TCVN3

# One row per vowel, tones in the order none, huyền, hỏi, ngã, sắc, nặng, as the bytes a
# .VnTime document stores (decoded as latin-1/cp1252 when read from Excel).
TCVN3_ROWS: list[tuple[str, bytes]] = [
    ("aàảãáạ", b"a\xb5\xb6\xb7\xb8\xb9"),
    ("ăằẳẵắặ", b"\xa8\xbb\xbc\xbd\xbe\xc6"),
    ("âầẩẫấậ", b"\xa9\xc7\xc8\xc9\xca\xcb"),
    ("eèẻẽéẹ", b"e\xcc\xce\xcf\xd0\xd1"),
    ("êềểễếệ", b"\xaa\xd2\xd3\xd4\xd5\xd6"),
    ("iìỉĩíị", b"i\xd7\xd8\xdc\xdd\xde"),
    ("oòỏõóọ", b"o\xdf\xe1\xe2\xe3\xe4"),
    ("ôồổỗốộ", b"\xab\xe5\xe6\xe7\xe8\xe9"),
    ("ơờởỡớợ", b"\xac\xea\xeb\xec\xed\xee"),
    ("uùủũúụ", b"u\xef\xf1\xf2\xf3\xf4"),
    ("ưừửữứự", b"\xad\xf5\xf6\xf7\xf8\xf9"),
    ("yỳỷỹýỵ", b"y\xfa\xfb\xfc\xfd\xfe"),
    ("đĂÂĐÊÔƠƯ", b"\xae\xa1\xa2\xa7\xa3\xa4\xa5\xa6"),
]

_TCVN3_ENCODE = {
    uni: legacy
    for letters, raw in TCVN3_ROWS
    for uni, legacy in zip(letters, raw.decode("latin-1"), strict=True)
}


def tcvn3_encode(text: str) -> str:
    """Encode like an ABC user: toned capitals use the lower-case code (.VnTimeH)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        elif ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def test_tcvn3_rows_cover_every_vowel_and_tone() -> None:
    covered = set("".join(letters for letters, _ in TCVN3_ROWS))
    assert set(ALL_LOWER_LETTERS) <= covered
    assert len(ALL_LOWER_LETTERS) == 73  # 12 vowels x 6 tones + đ


@pytest.mark.parametrize(("letters", "raw"), TCVN3_ROWS)
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_convert_tcvn3_rows(letters: str, raw: bytes, codec: str) -> None:
    legacy = raw.decode(codec)
    assert convert_tcvn3(legacy, restore_caps=False) == letters
    # each letter alone as well
    for uni, leg in zip(letters, legacy, strict=True):
        assert convert_tcvn3(leg, restore_caps=False) == uni


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("NguyÔn V¨n An", "Nguyễn Văn An"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", "Mường Khương"),
        ("Tr\xb5n", "Tràn"),
        ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
        ("Lai Ch©u", "Lai Châu"),
        ("§µo Duy Tõ", "Đào Duy Từ"),
        ("C«ng ®oµn c¬ së", "Công đoàn cơ sở"),
        ("¤ng Lß V¨n Sinh", "Ông Lò Văn Sinh"),
        ("Thµnh phè Lai Ch©u, tØnh Lai Ch©u", "Thành phố Lai Châu, tỉnh Lai Châu"),
        ("Sè 12 ®\xadêng TrÇn Phó", "Số 12 đường Trần Phú"),
        ("Giµng A P¸o", "Giàng A Páo"),
        ("Hå ThÞ Thuû", "Hồ Thị Thuỷ"),
        # capitals typed with .VnTimeH: restored when the word/string is in capitals
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
        ("C«NG §OµN", "CÔNG ĐOÀN"),
        ("¤ng NGUYÔN V¨n An", "Ông NGUYỄN Văn An"),
        ("Hå", "Hồ"),
    ],
)
def test_convert_tcvn3_known_strings(legacy: str, expected: str) -> None:
    assert convert_tcvn3(legacy) == expected


def test_convert_tcvn3_caps_restoration_can_be_disabled() -> None:
    assert convert_tcvn3("NGUYÔN", restore_caps=False) == "NGUYễN"
    assert convert_tcvn3("NGUYÔN") == "NGUYỄN"


def test_convert_tcvn3_leaves_ascii_and_unused_bytes() -> None:
    assert convert_tcvn3("Tổ 1 - ABC (2024)") == "Tổ 1 - ABC (2024)"
    assert convert_tcvn3("\xb0\xe0\xf0\xff") == "\xb0\xe0\xf0\xff"


# --------------------------------------------------------------------------- VNI

_VNI_PLAIN = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {
    "": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä",
}  # fmt: skip
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni_encode(text: str) -> str:
    """Test-only VNI-Windows encoder built from the compositional rules of the encoding."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if base.lower() not in "aeiouy" or not marks:
            out.append(ch)
            continue
        lower = base.lower()
        tone = next((m for m in marks if m in _VNI_PLAIN and m), "")
        if lower == "i":
            seq = _VNI_I[tone]
        elif lower == "y" and tone == "\u0323":
            seq = "î"
        elif "\u031b" in marks:  # horn: ơ = ô, ư = ö
            seq = {"o": "ô", "u": "ö"}[lower] + _VNI_PLAIN[tone]
        elif "\u0302" in marks:
            seq = lower + _VNI_CIRCUMFLEX[tone]
        elif "\u0306" in marks:
            seq = lower + _VNI_BREVE[tone]
        else:
            seq = lower + _VNI_PLAIN[tone]
        out.append(seq.upper() if base.isupper() else seq)
    return "".join(out)


@pytest.mark.parametrize("letter", ALL_LOWER_LETTERS + ALL_UPPER_LETTERS)
def test_convert_vni_every_letter(letter: str) -> None:
    legacy = vni_encode(letter)
    assert convert_vni(legacy) == letter
    # the same inside a word
    assert convert_vni(f"X{legacy}n") == f"X{letter}n"


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("Nguyeãn Vaên An", "Nguyễn Văn An"),
        ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
        ("Ñaøo Thò Thuûy", "Đào Thị Thủy"),
        ("Thaønh phoá Lai Chaâu", "Thành phố Lai Châu"),
        ("Coâng ñoaøn cô sôû", "Công đoàn cơ sở"),
        ("Ñöôøng Traàn Phuù", "Đường Trần Phú"),
        ("Möôøng Teø", "Mường Tè"),
        ("Quoác hoäi", "Quốc hội"),
        ("Kyø hoïp thöù nhaát", "Kỳ họp thứ nhất"),
        ("ÔÛ ñaây", "Ở đây"),
        ("Lò Vaên Sinh", "Lị Văn Sinh"),  # ò is ị in VNI; converters do not guess
        ("Aùnh", "Ánh"),  # capital base + lower-case modifier tolerated
    ],
)
def test_convert_vni_known_strings(legacy: str, expected: str) -> None:
    assert convert_vni(legacy) == expected


def test_vni_encoder_matches_known_string() -> None:
    assert vni_encode("Nguyễn Văn An") == "Nguyeãn Vaên An"
    assert vni_encode("Ỵ ỵ Ĩ ị Đ") == "Î î Ó ò Ñ"


# --------------------------------------------------------------------------- detection

CORPUS = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Bình",
    "Đào Duy Từ",
    "Hoàng Thị Huyền",
    "Lò Văn Sinh",
    "Giàng A Páo",
    "Vàng Thị Mỷ",
    "Phạm Quốc Việt",
    "Bùi Thị Ngọc Ánh",
    "Công đoàn cơ sở Trường Tiểu học Mường Tè",
    "Liên đoàn Lao động tỉnh Lai Châu",
    "Thành phố Lai Châu",
    "Huyện Sìn Hồ",
    "Huyện Phong Thổ",
    "Huyện Than Uyên",
    "Huyện Tam Đường",
    "Số 12 đường Trần Phú, phường Tân Phong",
    "Ban Chấp hành Công đoàn",
    "Đoàn viên công đoàn",
    "Kỳ họp thứ nhất",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Ủy viên",
    "Thuỷ lợi",
    "Kế toán",
    "Nữ",
    "Ông Lò Văn Sinh",
    "Người dân tộc Thái",
    "Mường Khương",
    "Đồng",
    "Hà Nội",
    "Nghỉ hưu",
    "Quỹ xã hội",
]

# Unicode text whose only non-ASCII characters also exist in cp1252: must not be flagged.
UNICODE_LOOKALIKES = [
    "café",
    "Crème brûlée",
    "Hoàng",
    "Toán",
    "Tô Lê",
    "Lý",
    "Hà Giang",
    "Lò Thị",
    "Giàng A Páo",
    "Vì Văn",
    "HOÀNG TOÀN",
    "Tòng Thị Hoà",
    "1½ giờ",
    "25°C",
    "Nguyễn Văn Ân",
    "“Đoàn kết” – 2024…",
    "Cần Thơ € 1.234,5",
]


@pytest.mark.parametrize("text", CORPUS)
def test_tcvn3_round_trip_and_detection(text: str) -> None:
    legacy = tcvn3_encode(text)
    assert legacy != text
    assert detect_legacy_encoding(legacy) == "tcvn3"
    converted = to_unicode(legacy)
    # toned capitals come back lower-case in mixed-case words (documented limitation)
    expected = "".join(
        ch if ch in "ĂÂĐÊÔƠƯ" or not ch.isupper() or ch.isascii() else ch.lower() for ch in text
    )
    assert converted == expected
    assert to_unicode(converted) == converted


@pytest.mark.parametrize("text", [t for t in CORPUS if t != "Nữ"])
def test_tcvn3_round_trip_all_caps(text: str) -> None:
    upper = text.upper()
    assert to_unicode(tcvn3_encode(upper)) == upper


def test_tcvn3_single_capital_is_ambiguous() -> None:
    # "N÷" is "Nữ" in .VnTime and "NỮ" in .VnTimeH: one capital is not enough context.
    assert tcvn3_encode("NỮ") == tcvn3_encode("Nữ") == "N÷"
    assert to_unicode("N÷") == "Nữ"


@pytest.mark.parametrize("text", CORPUS)
@pytest.mark.parametrize("upper", [False, True])
def test_vni_round_trip_and_detection(text: str, upper: bool) -> None:
    source = text.upper() if upper else text
    legacy = vni_encode(source)
    if detect_legacy_encoding(legacy) != "vni":
        # a lone word such as "Đồng" -> "Ñoàng" is still detected through ñ; only
        # strings made of ambiguous pairs ("oà", "oá") may stay Unicode
        pytest.fail(f"{legacy!r} not detected as VNI")
    assert to_unicode(legacy) == source
    assert to_unicode(to_unicode(legacy)) == source


@pytest.mark.parametrize("text", CORPUS + [t.upper() for t in CORPUS] + UNICODE_LOOKALIKES)
def test_unicode_is_detected_and_idempotent(text: str) -> None:
    assert detect_legacy_encoding(text) == "unicode"
    assert to_unicode(text) == text
    decomposed = unicodedata.normalize("NFD", text)
    assert detect_legacy_encoding(decomposed) == "unicode"
    assert to_unicode(decomposed) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "unicode"),
        ("Plain ASCII 123", "unicode"),
        ("NguyÔn V¨n An", "tcvn3"),
        ("Nguyeãn Vaên An", "vni"),
        ("Hoaøng Vaên Thuï", "vni"),
        ("Thuû lîi", "tcvn3"),
        ("mÑ", "tcvn3"),
        ("Ñinh", "vni"),
        ("§µo", "tcvn3"),
        # only ordinary accented letters, but malformed as Unicode syllables
        ("Quèc héi", "tcvn3"),
        ("Chuû tòch", "vni"),
        ("Nghæ höu", "vni"),
        # genuinely ambiguous short cells stay Unicode
        ("Thò", "unicode"),
        ("Hoà", "unicode"),
    ],
)
def test_detect_legacy_encoding_examples(text: str, expected: str) -> None:
    assert detect_legacy_encoding(text) == expected


def test_to_unicode_returns_nfc() -> None:
    result = to_unicode("TrÇn ThÞ B×nh")
    assert result == "Trần Thị Bình"
    assert unicodedata.is_normalized("NFC", result)


def test_column_level_detection_resolves_ambiguous_cells() -> None:
    column = ["Thò", "Nguyeãn Vaên An", None, "", "Hoà", "Lò Vaên Sinh"]
    assert detect_legacy_encoding("Thò") == "unicode"
    encoding = detect_legacy_encoding_many(column)
    assert encoding == "vni"
    assert [to_unicode(v, encoding) for v in column if v] == [
        "Thị", "Nguyễn Văn An", "Hồ", "Lị Văn Sinh",
    ]  # fmt: skip


def test_column_level_detection_tcvn3_and_unicode() -> None:
    assert detect_legacy_encoding_many(["Tõ", "TrÇn ThÞ B×nh", "Phã"]) == "tcvn3"
    assert to_unicode("Tõ", "tcvn3") == "Từ"
    assert detect_legacy_encoding_many(["Hoà", "Nguyễn Văn An", "Tô"]) == "unicode"
    assert detect_legacy_encoding_many([]) == "unicode"


def test_explicit_encoding_never_converts_real_unicode() -> None:
    assert to_unicode("Nguyễn Văn Ân", "vni") == "Nguyễn Văn Ân"
    assert to_unicode("Trần Thị Bình", "tcvn3") == "Trần Thị Bình"
