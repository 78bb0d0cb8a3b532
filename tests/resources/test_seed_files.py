"""Checks on the default catalogue and unit directory shipped in resources/catalogue."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalogue"
CATALOGUE_PATH = CATALOGUE_DIR / "default_catalogue.json"
DIRECTORY_PATH = CATALOGUE_DIR / "default_directory.json"


def _load(path: Path) -> Any:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} must be UTF-8 without BOM"
    return json.loads(raw.decode("utf-8"))


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return _load(CATALOGUE_PATH)


@pytest.fixture(scope="module")
def directory() -> dict[str, Any]:
    return _load(DIRECTORY_PATH)


def _strings(node: Any, where: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield f"{where}.{key}<key>", key
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{where}[{index}]")


def _parse_date(value: str) -> dt.date:
    assert isinstance(value, str) and len(value) == 10, value
    return dt.date.fromisoformat(value)


def _directive(catalogue: dict[str, Any], code: str) -> dict[str, Any]:
    matches = [d for d in catalogue["directives"] if d["code"] == code]
    assert len(matches) == 1, code
    return matches[0]


# --- both files -------------------------------------------------------------


@pytest.mark.parametrize("path", [CATALOGUE_PATH, DIRECTORY_PATH], ids=lambda p: p.name)
def test_file_is_valid_json(path: Path) -> None:
    assert isinstance(_load(path), dict)


@pytest.mark.parametrize("path", [CATALOGUE_PATH, DIRECTORY_PATH], ids=lambda p: p.name)
def test_every_string_is_nfc(path: Path) -> None:
    offending = [
        where for where, text in _strings(_load(path)) if not unicodedata.is_normalized("NFC", text)
    ]
    assert offending == []


@pytest.mark.parametrize("path", [CATALOGUE_PATH, DIRECTORY_PATH], ids=lambda p: p.name)
def test_no_stray_whitespace(path: Path) -> None:
    offending = [
        where
        for where, text in _strings(_load(path))
        if text != text.strip() or "  " in text or "\n" in text
    ]
    assert offending == []


# --- catalogue --------------------------------------------------------------


def test_catalogue_header(catalogue: dict[str, Any]) -> None:
    assert catalogue["format"] == "lai-chau-desk-catalogue"
    assert catalogue["version"] == 1
    assert isinstance(catalogue["directives"], list)
    assert isinstance(catalogue["indicators"], list)


def test_directive_codes_unique_and_consistent(catalogue: dict[str, Any]) -> None:
    codes = [d["code"] for d in catalogue["directives"]]
    assert len(codes) == len(set(codes))
    assert set(codes) >= {"50-KL/TW", "51-KL/TW", "334-KH/TU", "335-KH/TU", "356/LĐLĐ"}
    for directive in catalogue["directives"]:
        for key in ("number", "symbol", "kind", "issuer", "title"):
            assert isinstance(directive[key], str) and directive[key], (directive["code"], key)
        assert isinstance(directive["sort_order"], int)
        expected = (
            f"{directive['number']}-{directive['symbol']}"
            if directive["symbol"].startswith(("KL", "KH"))
            else f"{directive['number']}/{directive['symbol']}"
        )
        assert directive["code"] == expected


def test_directive_dates_parse(catalogue: dict[str, Any]) -> None:
    issued = {d["code"]: _parse_date(d["issued_on"]) for d in catalogue["directives"]}
    assert issued["50-KL/TW"] == dt.date(2019, 5, 30)
    assert issued["51-KL/TW"] == dt.date(2019, 5, 30)
    assert issued["334-KH/TU"] == dt.date(2019, 11, 27)
    assert issued["335-KH/TU"] == dt.date(2019, 11, 27)
    assert issued["356/LĐLĐ"] == dt.date(2019, 12, 19)


def test_plan_334_tasks(catalogue: dict[str, Any]) -> None:
    tasks = _directive(catalogue, "334-KH/TU")["tasks"]
    codes = [t["code"] for t in tasks]
    expected = {f"II.{i}" for i in range(1, 7)} | {f"II.3.{c}" for c in "abcdef"}
    assert len(codes) == len(set(codes))
    assert set(codes) == expected
    for task in tasks:
        if task["code"].startswith("II.3."):
            assert task["parent_code"] == "II.3"
        else:
            assert task["parent_code"] is None
    by_code = {t["code"]: t for t in tasks}
    assert by_code["II.3.a"]["title"].startswith("Lĩnh vực sản xuất nông nghiệp")
    assert by_code["II.3.f"]["title"] == "Lĩnh vực quốc phòng - an ninh"


def test_plan_335_tasks(catalogue: dict[str, Any]) -> None:
    tasks = _directive(catalogue, "335-KH/TU")["tasks"]
    codes = [t["code"] for t in tasks]
    assert sorted(codes) == [f"II.{i}" for i in range(1, 7)]
    assert all(t["parent_code"] is None for t in tasks)


def test_letter_356_tasks(catalogue: dict[str, Any]) -> None:
    letter = _directive(catalogue, "356/LĐLĐ")
    assert letter["kind"] == "Công văn"
    assert letter["issuer"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert [t["code"] for t in letter["tasks"]] == ["1", "2", "3"]


def test_conclusions_have_no_tasks(catalogue: dict[str, Any]) -> None:
    for code in ("50-KL/TW", "51-KL/TW"):
        assert _directive(catalogue, code)["tasks"] == []


def test_task_fields_and_parents_exist(catalogue: dict[str, Any]) -> None:
    for directive in catalogue["directives"]:
        tasks = directive["tasks"]
        codes = Counter(t["code"] for t in tasks)
        assert all(n == 1 for n in codes.values()), directive["code"]
        for task in tasks:
            assert isinstance(task["title"], str) and task["title"], task["code"]
            assert isinstance(task["sort_order"], int)
            parent = task["parent_code"]
            if parent is not None:
                assert parent in codes, (directive["code"], task["code"], parent)
                assert parent != task["code"]


def test_known_ocr_typos_are_fixed(catalogue: dict[str, Any]) -> None:
    text = json.dumps(catalogue, ensure_ascii=False)
    for typo in (
        "LĐLD",
        "Noi nhận",
        "Mật trận",
        "suru tầm",
        "tiên bộ",
        "Chủ trọng",
        "gắp gỡ",
        "đổi thoại",
    ):
        assert typo not in text


def test_indicators(catalogue: dict[str, Any]) -> None:
    indicators = catalogue["indicators"]
    assert 8 <= len(indicators) <= 10
    directive_codes = {d["code"] for d in catalogue["directives"]}
    codes = [i["code"] for i in indicators]
    assert len(codes) == len(set(codes))
    for indicator in indicators:
        code = indicator["code"]
        assert code.isascii() and code == code.lower()
        assert all(part.isalnum() for part in code.split("-")), code
        assert indicator["name"] and indicator["unit_label"]
        assert indicator["directive_code"] in directive_codes, code
        assert isinstance(indicator["sort_order"], int)


# --- directory --------------------------------------------------------------


def test_directory_header(directory: dict[str, Any]) -> None:
    assert directory["format"] == "lai-chau-desk-directory"
    assert directory["version"] == 1
    assert isinstance(directory["units"], list)


def test_directory_single_root(directory: dict[str, Any]) -> None:
    roots = [u for u in directory["units"] if u["parent_code"] is None]
    assert len(roots) == 1
    root = roots[0]
    assert root["code"] == "LDLD-LC"
    assert root["name"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert root["parent_body"] == "Tổng Liên đoàn Lao động Việt Nam"
    assert root["valid_to"] is None


def test_directory_codes_unique_and_ascii(directory: dict[str, Any]) -> None:
    codes = [u["code"] for u in directory["units"]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code.isascii() and code == code.upper() and " " not in code, code


def test_directory_parents_exist(directory: dict[str, Any]) -> None:
    codes = {u["code"] for u in directory["units"]}
    for unit in directory["units"]:
        assert unit["parent_code"] is None or unit["parent_code"] in codes, unit["code"]
        assert unit["parent_code"] != unit["code"]


def test_directory_dates(directory: dict[str, Any]) -> None:
    for unit in directory["units"]:
        start = _parse_date(unit["valid_from"])
        if unit["valid_to"] is not None:
            assert start <= _parse_date(unit["valid_to"]), unit["code"]


def test_district_federations_closed_mid_2025(directory: dict[str, Any]) -> None:
    closed = [u for u in directory["units"] if u["valid_to"] == "2025-06-30"]
    assert len(closed) == 8
    assert all(u["parent_code"] == "LDLD-LC" for u in closed)
    assert all(u["level"] == "Liên đoàn Lao động huyện" for u in closed)
    places = {u["place_name"] for u in closed}
    assert places == {
        "Lai Châu",
        "Tam Đường",
        "Phong Thổ",
        "Sìn Hồ",
        "Mường Tè",
        "Nậm Nhùn",
        "Tân Uyên",
        "Than Uyên",
    }
    # every district federation existed when letter 356/LĐLĐ was sent
    assert all(_parse_date(u["valid_from"]) <= dt.date(2019, 12, 19) for u in closed)


def test_public_servants_union_open(directory: dict[str, Any]) -> None:
    [unit] = [u for u in directory["units"] if u["code"] == "CDVC-LC"]
    assert unit["name"] == "Công đoàn Viên chức tỉnh Lai Châu"
    assert unit["parent_code"] == "LDLD-LC"
    assert unit["valid_to"] is None
