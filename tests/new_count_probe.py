"""Run by ``tests/test_new_count.py`` in a copy of the package where two session counts were
added the documented way (declaration, one migration, labels) and nothing else: checks that
both are carried through storage, the editor, the CLI, the schemas, the package, the import,
the consolidation, the XLSX and the PDF. Not collected by pytest (no ``test_`` prefix).

Usage: ``python new_count_probe.py WORKDIR`` with the copy first on ``PYTHONPATH``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANGUAGE"] = "vi"

FLAG_FIELD, FLAG_FIGURE, FLAG_LABEL = "climate", "sessions_climate", "Có lồng ghép khí hậu"
AMOUNT_FIELD, AMOUNT_FIGURE = "videos", "videos_shown"
ROW_FLAG, ROW_AMOUNT = "Số buổi lồng ghép ứng phó biến đổi khí hậu", "Số video đã trình chiếu"


def cli(*args: str) -> str:
    from lai_chau_desk.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    assert code == 0, (args, code, out.getvalue())
    return out.getvalue()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def xlsx_rows(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    return [
        tuple(r) for ws in load_workbook(path).worksheets for r in ws.iter_rows(values_only=True)
    ]


def check_declaration() -> None:
    import lai_chau_desk
    from lai_chau_desk.domain.figures import COUNT_KEYS, COUNTS
    from lai_chau_desk.domain.sessions import SESSION_FIELDS
    from lai_chau_desk.exchange.schema import schema
    from lai_chau_desk.storage.exchange_models import ReceivedFiguresRow
    from lai_chau_desk.storage.models import SessionRow

    copy = Path(os.environ["PYTHONPATH"])
    assert Path(lai_chau_desk.__file__).parent.parent == copy, lai_chau_desk.__file__
    assert {FLAG_FIELD, AMOUNT_FIELD} <= set(SESSION_FIELDS)
    assert {FLAG_FIGURE, AMOUNT_FIGURE} <= set(COUNTS) and FLAG_FIGURE in COUNT_KEYS
    assert {FLAG_FIELD, AMOUNT_FIELD} <= set(SessionRow.__table__.columns.keys())
    assert {FLAG_FIGURE, AMOUNT_FIGURE} <= set(ReceivedFiguresRow.__table__.columns.keys())
    session = schema("report")["$defs"]["session"]
    assert session["properties"][FLAG_FIELD] == {"type": "boolean"}
    assert {FLAG_FIELD, AMOUNT_FIELD} <= set(session["required"])
    for name, obj in (("report", "figures"), ("manifest", "figures"), ("consolidation", "counts")):
        assert {FLAG_FIGURE, AMOUNT_FIGURE} <= set(schema(name)["$defs"][obj]["required"]), name


def check_migration(work: Path) -> None:
    """The one migration brings a database to the models (declaration-built) exactly."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from lai_chau_desk.storage import migrate
    from lai_chau_desk.storage.engine import make_engine
    from lai_chau_desk.storage.models import Base

    engine = make_engine(work / "migrated.db")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def check_editor() -> None:
    from PySide6.QtWidgets import QApplication, QCheckBox, QSpinBox

    from lai_chau_desk import i18n
    from lai_chau_desk.ui.session_editor import SessionEditor

    i18n.install("vi")
    app = QApplication.instance() or QApplication([])
    ed = SessionEditor()
    flag, amount = ed.own_counts[FLAG_FIELD], ed.own_counts[AMOUNT_FIELD]
    assert isinstance(flag, QCheckBox) and flag.text() == FLAG_LABEL
    assert isinstance(amount, QSpinBox)
    ed.title.setText("Buổi thử")
    flag.setChecked(True)
    amount.setValue(3)
    assert ed.dirty
    s = ed.session()
    assert (getattr(s, FLAG_FIELD), getattr(s, AMOUNT_FIELD)) == (True, 3)
    ed.load(None)
    assert not flag.isChecked() and amount.value() == 0
    ed.load(s)
    assert flag.isChecked() and amount.value() == 3
    ed.deleteLater()
    app.processEvents()


def check_flow(work: Path) -> None:
    low, up = str(work / "low.db"), str(work / "up.db")
    cli("--db", low, "init", "--unit-code", "CDCS-X", "--unit-name", "Công đoàn cơ sở X",
        "--parent-code", "CDVC-LC")  # fmt: skip
    for day, extra in (
        ("2026-08-10", ["--climate"]),
        ("2026-09-14", ["--climate"]),
        ("2026-10-05", []),
    ):
        cli("--db", low, "session", "add", "--date", day, "--title", "Tuyên truyền",
            "--form", "truc-tiep", "--directive", "50-KL/TW", "--participants", "20", "--videos", "4", *extra)  # fmt: skip
    own = json.loads(cli("--db", low, "totals", "--period", "2026S2", "--json"))
    assert own[FLAG_FIGURE] == 2, own

    pdf, xlsx = work / "bc.pdf", work / "bc.xlsx"
    cli("--db", low, "report", "--period", "2026S2", "--pdf", str(pdf), "--xlsx", str(xlsx))
    text = pdf_text(pdf)
    assert f"{ROW_FLAG} 2" in text and f"{ROW_AMOUNT} 12" in text, text[:3000]
    assert "trong đó 2 buổi lồng ghép ứng phó biến đổi khí hậu" in text
    assert "Đã trình chiếu 12 video." in text
    assert "BĐKH" in text  # the yes/no's note in the sessions appendix
    rows = xlsx_rows(xlsx)
    assert (ROW_FLAG, 2) in [r[1:3] for r in rows] and (ROW_AMOUNT, 12) in [r[1:3] for r in rows]
    header = next(r for r in rows if "Có lồng ghép" in r)
    total = next(r for r in rows[rows.index(header) :] if "Tổng cộng" in r)
    assert total[header.index("Có lồng ghép")] == 2 and total[header.index("Video")] == 12

    pkg = work / "bc.lcdx"
    cli("--db", low, "export", "--period", "2026S2", "--out", str(pkg))
    with zipfile.ZipFile(pkg) as z:
        manifest, payload = json.loads(z.read("manifest.json")), json.loads(z.read("payload.json"))
    assert (manifest["figures"][FLAG_FIGURE], manifest["figures"][AMOUNT_FIGURE]) == (2, 12)
    assert sorted(s[FLAG_FIELD] for s in payload["sessions"]) == [False, True, True]
    assert [s[AMOUNT_FIELD] for s in payload["sessions"]] == [4, 4, 4]

    cli("--db", up, "init", "--unit-code", "CDVC-LC", "--unit-name", "Công đoàn Viên chức tỉnh")
    cli("--db", up, "import", str(pkg))  # the reader checks the figures against the records
    total = json.loads(cli("--db", up, "totals", "--period", "2026S2", "--json"))
    assert total["subtree"][FLAG_FIGURE] == 2, total
    cons, cons_x = work / "th.pdf", work / "th.xlsx"
    cli("--db", up, "report", "--period", "2026S2", "--pdf", str(cons), "--xlsx", str(cons_x))
    assert f"{ROW_FLAG} 2" in pdf_text(cons)
    rows = xlsx_rows(cons_x)
    assert (ROW_AMOUNT, 12) in [r[1:3] for r in rows]
    unit_header = next(r for r in rows if "Buổi lồng ghép khí hậu" in r)
    unit_row = next(r for r in rows if "CDCS-X" in r)
    assert unit_row[unit_header.index("Buổi lồng ghép khí hậu")] == 2


def main() -> int:
    work = Path(sys.argv[1])
    check_declaration()
    check_migration(work)
    check_editor()
    check_flow(work)
    print("new count carried through")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
