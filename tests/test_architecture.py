"""The dependency direction ui -> services -> (storage, exchange, reports) -> domain, checked
by import-linter's contracts (``.ci/importlinter.ini``) on every form of import, so it cannot erode.

import-linter (grimp) reads every import statement — at module level or in a function,
relative or absolute: ``from ..storage import x``, ``from .. import storage``,
``from lai_chau_desk import storage``. What it cannot see is checked here: dynamic imports
(``importlib``), and a new top-level package nobody placed in a layer.
"""

from __future__ import annotations

import ast
import configparser
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import lai_chau_desk

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lai_chau_desk"
CONFIG = ROOT / ".ci" / "importlinter.ini"

# Dynamic imports import-linter cannot follow: module -> why it is safe (checked below).
DYNAMIC_IMPORTS = {"ui/screens.py": "screens imported on first use, each inside lai_chau_desk.ui"}


def _lint(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from importlinter.cli import lint_imports

    capsys.readouterr()
    code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return code, capsys.readouterr().out


def _layers() -> list[set[str]]:
    config = configparser.ConfigParser()
    config.read(CONFIG, encoding="utf-8")
    lines = config["importlinter:contract:layers"]["layers"].split("\n")
    return [set(re.split(r"\s*[|:]\s*", line.strip())) for line in lines if line.strip()]


def test_import_linter_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _lint(CONFIG, capsys)
    assert code == 0, out
    assert "BROKEN" not in out and "0 broken" in out


def test_every_top_level_module_is_placed_in_a_layer() -> None:
    """A new package (say ``lai_chau_desk/sync/``) must be given a place in ``.ci/importlinter.ini``;
    unplaced, import-linter would let it import anything and be imported by anything."""
    placed = set().union(*_layers())
    present = {m.name for m in pkgutil.iter_modules(lai_chau_desk.__path__)}
    assert present - placed == set(), "place these in .ci/importlinter.ini's layers"
    assert placed - present == set(), "these layers no longer exist"


def test_dynamic_imports_are_only_the_known_ones() -> None:
    """``importlib.import_module`` / ``__import__`` hide an import from import-linter: each use
    must be listed (with why it keeps the layers) and its targets checked."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            name = (
                (
                    node.func.attr
                    if isinstance(node.func, ast.Attribute)
                    else node.func.id
                    if isinstance(node.func, ast.Name)
                    else ""
                )
                if isinstance(node, ast.Call)
                else ""
            )
            if name in ("import_module", "__import__", "find_spec", "spec_from_file_location"):
                found[path.relative_to(PACKAGE).as_posix()] = name
    assert set(found) == set(DYNAMIC_IMPORTS), found

    from lai_chau_desk.ui.screens import SCREENS

    ui = PACKAGE / "ui"
    for spec in SCREENS:  # relative names, resolved against lai_chau_desk.ui: they stay in ui
        assert spec.module.startswith(".") and not spec.module.startswith(".."), spec
        assert (ui / f"{spec.module[1:]}.py").is_file(), spec


def test_no_layer_import_is_ignored() -> None:
    """issue 13: the last upward arrow (ui -> app, for the GC pause) is gone: app hands the
    resume down to ui.application.run; no exception to the layers remains."""
    config = configparser.ConfigParser()
    config.read(CONFIG, encoding="utf-8")
    ignored = [
        line.strip()
        for line in config["importlinter:contract:layers"].get("ignore_imports", "").split("\n")
        if line.strip() and not line.strip().startswith(";")
    ]
    assert ignored == []


FAKE = {
    "__init__.py": "",
    "domain/__init__.py": "",
    "domain/relative_package.py": "from .. import storage\n",
    "domain/absolute_package.py": "from fakepkg import storage\n",
    "domain/in_function.py": "def f():\n    import fakepkg.storage.models\n",
    "domain/clean.py": "import json\n",
    "storage/__init__.py": "",
    "storage/models.py": "from ..domain import clean\n",
}


def test_the_contracts_can_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The checker sees each hidden form of a forbidden import (a check that cannot fail is
    no check): ``from .. import x``, ``from pkg import x`` and an import inside a function."""
    for rel, text in FAKE.items():
        (tmp_path / "fakepkg" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fakepkg" / rel).write_text(text, "utf-8")
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_package = fakepkg\n\n"
        "[importlinter:contract:layers]\nname = storage above domain\n"
        "type = layers\ncontainers = fakepkg\nlayers =\n    storage\n    domain\n",
        "utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        code, out = _lint(config, capsys)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("fakepkg")]:
            del sys.modules[name]
    assert code != 0 and "BROKEN" in out, out
    for module in ("relative_package", "absolute_package", "in_function"):
        assert f"fakepkg.domain.{module} -> fakepkg.storage" in out, out
    assert "fakepkg.domain.clean" not in out.split("BROKEN", 1)[1]
