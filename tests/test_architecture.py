"""The dependency direction ui -> services -> (storage, exchange, reports) -> domain, checked
by import-linter's contracts (``[tool.importlinter]`` in ``pyproject.toml``) on every form of
import, so it cannot erode.

import-linter (grimp) reads every import statement — at module level or in a function,
relative or absolute: ``from ..storage import x``, ``from .. import storage``,
``from lai_chau_desk import storage``. What it cannot see is checked here: dynamic imports
(``importlib``); and that each of the seven contracts can fail: the same contracts, applied to
a small package that breaks each of them, report every breach.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import lai_chau_desk

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lai_chau_desk"
CONFIG = ROOT / "pyproject.toml"
CONTRACT_IDS = {
    "layers",
    "qt-only-in-ui",
    "sql-only-in-storage",
    "ui-not-storage",
    "domain-pure",
    "ui-through-services",
    "cli-no-qt",
}

# Dynamic imports import-linter cannot follow: module -> why it is safe (checked below).
DYNAMIC_IMPORTS = {"ui/screens.py": "screens imported on first use, each inside lai_chau_desk.ui"}


def _lint(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from importlinter.cli import lint_imports

    capsys.readouterr()
    code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return code, capsys.readouterr().out


def _options() -> dict[str, Any]:
    """``[tool.importlinter]`` of pyproject.toml, its contracts under ``contracts``."""
    with CONFIG.open("rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]


def _contract(contract_id: str) -> dict[str, Any]:
    return next(c for c in _options()["contracts"] if c["id"] == contract_id)


def _layers() -> list[set[str]]:
    return [set(re.split(r"\s*[|:]\s*", line.strip())) for line in _contract("layers")["layers"]]


def test_import_linter_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    options = _options()
    assert options["root_package"] == "lai_chau_desk"
    assert options["include_external_packages"] is True  # needed to forbid PySide6 & co.
    assert {c["id"] for c in options["contracts"]} == CONTRACT_IDS
    assert len(options["contracts"]) == len(CONTRACT_IDS)
    code, out = _lint(CONFIG, capsys)
    assert code == 0, out
    assert "BROKEN" not in out and "7 kept, 0 broken" in out


def test_every_top_level_module_is_placed_in_a_layer() -> None:
    """A new package (say ``lai_chau_desk/sync/``) must be given a place in the layers contract
    of pyproject.toml; unplaced, import-linter would let it import anything and be imported by
    anything. (The contract is ``exhaustive`` too: ``lint-imports`` alone fails on it.)"""
    assert _contract("layers")["exhaustive"] is True
    placed = set().union(*_layers())
    present = {m.name for m in pkgutil.iter_modules(lai_chau_desk.__path__)}
    assert present - placed == set(), "place these in pyproject.toml's layers contract"
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
    layers = _contract("layers")
    assert layers.get("ignore_imports", []) == []
    assert "exhaustive_ignores" not in layers


# A package shaped like lai_chau_desk (every top-level module placed) whose modules break each
# contract once, in each hidden form: ``from .. import x``, ``from pkg import x``, an import
# inside a function. The clean modules must not be reported.
FAKE = {
    "__init__.py": "",
    "__main__.py": "from . import cli\n",
    "bundle_entry.py": "",
    "cli/__init__.py": "",
    "cli/window.py": "from ..ui import shell\n",  # cli-no-qt
    "cli/clean.py": "from .. import services\n",
    "selftest.py": "",
    "app.py": "import PySide6\nfrom . import ui\n",
    "ui/__init__.py": "",
    "ui/shell.py": "import PySide6.QtWidgets\n",
    "ui/query.py": "import sqlalchemy\n",  # sql-only-in-storage
    "ui/rows.py": "from ..storage import models\n",  # ui-not-storage
    "ui/paper.py": "from fakepkg.reports import pdf\n",  # ui-through-services
    "ui/clean.py": "from ..services import work\n",
    "services/__init__.py": "",
    "services/widgets.py": "def f():\n    from PySide6 import QtWidgets\n",  # qt-only-in-ui
    "services/work.py": "from ..storage import models\n",
    "storage/__init__.py": "",
    "storage/models.py": "import sqlalchemy\nfrom ..domain import clean\n",
    "exchange/__init__.py": "",
    "reports/__init__.py": "",
    "reports/pdf.py": "from ..domain import clean\n",
    "domain/__init__.py": "",
    "domain/relative_package.py": "from .. import storage\n",  # layers
    "domain/absolute_package.py": "from fakepkg import storage\n",  # layers
    "domain/in_function.py": "def f():\n    import fakepkg.storage.models\n",  # layers
    "domain/sheet.py": "import openpyxl\n",  # domain-pure
    "domain/clean.py": "import json\nfrom .. import paths\n",
    "i18n/__init__.py": "",
    "paths.py": "",
}
# contract id -> the imports its report must name
BREACHES = {
    "layers": [
        "fakepkg.domain.relative_package -> fakepkg.storage",
        "fakepkg.domain.absolute_package -> fakepkg.storage",
        "fakepkg.domain.in_function -> fakepkg.storage",
    ],
    "qt-only-in-ui": ["fakepkg.services.widgets -> PySide6"],
    "sql-only-in-storage": ["fakepkg.ui.query -> sqlalchemy"],
    "ui-not-storage": ["fakepkg.ui.rows -> fakepkg.storage"],
    "domain-pure": ["fakepkg.domain.sheet -> openpyxl"],
    "ui-through-services": ["fakepkg.ui.paper -> fakepkg.reports"],
    "cli-no-qt": ["fakepkg.cli.window -> fakepkg.ui"],
}


def _fake_config(path: Path) -> None:
    """pyproject.toml's own ``[tool.importlinter]``, aimed at ``fakepkg`` (JSON strings, lists
    and booleans are TOML too)."""

    def value(v: object) -> str:
        text = json.dumps(v, ensure_ascii=False)
        return re.sub(r"\blai_chau_desk\b", "fakepkg", text)

    options = _options()
    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {value(v)}" for k, v in options.items() if k != "contracts"]
    for contract in options["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{k} = {value(v)}" for k, v in contract.items()]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _lint_fake(
    tmp_path: Path, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    for rel, text in files.items():
        (tmp_path / "fakepkg" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "fakepkg" / rel).write_text(text, "utf-8")
    config = tmp_path / "pyproject.toml"
    _fake_config(config)
    sys.path.insert(0, str(tmp_path))
    try:
        return _lint(config, capsys)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("fakepkg")]:
            del sys.modules[name]


def _broken_section(out: str) -> str:
    assert "Broken contracts" in out, out
    return out.split("Broken contracts", 1)[1]


def test_the_contracts_can_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every one of the seven contracts, as configured, reports a breach of it (a check that
    cannot fail is no check), in each hidden form of import; clean modules are not named."""
    assert set(BREACHES) == CONTRACT_IDS
    code, out = _lint_fake(tmp_path, FAKE, capsys)
    assert code != 0 and "0 kept, 7 broken" in out, out
    broken = _broken_section(out)
    names = {c["id"]: c["name"] for c in _options()["contracts"]}
    for contract_id, imports in BREACHES.items():
        assert names[contract_id].split(" -> ")[0] in broken, (contract_id, out)
        for line in imports:
            assert line in broken, (contract_id, line, out)
    for clean in ("fakepkg.domain.clean", "fakepkg.ui.clean", "fakepkg.cli.clean"):
        assert f"{clean} ->" not in broken, (clean, out)


