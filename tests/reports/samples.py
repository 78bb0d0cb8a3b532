"""Render the sample reports shown in ``docs/`` (``python -m tests.reports.samples OUTDIR``):
the province's consolidated report at 40 communes × 25 units (first page and per-unit table),
a commune's report and a grassroots unit's report, each page as PNG at 60 dpi."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from lai_chau_desk.app import open_database

from .tree_fixture import PERIOD, build_commune, build_province

FINGERPRINT = "3F2A 9C01 77B4 0E5D 2A61 C8F0 19DE 4B73"


def _pngs(
    pdf: Path, stem: Path, pages: list[int], dpi: int = 60, names: list[str] | None = None
) -> list[Path]:
    out = []
    for k, page in enumerate(pages):
        target = stem.with_name(f"{stem.name}-{names[k] if names else page}")
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(target),
            ],
            check=True,
        )
        out.append(target.with_suffix(".png"))
    return out


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        province = open_database(work / "p.db", today=lambda: date(2026, 6, 28))
        build_province(province)
        province.reports.fingerprint_source = lambda: FINGERPRINT
        province.reports.write_pdf(PERIOD, work / "province.pdf")
        text = subprocess.run(
            ["pdftotext", str(work / "province.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\f")
        table = next(i for i, t in enumerate(text, 1) if "Phụ lục 1. Số liệu theo đơn vị" in t)
        _pngs(work / "province.pdf", out / "report-page-province", [1, table], names=["1", "table"])
        province.close()
        commune = open_database(work / "c.db", today=lambda: date(2026, 6, 24))
        build_commune(commune)
        commune.reports.fingerprint_source = lambda: FINGERPRINT
        commune.reports.write_pdf(PERIOD, work / "commune.pdf")
        _pngs(work / "commune.pdf", out / "report-page-commune", [1])
        commune.close()
        unit = open_database(work / "u.db", today=lambda: date(2026, 11, 28))
        unit.units.init_own_unit(
            "CDCS-THCS-TN", "Công đoàn cơ sở Trường THCS Thử Nghiệm", "CDVC-LC"
        )
        unit.demo.fill(seed=2026)
        unit.export.export_report("2026S2", out=work / "u.lcdx")
        unit.reports.write_pdf("2026S2", work / "unit.pdf")
        text = subprocess.run(
            ["pdftotext", str(work / "unit.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout.split("\f")
        signed = next(i for i, t in enumerate(text, 1) if "Nơi nhận" in t)
        _pngs(
            work / "unit.pdf", out / "report-page-grassroots", [1, signed], names=["1", "signature"]
        )
        unit.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
