"""Issue 10's done-when, from files only and through the public command line: three levels
set up from scratch by catalogue packages, a report up, the receipt down, the province's
subtree equal to the grassroots figures plus the commune's own."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli

PERIOD = "2026S2"
COUNTS = [
    "sessions",
    "participants",
    "union_members",
    "female",
    "ethnic_minority",
    "supervisions",
    "recommendations",
]


def _session(db: Path, day: str, participants: int, members: int, female: int, ethnic: int) -> None:
    run_cli(
        "session",
        "add",
        "--date",
        day,
        "--title",
        "Hội nghị quán triệt Kết luận 50",
        "--directive",
        "50-KL/TW",
        "--form",
        "truc-tiep",
        "--participants",
        str(participants),
        "--members",
        str(members),
        "--female",
        str(female),
        "--ethnic-minority",
        str(ethnic),
        db=db,
        check=True,
    )


def _totals(db: Path) -> dict:
    return json.loads(run_cli("totals", "--period", PERIOD, "--json", db=db, check=True).stdout)


def _parent_pin(db: Path, unit_code: str) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT fingerprint, how FROM pinned_key WHERE unit_code = ? AND retired_at IS NULL",
            (unit_code,),
        ).fetchall()


def test_three_levels_from_catalogue_files_only(tmp_path: Path) -> None:
    prov, comm, base = tmp_path / "prov.db", tmp_path / "commune.db", tmp_path / "cdcs.db"
    # the province registers a commune union below it and sends its catalogue down
    run_cli(
        "init",
        "--unit-code",
        "LDLD-LC",
        "--unit-name",
        "Liên đoàn Lao động tỉnh Lai Châu",
        db=prov,
        check=True,
    )
    add = run_cli(
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
        db=prov,
        check=True,
    )
    assert "CDX-BINHLU" in add.stdout  # the code as typed, upper-cased
    prov_cat = tmp_path / "danh-muc-tinh.lcdx"
    run_cli("export-catalogue", "--out", str(prov_cat), db=prov, check=True)
    prov_fp = run_cli("fingerprint", db=prov, check=True).stdout.strip()

    # the commune starts from that file, registers a grassroots union, sends its catalogue
    start = run_cli(
        "init", "--catalogue", str(prov_cat), "--unit-code", "CDX-BINHLU", db=comm, check=True
    )
    assert "LDLD-LC" in start.stdout and "Liên đoàn Lao động tỉnh Lai Châu" in start.stdout
    assert prov_fp.split(":")[-1].strip() in start.stdout
    assert "đối chiếu" in start.stdout and "CDX-BINHLU — Công đoàn xã Bình Lư" in start.stdout
    assert [how for _fp, how in _parent_pin(comm, "LDLD-LC")] == ["catalogue"]
    run_cli(
        "unit",
        "add",
        "--code",
        "CDCS-MN-BINHLU",
        "--name",
        "Công đoàn cơ sở Trường Mầm non Bình Lư",
        "--parent-code",
        "CDX-BINHLU",
        "--level",
        "Công đoàn cơ sở",
        db=comm,
        check=True,
    )
    comm_cat = tmp_path / "danh-muc-xa.lcdx"
    run_cli("export-catalogue", "--out", str(comm_cat), db=comm, check=True)
    _session(comm, "2026-07-10", 40, 35, 20, 25)  # the commune's own activity

    # the grassroots union starts from the commune's catalogue
    wrong = run_cli("init", "--catalogue", str(comm_cat), "--unit-code", "CDCS-KHAC", db=base)
    assert wrong.returncode == 1 and "CDCS-MN-BINHLU" in wrong.stderr
    run_cli(
        "init", "--catalogue", str(comm_cat), "--unit-code", "cdcs-mn-binhlu", db=base, check=True
    )
    assert [how for _fp, how in _parent_pin(base, "CDX-BINHLU")] == ["catalogue"]
    listed = json.loads(run_cli("unit", "list", "--json", db=base, check=True).stdout)
    assert {u["code"]: u["parent_code"] for u in listed}["CDCS-MN-BINHLU"] == "CDX-BINHLU"
    _session(base, "2026-08-20", 30, 25, 18, 21)
    _session(base, "2026-10-02", 24, 24, 15, 10)
    run_cli(
        "supervision",
        "add",
        "--date",
        "2026-09-09",
        "--field",
        "giao-duc",
        "--target",
        "Trường Mầm non Bình Lư",
        "--recommendation",
        "Bổ sung tài liệu",
        db=base,
        check=True,
    )
    leaf = _totals(base)
    report = tmp_path / "bao-cao-cdcs.lcdx"
    run_cli("export", "--period", PERIOD, "--out", str(report), db=base, check=True)

    # the commune imports, accepts, sends the receipt down and its consolidated report up
    imp = json.loads(run_cli("import", "--json", str(report), db=comm, check=True).stdout)
    assert [d["outcome"] for d in imp] == ["new"]
    receipt = tmp_path / "phieu.lcdx"
    run_cli(
        "review",
        "--unit",
        "CDCS-MN-BINHLU",
        "--period",
        PERIOD,
        "--accept",
        "--out",
        str(receipt),
        db=comm,
        check=True,
    )
    up = tmp_path / "bao-cao-xa.lcdx"
    run_cli("export", "--period", PERIOD, "--out", str(up), db=comm, check=True)
    commune_own = _totals(comm)

    # the grassroots union takes the receipt under the key pinned from the catalogue
    got = json.loads(run_cli("import", "--json", str(receipt), db=base, check=True).stdout)
    assert [d["outcome"] for d in got] == ["new"]
    sent = json.loads(run_cli("sent", "--json", db=base, check=True).stdout)
    assert [(s["period"], s["status"]) for s in sent] == [(PERIOD, "accepted")]
    assert [how for _fp, how in _parent_pin(base, "CDX-BINHLU")] == ["catalogue"]  # not re-pinned

    # the province imports the commune's package: its subtree is the leaf plus the commune
    res = json.loads(run_cli("import", "--json", str(up), db=prov, check=True).stdout)
    assert [d["outcome"] for d in res] == ["new"]
    top = _totals(prov)
    assert {k: top["subtree"][k] for k in COUNTS} == {k: leaf[k] + commune_own[k] for k in COUNTS}
    assert top["units_reported"] == 2
    assert leaf["sessions"] == 2 and leaf["participants"] == 54
