"""Tests for lai_chau_desk.domain.text (normalisation, collation, name sort, search fold)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from lai_chau_desk.domain.text import (
    clean_multiline,
    clean_text,
    collation_key,
    fold_for_search,
    name_sort_key,
    nfc,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------- normalisation


def test_nfc_composes_decomposed_input() -> None:
    decomposed = nfd("Nguyễn Văn Ân")
    assert decomposed != "Nguyễn Văn Ân"
    assert nfc(decomposed) == "Nguyễn Văn Ân"
    assert len(nfc(decomposed)) == len("Nguyễn Văn Ân")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  Nguyễn   Văn\tAn  ", "Nguyễn Văn An"),
        ("Lai\nChâu", "Lai Châu"),
        ("Lai\u00a0Châu", "Lai Châu"),
        ("\ufeffCông\u200b đoàn", "Công đoàn"),
        (nfd("  Trần  Thị Bình "), "Trần Thị Bình"),
        # hidden characters (pasted from Word, or hostile) are dropped, whitespace is a space
        ("Công\u00ad đoàn\u202e \x1b[1mcơ sở\U000e0041", "Công đoàn [1mcơ sở"),
        ("Lai\u2028Châu\x0b", "Lai Châu"),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    result = clean_text(raw)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("\n\n  \n", ""),
        ("\n\n  Dòng 1   \r\nDòng  2\t\n\n", "  Dòng 1\nDòng  2"),
        ("a\r\rb", "a\n\nb"),
        ("Dòng\u200b 1\t\u00ad\nDòng 2\x07", "Dòng 1\nDòng 2"),
        ("Số 1\n\n  Đường Trần Phú  \n", "Số 1\n\n  Đường Trần Phú"),
        (nfd("Tổ dân phố\nPhường Tân Phong"), "Tổ dân phố\nPhường Tân Phong"),
    ],
)
def test_clean_multiline(raw: str | None, expected: str) -> None:
    assert clean_multiline(raw) == expected


# --------------------------------------------------------------------------- collation

SORTED_LETTERS = ["a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "d", "đ", "e", "ê"]

FULL_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip


@pytest.mark.parametrize(
    "ordered",
    [
        SORTED_LETTERS,
        FULL_ALPHABET,
        ["Anh", "Ánh", "Ba"],
        ["Dung", "Đào"],
        ["On", "Ôn", "Ơn"],
        ["U", "Ư"],
        ["Hoa", "Hòa"],
        ["Ngô", "Nguyễn"],
        ["Lê", "Lệ"],
        ["Thanh", "Thành", "Thảnh", "Thãnh", "Thánh", "Thạnh"],
        ["Tô", "Trần"],
        ["e", "è", "ẻ", "ẽ", "é", "ẹ", "ê", "ề", "ể", "ễ", "ế", "ệ"],
        ["o", "ọ", "ô", "ồ", "ộ", "ơ", "ờ", "ợ", "p"],
        ["u", "ụ", "ư", "ừ", "ự", "v"],
        ["y", "ỳ", "ỷ", "ỹ", "ý", "ỵ", "z"],
        # whole-string base letters before tones: "Ánh" < "Anhx"
        ["Anh", "Ánh", "Anhx"],
        # case is only a final tie-break
        ["an", "An", "AN", "án", "Án", "ăn"],
        # space/punctuation < digits < letters
        [" ", "-", "0", "1", "9", "a"],
        ["Tổ 1", "Tổ 2", "Tổ A"],
        ["Đoàn", "Đoàn Kết", "Đoàn-Kết", "Đoànx"],
        ["", "a"],
    ],
)
def test_collation_orders(ordered: list[str]) -> None:
    rng = random.Random(1234)
    for _ in range(5):
        shuffled = ordered[:]
        rng.shuffle(shuffled)
        assert sorted(shuffled, key=collation_key) == ordered
    # strictly increasing keys
    keys = [collation_key(s) for s in ordered]
    assert all(a < b for a, b in zip(keys, keys[1:], strict=False))


@pytest.mark.parametrize("word", ["Nguyễn", "Đặng", "Trường", "Hoà", "ắ", "Ặ", "quốc"])
def test_collation_key_decomposed_equals_composed(word: str) -> None:
    assert collation_key(nfd(word)) == collation_key(word)


def test_collation_is_case_insensitive_at_primary_level() -> None:
    assert collation_key("ĐÀO")[0] == collation_key("đào")[0]
    assert collation_key("ĐÀO")[1] == collation_key("đào")[1]
    assert collation_key("ĐÀO") != collation_key("đào")


def test_foreign_diacritics_sort_near_base_letter() -> None:
    words = ["cafe", "café", "cafes", "d"]
    assert sorted(words, key=collation_key) == ["cafe", "café", "cafes", "d"]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "ordered",
    [
        ["Nguyễn Văn An", "Lê Văn Bình", "Trần Thị Bình"],
        ["An", "Nguyễn An", "Nguyễn Văn An"],
        ["Lò Văn Ánh", "Đào Thị Bảo", "Vàng A Bảo", "Giàng A Páo"],
        ["Hoàng Thị Hoa", "Hoàng Thị Hòa", "Lê Hòa"],
        ["Phạm Thị Dung", "Nguyễn Văn Dũng", "Trần Đức"],
        ["Lê Anh Tuấn", "Lê Minh Tuấn", "Lê Thanh Tuấn"],
        ["Phạm Văn Ơn", "Lưu Văn Ửng"],
    ],
)
def test_name_sort_key_orders(ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=name_sort_key) == ordered
    assert sorted(ordered, key=name_sort_key) == ordered


def test_name_sort_key_handles_whitespace_and_decomposition() -> None:
    assert name_sort_key("  Nguyễn   Văn  An ") == name_sort_key("Nguyễn Văn An")
    assert name_sort_key(nfd("Trần Thị Bình")) == name_sort_key("Trần Thị Bình")
    assert name_sort_key("") == name_sort_key("   ")
    assert sorted(["Bình", "", "An"], key=name_sort_key) == ["", "An", "Bình"]


# --------------------------------------------------------------------------- search folding


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn", "nguyen van"),
        ("ĐẶNG THỊ Ửng", "dang thi ung"),
        ("Đường Trần  Phú", "duong tran phu"),
        (nfd("Lò Thị Thoả"), "lo thi thoa"),
        ("ăâêôơưđ ĂÂÊÔƠƯĐ", "aaeooud aaeooud"),
        ("Ấp Ầm Ẩn Ẫy Ậu", "ap am an ay au"),
        ("Café 123", "cafe 123"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_for_search(raw: str | None, expected: str) -> None:
    assert fold_for_search(raw) == expected


def test_fold_for_search_makes_queries_match() -> None:
    haystack = fold_for_search("Ông Nguyễn Văn Ân, Tổ trưởng")
    for query in ["nguyen van", "NGUYỄN VĂN", "an, to truong", "ông"]:
        assert fold_for_search(query) in haystack
