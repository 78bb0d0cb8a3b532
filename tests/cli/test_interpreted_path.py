"""Issue 13's new session field, carried the whole way: a session held with interpretation
into an ethnic-minority language -> totals -> report PDF and XLSX -> the package's signed
manifest -> the level above imports it -> its subtree totals and consolidated report."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from lai_chau_desk.reports.labels import VI


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_interpreted_sessions_reach_the_consolidated_report(
    cli, tmp_path: Path, grassroots_db: Path, upper_db: Path
) -> None:  # noqa: ANN001
    low, up = grassroots_db, upper_db
    for day in ("2026-08-10", "2026-09-14"):
        cli(
            "session",
            "add",
            "--directive",
            "50-KL/TW",
            "--date",
            day,
            "--title",
            "Quán triệt Nghị quyết bằng tiếng Thái",
            "--form",
            "truc-tiep",
            "--participants",
            "30",
            "--interpreted",
            db=low,
            check=True,
        )
    cli(
        "session",
        "add",
        "--directive",
        "50-KL/TW",
        "--date",
        "2026-10-05",
        "--title",
        "Tuyên truyền pháp luật",
        "--form",
        "truc-tiep",
        "--participants",
        "20",
        db=low,
        check=True,
    )

    own = json.loads(cli("totals", "--period", "2026S2", "--json", db=low, check=True).stdout)
    assert (own["sessions"], own["sessions_interpreted"]) == (3, 2)

    pdf, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    cli("report", "--period", "2026S2", "--pdf", str(pdf), "--xlsx", str(xlsx), db=low, check=True)
    assert "trong đó 2 buổi có phiên dịch tiếng dân tộc thiểu số" in _pdf_text(pdf)
    rows = [
        tuple(r) for ws in load_workbook(xlsx).worksheets for r in ws.iter_rows(values_only=True)
    ]
    hit = [r for r in rows if VI["row_sessions_interpreted"] in r]
    assert hit and hit[0][hit[0].index(VI["row_sessions_interpreted"]) + 1] == 2, hit

    pkg = tmp_path / "bao-cao.lcdx"
    cli("export", "--period", "2026S2", "--out", str(pkg), db=low, check=True)
    with zipfile.ZipFile(io.BytesIO(pkg.read_bytes())) as z:
        manifest = json.loads(z.read("manifest.json"))
        payload = json.loads(z.read("payload.json"))
    assert manifest["figures"]["sessions_interpreted"] == 2
    assert sorted(s["interpreted"] for s in payload["sessions"]) == [False, True, True]

    cli("import", str(pkg), db=up, check=True)
    total = json.loads(cli("totals", "--period", "2026S2", "--json", db=up, check=True).stdout)
    assert (total["sessions_interpreted"], total["subtree"]["sessions_interpreted"]) == (0, 2)
    cons = tmp_path / "th.pdf"
    cli("report", "--period", "2026S2", "--pdf", str(cons), db=up, check=True)
    assert "trong đó 2 buổi có phiên dịch tiếng dân tộc thiểu số" in _pdf_text(cons)
