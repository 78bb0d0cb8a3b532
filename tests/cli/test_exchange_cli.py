"""The exchange commands as administrators script them (DESIGN §9 JSON shapes, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

from lai_chau_desk.domain.figures import COUNT_KEYS
from tests.cli.conftest import Exported
from tests.exchange.lcdx_helpers import key, report_bytes, resign

# The keys of ``totals --json`` and of a package's figures are the declaration's (COUNT_KEYS);
# those already published are a stable contract (DESIGN §9): none may go or be renamed.
COUNTS = list(COUNT_KEYS)
PUBLISHED = {
    "sessions",
    "participants",
    "union_members",
    "female",
    "ethnic_minority",
    "sessions_interpreted",
    "supervisions",
    "recommendations",
}


def test_published_count_keys_are_kept() -> None:
    assert set(COUNT_KEYS) >= PUBLISHED


def test_export_verify_import_status_totals(
    cli, tmp_path: Path, exported: Exported, upper_db: Path
) -> None:  # noqa: ANN001
    low, up, pkg = exported.db, upper_db, exported.package
    assert "lần 1" in exported.run.stdout

    v = json.loads(cli("verify", str(pkg), "--json", db=up, check=True).stdout)
    assert {k: v[k] for k in ("unit", "parent", "period", "revision", "kind", "valid")} == {
        "unit": "CDCS-THCS-TN",
        "parent": "CDVC-LC",
        "period": "2026S2",
        "revision": 1,
        "kind": "report",
        "valid": True,
    }
    assert sorted(v["figures"]) == sorted(COUNTS)
    own = json.loads(cli("totals", "--period", "2026S2", "--json", db=low, check=True).stdout)
    assert v["figures"] == {k: own[k] for k in COUNTS}

    sim = tmp_path / "sim"
    r = cli(
        "simulate",
        "--out",
        str(sim),
        "--units",
        "3",
        "--period",
        "2026S2",
        "--seed",
        "5",
        db=up,
        check=True,
    )
    assert "3 gói" in r.stdout
    files = sorted(str(p) for p in sim.glob("*.lcdx"))
    bad = tmp_path / "bad.lcdx"
    bad.write_bytes(b"not a zip")

    dry = cli("import", "--dry-run", "--json", str(pkg), *files, db=up)
    assert dry.returncode == 0
    assert [d["outcome"] for d in json.loads(dry.stdout)] == ["new"] * 4
    assert json.loads(cli("status", "--period", "2026S2", "--json", db=up).stdout)["missing"] == []

    res = cli("import", "--json", str(pkg), *files, str(bad), db=up)
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert [set(d) for d in doc] == [{"file", "outcome", "reason"}] * 5
    assert [d["outcome"] for d in doc] == ["new"] * 4 + ["refused"]
    assert "ZIP" in doc[-1]["reason"]
    again = cli("import", "--json", str(pkg), db=up)
    assert again.returncode == 0 and json.loads(again.stdout)[0]["outcome"] == "unchanged"

    receipt = tmp_path / "receipt.lcdx"
    cli(
        "review",
        "--unit",
        "CDCS-THCS-TN",
        "--period",
        "2026S2",
        "--return",
        "Thiếu số liệu",
        "--out",
        str(receipt),
        db=up,
        check=True,
    )
    first = cli("import", str(receipt), db=low)  # rule 1: the parent's key is confirmed first
    assert first.returncode == 1 and "--accept-parent-key" in first.stdout
    fp = cli("fingerprint", db=up, check=True).stdout.strip()
    assert fp in first.stdout
    ok = cli("import", "--accept-parent-key", fp, str(receipt), db=low)
    assert ok.returncode == 0, ok.stdout
    sent = json.loads(cli("sent", "--json", db=low, check=True).stdout)
    assert [(s["period"], s["status"], s["comment"]) for s in sent] == [
        ("2026S2", "returned", "Thiếu số liệu")
    ]

    st = json.loads(cli("status", "--period", "2026S2", "--json", db=up, check=True).stdout)
    assert {"expected", "on_time", "late", "missing"} <= set(st)
    assert sorted(st["on_time"]) == sorted(st["expected"]) and "CDCS-THCS-TN" in st["expected"]
    assert len(st["expected"]) == 4 and st["missing"] == []

    tot = json.loads(cli("totals", "--period", "2026S2", "--json", db=up, check=True).stdout)
    assert tot["units_reported"] == 4
    per_unit = [
        json.loads(cli("verify", f, "--json", db=up, check=True).stdout)["figures"] for f in files
    ]
    for k in COUNTS:
        assert tot["subtree"][k] == tot[k] + v["figures"][k] + sum(f[k] for f in per_unit)


def test_changed_key_needs_accept_new_key(cli, tmp_path: Path, upper_db: Path) -> None:  # noqa: ANN001
    up = upper_db
    first, second = tmp_path / "r1.lcdx", tmp_path / "r2.lcdx"
    first.write_bytes(report_bytes("CDCS-K", signer=key("old")))
    second.write_bytes(
        resign(report_bytes("CDCS-K", seed=3), key("new"), edit=lambda m: m.update(revision=2))
    )
    assert cli("import", str(first), db=up).returncode == 0
    refused = cli("import", "--json", str(second), db=up)
    assert refused.returncode == 1
    reason = json.loads(refused.stdout)[0]["reason"]
    assert "đã thay đổi" in reason and "--accept-new-key CDCS-K" in reason
    ok = cli("import", "--json", "--accept-new-key", "CDCS-K", str(second), db=up)
    assert ok.returncode == 0 and json.loads(ok.stdout)[0]["outcome"] == "replaced"


def test_verify_refuses_tampered_file(cli, tmp_path: Path) -> None:  # noqa: ANN001
    data = bytearray(report_bytes("CDCS-T"))
    data[len(data) // 3] ^= 0x01
    path = tmp_path / "t.lcdx"
    path.write_bytes(bytes(data))
    res = cli("verify", str(path), "--json", db=tmp_path / "x.db")
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert doc["valid"] is False and doc["reason"]


def test_verify_code_tells_whether_the_file_is_the_package_on_paper(
    cli, tmp_path: Path, exported: Exported
) -> None:  # noqa: ANN001
    """The printed report's paper code names the package it was printed for; `verify --code`
    says whether a file held is that package (issue 10 item 6)."""
    from pypdf import PdfReader

    from lai_chau_desk.exchange.package import read_package
    from lai_chau_desk.reports.paper_code import identity_of, make_code

    low, first = exported.db, exported.package
    pkg = read_package(first.read_bytes())
    code = make_code(identity_of(pkg))
    # the report.pdf inside the package prints exactly this package's code
    import io

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pkg.pdf)).pages)
    assert code in " ".join(text.split())

    ok = cli("verify", "--code", code.lower(), str(first), db=low)
    assert ok.returncode == 0 and "Khớp với báo cáo giấy" in ok.stdout
    assert (
        json.loads(cli("verify", "--json", "--code", code, str(first), db=low).stdout)[
            "code_matches"
        ]
        is True
    )

    # a new revision is another package: the old paper no longer describes it
    cli(
        "session",
        "add",
        "--date",
        "2026-07-01",
        "--title",
        "Buổi bổ sung",
        "--directive",
        "50-KL/TW",
        "--form",
        "truc-tiep",
        "--participants",
        "10",
        db=low,
        check=True,
    )
    second = tmp_path / "r2.lcdx"
    cli("export", "--period", "2026S2", "--out", str(second), db=low, check=True)
    bad = cli("verify", "--code", code, str(second), db=low)
    assert bad.returncode == 1 and "KHÔNG khớp" in bad.stdout
    assert (
        json.loads(cli("verify", "--json", "--code", code, str(second), db=low).stdout)[
            "code_matches"
        ]
        is False
    )


def test_verify_refuses_an_oversized_file_without_reading_it(cli, tmp_path: Path) -> None:  # noqa: ANN001
    big = tmp_path / "big.lcdx"
    with big.open("wb") as f:  # sparse: 500 MB on paper, nothing on disk
        f.truncate(500 * 1024 * 1024)
    r = cli("verify", "--json", str(big), db=tmp_path / "x.db")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert out["valid"] is False and "quá lớn" in out["reason"]


def test_import_never_echoes_a_file_name_raw(cli, tmp_path: Path, upper_db: Path) -> None:  # noqa: ANN001
    """A file named with an ANSI escape cannot drive the officer's terminal: the name is
    echoed with the control characters escaped."""
    hostile = tmp_path / "\x1b]0;owned\x07\x1b[2J.lcdx"
    hostile.write_bytes(b"not a package")
    run = cli("import", str(hostile), db=upper_db)
    assert run.returncode == 1
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\\x1b]0;owned\\x07\\x1b[2J.lcdx" in run.stdout
