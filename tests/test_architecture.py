"""The dependency direction ui -> services -> (storage, exchange, reports) -> domain, checked
on every import statement so it cannot erode."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lai_chau_desk"

# layer -> the layers of this package it may import (itself always allowed)
ALLOWED = {
    "domain": set(),
    "storage": {"domain", "paths"},
    "exchange": {"domain", "paths"},
    "reports": {"domain", "i18n", "paths"},
    "i18n": {"paths"},
    "services": {"domain", "storage", "exchange", "reports", "i18n", "paths"},
    "ui": {"services", "domain", "i18n", "paths", "app"},
    "cli": {"services", "domain", "storage", "i18n", "paths", "app", "selftest"},
}
QT_ALLOWED = {"ui", "app.py"}


def modules():
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        yield rel, ast.parse(path.read_text("utf-8"))


def imported(rel: Path, tree: ast.AST) -> list[str]:
    """Absolute dotted names of everything a module imports."""
    pkg_parts = ["lai_chau_desk", *rel.parent.parts]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append(name)
    return out


def layer_of(rel: Path) -> str:
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_layers_only_import_downwards() -> None:
    problems = []
    for rel, tree in modules():
        layer = layer_of(rel)
        if layer not in ALLOWED:
            continue
        for name in imported(rel, tree):
            parts = name.split(".")
            if parts[0] != "lai_chau_desk" or len(parts) < 2:
                continue
            target = parts[1]
            if target in ("__init__",) or target == layer or name == "lai_chau_desk":
                continue
            if target not in ALLOWED[layer] and not (target.startswith("__")):
                problems.append(f"{rel}: {layer} imports {name}")
    assert problems == []


def test_qt_only_in_the_ui() -> None:
    offenders = []
    for rel, tree in modules():
        if rel.parts[0] in QT_ALLOWED or str(rel) in QT_ALLOWED:
            continue
        if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in imported(rel, tree)):
            offenders.append(str(rel))
    assert offenders == []


def test_ui_never_touches_sql() -> None:
    offenders = []
    for rel, tree in modules():
        if rel.parts[0] != "ui":
            continue
        for n in imported(rel, tree):
            if n.split(".")[0] == "sqlalchemy" or n.startswith("lai_chau_desk.storage"):
                offenders.append(f"{rel}: {n}")
    assert offenders == []


def test_the_rules_can_fail() -> None:
    """The checker itself sees a forbidden import (a check that cannot fail is no check)."""
    tree = ast.parse("from ..storage import models\nimport PySide6.QtCore\n")
    names = imported(Path("domain/x.py"), tree)
    assert "lai_chau_desk.storage" in names and "PySide6.QtCore" in names
