"""Lower-case unit codes: every way in (``init``, ``unit add``, the directory edit) stores the
format-2 code (upper case, docs/lcdx-format.md §1) or refuses it with the same rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lai_chau_desk.domain.errors import ValidationError
from lai_chau_desk.domain.registration import CODE_RE
from lai_chau_desk.domain.units import Unit

RULE = "Mã đơn vị chỉ gồm chữ in hoa không dấu (A–Z)"


def test_init_and_unit_add_store_lower_case_codes_upper_case(cli, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "u.db"
    init = cli(
        *("init", "--unit-code", "cdvc-lc", "--unit-name", "Công đoàn Viên chức tỉnh"),
        db=db,
    )
    assert init.returncode == 0, init.stderr
    assert "CDVC-LC" in init.stdout and "cdvc-lc" not in init.stdout
    add = cli(
        *("unit", "add", "--code", "cdcs-thcs.bb", "--name", "Công đoàn cơ sở Trường THCS"),
        *("--parent-code", "cdvc-lc"),
        db=db,
    )
    assert add.returncode == 0, add.stderr
    listed = json.loads(cli("unit", "list", "--json", db=db, check=True).stdout)
    codes = {u["code"]: u.get("parent_code") for u in listed}
    assert codes["CDCS-THCS.BB"] == "CDVC-LC" and "CDVC-LC" in codes
    assert all(CODE_RE.match(c) for c in codes)


@pytest.mark.parametrize("bad", ["cdcs_bb", "cđcs-bb", "cdcs bb"])
def test_codes_breaking_format_2_are_refused_the_same_way(cli, tmp_path: Path, bad: str) -> None:  # noqa: ANN001
    db = tmp_path / "u.db"
    init = cli("init", "--unit-code", bad, "--unit-name", "Công đoàn cơ sở Thử", db=db)
    assert init.returncode == 1 and RULE in init.stderr
    cli("init", "--unit-code", "CDVC-LC", "--unit-name", "Công đoàn Viên chức", db=db, check=True)
    add = cli("unit", "add", "--code", bad, "--name", "X", "--parent-code", "CDVC-LC", db=db)
    assert add.returncode == 1 and RULE in add.stderr
    en = cli(
        *("--lang", "en", "unit", "add", "--code", bad, "--name", "X", "--parent-code", "CDVC-LC"),
        db=db,
    )
    assert en.returncode == 1 and "only capital letters without accents" in en.stderr, en.stderr


def test_directory_edit_normalises_or_refuses_like_the_rest(unit_suite) -> None:  # noqa: ANN001
    """``UnitService.save_unit`` (the Danh mục screen's save) took ``cdcs-x`` as typed."""
    unit = unit_suite.units.save_unit(
        Unit(code="cdcs-moi", name="Công đoàn cơ sở Mới", parent_code="cdcs-thcs-tn")
    )
    assert (unit.code, unit.parent_code) == ("CDCS-MOI", "CDCS-THCS-TN")
    assert unit_suite.units.get("CDCS-MOI").parent_code == "CDCS-THCS-TN"
    for bad in ("cdcs_moi", "CĐCS-MỚI"):
        with pytest.raises(ValidationError) as err:
            unit_suite.units.save_unit(Unit(code=bad, name="X"))
        assert RULE in str(err.value.problems[0].message)
    with pytest.raises(ValidationError) as err:
        unit_suite.units.save_unit(Unit(code="CDCS-MOI", name="X", parent_code="cha_me"))
    assert err.value.problems[0].field == "parent_code"
