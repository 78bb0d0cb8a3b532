"""``lai-chau-desk report --period P --pdf FILE [--xlsx FILE] [--lang vi|en] [--number N]``."""

from __future__ import annotations

from pypdf import PdfReader


def test_report_command_writes_pdf_and_xlsx(cli, tmp_path, demo_db):  # noqa: ANN001
    db = demo_db
    pdf, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    proc = cli(
        "report",
        "--period",
        "2026S2",
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--number",
        "5",
        db=db,
    )
    assert proc.returncode == 0, proc.stderr
    assert "05/BC-CĐCS" in proc.stdout
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Số: 05/BC-CĐCS" in text
    assert xlsx.read_bytes()[:2] == b"PK"
    en = tmp_path / "en.pdf"
    assert (
        cli("report", "--period", "2026S2", "--pdf", str(en), "--lang", "en", db=db).returncode == 0
    )
    assert "REPORT" in "".join(p.extract_text() for p in PdfReader(en).pages)


def test_report_command_refusals(cli, tmp_path):
    db = tmp_path / "u.db"
    proc = cli("report", "--period", "2026S2", "--pdf", str(tmp_path / "x.pdf"), db=db)
    assert proc.returncode == 1 and "Chưa khai báo đơn vị" in proc.stderr
    cli("init", "--unit-code", "CDCS-A", "--unit-name", "A", db=db, check=True)
    proc = cli("report", "--period", "2026X9", "--pdf", str(tmp_path / "x.pdf"), db=db)
    assert proc.returncode == 1 and "Mã kỳ báo cáo không hợp lệ" in proc.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert cli("report", "--pdf", "x.pdf", db=db).returncode == 2