def test_an_unplaced_package_breaks_the_layers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The layers contract is exhaustive: ``lint-imports`` alone fails on a new top-level
    package nobody placed, even one that imports nothing."""
    clean = {
        rel: text
        for rel, text in FAKE.items()
        if rel.endswith("__init__.py") or rel in ("__main__.py", "bundle_entry.py")
    }
    clean |= {"selftest.py": "", "app.py": "", "paths.py": "", "sync/__init__.py": ""}
    code, out = _lint_fake(tmp_path, clean, capsys)
    assert code != 0 and "6 kept, 1 broken" in out, out
    assert "fakepkg.sync" in _broken_section(out), out


def test_mypy_checks_the_whole_package() -> None:
    """issue 13: mypy runs over all of lai_chau_desk (``.ci/run``), the UI included: no module
    is excused in the config, the UI silences no error, and each silenced error elsewhere
    names its code (a bare ``# type: ignore`` would hide any error on its line)."""
    with CONFIG.open("rb") as f:
        mypy = tomllib.load(f)["tool"]["mypy"]
    assert "overrides" not in mypy and "ignore_errors" not in mypy and "exclude" not in mypy
    run = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^mypy lai_chau_desk$", run, re.MULTILINE), "mypy over the whole package"
    assert re.search(r"^lint-imports$", run, re.MULTILINE), "contracts from pyproject.toml"
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if "type: ignore" not in line:
                continue
            assert not rel.startswith("ui/"), f"{rel}:{n}: type the UI, do not silence it"
            assert re.search(r"type: ignore\[[a-z-]+(, ?[a-z-]+)*\]", line), f"{rel}:{n}"
