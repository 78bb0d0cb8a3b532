"""`init` and `unit add / close / list` as administrators script them (DESIGN §9)."""

from __future__ import annotations

import json
from pathlib import Path


def test_unit_add_close_list(cli, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "p.db"
    cli(
        "init",
        "--unit-code",
        "LDLD-LC",
        "--unit-name",
        "Liên đoàn Lao động tỉnh Lai Châu",
        db=db,
        check=True,
    )
    ok = cli(
        "unit",
        "add",
        "--code",
        "cdx-binhlu",
        "--name",
        "Công đoàn xã Bình Lư",
        "--parent-code",
        "LDLD-LC",
        "--level",
        "Công đoàn xã",
        db=db,
    )
    assert ok.returncode == 0 and "CDX-BINHLU" in ok.stdout
    dup = cli(
        "unit", "add", "--code", "CDX-BinhLu", "--name", "X", "--parent-code", "LDLD-LC", db=db
    )
    assert dup.returncode == 1 and "đã có trong danh mục" in dup.stderr
    assert len(dup.stderr.strip().splitlines()) == 1
    bad = cli("unit", "add", "--code", "CDX BL", "--name", "X", "--parent-code", "LDLD-LC", db=db)
    assert bad.returncode == 1 and "không hợp lệ" in bad.stderr
    cli(
        "unit",
        "add",
        "--code",
        "CDCS-1",
        "--name",
        "Công đoàn cơ sở Một",
        "--parent-code",
        "CDX-BINHLU",
        db=db,
        check=True,
    )
    busy = cli("unit", "close", "--code", "CDX-BINHLU", "--on", "2026-12-31", db=db)
    assert busy.returncode == 1 and "CDCS-1" in busy.stderr
    own = cli("unit", "close", "--code", "LDLD-LC", "--on", "2026-12-31", db=db)
    assert own.returncode == 1
    cli("unit", "close", "--code", "cdcs-1", "--on", "30/11/2026", db=db, check=True)
    listed = json.loads(cli("unit", "list", "--json", db=db, check=True).stdout)
    by_code = {u["code"]: u for u in listed}
    assert by_code["CDCS-1"]["valid_to"] == "2026-11-30"
    assert by_code["CDX-BINHLU"] == {
        "code": "CDX-BINHLU",
        "name": "Công đoàn xã Bình Lư",
        "level": "Công đoàn xã",
        "parent_code": "LDLD-LC",
        "valid_from": None,
        "valid_to": None,
        "active": True,
    }
    names = [u["name"] for u in listed]
    # Vietnamese order: "Công đoàn cơ sở…" < "Công đoàn Viên chức…" < "Công đoàn xã…" < "Liên…"
    assert (
        names.index("Công đoàn cơ sở Một")
        < names.index("Công đoàn Viên chức tỉnh Lai Châu")
        < names.index("Công đoàn xã Bình Lư")
        < names.index("Liên đoàn Lao động tỉnh Lai Châu")
    )
    text = cli("unit", "list", db=db, check=True).stdout
    assert "CDX-BINHLU\tCông đoàn xã Bình Lư\tCông đoàn xã\tcấp trên LDLD-LC" in text
    assert "đã thôi hoạt động" in text


def test_init_parent_name_and_the_message_for_an_unknown_parent(cli, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "u.db"
    r = cli(
        "init",
        "--unit-code",
        "CDCS-BL",
        "--unit-name",
        "Công đoàn cơ sở BL",
        "--parent-code",
        "T.PROV",
        db=db,
    )
    assert r.returncode == 1
    assert '--parent-name "' in r.stderr and "export-catalogue" in r.stderr
    r = cli("init", "--unit-code", "CDCS-BL", db=db)
    assert r.returncode == 2 and "--unit-name" in r.stderr
    cli(
        "init",
        "--unit-code",
        "CDCS-BL",
        "--unit-name",
        "Công đoàn cơ sở BL",
        "--parent-code",
        "t.prov",
        "--parent-name",
        "Công đoàn xã Bình Lư",
        db=db,
        check=True,
    )
    listed = {u["code"]: u for u in json.loads(cli("unit", "list", "--json", db=db).stdout)}
    assert listed["T.PROV"]["name"] == "Công đoàn xã Bình Lư"
    assert listed["CDCS-BL"]["parent_code"] == "T.PROV"

    # later, the parent's catalogue is taken (its issuer is this unit's parent now)
    up = tmp_path / "up.db"
    cli(
        "init",
        "--unit-code",
        "T.PROV",
        "--unit-name",
        "Công đoàn xã Bình Lư",
        "--parent-code",
        "LDLD-LC",
        db=up,
        check=True,
    )
    cli(
        "unit",
        "add",
        "--code",
        "CDCS-BL",
        "--name",
        "Công đoàn cơ sở BL",
        "--parent-code",
        "T.PROV",
        db=up,
        check=True,
    )
    cat = tmp_path / "cat.lcdx"
    cli("export-catalogue", "--out", str(cat), db=up, check=True)
    # the parent's key was never seen: refused until the officer confirms its fingerprint
    res = json.loads(cli("import", "--json", str(cat), db=db).stdout)
    assert [d["outcome"] for d in res] == ["refused"], res
    assert "--accept-parent-key" in res[0]["reason"]
    fp = cli("fingerprint", db=up, check=True).stdout.strip().splitlines()[-1].strip()
    assert fp in res[0]["reason"]
    res = json.loads(cli("import", "--json", "--accept-parent-key", fp, str(cat), db=db).stdout)
    assert [d["outcome"] for d in res] == ["new"], res
    listed = {u["code"]: u for u in json.loads(cli("unit", "list", "--json", db=db).stdout)}
    assert listed["T.PROV"]["parent_code"] == "LDLD-LC"  # the stand-in refreshed from above
