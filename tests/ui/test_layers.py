"""The UI talks to services only: no storage, no SQL, from lai_chau_desk/ui."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def test_ui_never_imports_storage_or_sqlalchemy() -> None:
    offenders = []
    for path in (ROOT / "lai_chau_desk" / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if name.startswith("sqlalchemy") or "storage" in name.split("."):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_no_qt_outside_ui() -> None:
    offenders = []
    for path in (ROOT / "lai_chau_desk").rglob("*.py"):
        rel = path.relative_to(ROOT / "lai_chau_desk")
        if rel.parts[0] == "ui":
            continue
        if "PySide6" in path.read_text("utf-8"):
            offenders.append(str(rel))
    assert offenders == []
